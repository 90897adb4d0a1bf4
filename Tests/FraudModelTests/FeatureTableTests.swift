#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import FraudModel

@Suite("FeatureTable")
struct FeatureTableTests {
    static let csv = """
        msisdn,is_victim,calls in,length,note,talk_min\r
        a1,1,12,3,x,4.5\r
        a2,0,3,,y,-1e2\r
        a3,,7,2,z,0.25\r
        """

    @Test func readsNumericColumnsWithRuleNames() throws {
        let t = try FeatureTable.parse(Array(Self.csv.utf8), file: "t.csv", id: "msisdn", label: "is_victim")
        #expect(t.rowCount == 3)
        #expect(t.names == ["calls_in", "length_", "talk_min"])          // space → _, reserved word → _
        #expect(t.headerNames == ["calls in", "length", "talk_min"])
        #expect(t.skipped == ["note"])
        #expect(t.labels == [true, false, nil])
        #expect(t.missing == [0, 1, 0])
        #expect(t.column(2) == [4.5, -100, 0.25])
        #expect(t.labelledRows == [0, 1])
    }

    @Test func badLabelsAndMissingColumnsAreReported() {
        #expect(throws: FeatureTable.Problem.self) {
            try FeatureTable.parse(Array("id,y,x\n1,2,3\n".utf8), file: "t.csv", id: "id", label: "y")
        }
        #expect(throws: FeatureTable.Problem.self) {
            try FeatureTable.parse(Array("id,y,x\n1,1,3\n".utf8), file: "t.csv", id: "id", label: "label")
        }
    }

    @Test func numbersParseExactly() {
        for text in ["0", "-0.5", "1e-3", "123456.789", "0.1", "2.5E+3", "12345678901234567890", ".5", "007"] {
            var bytes = Array(text.utf8)
            let parsed = bytes.withUnsafeMutableBufferPointer { NumberParsing.decimal(UnsafeBufferPointer($0)) }
            #expect(parsed == Double(text) ?? Double("0" + text), "\(text)")
        }
        var junk = Array("1.2.3".utf8)
        #expect(junk.withUnsafeMutableBufferPointer { NumberParsing.decimal(UnsafeBufferPointer($0)) } == nil)
    }

    @Test func rulesOverColumnsGiveTheDesign() throws {
        let t = try FeatureTable.parse(Array(Self.csv.utf8), file: "t.csv", id: "msisdn", label: "is_victim")
        let rules = try RuleSet.parse("victim rule busy weight 1 = calls_in >= 5\nvictim rule talk weight 1 = log1p(max(talk_min, 0))\n",
                                      file: "r", schema: t.schema, environment: TuningTestSupport.environment)
        let rows = t.scoringRows(rules: rules, rows: t.labelledRows, keepFeatures: true)
        #expect(rows.design.columns == ["busy", "talk"])
        #expect(rows.design.values == [1, log1p(4.5), 0, 0])
        #expect(rows.design.labels == [true, false])
        #expect(rows.features.count == 6)
    }

    /// A designed table: `amount` separates the outcome at 100, `noise` does not.
    static func designed() throws -> FeatureTable {
        var rng = SplitMix64(seed: 3)
        var csv = "id,label,amount,noise\n"
        for i in 0..<2_000 {
            let amount = Double(rng.next() % 200)
            let noise = Double(rng.next() % 1000) / 10
            let p = amount >= 100 ? 0.4 : 0.02
            let y = Double(rng.next() >> 11) / Double(1 << 53) < p
            csv += "s\(i),\(y ? 1 : 0),\(amount),\(noise)\n"
        }
        return try FeatureTable.parse(Array(csv.utf8), file: "designed.csv", id: "id", label: "label")
    }

    @Test func suggesterFindsTheSeparatingThresholdAndNotTheNoise() throws {
        let t = try Self.designed()
        let rows = t.labelledRows
        let base = DesignMatrix(columns: [], values: [], labels: rows.map { t.labels[$0] == true })
        let s = RuleSuggester(table: t, rows: rows, base: base, options: TuningOptions(folds: 5), maxRules: 5)
        let first = try #require(s.suggestions.first)
        #expect(first.column == "amount")
        let cut = try #require(Double(first.literal))
        #expect(abs(cut - 100) <= 5, "designed cut at 100, found \(first.literal)")
        #expect(!s.suggestions.contains { $0.column == "noise" }, "\(s.suggestions.map(\.expression))")
        #expect(first.logLoss < s.baselineLogLoss)
        // The written file parses and fits.
        let rules = try RuleSet.parse(s.rulesFile(source: "designed.csv"), file: "s.rules", schema: t.schema,
                                      environment: TuningTestSupport.environment)
        #expect(rules.victim.rules.first?.expressionText == "amount >= \(first.literal)")
        let fit = LogisticFit(design: t.scoringRows(rules: rules, rows: rows, keepFeatures: false).design, l2: 1)
        #expect(fit.weights[0] > 2)                                   // log(0.4/0.6) − log(0.02/0.98) ≈ 3.5
    }

    @Test func likelihoodGainIsTheDevianceDrop() {
        // Identical rates on both sides: no gain. Perfect split of 10/10: 2·20·ln 2.
        #expect(abs(RuleSuggester.likelihoodGain(n1: 10, k1: 5, n0: 30, k0: 15)) < 1e-12)
        #expect(abs(RuleSuggester.likelihoodGain(n1: 10, k1: 10, n0: 10, k0: 0) - 40 * log(2.0)) < 1e-9)
    }
}
