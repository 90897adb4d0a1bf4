// MARK: - Statement parser

/// Parses one logical line into a ``RuleStatement``.
///
/// Each statement is parsed on its own, so an error in one is reported and the next statement
/// is still checked: that is how all errors of a file are collected in one run. Within a
/// statement the first error stops it (later ones would mostly be consequences).
struct RuleParser {
    let tokens: [RuleToken]
    let statement: RuleLogicalLine
    let file: String
    let source: [UInt8]
    var index = 0
    var depth = 0

    init(_ statement: RuleLogicalLine, file: String, source: [UInt8]) {
        self.tokens = statement.tokens
        self.statement = statement
        self.file = file
        self.source = source
    }

    mutating func parseStatement() throws(RuleDiagnostic) -> RuleStatement {
        let kind = try parseKind()
        if let extra = peek {
            throw error(at: extra, "unexpected \(extra.quoted) at the end of the statement")
        }
        return RuleStatement(
            kind: kind, line: statement.line, column: statement.column,
            lineStartOffset: statement.lineStartOffset,
            sourceRange: (tokens.first?.start ?? 0)..<(tokens.last?.end ?? 0))
    }

    private mutating func parseKind() throws(RuleDiagnostic) -> RuleStatement.Kind {
        guard let head = peek, head.kind == .identifier else {
            throw errorHere("expected a statement (list, class, set, caller, victim or tier)")
        }
        index += 1
        switch head.text {
        case "list":
            let name = try parseName("list")
            try expectSymbol("=", after: "the list name")
            return .list(name, try parseListItems())
        case "class":
            let name = try parseName("class")
            try expectSymbol("=", after: "the class name")
            return .numberClass(name, try parseTopExpression())
        case "set":
            let name = try parseName("setting")
            try expectSymbol("=", after: "the setting name")
            return .setting(name, try parseLiteral("a number or duration"))
        case "caller": return try parseModelStatement(.caller)
        case "victim": return try parseModelStatement(.victim)
        case "tier":
            let number = try parseLiteral("a tier number (1, 2 or 3)")
            guard [1.0, 2.0, 3.0].contains(number.value) else {
                throw RuleDiagnostic(
                    file: file, line: number.line, column: number.column, message: "tier must be 1, 2 or 3")
            }
            try expectSymbol("=", after: "the tier number")
            return .tier(Int(number.value), try parseTopExpression())
        default:
            let hint = RuleSuggestion.didYouMean(head.text, among: RuleVocabulary.statementKeywords.sorted())
            throw error(
                at: head,
                "unknown statement '\(head.text)'; expected list, class, set, caller, victim or tier\(hint)")
        }
    }

    private mutating func parseModelStatement(_ side: RuleModelSide) throws(RuleDiagnostic) -> RuleStatement.Kind {
        let allowed = side == .caller ? ["bias", "rule", "suspect", "trusted"] : ["bias", "rule", "consider"]
        let expectation = "expected " + allowed.map { "'\($0)'" }.joined(separator: ", ")
            + " after '\(side.rawValue)'"
        guard let word = peek, word.kind == .identifier, allowed.contains(word.text) else {
            if let word = peek { throw error(at: word, expectation + ", found \(word.quoted)") }
            throw errorHere(expectation)
        }
        index += 1
        switch word.text {
        case "bias":
            return .bias(side, try parseLiteral("a number after 'bias'"))
        case "rule":
            return .rule(side, try parseRule())
        default:
            try expectSymbol("=", after: "'\(side.rawValue) \(word.text)'")
            let expression = try parseTopExpression()
            switch word.text {
            case "suspect": return .suspect(expression)
            case "trusted": return .trusted(expression)
            default: return .consider(expression)
            }
        }
    }

    private mutating func parseRule() throws(RuleDiagnostic) -> RuleDeclaration {
        let name = try parseName("rule")
        guard let weightWord = peek, weightWord.isKeyword("weight") else {
            throw errorHere("expected 'weight' after the rule name, e.g. rule \(name.text) weight 1.5 = …")
        }
        index += 1
        let weight = try parseLiteral("a number after 'weight'")
        guard weight.value.isFinite else {
            throw RuleDiagnostic(
                file: file, line: weight.line, column: weight.column, message: "weight must be a finite number")
        }
        var label: String?
        if let labelWord = peek, labelWord.isKeyword("label") {
            index += 1
            guard let text = peek, text.kind == .string else {
                throw errorHere("expected a quoted text after 'label', e.g. label \"Long call with a suspect\"")
            }
            index += 1
            label = text.text
        }
        try expectSymbol("=", after: label == nil ? "the weight" : "the label")
        return RuleDeclaration(
            name: name, weight: weight.value, weightRange: weight.range, label: label,
            expression: try parseTopExpression())
    }

    // MARK: - Lists

    private mutating func parseListItems() throws(RuleDiagnostic) -> [RuleListItem] {
        if let word = peek, word.kind == .word, word.text == "file" {
            index += 1
            guard let path = peek, path.kind == .string else {
                throw errorHere("expected a quoted path after 'file', e.g. file \"lists/watch.txt\"")
            }
            index += 1
            return [.file(path.text, line: path.line, column: path.column)]
        }
        var items: [RuleListItem] = []
        while let item = peek {
            guard item.kind == .word || item.kind == .string else {
                throw error(at: item, "expected a phone number or quoted text, found \(item.quoted)")
            }
            index += 1
            items.append(.number(item.text, line: item.line, column: item.column))
            guard let comma = peek else { break }
            guard comma.isSymbol(",") else {
                throw error(at: comma, "expected ',' between list items, found \(comma.quoted)")
            }
            // A trailing comma is allowed, so multi-line lists can end every line with one.
            index += 1
        }
        return items
    }

    // MARK: - Pieces

    var peek: RuleToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func parseName(_ what: String) throws(RuleDiagnostic) -> RuleName {
        guard let token = peek, token.kind == .identifier else {
            if let token = peek { throw error(at: token, "expected a \(what) name, found \(token.quoted)") }
            throw errorHere("expected a \(what) name")
        }
        index += 1
        return RuleName(text: token.text, line: token.line, column: token.column)
    }

    mutating func expectSymbol(_ symbol: String, after context: String) throws(RuleDiagnostic) {
        guard let token = peek, token.isSymbol(symbol) else {
            let found = peek.map { ", found \($0.quoted)" } ?? ""
            throw errorHere("expected '\(symbol)' after \(context)\(found)")
        }
        index += 1
    }

    /// A number literal with an optional sign; its byte range covers the sign for rewriting.
    private mutating func parseLiteral(_ what: String) throws(RuleDiagnostic) -> RuleLiteral {
        var negative = false
        let first = peek
        if let token = first, token.isSymbol("-") || token.isSymbol("+") {
            negative = token.text == "-"
            index += 1
        }
        guard let number = peek, number.kind == .number, let start = first?.start else {
            throw errorHere("expected \(what)")
        }
        index += 1
        return RuleLiteral(
            number: negative ? number.numberLiteral.negated : number.numberLiteral, range: start..<number.end,
            line: first?.line ?? number.line, column: first?.column ?? number.column)
    }

    // MARK: - Errors

    func error(at token: RuleToken, _ message: String) -> RuleDiagnostic {
        RuleDiagnostic(file: file, line: token.line, column: token.column, message: message)
    }

    /// An error at the current token, or just past the statement's end when none is left.
    func errorHere(_ message: String) -> RuleDiagnostic {
        if let token = peek { return error(at: token, message) }
        return RuleDiagnostic(file: file, line: statement.endLine, column: statement.endColumn, message: message)
    }
}
