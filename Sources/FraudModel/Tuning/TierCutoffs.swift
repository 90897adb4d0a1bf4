// MARK: - Tier cut-offs

/// Score thresholds for the three tiers: a row gets the most urgent tier whose threshold its
/// score reaches. Written into a rules file as `tier N = score >= T`.
public struct TierCutoffs: Sendable, Equatable {
    /// Lowest score of tier 1, 2 and 3, as rule-file text (exactly what is written); nil when a
    /// tier gets nobody (written `tier N = false`).
    public var literals: [String?]

    /// The thresholds as numbers (what the rules file parses back).
    public var thresholds: [Double?] { literals.map { $0.flatMap(Double.init) } }

    /// Cut-offs given as probabilities, most urgent first (e.g. 0.8, 0.5, 0.2).
    ///
    /// - Parameter thresholds: One to three values in (0, 1], non-increasing.
    /// - Returns: The cut-offs, or nil when the values are out of range or increase.
    public static func probabilities(_ thresholds: [Double]) -> TierCutoffs? {
        guard (1...3).contains(thresholds.count), thresholds.allSatisfy({ $0 > 0 && $0 <= 1 }),
              zip(thresholds, thresholds.dropFirst()).allSatisfy({ $0 >= $1 }) else { return nil }
        var literals: [String?] = thresholds.map { "\($0)" }
        while literals.count < 3 { literals.append(nil) }
        return TierCutoffs(literals: literals)
    }

    /// Cut-offs that fit follow-up capacity: each tier holds at most `capacity × periods` of
    /// the scored rows, filled from the highest score down.
    ///
    /// A block of tied scores that would overflow a tier stays out of it (capacity is a hard
    /// limit; a tier the block fills entirely gets nobody), and no threshold goes below `floor`, so spare capacity is never spent on
    /// near-certain false alarms. Each threshold is the shortest decimal that separates the
    /// last row admitted from the first row left out.
    ///
    /// - Parameters:
    ///   - scores: The scores of every row the scorer would list (labelled or not).
    ///   - capacity: Rows each tier can act on per period, most urgent first (nil: tier unused).
    ///   - periods: How many periods the scores cover (e.g. 7 days).
    ///   - floor: The lowest threshold allowed.
    /// - Returns: The cut-offs.
    /// - Complexity: O(n log n).
    public static func capacity(scores: [Double], capacity: [Int?], periods: Double, floor: Double) -> TierCutoffs {
        let sorted = scores.filter { $0 >= floor }.sorted(by: >)
        var literals: [String?] = []
        var start = 0
        for k in 0..<3 {
            guard k < capacity.count, let perPeriod = capacity[k] else { literals.append(nil); continue }
            let budget = Int((Double(perPeriod) * periods).rounded(.down))
            var end = min(sorted.count, start + budget)
            if end < sorted.count, end > start, sorted[end - 1] == sorted[end] {
                let tied = sorted[end]
                while end > start && sorted[end - 1] == tied { end -= 1 }
            }
            guard end > start else { literals.append(nil); continue }   // a tie block fills it: nobody
            let below = end < sorted.count ? sorted[end] : floor.nextDown
            let literal = DecimalText.shortest(above: Swift.max(below, floor.nextDown), atMost: sorted[end - 1])
            literals.append(literal)
            start = end
        }
        return TierCutoffs(literals: literals)
    }

    /// The tier of a score.
    public func tier(_ score: Double) -> Tier {
        for (k, t) in thresholds.enumerated() {
            if let t, score >= t { return Tier(rawValue: k + 1) ?? .none }
        }
        return .none
    }
}

// MARK: - Tier statistics

/// One tier's size and quality on labelled history.
public struct TierStatistics: Sendable, Equatable {
    /// The tier.
    public var tier: Tier
    /// Its lowest score when the tier is a plain threshold, else nil.
    public var threshold: Double?
    /// Rows the scorer would put in the tier (labelled or not).
    public var count: Int
    /// `count` per period (per day with `--per day`).
    public var perPeriod: Double
    /// Labelled rows in the tier, and how many of them were positive.
    public var labelled: Int
    public var positives: Int
    /// positives / labelled (NaN when empty).
    public var precision: Double
    /// positives / all labelled positives.
    public var recall: Double
    /// Mean predicted probability of the labelled rows in the tier: the precision the model
    /// itself expects.
    public var expectedPrecision: Double

    /// Statistics for tiers 1–3.
    ///
    /// - Parameters:
    ///   - populationTiers: The tier of every row the scorer would list (for counts).
    ///   - periods: Periods the population covers.
    ///   - labelledTiers: The tier of each labelled row (from out-of-fold scores for honesty).
    ///   - labels: Their outcomes.
    ///   - scores: Their probabilities.
    ///   - cutoffs: The thresholds, when tiers are plain thresholds.
    /// - Returns: Three rows, tier 1 first.
    public static func summarise(populationTiers: [Tier], periods: Double, labelledTiers: [Tier], labels: [Bool],
                                 scores: [Double], cutoffs: TierCutoffs?) -> [TierStatistics] {
        let totalPositives = labels.lazy.filter { $0 }.count
        return [Tier.visit, .call, .sms].map { tier in
            let count = populationTiers.lazy.filter { $0 == tier }.count
            var labelled = 0, positives = 0, expected = 0.0
            for i in labelledTiers.indices where labelledTiers[i] == tier {
                labelled += 1
                if labels[i] { positives += 1 }
                expected += scores[i]
            }
            return TierStatistics(
                tier: tier, threshold: cutoffs?.thresholds[tier.rawValue - 1], count: count,
                perPeriod: periods > 0 ? Double(count) / periods : .nan, labelled: labelled, positives: positives,
                precision: labelled > 0 ? Double(positives) / Double(labelled) : .nan,
                recall: totalPositives > 0 ? Double(positives) / Double(totalPositives) : .nan,
                expectedPrecision: labelled > 0 ? expected / Double(labelled) : .nan)
        }
    }
}
