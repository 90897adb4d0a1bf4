import FraudModel

/// `fraud-score explain NUMBER FILE…`
enum ExplainCommand {
    static let usage = "fraud-score explain [--rules FILE] [--layout call|subscriber] [--input-format csv|jsonl] [--pseudonymize KEYFILE] NUMBER FILE…"
    static let help = """
        OVERVIEW: Break one number's score down rule by rule, with its timeline.

        Scores the files exactly as 'score' does, then shows NUMBER both as a possible fraud
        number (suspicion, caller rules, behaviour) and as a possible victim (score, tier,
        victim rules, exposure), and its calls with suspect numbers and bank hotlines.

        USAGE: \(usage)

        ARGUMENTS:
          NUMBER                  The number, in any format ('+8613912345678', '13912345678', a
                                  hashed id, …), or with --pseudonymize its pseudonym 'p:…'.
          FILE                    Call records (CSV or JSON Lines). '-' reads stdin.

        OPTIONS:
        \(CommonOptions.wholeLogHelp)
          -h, --help              Show help information.

        """

    static func run(_ args: [String]) throws(CLIError) {
        let a = try Arguments(args, options: CommonOptions.wholeLogOptions, flags: CommonOptions.wholeLogFlags, usage: usage)
        if a.flag("help") { try Console.output(help, terminator: ""); return }
        guard a.positionals.count >= 2 else { throw .usage("Want a NUMBER and at least one FILE", usage: usage) }
        var number = a.positionals[0]
        let common = try CommonOptions(a, usage: usage)
        let byPseudonym = Pseudonymizer.isPseudonym(number)
        if byPseudonym && !common.pseudonymizer.isOn {
            throw .usage("'\(number)' is a pseudonym; give the key with --pseudonymize KEYFILE", usage: usage)
        }
        guard byPseudonym || PhoneNumber.canonical(number) != nil else {
            throw .usage(PhoneNumber.notANumber(number), usage: usage)
        }
        let log = try common.readCalls(Array(a.positionals.dropFirst()))
        if byPseudonym {
            guard let found = Self.number(withPseudonym: number, in: log, common.pseudonymizer) else {
                throw .data("no number in the calls read has the pseudonym \(number) under this key")
            }
            number = found
        }
        let analysis = Analysis(log: log, rules: common.rules, threads: common.threads)
        guard let e = analysis.explain(number) else {
            throw .data("\(common.pseudonymizer.isOn ? "the number" : number) does not occur in the calls read")
        }
        let out = try OutputFile(path: nil)
        try out.write(Array(ExplanationReport.text(e, offset: log.displayOffset, pseudonymizer: common.pseudonymizer).utf8))
        try out.commit()
    }

    /// The canonical number whose pseudonym is `pseudonym`: one HMAC per distinct number.
    static func number(withPseudonym pseudonym: String, in log: CallLog, _ p: Pseudonymizer) -> String? {
        for id in 0..<log.numbers.count {
            let n = log.numbers.text(NumberID(id))
            if p(n) == pseudonym { return n }
        }
        return nil
    }
}
