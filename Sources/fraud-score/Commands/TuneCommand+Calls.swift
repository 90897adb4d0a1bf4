import FraudModel

/// `fraud-score tune … CALLS.csv`: tuning on call records with labelled subscribers (and
/// optionally confirmed fraud numbers).
enum TuneCalls {
    static func run(_ a: Arguments, out: String, outputs: OutputSet, options: TuningOptions, policy: TierPolicy) throws(CLIError) {
        let usage = TuneCommand.usage
        guard let labelsPath = a.value("labels") else { throw .usage("Missing '--labels FILE' (or '--table FILE')", usage: usage) }
        guard !a.positionals.isEmpty else { throw .usage("No call file given", usage: usage) }
        let started = Clock.now
        let common = try CommonOptions(a, usage: usage)
        let labels = try TuningInputs.labels(labelsPath)
        var fraud: OutcomeLabels? = nil
        if let path = a.value("fraud-labels") { fraud = try TuningInputs.fraudNumbers(path) }
        let log = try common.readCalls(a.positionals)
        let period = try TuningInputs.periods(a, seconds: TuningInputs.span(log), usage: usage)
        let base = common.rules
        let read = Clock.now
        var notes: [String] = []
        var header = ["\(TuningHeader.marker) \(TuningInputs.now)"]
        let files = a.positionals.joined(separator: " ")
        header.append("calls: \(files) (\(NumberText.grouped(log.linesRead)) records, \(NumberText.grouped(log.numbers.count)) numbers, \(Int(TuningInputs.span(log) / 86_400 + 0.999)) days)")
        header.append("base rules: \(common.rulesFile)")
        let baseAnalysis = Analysis(log: log, rules: base, threads: common.threads)

        // Caller model first: the victim features depend on who is a suspect.
        var rules = base
        var caller: ModelTuning? = nil
        var callerRows: CallerRows? = nil
        var callerText = ""
        if let fraud, let path = a.value("fraud-labels") {
            let rows = baseAnalysis.callerRows(fraud: Set(fraud.labels.keys))
            let t = try TuneCommand.tune(rows.labelled.design, options, what: "caller model")
            rules.caller.bias = t.bias
            for j in rules.caller.rules.indices { rules.caller.rules[j].weight = t.weights[j] }
            let line = "fraud labels: \(path) (\(NumberText.grouped(fraud.labels.count)) numbers, \(NumberText.grouped(rows.notInCalls)) not in the calls); caller fit on \(NumberText.grouped(rows.labelled.count)) numbers (\(NumberText.grouped(rows.labelled.design.positives)) fraud); \(NumberText.grouped(rows.forced)) numbers forced by caller suspect/trusted left out (\(NumberText.grouped(rows.forcedFraud)) of them fraud)"
            header.append(line)
            notes.append(line)
            callerText = "CALLER MODEL (fraud numbers)\n"
                + TuningSummary.metricsTable([
                    ("rules as given", BinaryMetrics(scores: rows.labelled.design.probabilities(
                        bias: base.caller.bias, weights: base.caller.rules.map(\.weight)), labels: rows.labelled.design.labels)),
                    ("tuned, \(options.folds)-fold CV", t.crossValidated), ("tuned, in-sample", t.inSample)])
                + "\n" + TuningSummary.weightsTable(t, previous: previousWeights(base.caller)) + "\n"
            caller = t
            callerRows = rows
        }

        // The suspect threshold links the two models: with a refitted caller model, keep the one
        // under which the victim model predicts best out of fold.
        var settings: [String: Double] = [:]
        var thresholdText = ""
        var analysis = baseAnalysis
        var chosen: (rows: VictimRows, victim: ModelTuning)? = nil
        if caller != nil {
            let current = base.settings["suspect_threshold"] ?? 0.5
            let candidates = try thresholds(a, current: current, usage: usage)
            var tried: [String] = []
            var best: (threshold: Double, loss: Double, analysis: Analysis, rows: VictimRows, victim: ModelTuning)? = nil
            for threshold in candidates {
                var trial = rules
                trial.settings["suspect_threshold"] = threshold
                let trialAnalysis = Analysis(log: log, rules: trial, threads: common.threads)
                let trialRows = trialAnalysis.victimRows(labels: labels.labels)
                let t = try TuneCommand.tune(trialRows.labelled.design, options, what: victimModel(trialRows))
                tried.append("\(threshold): \(NumberText.fixed(t.crossValidated.logLoss, 5))")
                if best == nil || t.crossValidated.logLoss < best?.loss ?? .infinity {
                    best = (threshold, t.crossValidated.logLoss, trialAnalysis, trialRows, t)
                }
            }
            if let best {
                rules.settings["suspect_threshold"] = best.threshold
                settings["suspect_threshold"] = best.threshold
                analysis = best.analysis
                chosen = (best.rows, best.victim)
                thresholdText = "suspect_threshold \(best.threshold) (was \(current)); victim out-of-fold log-loss by threshold: " + tried.joined(separator: ", ")
                notes.append(thresholdText)
            }
        }
        let rows = chosen?.rows ?? analysis.victimRows(labels: labels.labels)
        let victim: ModelTuning
        if let chosen { victim = chosen.victim } else { victim = try TuneCommand.tune(rows.labelled.design, options, what: victimModel(rows)) }
        let baseRows = caller == nil ? rows : baseAnalysis.victimRows(labels: labels.labels)
        let baseScores = Analysis.victimScores(baseRows.labelled, model: base.victim)
        let baseMetrics = BinaryMetrics(scores: baseScores, labels: baseRows.labelled.design.labels)
        let populationScores = rows.population.design.probabilities(bias: victim.bias, weights: victim.weights)
        let plan = TierPlan(policy: policy, rules: base, labelled: rows.labelled, labelledScores: victim.outOfFold,
                            population: rows.population, populationScores: populationScores, periods: period.count)

        let labelLine = "labels: \(labelsPath) (\(NumberText.grouped(labels.rows)) rows, \(NumberText.grouped(labels.unlabelled)) unlabelled, \(NumberText.grouped(labels.duplicates)) repeated); fitted on \(NumberText.grouped(rows.labelled.count)) subscribers (\(NumberText.grouped(rows.labelled.design.positives)) victims, \(NumberText.grouped(rows.exposed)) with a suspect contact); left out: \(NumberText.grouped(rows.notInCalls)) not in the calls, \(NumberText.grouped(rows.notConsidered)) excluded by victim consider"
        notes.insert(labelLine, at: 0)
        header.append(labelLine)
        header.append(TuneCommand.settingsLine(options, policy, per: period.name))
        header.append("victim model, cross-validated: " + TuneCommand.metricsLine(victim.crossValidated))
        if let caller { header.append("caller model, cross-validated: " + TuneCommand.metricsLine(caller.crossValidated)) }
        if !thresholdText.isEmpty { header.append(thresholdText) }
        header.append("tiers (\(NumberText.grouped(rows.population.count)) subscribers scored): " + TuneCommand.tierLine(plan.statistics, per: period.name))
        let written = try TuneCommand.write(base: base, reparseAs: common.rulesFile, schema: .engine, caller: caller,
                                            victim: victim, settings: settings, cutoffs: plan.cutoffs, header: header)

        // What the written file does when it scores these calls.
        var check = written.rules
        for w in a.all("watchlist") { check.add(try RuleLoading.readWatchlist(w), toList: "watchlist") }
        let scored = Analysis(log: log, rules: check, threads: common.threads)
        let counts = scored.tierCounts
        try outputs["out"]?.write(Array(written.text.utf8))

        var text = "VICTIM MODEL (\(notes[0]))\n"
        for note in notes.dropFirst() { text += note + "\n" }
        text += "\n" + TuningSummary.metricsTable([("rules as given", baseMetrics), ("tuned, \(options.folds)-fold CV", victim.crossValidated),
                                                   ("tuned, in-sample", victim.inSample)])
        text += "\n" + TuningSummary.weightsTable(victim, previous: previousWeights(base.victim))
        text += "\nTIERS (counts over every scored subscriber; precision and recall out of fold)\n"
        text += TuningSummary.tierTable(plan.statistics, per: period.name)
        text += "scoring the calls with \(out): tier 1 \(counts[1]), tier 2 \(counts[2]), tier 3 \(counts[3])\n"
        if !callerText.isEmpty { text += "\n" + callerText }
        try Console.output(text, terminator: "")

        var extra: [(String, String)] = [
            ("in_sample", TuningSummary.json(victim.inSample, tiers: [])),
            ("rules_as_given", TuningSummary.json(baseMetrics, tiers: [])),
            ("fit", TuneCommand.fitJSON(victim, seconds: victim.fitSeconds)),
            ("folds", "\(options.folds)"), ("l2", NumberText.json(options.l2)), ("per", TuningSummary.quoted(period.name)),
        ]
        if let caller, let callerRows {
            extra.append(("caller", TuningSummary.json(caller.crossValidated, tiers: [], extra: [
                ("in_sample", TuningSummary.json(caller.inSample, tiers: [])), ("forced_left_out", "\(callerRows.forced)"),
                ("fit", TuneCommand.fitJSON(caller, seconds: caller.fitSeconds))])))
        }
        let report = TuningReport(
            title: "fraud-score tune: \(out)", notes: header.dropFirst().map { $0 },
            series: [.init(name: "tuned (\(options.folds)-fold CV)", scores: victim.outOfFold, labels: rows.labelled.design.labels),
                     .init(name: "rules as given", scores: baseScores, labels: baseRows.labelled.design.labels)],
            tuning: victim, tiers: plan.statistics, per: period.name, positiveName: "victims")
        try TuneCommand.finish(outputs, metrics: TuningSummary.json(victim.crossValidated, tiers: plan.statistics, extra: extra), report: report)
        if !a.flag("quiet") {
            Console.error("""
                fraud-score: \(log.linesRead) records read; \(rows.labelled.count) labelled subscribers; \
                fit \(NumberText.fixed(victim.fitSeconds, 2)) s (\(victim.fit.iterations) Newton steps, max |gradient| \
                \(victim.fit.gradientNorm)); read \(Clock.seconds(started, read)) s, \
                total \(Clock.seconds(started, Clock.now)) s; wrote \(out)
                """)
        }
    }

    /// "victim model", with the labelled numbers left out when there are any: a fit that
    /// fails for want of rows ("have 0 and 0") then says where the labels went.
    static func victimModel(_ rows: VictimRows) -> String {
        guard rows.notInCalls + rows.notConsidered > 0 else { return "victim model" }
        return "victim model (labelled numbers left out: \(NumberText.grouped(rows.notInCalls)) not in the calls, "
            + "\(NumberText.grouped(rows.notConsidered)) excluded by victim consider)"
    }

    /// `--suspect-threshold auto|P`: the thresholds to try.
    static func thresholds(_ a: Arguments, current: Double, usage: String) throws(CLIError) -> [Double] {
        let text = a.value("suspect-threshold") ?? "auto"
        if text == "auto" { return Array(Set([0.02, 0.05, 0.1, 0.2, 0.3, 0.5, current])).sorted() }
        guard let p = Double(text), p > 0, p <= 1 else {
            throw .usage("'--suspect-threshold' wants auto or a probability in (0, 1], got '\(text)'", usage: usage)
        }
        return [p]
    }

    /// A model's weights by rule name, with its bias under "bias".
    static func previousWeights(_ model: LogisticModel) -> [String: Double] {
        var d = Dictionary(model.rules.map { ($0.name, $0.weight) }, uniquingKeysWith: { a, _ in a })
        d["bias"] = model.bias
        return d
    }
}
