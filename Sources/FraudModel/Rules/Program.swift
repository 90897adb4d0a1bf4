// MARK: - Program

/// A compiled expression: a flat instruction array for a small stack machine.
///
/// Evaluation allocates nothing: the stack lives in a fixed buffer sized at compile time from
/// the program's maximum depth. Sub-expressions made only of constants are folded at compile
/// time. Arithmetic is IEEE double, except that division by zero gives 0 and `log1p(x)` of
/// x ≤ -1 gives 0, so a missing or zero feature never turns a score into NaN or infinity.
public struct Program: Sendable, CustomStringConvertible {
    /// The only stored property, so copying a Program (or a Rule) costs one retain.
    let compiled: RuleCode

    init(text: String, code: [RuleInstruction], patterns: [[[UInt8]]]) {
        self.compiled = RuleCode(code, patterns: patterns, text: text)
    }

    /// The expression as written in the rules file (continuation lines joined).
    public var text: String { compiled.text }

    /// The instructions (for tests and combining).
    var code: [RuleInstruction] { Array(compiled.instructions) }
    var patterns: [[[UInt8]]] { compiled.patterns }
    var stackDepth: Int { compiled.stackDepth }

    /// The expression text.
    public var description: String { text }

    /// The value, if the whole expression folded to a constant.
    public var constantValue: Double? { compiled.constant }

    // MARK: - Evaluation

    /// Evaluates the program.
    ///
    /// - Parameters:
    ///   - features: The context's feature vector, in ``RuleSchema`` order; indices past its
    ///     end read as 0.
    ///   - traits: The classes and lists of the number the context is about.
    ///   - score: The victim probability (only tier conditions read it).
    /// - Returns: The expression's value; conditions are 1 (true) or 0 (false).
    /// - Complexity: O(number of instructions); no allocation.
    public func evaluate(features: UnsafeBufferPointer<Double>, traits: NumberTraits, score: Double) -> Double {
        compiled.run(features: features, traits: traits, score: score, text: UnsafeBufferPointer(start: nil, count: 0))
    }

    /// Convenience for tests and cold paths: evaluates over an array of features.
    ///
    /// - Parameters:
    ///   - features: The feature vector in ``RuleSchema`` order.
    ///   - traits: The number's classes and lists.
    ///   - score: The victim probability for tier conditions.
    /// - Returns: The expression's value.
    public func evaluate(features: [Double] = [], traits: NumberTraits = NumberTraits(), score: Double = 0) -> Double {
        features.withUnsafeBufferPointer { evaluate(features: $0, traits: traits, score: score) }
    }

    /// Evaluates a number-context program (class or consider) over a canonical number's text.
    func evaluate(text: UnsafeBufferPointer<UInt8>, traits: NumberTraits) -> Double {
        compiled.run(features: UnsafeBufferPointer(start: nil, count: 0), traits: traits, score: 0, text: text)
    }

    // MARK: - Combining

    /// Joins programs with `and`/`or` (multiple `suspect`, `trusted` or `consider` statements),
    /// renumbering pattern sets so each program keeps its own.
    static func combine(_ programs: [Program], with op: RuleInstruction, separator: String) -> Program? {
        guard let first = programs.first else { return nil }
        if programs.count == 1 { return first }
        var code: [RuleInstruction] = []
        var patterns: [[[UInt8]]] = []
        for (i, program) in programs.enumerated() {
            let offset = patterns.count
            for instruction in program.code {
                if let index = instruction.patternIndex {
                    code.append(instruction.withPatternIndex(index + offset))
                } else {
                    code.append(instruction)
                }
            }
            patterns.append(contentsOf: program.patterns)
            if i > 0 { code.append(op) }
        }
        let text = programs.map { "(\($0.text))" }.joined(separator: separator)
        return Program(text: text, code: code, patterns: patterns)
    }
}
