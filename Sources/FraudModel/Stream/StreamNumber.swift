/// What the stream keeps about one number: everything a call reads or writes for one party,
/// in 128 bytes, so that in `AlignedArray` storage a party costs two cache lines and nothing
/// else per call (the heads of its peer and call lists, its suspicion and `expired` flag were
/// separate arrays, a miss each, on the 200k-subscriber week).
///
/// The fields are laid out in declaration order: keep the profile first, the 1-byte flags in
/// the profile's tail padding, and the size at most 128 (`StreamEngineTests` checks it).
struct StreamNumber: Sendable {
    var profile = NumberProfile()
    /// `Flag` bits.
    private var flags: UInt8 = 0
    /// Event time of its last call; 0 = no state (new or expired).
    var lastSeen: UInt32 = 0
    // The traits, unpacked: `NumberTraits` as a field would leave 7 bytes of padding.
    private var classBits: UInt64
    private var listBits: UInt64
    /// Suspicion without ring features (round one).
    var firstRound: Float = 0
    var ring: UInt32 = 0
    /// The first round-one suspect that held it at least ring_min_talk; .max = none.
    var holder: UInt32 = .max
    /// Final suspicion, as in the engine's `suspicion` array (which `Exposure` reads); kept
    /// here so an evaluation writes that array only when the value changes.
    var suspicion: Float = 0
    /// Head of its list in the engine's `peers` pool (`ListPool.end` = empty).
    var peersHead: UInt32 = ListPool.end
    /// Sequence number of its latest call still in the engine's `recent` (`ListPool.end` =
    /// none), the start of its chain of `recentLinks`.
    var callsHead: UInt32 = ListPool.end

    init(traits: NumberTraits) {
        classBits = traits.classBits
        listBits = traits.listBits
        isConsidered = traits.isConsidered
    }
}

extension StreamNumber {
    // MARK: - Flags

    private enum Flag: UInt8 {
        case considered = 1, firstRoundSuspect = 2, suspect = 4, heldByMany = 8, expired = 16
    }

    @inline(__always)
    private func has(_ f: Flag) -> Bool { flags & f.rawValue != 0 }

    @inline(__always)
    private mutating func set(_ f: Flag, _ on: Bool) {
        flags = on ? flags | f.rawValue : flags & ~f.rawValue
    }

    /// Its classes and lists under the current rules.
    var traits: NumberTraits {
        get { NumberTraits(classBits: classBits, listBits: listBits, isConsidered: isConsidered) }
        set { classBits = newValue.classBits; listBits = newValue.listBits; isConsidered = newValue.isConsidered }
    }

    /// `traits.isConsidered`, without building the traits.
    private var isConsidered: Bool {
        get { has(.considered) }
        set { set(.considered, newValue) }
    }

    var isFirstRoundSuspect: Bool {
        get { has(.firstRoundSuspect) }
        set { set(.firstRoundSuspect, newValue) }
    }

    var isSuspect: Bool {
        get { has(.suspect) }
        set { set(.suspect, newValue) }
    }

    var heldByMany: Bool {
        get { has(.heldByMany) }
        set { set(.heldByMany, newValue) }
    }

    /// Expired since the shared tables were last compacted.
    var isExpired: Bool {
        get { has(.expired) }
        set { set(.expired, newValue) }
    }
}
