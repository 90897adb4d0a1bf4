import FraudModel

/// `fraud-score tune`: fit rule weights (and tier cut-offs) from confirmed outcomes.
enum TuneCommand {
    static let usage = """
        fraud-score tune --labels LABELS.csv [--fraud-labels FRAUD.csv] [--rules FILE] --out FILE [options] CALLS.csv…
               fraud-score tune --table TABLE.csv --id COLUMN --label COLUMN (--rules FILE | --suggest) --out FILE [options]
        """
    static let help = """
        OVERVIEW: Fit rule weights from confirmed outcomes and say how good the rules are.

        Evaluates every victim rule on every labelled subscriber with the scorer's own code,
        fits an L2-regularised logistic regression exactly (Newton/IRLS), and writes the same
        rules file back with the fitted weights and bias (4 decimals), a header saying what it
        was fitted on, and, when asked, tier cut-offs. Quality is measured out of fold
        (stratified k-fold cross-validation): ROC-AUC, PR-AUC, log-loss, Brier, and precision,
        recall and size of each tier. With --fraud-labels the caller model is fitted first
        (numbers whose suspicion 'caller suspect' or 'caller trusted' forces are left out).

        USAGE: \(usage)

        ARGUMENTS:
          CALLS.csv               Call records, as for 'score'. '-' reads stdin.

        OPTIONS:
          --labels FILE           Outcomes: subscriber,label (1 victim, 0 not; empty = unlabelled).
          --fraud-labels FILE     Confirmed fraud numbers (a 'number' column, or one a line):
                                  also fit the caller model (other numbers count as not fraud).
          --suspect-threshold auto|P
                                  With --fraud-labels: the suspicion at which a number counts
                                  as a suspect. 'auto' (default) tries 0.02–0.5 and keeps the
                                  one whose victim model has the lowest out-of-fold log-loss.
        \(CommonOptions.wholeLogHelp)
          --out FILE              Write the tuned rules file here (atomically, mode 0600).
          --metrics FILE          Write the cross-validated metrics as JSON (roc_auc, pr_auc,
                                  log_loss, brier, tiers, …).
          --report FILE           Write a self-contained HTML report (curves, calibration,
                                  score distributions, weights with intervals, tiers).
          --folds K               Cross-validation folds (default: 5).
          --seed S                Seed of the folds (default: 1).
          --l2 X                  L2 penalty on the weights, not the bias (default: 1;
                                  scikit-learn's C = 1/X).
          --tiers P1,P2,P3        Rewrite the tiers as probability cut-offs, most urgent first.
          --capacity 1:N,2:N,3:N  Rewrite the tiers so each holds at most N subscribers per
                                  period (tiers not named get nobody).
          --per day|week|period   The period of --capacity and of the tier counts (default: day;
                                  the calls' span, or --days for a table).
          --min-score P           No capacity cut-off goes below P (default: 0.01).
          --quiet                 No progress summary on stderr.
          -h, --help              Show help information.

        FEATURE TABLES:
          --table FILE            Per-subscriber features (CSV) instead of calls: rules use its
                                  numeric columns by name, as victim rules use features.
          --id COLUMN             The table's id column.
          --label COLUMN          The table's label column (empty = unlabelled).
          --suggest               Propose threshold rules on the table's columns (kept only
                                  where they lower the out-of-fold log-loss), added to --rules
                                  or written as a new rules file, then fitted as above.
          --max-rules N           At most N suggested rules (default: 12).
          --days N                Days the table covers, for --capacity (default: 1).

        """

    static func run(_ args: [String]) throws(CLIError) {
        let a = try Arguments(
            args,
            options: CommonOptions.wholeLogOptions.union(TuningInputs.valueOptions).union(
                ["out", "metrics", "report", "folds", "seed", "l2", "tiers", "capacity", "min-score", "max-rules",
                 "suspect-threshold"]),
            flags: CommonOptions.wholeLogFlags.union(["suggest", "quiet"]), usage: usage)
        if a.flag("help") { try Console.output(help, terminator: ""); return }
        guard let out = a.value("out") else { throw .usage("Missing '--out FILE' for the tuned rules", usage: usage) }
        if a.value("table") != nil {
            try a.refuse(["labels", "fraud-labels", "suspect-threshold", "pseudonymize"] + CommonOptions.callReadingOptions,
                         "with '--table' (it reads no calls)", usage: usage)
            if !a.flag("suggest") { try a.refuse(["max-rules"], "without '--suggest'", usage: usage) }
        } else {
            try a.refuse(["id", "label", "suggest", "max-rules", "days"], "without '--table' (the calls give the days)", usage: usage)
            if a.value("fraud-labels") == nil {
                try a.refuse(["suspect-threshold"], "without '--fraud-labels' (only a refitted caller model moves it)", usage: usage)
            }
        }
        if a.value("capacity") == nil { try a.refuse(["min-score"], "without '--capacity'", usage: usage) }
        let options = try TuningInputs.options(a, usage: usage)
        let policy = try TuningInputs.tierPolicy(a, usage: usage)
        // The rules, metrics and report are opened before any work and published together.
        let outputs = OutputSet(usage: usage)
        try outputs.open(out, option: "out")
        try outputs.open(a, "metrics")
        try outputs.open(a, "report")
        // Writing the tuned weights over the base rules (`--rules X --out X`) is deliberate.
        try outputs.refuseReplacingInputs(of: a, mayReplace: ["out": "rules"])
        if a.value("table") != nil {
            try TuneTable.run(a, out: out, outputs: outputs, options: options, policy: policy)
        } else {
            try TuneCalls.run(a, out: out, outputs: outputs, options: options, policy: policy)
        }
    }

    // MARK: - Shared steps

    /// Fits, mapping a tuning error to exit 65. A fit that did not converge is one too: with
    /// `--l2 0` on rows a rule separates, the weights ran off (118 for one rule, bias -81) and
    /// were written as the tuned rules with exit 0.
    static func tune(_ design: DesignMatrix, _ options: TuningOptions, what: String) throws(CLIError) -> ModelTuning {
        let t: ModelTuning
        do { t = try ModelTuning(design: design, options: options) } catch {
            throw .data("cannot tune the \(what): \(error.description)")
        }
        guard t.fit.converged else {
            throw .data("cannot tune the \(what): the fit did not converge (\(t.fit.iterations) Newton steps, max |gradient| "
                        + "\(t.fit.gradientNorm)); with --l2 \(options.l2) the weights can grow without bound when a rule "
                        + "separates the labels: give a larger --l2 (default 1); nothing written")
        }
        return t
    }

    /// The tuned rules text: weights and header written over the base file, tiers rewritten
    /// when cut-offs were chosen, each step parsed back and checked against the fit.
    static func write(base: RuleSet, reparseAs file: String, schema: RuleSchema, caller: ModelTuning?, victim: ModelTuning,
                      settings: [String: Double] = [:], cutoffs: TierCutoffs?, header: [String]) throws(CLIError)
        -> (text: String, rules: RuleSet) {
        var text = base.rewritten(
            callerBias: caller?.bias ?? base.caller.bias, callerWeights: caller?.weightsByName ?? [:],
            victimBias: victim.bias, victimWeights: victim.weightsByName, header: wrapped(header).joined(separator: "\n"))
        text = TuningHeader.removingEarlier(text)
        var rules = try RuleLoading.parse(text: Array(text.utf8), file: file, schema: schema)
        if !settings.isEmpty {
            text = rules.rewritten(settings: settings, comment: "chosen by fraud-score tune (see the header)")
            rules = try RuleLoading.parse(text: Array(text.utf8), file: file, schema: schema)
        }
        if let cutoffs {
            text = rules.rewritten(tiers: cutoffs)
            rules = try RuleLoading.parse(text: Array(text.utf8), file: file, schema: schema)
        }
        let victimOK = rules.victim.bias == victim.bias && rules.victim.rules.map(\.weight) == victim.weights
        let callerOK = caller.map { c in rules.caller.bias == c.bias && rules.caller.rules.map(\.weight) == c.weights } ?? true
        let settingsOK = settings.allSatisfy { rules.settings[$0.key] == $0.value }
        guard victimOK && callerOK && settingsOK else {
            throw .data("the rewritten rules do not parse back to the fitted weights; nothing written")
        }
        return (text, rules)
    }

    /// Header entries as comment lines of at most 98 characters; a long entry continues on
    /// lines indented by two spaces.
    static func wrapped(_ entries: [String]) -> [String] {
        var lines: [String] = []
        for (k, entry) in entries.enumerated() {
            var line = k == 0 ? "" : "# "
            for word in entry.split(separator: " ") {
                if line.count + word.count + 1 > 98 && line.count > 4 {
                    lines.append(line)
                    line = "#   "
                }
                line += (line.hasSuffix(" ") || line.isEmpty ? "" : " ") + word
            }
            lines.append(line)
        }
        return lines
    }

    /// Writes the optional metrics JSON and HTML report, then publishes every output (the
    /// tuned rules written before included).
    static func finish(_ outputs: OutputSet, metrics: String, report: TuningReport) throws(CLIError) {
        try outputs["metrics"]?.write(Array((metrics + "\n").utf8))
        try outputs["report"]?.write(Array(report.html.utf8))
        try outputs.commit()
    }

    /// The fit's numbers for the metrics JSON.
    static func fitJSON(_ t: ModelTuning, seconds: Double) -> String {
        TuningSummary.object([
            ("rows", "\(t.fit.rowCount)"), ("iterations", "\(t.fit.iterations)"), ("converged", "\(t.fit.converged)"),
            ("gradient_max", t.fit.gradientNorm.isFinite ? "\(t.fit.gradientNorm)" : "null"), ("seconds", NumberText.json(seconds)),
            ("bias", NumberText.json(t.bias)),
            ("weights", TuningSummary.object(zip(t.names, t.weights).map { ($0, NumberText.json($1)) })),
        ])
    }

    static func metricsLine(_ m: BinaryMetrics) -> String {
        "ROC-AUC \(NumberText.fixed(m.rocAUC, 4)), PR-AUC \(NumberText.fixed(m.prAUC, 4)), log-loss \(NumberText.fixed(m.logLoss, 5)), Brier \(NumberText.fixed(m.brier, 5))"
    }

    static func tierLine(_ stats: [TierStatistics], per: String) -> String {
        stats.map { s in
            "\(s.tier.rawValue) " + (s.threshold.map { "≥ \(NumberText.fixed($0, 4))" } ?? "(rules)")
                + " \(NumberText.fixed(s.perPeriod, 1))/\(per), precision \(NumberText.fixed(s.precision, 3))"
        }.joined(separator: "; ")
    }

    static func settingsLine(_ o: TuningOptions, _ policy: TierPolicy, per: String) -> String {
        let tiers: String
        switch policy {
        case .rules: tiers = "tiers as in the base rules"
        case .probabilities(let p): tiers = "tiers at " + p.map { "\($0)" }.joined(separator: ",")
        case .capacity(let c, let floor):
            tiers = "tiers by capacity " + c.enumerated().compactMap { k, n in n.map { "\(k + 1):\($0)" } }.joined(separator: ",")
                + " per \(per) (not below \(floor))"
        }
        return "settings: L2 \(o.l2), \(o.folds)-fold stratified cross-validation (seed \(o.seed)), \(tiers)"
    }
}
