import Foundation
import Testing
@testable import FraudModel

/// The meaning of the language: `and`/`or` give 1 or 0 from both sides' truth.
private func truth(_ v: Double) -> Bool { v != 0 }

/// Compiled rule programs: `and` and `or` skip their right operand once the left decides, and
/// must give exactly the value of evaluating both sides.
@Suite("Program")
struct ProgramTests {
    @Test func shortCircuitGivesTheValueOfBothSides() throws {
        let expressions: [(String, ([Double]) -> Double)] = [
            ("calls_out and distinct_callees", { truth($0[0]) && truth($0[1]) ? 1 : 0 }),
            ("calls_out or distinct_callees", { truth($0[0]) || truth($0[1]) ? 1 : 0 }),
            ("calls_out > 1 and answer_rate < 0.5 and mean_duration >= 2",
             { $0[0] > 1 && $0[2] < 0.5 && $0[3] >= 2 ? 1 : 0 }),
            ("(calls_out and (distinct_callees or answer_rate)) + 2 * (mean_duration or night_ratio)",
             { (truth($0[0]) && (truth($0[1]) || truth($0[2])) ? 1 : 0) + 2 * (truth($0[3]) || truth($0[4]) ? 1 : 0) }),
            ("not (calls_out and distinct_callees) or night_ratio - 1",
             { !(truth($0[0]) && truth($0[1])) || truth($0[4] - 1) ? 1 : 0 }),
            ("max(calls_out and 3, distinct_callees or 0) * log1p(answer_rate and mean_duration)",
             { max(truth($0[0]) ? 1 : 0, truth($0[1]) ? 1 : 0) * log1p(truth($0[2]) && truth($0[3]) ? 1 : 0) }),
        ]
        let values: [Double] = [0, -0.0, 1, 2, -1, 0.25]
        for (text, meaning) in expressions {
            let set = try RuleTestSupport.parse("caller rule r weight 1 = \(text)\n")
            let program = try #require(set.caller.rules.first?.program)
            #expect(program.code.contains { if case .jumpIfFalse = $0 { true } else if case .jumpIfTrue = $0 { true } else { false } },
                    "\(text) compiled without short-circuit jumps")
            var rng = SplitMix64(seed: 5)
            for _ in 0..<2_000 {
                let f = (0..<5).map { _ in values[Int(rng.next() % UInt64(values.count))] }
                let got = program.evaluate(features: f)
                #expect(got == meaning(f) && got.sign == meaning(f).sign, "\(text) on \(f): \(got)")
            }
        }
    }

    @Test func constantOperandsStillFold() throws {
        let set = try RuleTestSupport.parse("caller rule r weight 1 = (1 and 0) or 2\n")
        let program = try #require(set.caller.rules.first?.program)
        #expect(program.code == [.constant(1)])
    }
}
