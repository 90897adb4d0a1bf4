#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Rule

/// One weighted rule of a logistic model: `caller rule NAME weight W [label "…"] = EXPR`.
public struct Rule: Sendable {
    /// Unique within its model; used by tuning to address the weight.
    public var name: String
    /// The reason shown to officers when the rule contributes (defaults to the name).
    public var label: String
    /// Log-odds added per unit of the expression's value (booleans are 1/0). May be negative.
    public var weight: Double
    /// The compiled expression.
    public var program: Program
    /// The expression as written (continuation lines joined).
    public var expressionText: String
    /// Line of the rule statement in the rules file.
    public var line: Int

    /// Creates a rule.
    ///
    /// - Parameters:
    ///   - name: Unique rule name.
    ///   - label: Officer-facing reason.
    ///   - weight: Log-odds per unit of value.
    ///   - program: The compiled expression.
    ///   - expressionText: The expression as written.
    ///   - line: Declaring line.
    public init(name: String, label: String, weight: Double, program: Program, expressionText: String, line: Int) {
        self.name = name
        self.label = label
        self.weight = weight
        self.program = program
        self.expressionText = expressionText
        self.line = line
    }
}

// MARK: - Model

/// A logistic model: P = σ(bias + Σ weightᵢ · valueᵢ).
public struct LogisticModel: Sendable {
    /// The intercept (log-odds when no rule contributes).
    public var bias: Double
    /// The rules in file order.
    public var rules: [Rule]

    /// Creates a model.
    ///
    /// - Parameters:
    ///   - bias: The intercept.
    ///   - rules: The weighted rules.
    public init(bias: Double = 0, rules: [Rule] = []) {
        self.bias = bias
        self.rules = rules
    }

    /// bias + Σ weight · value.
    ///
    /// - Parameters:
    ///   - features: The context's feature vector in ``RuleSchema`` order.
    ///   - traits: The number's classes and lists.
    /// - Returns: The log-odds.
    /// - Complexity: O(total instructions of all rules); no allocation.
    public func logit(features: UnsafeBufferPointer<Double>, traits: NumberTraits) -> Double {
        // Index through a buffer: `for rule in rules` copies each Rule, retaining its strings and
        // code on every call, which cost more than evaluating the rules themselves. Even so,
        // calling the program retained its shared code (an atomic write to one cache line,
        // passed between the cores when numbers are scored in parallel): the model holds the
        // code for the call, so it is used unretained.
        rules.withUnsafeBufferPointer { rules in
            var sum = bias
            for index in rules.indices where rules[index].weight != 0 {
                let code = Unmanaged.passUnretained(rules[index].program.compiled)
                sum += rules[index].weight * code._withUnsafeGuaranteedRef {
                    $0.run(features: features, traits: traits, score: 0, text: UnsafeBufferPointer(start: nil, count: 0))
                }
            }
            return sum
        }
    }

    /// σ(logit): the model's probability.
    ///
    /// - Parameters:
    ///   - features: The context's feature vector in ``RuleSchema`` order.
    ///   - traits: The number's classes and lists.
    /// - Returns: A probability in 0…1.
    public func probability(features: UnsafeBufferPointer<Double>, traits: NumberTraits) -> Double {
        Self.sigmoid(logit(features: features, traits: traits))
    }

    /// Each rule's value (unweighted), in rule order: the design-matrix row tuning fits on.
    ///
    /// - Parameters:
    ///   - features: The context's feature vector.
    ///   - traits: The number's classes and lists.
    /// - Returns: One value per rule.
    public func values(features: UnsafeBufferPointer<Double>, traits: NumberTraits) -> [Double] {
        rules.map { $0.program.evaluate(features: features, traits: traits, score: 0) }
    }

    /// weight × value per rule, in rule order: the reasons behind a score.
    ///
    /// - Parameters:
    ///   - features: The context's feature vector.
    ///   - traits: The number's classes and lists.
    /// - Returns: One log-odds contribution per rule.
    public func contributions(features: UnsafeBufferPointer<Double>, traits: NumberTraits) -> [Double] {
        rules.withUnsafeBufferPointer { rules in                // as in `logit`: no copies, no retains
            rules.indices.map { index in
                let code = Unmanaged.passUnretained(rules[index].program.compiled)
                return rules[index].weight * code._withUnsafeGuaranteedRef {
                    $0.run(features: features, traits: traits, score: 0, text: UnsafeBufferPointer(start: nil, count: 0))
                }
            }
        }
    }

    /// ``logit(features:traits:)`` over an array (tests and cold paths).
    ///
    /// - Parameters:
    ///   - features: The feature vector.
    ///   - traits: The number's classes and lists.
    /// - Returns: The log-odds.
    public func logit(features: [Double], traits: NumberTraits = NumberTraits()) -> Double {
        features.withUnsafeBufferPointer { logit(features: $0, traits: traits) }
    }

    /// ``contributions(features:traits:)`` over an array (tests and cold paths).
    ///
    /// - Parameters:
    ///   - features: The feature vector.
    ///   - traits: The number's classes and lists.
    /// - Returns: One contribution per rule.
    public func contributions(features: [Double], traits: NumberTraits = NumberTraits()) -> [Double] {
        features.withUnsafeBufferPointer { contributions(features: $0, traits: traits) }
    }

    /// The logistic function 1 / (1 + e^-x), computed without overflow for large |x|.
    ///
    /// - Parameter x: Log-odds.
    /// - Returns: A probability in 0…1.
    public static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }
}
