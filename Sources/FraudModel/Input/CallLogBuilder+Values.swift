/// From a record's slot values to a ``CallRecord``: direction, time, duration, numbers,
/// regions, handsets; and the bookkeeping of rejected records.
extension CallLogBuilder {
    /// Caps the distinct call-type codes counted, so hostile input cannot grow the table.
    static let maximumCallTypeKinds = 32

    /// Checks and stores the record whose values lie in `base` at `starts[slot]..<ends[slot]`
    /// (start -1: absent).
    mutating func values(_ base: UnsafeBufferPointer<UInt8>, _ starts: SlotValues, _ ends: SlotValues) throws(InputError) {
        @inline(__always) func field(_ s: Int, _ e: Int) -> UnsafeBufferPointer<UInt8> {
            s >= 0 ? UnsafeBufferPointer(rebasing: base[s..<e]) : UnsafeBufferPointer(rebasing: base[0..<0])
        }
        // Direction first: a subscriber row of another call type (forwarding, SMS…) is
        // skipped and counted, not rejected, whatever else it holds.
        var side = DuplicateCallFilter.Side.none
        if options.layout == .subscriber {
            let code = trimmed(field(starts.callType, ends.callType))
            if equal(code, outgoingCode) {
                side = .caller
            } else if equal(code, incomingCode) {
                side = .callee
            } else {
                countSkippedCallType(code)
                return
            }
        }
        // Time
        let timeField = field(starts.time, ends.time)
        guard let t = Timestamp.parse(timeField) else { return try reject(.badTime(text(timeField))) }
        guard t.epoch >= 0, t.epoch <= Int64(UInt32.max) else { return try reject(.timeOutOfRange(text(timeField))) }
        if displayOffset == nil, let o = t.offset { displayOffset = o }
        if timeForm == nil { timeForm = t.form }
        // Duration
        let durField = field(starts.duration, ends.duration)
        guard let duration = parseDuration(durField) else { return try reject(.badDuration(text(durField))) }
        // Parties: both are checked before either is interned, so a rejected line adds no number.
        let names = options.layout == .call ? ("caller", "callee") : ("subscriber", "other")
        let kindA: NumberKind
        switch PhoneNumber.canonicalize(field(starts.partyA, ends.partyA), into: &scratch) {
        case .success(let k): kindA = k
        case .failure(let p): return try reject(.badNumber(column: names.0, problem: p))
        }
        let kindB: NumberKind
        switch PhoneNumber.canonicalize(field(starts.partyB, ends.partyB), into: &scratch2) {
        case .success(let k): kindB = k
        case .failure(let p): return try reject(.badNumber(column: names.1, problem: p))
        }
        let a = intern(scratch, kindA)
        let b = intern(scratch2, kindB)
        if starts.regionA >= 0 { setRegion(a, field(starts.regionA, ends.regionA)) }
        if starts.regionB >= 0 { setRegion(b, field(starts.regionB, ends.regionB)) }
        if starts.imeiA >= 0 { noteIMEI(a, field(starts.imeiA, ends.imeiA)) }
        let (caller, callee) = side == .callee ? (b, a) : (a, b)
        records.append(CallRecord(time: UInt32(t.epoch), caller: caller, callee: callee, duration: duration))
        if options.layout == .subscriber { sides.append(side) }
    }

    mutating func intern(_ canonical: [UInt8], _ kind: NumberKind) -> NumberID {
        let id = canonical.withUnsafeBufferPointer { numbers.intern($0, kind: kind) }
        if Int(id) == regionOf.count {
            regionOf.append(-1)
            firstIMEI.append(0)
            imeiCounts.append(0)
        }
        return id
    }

    /// The first region seen for a number is kept (a subscriber's home county does not change
    /// within a week).
    mutating func setRegion(_ id: NumberID, _ field: UnsafeBufferPointer<UInt8>) {
        guard regionOf[Int(id)] < 0 else { return }
        let trimmedField = trimmed(field)
        guard trimmedField.count > 0, trimmedField.count <= 64 else { return }
        let r = regionTable.intern(trimmedField, kind: .opaque)
        if Int(r) == regionNames.count { regionNames.append(String(decoding: trimmedField, as: UTF8.self)) }
        regionOf[Int(id)] = Int32(r)
        if keepsRegionEvents { regionEvents.append(id) }
    }

    mutating func noteIMEI(_ id: NumberID, _ field: UnsafeBufferPointer<UInt8>) {
        guard trimmed(field).count > 0 else { return }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in field where b != 0x20 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h |= 1                                              // never 0, which means "none yet"
        noteIMEIHash(id, h)
    }

    /// Counts handset hash `h` for `id`. Handsets beyond the first are told apart by the
    /// low 32 bits of their hash (also against the first), so a merge of parts that kept only
    /// those bits counts exactly as a sequential read.
    mutating func noteIMEIHash(_ id: NumberID, _ h: UInt64) {
        let first = firstIMEI[Int(id)]
        if first == 0 { firstIMEI[Int(id)] = h; imeiCounts[Int(id)] = 1 }
        else if first & 0xFFFF_FFFF != h & 0xFFFF_FFFF, extraIMEIs.insert(UInt64(id) << 32 | (h & 0xFFFF_FFFF)).inserted {
            imeiCounts[Int(id)] &+= 1
        }
    }

    mutating func countSkippedCallType(_ code: UnsafeBufferPointer<UInt8>) {
        var key = code.isEmpty ? "(empty)" : text(code, limit: 16, redact: false)
        if skippedCallTypes[key] == nil && skippedCallTypes.count >= Self.maximumCallTypeKinds { key = "(other)" }
        skippedCallTypes[key, default: 0] += 1
    }

    /// Counts a malformed record, keeps the first few, or stops under `--strict`.
    mutating func reject(_ reason: RecordIssue.Reason) throws(InputError) {
        let issue = RecordIssue(file: source, line: recordLine, reason: reason)
        if options.strict { throw .malformedLine(issue) }
        rejected += 1
        rejectedByKind[reason.kind, default: 0] += 1
        if issues.count < options.keptIssues { issues.append(issue) }
    }

    // MARK: - Field values

    func parseDuration(_ f: UnsafeBufferPointer<UInt8>) -> UInt32? {
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

    func trimmed(_ f: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0, e = f.count
        while s < e, f[s] == 0x20 || f[s] == 0x09 { s += 1 }
        while e > s, f[e - 1] == 0x20 || f[e - 1] == 0x09 { e -= 1 }
        return UnsafeBufferPointer(rebasing: f[s..<e])
    }

    func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count where a[i] != b[i] { return false }
        return true
    }

    /// A field as shown in a report: printable ASCII, cut at `limit`; "…" when field text
    /// may not be quoted (`--pseudonymize`).
    func text(_ f: UnsafeBufferPointer<UInt8>, limit: Int = 40, redact: Bool = true) -> String {
        if redact && !options.quoteFieldsInIssues { return "…" }
        let shown = f.prefix(limit).map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") }
        return String(decoding: shown, as: UTF8.self) + (f.count > limit ? "…" : "")
    }
}
