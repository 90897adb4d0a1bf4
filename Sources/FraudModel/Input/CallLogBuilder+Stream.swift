/// What the stream needs of the reader: the records of each chunk as they come, the numbers
/// and counts read so far, and a way to restore them from a checkpoint.
extension CallLogBuilder {
    /// Hands over the records read since the last call in `buffer`, and keeps `buffer`'s
    /// storage, emptied, for the next ones; the builder's numbers and counts stay in place.
    /// Swapping two buffers back and forth allocates nothing per chunk (returning a copy and
    /// emptying the original allocated a fresh 1 MiB buffer, its own mapping, every chunk).
    /// `sides` gets the side each record was written from, one a record, in the subscriber
    /// layout (the stream matches the two rows of a call itself, `StreamDuplicateFilter`: a
    /// stream never reaches `finish()`), and stays empty in the per-call layout.
    /// With `listsLineChanges`, `changes` gets the handset, region and offset changes those
    /// records' lines made, in order, each with the index in `buffer` of the record it comes
    /// before (`buffer.count` for one made by a rejected last line).
    mutating func takeRecords(into buffer: inout [CallRecord], sides taken: inout [DuplicateCallFilter.Side],
                              changes: inout [LineChange]) {
        precondition(earlierRuns.isEmpty && spill == nil, "a stream reads chunk by chunk, in memory")
        buffer.removeAll(keepingCapacity: true)
        swap(&buffer, &records)
        taken.removeAll(keepingCapacity: true)
        swap(&taken, &sides)
        changes.removeAll(keepingCapacity: true)
        swap(&changes, &lineChanges)
        // An offset is listed as its line is read, a party's changes as the calls held for
        // interning are flushed, so a later line's offset can come before an earlier one's.
        if !changes.indices.dropFirst().allSatisfy({ changes[$0 - 1].record <= changes[$0].record }) {
            changes.sort { $0.record < $1.record }
        }
    }

    /// The interned numbers so far.
    var internedNumbers: NumberTable { numbers }
    /// The region index of a number, or -1.
    func regionIndex(_ id: NumberID) -> Int32 { regionOf[Int(id)] }
    /// Region codes as written.
    var regionCodes: [String] { regionNames }
    /// Calls `body` with region code `index`'s bytes as read (`regionCodes` holds them as
    /// text, a code that is not UTF-8 replaced).
    func withRegionBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        regionTable.withBytes(NumberID(index), body)
    }
    /// Distinct IMEIs seen on a number's calls.
    func imeiCount(_ id: NumberID) -> UInt16 { imeiCounts[Int(id)] }
    /// Malformed lines so far, and the first few kept with file:line.
    var rejectedCount: Int { rejected }
    /// Lines of the current input after its header that were read whole: taken as records,
    /// rejected, or blank. The lines of a record still being assembled (its line cut by the
    /// end of a chunk, or a line break inside quotes) are not: a reader resuming the input
    /// after this many lines reads that record whole. Physical lines, as `tail -n` counts them.
    var linesTaken: Int {
        guard header != nil || options.format != .csv else { return 0 }
        let whole = carry.isEmpty && !skippingLongLine ? lineNumber : recordLine - 1
        return max(0, whole - headerLine)
    }
    /// Lines of the current input after its header before the record being read: where a
    /// read that record stopped (a malformed line under `--strict`) resumes, with it mended.
    var linesBeforeRecord: Int {
        guard header != nil || options.format != .csv else { return 0 }
        return max(0, recordLine - 1 - headerLine)
    }
    var keptIssues: [RecordIssue] { issues }
    /// The form the input wrote its first time in.
    var firstTimeForm: Timestamp.Form { timeForm ?? .civil }
    /// Whether a time has been read yet (the form is then settled).
    var hasTimeForm: Bool { timeForm != nil }

    /// The IMEI bookkeeping, for a checkpoint: each number's first IMEI hash and the further
    /// (number, IMEI) pairs, sorted.
    var imeiState: (first: [UInt64], extras: [UInt64]) { (firstIMEI, extraIMEIs.sorted()) }

    /// Restores the numbers, regions and IMEI counts of a checkpoint (into a new reader), so
    /// ids mean what they meant.
    ///
    /// - Returns: false, having restored part, when two saved numbers or two regions are one
    ///   (the checkpoint is damaged: the ids after would not mean what they meant).
    mutating func restore(numbers texts: [(String, NumberKind)], regionOf savedRegions: [Int32], regions: [[UInt8]],
                          imeiCounts savedIMEIs: [UInt16], imeiState: (first: [UInt64], extras: [UInt64]),
                          displayOffset savedOffset: Int32?, timeForm savedForm: Timestamp.Form?) -> Bool {
        for (k, (text, kind)) in texts.enumerated() {
            var bytes = Array(text.utf8)
            let id = bytes.withUnsafeMutableBufferPointer { numbers.intern(UnsafeBufferPointer($0), kind: kind) }
            guard Int(id) == k else { return false }
        }
        for (k, code) in regions.enumerated() {
            var bytes = code
            let id = bytes.withUnsafeMutableBufferPointer { regionTable.intern(UnsafeBufferPointer($0), kind: .opaque) }
            guard Int(id) == k else { return false }
        }
        regionNames = regions.map { String(decoding: $0, as: UTF8.self) }
        regionOf = savedRegions
        imeiCounts = savedIMEIs
        firstIMEI = imeiState.first
        extraIMEIs = Set(imeiState.extras)
        displayOffset = savedOffset
        timeForm = savedForm
        return true
    }
}
