import FraudModel

/// `fraud-score eval`: a backtest of a rules file on labelled history, optionally against
/// another.
enum EvalCommand {
    static let usage = """
        fraud-score eval --labels LABELS.csv [--rules A.rules] [--compare B.rules] [options] CALLS.csv…
               fraud-score eval --table TABLE.csv --id COLUMN --label COLUMN --rules A.rules [--compare B.rules] [options]
        """
    static let help = """
        OVERVIEW: Backtest rules on labelled history; compare two rule sets.

        Scores the calls with the rules exactly as 'score' does and measures the result against
        the labels: ROC-AUC, PR-AUC, log-loss, Brier; per rule how often it fired, its
        precision, recall and lift; per tier its size, precision and recall. With --compare,
        the same for a second rules file side by side, and which labelled subscribers change
        tier. Nothing is fitted: this is how a rules file does before it goes live.

        USAGE: \(usage)

        ARGUMENTS:
          CALLS.csv               Call records, as for 'score'. '-' reads stdin.

        OPTIONS:
          --labels FILE           Outcomes: subscriber,label (1 victim, 0 not; empty = unlabelled).
        \(CommonOptions.wholeLogHelp)
          --compare FILE          A second rules file to evaluate on the same data.
          --metrics FILE          Write the metrics as JSON (roc_auc, pr_auc, log_loss, brier,
                                  tiers; with --compare, the second set's under "compare").
          --changes FILE          Write every labelled subscriber that changes tier as CSV
                                  (id,tier_a,tier_b,label).
          --per day|week|period   The period of the tier counts (default: day).
          --table FILE, --id COLUMN, --label COLUMN, --days N
                                  Evaluate rules over a feature table instead (see 'tune').
          -h, --help              Show help information.

        """

    /// One rule set's evaluation and its victim model.
    struct Side {
        var name: String
        var rules: RuleSet
        var evaluation: Evaluation
    }

    static func run(_ args: [String]) throws(CLIError) {
        let a = try Arguments(
            args, options: CommonOptions.wholeLogOptions.union(TuningInputs.valueOptions.subtracting(["fraud-labels"]))
                .union(["compare", "metrics", "changes"]),
            flags: CommonOptions.wholeLogFlags, usage: usage)
        if a.flag("help") { try Console.output(help, terminator: ""); return }
        if a.value("changes") != nil && a.value("compare") == nil { throw .usage("'--changes' needs '--compare FILE'", usage: usage) }
        if a.value("table") != nil {
            try a.refuse(["labels"] + CommonOptions.callReadingOptions, "with '--table' (it reads no calls)", usage: usage)
        } else {
            try a.refuse(["id", "label", "days"], "without '--table' (the calls give the days)", usage: usage)
        }
        // Both files are opened before any work and published together at the end.
        let outputs = OutputSet(usage: usage)
        let metricsFile = try outputs.open(a, "metrics")
        let changesFile = try outputs.open(a, "changes")
        try outputs.refuseReplacingInputs(of: a)
        let sides: [Side], labels: [String: Bool], period: (name: String, count: Double), notes: [String]
        if a.value("table") != nil {
            (sides, labels, period, notes) = try table(a)
        } else {
            (sides, labels, period, notes) = try calls(a)
        }
        // Subscriber ids appear in the tier changes: pseudonymise them with --pseudonymize.
        let pseudonym = try a.value("pseudonymize").map { (path) throws(CLIError) in try CommonOptions.pseudonymizer(path) } ?? .off
        var text = notes.joined(separator: "\n") + "\n\n"
        text += TuningSummary.metricsTable(sides.map { ($0.name, $0.evaluation.metrics) })
        for side in sides {
            text += "\nRULES of \(side.name)\n" + side.evaluation.rulesTable(side.rules.victim)
            text += "\nTIERS of \(side.name) (counts over every scored subscriber)\n"
                + TuningSummary.tierTable(side.evaluation.tiers, per: period.name)
        }
        var changes: TierChanges? = nil
        if sides.count == 2 {
            let c = TierChanges(sides[0].evaluation, sides[1].evaluation, labels: labels).pseudonymized(by: pseudonym)
            let victims = c.changed.filter(\.label).count
            text += "\nTIER CHANGES, labelled subscribers (rows: \(sides[0].name); columns: \(sides[1].name)): \(c.changed.count) change, \(victims) of them victims\n"
            text += c.table
            for row in c.changed.prefix(10) {
                text += "  \(row.id)  tier \(row.from.rawValue) → \(row.to.rawValue)\(row.label ? "  (victim)" : "")\n"
            }
            if c.changed.count > 10 { text += "  … \(c.changed.count - 10) more (--changes FILE lists all)\n" }
            changes = c
        }
        try Console.output(text, terminator: "")
        if let metricsFile {
            var extra: [(String, String)] = [("rules", TuningSummary.quoted(sides[0].name)), ("per", TuningSummary.quoted(period.name)),
                                             ("rule_stats", ruleJSON(sides[0].evaluation))]
            if sides.count == 2 {
                extra.append(("compare", TuningSummary.json(sides[1].evaluation.metrics, tiers: sides[1].evaluation.tiers, extra: [
                    ("rules", TuningSummary.quoted(sides[1].name)), ("rule_stats", ruleJSON(sides[1].evaluation))])))
                extra.append(("tier_changes", "\(changes?.changed.count ?? 0)"))
            }
            let json = TuningSummary.json(sides[0].evaluation.metrics, tiers: sides[0].evaluation.tiers, extra: extra)
            try metricsFile.write(Array((json + "\n").utf8))
        }
        if let changesFile, let changes { try changesFile.write(Array(changes.csv.utf8)) }
        try outputs.commit()
    }

    static func ruleJSON(_ e: Evaluation) -> String {
        "[" + e.rules.map { r in
            TuningSummary.object([("rule", TuningSummary.quoted(r.name)), ("fired", "\(r.fired)"), ("positives", "\(r.firedPositives)"),
                                  ("precision", NumberText.json(r.precision)), ("recall", NumberText.json(r.recall)),
                                  ("lift", NumberText.json(r.lift))])
        }.joined(separator: ",") + "]"
    }

    // MARK: - Calls

    private static func calls(_ a: Arguments) throws(CLIError) -> ([Side], [String: Bool], (name: String, count: Double), [String]) {
        guard let labelsPath = a.value("labels") else { throw .usage("Missing '--labels FILE' (or '--table FILE')", usage: usage) }
        guard !a.positionals.isEmpty else { throw .usage("No call file given", usage: usage) }
        let common = try CommonOptions(a, usage: usage)
        let labels = try TuningInputs.labels(labelsPath)
        guard !labels.labels.isEmpty else {
            throw .data("\(labelsPath): no labelled subscriber (rows 'subscriber,label' with label 1 or 0): nothing to evaluate")
        }
        let log = try common.readCalls(a.positionals)
        let period = try TuningInputs.periods(a, seconds: TuningInputs.span(log), usage: usage)
        var sets = [(common.rulesFile, common.rules)]
        if let b = a.value("compare") {
            let (rules, file) = try RuleLoading.load(b, watchlists: a.all("watchlist"))
            sets.append((file, rules))
        }
        var notes: [String] = []
        let sides = sets.map { name, rules in
            let analysis = Analysis(log: log, rules: rules, threads: common.threads)
            let rows = analysis.victimRows(labels: labels.labels)
            notes.append("\(name): \(NumberText.grouped(rows.labelled.count)) labelled subscribers scored (\(NumberText.grouped(rows.labelled.design.positives)) victims, \(NumberText.grouped(rows.exposed)) with a suspect contact); left out: \(NumberText.grouped(rows.notInCalls)) not in the calls, \(NumberText.grouped(rows.notConsidered)) excluded by victim consider")
            let scores = Analysis.victimScores(rows.labelled, model: rules.victim)
            let populationScores = Analysis.victimScores(rows.population, model: rules.victim)
            let e = Evaluation(rules: rules, labelled: rows.labelled, labelledScores: scores, population: rows.population,
                               populationScores: populationScores, periods: period.count)
            return Side(name: name, rules: rules, evaluation: e)
        }
        notes.insert("labels: \(labelsPath) (\(NumberText.grouped(labels.rows)) rows, \(NumberText.grouped(labels.positives)) victims, \(NumberText.grouped(labels.unlabelled)) unlabelled); calls: \(NumberText.grouped(log.linesRead)) records over \(NumberText.fixed(TuningInputs.span(log) / 86_400, 1)) days", at: 0)
        return (sides, labels.labels, period, notes)
    }

    // MARK: - Table

    private static func table(_ a: Arguments) throws(CLIError) -> ([Side], [String: Bool], (name: String, count: Double), [String]) {
        guard a.positionals.isEmpty else { throw .usage("'--table' takes no call files, got '\(a.positionals[0])'", usage: usage) }
        guard let first = a.value("rules") else { throw .usage("'--table' needs '--rules FILE'", usage: usage) }
        let (table, path) = try TuningInputs.table(a, usage: usage)
        let days = try a.int("days", default: 1, range: 1...3650, usage: usage)
        let period = try TuningInputs.periods(a, seconds: Double(days) * 86_400, usage: usage)
        let rows = table.labelledRows
        var labels: [String: Bool] = [:]
        for i in rows { labels[table.ids[i]] = table.labels[i] }
        var sides: [Side] = []
        for file in [first] + (a.value("compare").map { [$0] } ?? []) {
            let rules = try RuleLoading.parse(file, schema: table.schema)
            let keep = rules.tiersReadFeatures
            let labelled = table.scoringRows(rules: rules, rows: rows, keepFeatures: keep)
            let population = rows.count == table.rowCount ? labelled : table.scoringRows(rules: rules, rows: Array(0..<table.rowCount), keepFeatures: keep)
            let weights = rules.victim.rules.map(\.weight)
            let e = Evaluation(rules: rules, labelled: labelled,
                               labelledScores: labelled.design.probabilities(bias: rules.victim.bias, weights: weights),
                               population: population,
                               populationScores: population.design.probabilities(bias: rules.victim.bias, weights: weights),
                               periods: period.count)
            sides.append(Side(name: file, rules: rules, evaluation: e))
        }
        return (sides, labels, period, TuningInputs.tableNotes(table, path: path))
    }
}
