/// The command line: picks the subcommand, runs it, maps errors to exit codes.
enum FraudScore {
    static var commands: [(name: String, abstract: String, run: ([String]) throws(CLIError) -> Void)] { [
        ("score", "Score call records and print the three-tier warning list.", ScoreCommand.run),
        ("stream", "Raise warnings as calls happen, from a live feed on stdin.", StreamCommand.run),
        ("explain", "Break one number's score down rule by rule, with its timeline.", ExplainCommand.run),
        ("check", "Validate rules files and print what they define.", CheckCommand.run),
        ("synth", "Generate a realistic labelled synthetic week of calls.", SynthCommand.run),
        ("bench", "Time each stage of score: records/s, MB/s, peak memory.", BenchCommand.run),
        ("tune", "Fit rule weights and tier cut-offs from confirmed outcomes.", TuneCommand.run),
        ("eval", "Backtest rules on labelled history; compare two rule sets.", EvalCommand.run),
    ] }

    static var help: String {
        var s = """
        OVERVIEW: Find people being defrauded by phone right now, from call detail records.

        USAGE: fraud-score <subcommand> [options]

        OPTIONS:
          -h, --help              Show help information.

        SUBCOMMANDS:

        """
        for c in commands { s += "  " + c.name.padding(10) + c.abstract + "\n" }
        s += "\n  See 'fraud-score <subcommand> --help' for its options.\n"
        return s
    }

    static func main(_ args: [String]) -> Int32 {
        guard let first = args.first, first != "--help", first != "-h", first != "help" else {
            if args.count >= 2, args[0] == "help", let c = commands.first(where: { $0.name == args[1] }) {
                return run(c.run, ["--help"])
            }
            return run({ _ throws(CLIError) in try Console.output(help, terminator: "") }, [])
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            Console.error(CLIError.usage("Unknown subcommand '\(first)'", usage: "fraud-score <subcommand> [options]").description)
            return 64
        }
        return run(command.run, Array(args.dropFirst()))
    }

    private static func run(_ body: ([String]) throws(CLIError) -> Void, _ args: [String]) -> Int32 {
        do {
            try body(args)
            return 0
        } catch {
            Console.clearProgress()
            Console.error(error.description)
            return error.exitCode
        }
    }
}

extension String {
    func padding(_ n: Int) -> String { count >= n ? self + " " : self + String(repeating: " ", count: n - count) }
}
