// MARK: - Test

/// One yes/no test a rule is made of: `feature op constant`, `feature × k op feature × k`,
/// or (not) in a class or list.
///
/// The value is exactly that of the instructions it replaces: comparisons are IEEE (false with
/// NaN), a feature past the vector's end reads 0, and a missing scale is 1 (x × 1 is x for
/// every double, NaN and -0 included).
struct RuleTest: Sendable, Equatable {
    enum Kind: UInt8, Sendable {
        case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual
        case inClass, notInClass, inList, notInList
    }

    var kind: Kind
    /// The left feature (comparisons).
    var left: Int32
    /// The right feature, or -1 when the right side is `constant`.
    var right: Int32
    /// The left scale (comparisons); the bit mask (class and list tests).
    var leftScale: Double
    var mask: UInt64
    /// The right scale, or the constant when `right` is -1.
    var constant: Double

    @inline(__always)
    func holds(_ features: UnsafeBufferPointer<Double>, _ traits: NumberTraits) -> Bool {
        @inline(__always) func value(_ i: Int32) -> Double { Int(i) < features.count ? features[Int(i)] : 0 }
        let a: Double, b: Double
        switch kind {
        case .inClass: return traits.classBits & mask != 0
        case .notInClass: return traits.classBits & mask == 0
        case .inList: return traits.listBits & mask != 0
        case .notInList: return traits.listBits & mask == 0
        default:
            a = value(left) * leftScale
            b = right < 0 ? constant : value(right) * constant
        }
        switch kind {
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        case .equal: return a == b
        case .notEqual: return a != b
        default: return false
        }
    }
}

// MARK: - Chain

/// A program that is one test, or tests joined all by `and` or all by `or`: the shape of most
/// rules, overrides and classes. Evaluated in one loop, with no stack and no dispatch per
/// instruction; the interpreter spent most of a rule's time on those, since the first test
/// of most rules fails.
///
/// The value is the program's: 1 or 0 (`and`/`or` give 1 or 0, a lone test its flag).
struct RuleTestChain: Sendable, Equatable {
    /// `and` (all must hold) or `or` (any).
    var isConjunction: Bool
    var tests: [RuleTest]

    /// The chain the compiled code is, or nil when it has another shape.
    ///
    /// The compiler emits `a and b and c` as `a, jumpIfFalse(2), b, truthy, jumpIfFalse(2), c,
    /// truthy` (each jump skips the right operand and its `truthy`), and `or` alike with
    /// `jumpIfTrue`.
    init?(_ code: [RuleInstruction]) {
        var tests: [RuleTest] = []
        var conjunction: Bool?
        var pc = 0
        guard let first = Self.test(code, at: &pc) else { return nil }
        tests.append(first)
        while pc < code.count {
            let isAnd: Bool, skip: Int
            switch code[pc] {
            case .jumpIfFalse(let s): isAnd = true; skip = s
            case .jumpIfTrue(let s): isAnd = false; skip = s
            default: return nil
            }
            guard conjunction == nil || conjunction == isAnd else { return nil }
            conjunction = isAnd
            pc += 1
            let start = pc
            guard let test = Self.test(code, at: &pc), pc - start == skip - 1,
                  pc < code.count, code[pc] == .truthy else { return nil }
            pc += 1
            tests.append(test)
        }
        self.isConjunction = conjunction ?? true
        self.tests = tests
    }

    /// Reads one test at `pc` and moves past it.
    private static func test(_ code: [RuleInstruction], at pc: inout Int) -> RuleTest? {
        guard pc < code.count else { return nil }
        // `not class`, `not list`.
        if pc + 1 < code.count, code[pc + 1] == .not {
            switch code[pc] {
            case .classBit(let i): pc += 2; return bitTest(.notInClass, i)
            case .listBit(let i): pc += 2; return bitTest(.notInList, i)
            default: break
            }
        }
        switch code[pc] {
        case .classBit(let i): pc += 1; return bitTest(.inClass, i)
        case .listBit(let i): pc += 1; return bitTest(.inList, i)
        case .featureLess(let c, let f): pc += 1; return compare(.less, f, 1, -1, c)
        case .featureLessOrEqual(let c, let f): pc += 1; return compare(.lessOrEqual, f, 1, -1, c)
        case .featureGreater(let c, let f): pc += 1; return compare(.greater, f, 1, -1, c)
        case .featureGreaterOrEqual(let c, let f): pc += 1; return compare(.greaterOrEqual, f, 1, -1, c)
        case .featureEqual(let c, let f): pc += 1; return compare(.equal, f, 1, -1, c)
        case .featureNotEqual(let c, let f): pc += 1; return compare(.notEqual, f, 1, -1, c)
        default: break
        }
        // `x op y`, each side a feature or a feature times a constant.
        var at = pc
        guard let (a, ka) = scaledFeature(code, at: &at) else { return nil }
        if at + 1 < code.count, case .constant(let c) = code[at], let kind = comparison(code[at + 1]) {
            pc = at + 2
            return compare(kind, a, ka, -1, c)
        }
        guard let (b, kb) = scaledFeature(code, at: &at), at < code.count, let kind = comparison(code[at]) else { return nil }
        pc = at + 1
        return compare(kind, a, ka, b, kb)
    }

    /// `feature`, `feature constant multiply` or `constant feature multiply`: the feature and
    /// the constant (1 when there is none).
    private static func scaledFeature(_ code: [RuleInstruction], at pc: inout Int) -> (Int32, Double)? {
        guard pc < code.count else { return nil }
        if case .feature(let i) = code[pc], let f = Int32(exactly: i) {
            if pc + 2 < code.count, case .constant(let k) = code[pc + 1], code[pc + 2] == .multiply {
                pc += 3
                return (f, k)
            }
            pc += 1
            return (f, 1)
        }
        if pc + 2 < code.count, case .constant(let k) = code[pc], case .feature(let i) = code[pc + 1],
           code[pc + 2] == .multiply, let f = Int32(exactly: i) {
            pc += 3
            return (f, k)
        }
        return nil
    }

    private static func comparison(_ instruction: RuleInstruction) -> RuleTest.Kind? {
        switch instruction {
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        case .equal: return .equal
        case .notEqual: return .notEqual
        default: return nil
        }
    }

    private static func compare(_ kind: RuleTest.Kind, _ a: Int32, _ ka: Double, _ b: Int32, _ kb: Double) -> RuleTest? {
        guard a >= 0, b >= -1 else { return nil }
        return RuleTest(kind: kind, left: a, right: b, leftScale: ka, mask: 0, constant: kb)
    }

    private static func bitTest(_ kind: RuleTest.Kind, _ index: Int) -> RuleTest? {
        guard index >= 0 else { return nil }
        // As the interpreter computes it: a shift of 64 or more gives 0.
        return RuleTest(kind: kind, left: 0, right: -1, leftScale: 1, mask: 1 << UInt64(index), constant: 0)
    }
}
