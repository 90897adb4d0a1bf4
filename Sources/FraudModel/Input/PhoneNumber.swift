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

        public var description: String {
            switch self {
            case .empty: return "empty number"
            case .tooLong(let n): return "number is \(n) characters long (limit \(PhoneNumber.maximumLength))"
            case .badCharacter(let c):
                if c >= 0x20 && c < 0x7F { return "number contains '\(Character(Unicode.Scalar(c)))'" }
                return "number contains byte 0x\(String(c, radix: 16))"
            case .noDigits: return "number has no digits"
            }
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
        // Every rewrite below drops leading digits and may put one character in front, so
        // the digits are copied once, after deciding.
        @inline(__always) func digit(_ k: Int) -> UInt8 {                // the k-th digit, k < 8
            UInt8(truncatingIfNeeded: lead >> (8 * UInt64(k)))
        }
        var skip = 0
        var prefix: UInt8? = nil
        var kind = NumberKind.domestic
        let d0 = digit(0), d1 = digits > 1 ? digit(1) : 0
        @inline(__always) func nationalize(_ first: UInt8, _ count: Int) {
            guard count > 0, first != 0x30, first != 0x31, !(first == 0x39 && count <= 8) else { return }
            prefix = 0x30
        }
        @inline(__always) func international(from: Int) {
            let rest = digits - from
            if rest > 2, digit(from) == 0x38, digit(from + 1) == 0x36 {   // +86: domestic after all
                skip = from + 2
                nationalize(digit(skip), digits - skip)
            } else {
                skip = from
                prefix = 0x2B
                kind = .international
            }
        }
        if plus {
            international(from: 0)
        } else if digits > 2, d0 == 0x30, d1 == 0x30 {                     // "00" = international access
            international(from: 2)
        } else if digits >= 12, digits <= 13, d0 == 0x38, d1 == 0x36 {
            // Bare "86…" of 12–13 digits is a domestic number with the country code but no '+'.
            skip = 2
            nationalize(digit(2), digits - 2)
        }
        out.reserveCapacity(digits - skip + 1)
        if let prefix { out.append(prefix) }
        var seen = 0
        for i in start..<end where field[i] &- 0x30 < 10 {
            if seen >= skip { out.append(field[i]) }
            seen += 1
        }
        return .success(kind)
    }

    /// The value and digit count of a field that is already canonical as written: 1–17 plain
    /// digits with no sign, separator or space, not starting with the international `00`, and
    /// not a 12–13 digit `86…` number that ``canonicalize(_:into:)`` would shorten. Such a field
    /// is a domestic number whose canonical form is the field itself, which is what almost
    /// every record of a real export holds; anything else returns nil and takes the general path.
    @inline(__always)
    static func plainDigits(_ field: UnsafeBufferPointer<UInt8>) -> (value: UInt64, count: Int)? {
        let n = field.count
        guard n > 0, n <= 17 else { return nil }
        var value: UInt64 = 0
        for c in field {
            let d = c &- 0x30
            guard d < 10 else { return nil }
            value = value &* 10 &+ UInt64(d)
        }
        if n > 2, field[0] == 0x30, field[1] == 0x30 { return nil }
        if n >= 12, n <= 13, field[0] == 0x38, field[1] == 0x36 { return nil }
        return (value, n)
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
