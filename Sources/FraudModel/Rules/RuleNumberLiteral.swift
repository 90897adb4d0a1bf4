// MARK: - Form

/// How a number literal was written, which says what unit it carries.
enum RuleNumberForm: Sendable, Hashable {
    /// `2`, `0.5`, `1e-3`, `true`, `false`: no unit.
    case plain
    /// `30s`, `10m`, `1h30m`: a duration; its value is in seconds.
    case duration
    /// `30%`: a percentage; its value is the fraction (0.3).
    case percent
}

// MARK: - Literal

/// A number as written in an expression or after `set`: its value and its form, so it can be
/// checked against the unit of what it is compared with (``FeatureUnit``).
struct RuleNumberLiteral: Sendable, Hashable {
    /// The value: seconds for a duration, the fraction for a percentage.
    var value: Double
    var form: RuleNumberForm
    /// The literal as written, sign included (`-2`, `10m`, `30%`), for messages.
    var text: String

    /// The literal with a minus sign in front.
    var negated: RuleNumberLiteral {
        let unsigned = text.hasPrefix("-") ? String(text.dropFirst()) : "-" + text
        return RuleNumberLiteral(value: -value, form: form, text: unsigned)
    }
}
