#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FraudModel

/// Options shared by the commands that read calls and rules and write results: the rules,
/// the input's shape, and `--pseudonymize`. A command adds `valueOptions` / `flagOptions` to
/// its own, prints `help` among its options, and reads calls and writes numbers only through
/// `readCalls` and `pseudonymizer`.
struct CommonOptions {
    static let valueOptions: Set<String> = [
        "rules", "watchlist", "columns", "layout", "input-format", "separator", "call-types", "pseudonymize", "threads",
    ]
    static let flagOptions: Set<String> = ["strict"]
    /// `stream`'s: the same but `--threads` (it reads one feed, in order, on one thread).
    static let streamValueOptions = valueOptions.subtracting(["threads"])
    static let help = streamHelp + """

          --threads N             Threads for parsing a regular file and for the analysis
                                  (default: the number of cores); the result is the same
                                  for any N.
        """
    static let streamHelp = """
          --rules FILE            Rules file (default: rules/default.rules).
          --watchlist FILE        Known fraud numbers, one a line, '#' comments; added to the
                                  'watchlist' list. Repeatable.
          --input-format csv|jsonl
                                  CSV with a header line (default), or JSON Lines: one object
                                  a line, keys named like the CSV columns.
          --layout call|subscriber
                                  call (default): one row per call, columns start_time,
                                  caller, callee, duration [caller_region, callee_region,
                                  caller_imei].
                                  subscriber: one row per subscriber per call with a direction
                                  code, columns phone_no_m, opposite_no_m, calltype_id,
                                  start_datetime, call_dur [county_name, imei_m]; a call
                                  between two subscribers, listed from both sides, counts once.
          --columns MAP           Map canonical columns to the file's names, e.g.
                                  caller=calling_no,callee=called_no. Canonical names:
                                  call layout: start_time, caller, callee, duration,
                                  caller_region, callee_region, caller_imei;
                                  subscriber layout: subscriber, other, call_type, start_time,
                                  duration, subscriber_region, subscriber_imei.
          --call-types OUT,IN     Subscriber layout: the call_type values meaning outgoing and
                                  incoming (default: 1,2); rows of other types are skipped
                                  and counted.
          --separator SEP         CSV field separator: ',' ';' '|' 'tab' … (default: detected
                                  from the header).
          --strict                Stop at the first malformed line (exit 65) instead of
                                  skipping and reporting it.
          --pseudonymize KEYFILE  Write every number as p:<16 hex> = HMAC-SHA-256(key, number),
                                  the same in every run with the same key; KEYFILE holds the
                                  raw key, at least 16 bytes (head -c 32 /dev/urandom > key).
                                  Malformed-line reports then quote no field.
        """

    /// `--spill DIR` and `--in-memory`, for the commands that read a whole call log (not
    /// `stream`, which holds no calls).
    static let wholeLogOptions = valueOptions.union(["spill", "stray-gap"])
    static let wholeLogFlags = flagOptions.union(["in-memory"])
    /// Every option and flag that says how calls are read: none counts where no calls are
    /// (`--table`).
    static let callReadingOptions = ["watchlist", "columns", "layout", "input-format", "separator", "call-types", "threads",
                                     "spill", "in-memory", "stray-gap", "strict"]
    static let wholeLogHelp = help + """

          --spill DIR             Where the calls read are kept while they are analysed: a
                                  file in DIR, deleted as soon as it is made (default: $TMPDIR,
                                  else /tmp, unless that is a memory file system such as
                                  tmpfs). It holds number ids, times and durations, no
                                  numbers. Memory then grows with the distinct numbers and
                                  contact pairs, not the calls (16 bytes a call on disk).
          --in-memory             Keep the calls in memory instead (16 bytes a call more
                                  memory; for machines without a writable temporary
                                  directory). The result is the same either way.
          --stray-gap DURATION    Skip and report calls dated more than this from any other
                                  call, in a group of 15 or fewer and under 1 in 1,000 of
                                  all calls: a mistyped year or a reset clock, which would
                                  make a week's calls span decades (default: 1d; at least
                                  1h; 0 = keep every call). --strict stops at one instead.
        """

    let rules: RuleSet
    let rulesFile: String
    let input: InputOptions
    /// How numbers are written: raw, or pseudonymised by `--pseudonymize`.
    let pseudonymizer: Pseudonymizer
    /// Threads for parsing regular files and for the analysis (`--threads`).
    let threads: Int

    init(_ a: Arguments, usage: String) throws(CLIError) {
        var input = InputOptions()
        input.strict = a.flag("strict")
        if let name = a.value("input-format") {
            guard let f = InputFormat(rawValue: name) else {
                throw .usage("'--input-format' wants csv or jsonl, got '\(name)'", usage: usage)
            }
            input.format = f
        }
        if let name = a.value("layout") {
            guard let l = RecordLayout(rawValue: name) else {
                throw .usage("'--layout' wants call or subscriber, got '\(name)'", usage: usage)
            }
            input.layout = l
        }
        if let spec = a.value("call-types") {
            guard let codes = CallTypeCodes(spec) else {
                throw .usage("'--call-types' wants two different codes OUT,IN (e.g. 1,2), got '\(spec)'", usage: usage)
            }
            guard input.layout == .subscriber else {
                throw .usage("'--call-types' has no effect without '--layout subscriber' (rows of calls have no direction code)", usage: usage)
            }
            input.callTypes = codes
        }
        if let text = a.value("separator") {
            guard let sep = InputOptions.separator(text) else {
                throw .usage("'--separator' wants one punctuation character or 'tab', got '\(text)'", usage: usage)
            }
            guard input.format == .csv else {
                throw .usage("'--separator' has no effect with '--input-format jsonl' (JSON Lines has no separator)", usage: usage)
            }
            input.separator = sep
        }
        if let spec = a.value("columns") {
            do { try input.mapColumns(spec) } catch { throw .usage(error.description, usage: usage) }
        }
        do { try input.validate() } catch { throw .usage(error.description, usage: usage) }
        if let keyFile = a.value("pseudonymize") {
            pseudonymizer = try Self.pseudonymizer(keyFile)
            input.quoteFieldsInIssues = false
        } else {
            pseudonymizer = .off
        }
        threads = try a.int("threads", default: InputFiles.defaultThreads, range: 1...256, usage: usage)
        input.spillDirectory = try SpillDirectory.choose(a, usage: usage)
        input.strayGap = try DurationOption.value(a, "stray-gap", default: input.strayGap, usage: usage)
        guard input.strayGap == 0 || input.strayGap >= StrayCalls.smallestGap else {
            throw .usage("'--stray-gap' wants 1h or more (or 0 to keep every call), got '\(a.value("stray-gap") ?? "")'", usage: usage)
        }
        (rules, rulesFile) = try RuleLoading.load(a.value("rules"), watchlists: a.all("watchlist"))
        self.input = input
    }

    /// Reads the call files and reports malformed lines on stderr (first 20, then totals).
    func readCalls(_ files: [String]) throws(CLIError) -> CallLog {
        // One file given twice (a shell glob and a name, a link) counts every call twice and
        // changes the tiers; it is read as asked (a load test may want it), but not silently.
        var seen: [[UInt64]: String] = [:]
        for file in files where file != "-" {
            guard let id = InputFiles.identity(of: file) else { continue }
            if let first = seen[id] {
                Console.error("warning: '\(file)' is the same file as '\(first)': its calls are read, and count, twice")
            } else {
                seen[id] = file
            }
        }
        let log = try InputFiles.read(files, options: input, threads: threads)
        for issue in log.issues { Console.error("\(issue)") }
        if log.rejected > log.issues.count {
            let kinds = log.rejectedByKind.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            Console.error("… \(log.rejected - log.issues.count) more malformed lines not shown (\(kinds))")
        }
        if let note = log.strayNote {
            Console.error("fraud-score: \(note):")
            for example in log.strayExamples { Console.error("  \(example)") }
            if log.strayCalls > log.strayExamples.count {
                Console.error("  … \(log.strayCalls - log.strayExamples.count) more not shown")
            }
        }
        return log
    }

    /// What the reader did beyond plain rows, for a summary line: subscriber rows merged
    /// and skipped; empty when nothing happened.
    static func layoutNotes(_ log: CallLog) -> String {
        layoutNotes(merged: log.mergedDuplicates, skipped: log.skippedCallTypes)
    }

    /// The same, from the counts (`stream`'s lines); `alwaysMerged` says the merged count even
    /// when 0 (a subscriber-layout stream, whose stats lines keep one shape).
    static func layoutNotes(merged: Int, skipped: [String: Int], alwaysMerged: Bool = false) -> String {
        var notes: [String] = []
        if merged > 0 || alwaysMerged { notes.append("\(merged) calls seen from both sides counted once") }
        if !skipped.isEmpty {
            let total = skipped.values.reduce(0, +)
            let kinds = skipped.sorted { $0.key < $1.key }.map { "\($0.value) of type \($0.key)" }.joined(separator: ", ")
            notes.append("\(total) rows of other call types skipped (\(kinds))")
        }
        return notes.joined(separator: "; ")
    }

    /// Reads a key file: its raw bytes (a trailing newline included), at least 16 of them.
    static func pseudonymizer(_ path: String) throws(CLIError) -> Pseudonymizer {
        var st = stat()
        if stat(path, &st) == 0 {
            if (st.st_mode & S_IFMT) != S_IFREG { throw .noInput("'\(path)' is not a regular file (--pseudonymize wants a key file)") }
            if st.st_size > 1 << 20 { throw .data("--pseudonymize: '\(path)' is larger than 1 MiB; is it the key file?") }
            if st.st_mode & 0o077 != 0 {
                Console.error("warning: key file '\(path)' can be read by other users; chmod 600 it")
            }
        }
        let key = try RuleLoading.readBytes(path)
        do { return try Pseudonymizer(key: key) } catch { throw .data("--pseudonymize: '\(path)': \(error)") }
    }
}
