import FraudModel

/// `fraud-score explain NUMBER FILE…`
enum ExplainCommand {
    static let usage = "fraud-score explain [--rules FILE] [--watchlist FILE] NUMBER FILE…"
    static let help = """
        OVERVIEW: Break one number's score down rule by rule, with its timeline.

        Scores the files exactly as 'score' does, then shows NUMBER both as a possible fraud
        number (suspicion, caller rules, behaviour) and as a possible victim (score, tier,
        victim rules, exposure), and its calls with suspect numbers and bank hotlines.

        USAGE: \(usage)

        ARGUMENTS:
          NUMBER                  The number, in any format ('+8613912345678', '13912345678', …).
          FILE                    Call records (CSV). '-' reads stdin.

        OPTIONS:
        \(CommonOptions.help)
          -h, --help              Show help information.

        """

    static func run(_ args: [String]) throws(CLIError) {
        let a = try Arguments(args, options: CommonOptions.valueOptions, flags: CommonOptions.flagOptions, usage: usage)
        if a.flag("help") { print(help, terminator: ""); return }
        guard a.positionals.count >= 2 else { throw .usage("Want a NUMBER and at least one FILE", usage: usage) }
        let number = a.positionals[0]
        guard PhoneNumber.canonical(number) != nil else {
            throw .usage("'\(number)' is not a phone number or identifier", usage: usage)
        }
        let common = try CommonOptions(a, usage: usage)
        let log = try common.readCalls(Array(a.positionals.dropFirst()))
        let analysis = Analysis(log: log, rules: common.rules)
        guard let e = analysis.explain(number) else {
            throw .data("\(number) does not occur in the calls read")
        }
        var out = try OutputFile(path: nil)
        try out.write(Array(ExplanationReport.text(e, offset: log.displayOffset).utf8))
        try out.commit()
    }
}
