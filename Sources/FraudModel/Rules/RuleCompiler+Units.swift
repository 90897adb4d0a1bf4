// MARK: - Literals in the unit of what they are compared with

extension RuleCompiler {
    /// A comparison's operands, with a literal compared directly with a value of known unit
    /// (a feature, `score`, `length`) read in that unit: a duration against an hours feature
    /// becomes hours. A literal that cannot mean what it says there (a duration against a
    /// count, a percentage against seconds, 30 against a share) is reported at its position.
    ///
    /// Only a literal (or a negated one) directly on the other side of a feature is checked:
    /// `feature * 2 > 10m`, `min(a, b) > 1d` and `x > 1d + 12h` compare arithmetic, whose unit
    /// the compiler does not follow, and are taken as written.
    mutating func readingLiterals(_ lhs: RuleExpr, _ rhs: RuleExpr) -> (RuleExpr, RuleExpr) {
        (read(lhs, against: rhs), read(rhs, against: lhs))
    }

    private mutating func read(_ operand: RuleExpr, against other: RuleExpr) -> RuleExpr {
        guard case .identifier(let name) = other.kind, let unit = scope.unit(of: name),
              let literal = Self.literal(operand)
        else { return operand }
        do {
            let value = try unit.value(of: literal, for: name)
            guard value != literal.value else { return operand }
            let read = RuleNumberLiteral(value: value, form: .plain, text: literal.text)
            return RuleExpr(kind: .number(read), line: operand.line, column: operand.column)
        } catch {
            report(operand, error.message)
            return operand
        }
    }

    /// A number literal as written, a minus sign in front included (`-1d`).
    private static func literal(_ expr: RuleExpr) -> RuleNumberLiteral? {
        switch expr.kind {
        case .number(let literal): return literal
        case .unary(.negate, let operand): return literal(operand)?.negated
        default: return nil
        }
    }
}
