#if canImport(Glibc)
import Glibc
#endif

/// Reads call files — CSV or JSON Lines, one row per call or per subscriber — chunk by
/// chunk, into a ``CallLog``.
///
/// The tool decides where bytes come from (a file, stdin); the builder only sees byte chunks,
/// keeps the unfinished record between chunks, and never buffers more than
/// ``InputOptions/maximumLineLength`` bytes of it: a longer record is skipped up to its end
/// and reported. CSV follows RFC 4180: quoted fields may hold separators, doubled quotes and
/// line breaks; CRLF, a UTF-8 byte-order mark, blank lines and trailing separators are
/// accepted. Malformed records are counted and the first few kept with `file:line`.
///
/// ```swift
/// var builder = CallLogBuilder(options: InputOptions())
/// builder.beginSource("calls.csv")
/// try builder.consume(chunk)          // as many times as needed
/// try builder.endSource()
/// let log = builder.finish()
/// ```
public struct CallLogBuilder: Sendable {
    public let options: InputOptions
    var records: [CallRecord] = []
    /// Records of earlier parts of a parallel read, each in the array it was read into (or,
    /// with `--spill`, of each part and input, in its mapped spill file); the records since
    /// follow in `records`.
    var earlierRuns: [CallRecords.Run] = []
    /// With `--spill`: the file the current run's records are being written to. A reference:
    /// a copy of the builder would write to the same file, so builders are swapped, never
    /// copied, while one is open.
    var spill: RecordSpill? = nil
    /// With `--spill`: records held before they are written out (1 MiB), and records walked
    /// between page releases of a spilled run (4 MiB); tests make them small.
    var spillBatch = 1 << 16
    var spillWindow = 1 << 18
    /// Subscriber layout only: the side each record was written from, for de-duplication.
    var sides: [DuplicateCallFilter.Side] = []
    var numbers: NumberTable
    var regionTable = NumberTable(capacity: 256)
    var regionNames: [String] = []
    var regionOf: [Int32] = []
    /// Numbers in the order they were given their region (to merge parallel parts exactly).
    var regionEvents: [NumberID] = []
    /// Only builders of parallel parts keep `regionEvents`.
    var keepsRegionEvents = false
    var firstIMEI: [UInt64] = []
    var extraIMEIs = Set<UInt64>()         // (number << 32 | hash32 of IMEI) beyond the first
    var imeiCounts: [UInt16] = []          // distinct IMEIs per number, kept as they come
    /// Whether handset, region and offset changes are listed in `lineChanges` (the stream's reader).
    var listsLineChanges = false
    var lineChanges: [LineChange] = []
    var displayOffset: Int32? = nil
    var timeForm: Timestamp.Form? = nil
    /// The date of the last civil time read, so a day's calls parse their date once.
    var dayCache = Timestamp.DayCache()
    var linesRead = 0
    var rejected = 0
    var issues: [RecordIssue] = []
    var rejectedByKind: [String: Int] = [:]
    var skippedCallTypes: [String: Int] = [:]

    // Calls waiting to be interned as a batch; empty whenever a public method returns.
    var pending: [PendingCall] = []
    var pendingBytes: [UInt8] = []
    var probeSink: UInt64 = 0

    // Per-source state.
    var source = "-"
    /// Physical lines finished so far.
    var lineNumber = 0
    /// The line the record being read starts on.
    var recordLine = 0
    var header: ColumnLayout? = nil
    /// The line the header was read from (0 before it, and for JSON Lines, which has none).
    var headerLine = 0
    /// The record being assembled: a line cut by a chunk boundary, or lines joined by a
    /// quoted line break. Never longer than the line-length limit.
    var carry: [UInt8] = []
    /// Line breaks inside quotes in `carry` (at most ``maximumQuotedBreaks``).
    var recordBreaks = 0
    /// Whether `carry` ends in a line not yet finished by a newline.
    var carryOpenLine = false
    var quotes = CSVQuoteScanner(separator: nil, atFileStart: true)
    /// The current record passed the limit: drop bytes up to the next newline.
    var skippingLongLine = false

    // Scratch space, reused for every record.
    var fields: CSVFields
    var decoded: [UInt8] = []
    var json: JSONLineScanner
    var scratch: [UInt8] = []
    var scratch2: [UInt8] = []
    let outgoingCode: [UInt8], incomingCode: [UInt8]

    /// Creates a builder.
    public init(options: InputOptions) {
        self.init(options: options, capacity: 1 << 18)
    }

    /// Creates a builder whose number table starts sized for `capacity` numbers.
    init(options: InputOptions, capacity: Int) {
        self.options = options
        numbers = NumberTable(capacity: capacity)
        fields = CSVFields(limit: options.maximumFields)
        json = JSONLineScanner(
            keys: options.layout.columns.map {
                JSONLineScanner.Key(name: Array(options.headerName($0).lowercased().utf8), slot: $0.slot)
            },
            maximumKeys: options.maximumFields)
        outgoingCode = Array(options.callTypes.outgoing.utf8)
        incomingCode = Array(options.callTypes.incoming.utf8)
        pending.reserveCapacity(Self.batchSize)
        pendingBytes.reserveCapacity(Self.batchSize * 2 * (PhoneNumber.maximumLength + 2 + 64))
        scratch.reserveCapacity(PhoneNumber.maximumLength + 2)
        scratch2.reserveCapacity(PhoneNumber.maximumLength + 2)
        records.reserveCapacity(min(capacity, 1 << 16))
    }

    /// Starts reading a new input called `name` (for CSV, its first line is its header).
    public mutating func beginSource(_ name: String) {
        source = name
        lineNumber = 0
        recordLine = 0
        header = nil
        headerLine = 0
        carry.removeAll(keepingCapacity: true)
        carryOpenLine = false
        skippingLongLine = false
    }

    /// Reads the complete records in `chunk`; an unfinished last one waits for the next chunk.
    ///
    /// - Throws: ``InputError`` for a missing column, or a malformed line under `--strict`.
    public mutating func consume(_ chunk: UnsafeRawBufferPointer) throws(InputError) {
        if records.count >= spillBatch && options.spillDirectory != nil { try spillHeld() }
        defer { flushPending() }
        try readLines(chunk.bindMemory(to: UInt8.self))
    }

    /// Reads the lines of `bytes`: each complete one ends a line; the unfinished last one is kept.
    mutating func readLines(_ bytes: UnsafeBufferPointer<UInt8>) throws(InputError) {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0
        while i < n {
            // memchr is the fastest newline scan available here.
            guard let hit = memchrByte(base + i, n - i, 0x0A) else {
                return try partial(UnsafeBufferPointer(rebasing: bytes[i..<n]))
            }
            let end = hit - base
            try endOfLine(UnsafeBufferPointer(rebasing: bytes[i..<end]))
            i = end + 1
        }
    }

    /// Ends the current input, reading a last record that had no newline.
    ///
    /// - Throws: ``InputError/emptyInput(file:)`` for a CSV input without a header line.
    public mutating func endSource() throws(InputError) {
        try finishOpenRecord()
        if header == nil && options.format == .csv { throw .emptyInput(file: source) }
        try sealSpill()
    }

    /// Ends the record the input stopped inside (its last line had no line break): it is
    /// read as it stands, or reported (an unclosed quote, a line past the limit).
    ///
    /// - Throws: ``InputError``, a malformed line under `--strict`.
    mutating func finishOpenRecord() throws(InputError) {
        defer { flushPending() }
        // A quote opened lines ago is still open: only its line is lost (see `resynchronize`),
        // and the lines read again may leave another open, so this loops (it recursed once a
        // lost line: 10,900 lines of `"a"b,"` overflowed the stack).
        while options.format == .csv && quotes.insideQuotes && !skippingLongLine, let firstBreak = carry.firstIndex(of: 0x0A) {
            try resynchronize(firstBreak: firstBreak, reason: .unclosedQuote, then: UnsafeBufferPointer(start: nil, count: 0), lineEnded: false)
        }
        if carryOpenLine || skippingLongLine { lineNumber += 1 }
        carryOpenLine = false
        if skippingLongLine {
            skippingLongLine = false
            try rejectUnread(.lineTooLong(limit: options.maximumLineLength))
        } else if !carry.isEmpty {
            if options.format == .csv && quotes.insideQuotes {
                carry.removeAll(keepingCapacity: true)
                try rejectUnread(.unclosedQuote)
            } else {
                try recordFromCarry()
            }
        }
    }

    /// The log of everything read so far, with calls seen from both sides counted once and
    /// stray calls (``StrayCalls``, `InputOptions.strayGap`) skipped and counted. With a spill
    /// directory, ``endSource()`` must have ended the last input (it writes out the last
    /// records); a spill still open here is a programming error and stops.
    ///
    /// - Throws: ``InputError/strayCall(_:)`` for a stray call under `--strict`;
    ///   ``InputError/spill(_:)`` when a spilled run with stray calls cannot be written again.
    /// - Complexity: O(records); O(records) more with a radix sort for the subscriber layout.
    public func finish() throws(InputError) -> CallLog {
        precondition(spill == nil, "finish() with records spilled but not sealed: call endSource() first")
        let all = CallRecords(runs: earlierRuns + [.memory(records)])
        var kept = all, merged = 0
        if !sides.isEmpty {
            let m = DuplicateCallFilter.merge(all.joined, sides: sides)
            kept = CallRecords(m.records)
            merged = m.merged
        }
        let strays = try skippingStrays(kept)
        var log = CallLog(records: strays.kept, numbers: numbers, regionOf: regionOf, regions: regionNames,
                          imeiCount: imeiCounts, displayOffset: displayOffset ?? 0,
                          linesRead: linesRead, rejected: rejected, issues: issues,
                          rejectedByKind: rejectedByKind, mergedDuplicates: merged,
                          skippedCallTypes: skippedCallTypes)
        log.strayCalls = strays.count
        log.strayGap = options.strayGap
        log.strayExamples = strays.examples
        return log
    }

    /// Records read so far (for a progress line).
    public var recordsRead: Int { earlierRuns.reduce(records.count + (spill?.count ?? 0)) { $0 + $1.count } }

    // MARK: - Lines into records

    /// Bytes of a line whose newline is in a later chunk.
    private mutating func partial(_ piece: UnsafeBufferPointer<UInt8>) throws(InputError) {
        if skippingLongLine { return }
        if carry.isEmpty { startRecord(line: lineNumber + 1) }
        carryOpenLine = true
        guard appendCarry(piece) else { return try overflow(piece, lineEnded: false) }
        if options.format == .csv { quotes.feed(piece) }
    }

    /// Rejects a line that never reached `record`'s count (too long, or a quote left open at
    /// the end): it is still a line read, so "N records read, M rejected" leaves N − M good.
    mutating func rejectUnread(_ reason: RecordIssue.Reason) throws(InputError) {
        if header != nil || options.format == .jsonl { linesRead += 1 }
        try reject(reason)
    }

    /// A physical line (without its newline) is complete.
    @inline(__always)
    private mutating func endOfLine(_ piece: UnsafeBufferPointer<UInt8>) throws(InputError) {
        lineNumber += 1
        carryOpenLine = false
        if skippingLongLine {
            skippingLongLine = false
            return try rejectUnread(.lineTooLong(limit: options.maximumLineLength))
        }
        let csv = options.format == .csv
        if carry.isEmpty {                                   // the usual case: a whole line in the chunk
            recordLine = lineNumber
            guard csv, piece.count <= options.maximumLineLength, hasQuote(piece) else {
                return try record(piece, quoted: false)
            }
            startRecord(line: lineNumber)
            quotes.feed(piece)
            guard quotes.insideQuotes else { return try record(piece, quoted: true) }
            guard appendCarry(piece), appendNewline() else {
                carry.removeAll(keepingCapacity: true)
                return try rejectUnread(.lineTooLong(limit: options.maximumLineLength))
            }
            return
        }
        guard appendCarry(piece) else { return try overflow(piece, lineEnded: true) }
        if csv {
            quotes.feed(piece)
            if quotes.insideQuotes {                         // a line break inside quotes: read on
                guard appendNewline() else { return try overflow(UnsafeBufferPointer(start: nil, count: 0), lineEnded: true) }
                return
            }
        }
        try recordFromCarry()
    }

    private mutating func startRecord(line: Int) {
        recordLine = line
        recordBreaks = 0
        if options.format == .csv {
            quotes = CSVQuoteScanner(separator: header?.separator ?? options.separator, atFileStart: line == 1)
        }
    }

    /// Appends to the record being assembled; false (nothing appended) past the limit.
    private mutating func appendCarry(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
        if carry.count + part.count > options.maximumLineLength { return false }
        carry.append(contentsOf: part)
        return true
    }

    /// Appends a line break inside quotes; false (nothing appended) past the line-length limit
    /// or past ``maximumQuotedBreaks`` in one record.
    private mutating func appendNewline() -> Bool {
        if carry.count + 1 > options.maximumLineLength || recordBreaks >= Self.maximumQuotedBreaks { return false }
        recordBreaks += 1
        carry.append(0x0A)
        return true
    }

    /// Line breaks a quoted field may hold (RFC 4180 allows them; call records have none): a
    /// quote still open past this many is a stray one (see `resynchronize`). It bounds what a
    /// stray quote costs: its record's lines are read again once each. Bounded only by the
    /// 64 KiB line limit, a file whose every line left a quote open read every line again with
    /// the 64 KiB after it (200,000 such rows: 427 s against 11 s, debug build).
    static let maximumQuotedBreaks = 8

    /// The record being assembled would pass the line-length limit with `piece` (the rest of
    /// its current line, complete when `lineEnded`). A record of one line is dropped up to its
    /// end and reported; one that runs over several lines because a quote opened on its first
    /// line is still open is read again from its second line (see `resynchronize`).
    private mutating func overflow(_ piece: UnsafeBufferPointer<UInt8>, lineEnded: Bool) throws(InputError) {
        if let firstBreak = carry.firstIndex(of: 0x0A) {
            return try resynchronize(firstBreak: firstBreak, reason: .quoteNotClosed(limit: options.maximumLineLength),
                                     then: piece, lineEnded: lineEnded)
        }
        carry.removeAll(keepingCapacity: true)
        if lineEnded { return try rejectUnread(.lineTooLong(limit: options.maximumLineLength)) }
        skippingLongLine = true
    }

    private mutating func recordFromCarry() throws(InputError) {
        var taken: [UInt8] = []
        swap(&taken, &carry)
        let quoted = options.format == .csv && taken.withUnsafeBufferPointer { hasQuote($0) }
        do {
            try taken.withUnsafeBufferPointer { (p) throws(InputError) in try record(p, quoted: quoted) }
        } catch {
            taken.removeAll(keepingCapacity: true)
            swap(&taken, &carry)
            throw error
        }
        taken.removeAll(keepingCapacity: true)
        swap(&taken, &carry)
    }

    // MARK: - Helpers

    private func hasQuote(_ l: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = l.baseAddress, l.count > 0 else { return false }
        return memchrByte(base, l.count, 0x22) != nil
    }
}

@inline(__always)
private func memchrByte(_ p: UnsafePointer<UInt8>, _ n: Int, _ byte: Int32) -> UnsafePointer<UInt8>? {
    guard let r = memchr(p, byte, n) else { return nil }
    return UnsafePointer(r.assumingMemoryBound(to: UInt8.self))
}
