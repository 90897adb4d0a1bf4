// MARK: - Expression grammar

/// Recursive descent, lowest precedence first:
/// `or` < `and` < `not` < comparisons (non-associative) < `+ -` < `* /` < unary `-` < calls.
extension RuleParser {
    /// Parses the expression that ends a statement and records its text.
    mutating func parseTopExpression() throws(RuleDiagnostic) -> RuleExpressionSource {
        let first = index
        guard peek != nil else { throw errorHere("expected an expression after '='") }
        let expr = try parseExpression()
        if let extra = peek {
            if extra.isSymbol(")") { throw error(at: extra, "unmatched ')'") }
            throw error(at: extra, "unexpected \(extra.quoted) after the end of the expression")
        }
        return RuleExpressionSource(expr: expr, text: sourceText(tokens[first..<index]))
    }

    /// The tokens as written, with any whitespace, comments and line breaks between two tokens
    /// collapsed to one space: the text shown to officers and in `check` output.
    func sourceText(_ slice: ArraySlice<RuleToken>) -> String {
        var bytes: [UInt8] = []
        var previousEnd: Int?
        for token in slice {
            if let end = previousEnd, token.start > end { bytes.append(RuleAscii.space) }
            bytes.append(contentsOf: source[token.start..<token.end])
            previousEnd = token.end
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Levels

    private mutating func parseExpression() throws(RuleDiagnostic) -> RuleExpr {
        try enter()
        defer { depth -= 1 }
        return try parseOr()
    }

    private mutating func enter() throws(RuleDiagnostic) {
        depth += 1
        guard depth <= RuleLimits.maxNesting else {
            throw errorHere("expression is nested too deeply (more than \(RuleLimits.maxNesting) levels)")
        }
    }

    private mutating func parseOr() throws(RuleDiagnostic) -> RuleExpr {
        var lhs = try parseAnd()
        while let token = peek, token.isKeyword("or") {
            index += 1
            lhs = try binary(.or, lhs, try parseAnd(), at: token)
        }
        return lhs
    }

    private mutating func parseAnd() throws(RuleDiagnostic) -> RuleExpr {
        var lhs = try parseNot()
        while let token = peek, token.isKeyword("and") {
            index += 1
            lhs = try binary(.and, lhs, try parseNot(), at: token)
        }
        return lhs
    }

    private mutating func parseNot() throws(RuleDiagnostic) -> RuleExpr {
        guard let token = peek, token.isKeyword("not") else { return try parseComparison() }
        index += 1
        try enter()
        defer { depth -= 1 }
        return unary(.not, try parseNot(), at: token)
    }

    private mutating func parseComparison() throws(RuleDiagnostic) -> RuleExpr {
        let lhs = try parseAdditive()
        guard let token = peek, token.kind == .symbol, let op = Self.comparison(token.text) else { return lhs }
        index += 1
        let result = try binary(op, lhs, try parseAdditive(), at: token)
        if let next = peek, next.kind == .symbol, Self.comparison(next.text) != nil {
            throw error(at: next, "comparisons cannot be chained; write 'a < b and b < c'")
        }
        return result
    }

    private static func comparison(_ symbol: String) -> RuleOperator? {
        switch symbol {
        case "<": return .less
        case "<=": return .lessOrEqual
        case ">": return .greater
        case ">=": return .greaterOrEqual
        case "==": return .equal
        case "!=": return .notEqual
        default: return nil
        }
    }

    private mutating func parseAdditive() throws(RuleDiagnostic) -> RuleExpr {
        var lhs = try parseMultiplicative()
        while let token = peek, token.isSymbol("+") || token.isSymbol("-") {
            index += 1
            lhs = try binary(token.text == "+" ? .add : .subtract, lhs, try parseMultiplicative(), at: token)
        }
        return lhs
    }

    private mutating func parseMultiplicative() throws(RuleDiagnostic) -> RuleExpr {
        var lhs = try parseUnary()
        while let token = peek, token.isSymbol("*") || token.isSymbol("/") {
            index += 1
            lhs = try binary(token.text == "*" ? .multiply : .divide, lhs, try parseUnary(), at: token)
        }
        return lhs
    }

    private mutating func parseUnary() throws(RuleDiagnostic) -> RuleExpr {
        guard let token = peek, token.isSymbol("-") else { return try parsePrimary() }
        index += 1
        try enter()
        defer { depth -= 1 }
        return unary(.negate, try parseUnary(), at: token)
    }

    private mutating func parsePrimary() throws(RuleDiagnostic) -> RuleExpr {
        guard let token = peek else { throw errorHere("expected a value at the end of the expression") }
        index += 1
        switch token.kind {
        case .number:
            return RuleExpr(kind: .number(token.numberLiteral), line: token.line, column: token.column)
        case .string:
            return RuleExpr(kind: .string(token.text), line: token.line, column: token.column)
        case .identifier:
            switch token.text {
            case "true", "false":
                let literal = RuleNumberLiteral(value: token.text == "true" ? 1 : 0, form: .plain, text: token.text)
                return RuleExpr(kind: .number(literal), line: token.line, column: token.column)
            case "and", "or", "not":
                throw error(at: token, "expected a value before '\(token.text)'")
            default: break
            }
            if let open = peek, open.isSymbol("(") {
                index += 1
                return try parseCall(token, open: open)
            }
            return RuleExpr(kind: .identifier(token.text), line: token.line, column: token.column)
        case .symbol where token.text == "(":
            let inner = try parseExpression()
            guard let close = peek, close.isSymbol(")") else {
                throw errorHere("expected ')' to close the '(' at \(token.line):\(token.column)")
            }
            index += 1
            return inner
        case .symbol, .word:
            throw error(at: token, "expected a value, found \(token.quoted)")
        }
    }

    private mutating func parseCall(_ name: RuleToken, open: RuleToken) throws(RuleDiagnostic) -> RuleExpr {
        var arguments: [RuleExpr] = []
        if let close = peek, close.isSymbol(")") {
            index += 1
        } else {
            while true {
                arguments.append(try parseExpression())
                guard let token = peek else {
                    throw errorHere("expected ')' to close the call of \(name.text)() at \(open.line):\(open.column)")
                }
                index += 1
                if token.isSymbol(")") { break }
                guard token.isSymbol(",") else {
                    throw error(at: token, "expected ',' or ')' in the call of \(name.text)(), found \(token.quoted)")
                }
            }
        }
        let height = (arguments.map(\.height).max() ?? 0) + 1
        return RuleExpr(kind: .call(name.text, arguments), line: name.line, column: name.column, height: height)
    }

    // MARK: - Nodes

    private func unary(_ op: RuleOperator, _ operand: RuleExpr, at token: RuleToken) -> RuleExpr {
        RuleExpr(kind: .unary(op, operand), line: token.line, column: token.column, height: operand.height + 1)
    }

    private func binary(
        _ op: RuleOperator, _ lhs: RuleExpr, _ rhs: RuleExpr, at token: RuleToken
    ) throws(RuleDiagnostic) -> RuleExpr {
        let height = max(lhs.height, rhs.height) + 1
        guard height <= RuleLimits.maxTreeHeight else {
            throw error(at: token, "expression is too long (more than \(RuleLimits.maxTreeHeight) operators deep); split it into classes or rules")
        }
        // Binary nodes sit at their left operand so errors point where the sub-expression starts.
        return RuleExpr(kind: .binary(op, lhs, rhs), line: lhs.line, column: lhs.column, height: height)
    }
}
