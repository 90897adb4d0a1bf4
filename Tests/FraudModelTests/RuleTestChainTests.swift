import Foundation
import Testing
@testable import FraudModel

/// Programs that are tests joined by `and`, `or` and `not` in any nesting (`a and b and c`,
/// `a and (b or c)`, `not (a and b)`, one test) run as a loop over ``RuleTestChain`` steps
/// instead of the interpreter; the value must be exactly the interpreter's, for every feature
/// value (NaN, infinities, -0, values equal to the constants, products that overflow) and
/// every class and list membership.
@Suite("Rule test chains")
struct RuleTestChainTests: DefaultRulesFixture {
    static let header = """
        list l = 1, 2
        class c = prefix("1")

        """

    static let fused = [
        "calls_out >= 30 and answer_rate < 0.4",
        "calls_out > 1 and answer_rate <= 0.5 and mean_duration == 2 and night_ratio != 0 and distinct_callees >= -1",
        "calls_out < 1 or answer_rate > 0.5 or mean_duration == 0",
        "calls_out * 4 <= distinct_callees and answer_rate * 10 <= mean_duration * 13",
        "4 * calls_out > distinct_callees",
        "calls_out * 2 >= 3 and night_ratio * 0.5 < 0.25",
        "distinct_callees <= night_ratio * 2 or calls_out == mean_duration",
        "not c and l and calls_out >= 1",
        "l or c or not l",
        "c",
        "not l",
        "calls_out == 0",
        "calls_out != 1e308 * 10",
        "calls_out >= 1 and (answer_rate < 0.4 or mean_duration >= 0.7)",
        "calls_out >= 1 and answer_rate < 1 or night_ratio > 0",
        "not (calls_out >= 1 and answer_rate < 0.5)",
        "not (c or calls_out < 2) and (l or not (answer_rate > 0.25 and night_ratio == 0))",
        "(calls_out >= 2 and answer_rate >= 0.5) or (calls_out >= 3 and answer_rate >= 0.25) or (calls_out >= 1 and not c)",
        "calls_out >= 1 and (distinct_callees <= calls_out * 2 or (mean_duration == answer_rate and night_ratio <= answer_rate * 2))",
    ]

    static let notFused = [
        "calls_out and distinct_callees",
        "calls_out >= 1 and (answer_rate or night_ratio > 0)",
        "not calls_out",
        "calls_out + 1 > distinct_callees",
        "calls_out",
        "calls_out * 2",
        "calls_out * distinct_callees > 1",
    ]

    static let values: [Double] = [
        0, -0.0, 1, 2, -1, 0.25, 0.4, 0.5, 30, 3, 1.5, 1e308, -1e308, .leastNonzeroMagnitude,
        .nan, .infinity, -.infinity,
    ]

    static func program(_ expression: String) throws -> Program {
        let set = try RuleTestSupport.parse(header + "caller rule r weight 1 = \(expression)\n")
        return try #require(set.caller.rules.first?.program)
    }

    @Test(arguments: fused)
    func chainGivesTheInterpretersValue(_ expression: String) throws {
        let program = try Self.program(expression)
        #expect(!program.compiled.chain.isEmpty, "\(expression) was not made a chain")
        var rng = SplitMix64(seed: 11)
        let bits: [UInt64] = [0, 1, 2, 3, .max]
        for round in 0..<4_000 {
            // Some vectors are short: features past the end read 0.
            let width = round % 7 == 0 ? Int(rng.next() % 5) : 5
            let f = (0..<width).map { _ in Self.values[Int(rng.next() % UInt64(Self.values.count))] }
            let traits = NumberTraits(classBits: bits[Int(rng.next() % 5)], listBits: bits[Int(rng.next() % 5)])
            let fast = program.evaluate(features: f, traits: traits)
            let slow = f.withUnsafeBufferPointer {
                program.compiled.interpret(features: $0, traits: traits, score: 0, text: UnsafeBufferPointer(start: nil, count: 0))
            }
            #expect(fast.bitPattern == slow.bitPattern, "\(expression) on \(f), \(traits): \(fast) vs \(slow)")
        }
    }

    @Test(arguments: notFused)
    func otherShapesAreInterpreted(_ expression: String) throws {
        #expect(try Self.program(expression).compiled.chain.isEmpty, "\(expression) was made a chain")
    }

    /// The shipped rules, overrides and tier conditions on random vectors: whatever was fused
    /// gives the value the interpreter gives.
    @Test func defaultRulesGiveTheInterpretersValues() throws {
        let set = try Self.defaultRules()
        let programs = set.caller.rules.map(\.program) + set.victim.rules.map(\.program)
            + [set.suspectWhen, set.trustedWhen].compactMap { $0 }
        #expect(programs.filter { !$0.compiled.chain.isEmpty }.count >= set.caller.rules.count / 2)
        var rng = SplitMix64(seed: 3)
        let scale: [Double] = [0, 1, 2, 5, 30, 0.1, 0.9, 3_600, .nan]
        for _ in 0..<2_000 {
            let f = (0..<40).map { _ in scale[Int(rng.next() % UInt64(scale.count))] * Double(rng.next() % 4) }
            let traits = NumberTraits(classBits: rng.next(), listBits: rng.next())
            for program in programs {
                let fast = program.evaluate(features: f, traits: traits)
                let slow = f.withUnsafeBufferPointer {
                    program.compiled.interpret(features: $0, traits: traits, score: 0, text: UnsafeBufferPointer(start: nil, count: 0))
                }
                #expect(fast.bitPattern == slow.bitPattern, "\(program.text) on \(f): \(fast) vs \(slow)")
            }
        }
    }
}
