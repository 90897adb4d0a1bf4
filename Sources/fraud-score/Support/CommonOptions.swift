import FraudModel

/// Options shared by the commands that read calls and rules.
struct CommonOptions {
    static let valueOptions: Set<String> = ["rules", "watchlist", "columns"]
    static let flagOptions: Set<String> = ["strict"]
    static let help = """
          --rules FILE            Rules file (default: rules/default.rules).
          --watchlist FILE        Known fraud numbers, one a line, '#' comments; added to the
                                  'watchlist' list. Repeatable.
          --columns MAP           Map column names: caller=calling_no,callee=called_no,…
                                  (canonical: start_time, caller, callee, duration,
                                  caller_region, callee_region, caller_imei).
          --strict                Stop at the first malformed line (exit 65) instead of
                                  skipping and reporting it.
        """

    let rules: RuleSet
    let rulesFile: String
    let input: InputOptions

    init(_ a: Arguments, usage: String) throws(CLIError) {
        var input = InputOptions()
        input.strict = a.flag("strict")
        if let spec = a.value("columns") {
            do { try input.mapColumns(spec) } catch { throw .usage(error.description, usage: usage) }
        }
        (rules, rulesFile) = try RuleLoading.load(a.value("rules"), watchlists: a.all("watchlist"))
        for w in rules.warnings { Console.error("warning: \(w)") }
        self.input = input
    }

    /// Reads the call files and reports malformed lines on stderr (first 20, then totals).
    func readCalls(_ files: [String]) throws(CLIError) -> CallLog {
        let log = try InputFiles.read(files, options: input)
        for issue in log.issues { Console.error("\(issue)") }
        if log.rejected > log.issues.count {
            let kinds = log.rejectedByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            Console.error("… \(log.rejected - log.issues.count) more malformed lines not shown (\(kinds))")
        }
        return log
    }
}
