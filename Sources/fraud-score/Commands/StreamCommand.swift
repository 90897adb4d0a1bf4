#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FraudModel

/// `fraud-score stream`: warnings as calls happen, over stdin.
enum StreamCommand {
    static let usage = "fraud-score stream [--rules FILE] [--watchlist FILE] [--layout call|subscriber] [--input-format csv|jsonl] [--cooldown 24h] [--max-delay 5m] [--max-ahead 1d] [--keep-suspects 3d] [--checkpoint FILE] [--warm-up FILE] [--stats-every 10s]"
    static let help = """
        OVERVIEW: Raise warnings as calls happen, from a live CSV feed on stdin.

        Reads CSV from stdin (header first, the same columns as 'score') and writes one JSON
        object per line to stdout, flushed at once, whenever a subscriber enters a tier or
        rises to a more urgent one: 'time' (event time of the call that raised it, in the
        input's form) and the fields of the batch list. Same rules, features and models as
        'score'. When a number becomes suspect, the subscribers it talked to earlier are
        re-assessed. SIGINT/SIGTERM save the checkpoint and stop; SIGHUP reloads the rules.
        At end of input without --checkpoint the stream is over: every number is judged on
        all its calls, as 'score' judges at the end of its data, and any warning that raises
        is written, with the last call's time (with --checkpoint a later run resumes and
        judges them as it goes).

        With --layout subscriber (rows in the order the feed brings them, not grouped by
        subscriber), a call between two subscribers, listed from both sides, counts once
        when its second row comes within --max-delay (+2 s) of event time after the first;
        later, it counts twice, as does a call whose two rows both come later than that
        (each is reported late).

        USAGE: \(usage)

        OPTIONS:
        \(CommonOptions.streamHelp)
          --cooldown DURATION     No repeat at the same tier within this time (default: 24h).
          --max-delay DURATION    Records may arrive this much out of order unreported
                                  (default: 5m); later ones are still counted and reported.
                                  Subscriber layout: how long a row waits for its call's
                                  other side.
          --max-ahead DURATION    A call dated more than this after the latest one is held
                                  until \(StreamEngine.confirmation - 1) calls after it are as late (the feed moved on);
                                  if one is not, the held calls are skipped and reported (a
                                  mistyped time). Default: 1d; 0 = never held.
          --retention DURATION    Forget numbers idle this long and calls this old (default:
                                  7d; at least the rules' longest window).
          --keep-suspects DURATION
                                  A number that has been a suspect this long stays one while
                                  it is active (default: 3d; 0 = cleared once it no longer
                                  looks like one).
          --checkpoint FILE       Restore state from FILE if it exists; save it every
                                  --checkpoint-every, on SIGINT/SIGTERM and at end of input
                                  (which then does not judge every number: see above). A
                                  periodic save that fails is reported once per distinct
                                  error and tried again a period later while the stream goes
                                  on; a final save that fails exits 74. A closed stdout ends
                                  the run quietly and another failed write exits 74, neither
                                  saving: the file keeps its last save, every warning it
                                  counts written.
          --checkpoint-every DURATION
                                  Wall-clock time between saves (default: 60s).
          --warm-up FILE          Past calls (CSV, header first, the same columns), read
                                  before stdin to start with the state of a stream that had
                                  been running: numbers already suspect, contacts known.
                                  Their warnings are not written one by one; as it ends,
                                  one warning is written for each subscriber they leave in a
                                  tier, dated at their last call. Repeatable, oldest first;
                                  not read when --checkpoint restores a state.
          --stats-every DURATION  A stats line to stderr this often (default: 10s; 0 = never).
          -h, --help              Show help information.

        """

    /// Said on stderr when a stream starts with no state (no checkpoint to restore, no
    /// warm-up): the analyst learns at once why the first days' warnings come late.
    static let coldStart = "stream: starting cold (no checkpoint state, no --warm-up): no number is known yet, so the victims of the first days may be warned late; give a first start --warm-up with four days of calls or more"

    static func run(_ args: [String]) throws(CLIError) {
        let a = try Arguments(args, options: CommonOptions.streamValueOptions.union(["cooldown", "max-delay", "max-ahead", "keep-suspects", "retention", "checkpoint", "checkpoint-every", "stats-every", "warm-up"]),
                              flags: CommonOptions.flagOptions, usage: usage)
        if a.flag("help") { try Console.output(help, terminator: ""); return }
        guard a.positionals.isEmpty else { throw .usage("stream reads stdin; unexpected argument '\(a.positionals[0])'", usage: usage) }
        guard !a.all("warm-up").contains("-") else {
            throw .usage("'--warm-up -' would read the live feed as past calls; give the past calls' file", usage: usage)
        }
        var options = StreamOptions()
        options.cooldown = try DurationOption.value(a, "cooldown", default: options.cooldown, usage: usage)
        options.maxDelay = try DurationOption.value(a, "max-delay", default: options.maxDelay, usage: usage)
        options.retention = try DurationOption.value(a, "retention", default: options.retention, usage: usage)
        options.maxAhead = try DurationOption.value(a, "max-ahead", default: options.maxAhead, usage: usage)
        options.keepSuspects = try DurationOption.value(a, "keep-suspects", default: options.keepSuspects, usage: usage)
        let saveEvery = Double(try DurationOption.value(a, "checkpoint-every", default: 60, usage: usage))
        let statsEvery = Double(try DurationOption.value(a, "stats-every", default: 10, usage: usage))
        let common = try CommonOptions(a, usage: usage)
        let checkpointPath = a.value("checkpoint")
        // Before the restore and the warm-up, which can take a while (or wait on a pipe).
        Signals.install()

        var engine = StreamEngine(rules: common.rules, options: options, input: common.input)
        var atRisk: [StreamWarning] = []      // after a warm-up, written before stdin is read
        if let path = checkpointPath, access(path, F_OK) == 0 {
            do {
                // Read whole, without the rules files' cap: a large population's state is
                // 150 MB and more. `-` is a file of that name, as when it was saved.
                engine = try StreamEngine(checkpoint: InputFiles.readAll(path == "-" ? "./-" : path), rules: common.rules,
                                          options: options, input: common.input)
            } catch let e as CheckpointError {
                throw .data("\(path): \(e)")
            } catch let e as CLIError {
                throw e
            } catch {
                throw .data("\(path): \(error)")
            }
            Console.error("stream: restored \(path): \(engine.statistics.records) records, \(engine.statistics.warnings) warnings so far\(StreamLoop.resumePoint(engine.statistics.lines))")
            if !a.all("warm-up").isEmpty {
                Console.error("stream: --warm-up files not read: the restored state already holds what they would build")
            }
        } else if !a.all("warm-up").isEmpty {
            guard try warmUp(&engine, from: a.all("warm-up")) else { return }
            atRisk = engine.warnAtRisk()
        } else {
            Console.error(coldStart)
        }
        var loop = StreamLoop(engine: engine, checkpointPath: checkpointPath, saveEvery: saveEvery, statsEvery: statsEvery,
                              rulesPath: a.value("rules"), watchlists: a.all("watchlist"), pseudonymizer: common.pseudonymizer)
        try loop.run(first: atRisk)
    }
}

/// The read–score–write loop of `stream`, with its timers.
struct StreamLoop {
    var engine: StreamEngine
    let checkpointPath: String?
    let saveEvery: Double, statsEvery: Double
    let rulesPath: String?, watchlists: [String]
    let pseudonymizer: Pseudonymizer
    private var shownIssues = 0
    private var lastSave = Clock.now, lastStats = Clock.now, started = Clock.now
    /// Why the last periodic save failed, until one succeeds (reported once).
    private var saveFailure: String?
    private var recordsAtLastStats = 0
    private let recordsAtStart: Int
    /// Seconds from the read that brought a warning's call to the write of the warning.
    private var latencies: [Double] = []
    private var chunkReadAt = Clock.now

    init(engine: StreamEngine, checkpointPath: String?, saveEvery: Double, statsEvery: Double, rulesPath: String?,
         watchlists: [String], pseudonymizer: Pseudonymizer) {
        self.pseudonymizer = pseudonymizer
        self.engine = engine
        self.recordsAtStart = engine.statistics.records
        self.recordsAtLastStats = engine.statistics.records
        self.checkpointPath = checkpointPath
        self.saveEvery = saveEvery
        self.statsEvery = statsEvery
        self.rulesPath = rulesPath
        self.watchlists = watchlists
    }

    /// Bytes taken from stdin per read: 64 KiB, the default capacity of a Linux pipe, about
    /// 850 calls. A call's warning is written only after every call read with it has been
    /// scored, so the read size bounds the read-to-flush latency when input is queued (a
    /// replay, a burst): with 1 MiB reads it was 20-40 ms at p50 from a file, with 64 KiB
    /// about 1 ms. 16 KiB reads gave 0.3 ms but four times the read(2) calls, which cost
    /// 0.17-0.21 s of system time per 750,000 calls against 0.08-0.13 s.
    static let readSize = 64 << 10

    /// Writes `first` (the subscribers a warm-up left at risk), then reads stdin to its end or
    /// a stop signal.
    mutating func run(first: [StreamWarning] = []) throws(CLIError) {
        try write(first, timed: false)
        let size = Self.readSize
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            if Signals.stopRequested != 0 { break }
            if Signals.reloadRequested != 0 { Signals.reloadRequested = 0; reload() }
            // A signal may land on another thread and leave read() blocked, so wait for input
            // at most a quarter second at a time and look at the flags in between.
            var waiting = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&waiting, 1, 250)
            if ready == 0 || (ready < 0 && errno == EINTR) {
                timers()
                continue
            }
            let n = read(0, buffer.baseAddress, size)
            if n < 0 {
                if errno == EINTR { continue }
                throw .noInput("cannot read stdin: \(String(cString: strerror(errno)))")
            }
            chunkReadAt = Clock.now
            if n == 0 {
                try emit { (e) throws(InputError) in try e.finish() }
                // Over for good unless a checkpoint will resume it: judge every number on all
                // its calls, as `score` does at the end of its data.
                if checkpointPath == nil { try emit { (e) throws(InputError) in e.judgeAll() } }
                break
            }
            try emit { (e) throws(InputError) in try e.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
            timers()
        }
        try save()
        let s = engine.statistics
        let elapsed = Clock.now - started
        let here = s.records - recordsAtStart
        Console.error("stream: \(s.records) records (\(linesRead)) in \(Clock.seconds(started, Clock.now)) s (\(Int(Double(here) / max(elapsed, 1e-9)))/s this run), \(s.warnings) warnings, \(s.late) late, \(s.rejected) rejected, \(s.skipped) skipped\(engine.callsHeld > 0 ? ", \(engine.callsHeld) held in the checkpoint" : "")\(layoutNotes); read-to-flush latency \(latencySummary)")
    }

    /// A subscriber export's rows counted once and skipped, as `score` says them
    /// ("; 3521 calls seen from both sides counted once; 11 rows of other call types skipped
    /// (11 of type 3)"); empty for rows of calls.
    private var layoutNotes: String {
        let s = engine.statistics
        let notes = CommonOptions.layoutNotes(merged: s.mergedDuplicates, skipped: s.skippedCallTypes,
                                              alwaysMerged: engine.readsSubscriberRows)
        return notes.isEmpty ? "" : "; " + notes
    }

    /// Periodic checkpoint and stats line (wall clock).
    private mutating func timers() {
        let now = Clock.now
        if checkpointPath != nil && now - lastSave >= saveEvery { periodicSave(at: now) }
        if statsEvery > 0 && now - lastStats >= statsEvery { stats(now) }
    }

    /// A save every `--checkpoint-every`. One that fails (a full disk, a missing folder) does
    /// not stop the stream, whose warnings matter more than its checkpoint: it is reported
    /// once per distinct error, not on every try, and tried again a period later. Only the
    /// final save (end of input, SIGINT/SIGTERM) is fatal.
    private mutating func periodicSave(at now: Double) {
        do throws(CLIError) {
            try save()
            if saveFailure != nil, let path = checkpointPath {
                Console.error("stream: checkpoint saved again to '\(path)'")
            }
            saveFailure = nil
        } catch {
            lastSave = now
            if error.message != saveFailure {
                Console.error("stream: checkpoint not saved, tried again every --checkpoint-every while the stream goes on: \(error.message)")
                saveFailure = error.message
            }
        }
    }

    /// Runs one step of the engine and writes its warnings at once.
    private mutating func emit(_ step: (inout StreamEngine) throws(InputError) -> [StreamWarning]) throws(CLIError) {
        let warnings: [StreamWarning]
        do { warnings = try step(&engine) } catch {
            // The calls before the bad line were taken: write their warnings, then save. The
            // bad line is the error; a save that fails too is said, not swallowed.
            try write(engine.takeWarningsBeforeError())
            do { try save() } catch let failure { Console.error(failure.description) }
            throw .data(error.description)
        }
        reportDiagnostics()
        try write(warnings)
    }

    /// Writes warnings and flushes them. A write that fails ends the run without saving the
    /// checkpoint: a save now would count warnings nobody received, and a run resumed from it
    /// would never raise them. The checkpoint saved last was taken when every warning raised
    /// until then had been written (saves come only between reads, after their warnings), so
    /// resuming from it raises the undelivered ones again. A reader gone away (`| head`,
    /// EPIPE) ends the run quietly; any other failure (a full disk) is an error.
    private mutating func write(_ warnings: [StreamWarning], timed: Bool = true) throws(CLIError) {
        guard !warnings.isEmpty else { return }
        var out: [UInt8] = []
        for w in warnings { out += WarningFormat.streamLine(w, offset: engine.displayOffset, form: engine.timeForm, pseudonymizer: pseudonymizer) }
        if let failure = Console.failure(writing: out, to: 1) {
            if failure.isClosedPipe { exit(0) }
            throw .io("cannot write warnings to stdout: \(failure)\(checkpointNote)")
        }
        guard timed else { return }
        let flushed = Clock.now
        for _ in warnings { latencies.append(flushed - chunkReadAt) }
    }

    /// Where the input stands, for the stats lines: "60000 lines read after the header",
    /// over every run resumed from the checkpoint, so a run resumed with the header and the
    /// lines after these continues exactly.
    private var linesRead: String {
        guard let lines = engine.statistics.lines else {
            return "\(engine.linesThisRun) lines read after the header in this run"
        }
        return "\(lines) lines read after the header"
    }

    /// What a restored checkpoint says of where its input resumes, for the restore line.
    static func resumePoint(_ lines: Int?) -> String {
        guard let lines else {
            return " (saved by an earlier version, which did not count the input lines read)"
        }
        return ", \(lines) lines read after the header; resume with the header, then the lines after those (line \(lines + 2) on, in a file with its header on line 1)"
    }

    /// What a failed write left of the checkpoint, for the error message.
    private var checkpointNote: String {
        guard let path = checkpointPath else { return "" }
        guard access(path, F_OK) == 0 else {
            return "\nstream: no checkpoint saved yet ('\(path)'): run again from the first line"
        }
        return "\nstream: '\(path)' not saved at this stop: it holds the state of its last save, when every warning raised had been written; resume from it (its restore line says after which line) to raise the unwritten ones again"
    }

    private var latencySummary: String {
        guard !latencies.isEmpty else { return "n/a (no warnings)" }
        let sorted = latencies.sorted()
        func ms(_ q: Double) -> String {
            let v = sorted[min(sorted.count - 1, Int(q * Double(sorted.count - 1)))] * 1000
            return String((v * 100).rounded() / 100) + " ms"
        }
        return "p50 \(ms(0.5)), p99 \(ms(0.99)), max \(ms(1))"
    }

    private mutating func reportDiagnostics() {
        let issues = engine.issues
        while shownIssues < issues.count { Console.error(issues[shownIssues].description); shownIssues += 1 }
        for note in engine.takeLateNotes() { Console.error("stream: \(note)") }
    }

    private mutating func save() throws(CLIError) {
        guard let path = checkpointPath else { return }
        try OutputFile.write(to: path) { engine.writeCheckpoint(to: $0) }
        lastSave = Clock.now
    }

    private mutating func stats(_ now: Double) {
        let s = engine.statistics
        let rate = Double(s.records - recordsAtLastStats) / max(now - lastStats, 1e-9)
        Console.error("stream: \(s.records) records (\(linesRead), \(Int(rate))/s), \(engine.numbersHeld) numbers held, \(engine.pairsHeld) pairs, \(s.suspects) suspect, \(s.warnings) warnings, \(s.late) late, \(s.rejected) rejected, \(s.skipped) skipped\(layoutNotes)")
        lastStats = now
        recordsAtLastStats = s.records
    }

    /// SIGHUP: a bad rules file is reported and the old rules stay.
    private mutating func reload() {
        do {
            let (rules, file) = try RuleLoading.load(rulesPath, watchlists: watchlists)
            engine.replaceRules(rules)
            Console.error("stream: reloaded \(file)")
        } catch {
            Console.error("stream: reload failed, keeping the old rules: \(error.description)")
        }
    }
}
