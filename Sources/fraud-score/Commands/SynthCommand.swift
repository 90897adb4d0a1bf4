#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FraudModel

/// `fraud-score synth`: a labelled synthetic week for trying, testing and benchmarking.
enum SynthCommand {
    static let usage = "fraud-score synth --subscribers N --days D --seed S [--steady-rings] --out DIR"
    static let help = """
        OVERVIEW: Generate a realistic labelled synthetic week of calls.

        Writes into DIR: calls.csv (the call records, mixed number formats), labels.csv
        (subscriber,label; 1 = victim), victims.csv (scam script, first contact, when money
        moved), fraud.csv (every fraud number and its role) and watchlist.txt (about 30% of
        the fraud numbers, as a centre's partial, late watchlist would be). The same seed
        gives the same bytes.

        USAGE: \(usage)

        OPTIONS:
          --subscribers N         Population of ordinary subscribers (default: 20000).
          --days D                Days of calls, 1–\(SynthConfig.maximumDays) (default: 7).
          --seed S                Random seed (default: 1).
          --steady-rings          As many fraud rings as a week's victims need, working the
                                  whole window (each with about 8 victims a week), as a feed
                                  running for months sees. Without it, a longer window has
                                  proportionally more rings at work at once (each with about
                                  8 victims in all). The same for 7 days or fewer.
          --out DIR               Output folder, created if missing (required).
          -h, --help              Show help information.

        """

    static func run(_ args: [String]) throws(CLIError) {
        let a = try Arguments(args, options: ["subscribers", "days", "seed", "out"], flags: ["steady-rings"], usage: usage)
        if a.flag("help") { try Console.output(help, terminator: ""); return }
        guard a.positionals.isEmpty else { throw .usage("Unexpected argument '\(a.positionals[0])'", usage: usage) }
        let subscribers = try a.int("subscribers", default: 20_000, range: 100...50_000_000, usage: usage)
        let days = try a.int("days", default: 7, range: 1...SynthConfig.maximumDays, usage: usage)
        let seedText = a.value("seed") ?? "1"
        guard let seed = UInt64(seedText) else { throw .usage("'--seed' wants a whole number ≥ 0, got '\(seedText)'", usage: usage) }
        guard let dir = a.value("out") else { throw .usage("Missing '--out DIR'", usage: usage) }
        // An empty name made the files '/calls.csv' and so on: the week went to the root folder.
        guard !dir.isEmpty else { throw .usage("'--out' wants a folder, got ''", usage: usage) }
        try makeDirectories(dir)
        let started = Clock.now
        var config = SynthConfig(subscribers: subscribers, days: days, seed: seed)
        config.steadyRings = a.flag("steady-rings")
        let week = SyntheticWeek.generate(config)
        // The five files are published together: a failed run leaves an earlier week whole.
        let outputs = OutputSet(usage: usage)
        let calls = try outputs.open(dir + "/calls.csv", option: "out")
        do {
            try week.writeCalls { block in try calls.write(block) }
        } catch let error as CLIError {
            throw error
        } catch {
            throw .io("cannot write '\(dir)/calls.csv': \(error)")
        }
        try outputs.open(dir + "/labels.csv", option: "out").write(week.labelsCSV())
        try outputs.open(dir + "/victims.csv", option: "out").write(week.victimsCSV())
        try outputs.open(dir + "/fraud.csv", option: "out").write(week.fraudCSV())
        try outputs.open(dir + "/watchlist.txt", option: "out").write(week.watchlistText())
        try outputs.commit()
        Console.error("\(week.summary)\nwrote \(dir)/{calls.csv,labels.csv,victims.csv,fraud.csv,watchlist.txt} in \(Clock.seconds(started, Clock.now)) s")
    }

    /// `mkdir -p`.
    private static func makeDirectories(_ path: String) throws(CLIError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part + "/"
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .io("cannot create '\(prefix)': \(String(cString: strerror(errno)))")
            }
        }
    }
}
