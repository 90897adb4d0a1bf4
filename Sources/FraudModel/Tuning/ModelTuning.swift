// MARK: - Tuning one model

/// Settings of a tuning run.
public struct TuningOptions: Sendable {
    /// L2 penalty λ on the weights (scikit-learn's C = 1/λ).
    public var l2: Double
    /// Cross-validation folds.
    public var folds: Int
    /// Seed of the stratified folds.
    public var seed: UInt64

    /// Creates options.
    ///
    /// - Parameters:
    ///   - l2: The penalty (default 1).
    ///   - folds: k (default 5).
    ///   - seed: Fold seed (default 1).
    public init(l2: Double = 1, folds: Int = 5, seed: UInt64 = 1) {
        self.l2 = l2
        self.folds = folds
        self.seed = seed
    }
}

/// Why a model cannot be tuned on the rows given.
public struct TuningError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// One model fitted on labelled rows, with its honest (out-of-fold) quality.
public struct ModelTuning: Sendable {
    /// The rule names, in rule order.
    public var names: [String]
    /// The fit on every labelled row.
    public var fit: LogisticFit
    /// The intercept and weights as the rules file will hold them (4 decimals): what is scored.
    public var bias: Double
    public var weights: [Double]
    /// Each labelled row's probability from the fold model that did not see it.
    public var outOfFold: [Double]
    /// Metrics of the out-of-fold probabilities, pooled over folds.
    public var crossValidated: BinaryMetrics
    /// Metrics of the written model on the rows it was fitted on (optimistic).
    public var inSample: BinaryMetrics
    /// Each fold's fit.
    public var foldFits: [LogisticFit]
    /// The folds.
    public var crossValidation: CrossValidation
    /// Wall-clock seconds of the fit on every row, and of the k fold fits.
    public var fitSeconds: Double
    public var crossValidationSeconds: Double

    /// Fits `design` and cross-validates the fit.
    ///
    /// - Parameters:
    ///   - design: Labelled rows.
    ///   - options: Penalty, folds, seed.
    /// - Throws: ``TuningError`` with fewer than 2 positive or 2 negative rows.
    /// - Complexity: (folds + 1) fits.
    public init(design: DesignMatrix, options: TuningOptions) throws(TuningError) {
        let positives = design.positives, negatives = design.rowCount - positives
        guard positives >= 2, negatives >= 2 else {
            throw TuningError(description: "need at least 2 positive and 2 negative labelled rows, have \(positives) and \(negatives)")
        }
        guard options.folds >= 2, options.folds <= design.rowCount else {
            throw TuningError(description: "--folds must be between 2 and the number of labelled rows (\(design.rowCount))")
        }
        names = design.columns
        let clock = ContinuousClock()
        let start = clock.now
        fit = LogisticFit(design: design, l2: options.l2)
        let fitted = clock.now
        bias = Self.written(fit.bias)
        weights = fit.weights.map(Self.written)
        crossValidation = CrossValidation(labels: design.labels, folds: options.folds, seed: options.seed)
        (outOfFold, foldFits) = crossValidation.outOfFold(design, l2: options.l2)
        fitSeconds = Self.seconds(fitted - start)
        crossValidationSeconds = Self.seconds(clock.now - fitted)
        crossValidated = BinaryMetrics(scores: outOfFold, labels: design.labels)
        inSample = BinaryMetrics(scores: design.probabilities(bias: bias, weights: weights), labels: design.labels)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// A number as the rules file holds it after ``RuleSource/formatNumber(_:)``.
    public static func written(_ value: Double) -> Double {
        Double(RuleSource.formatNumber(value)) ?? 0
    }

    /// Weights by rule name, as written.
    public var weightsByName: [String: Double] {
        Dictionary(zip(names, weights), uniquingKeysWith: { a, _ in a })
    }
}

// MARK: - Tier plan

/// How tiers are decided when tuning.
public enum TierPolicy: Sendable, Equatable {
    /// Keep the rules file's tier statements.
    case rules
    /// Plain probability cut-offs, most urgent first.
    case probabilities([Double])
    /// Cut-offs that fit follow-up capacity per period (nil: the tier is not used), never below
    /// `floor`.
    case capacity([Int?], floor: Double)
}

/// The tiers a tuned model gives: cut-offs (unless the file's tiers are kept) and each tier's
/// expected size and honest precision.
public struct TierPlan: Sendable {
    /// The cut-offs to write, or nil when the file's tier statements stay.
    public var cutoffs: TierCutoffs?
    /// Tier 1–3: counts over the scored population with the written model, precision and
    /// recall over labelled rows with out-of-fold scores.
    public var statistics: [TierStatistics]

    /// Works out the tiers.
    ///
    /// - Parameters:
    ///   - policy: How cut-offs are chosen.
    ///   - rules: The rule set whose tier statements apply under ``TierPolicy/rules``.
    ///   - labelled: Labelled rows.
    ///   - labelledScores: Their out-of-fold probabilities.
    ///   - population: Every row the scorer would list.
    ///   - populationScores: Their probabilities under the written model.
    ///   - periods: How many periods (days, weeks) the population covers.
    public init(policy: TierPolicy, rules: RuleSet, labelled: ScoringRows, labelledScores: [Double],
                population: ScoringRows, populationScores: [Double], periods: Double) {
        let labelledTiers: [Tier], populationTiers: [Tier]
        switch policy {
        case .rules:
            cutoffs = nil
            labelledTiers = labelled.tiers(rules: rules, scores: labelledScores)
            populationTiers = population.tiers(rules: rules, scores: populationScores)
        case .probabilities(let thresholds):
            let c = TierCutoffs.probabilities(thresholds) ?? TierCutoffs(literals: [nil, nil, nil])
            cutoffs = c
            labelledTiers = labelled.tiers(cutoffs: c, scores: labelledScores)
            populationTiers = population.tiers(cutoffs: c, scores: populationScores)
        case .capacity(let capacity, let floor):
            let c = TierCutoffs.capacity(scores: population.listedScores(populationScores), capacity: capacity,
                                         periods: periods, floor: floor)
            cutoffs = c
            labelledTiers = labelled.tiers(cutoffs: c, scores: labelledScores)
            populationTiers = population.tiers(cutoffs: c, scores: populationScores)
        }
        statistics = TierStatistics.summarise(
            populationTiers: populationTiers, periods: periods, labelledTiers: labelledTiers,
            labels: labelled.design.labels, scores: labelledScores, cutoffs: cutoffs)
    }
}
