#if canImport(Glibc)
import Glibc
#endif

/// Reads CSV call files, chunk by chunk, into a ``CallLog``.
///
/// The tool decides where bytes come from (a file, stdin); the builder only sees byte chunks,
/// keeps the unfinished last line between chunks, and never holds more than one line beyond the
/// chunk it is given. Malformed lines are counted and the first few kept with `file:line`.
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
    private var records: [CallRecord] = []
    private var numbers = NumberTable(capacity: 1 << 18)
    private var regionTable = NumberTable(capacity: 256)
    private var regionNames: [String] = []
    private var regionOf: [Int32] = []
    private var firstIMEI: [UInt64] = []
    private var extraIMEIs = Set<UInt64>()         // (number << 32 | hash32 of IMEI) beyond the first
    private var imeiCounts: [UInt16] = []
    private var displayOffset: Int32? = nil
    private var timeForm: Timestamp.Form? = nil
    private var linesRead = 0
    private var rejected = 0
    private var issues: [RecordIssue] = []
    private var rejectedByKind: [String: Int] = [:]

    // Per-source state.
    private var source = "-"
    private var lineNumber = 0
    private var header: ColumnLayout? = nil
    private var carry: [UInt8] = []
    private var skippingLongLine = false
    private var fields = CSVFields()
    private var scratch: [UInt8] = []
    private var scratch2: [UInt8] = []

    /// Creates a builder.
    public init(options: InputOptions) {
        self.options = options
        scratch.reserveCapacity(PhoneNumber.maximumLength + 2)
        scratch2.reserveCapacity(PhoneNumber.maximumLength + 2)
        records.reserveCapacity(1 << 16)
    }

    /// Starts reading a new input called `name` (its first line is its header).
    public mutating func beginSource(_ name: String) {
        source = name
        lineNumber = 0
        header = nil
        carry.removeAll(keepingCapacity: true)
        skippingLongLine = false
    }

    /// Reads the complete lines in `chunk`; an unfinished last line waits for the next chunk.
    ///
    /// - Throws: ``InputError`` for a missing column, or a malformed line under `--strict`.
    public mutating func consume(_ chunk: UnsafeRawBufferPointer) throws(InputError) {
        let bytes = chunk.bindMemory(to: UInt8.self)
        var lineStart = 0
        var i = 0
        let n = bytes.count
        while i < n {
            // memchr is the fastest newline scan available here.
            guard let base = bytes.baseAddress,
                  let hit = memchrNewline(base + i, n - i) else { break }
            let end = hit - base
            if carry.isEmpty && !skippingLongLine {
                try line(UnsafeBufferPointer(rebasing: bytes[lineStart..<end]))
            } else {
                try appendCarry(UnsafeBufferPointer(rebasing: bytes[lineStart..<end]))
                if !skippingLongLine {
                    let taken = carry
                    carry.removeAll(keepingCapacity: true)
                    try taken.withUnsafeBufferPointer { (p) throws(InputError) in try line(p) }
                } else {
                    skippingLongLine = false
                    lineNumber += 1
                    try reject(.lineTooLong(limit: options.maximumLineLength))
                    carry.removeAll(keepingCapacity: true)
                }
            }
            i = end + 1
            lineStart = i
        }
        if lineStart < n { try appendCarry(UnsafeBufferPointer(rebasing: bytes[lineStart..<n])) }
    }

    /// Ends the current input, reading a last line that had no newline.
    public mutating func endSource() throws(InputError) {
        if skippingLongLine {
            lineNumber += 1
            skippingLongLine = false
            try reject(.lineTooLong(limit: options.maximumLineLength))
        } else if !carry.isEmpty {
            let taken = carry
            carry.removeAll()
            try taken.withUnsafeBufferPointer { (p) throws(InputError) in try line(p) }
        }
        if header == nil { throw .emptyInput(file: source) }
    }

    /// The log of everything read so far.
    public func finish() -> CallLog {
        return CallLog(records: records, numbers: numbers, regionOf: regionOf, regions: regionNames,
                       imeiCount: imeiCounts, displayOffset: displayOffset ?? 0,
                       linesRead: linesRead, rejected: rejected, issues: issues,
                       rejectedByKind: rejectedByKind)
    }

    /// Lines read so far (for a progress line).
    public var recordsRead: Int { records.count }

    // MARK: - Streaming

    /// The records read since the last call, leaving the builder's numbers and counts in place:
    /// a stream takes each chunk's records and processes them as they come.
    mutating func takeRecords() -> [CallRecord] {
        defer { records.removeAll(keepingCapacity: true) }
        return records
    }

    /// The interned numbers so far.
    var internedNumbers: NumberTable { numbers }
    /// The region index of a number, or -1.
    func regionIndex(_ id: NumberID) -> Int32 { regionOf[Int(id)] }
    /// Region codes as written.
    var regionCodes: [String] { regionNames }
    /// Distinct IMEIs seen on a number's calls.
    func imeiCount(_ id: NumberID) -> UInt16 { imeiCounts[Int(id)] }
    /// The UTC offset of the input's times, once one was seen.
    var timeOffset: Int32 { displayOffset ?? 0 }
    /// Malformed lines so far, and the first few kept with file:line.
    var rejectedCount: Int { rejected }
    var keptIssues: [RecordIssue] { issues }
    /// The form the input wrote its first time in.
    var firstTimeForm: Timestamp.Form { timeForm ?? .civil }
    /// Whether a time has been read yet (the form is then settled).
    var hasTimeForm: Bool { timeForm != nil }

    /// Restores the numbers and regions of a checkpoint, so ids mean what they meant.
    /// The IMEI bookkeeping, for a checkpoint: each number's first IMEI hash and the further
    /// (number, IMEI) pairs, sorted.
    var imeiState: (first: [UInt64], extras: [UInt64]) { (firstIMEI, extraIMEIs.sorted()) }

    mutating func restore(numbers texts: [(String, NumberKind)], regionOf savedRegions: [Int32], regions: [String],
                          imeiCounts savedIMEIs: [UInt16], imeiState: (first: [UInt64], extras: [UInt64]),
                          displayOffset savedOffset: Int32?, timeForm savedForm: Timestamp.Form?) {
        for (text, kind) in texts {
            var bytes = Array(text.utf8)
            _ = bytes.withUnsafeMutableBufferPointer { numbers.intern(UnsafeBufferPointer($0), kind: kind) }
        }
        for name in regions {
            var bytes = Array(name.utf8)
            _ = bytes.withUnsafeMutableBufferPointer { regionTable.intern(UnsafeBufferPointer($0), kind: .opaque) }
        }
        regionNames = regions
        regionOf = savedRegions
        imeiCounts = savedIMEIs
        firstIMEI = imeiState.first
        extraIMEIs = Set(imeiState.extras)
        displayOffset = savedOffset
        timeForm = savedForm
    }

    // MARK: - Lines

    private mutating func appendCarry(_ part: UnsafeBufferPointer<UInt8>) throws(InputError) {
        if skippingLongLine { return }
        if carry.count + part.count > options.maximumLineLength {
            skippingLongLine = true
            carry.removeAll(keepingCapacity: true)
            return
        }
        carry.append(contentsOf: part)
    }

    private mutating func line(_ raw: UnsafeBufferPointer<UInt8>) throws(InputError) {
        lineNumber += 1
        var l = raw
        if let last = l.last, last == 0x0D { l = UnsafeBufferPointer(rebasing: l.dropLast()) }
        if lineNumber == 1, l.count >= 3, l[0] == 0xEF, l[1] == 0xBB, l[2] == 0xBF {
            l = UnsafeBufferPointer(rebasing: l.dropFirst(3))                // UTF-8 BOM
        }
        if l.count > options.maximumLineLength { return try reject(.lineTooLong(limit: options.maximumLineLength)) }
        if isBlank(l) { return }
        guard let layout = header else {
            header = try ColumnLayout(headerLine: l, file: source, options: options)
            return
        }
        linesRead += 1
        guard fields.split(l, separator: layout.separator) else { return try reject(.tooManyFields(limit: fields.limit)) }
        guard fields.count == layout.fieldCount else {
            return try reject(.fieldCount(expected: layout.fieldCount, found: fields.count))
        }
        // Time
        let timeField = fields.field(layout.time, in: l)
        guard let t = Timestamp.parse(timeField) else { return try reject(.badTime(text(timeField))) }
        guard t.epoch >= 0, t.epoch <= Int64(UInt32.max) else { return try reject(.timeOutOfRange(text(timeField))) }
        if displayOffset == nil, let o = t.offset { displayOffset = o }
        if timeForm == nil { timeForm = t.form }
        // Duration
        let durField = fields.field(layout.duration, in: l)
        guard let duration = parseDuration(durField) else { return try reject(.badDuration(text(durField))) }
        // Parties: both are checked before either is interned, so a rejected line adds no number.
        let callerKind: NumberKind
        switch PhoneNumber.canonicalize(fields.field(layout.caller, in: l), into: &scratch) {
        case .success(let k): callerKind = k
        case .failure(let p): return try reject(.badNumber(column: "caller", problem: p))
        }
        let calleeKind: NumberKind
        switch PhoneNumber.canonicalize(fields.field(layout.callee, in: l), into: &scratch2) {
        case .success(let k): calleeKind = k
        case .failure(let p): return try reject(.badNumber(column: "callee", problem: p))
        }
        let caller = intern(scratch, callerKind)
        let callee = intern(scratch2, calleeKind)
        if let c = layout.callerRegion { setRegion(caller, fields.field(c, in: l)) }
        if let c = layout.calleeRegion { setRegion(callee, fields.field(c, in: l)) }
        if let c = layout.callerIMEI { noteIMEI(caller, fields.field(c, in: l)) }
        records.append(CallRecord(time: UInt32(t.epoch), caller: caller, callee: callee, duration: duration))
    }

    private mutating func intern(_ canonical: [UInt8], _ kind: NumberKind) -> NumberID {
        let id = canonical.withUnsafeBufferPointer { numbers.intern($0, kind: kind) }
        if Int(id) == regionOf.count {
            regionOf.append(-1)
            firstIMEI.append(0)
            imeiCounts.append(0)
        }
        return id
    }

    private mutating func setRegion(_ id: NumberID, _ field: UnsafeBufferPointer<UInt8>) {
        guard regionOf[Int(id)] < 0 else { return }
        var s = 0, e = field.count
        while s < e, field[s] == 0x20 { s += 1 }
        while e > s, field[e - 1] == 0x20 { e -= 1 }
        guard e > s, e - s <= 64 else { return }
        let trimmed = UnsafeBufferPointer(rebasing: field[s..<e])
        let r = regionTable.intern(trimmed, kind: .opaque)
        if Int(r) == regionNames.count { regionNames.append(String(decoding: trimmed, as: UTF8.self)) }
        regionOf[Int(id)] = Int32(r)
    }

    private mutating func noteIMEI(_ id: NumberID, _ field: UnsafeBufferPointer<UInt8>) {
        guard !isBlank(field) else { return }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in field where b != 0x20 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h |= 1                                              // never 0, which means "none yet"
        let first = firstIMEI[Int(id)]
        if first == 0 { firstIMEI[Int(id)] = h; imeiCounts[Int(id)] = 1 }
        else if first != h, extraIMEIs.insert(UInt64(id) << 32 | (h & 0xFFFF_FFFF)).inserted {
            imeiCounts[Int(id)] &+= 1
        }
    }

    private mutating func reject(_ reason: RecordIssue.Reason) throws(InputError) {
        let issue = RecordIssue(file: source, line: lineNumber, reason: reason)
        if options.strict { throw .malformedLine(issue) }
        rejected += 1
        rejectedByKind[reason.kind, default: 0] += 1
        if issues.count < options.keptIssues { issues.append(issue) }
    }

    private func parseDuration(_ f: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var s = 0, e = f.count
        while s < e, f[s] == 0x20 { s += 1 }
        while e > s, f[e - 1] == 0x20 { e -= 1 }
        guard e > s, e - s <= 9 else { return nil }
        var v: UInt32 = 0
        var i = s
        while i < e, f[i] != 0x2E {
            let d = f[i] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + UInt32(d)
            i += 1
        }
        if i < e {                                           // "125.0" from spreadsheet exports
            guard i > s else { return nil }
            i += 1
            while i < e { guard f[i] &- 0x30 < 10 else { return nil }; i += 1 }
        }
        return v
    }

    private func isBlank(_ l: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in l where b != 0x20 && b != 0x09 && b != 0x0D { return false }
        return true
    }

    private func text(_ f: UnsafeBufferPointer<UInt8>) -> String {
        let shown = f.prefix(40).map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") }
        return String(decoding: shown, as: UTF8.self) + (f.count > 40 ? "…" : "")
    }
}

@inline(__always)
private func memchrNewline(_ p: UnsafePointer<UInt8>, _ n: Int) -> UnsafePointer<UInt8>? {
    guard let r = memchr(p, 0x0A, n) else { return nil }
    return UnsafePointer(r.assumingMemoryBound(to: UInt8.self))
}
