/// Losing one line, not a run of them, to a stray quote.
///
/// RFC 4180 lets a quoted field hold line breaks, so a stray `"` at the start of a field
/// makes every following line part of that field until another quote closes it. Call records
/// never hold line breaks: a quoted field still open when its record passes the line-length
/// limit, or when the input ends, is taken to be a stray quote. Only the line that opened it is
/// rejected ("quoted field opened on line N is not closed …"), and the lines after it are read
/// again as records of their own, as if that line had held no quote. A quoted line break
/// closed within the limit is read as before.
///
/// The decision depends only on the bytes since the record began, never on where chunks or
/// the parts of a parallel read were cut, so every read of an input gives the same records.
extension CallLogBuilder {
    /// Rejects the first line of the record being assembled (its bytes up to `firstBreak`, the
    /// first line break in `carry`) for `reason`, then reads again the lines after it: the rest
    /// of `carry`, then `piece`, the current line's bytes not yet in `carry`, ended by a line
    /// break when `lineEnded`.
    ///
    /// - Complexity: O(the line-length limit + `piece`) per stray quote: the bytes after the
    ///   rejected line are scanned a second time.
    /// - Throws: ``InputError/malformedLine(_:)`` under `--strict`.
    @inline(never)
    mutating func resynchronize(firstBreak: Int, reason: RecordIssue.Reason, then piece: UnsafeBufferPointer<UInt8>,
                                lineEnded: Bool) throws(InputError) {
        var again = Array(carry[(firstBreak + 1)...])
        again.append(contentsOf: piece)
        if lineEnded { again.append(0x0A) }
        carry.removeAll(keepingCapacity: true)
        carryOpenLine = false
        skippingLongLine = false
        // The rejected line is the last one finished; it counts as a record read, as any
        // other rejected row does (a header line is no record).
        lineNumber = recordLine
        if header != nil { linesRead += 1 }
        try reject(reason)
        try again.withUnsafeBufferPointer { (bytes) throws(InputError) in try readLines(bytes) }
    }
}
