import Testing
@testable import FraudModel

@Suite("TierCutoffs")
struct TierCutoffsTests {
    static let scores: [Double] = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2]

    @Test func capacityFillsTiersFromTheTop() {
        let c = TierCutoffs.capacity(scores: Self.scores, capacity: [2, 3, 10], periods: 1, floor: 0.35)
        // Tier 1: 0.9, 0.8 (cut between 0.7 and 0.8); tier 2: 0.7–0.5; tier 3: what is left ≥ 0.35.
        #expect(c.literals == ["0.8", "0.5", "0.4"])
        #expect(Self.scores.map(c.tier) == [.visit, .visit, .call, .call, .call, .sms, .none, .none])
    }

    @Test func capacityIsPerPeriod() {
        // 1 a day over 3 days: three rows in tier 1.
        let c = TierCutoffs.capacity(scores: Self.scores, capacity: [1, nil, nil], periods: 3, floor: 0.01)
        #expect(Self.scores.filter { c.tier($0) == .visit }.count == 3)
        #expect(c.literals[1] == nil && c.literals[2] == nil)
    }

    @Test func tiedScoresNeverOverflowATier() {
        let tied: [Double] = [0.9, 0.9, 0.9, 0.5, 0.4]
        let c = TierCutoffs.capacity(scores: tied, capacity: [2, 4, nil], periods: 1, floor: 0.01)
        #expect(c.literals[0] == nil)                              // the tie of 3 does not fit in 2
        #expect(tied.filter { c.tier($0) == .call }.count == 4)     // tier 2 takes the tie and 0.5
        // A cut-off separates the last admitted from the first left out, shortest decimal.
        #expect(c.literals[1] == "0.5")
    }

    @Test func thresholdsAreShortDecimalsBetweenNeighbours() {
        #expect(DecimalText.shortest(above: 0.41999, atMost: 0.42731) == "0.42")
        #expect(DecimalText.shortest(above: 0.3, atMost: 0.3000001) == "0.3000001")
        #expect(DecimalText.shortest(above: 99, atMost: 150) == "100")
        #expect(DecimalText.shortest(above: -3, atMost: -2.5) == "-2.5")
        #expect(DecimalText.shortest(above: -1, atMost: 2) == "0")
    }

    @Test func probabilityCutoffsAreValidated() {
        #expect(TierCutoffs.probabilities([0.8, 0.5, 0.2])?.literals == ["0.8", "0.5", "0.2"])
        #expect(TierCutoffs.probabilities([0.5, 0.8]) == nil)
        #expect(TierCutoffs.probabilities([1.5]) == nil)
    }

    @Test func statisticsCountPopulationAndScoreLabelledRows() {
        let stats = TierStatistics.summarise(
            populationTiers: [.visit, .visit, .call, .none, .sms], periods: 2,
            labelledTiers: [.visit, .call, .none, .visit], labels: [true, false, true, false],
            scores: [0.9, 0.6, 0.1, 0.7], cutoffs: nil)
        #expect(stats.map(\.count) == [2, 1, 1])
        #expect(stats[0].perPeriod == 1)
        #expect(stats[0].precision == 0.5 && stats[0].recall == 0.5)
        #expect(abs(stats[0].expectedPrecision - 0.8) < 1e-12)
        #expect(stats[2].labelled == 0 && stats[2].precision.isNaN)
    }
}
