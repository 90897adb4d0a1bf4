// MARK: - Expressions

/// Operators of the expression language, in the order of the grammar (lowest precedence first).
enum RuleOperator: String, Sendable {
    case or, and, not
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case negate = "unary -"

    /// `<` `<=` `>` `>=` `==` `!=`.
    var isComparison: Bool {
        switch self {
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual: return true
        default: return false
        }
    }
}

/// A parsed, not yet resolved expression.
struct RuleExpr: Sendable {
    indirect enum Kind: Sendable {
        /// Numbers, durations, percentages, `true` (1) and `false` (0), with how they were written.
        case number(RuleNumberLiteral)
        case string(String)
        case identifier(String)
        case unary(RuleOperator, RuleExpr)
        case binary(RuleOperator, RuleExpr, RuleExpr)
        case call(String, [RuleExpr])
    }

    var kind: Kind
    var line: Int
    var column: Int
    /// Height of the tree, tracked while parsing so compiler recursion stays bounded.
    var height: Int = 1
}

// MARK: - Statements

/// A name as declared, with its position for duplicate-name messages.
struct RuleName: Sendable {
    var text: String
    var line: Int
    var column: Int
}

/// Which logistic model a statement belongs to.
enum RuleModelSide: String, Sendable {
    case caller, victim
}

/// One entry after `list NAME =`.
enum RuleListItem: Sendable {
    /// A number written inline (bare or quoted).
    case number(String, line: Int, column: Int)
    /// `file "path"`: one number per line in another file.
    case file(String, line: Int, column: Int)
}

/// An expression together with its source text as the analyst wrote it.
struct RuleExpressionSource: Sendable {
    var expr: RuleExpr
    /// The source with continuation lines and comments collapsed to single spaces.
    var text: String
}

/// `caller rule NAME weight N [label "TEXT"] = EXPR`.
struct RuleDeclaration: Sendable {
    var name: RuleName
    var weight: Double
    /// Byte range of the weight literal (including its sign) for rewriting.
    var weightRange: Range<Int>
    var label: String?
    var expression: RuleExpressionSource
}

/// A literal number with its position and source range (bias values, settings).
struct RuleLiteral: Sendable {
    /// The number with its sign, as written.
    var number: RuleNumberLiteral
    var range: Range<Int>
    var line: Int
    var column: Int

    /// The value with its sign: seconds for a duration, the fraction for a percentage.
    var value: Double { number.value }
}

/// One statement of a rules file.
struct RuleStatement: Sendable {
    enum Kind: Sendable {
        case list(RuleName, [RuleListItem])
        case numberClass(RuleName, RuleExpressionSource)
        case setting(RuleName, RuleLiteral)
        case bias(RuleModelSide, RuleLiteral)
        case rule(RuleModelSide, RuleDeclaration)
        case suspect(RuleExpressionSource)
        case trusted(RuleExpressionSource)
        case consider(RuleExpressionSource)
        case tier(Int, RuleExpressionSource)
    }

    var kind: Kind
    var line: Int
    var column: Int
    /// Byte offset of the statement's first line, where new text can be inserted before it.
    var lineStartOffset: Int
    /// Bytes from the statement's first token to the end of its last (tier lines are rewritten
    /// whole by tuning).
    var sourceRange: Range<Int> = 0..<0
}
