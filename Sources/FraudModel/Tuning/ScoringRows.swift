// MARK: - Scoring rows

/// Rows a model scores, with what the tier conditions read besides the score: each row's rule
/// values (the ``DesignMatrix``), its feature vector and number traits, and whether the scorer
/// lists the row at all (only subscribers with a suspect contact get a warning, whatever
/// their score).
public struct ScoringRows: Sendable {
    /// Rule values and outcomes (outcomes are all false for unlabelled population rows).
    public var design: DesignMatrix
    /// Width of a feature vector.
    public var featureCount: Int
    /// Feature vectors, row-major; empty when no tier condition reads features.
    public var features: [Double]
    /// Number traits per row; empty for "no class or list".
    public var traits: [NumberTraits]
    /// Whether the scorer lists each row (tiers apply to listed rows only).
    public var listed: [Bool]

    /// Creates rows.
    ///
    /// - Parameters:
    ///   - design: Rule values and outcomes.
    ///   - featureCount: Width of a feature vector.
    ///   - features: Row-major feature vectors, or empty.
    ///   - traits: Traits per row, or empty.
    ///   - listed: Listed flags per row, or empty for "all listed".
    public init(design: DesignMatrix, featureCount: Int = 0, features: [Double] = [], traits: [NumberTraits] = [],
                listed: [Bool] = []) {
        self.design = design
        self.featureCount = featureCount
        self.features = features
        self.traits = traits
        self.listed = listed.isEmpty ? [Bool](repeating: true, count: design.rowCount) : listed
    }

    /// Number of rows.
    public var count: Int { design.rowCount }

    /// The tier of each row under a rules file's tier conditions, given each row's score.
    ///
    /// - Parameters:
    ///   - rules: The rule set whose `tier` statements apply.
    ///   - scores: One probability per row.
    /// - Returns: One tier per row (`none` for rows the scorer does not list).
    public func tiers(rules: RuleSet, scores: [Double]) -> [Tier] {
        var out = [Tier](repeating: .none, count: count)
        var empty: [Double] = []
        features.withUnsafeBufferPointer { all in
            empty.withUnsafeMutableBufferPointer { none in
                for i in 0..<count where listed[i] {
                    let f = featureCount > 0 && !all.isEmpty
                        ? UnsafeBufferPointer(rebasing: all[i * featureCount..<(i + 1) * featureCount])
                        : UnsafeBufferPointer(none)
                    let t = traits.isEmpty ? NumberTraits() : traits[i]
                    out[i] = rules.tier(features: f, traits: t, score: scores[i]).flatMap(Tier.init(rawValue:)) ?? .none
                }
            }
        }
        return out
    }

    /// The tier of each row under plain score cut-offs.
    ///
    /// - Parameters:
    ///   - cutoffs: The thresholds.
    ///   - scores: One probability per row.
    /// - Returns: One tier per row (`none` for rows the scorer does not list).
    public func tiers(cutoffs: TierCutoffs, scores: [Double]) -> [Tier] {
        (0..<count).map { listed[$0] ? cutoffs.tier(scores[$0]) : .none }
    }

    /// The scores of the rows the scorer lists.
    public func listedScores(_ scores: [Double]) -> [Double] {
        (0..<count).filter { listed[$0] }.map { scores[$0] }
    }
}
