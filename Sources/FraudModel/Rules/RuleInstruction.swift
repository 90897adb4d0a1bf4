// MARK: - Instruction set

/// One step of the stack machine a ``Program`` runs.
///
/// The set is flat (one case per operation rather than `binary(op)`), so evaluation is a single
/// switch per step. Booleans are 1 and 0.
enum RuleInstruction: Sendable, Equatable {
    // Pushes.
    case constant(Double)
    case feature(Int)
    case score
    case classBit(Int)
    case listBit(Int)
    /// Number context: the canonical text starts with / ends with / contains any pattern of
    /// pattern set `i` of the program.
    case prefix(Int)
    case suffix(Int)
    case contains(Int)
    case length
    case international
    case hashed
    // Unary: replace the top.
    case negate, not, abs, log1p
    // Binary: pop two, push one.
    case add, subtract, multiply, divide
    case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual
    case and, or, min, max
    // Ternary: clamp(x, lo, hi).
    case clamp
    // Short-circuit `and` / `or`: the left operand is on top. If it already decides the
    // result (0 for `and`, non-zero for `or`), it is replaced by that result (0 or 1) and the
    // next `skip` instructions (the right operand and its `truthy`) are skipped; otherwise it
    // is popped and the right operand runs. Rules are mostly conjunctions whose first test
    // fails, so most of a rule is never run.
    case jumpIfFalse(skip: Int)
    case jumpIfTrue(skip: Int)
    /// Replace the top with 1 if it is non-zero, else 0 (the right operand's result).
    case truthy
    // Fused `feature constant compare`, the first test of most rules: pushes 1 if feature
    // `feature` compares so with the constant, else 0 (the same value as the three
    // instructions, in one dispatch instead of three).
    case featureLess(Double, feature: Int32)
    case featureLessOrEqual(Double, feature: Int32)
    case featureGreater(Double, feature: Int32)
    case featureGreaterOrEqual(Double, feature: Int32)
    case featureEqual(Double, feature: Int32)
    case featureNotEqual(Double, feature: Int32)

    /// Net change of the stack height; used to compute a program's maximum stack depth.
    var stackEffect: Int {
        switch self {
        case .constant, .feature, .score, .classBit, .listBit, .prefix, .suffix, .contains, .length,
            .international, .hashed, .featureLess, .featureLessOrEqual, .featureGreater, .featureGreaterOrEqual,
            .featureEqual, .featureNotEqual:
            return 1
        case .negate, .not, .abs, .log1p, .truthy:
            return 0
        case .jumpIfFalse, .jumpIfTrue:
            return -1                     // on the path that runs the right operand, the deeper one
        case .add, .subtract, .multiply, .divide, .less, .lessOrEqual, .greater, .greaterOrEqual,
            .equal, .notEqual, .and, .or, .min, .max:
            return -1
        case .clamp:
            return -2
        }
    }

    /// The pattern-set index of a text test, for renumbering when programs are combined.
    var patternIndex: Int? {
        switch self {
        case .prefix(let i), .suffix(let i), .contains(let i): return i
        default: return nil
        }
    }

    /// The same text test pointing at another pattern set.
    func withPatternIndex(_ index: Int) -> RuleInstruction {
        switch self {
        case .prefix: return .prefix(index)
        case .suffix: return .suffix(index)
        case .contains: return .contains(index)
        default: return self
        }
    }

    /// The fused instruction for `feature op constant`, if `op` is a comparison.
    static func featureComparison(_ op: RuleOperator, feature: Int, constant: Double) -> RuleInstruction? {
        guard let i = Int32(exactly: feature) else { return nil }
        switch op {
        case .less: return .featureLess(constant, feature: i)
        case .lessOrEqual: return .featureLessOrEqual(constant, feature: i)
        case .greater: return .featureGreater(constant, feature: i)
        case .greaterOrEqual: return .featureGreaterOrEqual(constant, feature: i)
        case .equal: return .featureEqual(constant, feature: i)
        case .notEqual: return .featureNotEqual(constant, feature: i)
        default: return nil
        }
    }

    /// The instruction for an operator of the syntax tree.
    init(_ op: RuleOperator) {
        switch op {
        case .or: self = .or
        case .and: self = .and
        case .not: self = .not
        case .less: self = .less
        case .lessOrEqual: self = .lessOrEqual
        case .greater: self = .greater
        case .greaterOrEqual: self = .greaterOrEqual
        case .equal: self = .equal
        case .notEqual: self = .notEqual
        case .add: self = .add
        case .subtract: self = .subtract
        case .multiply: self = .multiply
        case .divide: self = .divide
        case .negate: self = .negate
        }
    }
}
