// MARK: - Per-rule statistics

/// How one rule behaved on labelled history: how often it fired (value ≠ 0), and how well
/// firing picked out positives.
public struct RuleStatistics: Sendable, Equatable {
    public var name: String
    /// Labelled rows where the rule's value was not 0.
    public var fired: Int
    /// Of those, positives.
    public var firedPositives: Int
    /// firedPositives / fired.
    public var precision: Double
    /// firedPositives / all positives.
    public var recall: Double
    /// precision / base rate: how many times likelier a positive is when the rule fires.
    public var lift: Double

    /// Statistics of every column of a design matrix.
    ///
    /// - Parameter design: Labelled rows.
    /// - Returns: One entry per column, in column order.
    public static func of(_ design: DesignMatrix) -> [RuleStatistics] {
        let positives = design.positives
        let base = design.rowCount > 0 ? Double(positives) / Double(design.rowCount) : .nan
        return design.columns.indices.map { j in
            var fired = 0, hits = 0
            for i in 0..<design.rowCount where design[row: i, column: j] != 0 {
                fired += 1
                if design.labels[i] { hits += 1 }
            }
            let precision = fired > 0 ? Double(hits) / Double(fired) : .nan
            return RuleStatistics(name: design.columns[j], fired: fired, firedPositives: hits, precision: precision,
                                  recall: positives > 0 ? Double(hits) / Double(positives) : .nan,
                                  lift: precision / base)
        }
    }
}

// MARK: - Evaluation

/// A backtest of one rule set on labelled history: metrics, per-rule statistics, tiers.
public struct Evaluation: Sendable {
    /// The metrics of the rule set's probabilities on the labelled rows.
    public var metrics: BinaryMetrics
    /// Per-rule statistics on the labelled rows.
    public var rules: [RuleStatistics]
    /// Tier 1–3 over the scored population and the labelled rows.
    public var tiers: [TierStatistics]
    /// Tier of each labelled row, by id.
    public var tierOf: [String: Tier]
    /// Each labelled row's probability, by id.
    public var scoreOf: [String: Double]

    /// Evaluates a rule set whose probabilities are already computed.
    ///
    /// - Parameters:
    ///   - rules: The rule set (its tier statements decide tiers).
    ///   - labelled: Labelled rows.
    ///   - labelledScores: Their probabilities.
    ///   - population: Every row the scorer lists.
    ///   - populationScores: Their probabilities.
    ///   - periods: Periods the population covers.
    public init(rules: RuleSet, labelled: ScoringRows, labelledScores: [Double], population: ScoringRows,
                populationScores: [Double], periods: Double) {
        metrics = BinaryMetrics(scores: labelledScores, labels: labelled.design.labels)
        self.rules = RuleStatistics.of(labelled.design)
        let labelledTiers = labelled.tiers(rules: rules, scores: labelledScores)
        tiers = TierStatistics.summarise(
            populationTiers: population.tiers(rules: rules, scores: populationScores), periods: periods,
            labelledTiers: labelledTiers, labels: labelled.design.labels, scores: labelledScores, cutoffs: nil)
        tierOf = Dictionary(zip(labelled.design.ids, labelledTiers), uniquingKeysWith: { a, _ in a })
        scoreOf = Dictionary(zip(labelled.design.ids, labelledScores), uniquingKeysWith: { a, _ in a })
    }

    /// Per-rule statistics as a table (with the rule's weight in `rules`).
    ///
    /// - Parameter model: The model whose weights to show.
    /// - Returns: The table text.
    public func rulesTable(_ model: LogisticModel) -> String {
        var t = TextTable(["rule", "weight", "fired", "positives", "precision", "recall", "lift"])
        for (j, r) in rules.enumerated() {
            t.add([r.name, j < model.rules.count ? RuleSource.formatNumber(model.rules[j].weight) : "-",
                   NumberText.grouped(r.fired), NumberText.grouped(r.firedPositives), NumberText.fixed(r.precision, 3),
                   NumberText.fixed(r.recall, 3), NumberText.fixed(r.lift, 1)])
        }
        return t.text
    }
}

// MARK: - Comparison

/// Which labelled rows change tier between two rule sets.
public struct TierChanges: Sendable {
    /// `moves[a][b]`: rows in tier a (0 = none) under the first set and tier b under the second.
    public var moves: [[Int]]
    /// Every row whose tier changed: id, tier before, tier after, outcome; most urgent change
    /// first.
    public var changed: [(id: String, from: Tier, to: Tier, label: Bool)]

    /// Compares two evaluations over the labelled rows of the first (a row the second does not
    /// score counts as tier none there).
    ///
    /// - Parameters:
    ///   - a: The first rule set's evaluation.
    ///   - b: The second's.
    ///   - labels: Outcomes by id.
    public init(_ a: Evaluation, _ b: Evaluation, labels: [String: Bool]) {
        moves = Array(repeating: Array(repeating: 0, count: 4), count: 4)
        changed = []
        for id in Set(a.tierOf.keys).union(b.tierOf.keys).sorted() {
            let from = a.tierOf[id] ?? .none, to = b.tierOf[id] ?? .none
            moves[from.rawValue][to.rawValue] += 1
            if from != to { changed.append((id, from, to, labels[id] ?? false)) }
        }
        changed.sort { x, y in
            let ux = max(x.from.urgency, x.to.urgency), uy = max(y.from.urgency, y.to.urgency)
            return ux != uy ? ux > uy : x.id < y.id
        }
    }

    /// The move matrix as a table (rows: first set's tier; columns: second's), with the
    /// positives among the rows that moved.
    public var table: String {
        let names = ["none", "1 visit", "2 call", "3 sms"]
        var t = TextTable(["A \\ B"] + names)
        for a in [1, 2, 3, 0] {
            t.add([names[a]] + [1, 2, 3, 0].map { "\(moves[a][$0])" }.reordered)
        }
        return t.text
    }

    /// The same changes with every id replaced by its pseudonym (ids are canonical numbers or,
    /// for a feature table, the table's ids).
    public func pseudonymized(by p: Pseudonymizer) -> TierChanges {
        var copy = self
        copy.changed = changed.map { (p($0.id), $0.from, $0.to, $0.label) }
        return copy
    }

    /// Changed rows as CSV: `id,tier_a,tier_b,label`.
    public var csv: String {
        "id,tier_a,tier_b,label\n" + changed.map { "\($0.id),\($0.from.rawValue),\($0.to.rawValue),\($0.label ? 1 : 0)" }.joined(separator: "\n")
            + (changed.isEmpty ? "" : "\n")
    }
}

private extension Array where Element == String {
    /// Cells given in tier order 1, 2, 3, none, placed under headings none, 1, 2, 3.
    var reordered: [String] { count == 4 ? [self[3], self[0], self[1], self[2]] : self }
}
