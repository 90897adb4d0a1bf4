/// How the stream raises warnings and how long it remembers.
public struct StreamOptions: Sendable, Equatable {
    /// No second warning at the same tier within this many seconds (`--cooldown`, 24h).
    public var cooldown: UInt32 = 86_400
    /// Records may arrive this late (event time) without being reported (`--max-delay`, 5m).
    public var maxDelay: UInt32 = 300
    /// State of a number idle for this long is forgotten, and calls older than this are no
    /// longer kept for late suspicion (`--retention`, 7d). At least the longest rule window.
    public var retention: UInt32 = 7 * 86_400
    /// A call dated more than this after the latest one is held until the calls after it show
    /// whether time moved on (`--max-ahead`, 1d; 0: never held). See `StreamEngine+Ahead`.
    public var maxAhead: UInt32 = 86_400
    /// A number that has been a suspect this long stays one while it is active, whatever its
    /// later calls do to its suspicion (`--keep-suspects`, 3d; 0: never kept). See
    /// `StreamEngine+Suspicion`.
    public var keepSuspects: UInt32 = 3 * 86_400

    /// The defaults.
    public init() {}
}
