import FraudModel

/// `fraud-score check FILE…`
enum CheckCommand {
    static let usage = "fraud-score check [--features] FILE…"
    static let help = """
        OVERVIEW: Validate rules files and print what they define.

        Every error is reported as 'file:line:column: message' (exit 65); a valid file prints
        its lists, classes, models, tiers and settings.

        USAGE: \(usage)

        OPTIONS:
          --features              Print every feature and setting a rules file can use.
          -h, --help              Show help information.

        """

    static func run(_ args: [String]) throws(CLIError) {
        let a = try Arguments(args, options: [], flags: ["features"], usage: usage)
        if a.flag("help") { try Console.output(help, terminator: ""); return }
        if a.flag("features") { try Console.output(FeatureReference.markdown, terminator: ""); if a.positionals.isEmpty { return } }
        guard !a.positionals.isEmpty else { throw .usage("No rules file given", usage: usage) }
        var failures: [String] = []
        var unreadable = 0          // files that could not be opened (66 when those are all)
        for file in a.positionals {
            do {
                let rules = try RuleLoading.parse(file)
                if let problem = rules.cannotWarn { failures.append("\(file): \(problem)"); continue }
                try Console.output("\(file): OK")
                try Console.output(rules.summary)
            } catch CLIError.data(let message) {
                failures.append(message)
            } catch CLIError.noInput(let message) {
                failures.append(message)
                unreadable += 1
            }
        }
        guard failures.isEmpty else {
            let report = failures.joined(separator: "\n")
            throw unreadable == failures.count ? .noInput(report) : .data(report)
        }
    }
}
