import Testing
@testable import FraudModel

@Suite("TuningEndToEnd")
struct TuningEndToEndTests {
    static let config = SynthConfig(subscribers: 5_000, days: 7, seed: 5)   // 9 victims

    @Test func whatIsTunedIsExactlyWhatIsScored() throws {
        let (log, labels, _) = try TuningTestSupport.week(Self.config)
        let base = try TuningTestSupport.defaultRules()
        let rows = Analysis(log: log, rules: base).victimRows(labels: labels.labels)
        #expect(rows.labelled.count + rows.notInCalls + rows.notConsidered == labels.labels.count)
        #expect(rows.labelled.design.positives == labels.positives)
        let tuning = try ModelTuning(design: rows.labelled.design, options: TuningOptions(folds: 3))
        #expect(tuning.fit.converged && tuning.fit.gradientNorm < 1e-7)
        #expect(tuning.crossValidated.prAUC > 0.6)

        let text = base.rewritten(callerBias: base.caller.bias, callerWeights: [:], victimBias: tuning.bias,
                                  victimWeights: tuning.weightsByName, header: "\(TuningHeader.marker) test")
        let tuned = try RuleSet.parse(text, file: "tuned.rules", schema: .engine, environment: TuningTestSupport.environment)
        #expect(tuned.victim.rules.map(\.weight) == tuning.weights)
        #expect(tuned.victim.bias == tuning.bias)

        // The scorer's scores with the written file equal the fitted model on the design rows.
        let scored = Analysis(log: log, rules: tuned)
        let fromDesign = rows.labelled.design.probabilities(bias: tuning.bias, weights: tuning.weights)
        let byID = Dictionary(uniqueKeysWithValues: scored.warnings.map { ($0.subscriber, $0.score) })
        var compared = 0
        for (i, id) in rows.labelled.design.ids.enumerated() where rows.labelled.listed[i] {
            let s = try #require(byID[id])
            #expect(abs(s - fromDesign[i]) < 1e-12)
            compared += 1
        }
        #expect(compared == rows.exposed && compared > 0)
        #expect(Analysis.victimScores(rows.labelled, model: tuned.victim).enumerated().allSatisfy { i, s in
            !rows.labelled.listed[i] || byID[rows.labelled.design.ids[i]] == s
        })
    }

    @Test func callerRowsLeaveForcedNumbersOut() throws {
        let (log, _, fraud) = try TuningTestSupport.week(Self.config)
        var rules = try TuningTestSupport.defaultRules()
        let watched = Array(fraud.labels.keys.sorted().prefix(3))
        rules.add(watched, toList: "watchlist")
        let rows = Analysis(log: log, rules: rules).callerRows(fraud: Set(fraud.labels.keys))
        let ids = Set(rows.labelled.design.ids)
        #expect(watched.allSatisfy { !ids.contains($0) })
        #expect(rows.forcedFraud >= watched.filter { log.numbers.lookup($0) != nil }.count)
        #expect(rows.labelled.count + rows.forced == log.numbers.count)
        #expect(rows.labelled.design.positives + rows.forcedFraud + rows.notInCalls == fraud.labels.count)
    }
}
