// MARK: - Tuning summary

/// Text and JSON renderings of a tuning result: metrics, weights with intervals, tiers.
public enum TuningSummary {
    /// Metrics in a table, one column per model or evaluation.
    ///
    /// - Parameter columns: (heading, metrics) pairs.
    /// - Returns: The table text.
    public static func metricsTable(_ columns: [(String, BinaryMetrics)]) -> String {
        var t = TextTable(["metric"] + columns.map(\.0))
        t.add(["ROC-AUC"] + columns.map { NumberText.fixed($0.1.rocAUC, 4) })
        t.add(["PR-AUC"] + columns.map { NumberText.fixed($0.1.prAUC, 4) })
        t.add(["log-loss"] + columns.map { NumberText.fixed($0.1.logLoss, 5) })
        t.add(["Brier"] + columns.map { NumberText.fixed($0.1.brier, 5) })
        t.add(["rows"] + columns.map { NumberText.grouped($0.1.count) })
        t.add(["positives"] + columns.map { NumberText.grouped($0.1.positives) })
        return t.text
    }

    /// Each rule's written weight with its 95 % interval, and the old weight.
    ///
    /// - Parameters:
    ///   - tuning: The tuning.
    ///   - previous: The base file's weights by name (and bias under "bias").
    /// - Returns: The table text.
    public static func weightsTable(_ tuning: ModelTuning, previous: [String: Double]) -> String {
        var t = TextTable(["rule", "weight", "95% interval", "was"])
        let se = tuning.fit.standardError(0)
        t.add(["(bias)", RuleSource.formatNumber(tuning.bias),
               se.isFinite ? "[\(NumberText.fixed(tuning.fit.bias - 1.96 * se, 2)), \(NumberText.fixed(tuning.fit.bias + 1.96 * se, 2))]" : "-",
               previous["bias"].map(RuleSource.formatNumber) ?? "-"])
        for (j, name) in tuning.names.enumerated() {
            let ci = tuning.fit.interval(weight: j)
            t.add([name, RuleSource.formatNumber(tuning.weights[j]),
                   "[\(NumberText.fixed(ci.lowerBound, 2)), \(NumberText.fixed(ci.upperBound, 2))]",
                   previous[name].map(RuleSource.formatNumber) ?? "-"])
        }
        return t.text
    }

    /// Tiers: threshold, expected size (per period), labelled rows, precision, recall and the
    /// model's own expected precision.
    ///
    /// - Parameters:
    ///   - statistics: Tier 1–3.
    ///   - per: The period's name (`day`).
    /// - Returns: The table text.
    public static func tierTable(_ statistics: [TierStatistics], per: String) -> String {
        var t = TextTable(["tier", "threshold", "count", "per \(per)", "labelled", "positives", "precision", "recall", "expected"])
        for s in statistics {
            t.add(["\(s.tier.rawValue) \(s.tier.action)", s.threshold.map { NumberText.fixed($0, 4) } ?? "-",
                   NumberText.grouped(s.count), NumberText.fixed(s.perPeriod, 1), NumberText.grouped(s.labelled),
                   NumberText.grouped(s.positives), NumberText.fixed(s.precision, 3), NumberText.fixed(s.recall, 3),
                   NumberText.fixed(s.expectedPrecision, 3)])
        }
        return t.text
    }

    /// The metrics object: `roc_auc`, `pr_auc`, `log_loss`, `brier`, `tiers`, plus `rows` and
    /// `positives`.
    ///
    /// - Parameters:
    ///   - metrics: The metrics.
    ///   - tiers: Tier statistics (may be empty).
    ///   - extra: Further raw JSON members (already formatted values).
    /// - Returns: One JSON object.
    public static func json(_ metrics: BinaryMetrics, tiers: [TierStatistics], extra: [(String, String)] = []) -> String {
        var o = JSONObject()
        o.addRaw("roc_auc", NumberText.json(metrics.rocAUC))
        o.addRaw("pr_auc", NumberText.json(metrics.prAUC))
        o.addRaw("log_loss", NumberText.json(metrics.logLoss))
        o.addRaw("brier", NumberText.json(metrics.brier))
        o.addRaw("tiers", "[" + tiers.map(tierJSON).joined(separator: ",") + "]")
        o.add("rows", metrics.count)
        o.add("positives", metrics.positives)
        for (key, value) in extra { o.addRaw(key, value) }
        return o.text
    }

    static func tierJSON(_ s: TierStatistics) -> String {
        var o = JSONObject()
        o.add("tier", s.tier.rawValue)
        o.add("action", s.tier.action)
        o.addRaw("threshold", s.threshold.map(NumberText.json) ?? "null")
        o.add("count", s.count)
        o.addRaw("per_period", NumberText.json(s.perPeriod))
        o.add("labelled", s.labelled)
        o.add("positives", s.positives)
        o.addRaw("precision", NumberText.json(s.precision))
        o.addRaw("recall", NumberText.json(s.recall))
        o.addRaw("expected_precision", NumberText.json(s.expectedPrecision))
        return o.text
    }

    /// A JSON object of string keys to already-formatted JSON values.
    public static func object(_ members: [(String, String)]) -> String {
        var o = JSONObject()
        for (key, value) in members { o.addRaw(key, value) }
        return o.text
    }

    /// A JSON string literal.
    public static func quoted(_ text: String) -> String { JSONObject.quote(text) }
}
