/// Splits one CSV record into fields.
///
/// Two ways: ``split(_:separator:)`` for records without any `"` (the common case), which
/// only records field offsets in the line, and ``splitUnquoting(_:separator:into:)`` for
/// records with quotes, which copies each field's value (quotes removed, `""` turned into
/// `"`, line breaks inside quotes kept) into a buffer (RFC 4180).
struct CSVFields {
    /// Field start and end offsets within the line (or the decoded buffer).
    private(set) var starts: [Int]
    private(set) var ends: [Int]
    private(set) var count = 0
    let limit: Int

    init(limit: Int = 512) {
        self.limit = max(limit, 1)
        starts = Array(repeating: 0, count: self.limit)
        ends = Array(repeating: 0, count: self.limit)
    }

    /// Splits `line`, which has no `"`, on `separator`. A trailing separator gives a last,
    /// empty field. Returns false if the line has more than `limit` fields.
    ///
    /// - Complexity: O(n), no allocation.
    @inline(__always)
    mutating func split(_ line: UnsafeBufferPointer<UInt8>, separator: UInt8) -> Bool {
        count = 0
        let n = line.count
        let limit = self.limit
        return starts.withUnsafeMutableBufferPointer { st in
            ends.withUnsafeMutableBufferPointer { en in
                var c = 0
                var fieldStart = 0
                defer { count = c }
                @inline(__always) func end(_ at: Int) -> Bool {
                    if c == limit { return false }
                    st[c] = fieldStart
                    en[c] = at
                    c += 1
                    fieldStart = at + 1
                    return true
                }
                var i = 0
                #if _endian(little)
                // Eight bytes at a time: a mask with the top bit of every byte equal to the
                // separator, then one step per separator instead of a branch per byte.
                if let base = line.baseAddress {
                    let pattern = UInt64(separator) &* 0x0101_0101_0101_0101
                    while i + 8 <= n {
                        let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) ^ pattern
                        // Exact per byte (no borrow between bytes): top bit set where x is 0.
                        var hits = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
                        while hits != 0 {
                            if !end(i + hits.trailingZeroBitCount >> 3) { return false }
                            hits &= hits &- 1
                        }
                        i += 8
                    }
                }
                #endif
                while i < n {
                    if line[i] == separator, !end(i) { return false }
                    i += 1
                }
                return end(n)
            }
        }
    }

    mutating func splitUnquoting(_ line: UnsafeBufferPointer<UInt8>, separator: UInt8, into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        count = 0
        var i = 0
        let n = line.count
        while true {
            if count == limit { return false }
            let start = out.count
            if i < n, line[i] == 0x22 {                                   // quoted field
                var j = i + 1
                while j < n {
                    if line[j] == 0x22 {
                        if j + 1 < n, line[j + 1] == 0x22 { out.append(0x22); j += 2; continue }
                        break
                    }
                    out.append(line[j])
                    j += 1
                }
                i = j + 1
                while i < n, line[i] != separator { out.append(line[i]); i += 1 }
            } else {
                while i < n, line[i] != separator { out.append(line[i]); i += 1 }
            }
            starts[count] = start
            ends[count] = out.count
            count += 1
            if i >= n { return true }
            i += 1
            if i == n {
                if count == limit { return false }
                starts[count] = out.count; ends[count] = out.count; count += 1
                return true
            }
        }
    }

    /// The bytes of field `k` in `base` (the line for ``split(_:separator:)``, the decoded
    /// buffer for ``splitUnquoting(_:separator:into:)``).
    @inline(__always)
    func field(_ k: Int, in base: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: base[starts[k]..<ends[k]])
    }

    /// Whether every field from `k` on is empty (the trailing separators of some exports).
    func emptyFrom(_ k: Int) -> Bool {
        for j in k..<count where ends[j] > starts[j] { return false }
        return true
    }
}

/// Follows RFC 4180 quoting byte by byte to tell where a record ends: a line break inside a
/// quoted field belongs to the field, so the record continues on the next line.
struct CSVQuoteScanner {
    private enum State { case fieldStart, unquoted, quoted, quoteSeen }
    private var state = State.fieldStart
    /// The separator, or nil before the header told it (then any of `,` `;` tab `|`).
    private let separator: UInt8?
    /// Skip a UTF-8 byte-order mark at the very start of a file.
    private var skipBOM: Bool

    init(separator: UInt8?, atFileStart: Bool) {
        self.separator = separator
        skipBOM = atFileStart
    }

    /// Whether the bytes fed so far end inside a quoted field.
    var insideQuotes: Bool { state == .quoted }

    @inline(__always)
    private func isSeparator(_ b: UInt8) -> Bool {
        if let separator { return b == separator }
        return b == 0x2C || b == 0x3B || b == 0x09 || b == 0x7C
    }

    /// Advances over `bytes`.
    ///
    /// - Complexity: O(n).
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes {
            switch state {
            case .fieldStart:
                if skipBOM, b == 0xEF || b == 0xBB || b == 0xBF { continue }
                skipBOM = false
                if b == 0x22 { state = .quoted } else if !isSeparator(b) { state = .unquoted }
            case .unquoted:
                if isSeparator(b) { state = .fieldStart }
            case .quoted:
                if b == 0x22 { state = .quoteSeen }
            case .quoteSeen:
                if b == 0x22 { state = .quoted } else if isSeparator(b) { state = .fieldStart } else { state = .unquoted }
            }
        }
    }
}
