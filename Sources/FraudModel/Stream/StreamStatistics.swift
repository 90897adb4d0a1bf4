/// Counters the stream reports.
public struct StreamStatistics: Sendable, Equatable {
    /// Records processed, and those that arrived later than `maxDelay`.
    public var records = 0, late = 0
    /// Lines of the input read whole after its header (records, rejected and blank lines,
    /// as `tail -n` counts them), over every run resumed from a checkpoint: a run resumed
    /// with the header and the lines after these continues exactly. Nil after a checkpoint
    /// saved by an earlier version, which did not count them.
    public var lines: Int? = 0
    /// Malformed lines skipped.
    public var rejected = 0
    /// Calls skipped as dated more than `maxAhead` after the latest call, with no later call as late.
    public var skipped = 0
    /// Subscriber-layout rows counted once as the other side of a call already taken
    /// (`StreamDuplicateFilter`); they are in `records` too.
    public var mergedDuplicates = 0
    /// Subscriber-layout rows of other call types (forwarding, SMS …) skipped, by code; not
    /// records.
    public var skippedCallTypes: [String: Int] = [:]
    /// Warnings raised.
    public var warnings = 0
    /// Numbers currently suspect.
    public var suspects = 0
}
