/// Reads one JSON Lines record — a single JSON object on one line — and extracts the values
/// of the keys fraud-score wants, without Foundation and without building a tree.
///
/// Wanted keys (matched ASCII case-insensitively, like CSV headers) must hold a string, a
/// number or `null` (= absent); their values are decoded (escapes, `\uXXXX` with surrogate
/// pairs) into a buffer. Other keys may hold anything, nested up to ``maximumDepth`` levels,
/// and are checked but skipped. A wanted key given twice makes the line unusable, as a CSV
/// header with two `caller` columns is (which of the two callers made the call?).
struct JSONLineScanner {
    /// Deepest nesting accepted inside a skipped value.
    static let maximumDepth = 64

    /// Why a line is not a usable JSON object.
    enum Problem: Equatable, Sendable, CustomStringConvertible {
        /// Invalid JSON: what was expected at a 1-based byte column.
        case syntax(column: Int, expected: String)
        /// Nesting deeper than ``JSONLineScanner/maximumDepth``.
        case tooDeep(column: Int)
        /// A wanted key holds an object, array or boolean.
        case notScalar(key: String)
        /// A wanted key appears twice in the object (in any case).
        case repeatedKey(key: String)

        var description: String {
            switch self {
            case .syntax(let c, let e): return "bad JSON at byte \(c): expected \(e)"
            case .tooDeep(let c): return "JSON nested deeper than \(JSONLineScanner.maximumDepth) levels at byte \(c)"
            case .notScalar(let k): return "JSON field '\(k)' is not a string or number"
            case .repeatedKey(let k): return "JSON field '\(k)' is given twice"
            }
        }
    }

    /// A wanted key: its lower-case name and the slot its value fills.
    struct Key {
        let name: [UInt8]
        let slot: RecordSlot
    }

    let keys: [Key]
    let maximumKeys: Int

    /// Value ranges in the decoded buffer, per ``RecordSlot``; -1 when absent.
    private(set) var starts = [Int](repeating: -1, count: RecordSlot.allCases.count)
    private(set) var ends = [Int](repeating: -1, count: RecordSlot.allCases.count)
    /// Keys in the object (all of them, wanted or not), for the field limit.
    private(set) var keyCount = 0
    /// The slots a key of this object has filled (or nulled), a bit each.
    private var seen: UInt32 = 0
    /// The current key, decoded; reused for every key of every line.
    private var key: [UInt8] = []

    init(keys: [Key], maximumKeys: Int) {
        self.keys = keys
        self.maximumKeys = maximumKeys
    }

    // MARK: - Object

    /// Scans `line`, writing wanted values into `out`.
    ///
    /// - Returns: nil on success, else the problem; `keyCount > maximumKeys` is reported by
    ///   the caller as too many fields.
    /// - Complexity: O(n) in the line length; no recursion.
    mutating func scan(_ line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Problem? {
        out.removeAll(keepingCapacity: true)
        for k in 0..<starts.count { starts[k] = -1; ends[k] = -1 }
        keyCount = 0
        seen = 0
        var p = Parser(b: line)
        p.skipSpace()
        guard p.eat(0x7B) else { return p.expected("'{'") }
        p.skipSpace()
        if !p.eat(0x7D) {
            while true {
                p.skipSpace()
                guard p.peek == 0x22 else { return p.expected("a key in double quotes") }
                var keyBytes: [UInt8] = []
                swap(&keyBytes, &key)
                defer { swap(&keyBytes, &key) }
                keyBytes.removeAll(keepingCapacity: true)
                if let problem = p.string(into: &keyBytes) { return problem }
                keyCount += 1
                if keyCount > maximumKeys { return nil }
                p.skipSpace()
                guard p.eat(0x3A) else { return p.expected("':'") }
                p.skipSpace()
                if let slot = wanted(keyBytes) {
                    if let problem = scalar(&p, key: keyBytes, slot: slot, into: &out) { return problem }
                } else if let problem = p.skipValue() {
                    return problem
                }
                p.skipSpace()
                if p.eat(0x2C) { continue }
                if p.eat(0x7D) { break }
                return p.expected("',' or '}'")
            }
        }
        p.skipSpace()
        guard p.atEnd else { return p.expected("the end of the line after the object") }
        return nil
    }

    private func wanted(_ key: [UInt8]) -> RecordSlot? {
        outer: for k in keys where k.name.count == key.count {
            for j in 0..<key.count {
                var c = key[j]
                if c &- 0x41 < 26 { c |= 0x20 }
                if c != k.name[j] { continue outer }
            }
            return k.slot
        }
        return nil
    }

    private mutating func scalar(_ p: inout Parser, key: [UInt8], slot: RecordSlot, into out: inout [UInt8]) -> Problem? {
        let bit: UInt32 = 1 << UInt32(slot.rawValue)
        guard seen & bit == 0 else { return .repeatedKey(key: String(decoding: key.prefix(40), as: UTF8.self)) }
        seen |= bit
        let start = out.count
        switch p.peek {
        case 0x22:
            if let problem = p.string(into: &out) { return problem }
        case 0x6E:                                                      // null: absent
            guard p.literal("null") else { return p.expected("a value") }
            starts[slot.rawValue] = -1
            ends[slot.rawValue] = -1
            return nil
        case 0x7B, 0x5B, 0x74, 0x66:                                    // { [ true false
            return .notScalar(key: String(decoding: key.prefix(40), as: UTF8.self))
        default:
            let s = p.i
            if let problem = p.number() { return problem }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p.b[s..<p.i]))
        }
        starts[slot.rawValue] = start
        ends[slot.rawValue] = out.count
        return nil
    }
}

// MARK: - Parser

/// A cursor over one line's bytes with the JSON grammar's pieces.
private struct Parser {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

    var atEnd: Bool { i >= b.count }
    var peek: UInt8 { i < b.count ? b[i] : 0 }

    mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 }
    }

    mutating func eat(_ c: UInt8) -> Bool {
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }

    func expected(_ what: String) -> JSONLineScanner.Problem { .syntax(column: i + 1, expected: what) }

    mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard b.count - i >= n else { return false }
        let w = UnsafeBufferPointer(start: word.utf8Start, count: n)
        for k in 0..<n where b[i + k] != w[k] { return false }
        i += n
        return true
    }

    /// A string starting at the opening quote, decoded into `out`.
    mutating func string(into out: inout [UInt8]) -> JSONLineScanner.Problem? {
        i += 1                                                          // opening quote
        while i < b.count {
            let c = b[i]
            if c == 0x22 { i += 1; return nil }
            if c < 0x20 { return expected("no control character inside a string") }
            if c != 0x5C { out.append(c); i += 1; continue }
            i += 1
            guard i < b.count else { break }
            let e = b[i]
            i += 1
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard var scalar = hex4() else { return expected("four hex digits after \\u") }
                if scalar >= 0xD800 && scalar < 0xDC00 {                // high surrogate: a low one must follow
                    guard b.count - i >= 6, b[i] == 0x5C, b[i + 1] == 0x75 else { return expected("a low surrogate \\uDC00–\\uDFFF") }
                    i += 2
                    guard let low = hex4(), low >= 0xDC00, low < 0xE000 else { return expected("a low surrogate \\uDC00–\\uDFFF") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    return expected("a high surrogate before a low one")
                }
                guard let u = Unicode.Scalar(scalar) else { return expected("a valid \\u escape") }
                UTF8.encode(u) { out.append($0) }
            default:
                i -= 1
                return expected("a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
            }
        }
        return expected("'\"' to close the string")
    }

    private mutating func hex4() -> UInt32? {
        guard b.count - i >= 4 else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt8
            if c &- 0x30 < 10 { d = c &- 0x30 } else if (c | 0x20) &- 0x61 < 6 { d = (c | 0x20) &- 0x61 + 10 } else { return nil }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    mutating func number() -> JSONLineScanner.Problem? {
        _ = eat(0x2D)
        guard i < b.count, b[i] &- 0x30 < 10 else { return expected("a value") }
        if b[i] == 0x30 { i += 1 } else { while i < b.count, b[i] &- 0x30 < 10 { i += 1 } }
        if eat(0x2E) {
            guard i < b.count, b[i] &- 0x30 < 10 else { return expected("a digit after '.'") }
            while i < b.count, b[i] &- 0x30 < 10 { i += 1 }
        }
        if i < b.count, b[i] | 0x20 == 0x65 {
            i += 1
            if !eat(0x2B) { _ = eat(0x2D) }
            guard i < b.count, b[i] &- 0x30 < 10 else { return expected("a digit in the exponent") }
            while i < b.count, b[i] &- 0x30 < 10 { i += 1 }
        }
        return nil
    }

    /// Skips any value, nested objects and arrays included, iteratively; the open containers
    /// are a bit stack (1 = array), so depth is bounded by ``JSONLineScanner/maximumDepth``.
    mutating func skipValue() -> JSONLineScanner.Problem? {
        var stack: UInt64 = 0
        var depth = 0
        var scratch: [UInt8] = []
        while true {
            // A value.
            skipSpace()
            switch peek {
            case 0x7B, 0x5B:
                let isArray = peek == 0x5B
                guard depth < JSONLineScanner.maximumDepth else { return .tooDeep(column: i + 1) }
                i += 1
                stack = stack << 1 | (isArray ? 1 : 0)
                depth += 1
                skipSpace()
                if eat(isArray ? 0x5D : 0x7D) {
                    stack >>= 1
                    depth -= 1
                } else {
                    if !isArray, let problem = key(&scratch) { return problem }
                    continue
                }
            case 0x22:
                scratch.removeAll(keepingCapacity: true)
                if let problem = string(into: &scratch) { return problem }
            case 0x74: guard literal("true") else { return expected("a value") }
            case 0x66: guard literal("false") else { return expected("a value") }
            case 0x6E: guard literal("null") else { return expected("a value") }
            default: if let problem = number() { return problem }
            }
            // After a value: close containers, or move to the next element.
            while true {
                if depth == 0 { return nil }
                skipSpace()
                let inArray = stack & 1 == 1
                if eat(0x2C) {
                    if !inArray, let problem = key(&scratch) { return problem }
                    break
                }
                guard eat(inArray ? 0x5D : 0x7D) else { return expected(inArray ? "',' or ']'" : "',' or '}'") }
                stack >>= 1
                depth -= 1
            }
        }
    }

    /// `"key" :` inside a skipped object.
    private mutating func key(_ scratch: inout [UInt8]) -> JSONLineScanner.Problem? {
        skipSpace()
        guard peek == 0x22 else { return expected("a key in double quotes") }
        scratch.removeAll(keepingCapacity: true)
        if let problem = string(into: &scratch) { return problem }
        skipSpace()
        guard eat(0x3A) else { return expected("':'") }
        return nil
    }
}
