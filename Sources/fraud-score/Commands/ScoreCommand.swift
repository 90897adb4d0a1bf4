#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FraudModel

/// `fraud-score score`: the batch warning list.
enum ScoreCommand {
    static let usage = "fraud-score score [--rules FILE] [--layout call|subscriber] [--input-format csv|jsonl] [--format csv|jsonl] [--out FILE] [--pseudonymize KEYFILE] [--threads N] [--all] FILE…"
    static let help = """
        OVERVIEW: Score call records and print the three-tier warning list.

        Reads every FILE ('-' for stdin; CSV with a header, columns by name in any order, or
        JSON Lines; one row per call or, with --layout subscriber, per subscriber per call),
        works out which numbers behave like fraud numbers, measures each subscriber's exposure
        to them, and lists likely victims: tier 1 = in-person visit, 2 = dissuasion call,
        3 = SMS. Each row says why (the rules that weighed most) and shows the evidence.

        USAGE: \(usage)

        ARGUMENTS:
          FILE                    Call records (CSV or JSON Lines). '-' reads stdin.

        OPTIONS:
        \(CommonOptions.wholeLogHelp)
          --format csv|jsonl      Output format (default: csv).
          --out FILE              Write the list to FILE (atomically, mode 0600) instead of stdout.
          --suspects FILE         Also write the suspect numbers (suspicion at or above the
                                  threshold, with reasons) to FILE as CSV.
          --all                   Also list every scored subscriber below the tiers, as tier 0,
                                  and, in --suspects, every number with suspicion ≥ 0.01.
          --quiet                 No summary on stderr.
          -h, --help              Show help information.

        """

    static func run(_ args: [String]) throws(CLIError) {
        let a = try Arguments(args, options: CommonOptions.wholeLogOptions.union(["format", "out", "suspects"]),
                              flags: CommonOptions.wholeLogFlags.union(["all", "quiet"]), usage: usage)
        if a.flag("help") { try Console.output(help, terminator: ""); return }
        guard !a.positionals.isEmpty else { throw .usage("No call file given", usage: usage) }
        let formatName = a.value("format") ?? "csv"
        guard let format = WarningFormat(rawValue: formatName) else {
            throw .usage("'--format' wants csv or jsonl, got '\(formatName)'", usage: usage)
        }
        let started = Clock.now
        let common = try CommonOptions(a, usage: usage)
        // Both outputs are opened before the calls are read and published together at the end.
        let outputs = OutputSet(usage: usage)
        let list = try outputs.open(a.value("out"), option: "out")
        let suspects = try outputs.open(a, "suspects")
        try outputs.refuseReplacingInputs(of: a)
        let log = try common.readCalls(a.positionals)
        let read = Clock.now
        let analysis = Analysis(log: log, rules: common.rules, threads: common.threads)
        let scored = Clock.now

        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        format.appendHeader(to: &buffer)
        for w in analysis.warnings where w.tier != .none || a.flag("all") {
            format.append(w, offset: log.displayOffset, pseudonymizer: common.pseudonymizer, to: &buffer)
            if buffer.count >= 1 << 16 { try list.write(buffer); buffer.removeAll(keepingCapacity: true) }
        }
        try list.write(buffer)
        if let suspects {
            var text = SuspectNumber.csvHeader + "\n"
            for s in analysis.suspectNumbers(minimum: a.flag("all") ? 0.01 : nil) { text += s.csvRow(common.pseudonymizer) + "\n" }
            try suspects.write(Array(text.utf8))
        }
        try outputs.commit()
        if !a.flag("quiet") {
            let c = analysis.tierCounts
            let notes = CommonOptions.layoutNotes(log)
            if !notes.isEmpty { Console.error("fraud-score: \(notes)") }
            if let length = analysis.exposureWindowLength {
                Console.error("fraud-score: the calls span more than exposure_window (\(length)): "
                              + "each subscriber is judged on the window of it that scores worst")
            }
            Console.error("""
                fraud-score: \(log.linesRead) records read, \(log.rejected) rejected; \(log.numbers.count) numbers, \
                \(analysis.suspectCount) suspect; \(analysis.warnings.count) subscribers scored: \
                tier 1 \(c[1]), tier 2 \(c[2]), tier 3 \(c[3]); \
                read \(Clock.seconds(started, read)) s, scored \(Clock.seconds(read, scored)) s, \
                total \(Clock.seconds(started, Clock.now)) s
                """)
        }
    }
}
