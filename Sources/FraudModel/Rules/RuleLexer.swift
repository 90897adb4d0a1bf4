// MARK: - Lexer

/// Splits a rules file into statements (logical lines) of tokens.
///
/// A statement continues onto the next line when that line is indented or parentheses are
/// still open. An unindented line that starts with a statement keyword always begins a new
/// statement, so one forgotten `)` produces one error instead of swallowing the rest of the file.
/// After a list's `=` the lexer switches to raw items, because phone numbers (`+855…`,
/// `0086…`) and hex ids (`3fa9…`) are not expression tokens.
///
/// - Complexity: O(n) in the size of the source.
struct RuleLexer {
    private let bytes: [UInt8]
    private let file: String
    private(set) var diagnostics: [RuleDiagnostic] = []

    private var lineNumber = 0
    private var cursor = (offset: 0, column: 1)
    private var depth = 0
    private var listMode = false

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// Lexes the whole source from `start` (past a byte-order mark, if any).
    mutating func logicalLines(startingAt start: Int) -> [RuleLogicalLine] {
        var result: [RuleLogicalLine] = []
        var current: RuleLogicalLine?
        var offset = start
        while offset < bytes.count {
            lineNumber += 1
            cursor = (offset, 1)
            var end = offset
            while end < bytes.count && bytes[end] != RuleAscii.newline { end += 1 }
            processLine(from: offset, to: end, current: &current, result: &result)
            offset = end + 1
        }
        if let last = current { result.append(last) }
        return result
    }

    // MARK: - Lines

    private mutating func processLine(
        from start: Int, to end: Int, current: inout RuleLogicalLine?, result: inout [RuleLogicalLine]
    ) {
        var p = start
        while p < end && RuleAscii.isBlank(bytes[p]) { p += 1 }
        // Blank and comment-only lines are invisible: they neither end nor continue a statement.
        if p == end || bytes[p] == RuleAscii.hash { return }
        let indented = bytes[start] == RuleAscii.space || bytes[start] == RuleAscii.tab
        if let statement = current {
            let keyword = !indented && startsWithStatementKeyword(p, end)
            if !(indented || (depth > 0 && !keyword)) {
                result.append(statement)
                current = nil
            }
        }
        var statement = current ?? startStatement(at: p, lineStart: start)
        lexTokens(from: p, to: end, into: &statement)
        current = statement
    }

    private mutating func startStatement(at p: Int, lineStart: Int) -> RuleLogicalLine {
        depth = 0
        listMode = false
        let column = column(at: p)
        return RuleLogicalLine(
            line: lineNumber, column: column, lineStartOffset: lineStart,
            endLine: lineNumber, endColumn: column)
    }

    private func startsWithStatementKeyword(_ p: Int, _ end: Int) -> Bool {
        var q = p
        while q < end && RuleAscii.isIdentifierChar(bytes[q]) { q += 1 }
        let word = String(decoding: bytes[p..<q], as: UTF8.self)
        return RuleVocabulary.statementKeywords.contains(word)
    }

    // MARK: - Tokens

    private mutating func lexTokens(from start: Int, to end: Int, into statement: inout RuleLogicalLine) {
        var p = start
        while p < end && !statement.failed {
            let b = bytes[p]
            if RuleAscii.isBlank(b) {
                p += 1
            } else if b == RuleAscii.hash {
                return
            } else if b == RuleAscii.quote {
                p = lexString(p, end, &statement)
            } else if listMode {
                p = lexListItem(p, end, &statement)
            } else if RuleAscii.isDigit(b) || (b == RuleAscii.dot && p + 1 < end && RuleAscii.isDigit(bytes[p + 1])) {
                p = lexNumber(p, end, &statement)
            } else if RuleAscii.isIdentifierStart(b) {
                var q = p
                while q < end && RuleAscii.isIdentifierChar(bytes[q]) { q += 1 }
                append(.identifier, text(p, q), from: p, to: q, to: &statement)
                p = q
            } else {
                p = lexSymbol(p, end, &statement)
            }
        }
    }

    private mutating func lexString(_ start: Int, _ end: Int, _ statement: inout RuleLogicalLine) -> Int {
        var content: [UInt8] = []
        var p = start + 1
        while p < end {
            let b = bytes[p]
            if b == RuleAscii.quote {
                append(.string, String(decoding: content, as: UTF8.self), from: start, to: p + 1, to: &statement)
                return p + 1
            }
            // Only \" and \\ are escapes; a lone backslash stays, so Windows paths still work.
            if b == RuleAscii.backslash, p + 1 < end, bytes[p + 1] == RuleAscii.quote || bytes[p + 1] == RuleAscii.backslash {
                p += 1
            }
            content.append(bytes[p])
            p += 1
        }
        fail("unterminated string (strings must end with '\"' on the same line)", at: start, &statement)
        return end
    }

    private mutating func lexListItem(_ start: Int, _ end: Int, _ statement: inout RuleLogicalLine) -> Int {
        if bytes[start] == RuleAscii.comma {
            append(.symbol, ",", from: start, to: start + 1, to: &statement)
            return start + 1
        }
        var p = start
        while p < end, !RuleAscii.isBlank(bytes[p]), bytes[p] != RuleAscii.comma, bytes[p] != RuleAscii.hash,
            bytes[p] != RuleAscii.quote
        {
            p += 1
        }
        append(.word, text(start, p), from: start, to: p, to: &statement)
        return p
    }

    private mutating func lexSymbol(_ p: Int, _ end: Int, _ statement: inout RuleLogicalLine) -> Int {
        let b = bytes[p]
        let next: UInt8 = p + 1 < end ? bytes[p + 1] : 0
        if next == RuleAscii.equals, b == RuleAscii.less || b == RuleAscii.greater || b == RuleAscii.equals || b == RuleAscii.bang {
            append(.symbol, text(p, p + 2), from: p, to: p + 2, to: &statement)
            return p + 2
        }
        switch b {
        case RuleAscii.openParen, RuleAscii.closeParen, RuleAscii.comma, RuleAscii.equals, RuleAscii.less, RuleAscii.greater,
            RuleAscii.plus, RuleAscii.minus, RuleAscii.star, RuleAscii.slash:
            if b == RuleAscii.openParen { depth += 1 }
            if b == RuleAscii.closeParen { depth = max(0, depth - 1) }
            append(.symbol, text(p, p + 1), from: p, to: p + 1, to: &statement)
            if b == RuleAscii.equals && depth == 0 && statement.tokens.first?.isKeyword("list") == true {
                listMode = true
            }
            return p + 1
        default:
            fail(unexpectedCharacterMessage(at: p, end), at: p, &statement)
            return end
        }
    }

    private func unexpectedCharacterMessage(at p: Int, _ end: Int) -> String {
        let b = bytes[p]
        var length = 1
        if b >= 0xF0 { length = 4 } else if b >= 0xE0 { length = 3 } else if b >= 0xC0 { length = 2 }
        let shown = String(decoding: bytes[p..<min(p + length, end)], as: UTF8.self)
        switch b {
        case RuleAscii.bang: return "unexpected character '!'; write 'not' or '!='"
        case RuleAscii.ampersand: return "unexpected character '&'; write 'and'"
        case RuleAscii.pipe: return "unexpected character '|'; write 'or'"
        case RuleAscii.singleQuote: return "unexpected character \"'\"; strings use double quotes"
        default: return "unexpected character '\(shown)'"
        }
    }

    // MARK: - Helpers

    mutating func append(
        _ kind: RuleTokenKind, _ text: String, value: Double = 0, form: RuleNumberForm = .plain,
        from start: Int, to end: Int, to statement: inout RuleLogicalLine
    ) {
        let token = RuleToken(
            kind: kind, text: text, value: value, form: form, line: lineNumber, column: column(at: start),
            start: start, end: end)
        statement.tokens.append(token)
        statement.endLine = lineNumber
        statement.endColumn = column(at: end)
    }

    mutating func fail(_ message: String, at offset: Int, _ statement: inout RuleLogicalLine) {
        diagnostics.append(
            RuleDiagnostic(file: file, line: lineNumber, column: column(at: offset), message: message))
        statement.failed = true
        depth = 0
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    func byte(_ offset: Int) -> UInt8 { bytes[offset] }

    /// Column of a byte offset on the current line, counting characters: UTF-8 continuation
    /// bytes do not start a column. Offsets are requested in increasing order, so a cursor
    /// makes this amortised O(1).
    mutating func column(at offset: Int) -> Int {
        if offset < cursor.offset {
            // Rare: restart from the beginning of the line.
            var start = cursor.offset
            while start > 0 && bytes[start - 1] != RuleAscii.newline { start -= 1 }
            cursor = (start, 1)
        }
        var (p, column) = cursor
        while p < offset {
            if bytes[p] & 0xC0 != 0x80 { column += 1 }
            p += 1
        }
        cursor = (p, column)
        return column
    }
}
