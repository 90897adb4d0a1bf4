import Testing
@testable import FraudModel

@Suite("RuleSource")
struct RuleSourceTests {
    @Test func formatsWithAtMostFourDecimals() {
        #expect(RuleSource.formatNumber(1.23456) == "1.2346")
        #expect(RuleSource.formatNumber(-0.5) == "-0.5")
        #expect(RuleSource.formatNumber(2) == "2")
        #expect(RuleSource.formatNumber(0.00004) == "0")
        #expect(RuleSource.formatNumber(-0.00004) == "0")
        #expect(RuleSource.formatNumber(0.0102) == "0.0102")
        #expect(RuleSource.formatNumber(.nan) == "0")
    }

    @Test func rewriteRoundTripsNewWeightsAndKeepsEverythingElse() throws {
        let original = try RuleTestSupport.parse(RuleSetTests.example, files: RuleSetTests.files)
        let text = original.rewritten(
            callerBias: -2.71828, callerWeights: ["many_callees": 0.333333, "answered": 4, "nonexistent": 9],
            victimBias: -5, victimWeights: ["long_call": -1.5], header: "Tuned on week 12\n# fit: logistic")
        let tuned = try RuleTestSupport.parse(text, files: RuleSetTests.files)
        #expect(tuned.caller.bias == -2.7183)
        #expect(tuned.caller.rules.map(\.weight) == [0.3333, 4, 0.75])
        #expect(tuned.victim.bias == -5)
        #expect(tuned.victim.rules.map(\.weight) == [-1.5, 1.5])
        for (old, new) in zip(original.caller.rules + original.victim.rules, tuned.caller.rules + tuned.victim.rules) {
            #expect(old.name == new.name && old.label == new.label && old.expressionText == new.expressionText)
        }
        #expect(text.hasPrefix("# Tuned on week 12\n# fit: logistic\n\n# Example rules\n"))
        #expect(text.contains("caller rule answered weight 4 = answer_rate"))
        #expect(tuned.summary.contains("rule many_callees weight 0.3333 label"))
    }

    @Test func missingBiasIsInsertedBeforeTheFirstRule() throws {
        let text = "# rules\ncaller rule a weight 1 = calls_out\nvictim rule b weight 1 = calls_in"
        let set = try RuleTestSupport.parse(text)
        let rewritten = set.rewritten(callerBias: -1.5, callerWeights: [:], victimBias: 0, victimWeights: [:], header: nil)
        #expect(rewritten == "# rules\ncaller bias -1.5\ncaller rule a weight 1 = calls_out\nvictim rule b weight 1 = calls_in")
        let onlyVictimBias = set.rewritten(callerBias: 0, callerWeights: ["a": -1], victimBias: 2, victimWeights: [:], header: nil)
        #expect(onlyVictimBias == "# rules\ncaller rule a weight -1 = calls_out\nvictim bias 2\nvictim rule b weight 1 = calls_in")
        #expect(try RuleTestSupport.parse(onlyVictimBias).victim.bias == 2)
    }

    @Test func signedLiteralsAreReplacedWhole() throws {
        let set = try RuleTestSupport.parse("caller bias - 3\ncaller rule a weight +2 = calls_out\n")
        #expect(set.caller.bias == -3)
        let text = set.rewritten(callerBias: 1, callerWeights: ["a": -0.25], victimBias: 0, victimWeights: [:], header: nil)
        #expect(text == "caller bias 1\ncaller rule a weight -0.25 = calls_out\n")
    }
}
