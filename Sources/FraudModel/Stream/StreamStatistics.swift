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
