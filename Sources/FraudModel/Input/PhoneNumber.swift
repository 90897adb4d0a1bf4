/// How a canonical phone number or identifier is shaped.
public enum NumberKind: UInt8, Sendable, CustomStringConvertible {
    /// A domestic number in national form: a mobile (`13912345678`), a fixed line
    /// (`057188001234`) or a service number (`95588`, `10086`).
    case domestic
    /// A foreign number, written `+CC…`.
    case international
    /// An opaque identifier (a hash from an anonymised export), passed through unchanged.
    case opaque

    public var description: String {
        switch self {
        case .domestic: return "domestic"
        case .international: return "international"
        case .opaque: return "opaque"
        }
    }
}

/// Turns the many ways carriers write one number into a single canonical form.
///
/// `13912345678`, `8613912345678`, `+8613912345678` and `008613912345678` are one subscriber,
/// canonically `13912345678`. Foreign numbers (`+855…`, `00855…`) become `+855…`. Hashed
/// identifiers (hex or other alphanumeric strings) pass through as opaque ids; all-hex ones are
/// lower-cased so that `A3F9` and `a3f9` match. Spaces, dashes and parentheses inside a
/// numeric number are dropped.
public enum PhoneNumber {
    /// The longest canonical identifier accepted (a SHA-512 hex digest is 128 characters).
    public static let maximumLength = 256

    /// Why a field could not be read as a number.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case tooLong(Int)
        case badCharacter(UInt8)
        case noDigits
        /// A placeholder an export writes for a withheld or missing number (`anonymous`,
        /// `unknown`, `private`, all zeros: see ``PhoneNumber/withheldWords``). Read as a
        /// number, every such call would be one caller's: a number that rings thousands of
        /// strangers, scored as a subscriber and linking them all.
        case withheld

        public var description: String {
            switch self {
            case .empty: return "empty number"
            case .tooLong(let n): return "number is \(n) characters long (limit \(PhoneNumber.maximumLength))"
            case .badCharacter(let c):
                if c >= 0x20 && c < 0x7F { return "number contains '\(Character(Unicode.Scalar(c)))'" }
                return "number contains byte 0x\(String(c, radix: 16))"
            case .noDigits: return "number has no digits"
            case .withheld: return "number withheld (a placeholder such as 'anonymous' or all zeros): there is no number to follow"
            }
        }
    }

    /// The placeholders (any case) read as a withheld number, ``Problem/withheld``, not as an
    /// identifier; so is a number whose every digit is 0.
    public static let withheldWords: [String] = ["anon", "anonymous", "blocked", "hidden", "na", "nan", "nil", "none",
                                                 "null", "private", "restricted", "undefined", "unavailable",
                                                 "unknown", "withheld"]

    /// Whether `field` is one of ``withheldWords``, in any case.
    @usableFromInline
    static func isWithheldWord(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard field.count >= 2, field.count <= 11 else { return false }
        return withheldWords.contains { word in
            word.utf8.count == field.count && zip(word.utf8, field).allSatisfy { $0 == $1 | 0x20 }
        }
    }

    /// Canonicalises the number in `field`, writing the canonical bytes to `out`.
    ///
    /// - Parameters:
    ///   - field: The raw field bytes (already unquoted).
    ///   - out: Receives the canonical form; cleared first.
    /// - Returns: The kind of number, or the problem that makes it unreadable.
    /// - Complexity: O(n) in the field length, no allocation once `out` has capacity.
    @inlinable
    public static func canonicalize(_ field: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Result<NumberKind, Problem> {
        out.removeAll(keepingCapacity: true)
        var start = 0, end = field.count
        while start < end, field[start] == 0x20 || field[start] == 0x09 { start += 1 }
        while end > start, field[end - 1] == 0x20 || field[end - 1] == 0x09 { end -= 1 }
        if start == end { return .failure(.empty) }
        if end - start > maximumLength { return .failure(.tooLong(end - start)) }

        var plus = false
        var allDigits = true
        var allHex = true
        var digits = 0
        var lead: UInt64 = 0                                               // the first eight digits
        for i in start..<end {
            let c = field[i]
            if c &- 0x30 < 10 {
                if digits < 8 { lead |= UInt64(c) << (8 * UInt64(digits)) }
                digits += 1
                continue
            }
            if c == 0x2B && i == start { plus = true; continue }          // leading '+'
            if c == 0x2D || c == 0x20 || c == 0x28 || c == 0x29 || c == 0x2E {
                // '-', ' ', '(', ')', '.' are visual separators in a written number
                continue
            }
            let isLetter = (c | 0x20) &- 0x61 < 26
            if isLetter || c == 0x5F {                                     // letters, '_'
                allDigits = false
                if !((c | 0x20) &- 0x61 < 6) { allHex = false }
                continue
            }
            return .failure(.badCharacter(c))
        }
        if !allDigits {
            if plus { return .failure(.badCharacter(0x2B)) }
            if isWithheldWord(UnsafeBufferPointer(rebasing: field[start..<end])) { return .failure(.withheld) }
            // Opaque id: keep the original bytes (separators included) so distinct ids stay
            // distinct; fold case only where it cannot matter, for hex digests.
            for i in start..<end {
                var c = field[i]
                if c == 0x20 || c == 0x09 { out.removeAll(keepingCapacity: true); return .failure(.badCharacter(c)) }
                if allHex, c &- 0x41 < 26 { c |= 0x20 }
                out.append(c)
            }
            return .success(.opaque)
        }
        if digits == 0 { return .failure(.noDigits) }
        // Every rewrite drops leading digits and may put one character in front, so the
        // digits are copied once, after deciding.
        let (skip, prefix, kind) = rewrite(digits: digits, lead: lead, plus: plus)
        out.reserveCapacity(digits - skip + 1)
        if let prefix { out.append(prefix) }
        var seen = 0
        for i in start..<end where field[i] &- 0x30 < 10 {
            if seen >= skip { out.append(field[i]) }
            seen += 1
        }
        // All zeros once the country code is dropped (`0`, `+8600000000000`): withheld.
        if !out.contains(where: { $0 &- 0x31 < 9 }) {
            out.removeAll(keepingCapacity: true)
            return .failure(.withheld)
        }
        return .success(kind)
    }

    /// The numbering rules on a number of `digits` digits (the first eight in `lead`, one a
    /// byte, lowest first), written with a leading `+` or not: its canonical form drops the
    /// first `skip` digits and puts `prefix` in front, and is of `kind`.
    ///
    /// `+86…` and `0086…` are domestic; other `+…` and `00…` are international and keep their
    /// country code after a `+`; a bare `86…` of 12–13 digits is domestic without the country
    /// code. A domestic number after `86` keeps its digits if it is a mobile or service
    /// number (`1…`, `9…` of up to 8 digits) or already has its trunk `0`; otherwise it is a
    /// fixed line and gets the trunk `0` back.
    @usableFromInline @inline(__always)
    static func rewrite(digits: Int, lead: UInt64, plus: Bool) -> (skip: Int, prefix: UInt8?, kind: NumberKind) {
        @inline(__always) func digit(_ k: Int) -> UInt8 {                // the k-th digit, k < 8
            k < digits ? UInt8(truncatingIfNeeded: lead >> (8 * UInt64(k))) : 0
        }
        @inline(__always) func national(from skip: Int) -> (Int, UInt8?, NumberKind) {
            let first = digit(skip), count = digits - skip
            guard count > 0, first != 0x30, first != 0x31, !(first == 0x39 && count <= 8) else { return (skip, nil, .domestic) }
            return (skip, 0x30, .domestic)
        }
        @inline(__always) func international(from: Int) -> (Int, UInt8?, NumberKind) {
            if digits - from > 2, digit(from) == 0x38, digit(from + 1) == 0x36 {   // +86: domestic after all
                return national(from: from + 2)
            }
            return (from, 0x2B, .international)
        }
        if plus { return international(from: 0) }
        if digits > 2, digit(0) == 0x30, digit(1) == 0x30 { return international(from: 2) }  // "00" = international access
        if digits >= 12, digits <= 13, digit(0) == 0x38, digit(1) == 0x36 { return national(from: 2) }
        return (0, nil, .domestic)
    }

    /// The canonical form of a field of digits with at most a leading `+` (how nearly every
    /// record of a real export writes its numbers), without writing it out: the value and
    /// count of its digits, whether it starts with `+`, and its kind; nil for anything else,
    /// for more than 19 digits, or for a canonical form of more than 17 digits, which take
    /// ``canonicalize(_:into:)``.
    /// The result packs into an intern key with ``NumberTable/packedKey(value:count:plus:)``.
    @inline(__always)
    static func packedCanonical(_ field: UnsafeBufferPointer<UInt8>) -> (value: UInt64, count: Int, plus: Bool, kind: NumberKind)? {
        let n = field.count
        guard n > 0, n <= 20 else { return nil }
        let plus = field[0] == 0x2B
        var i = plus ? 1 : 0
        let digits = n - i
        guard digits > 0, digits <= 19 else { return nil }                 // the value fits 64 bits
        var value: UInt64 = 0, lead: UInt64 = 0
        var k: UInt64 = 0
        if digits >= 8, let base = field.baseAddress {
            // The first eight digits in one word: checked and converted with three multiplies
            // instead of a chain of eight multiply-adds (the chain was most of this function).
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            guard let v = Self.eightDigits(w) else { return nil }
            lead = w
            value = v
            k = 8
            i += 8
        }
        while i < n {
            let c = field[i]
            let d = c &- 0x30
            guard d < 10 else { return nil }
            if k < 8 { lead |= UInt64(c) << (8 * k) }
            value = value &* 10 &+ UInt64(d)                               // ≤ 19 digits: no overflow
            k += 1
            i += 1
        }
        let (skip, prefix, kind) = rewrite(digits: digits, lead: lead, plus: plus)
        let kept = digits - skip
        let count = kept + (prefix == 0x30 ? 1 : 0)
        guard count <= 17 else { return nil }
        if skip > 0 {
            var scale: UInt64 = 1
            for _ in 0..<kept { scale &*= 10 }
            value %= scale
        }
        guard value != 0 else { return nil }              // all zeros, country code dropped: withheld
        return (value, count, prefix == 0x2B, kind)
    }

    /// The value of eight ASCII digits loaded as a little-endian word (the first digit in the
    /// low byte), or nil if any byte is not a digit.
    @inline(__always)
    static func eightDigits(_ w: UInt64) -> UInt64? {
        // Every byte 0x30-0x39: high nibble 3, and still 3 after adding 6 (no byte carries).
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0, threes: UInt64 = 0x3030_3030_3030_3030
        guard w & high == threes, (w &+ 0x0606_0606_0606_0606) & high == threes else { return nil }
        var v = w & 0x0F0F_0F0F_0F0F_0F0F
        v = (v &* 10 &+ (v >> 8)) & 0x00FF_00FF_00FF_00FF                // pairs of digits
        v = (v &* 100 &+ (v >> 16)) & 0x0000_FFFF_0000_FFFF              // fours
        return (v &* 10_000 &+ (v >> 32)) & 0xFFFF_FFFF                  // eight
    }

    /// Why `text` is not a number, for a message that names it: "'N/A' is not a phone number
    /// or identifier", or, for a placeholder, "'anonymous' stands for a withheld number, not a
    /// number". `text` is cut to 40 characters.
    public static func notANumber(_ text: some StringProtocol) -> String {
        var bytes = Array(text.utf8)
        var out: [UInt8] = []
        let result = bytes.withUnsafeMutableBufferPointer { canonicalize(UnsafeBufferPointer($0), into: &out) }
        let shown = text.prefix(40)
        if case .failure(.withheld) = result { return "'\(shown)' stands for a withheld number, not a number" }
        return "'\(shown)' is not a phone number or identifier"
    }

    /// Canonicalises a string; convenient for lists and tests, not for hot loops.
    ///
    /// - Returns: The canonical text, or `nil` if `text` is not a number or identifier.
    public static func canonical(_ text: some StringProtocol) -> String? {
        var bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1)
        let result = bytes.withUnsafeMutableBufferPointer { canonicalize(UnsafeBufferPointer($0), into: &out) }
        bytes.removeAll()
        guard case .success = result else { return nil }
        return String(decoding: out, as: UTF8.self)
    }
}
