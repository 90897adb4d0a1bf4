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

    let kind: Kind
    /// The left feature (comparisons).
    let left: Int32
    /// The right feature, or -1 when the right side is `constant`.
    let right: Int32
    /// The left scale (comparisons); the bit mask (class and list tests).
    let leftScale: Double
    let mask: UInt64
    /// The right scale, or the constant when `right` is -1.
    let constant: Double
    /// `kind` as `holds` reads it: the outcomes a comparison accepts (`less` 1, `equal` 2,
    /// `greater` 4; none when unordered), which bits a class or list test reads (0: none, a
    /// comparison; 1: class; 2: list), and whether the answer is the opposite (`notEqual`,
    /// `notIn…`).
    private let accepts: UInt8, bits: UInt8, inverted: Bool

    init(kind: Kind, left: Int32, right: Int32, leftScale: Double, mask: UInt64, constant: Double) {
        self.kind = kind
        self.left = left
        self.right = right
        self.leftScale = leftScale
        self.mask = mask
        self.constant = constant
        switch kind {
        case .less: accepts = 1
        case .lessOrEqual: accepts = 3
        case .greater: accepts = 4
        case .greaterOrEqual: accepts = 6
        case .equal, .notEqual: accepts = 2
        case .inClass, .notInClass, .inList, .notInList: accepts = 0
        }
        bits = kind == .inClass || kind == .notInClass ? 1 : kind == .inList || kind == .notInList ? 2 : 0
        inverted = kind == .notEqual || kind == .notInClass || kind == .notInList
    }

    /// The test's answer, with one branch for its shape rather than a switch on its kind,
    /// which changes from step to step and mispredicted (`a != b` is `not (a == b)`, true
    /// when unordered, as IEEE has it).
    @inline(__always)
    func holds(_ features: UnsafeBufferPointer<Double>, _ traits: NumberTraits) -> Bool {
        @inline(__always) func value(_ i: Int32) -> Double { Int(i) < features.count ? features[Int(i)] : 0 }
        let hit: Bool
        if bits != 0 {
            hit = (bits == 1 ? traits.classBits : traits.listBits) & mask != 0
        } else {
            let a = value(left) * leftScale
            let b = right < 0 ? constant : value(right) * constant
            let outcome: UInt8 = (a < b ? 1 : 0) | (a == b ? 2 : 0) | (a > b ? 4 : 0)
            hit = outcome & accepts != 0
        }
        return hit != inverted
    }
}

// MARK: - Chain

/// A program that is tests joined by `and`, `or` and `not`, nested in any way (one test, `a and
/// b and c`, `a and (b or c)`, `not (a and b)`): the shape of every caller rule and override
/// of the shipped rules (a third of their caller rules nest `or` or `not` and were interpreted
/// on every evaluation when only flat chains were taken). Each step is a test and where to go on yes and on no, another step further on or
/// the answer, so the program runs in one loop, with no stack and no dispatch per
/// instruction; the interpreter spent most of a rule's time on those, since the first test
/// of most rules fails.
///
/// The value is the program's: 1 or 0 (`and`, `or` and `not` give 1 or 0, a lone test its
/// flag). Tests have no side effects and give 1 or 0, so taking only the tests the
/// short-circuit path needs gives what the instructions give.
struct RuleTestChain: Sendable, Equatable {
    /// A test and where each outcome leads: the index of a later step, or ``yes`` or ``no``.
    struct Step: Sendable, Equatable {
        var test: RuleTest
        var ifTrue: Int32
        var ifFalse: Int32
    }

    /// The program's value is 1.
    static let yes: Int32 = -2
    /// The program's value is 0.
    static let no: Int32 = -1

    /// In order of the tests in the expression; every jump goes forward.
    var steps: [Step]

    /// The chain the compiled code is, or nil when it has another shape.
    ///
    /// The compiler emits `a and b` as `a, jumpIfFalse(n), b, truthy` (the jump skips the right
    /// operand and its `truthy`: `n` is b's length + 1), `a or b` alike with `jumpIfTrue`, and
    /// `not a` as `a, not`; combined statements join whole programs with `and` / `or`.
    init?(_ code: [RuleInstruction]) {
        guard let tree = Self.parse(code, 0..<code.count) else { return nil }
        var steps: [Step] = []
        steps.reserveCapacity(tree.tests)
        Self.emit(tree, ifTrue: Self.yes, ifFalse: Self.no, into: &steps)
        self.steps = steps
    }

    /// An expression of tests.
    private indirect enum Node {
        case test(RuleTest)
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)

        /// How many tests it holds (the steps it becomes).
        var tests: Int {
            switch self {
            case .test: return 1
            case .and(let a, let b), .or(let a, let b): return a.tests + b.tests
            case .not(let a): return a.tests
            }
        }
    }

    /// The one expression of tests that `code[range]` is, or nil.
    private static func parse(_ code: [RuleInstruction], _ range: Range<Int>) -> Node? {
        var stack: [Node] = []
        var pc = range.lowerBound
        while pc < range.upperBound {
            switch code[pc] {
            case .not:
                guard let a = stack.popLast() else { return nil }
                stack.append(.not(a))
                pc += 1
            case .and, .or:
                guard let b = stack.popLast(), let a = stack.popLast() else { return nil }
                stack.append(code[pc] == .and ? .and(a, b) : .or(a, b))
                pc += 1
            case .jumpIfFalse(let skip), .jumpIfTrue(let skip):
                // The right operand is code[pc + 1 ..< pc + skip], then its `truthy`.
                guard skip >= 2, pc + skip < range.upperBound, code[pc + skip] == .truthy,
                      let a = stack.popLast(), let b = parse(code, pc + 1..<pc + skip) else { return nil }
                if case .jumpIfFalse = code[pc] { stack.append(.and(a, b)) } else { stack.append(.or(a, b)) }
                pc += skip + 1
            default:
                var at = pc
                guard let t = test(code, at: &at), at <= range.upperBound else { return nil }
                stack.append(.test(t))
                pc = at
            }
        }
        return stack.count == 1 ? stack[0] : nil
    }

    /// Appends the steps of `node`, whose outcomes lead to `ifTrue` and `ifFalse`.
    private static func emit(_ node: Node, ifTrue: Int32, ifFalse: Int32, into steps: inout [Step]) {
        switch node {
        case .test(let t):
            steps.append(Step(test: t, ifTrue: ifTrue, ifFalse: ifFalse))
        case .and(let a, let b):
            let right = Int32(steps.count + a.tests)     // b's first step, just after a's
            emit(a, ifTrue: right, ifFalse: ifFalse, into: &steps)
            emit(b, ifTrue: ifTrue, ifFalse: ifFalse, into: &steps)
        case .or(let a, let b):
            let right = Int32(steps.count + a.tests)
            emit(a, ifTrue: ifTrue, ifFalse: right, into: &steps)
            emit(b, ifTrue: ifTrue, ifFalse: ifFalse, into: &steps)
        case .not(let a):
            emit(a, ifTrue: ifFalse, ifFalse: ifTrue, into: &steps)
        }
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
