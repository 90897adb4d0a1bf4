/// Starting a stream from past calls instead of from nothing (`stream --warm-up FILE`).
///
/// A stream that starts cold knows no number: a fake service line or a hand-off is suspect
/// only after enough calls, and the victims it reaches meanwhile are warned late. A stream
/// that has been running (or restored from its checkpoint) does not have that gap. Reading
/// the last days' call files first gives a first start the state such a stream would hold.
/// The warnings those calls would have raised one by one are not returned: nobody saw them.
/// Once the last file is read, ``warnAtRisk()`` raises one warning for each subscriber the
/// past calls leave in a tier, so the live feed starts from the people at risk now.
extension StreamEngine {
    /// Starts reading a file of past calls (header first) named `source` in messages.
    public mutating func beginWarmUp(source: String) {
        reader.beginSource(source)
    }

    /// Reads a chunk of the file begun with ``beginWarmUp(source:)``; its calls build state
    /// as live ones would, and raise nothing.
    ///
    /// - Throws: ``InputError`` as ``consume(_:)``.
    public mutating func warmUp(_ chunk: UnsafeRawBufferPointer) throws(InputError) {
        let before = statistics.warnings
        _ = try consume(chunk)
        statistics.warnings = before
    }

    /// Ends the file begun with ``beginWarmUp(source:)``; the next input (the live feed)
    /// begins with its own header. Every warning the past calls would have raised is
    /// forgotten (the cool-downs start from ``warnAtRisk()`` and the live feed), and
    /// the counters (records, late, rejected, subscriber rows merged and skipped) start
    /// again, so they and a checkpoint's count speak of the live feed only (`stream: N
    /// records` is where to resume it). The rows of a call seen from both sides are matched
    /// across the end: a live row whose twin was among the file's last minutes counts once.
    ///
    /// - Returns: The counters as the file left them (its records, lines, late and rejected
    ///   lines, rows merged and skipped).
    /// - Throws: ``InputError`` as ``finish()``.
    @discardableResult
    public mutating func endWarmUp() throws(InputError) -> StreamStatistics {
        let before = statistics.warnings
        _ = try finish()
        var read = statistics
        read.warnings = 0
        statistics.warnings = before
        statistics.records = 0
        statistics.lines = 0
        statistics.late = 0
        statistics.rejected = 0
        statistics.skipped = 0
        statistics.mergedDuplicates = 0
        statistics.skippedCallTypes = [:]
        reader.rejected = 0
        reader.skippedCallTypes = [:]
        // Late notes are numbered by the file's records (counted in `late`); skipped calls are
        // reported. Calls still held go on to the live feed, which confirms or skips them.
        notes.removeAll { $0.kind == .late }
        // Numbered by the file, the calls handed on would lie past the live feed's count
        // (a checkpoint saved before the feed had read as many was refused as damaged): they
        // are number 0, "a call of the warm-up", from now on.
        for k in heldAhead.indices { heldAhead[k].number = 0 }
        duplicates?.renumberAsWarmUp()
        warned.removeAll()
        reader.beginSource("-")
        return read
    }

    /// After the last warm-up file: assesses every subscriber the past calls left with a
    /// suspect contact, as of the last call read, and returns a warning for each one in a
    /// tier (in number-id order). Without it a tier-1 victim found in the past calls waited
    /// for their next call to be warned (two days of event time on a test file), and a live
    /// feed that brought them none never warned them at all. The cool-down and "more urgent
    /// than before" then count from these warnings.
    ///
    /// - Complexity: One assessment per subscriber with a timeline.
    public mutating func warnAtRisk() -> [StreamWarning] {
        var out: [StreamWarning] = []
        var ids = timelines.keys.map { Int($0) }
        assessEach(&ids, at: maxTime, into: &out)
        return out
    }
}
