#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FraudModel

/// `fraud-score bench`: times each stage of `score` on a synthetic week (or a given file)
/// and prints records/s, MB/s, peak memory and a checksum, so anyone can reproduce the
/// figures in the README.
enum BenchCommand {
    static let usage = "fraud-score bench [--subscribers N] [--days D] [--seed S] [--threads T] [--repeat N] [--rules FILE] [FILE]"
    static let help = """
        OVERVIEW: Time each stage of 'score' and print throughput and peak memory.

        Without FILE, generates a synthetic week (--subscribers, --days, --seed) into
        bench-data/ once and reuses it. Stages: parse (read and intern), profiles (number
        traits, profiles and contact graph), suspicion, scoring (timelines, exposure, victim
        risk, tiers), output (formatting the CSV list in memory, not written). Peak memory is
        the process's resident high-water mark (VmHWM) at the end of each stage; cpu s is the
        CPU time of all threads in the stage (cpu / seconds = cores kept busy); faults are
        minor page faults, memory touched for the first time. The checksum
        (sum of scores, tier counts, output bytes) must be the same for any --threads.
        With --repeat N the whole run is repeated N times in the same process and each
        stage shows its best (smallest) wall and processor time: on a shared machine the
        best of several runs is the figure least disturbed by other work; a 'first run'
        line then gives the first run's total, which like a single 'score' pays for the
        first touch of its memory. Runs whose
        checksums differ are an error.

        USAGE: \(usage)

        OPTIONS:
        \(CommonOptions.wholeLogHelp)
          --subscribers N         Synthetic population (default: 200000).
          --days D                Synthetic days (default: 7).
          --seed S                Synthetic seed (default: 77).
          --repeat N              Runs to take the best of (default: 1).
          -h, --help              Show help information.

        """

    static func run(_ args: [String]) throws(CLIError) {
        let a = try Arguments(args, options: CommonOptions.wholeLogOptions.union(["subscribers", "days", "seed", "repeat"]),
                              flags: CommonOptions.wholeLogFlags, usage: usage)
        if a.flag("help") { try Console.output(help, terminator: ""); return }
        guard a.positionals.count <= 1 else { throw .usage("Give at most one FILE", usage: usage) }
        if a.positionals.first != nil {
            try a.refuse(["subscribers", "days", "seed"], "with a FILE (they shape the synthetic week)", usage: usage)
        }
        try a.refuse(["pseudonymize"], "in bench (it writes no numbers)", usage: usage)
        if a.positionals.first == "-", try a.int("repeat", default: 1, range: 1...100, usage: usage) > 1 {
            throw .usage("'--repeat' needs a FILE: stdin can be read only once", usage: usage)
        }
        let path: String
        if let file = a.positionals.first {
            path = file
        } else {
            let subscribers = try a.int("subscribers", default: 200_000, range: 100...50_000_000, usage: usage)
            let days = try a.int("days", default: 7, range: 1...60, usage: usage)
            let seed = try a.int("seed", default: 77, range: 0...Int.max, usage: usage)
            let dir = "bench-data/s\(subscribers)-d\(days)-seed\(seed)"
            path = dir + "/calls.csv"
            if access(path, R_OK) != 0 {
                Console.error("bench: generating \(path)…")
                try SynthCommand.run(["--subscribers", "\(subscribers)", "--days", "\(days)", "--seed", "\(seed)", "--out", dir])
            }
        }
        let common = try CommonOptions(a, usage: usage)
        let threads = common.threads
        var st = stat()
        let bytes = stat(path, &st) == 0 ? Int(st.st_size) : 0

        let runs = try a.int("repeat", default: 1, range: 1...100, usage: usage)
        var best: [StageTimer.Stage] = []
        var firstTotal = 0.0, firstCPU = 0.0
        var checksum = "", records = 0, numbers = 0, pairs = 0
        for run in 1...runs {
            var timer = StageTimer()
            // The first run reports malformed and stray lines as score does (the timing then
            // includes at most a few lines to stderr); the repeats read the same bytes.
            let log = run == 1 ? try common.readCalls([path]) : try InputFiles.read([path], options: common.input, threads: threads)
            timer.end("parse")
            let analysis = Analysis(log: log, rules: common.rules, threads: threads) { stage in timer.end(stage.rawValue) }
            var buffer: [UInt8] = []
            WarningFormat.csv.appendHeader(to: &buffer)
            for w in analysis.warnings where w.tier != .none {
                WarningFormat.csv.append(w, offset: log.displayOffset, pseudonymizer: .off, to: &buffer)
            }
            timer.end("output")
            let c = analysis.tierCounts
            let scoreSum = analysis.warnings.reduce(0.0) { $0 + $1.score }
            let sum = "scores \(fixed(scoreSum, 6)), tiers \(c[1])/\(c[2])/\(c[3]), scored \(analysis.warnings.count), output \(buffer.count) bytes"
            if run > 1 && sum != checksum {
                throw .data("bench: run \(run) gave a different result (\(sum)) from run 1 (\(checksum))")
            }
            checksum = sum
            records = log.records.count
            numbers = log.numbers.count
            pairs = analysis.contactPairs
            if run == 1 {
                firstTotal = timer.stages.reduce(0) { $0 + $1.seconds }
                firstCPU = timer.stages.reduce(0) { $0 + $1.cpuSeconds }
            }
            best = run == 1 ? timer.stages : zip(best, timer.stages).map { $0.fastest($1) }
        }

        try Console.output("fraud-score bench: \(path), \(bytes >> 20) MiB, \(records) records, \(numbers) numbers, \(pairs) contact pairs, calls \(common.input.spillDirectory == nil ? "in memory" : "spilled"), \(threads) thread\(threads == 1 ? "" : "s")"
              + (runs > 1 ? ", best of \(runs) runs" : ""))
        try Console.output("stage".padding(10) + "seconds".leftPadded(9) + "cpu s".leftPadded(8) + "Mrec/s".leftPadded(10) + "MB/s".leftPadded(9) + "peak MiB".leftPadded(10) + "faults".leftPadded(9))
        for s in best {
            let secs = s.seconds
            try Console.output(s.name.padding(10) + fixed(secs, 3).leftPadded(9) + fixed(s.cpuSeconds, 2).leftPadded(8)
                  + fixed(Double(records) / secs / 1e6, 2).leftPadded(10)
                  + fixed(Double(bytes) / secs / 1e6, 0).leftPadded(9)
                  + "\(s.peakKiB >> 10)".leftPadded(10) + "\(s.faults)".leftPadded(9))
        }
        let total = best.reduce(0) { $0 + $1.seconds }
        let cpu = best.reduce(0) { $0 + $1.cpuSeconds }
        try Console.output("total".padding(10) + fixed(total, 3).leftPadded(9) + fixed(cpu, 2).leftPadded(8) + fixed(Double(records) / total / 1e6, 2).leftPadded(10)
              + fixed(Double(bytes) / total / 1e6, 0).leftPadded(9) + "\(best.map(\.peakKiB).max().map { $0 >> 10 } ?? 0)".leftPadded(10)
              + "\(best.reduce(0) { $0 + $1.faults })".leftPadded(9))
        if runs > 1 {
            // Later runs reuse memory the process already touched; a single `score` run pays
            // for its first touch, which on some virtual machines is a large share.
            try Console.output("first run".padding(10) + fixed(firstTotal, 3).leftPadded(9) + fixed(firstCPU, 2).leftPadded(8)
                  + "   (a single run, as `score` end to end pays for memory's first touch)")
        }
        try Console.output("checksum: \(checksum)")
    }

    private static func fixed(_ v: Double, _ digits: Int) -> String {
        guard v.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (v * scale).rounded() / scale
        var s = String(r)
        if digits == 0, s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? " " + self : String(repeating: " ", count: n - count) + self }
}
