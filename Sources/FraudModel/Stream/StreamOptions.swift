/// How the stream raises warnings and how long it remembers.
public struct StreamOptions: Sendable, Equatable {
    /// No second warning at the same tier within this many seconds (`--cooldown`, 24h).
    public var cooldown: UInt32 = 86_400
    /// Records may arrive this late (event time) without being reported (`--max-delay`, 5m).
    public var maxDelay: UInt32 = 300
    /// State of a number idle for this long is forgotten, and calls older than this are no
    /// longer kept for late suspicion (`--retention`, 7d). At least the longest rule window.
    public var retention: UInt32 = 7 * 86_400

    /// The defaults.
    public init() {}
}

/// A warning raised by the stream: the list row plus the event time of the call that raised it.
public struct StreamWarning: Sendable, Equatable {
    /// Event time (UTC epoch seconds) of the call that raised it.
    public var raisedAt: UInt32
    /// The warning, as in the batch list.
    public var warning: Warning
}

/// Counters the stream reports.
public struct StreamStatistics: Sendable, Equatable {
    /// Records processed, and those that arrived later than `maxDelay`.
    public var records = 0, late = 0
    /// Malformed lines skipped.
    public var rejected = 0
    /// Warnings raised.
    public var warnings = 0
    /// Numbers currently suspect.
    public var suspects = 0
}
