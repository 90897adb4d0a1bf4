import Testing
@testable import FraudModel

@Suite("TunedRulesText")
struct TunedRulesTextTests {
    static let text = """
        # rules
        set window = 2d
        victim bias -5
        victim rule long weight 2 = longest_suspect_call >= 10m
        victim rule bank weight 1.5 = bank_call_after
        tier 1 = score >= 0.9 or
            (bank_call_after and score >= 0.6)   # a comment after
        tier 3 = score >= 0.2
        """

    @Test func weightsTiersAndSettingsRoundTrip() throws {
        let base = try RuleTestSupport.parse(Self.text)
        let weighted = base.rewritten(callerBias: 0, callerWeights: [:], victimBias: -4.25,
                                      victimWeights: ["long": 1.23456, "bank": -0.5], header: "\(TuningHeader.marker) test")
        let w = try RuleTestSupport.parse(weighted)
        #expect(w.victim.bias == -4.25)
        #expect(w.victim.rules.map(\.weight) == [1.2346, -0.5])

        let cutoffs = TierCutoffs(literals: ["0.83", nil, "0.125"])
        let tiered = try RuleTestSupport.parse(w.rewritten(tiers: cutoffs))
        #expect(tiered.source.text.contains("tier 1 = score >= 0.83   # a comment after"))
        #expect(tiered.source.text.contains("tier 2 = false"))
        #expect(tiered.source.text.contains("tier 3 = score >= 0.125"))
        #expect(tiered.tier(features: UnsafeBufferPointer(start: nil, count: 0), traits: NumberTraits(), score: 0.84) == 1)
        #expect(tiered.tier(features: UnsafeBufferPointer(start: nil, count: 0), traits: NumberTraits(), score: 0.5) == 3)
        #expect(tiered.victim.rules.map(\.weight) == [1.2346, -0.5])

        let set = try RuleTestSupport.parse(tiered.rewritten(settings: ["window": 3600, "min_calls": 5], comment: "tuned"))
        #expect(set.settings["window"] == 3600)
        #expect(set.settings["min_calls"] == 5)
        #expect(set.source.text.contains("set window = 3600\n"))
        #expect(set.source.text.hasSuffix("# tuned\nset min_calls = 5\n"))
    }

    @Test func anEarlierTuningHeaderIsReplaced() throws {
        let once = try RuleTestSupport.parse(Self.text).rewritten(
            callerBias: 0, callerWeights: [:], victimBias: -5, victimWeights: [:], header: "\(TuningHeader.marker) first\nfitted on A")
        let twice = TuningHeader.removingEarlier(try RuleTestSupport.parse(once).rewritten(
            callerBias: 0, callerWeights: [:], victimBias: -5, victimWeights: [:], header: "\(TuningHeader.marker) second\nfitted on B"))
        #expect(twice.hasPrefix("\(TuningHeader.marker) second\n# fitted on B\n\n# rules\n"))
        #expect(!twice.contains("first"))
    }
}
