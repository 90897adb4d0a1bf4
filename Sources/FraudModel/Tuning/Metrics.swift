#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Metrics

/// How well probabilities rank and fit binary outcomes: ROC-AUC, PR-AUC (average precision),
/// log-loss and Brier score, defined as scikit-learn defines them.
public struct BinaryMetrics: Sendable, Equatable {
    /// Area under the ROC curve; tied scores count one half (Mann–Whitney with mid-ranks).
    /// NaN without both outcomes.
    public var rocAUC: Double
    /// Average precision: Σ (Rₖ − Rₖ₋₁)·Pₖ over distinct score thresholds, highest first (tied
    /// scores enter together). NaN without positives.
    public var prAUC: Double
    /// Mean −[y·ln p + (1−y)·ln(1−p)], p clipped to [1e-15, 1 − 1e-15].
    public var logLoss: Double
    /// Mean (p − y)².
    public var brier: Double
    /// Rows scored.
    public var count: Int
    /// Rows with a true outcome.
    public var positives: Int

    /// Computes every metric.
    ///
    /// - Parameters:
    ///   - scores: Probabilities (any ranking score for the AUCs; log-loss and Brier need 0…1).
    ///   - labels: Outcomes, one per score.
    /// - Complexity: O(n log n).
    public init(scores: [Double], labels: [Bool]) {
        precondition(scores.count == labels.count)
        count = scores.count
        positives = labels.lazy.filter { $0 }.count
        rocAUC = Self.rocAUC(scores: scores, labels: labels)
        prAUC = Self.averagePrecision(scores: scores, labels: labels)
        logLoss = Self.logLoss(scores: scores, labels: labels)
        brier = Self.brier(scores: scores, labels: labels)
    }

    /// ROC-AUC by mid-ranks.
    public static func rocAUC(scores: [Double], labels: [Bool]) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        let p = Double(labels.lazy.filter { $0 }.count), n = Double(labels.count) - p
        guard p > 0, n > 0 else { return .nan }
        var rankSum = 0.0
        var i = 0
        while i < order.count {
            var j = i
            var groupPositives = 0.0
            while j < order.count && scores[order[j]] == scores[order[i]] {
                if labels[order[j]] { groupPositives += 1 }
                j += 1
            }
            rankSum += groupPositives * Double(i + 1 + j) / 2        // mid-rank of ranks i+1…j
            i = j
        }
        return (rankSum - p * (p + 1) / 2) / (p * n)
    }

    /// Average precision (scikit-learn's `average_precision_score`).
    public static func averagePrecision(scores: [Double], labels: [Bool]) -> Double {
        let p = Double(labels.lazy.filter { $0 }.count)
        guard p > 0 else { return .nan }
        var ap = 0.0
        for point in PRPoint.curve(scores: scores, labels: labels) {
            ap += point.recallStep * point.precision
        }
        return ap
    }

    /// Mean log-loss.
    public static func logLoss(scores: [Double], labels: [Bool]) -> Double {
        guard !scores.isEmpty else { return .nan }
        var sum = 0.0
        for (s, y) in zip(scores, labels) {
            let q = min(max(s, 1e-15), 1 - 1e-15)
            sum -= y ? log(q) : log(1 - q)
        }
        return sum / Double(scores.count)
    }

    /// Mean squared error of the probabilities.
    public static func brier(scores: [Double], labels: [Bool]) -> Double {
        guard !scores.isEmpty else { return .nan }
        var sum = 0.0
        for (s, y) in zip(scores, labels) { sum += (s - (y ? 1 : 0)) * (s - (y ? 1 : 0)) }
        return sum / Double(scores.count)
    }
}

// MARK: - Curves

/// One point of the precision–recall curve: everything scoring at least `threshold` is flagged.
public struct PRPoint: Sendable, Equatable {
    public var threshold: Double
    public var recall: Double
    public var precision: Double
    /// Recall gained at this threshold over the previous one.
    public var recallStep: Double
    /// True and false positives at this threshold.
    public var truePositives: Int
    public var falsePositives: Int

    /// The curve at every distinct score, highest first.
    ///
    /// - Complexity: O(n log n).
    public static func curve(scores: [Double], labels: [Bool]) -> [PRPoint] {
        let order = scores.indices.sorted { (scores[$0], $1) > (scores[$1], $0) }
        let p = labels.lazy.filter { $0 }.count
        var points: [PRPoint] = []
        var tp = 0, fp = 0, previousRecall = 0.0
        var i = 0
        while i < order.count {
            let s = scores[order[i]]
            while i < order.count && scores[order[i]] == s {
                if labels[order[i]] { tp += 1 } else { fp += 1 }
                i += 1
            }
            let recall = p > 0 ? Double(tp) / Double(p) : 0
            points.append(PRPoint(threshold: s, recall: recall, precision: Double(tp) / Double(tp + fp),
                                  recallStep: recall - previousRecall, truePositives: tp, falsePositives: fp))
            previousRecall = recall
        }
        return points
    }
}
