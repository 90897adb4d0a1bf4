// MARK: - Reading a literal in a unit

extension FeatureUnit {
    /// Why a literal cannot be read in a unit: the message for the analyst, reported at the
    /// literal's position.
    struct Mismatch: Error, Sendable {
        var message: String
    }

    /// The value `literal` stands for next to `name`, a feature or setting of this unit.
    ///
    /// A plain number is taken as written (seconds, hours, a count…), except that a share is
    /// never more than 1. A duration is read as its seconds against a seconds value and
    /// converted to hours against an hours value (`1d` is 24, `90m` 1.5); against anything
    /// else it is an error. A percentage is read as its fraction against a share and is an
    /// error against anything else.
    ///
    /// - Parameters:
    ///   - literal: The number as written.
    ///   - name: The feature or setting it is compared with or assigned to, for the message.
    /// - Returns: The value to use in place of the literal's.
    /// - Throws: ``Mismatch`` saying the unit of `name` and what to write instead.
    func value(of literal: RuleNumberLiteral, for name: String) throws(Mismatch) -> Double {
        switch (literal.form, self) {
        case (.plain, .share) where literal.value > 1:
            let fraction = RuleSource.formatNumber(literal.value / 100)
            throw Mismatch(message: "'\(name)' is \(phrase), so \(literal.text) is out of its range; write \(literal.text)% (or \(fraction))")
        case (.plain, _), (.duration, .seconds), (.percent, .share):
            return literal.value
        case (.duration, .hours):
            return literal.value / 3_600
        case (.duration, .share):
            throw Mismatch(message: "'\(name)' is \(phrase), not a duration; write a percentage such as 30% or a fraction such as 0.3")
        case (.duration, _):
            throw Mismatch(message: "'\(name)' is \(phrase), not a duration; write a plain number\(Self.withoutSuffix(literal))")
        case (.percent, .seconds):
            throw Mismatch(message: "'\(name)' is \(phrase), not a share; write seconds or a duration such as 10m")
        case (.percent, .hours):
            throw Mismatch(message: "'\(name)' is \(phrase), not a share; write hours or a duration such as 1d")
        case (.percent, .ratio):
            throw Mismatch(message: "'\(name)' is \(phrase), not a share; write a plain number (\(RuleSource.formatNumber(literal.value)) for \(literal.text))")
        case (.percent, _):
            throw Mismatch(message: "'\(name)' is \(phrase), not a share; write a plain number\(Self.withoutSuffix(literal))")
        }
    }

    /// ` (10, not 10m)` when the literal is a number with one unit letter or `%` after it;
    /// empty for `1h30m`, which has no one plain number to suggest.
    private static func withoutSuffix(_ literal: RuleNumberLiteral) -> String {
        let number = literal.text.dropLast()
        guard Double(number) != nil else { return "" }
        return " (\(number), not \(literal.text))"
    }
}
