// MARK: - Token

/// What kind of lexeme a ``RuleToken`` is.
enum RuleTokenKind: Equatable, Sendable {
    /// A name or keyword: `[A-Za-z_][A-Za-z0-9_]*`.
    case identifier
    /// A number, duration (seconds) or percentage (fraction); the value is in `value`.
    case number
    /// A double-quoted string; `text` holds the unescaped content.
    case string
    /// A raw list item after `list NAME =` (phone numbers such as `+855…`, hex ids).
    case word
    /// Punctuation or an operator: `( ) , = + - * / < <= > >= == !=`.
    case symbol
}

/// One lexeme with its position, kept for error messages and for rewriting literals in place.
struct RuleToken: Sendable {
    var kind: RuleTokenKind
    /// Identifier/word/symbol text, or the unescaped content of a string.
    var text: String
    /// The numeric value of a `.number` token (durations in seconds, `30%` as 0.3).
    var value: Double = 0
    /// How a `.number` token was written: plain, a duration or a percentage.
    var form: RuleNumberForm = .plain
    var line: Int
    var column: Int
    /// Byte offsets into the source: `start..<end` covers the token as written.
    var start: Int
    var end: Int

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

    /// A `.number` token as a literal: value, form and text as written.
    var numberLiteral: RuleNumberLiteral { RuleNumberLiteral(value: value, form: form, text: text) }

    func isKeyword(_ word: String) -> Bool { kind == .identifier && text == word }

    /// How the token reads in a message: `'x'`, or a description for strings.
    var quoted: String {
        kind == .string ? "string \"\(text)\"" : "'\(text)'"
    }
}

// MARK: - Logical line

/// One statement's tokens after joining continuation lines.
struct RuleLogicalLine: Sendable {
    var tokens: [RuleToken] = []
    /// Where the statement starts.
    var line: Int
    var column: Int
    /// Byte offset of the start of the statement's first physical line (used to insert text).
    var lineStartOffset: Int
    /// Position just after the last token, for "expected … at end of statement" messages.
    var endLine: Int
    var endColumn: Int
    /// The lexer already reported an error here; the parser skips the statement.
    var failed = false
}
