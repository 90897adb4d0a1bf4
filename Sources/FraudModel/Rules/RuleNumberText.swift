// MARK: - Canonical number text

/// The number-context primitives over a canonical number's UTF-8 text.
///
/// Canonical text is ASCII: national digits (`13912345678`), `+` and digits for foreign
/// numbers (`+85512345678`), or lowercase hex for hashed ids.
enum RuleNumberText {
    static let plus = UInt8(ascii: "+")

    /// `length`: characters, not counting a leading `+`.
    static func length(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        isInternational(text) ? text.count - 1 : text.count
    }

    /// `international`: the text starts with `+`.
    static func isInternational(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.first == plus
    }

    /// `hashed`: any character other than a digit, apart from a leading `+`.
    static func isHashed(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        for (i, b) in text.enumerated() where !(RuleAscii.isDigit(b) || (i == 0 && b == plus)) {
            return true
        }
        return false
    }

    static func hasPrefix(_ text: UnsafeBufferPointer<UInt8>, anyOf patterns: RulePatternSet) -> Bool {
        patterns.contains { matches(text, $0, at: 0) }
    }

    static func hasSuffix(_ text: UnsafeBufferPointer<UInt8>, anyOf patterns: RulePatternSet) -> Bool {
        patterns.contains { $0.count <= text.count && matches(text, $0, at: text.count - $0.count) }
    }

    /// - Complexity: O(text × pattern) per pattern; numbers are a few dozen bytes.
    static func contains(_ text: UnsafeBufferPointer<UInt8>, anyOf patterns: RulePatternSet) -> Bool {
        patterns.contains { pattern in
            guard pattern.count <= text.count else { return false }
            for start in 0...(text.count - pattern.count) where matches(text, pattern, at: start) {
                return true
            }
            return false
        }
    }

    private static func matches(_ text: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start >= 0, start + pattern.count <= text.count else { return false }
        for (i, b) in pattern.enumerated() where text[start + i] != b {
            return false
        }
        return true
    }
}
