#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Rule suggester

/// Proposes threshold rules over a feature table's numeric columns, for an analyst starting a
/// rule set on data they have never seen.
///
/// 1. **Candidates.** For each column, every cut between two distinct observed values is a
///    candidate rule `column >= t`. Each is scored by its likelihood gain: the drop in
///    deviance (G statistic) of a one-rule logistic model over the intercept alone. The best
///    few cuts per column, at least a twentieth of the rows apart, are kept (several cuts on
///    one column make bins).
/// 2. **Forward selection, out of fold.** Starting from the base rules (or none), the candidate
///    with the largest score statistic given the current model is added when it lowers the
///    k-fold out-of-fold deviance by more than ``minimumDevianceDrop(rows:)``; otherwise the
///    next is tried, and selection stops after three candidates in a row fail or at the rule
///    limit.
public struct RuleSuggester: Sendable {
    /// One proposed rule.
    public struct Suggestion: Sendable, Equatable {
        /// The rule name (`column_ge_t`).
        public var name: String
        /// The column's rule-language name.
        public var column: String
        /// The threshold as written.
        public var literal: String
        /// The likelihood gain of the rule on its own.
        public var gain: Double
        /// Out-of-fold log-loss once the rule was added.
        public var logLoss: Double
        /// The expression text.
        public var expression: String { "\(column) >= \(literal)" }
    }

    /// The rules kept, in the order they were added.
    public var suggestions: [Suggestion]
    /// Out-of-fold log-loss of the starting model (base rules or intercept only).
    public var baselineLogLoss: Double
    /// Candidates considered in all.
    public var candidateCount: Int
    /// Candidates that were tried and did not lower the out-of-fold log-loss.
    public var rejected: [String]

    /// The drop in out-of-fold deviance (2 × Σ log-loss) a rule must bring to be kept, for n
    /// rows: ln n, the BIC charge for one parameter. The cut point was chosen on all rows, held-out
    /// folds included, so a noise column's best cut lowers the out-of-fold loss a little by
    /// itself; this charge is what keeps such rules out.
    public static func minimumDevianceDrop(rows n: Int) -> Double { log(Double(max(n, 2))) }

    private struct Candidate {
        var column: Int
        var literal: String
        var gain: Double
        var fires: [Bool]
    }

    /// Runs the suggester.
    ///
    /// - Parameters:
    ///   - table: The table.
    ///   - rows: Labelled row indices to learn from.
    ///   - base: The base rules' values on those rows (same order), or a matrix with no
    ///     columns to start from the intercept alone.
    ///   - options: Penalty, folds, seed.
    ///   - maxRules: The most rules to add.
    ///   - perColumn: Candidate cuts kept per column.
    /// - Complexity: O(columns × n log n) for the candidates, then per step O(candidates × n)
    ///   plus k fits.
    public init(table: FeatureTable, rows: [Int], base: DesignMatrix, options: TuningOptions,
                maxRules: Int = 12, perColumn: Int = 3) {
        let n = rows.count
        let labels = base.labels
        let taken = Set(base.columns)
        var candidates: [Candidate] = []
        for j in 0..<table.names.count {
            let values = rows.map { table[row: $0, column: j] }
            for (literal, gain) in Self.cuts(values: values, labels: labels, keep: perColumn) {
                let t = Double(literal) ?? 0
                candidates.append(Candidate(column: j, literal: literal, gain: gain, fires: values.map { $0 >= t }))
            }
        }
        candidateCount = candidates.count
        let cv = CrossValidation(labels: labels, folds: options.folds, seed: options.seed)
        var design = base
        var (oof, fits) = cv.outOfFold(design, l2: options.l2)
        var current = BinaryMetrics.logLoss(scores: oof, labels: labels)
        baselineLogLoss = current
        var full = LogisticFit(design: design, l2: options.l2)
        suggestions = []
        rejected = []
        var failures = 0
        while suggestions.count < maxRules && failures < 3 && !candidates.isEmpty {
            // Score test: U²/V of each candidate at the current fit.
            let p = design.probabilities(bias: full.bias, weights: full.weights)
            var best = -1, bestScore = 0.0
            for (c, candidate) in candidates.enumerated() {
                var u = 0.0, v = 0.0
                for i in 0..<n where candidate.fires[i] {
                    u += (labels[i] ? 1 : 0) - p[i]
                    v += p[i] * (1 - p[i])
                }
                let score = v > 0 ? u * u / v : 0
                if score > bestScore { bestScore = score; best = c }
            }
            guard best >= 0 else { break }
            let candidate = candidates.remove(at: best)
            var name = "\(table.names[candidate.column])_ge_\(Self.nameText(candidate.literal))"
            while taken.contains(name) || suggestions.contains(where: { $0.name == name }) { name += "_" }
            var trial = DesignMatrix(columns: design.columns + [name])
            trial.values.reserveCapacity(n * trial.columnCount)
            for i in 0..<n {
                trial.values.append(contentsOf: design.row(i))
                trial.values.append(candidate.fires[i] ? 1 : 0)
            }
            trial.labels = labels
            trial.ids = design.ids
            let starts = fits.map { (bias: $0.bias, weights: $0.weights + [0]) }
            let (trialOOF, trialFits) = cv.outOfFold(trial, l2: options.l2, starts: starts)
            let loss = BinaryMetrics.logLoss(scores: trialOOF, labels: labels)
            if 2 * Double(n) * (current - loss) > Self.minimumDevianceDrop(rows: n) {
                design = trial
                fits = trialFits
                oof = trialOOF
                current = loss
                full = LogisticFit(design: design, l2: options.l2, start: (full.bias, full.weights + [0]))
                suggestions.append(Suggestion(name: name, column: table.names[candidate.column], literal: candidate.literal,
                                              gain: candidate.gain, logLoss: loss))
                failures = 0
            } else {
                rejected.append("\(table.names[candidate.column]) >= \(candidate.literal)")
                failures += 1
            }
        }
    }

    /// The rules as lines of a rules file. Weights start at 0.0001 (tuning rewrites them; 0
    /// would draw a "never changes the score" warning).
    ///
    /// - Returns: `victim rule …` lines.
    public func ruleLines() -> [String] {
        suggestions.map {
            "victim rule \($0.name) weight 0.0001 label \"\($0.column) ≥ \($0.literal)\" = \($0.expression)"
        }
    }

    /// A whole rules file for a table with no rules yet: bias, the suggested rules and plain
    /// tiers (tuning then fits the weights and, when asked, the tier cut-offs).
    ///
    /// - Parameter source: The table's name, for the comment.
    /// - Returns: The rules file text.
    public func rulesFile(source: String) -> String {
        var lines = [
            "# Rules suggested by fraud-score tune --suggest from \(source).",
            "# Each rule is a threshold on one column, chosen for its likelihood gain and kept only",
            "# where it lowered the cross-validated log-loss. Edit freely; `fraud-score check` validates.",
            "",
            "victim bias 0",
            "",
        ]
        lines += ruleLines()
        lines += ["", "tier 1 = score >= 0.8", "tier 2 = score >= 0.5", "tier 3 = score >= 0.2", ""]
        return lines.joined(separator: "\n")
    }

    // MARK: - Candidates

    /// The best `keep` cuts of one column by likelihood gain, at least n/20 rows apart, each as
    /// the shortest threshold literal between the two values it separates.
    static func cuts(values: [Double], labels: [Bool], keep: Int) -> [(String, Double)] {
        let n = values.count
        let order = values.indices.sorted { values[$0] < values[$1] }
        let total = Double(labels.lazy.filter { $0 }.count)
        guard total > 0, total < Double(n) else { return [] }
        let minimum = max(5, n / 1000)
        var scored: [(position: Int, gain: Double)] = []
        var below = 0.0, belowPositives = 0.0
        for k in 0..<(n - 1) {
            below += 1
            if labels[order[k]] { belowPositives += 1 }
            guard values[order[k]] < values[order[k + 1]] else { continue }
            let above = Double(n) - below
            guard Int(below) >= minimum, Int(above) >= minimum else { continue }
            let gain = likelihoodGain(n1: above, k1: total - belowPositives, n0: below, k0: belowPositives)
            scored.append((k + 1, gain))
        }
        scored.sort { ($0.gain, $1.position) > ($1.gain, $0.position) }
        var chosen: [(Int, Double)] = []
        for s in scored where s.gain > 0 {
            if chosen.contains(where: { abs($0.0 - s.position) < max(1, n / 20) }) { continue }
            chosen.append((s.position, s.gain))
            if chosen.count == keep { break }
        }
        return chosen.map { position, gain in
            (DecimalText.shortest(above: values[order[position - 1]], atMost: values[order[position]]), gain)
        }
    }

    /// The G statistic of a binary rule: 2 × (log-likelihood with the rule − without it).
    static func likelihoodGain(n1: Double, k1: Double, n0: Double, k0: Double) -> Double {
        func xlogy(_ x: Double, _ y: Double) -> Double { x > 0 ? x * log(x / y) : 0 }
        let n = n1 + n0, k = k1 + k0
        let with = xlogy(k1, n1) + xlogy(n1 - k1, n1) + xlogy(k0, n0) + xlogy(n0 - k0, n0)
        let without = xlogy(k, n) + xlogy(n - k, n)
        return 2 * (with - without)
    }

    /// A threshold literal as part of a rule name: `0.5` → `0p5`, `-3` → `m3`.
    static func nameText(_ literal: String) -> String {
        String(literal.map { $0 == "." ? "p" : $0 == "-" ? "m" : $0 == "+" ? "p" : $0 })
    }
}
