/// The stream's input: the reader's records of each read, taken one call at a time with what
/// their lines changed (`LineChange`), so a call is judged on the lines up to its own.
extension StreamEngine {
    /// Reads a chunk of CSV bytes and returns the warnings its calls raised, in order.
    ///
    /// - Throws: ``InputError`` for a missing column, or a malformed line under strict input.
    ///
    /// When it throws (a malformed line under strict input), the calls read before that line
    /// have been taken all the same, as they would have been had they come in a read of their
    /// own: their warnings are in ``takeWarningsBeforeError()``, and a checkpoint holds them.
    public mutating func consume(_ chunk: UnsafeRawBufferPointer) throws(InputError) -> [StreamWarning] {
        try take { (reader) throws(InputError) in try reader.consume(chunk) }
    }

    /// Ends the input (reads a last line without a newline). Throws as ``consume(_:)``.
    public mutating func finish() throws(InputError) -> [StreamWarning] {
        try take { (reader) throws(InputError) in try reader.endSource() }
    }

    /// Lets the reader `read`, then takes the calls it read: those before a malformed line
    /// too, when it throws.
    private mutating func take(after read: (inout CallLogBuilder) throws(InputError) -> Void) throws(InputError) -> [StreamWarning] {
        do { try read(&reader) } catch {
            warningsBeforeError = drain()
            // The record that stopped the read was not taken: a resumed read starts with it.
            statistics.lines = linesBefore.map { $0 + reader.linesBeforeRecord }
            throw error
        }
        return drain()
    }

    /// The warnings raised by the calls read before the malformed line that made the last
    /// ``consume(_:)`` or ``finish()`` throw, once.
    public mutating func takeWarningsBeforeError() -> [StreamWarning] {
        defer { warningsBeforeError = [] }
        return warningsBeforeError
    }

    private mutating func drain() -> [StreamWarning] {
        var records: [CallRecord] = [], changes: [LineChange] = [], sides: [DuplicateCallFilter.Side] = []
        swap(&records, &chunkRecords)
        swap(&changes, &chunkChanges)
        swap(&sides, &chunkSides)
        reader.takeRecords(into: &records, sides: &sides, changes: &changes)
        defer { swap(&records, &chunkRecords); swap(&changes, &chunkChanges); swap(&sides, &chunkSides) }
        statistics.rejected = reader.rejectedCount
        if !reader.skippedCallTypes.isEmpty { statistics.skippedCallTypes = reader.skippedCallTypes }
        // Rows of calls have no sides; a subscriber export's have one each.
        let written = !sides.isEmpty
        statistics.lines = linesBefore.map { $0 + reader.linesTaken }
        grow(to: reader.internedNumbers.count)
        var out: [StreamWarning] = []
        var start = 0, c = 0
        while start < records.count {
            let end = min(records.count, start + Self.gatherAhead)
            gather(records[start..<end])
            for k in start..<end {
                // What this call's line told of its parties counts from this call on, as if
                // the lines had come one at a time.
                while c < changes.count && changes[c].record == k { apply(changes[c]); c += 1 }
                numbersSeen = max(numbersSeen, Int(max(records[k].caller, records[k].callee)) + 1)
                // A row that repeats one of the same call is still a record: its line's
                // handset and region count above, and the filter decides as it is taken.
                admit(records[k], side: written ? sides[k] : .none, into: &out)
            }
            start = end
        }
        // A change by a rejected last line comes before the next read's first call.
        while c < changes.count { apply(changes[c]); c += 1 }
        return out
    }

    /// A number's handset count or region, or the input's offset, as the line of the call
    /// being taken changed it.
    private mutating func apply(_ change: LineChange) {
        switch change.what {
        case .handsets(let id, let n): state[Int(id)].profile.imeis = n
        case .region(let id, let r): regionOf[Int(id)] = r
        case .offset(let o): offset = o
        }
    }
}
