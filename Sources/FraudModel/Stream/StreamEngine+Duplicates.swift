/// A subscriber export's live feed lists a call between two of its subscribers twice, once in
/// each one's rows, minutes apart at most (`--max-delay`). The stream counts it once, as batch
/// does (`DuplicateCallFilter`): each row is offered to `StreamDuplicateFilter` as it is taken
/// (after the calls dated far ahead are held back, so one of those never moves its clock), and
/// only the rows it calls calls are processed. A row dropped so is still a record (counted in
/// `records`, its line's handset and region noted) and is counted in `mergedDuplicates`.
extension StreamEngine {
    /// Processes `h` unless it is the other side of a call already taken, and then any earlier
    /// row that turns out to be a call of its own (two calls crossing in one second).
    ///
    /// - Returns: Whether a call was processed. Rows of calls (no side) always are: for them
    ///   this costs one comparison.
    @inline(__always)
    @discardableResult
    mutating func take(_ h: HeldCall, into out: inout [StreamWarning]) -> Bool {
        guard h.side != .none, duplicates != nil else {
            process(h.call, number: h.number, into: &out)
            return true
        }
        return takeRow(h, into: &out)
    }

    /// ``take(_:into:)`` for a subscriber row.
    private mutating func takeRow(_ h: HeldCall, into out: inout [StreamWarning]) -> Bool {
        // On the clock of the calls processed: a late row's twin is still there, and a row
        // dropped here does not move it.
        let isCall = duplicates!.offer(h.call, side: h.side, tag: h.number, clock: maxTime)
        let released = duplicates!.released.count
        // A row the warm-up dropped for now, released in the live feed, was counted there:
        // the live count, started again at 0, never goes below it.
        statistics.mergedDuplicates = max(0, statistics.mergedDuplicates + (isCall ? 0 : 1) - released)
        if isCall { process(h.call, number: h.number, into: &out) }
        for k in 0..<released {
            let r = duplicates!.released[k]
            process(r.call, number: r.tag, into: &out)
        }
        return isCall || released > 0
    }

    /// Whether the input is a subscriber export (`--layout subscriber`), whose calls between two
    /// of its subscribers come as two rows, counted once.
    public var readsSubscriberRows: Bool { duplicates != nil }

    /// Rows the duplicate filter holds (subscriber layout; 0 otherwise).
    public var rowsHeldForTwins: Int { duplicates?.count ?? 0 }
}
