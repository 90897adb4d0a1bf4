import FraudModel

/// `fraud-score tune --table …`: tuning rules written over a feature table's columns, and
/// suggesting them.
enum TuneTable {
    static func run(_ a: Arguments, out: String, outputs: OutputSet, options: TuningOptions, policy: TierPolicy) throws(CLIError) {
        let usage = TuneCommand.usage
        guard a.positionals.isEmpty else { throw .usage("'--table' takes no call files, got '\(a.positionals[0])'", usage: usage) }
        guard a.value("rules") != nil || a.flag("suggest") else {
            throw .usage("'--table' needs '--rules FILE' (rules over its columns) or '--suggest'", usage: usage)
        }
        let started = Clock.now
        let (table, path) = try TuningInputs.table(a, usage: usage)
        let read = Clock.now
        let days = try a.int("days", default: 1, range: 1...3650, usage: usage)
        let period = try TuningInputs.periods(a, seconds: Double(days) * 86_400, usage: usage)
        let labelledRows = table.labelledRows
        var notes = TuningInputs.tableNotes(table, path: path)
        let schema = table.schema

        var base: RuleSet? = nil
        if let file = a.value("rules") { base = try RuleLoading.parse(file, schema: schema) }
        for w in base?.warnings ?? [] { Console.error("\(w)") }
        let reparseAs = a.value("rules") ?? out
        var rules: RuleSet
        if a.flag("suggest") {
            let labels = labelledRows.map { table.labels[$0] == true }
            let baseDesign = base.map { table.scoringRows(rules: $0, rows: labelledRows, keepFeatures: false).design }
                ?? DesignMatrix(columns: [], values: [], labels: labels)
            let maxRules = try a.int("max-rules", default: 12, range: 1...200, usage: usage)
            let suggester = RuleSuggester(table: table, rows: labelledRows, base: baseDesign, options: options, maxRules: maxRules)
            let text: String
            if let base {
                text = base.source.text + (base.source.text.hasSuffix("\n") ? "" : "\n")
                    + "\n# Suggested by fraud-score tune --suggest: thresholds kept where they lowered the cross-validated log-loss.\n"
                    + suggester.ruleLines().joined(separator: "\n") + "\n"
            } else {
                text = suggester.rulesFile(source: path)
            }
            rules = try RuleLoading.parse(text: Array(text.utf8), file: reparseAs, schema: schema)
            notes.append("suggest: \(suggester.candidateCount) candidate thresholds, \(suggester.suggestions.count) kept (out-of-fold log-loss \(NumberText.fixed(suggester.baselineLogLoss, 5)) → \(NumberText.fixed(suggester.suggestions.last?.logLoss ?? suggester.baselineLogLoss, 5))), \(suggester.rejected.count) tried and dropped")
        } else if let base {
            rules = base
        } else {
            throw .usage("'--table' needs '--rules FILE' or '--suggest'", usage: usage)
        }
        guard !rules.victim.rules.isEmpty else { throw .data("no victim rules to fit (nothing suggested and none in --rules)") }

        let keep = policy == .rules && rules.tiersReadFeatures
        let labelled = table.scoringRows(rules: rules, rows: labelledRows, keepFeatures: keep)
        let population = labelledRows.count == table.rowCount
            ? labelled : table.scoringRows(rules: rules, rows: Array(0..<table.rowCount), keepFeatures: keep)
        let designed = Clock.now
        let victim = try TuneCommand.tune(labelled.design, options, what: "model")
        let singleSeconds = victim.fitSeconds
        let populationScores = population.design.probabilities(bias: victim.bias, weights: victim.weights)
        let plan = TierPlan(policy: policy, rules: rules, labelled: labelled, labelledScores: victim.outOfFold,
                            population: population, populationScores: populationScores, periods: period.count)
        let givenScores: [Double]? = a.flag("suggest") && base == nil ? nil
            : labelled.design.probabilities(bias: rules.victim.bias, weights: rules.victim.rules.map(\.weight))
        let given = givenScores.map { BinaryMetrics(scores: $0, labels: labelled.design.labels) }

        var header = ["\(TuningHeader.marker) \(TuningInputs.now)"]
        header += notes
        header.append("base rules: \(a.value("rules") ?? "(none: suggested)")")
        header.append(TuneCommand.settingsLine(options, policy, per: period.name))
        header.append("cross-validated: " + TuneCommand.metricsLine(victim.crossValidated))
        header.append("tiers (\(NumberText.grouped(population.count)) rows over \(days) day(s)): " + TuneCommand.tierLine(plan.statistics, per: period.name))
        let written = try TuneCommand.write(base: rules, reparseAs: reparseAs, schema: schema, caller: nil, victim: victim,
                                            cutoffs: plan.cutoffs, header: header)
        try outputs["out"]?.write(Array(written.text.utf8))

        var columns: [(String, BinaryMetrics)] = []
        if let given { columns.append(("rules as given", given)) }
        columns += [("tuned, \(options.folds)-fold CV", victim.crossValidated), ("tuned, in-sample", victim.inSample)]
        var text = "MODEL (\(notes.joined(separator: "; ")))\n\n" + TuningSummary.metricsTable(columns)
        text += "\n" + TuningSummary.weightsTable(victim, previous: TuneCalls.previousWeights(rules.victim))
        text += "\nTIERS (counts over every row; precision and recall out of fold)\n" + TuningSummary.tierTable(plan.statistics, per: period.name)
        try Console.output(text, terminator: "")

        var extra: [(String, String)] = [
            ("in_sample", TuningSummary.json(victim.inSample, tiers: [])),
            ("fit", TuneCommand.fitJSON(victim, seconds: singleSeconds)),
            ("folds", "\(options.folds)"), ("l2", NumberText.json(options.l2)), ("per", TuningSummary.quoted(period.name)),
        ]
        if let given { extra.append(("rules_as_given", TuningSummary.json(given, tiers: []))) }
        var series: [TuningReport.Series] = [.init(name: "tuned (\(options.folds)-fold CV)", scores: victim.outOfFold, labels: labelled.design.labels)]
        if let givenScores { series.append(.init(name: "rules as given", scores: givenScores, labels: labelled.design.labels)) }
        let report = TuningReport(title: "fraud-score tune: \(out)", notes: header.dropFirst().map { $0 }, series: series,
                                  tuning: victim, tiers: plan.statistics, per: period.name, positiveName: "positives")
        try TuneCommand.finish(outputs, metrics: TuningSummary.json(victim.crossValidated, tiers: plan.statistics, extra: extra), report: report)
        if !a.flag("quiet") {
            Console.error("""
                fraud-score: \(table.rowCount) rows × \(rules.victim.rules.count) rules; read \(Clock.seconds(started, read)) s, \
                rules evaluated \(Clock.seconds(read, designed)) s, fit \(NumberText.fixed(singleSeconds, 2)) s, \
                \(options.folds)-fold CV \(NumberText.fixed(victim.crossValidationSeconds, 2)) s (\(victim.fit.iterations) Newton steps, converged \(victim.fit.converged), \
                max |gradient| \(victim.fit.gradientNorm)); total \(Clock.seconds(started, Clock.now)) s; wrote \(out)
                """)
        }
    }
}
