#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import FraudModel

@Suite("Metrics")
struct MetricsTests {
    @Test func scikitLearnDocumentationExample() {
        // roc_auc_score([0,0,1,1],[0.1,0.4,0.35,0.8]) = 0.75; average_precision_score = 0.8333…
        let m = BinaryMetrics(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true])
        #expect(abs(m.rocAUC - 0.75) < 1e-12)
        #expect(abs(m.prAUC - 5.0 / 6) < 1e-12)
    }

    @Test func tiesCountHalfInROCAndEnterTogetherInAveragePrecision() {
        // Pairs (pos, neg): (0.9,0.5)=1 (0.9,0.1)=1 (0.5,0.5)=½ (0.5,0.1)=1 → 3.5/4.
        // AP: at 0.9 recall ½ precision 1; at 0.5 (a tied pair) recall 1 precision ⅔ → ½ + ⅓.
        let m = BinaryMetrics(scores: [0.9, 0.5, 0.5, 0.1], labels: [true, true, false, false])
        #expect(abs(m.rocAUC - 0.875) < 1e-12)
        #expect(abs(m.prAUC - (0.5 + 1.0 / 3)) < 1e-12)
        let flat = BinaryMetrics(scores: [0.3, 0.3, 0.3, 0.3], labels: [true, false, true, false])
        #expect(flat.rocAUC == 0.5)
        #expect(flat.prAUC == 0.5)
    }

    @Test func logLossAndBrierByHand() {
        let m = BinaryMetrics(scores: [0.8, 0.4, 0.1], labels: [true, false, false])
        let expected: Double = -(log(0.8) + log(0.6) + log(0.9)) / 3
        #expect(abs(m.logLoss - expected) < 1e-12)
        #expect(abs(m.brier - (0.04 + 0.16 + 0.01) / 3) < 1e-12)
        // Probabilities of exactly 0 or 1 are clipped, so a confident mistake is finite.
        #expect(BinaryMetrics(scores: [0], labels: [true]).logLoss.isFinite)
    }

    @Test func undefinedWithoutBothOutcomes() {
        let m = BinaryMetrics(scores: [0.2, 0.7], labels: [false, false])
        #expect(m.rocAUC.isNaN)
        #expect(m.prAUC.isNaN)
        #expect(m.positives == 0 && m.count == 2)
    }

    @Test func precisionRecallCurvePoints() {
        let curve = PRPoint.curve(scores: [0.9, 0.5, 0.5, 0.1], labels: [true, true, false, false])
        #expect(curve.map(\.threshold) == [0.9, 0.5, 0.1])
        #expect(curve.map(\.truePositives) == [1, 2, 2])
        #expect(curve.map(\.falsePositives) == [0, 1, 2])
        #expect(curve.last?.recall == 1)
    }
}
