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
        guard let t = Timestamp.parse(timeField, cache: &dayCache) else { return try reject(.badTime(text(timeField))) }
        guard t.epoch >= 0, t.epoch <= Int64(UInt32.max) else { return try reject(.timeOutOfRange(text(timeField))) }
        if displayOffset == nil, let o = t.offset {
            displayOffset = o
            if listsLineChanges { lineChanges.append(LineChange(record: records.count + pending.count, what: .offset(o))) }
        }
        if timeForm == nil { timeForm = t.form }
        // Duration
        let durField = field(starts.duration, ends.duration)
        guard let duration = parseDuration(durField) else { return try reject(.badDuration(text(durField))) }
        // Parties: both are checked before either is interned, so a rejected line adds no number.
        let names = options.layout == .call ? ("caller", "callee") : ("subscriber", "other")
        var call = PendingCall(time: UInt32(t.epoch), duration: duration, side: side)
        let startA = pendingBytes.count
        switch Self.party(field(starts.partyA, ends.partyA), scratch: &scratch, bytes: &pendingBytes) {
        case .success(let (key, kind)): call.a = PendingCall.Party(key: key, hash: NumberTable.mix(key), kind: kind, start: startA, end: pendingBytes.count)
        case .failure(let p): pendingBytes.removeSubrange(startA...); return try reject(.badNumber(column: names.0, problem: p))
        }
        let startB = pendingBytes.count
        switch Self.party(field(starts.partyB, ends.partyB), scratch: &scratch2, bytes: &pendingBytes) {
        case .success(let (key, kind)): call.b = PendingCall.Party(key: key, hash: NumberTable.mix(key), kind: kind, start: startB, end: pendingBytes.count)
        case .failure(let p): pendingBytes.removeSubrange(startA...); return try reject(.badNumber(column: names.1, problem: p))
        }
        if starts.regionA >= 0 { call.regionA = pendRegion(field(starts.regionA, ends.regionA)) }
        if starts.regionB >= 0 { call.regionB = pendRegion(field(starts.regionB, ends.regionB)) }
        if starts.imeiA >= 0 { call.imei = imeiHash(field(starts.imeiA, ends.imeiA)) }
        pending.append(call)
        if pending.count == Self.batchSize { flushPending() }
    }

    /// Calls parsed and checked, waiting to be interned together (see ``flushPending()``).
    static let batchSize = 32

    /// The key and kind of one party's number. The canonical bytes of a number too long or
    /// too odd to pack into its key are appended to `bytes`, for the intern table to keep if
    /// the number is new.
    private static func party(_ field: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8],
                              bytes: inout [UInt8]) -> Result<(UInt64, NumberKind), PhoneNumber.Problem> {
        if let p = PhoneNumber.packedCanonical(field) {             // digits, maybe after '+'
            return .success((NumberTable.packedKey(value: p.value, count: p.count, plus: p.plus), p.kind))
        }
        switch PhoneNumber.canonicalize(field, into: &scratch) {
        case .success(let kind):
            let (key, packed) = scratch.withUnsafeBufferPointer { NumberTable.key($0) }
            if !packed { bytes.append(contentsOf: scratch) }       // a packed key holds its text
            return .success((key, kind))
        case .failure(let p):
            return .failure(p)
        }
    }

    /// A region field's trimmed bytes, kept for ``setRegion(_:_:_:)`` (region codes are
    /// usually short digit strings, held in the call itself); nil if the field is empty or too
    /// long to be a region code. The key is made only for a number still without a region:
    /// making it for every call was 3.5% of reading.
    private mutating func pendRegion(_ field: UnsafeBufferPointer<UInt8>) -> PendingCall.Region? {
        let t = trimmed(field)
        guard t.count > 0, t.count <= 64 else { return nil }
        guard t.count > 8 else {
            // Byte by byte in a register: a memcpy into the word stalled on the load after it.
            var word: UInt64 = 0
            for j in 0..<t.count { word |= UInt64(t[j]) << (8 * UInt64(j)) }
            return PendingCall.Region(word: word, start: -1, count: Int32(t.count))
        }
        let start = pendingBytes.count
        pendingBytes.append(contentsOf: t)
        return PendingCall.Region(word: 0, start: Int32(start), count: Int32(t.count))
    }

    /// Interns the numbers of the pending calls in reading order, so ids are exactly those
    /// of one call at a time, and appends their records. The first intern slot of every
    /// number of the batch is read before any is used, so the cache misses of a batch overlap
    /// instead of following one another: interning was a quarter of all reading time, nearly
    /// all of it waiting for memory. A number's region and handset state is then read from
    /// its slot's hint (``PartyHint``), in the line the probe loaded, not from three more
    /// arrays (their loads were 28% of this function's samples).
    mutating func flushPending() {
        guard !pending.isEmpty else { return }
        var batch: [PendingCall] = []
        swap(&batch, &pending)
        var sink: UInt64 = 0
        for c in batch { sink &+= numbers.touch(hash: c.a.hash) &+ numbers.touch(hash: c.b.hash) }
        probeSink = sink
        pendingBytes.withUnsafeBufferPointer { bytes in
            for c in batch {
                // Each party is interned and then given its region and handset before the
                // next is interned, as that may grow the table and move the slots; regions are
                // still taken in the order (caller's, callee's) of one call at a time.
                let a = internParty(c.a, region: c.regionA, imei: c.imei, bytes)
                let b = internParty(c.b, region: c.regionB, imei: 0, bytes)
                let (caller, callee) = c.side == .callee ? (b, a) : (a, b)
                records.append(CallRecord(time: c.time, caller: caller, callee: callee, duration: c.duration))
                if options.layout == .subscriber { sides.append(c.side) }
            }
        }
        batch.removeAll(keepingCapacity: true)
        swap(&batch, &pending)
        pendingBytes.removeAll(keepingCapacity: true)
    }

    /// Interns one party of a pending call and notes its region and handset (`imei` 0: none).
    @inline(__always)
    private mutating func internParty(_ p: PendingCall.Party, region: PendingCall.Region?, imei: UInt64,
                                _ bytes: UnsafeBufferPointer<UInt8>) -> NumberID {
        let (id, slot) = numbers.internSlot(key: p.key, hash: p.hash, canonical: UnsafeBufferPointer(rebasing: bytes[p.start..<p.end]), kind: p.kind)
        if Int(id) == regionOf.count {
            regionOf.append(-1)
            firstIMEI.append(0)
            imeiCounts.append(0)
        }
        let hint = PartyHint(numbers.hint(atSlot: slot))
        var updated = hint
        if let r = region, !hint.regionKnown {
            setRegion(id, r, bytes)
            updated.regionKnown = true
            if listsLineChanges && regionOf[Int(id)] >= 0 {
                lineChanges.append(LineChange(record: records.count, what: .region(id, regionOf[Int(id)])))
            }
        }
        if imei != 0, !hint.isFirstHandset(imei) {
            let before = imeiCounts[Int(id)]
            noteIMEIHash(id, imei)
            updated.noteFirstHandset(firstIMEI[Int(id)])
            if listsLineChanges && imeiCounts[Int(id)] != before {
                lineChanges.append(LineChange(record: records.count, what: .handsets(id, imeiCounts[Int(id)])))
            }
        }
        if updated != hint { numbers.setHint(updated.rawValue, atSlot: slot) }
        return id
    }

    /// The first region seen for a number is kept (a subscriber's home county does not change
    /// within a week). `bytes` holds the pending calls' longer region codes.
    mutating func setRegion(_ id: NumberID, _ region: PendingCall.Region, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard regionOf[Int(id)] < 0 else { return }
        var word = region.word
        let r = withUnsafeBytes(of: &word) { w in
            let text = region.start < 0
                ? UnsafeBufferPointer(rebasing: w.bindMemory(to: UInt8.self)[0..<Int(region.count)])
                : UnsafeBufferPointer(rebasing: bytes[Int(region.start)..<Int(region.start + region.count)])
            return regionTable.intern(key: NumberTable.key(text).0, canonical: text, kind: .opaque)
        }
        if Int(r) == regionNames.count { regionNames.append(regionTable.text(r)) }
        regionOf[Int(id)] = Int32(r)
        if keepsRegionEvents { regionEvents.append(id) }
    }

    /// The hash a handset field is counted by, or 0 for an empty field.
    ///
    /// Spaces are ignored (`35 391110 172805 4` is the handset `353911101728054`). The other
    /// bytes are packed eight to a word and each word is mixed in once, two mixes for a
    /// 15-digit IMEI where a byte-at-a-time hash chained fifteen multiplications.
    func imeiHash(_ field: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard trimmed(field).count > 0 else { return 0 }
        if let h = Self.imeiHashWithoutSpaces(field) { return h }
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        var word: UInt64 = 0, shift: UInt64 = 0, count: UInt64 = 0
        for b in field where b != 0x20 {
            word |= UInt64(b) << shift
            count &+= 1
            shift &+= 8
            if shift == 64 { h = NumberTable.mix(h ^ word); word = 0; shift = 0 }
        }
        // The last word holds at most 7 bytes, so its top byte is free for the length.
        h = NumberTable.mix(h ^ word ^ (count << 56))
        return h | 1                                        // never 0, which means "none yet"
    }

    /// ``imeiHash(_:)`` of a field without spaces (the usual case), its full words loaded
    /// whole; nil if the field has a space.
    @inline(__always)
    static func imeiHashWithoutSpaces(_ field: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard let p = field.baseAddress else { return nil }
        let n = field.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        var i = 0
        while i + 8 <= n {
            let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            let x = word ^ 0x2020_2020_2020_2020                     // a zero byte where a space was
            if ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080 != 0 { return nil }
            h = NumberTable.mix(h ^ word)
            i += 8
        }
        var word: UInt64 = 0, shift: UInt64 = 0
        while i < n {
            let b = p[i]
            if b == 0x20 { return nil }
            word |= UInt64(b) << shift
            shift &+= 8
            i += 1
        }
        h = NumberTable.mix(h ^ word ^ (UInt64(n) << 56))
        return h | 1
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
        // A header skipped as a bad line made the first call the header: the run then
        // failed naming "missing" columns from that call's values.
        if options.format == .csv && header == nil { throw .unreadableHeader(issue) }
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
        guard e > s else { return nil }
        var v: UInt32 = 0
        var i = s
        while i < e, f[i] != 0x2E {
            let d = f[i] &- 0x30
            // At most 9 digits (31 years); the fraction may be longer ("125.000000").
            guard d < 10, i - s < 9 else { return nil }
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

extension CallLogBuilder {
    /// A call read and checked but not yet interned: its numbers' keys, where their canonical
    /// bytes and region codes wait in `pendingBytes`, and the rest of its record.
    struct PendingCall {
        struct Party {
            var key: UInt64 = 0
            var hash: UInt64 = 0                      // NumberTable.mix(key)
            var kind: NumberKind = .domestic
            var start = 0, end = 0
        }
        var time: UInt32
        var duration: UInt32
        var side: DuplicateCallFilter.Side
        var a = Party(), b = Party()
        /// A region code's bytes: up to 8 in `word` (`start` -1), else `count` bytes from
        /// `start` in `pendingBytes`.
        struct Region {
            var word: UInt64
            var start: Int32
            var count: Int32
        }
        var regionA: Region? = nil, regionB: Region? = nil
        var imei: UInt64 = 0
    }
}
