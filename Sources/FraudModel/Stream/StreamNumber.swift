/// What the stream keeps about one number.
struct StreamNumber: Sendable {
    var profile = NumberProfile()
    var traits: NumberTraits
    /// Event time of its last call; 0 = no state (new or expired).
    var lastSeen: UInt32 = 0
    /// Suspicion without ring features (round one).
    var firstRound: Float = 0
    var ring: UInt32 = 0
    /// The first round-one suspect that held it at least ring_min_talk; .max = none.
    var holder: UInt32 = .max
    var isFirstRoundSuspect = false
    var isSuspect = false
    var heldByMany = false

    init(traits: NumberTraits) { self.traits = traits }
}
