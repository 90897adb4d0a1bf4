#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Compiled code

/// The immutable compiled form behind a ``Program``, shared by all copies of it.
///
/// A class on purpose: the engine evaluates rules millions of times, and copying a struct that
/// holds arrays retains each of them per evaluation (measured: it cost more than running the
/// rules). Here the instructions live in one buffer allocated at compile time and read as raw
/// memory. `@unchecked Sendable` is sound because nothing is mutated after `init`.
final class RuleCode: @unchecked Sendable {
    let instructions: UnsafeMutableBufferPointer<RuleInstruction>
    /// Pattern sets of `prefix`/`suffix`/`contains` calls, as UTF-8 bytes.
    let patterns: [[[UInt8]]]
    let stackDepth: Int
    /// Set when the program folded to a single constant.
    let constant: Double?
    /// The source text, kept here so ``Program`` holds a single reference.
    let text: String
    /// The steps, when the code is tests joined by `and`, `or` and `not` (``RuleTestChain``);
    /// empty otherwise. Raw memory, as `instructions` (read-only: `run` reads it as is).
    let chain: UnsafeBufferPointer<RuleTestChain.Step>
    /// `patterns` flattened for evaluation: every pattern's bytes back to back, each
    /// pattern's range of them, and set i's patterns at `patternRanges[patternSets[i]..<patternSets[i+1]]`.
    private let patternBytes: UnsafeMutableBufferPointer<UInt8>
    private let patternRanges: UnsafeMutableBufferPointer<Range<Int>>
    private let patternSets: UnsafeMutableBufferPointer<Int>

    init(_ code: [RuleInstruction], patterns: [[[UInt8]]], text: String) {
        self.text = text
        instructions = .allocate(capacity: code.count)
        _ = instructions.initialize(from: code)
        self.patterns = patterns
        var height = 0
        var deepest = 1
        for instruction in code {
            height += instruction.stackEffect
            deepest = max(deepest, height)
        }
        stackDepth = deepest
        if code.count == 1, case .constant(let value) = code[0] { constant = value } else { constant = nil }
        let steps = constant == nil ? RuleTestChain(code)?.steps ?? [] : []
        let chainMemory = UnsafeMutableBufferPointer<RuleTestChain.Step>.allocate(capacity: steps.count)
        _ = chainMemory.initialize(from: steps)
        chain = UnsafeBufferPointer(chainMemory)
        let flat = patterns.flatMap { $0 }
        patternBytes = .allocate(capacity: flat.reduce(0) { $0 + $1.count })
        patternRanges = .allocate(capacity: flat.count)
        patternSets = .allocate(capacity: patterns.count + 1)
        var byte = 0, pattern = 0
        for (i, set) in patterns.enumerated() {
            patternSets[i] = pattern
            for p in set {
                _ = UnsafeMutableBufferPointer(rebasing: patternBytes[byte..<byte + p.count]).initialize(from: p)
                patternRanges[pattern] = byte..<byte + p.count
                byte += p.count
                pattern += 1
            }
        }
        patternSets[patterns.count] = pattern
    }

    /// Pattern set `i`, as views into this code's memory (valid while it lives).
    @inline(__always)
    func patternSet(_ i: Int) -> RulePatternSet {
        RulePatternSet(bytes: UnsafeBufferPointer(patternBytes),
                       ranges: UnsafeBufferPointer(rebasing: patternRanges[patternSets[i]..<patternSets[i + 1]]))
    }

    deinit {
        instructions.deinitialize()
        instructions.deallocate()
        UnsafeMutableBufferPointer(mutating: chain).deinitialize()
        chain.deallocate()
        patternBytes.deallocate()
        patternRanges.deallocate()
        patternSets.deallocate()
    }

    // MARK: - Running

    // Inlined into the loops over rules (`LogisticModel.logit`, the overrides): a chain is
    // a few compares, comparable to the cost of the call.
    @inline(__always)
    func run(
        features: UnsafeBufferPointer<Double>, traits: NumberTraits, score: Double, text: UnsafeBufferPointer<UInt8>
    ) -> Double {
        // A chain first: every caller rule is one (a constant has none).
        if !chain.isEmpty {
            // Every step leads to a later one or to the answer, so this ends.
            var k = 0
            while true {
                let step = chain[k]
                let next = step.test.holds(features, traits) ? step.ifTrue : step.ifFalse
                if next < 0 { return next == RuleTestChain.yes ? 1 : 0 }
                k = Int(next)
            }
        }
        if let constant { return constant }
        return interpret(features: features, traits: traits, score: score, text: text)
    }

    /// Runs the instructions one by one, whatever shape the code has (``run`` takes the
    /// shortcuts; tests compare the two). Kept out of line: inlined, its 16-slot stack gave
    /// `run` a large frame and a stack-protector check on every call, chains included.
    @inline(never)
    func interpret(
        features: UnsafeBufferPointer<Double>, traits: NumberTraits, score: Double, text: UnsafeBufferPointer<UInt8>
    ) -> Double {
        // The closures below capture only trivial values: capturing `self` retained and
        // released this shared object on every evaluation, an atomic write to one cache line
        // that threads scoring numbers in parallel passed back and forth. The caller keeps
        // `self` alive for the call.
        let code = UnsafeBufferPointer(instructions)
        let owner = Unmanaged.passUnretained(self)
        // Almost every rule needs only a few slots: a fixed local buffer avoids even the
        // bookkeeping of a temporary allocation.
        if stackDepth <= 16 {
            var slots: SmallStack = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            return withUnsafeMutableBytes(of: &slots) { raw in
                guard let base = raw.baseAddress else { return 0 }
                return Self.execute(base.assumingMemoryBound(to: Double.self), code, owner, features, traits, score, text)
            }
        }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: stackDepth) { buffer in
            guard let stack = buffer.baseAddress else { return 0 }
            return Self.execute(stack, code, owner, features, traits, score, text)
        }
    }

    private typealias SmallStack = (
        Double, Double, Double, Double, Double, Double, Double, Double,
        Double, Double, Double, Double, Double, Double, Double, Double
    )

    // The stack pointer is unchecked: `stackDepth` was computed from this very code, and the
    // compiler only emits balanced code, so `top` stays within 0..<stackDepth.
    private static func execute(
        _ stack: UnsafeMutablePointer<Double>, _ instructions: UnsafeBufferPointer<RuleInstruction>,
        _ owner: Unmanaged<RuleCode>, _ features: UnsafeBufferPointer<Double>, _ traits: NumberTraits,
        _ score: Double, _ text: UnsafeBufferPointer<UInt8>
    ) -> Double {
        var top = -1
        @inline(__always) func push(_ value: Double) {
            top += 1
            stack[top] = value
        }
        @inline(__always) func flag(_ condition: Bool) -> Double { condition ? 1 : 0 }
        @inline(__always) func value(_ i: Int32) -> Double { Int(i) < features.count ? features[Int(i)] : 0 }
        @inline(__always) func patterns(_ i: Int) -> RulePatternSet { owner._withUnsafeGuaranteedRef { $0.patternSet(i) } }
        var pc = 0
        let end = instructions.count
        while pc < end {
            let instruction = instructions[pc]
            pc += 1
            switch instruction {
            case .constant(let value): push(value)
            case .feature(let i): push(i < features.count ? features[i] : 0)
            case .featureLess(let c, let i): push(flag(value(i) < c))
            case .featureLessOrEqual(let c, let i): push(flag(value(i) <= c))
            case .featureGreater(let c, let i): push(flag(value(i) > c))
            case .featureGreaterOrEqual(let c, let i): push(flag(value(i) >= c))
            case .featureEqual(let c, let i): push(flag(value(i) == c))
            case .featureNotEqual(let c, let i): push(flag(value(i) != c))
            case .score: push(score)
            case .classBit(let i): push(flag(traits.classBits & (1 << UInt64(i)) != 0))
            case .listBit(let i): push(flag(traits.listBits & (1 << UInt64(i)) != 0))
            case .prefix(let i): push(flag(RuleNumberText.hasPrefix(text, anyOf: patterns(i))))
            case .suffix(let i): push(flag(RuleNumberText.hasSuffix(text, anyOf: patterns(i))))
            case .contains(let i): push(flag(RuleNumberText.contains(text, anyOf: patterns(i))))
            case .length: push(Double(RuleNumberText.length(text)))
            case .international: push(flag(RuleNumberText.isInternational(text)))
            case .hashed: push(flag(RuleNumberText.isHashed(text)))
            case .negate: stack[top] = -stack[top]
            case .not: stack[top] = flag(stack[top] == 0)
            case .abs: stack[top] = Swift.abs(stack[top])
            case .log1p: stack[top] = stack[top] > -1 ? log1p(stack[top]) : 0
            case .add: top -= 1; stack[top] = stack[top] + stack[top + 1]
            case .subtract: top -= 1; stack[top] = stack[top] - stack[top + 1]
            case .multiply: top -= 1; stack[top] = stack[top] * stack[top + 1]
            case .divide:
                top -= 1
                let divisor = stack[top + 1]
                stack[top] = divisor == 0 ? 0 : stack[top] / divisor
            case .less: top -= 1; stack[top] = flag(stack[top] < stack[top + 1])
            case .lessOrEqual: top -= 1; stack[top] = flag(stack[top] <= stack[top + 1])
            case .greater: top -= 1; stack[top] = flag(stack[top] > stack[top + 1])
            case .greaterOrEqual: top -= 1; stack[top] = flag(stack[top] >= stack[top + 1])
            case .equal: top -= 1; stack[top] = flag(stack[top] == stack[top + 1])
            case .notEqual: top -= 1; stack[top] = flag(stack[top] != stack[top + 1])
            case .and: top -= 1; stack[top] = flag(stack[top] != 0 && stack[top + 1] != 0)
            case .or: top -= 1; stack[top] = flag(stack[top] != 0 || stack[top + 1] != 0)
            case .min: top -= 1; stack[top] = Swift.min(stack[top], stack[top + 1])
            case .max: top -= 1; stack[top] = Swift.max(stack[top], stack[top + 1])
            case .clamp:
                top -= 2
                stack[top] = Swift.min(Swift.max(stack[top], stack[top + 1]), stack[top + 2])
            case .jumpIfFalse(let skip):
                if stack[top] == 0 { stack[top] = 0; pc += skip } else { top -= 1 }
            case .jumpIfTrue(let skip):
                if stack[top] != 0 { stack[top] = 1; pc += skip } else { top -= 1 }
            case .truthy: stack[top] = flag(stack[top] != 0)
            }
        }
        return top >= 0 ? stack[0] : 0
    }
}
