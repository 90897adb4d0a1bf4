/// Drives the reader, the rules parser, the stream and the checkpoint parser with arbitrary
/// bytes and checks that each input ends in a result or a typed error. The fuzz targets in
/// `Fuzz/` call it under libFuzzer; `CorpusTests` call it on every file of `Tests/Corpus/`, so
/// an input that once crashed replays exactly the same way in `swift test`.
///
/// A crash, a hang or a failed invariant (`precondition`) is a finding; every other outcome
/// is fine.
enum HostileInput {
    /// What became of one input.
    enum Outcome: Equatable {
        /// The reader produced a log (records kept, records rejected).
        case log(records: Int, rejected: Int)
        /// The reader stopped with a typed error.
        case inputError(InputError)
        /// The rules parsed and every program evaluated.
        case rules
        /// The rules were refused with diagnostics.
        case ruleErrors(Int)
        /// The stream took the whole feed and raised this many warnings.
        case streamed(warnings: Int)
        /// The checkpoint restored (and saved again, the same state).
        case restored
        /// The checkpoint was refused with a typed error.
        case checkpointError(CheckpointError)
    }

    // MARK: - Reader

    /// Reads `bytes` as a call file. Byte 0 chooses the options (bit 0 JSON Lines, bit 1
    /// subscriber layout, bits 2–3 the separator: detected , ; tab, bit 4 tiny limits, bit 5
    /// strict, bit 6 also run the analysis), byte 1 the chunk size (1–256), the rest is the
    /// file, read twice as two sources.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard bytes.count >= 2 else { return .log(records: 0, rejected: 0) }
        let flags = bytes[0]
        let o = inputOptions(flags)
        let chunk = Int(bytes[1]) + 1
        let body = UnsafeBufferPointer(rebasing: bytes[2...])
        var builder = CallLogBuilder(options: o, capacity: 16)
        let log: CallLog
        do throws(InputError) {
            for name in ["a", "b"] {
                builder.beginSource(name)
                var i = 0
                while i < body.count {
                    let j = min(i + chunk, body.count)
                    try builder.consume(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: body[i..<j])))
                    i = j
                }
                try builder.endSource()
            }
            log = try builder.finish()
        } catch {
            return .inputError(error)
        }
        check(log, limit: o.maximumLineLength)
        if flags & 64 != 0, let rules = try? RuleSet.parse(analysisRules, file: "fuzz.rules", schema: .engine, environment: environment) {
            let analysis = Analysis(log: log, rules: rules)
            precondition(analysis.warnings.count <= log.numbers.count)
            var out: [UInt8] = []
            for w in analysis.warnings { WarningFormat.jsonl.append(w, offset: log.displayOffset, pseudonymizer: .off, to: &out) }
            for s in analysis.suspectNumbers(minimum: 0) { _ = s.csvRow(.off) }
            if let first = analysis.warnings.first, let e = analysis.explain(first.subscriber) {
                _ = ExplanationReport.text(e, offset: log.displayOffset, pseudonymizer: .off)
            }
        }
        return .log(records: log.records.count, rejected: log.rejected)
    }

    /// The reader's options from an input's first byte (bits 0–5, as ``read(_:)`` says).
    private static func inputOptions(_ flags: UInt8) -> InputOptions {
        var o = InputOptions()
        o.format = flags & 1 != 0 ? .jsonl : .csv
        o.layout = flags & 2 != 0 ? .subscriber : .call
        o.separator = [nil, 0x2C, 0x3B, 0x09][Int(flags >> 2 & 3)]
        if flags & 16 != 0 {
            o.maximumLineLength = 48
            o.maximumFields = 6
            o.keptIssues = 2
        }
        o.strict = flags & 32 != 0
        return o
    }

    // MARK: - Stream

    /// Feeds `bytes` to a stream engine as a live feed, in the reader's layout (byte 0 the
    /// options as for ``read(_:)``, bit 1 the subscriber layout, whose rows of one call the
    /// stream matches itself; bit 6 `--max-ahead 0`, bit 7 a two-day retention and no
    /// cool-down; byte 1 the chunk size; the rest the feed), and ends it. Its state, saved,
    /// must restore and save the very same bytes.
    static func stream(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        guard bytes.count >= 2 else { return .streamed(warnings: 0) }
        let flags = bytes[0]
        let input = inputOptions(flags)
        var options = StreamOptions()
        if flags & 64 != 0 { options.maxAhead = 0 }
        if flags & 128 != 0 { options.retention = 2 * 86_400; options.cooldown = 0 }
        let chunk = Int(bytes[1]) + 1
        let body = UnsafeBufferPointer(rebasing: bytes[2...])
        var engine = StreamEngine(rules: streamRules, options: options, input: input)
        var warnings = 0
        do throws(InputError) {
            var i = 0
            while i < body.count {
                let j = min(i + chunk, body.count)
                warnings += try engine.consume(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: body[i..<j]))).count
                i = j
            }
            warnings += try engine.finish().count
        } catch {
            return .inputError(error)
        }
        checkSavesTheSameBytes(engine, options: options, input: input)
        return .streamed(warnings: warnings)
    }

    /// Invariants of any log, however hostile the input.
    private static func check(_ log: CallLog, limit: Int) {
        let n = log.numbers.count
        precondition(log.regionOf.count == n && log.imeiCount.count == n)
        for r in log.records { precondition(Int(r.caller) < n && Int(r.callee) < n) }
        for id in 0..<n {
            let text = log.numbers.text(NumberID(id))
            precondition(!text.isEmpty && text.utf8.count <= PhoneNumber.maximumLength + 1)
            precondition(log.numbers.lookup(text) == NumberID(id))
        }
        precondition(log.issues.allSatisfy { $0.line >= 1 })
        precondition(log.rejected == log.rejectedByKind.values.reduce(0, +))
        precondition(log.skippedCallTypes.count <= CallLogBuilder.maximumCallTypeKinds + 1)
    }

    // MARK: - Rules

    /// Parses `bytes` as a rules file (list files `a.txt` exist, others do not), then
    /// evaluates every compiled program on a few feature vectors and numbers.
    static func parseRules(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        let rules: RuleSet
        do {
            rules = try RuleSet.parse(Array(bytes), file: "fuzz.rules", schema: .engine, environment: environment)
        } catch {
            precondition(!error.diagnostics.isEmpty)
            return .ruleErrors(error.diagnostics.count)
        }
        _ = rules.summary
        let width = max(CallerFeature.allCases.count, VictimFeature.allCases.count)
        let vectors: [[Double]] = [
            [Double](repeating: 0, count: width), [Double](repeating: 1e300, count: width),
            (0..<width).map { Double($0) - 3 }, [Double](repeating: .nan, count: width),
        ]
        for number in ["13912345678", "95588", "+85512345678", "0571880012", String(repeating: "ab", count: 64)] {
            let traits = rules.numberTraits(number)
            _ = rules.memberships(traits)
            _ = rules.consider(traits)
            for v in vectors {
                v.withUnsafeBufferPointer { f in
                    _ = rules.caller.probability(features: f, traits: traits)
                    _ = rules.victim.contributions(features: f, traits: traits)
                    _ = rules.forcedSuspicion(features: f, traits: traits)
                    _ = rules.tier(features: f, traits: traits, score: 0.5)
                }
            }
        }
        return .rules
    }

    // MARK: - Checkpoint

    /// Restores `bytes`, sealed here with their CRC-32 so the checksum lets them through to the
    /// parser (damage on disk stops at the checksum; this is the parser's own defence), as a
    /// stream checkpoint under the analysis rules. A restored engine saves its state, which
    /// must restore again and save the very same bytes.
    static func restoreCheckpoint(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        var sealed = Array(bytes)
        withUnsafeBytes(of: CRC32.checksum(sealed).littleEndian) { sealed.append(contentsOf: $0) }
        let engine: StreamEngine
        do throws(CheckpointError) {
            // As a subscriber stream, so the duplicate filter's rows are restored, not only read.
            engine = try StreamEngine(checkpoint: sealed, rules: streamRules, input: subscriberInput)
        } catch {
            return .checkpointError(error)
        }
        checkSavesTheSameBytes(engine, input: subscriberInput)
        return .restored
    }

    private static var subscriberInput: InputOptions {
        var o = InputOptions()
        o.layout = .subscriber
        return o
    }

    /// `engine`'s checkpoint must restore (with the same options) and save the very same bytes.
    private static func checkSavesTheSameBytes(_ engine: StreamEngine, options: StreamOptions = StreamOptions(),
                                               input: InputOptions = InputOptions()) {
        let saved = engine.checkpoint()
        guard let again = try? StreamEngine(checkpoint: saved, rules: streamRules, options: options, input: input) else {
            preconditionFailure("a stream's state saves a checkpoint that restores")
        }
        precondition(again.checkpoint() == saved, "a restored stream state saves the same bytes")
    }

    /// A checkpoint body (without its checksum) of a short subscriber stream under the
    /// analysis rules: a spray, a victim it held (both sides' rows) who then rang a bank, a
    /// number rung late, two calls crossing in one second (a tentative pair in the duplicate
    /// filter), a forwarding row, and calls held as dated a day ahead: the seed of the
    /// checkpoint corpus.
    static func sampleCheckpoint() -> [UInt8] {
        var engine = StreamEngine(rules: streamRules, input: subscriberInput)
        var text = "phone_no_m,opposite_no_m,calltype_id,start_datetime,call_dur,county_name,imei_m\n"
        text += "13700000009,13900001111,1,2026-03-02 08:00:00,900,330101,861234567890123\n"
        text += "13900001111,13700000009,2,2026-03-02 08:00:01,900,330102,\n"
        for k in 0..<6 { text += "13700000009,1360000000\(k),1,2026-03-02 08:1\(k):00,0,330101,\n" }
        text += "13900001111,95588,1,2026-03-02 09:30:00,300,330102,\n"
        text += "13900002222,13700000009,1,2026-03-02 08:20:00,200,,\n"
        text += "13900001111,13900002222,1,2026-03-02 09:30:05,35,330102,\n"
        text += "13900002222,13900001111,1,2026-03-02 09:30:05,34,330103,\n"
        text += "13900001111,13900002222,3,2026-03-02 09:30:06,0,330102,\n"
        text += "13900001111,13900002222,1,2026-03-03 10:00:00,60,,\n"
        text += "13900002222,13900001111,2,2026-03-03 10:00:01,60,,\n"
        _ = Array(text.utf8).withUnsafeBytes { try? engine.consume($0) }
        return Array(engine.checkpoint().dropLast(4))
    }

    /// The analysis rules, parsed once.
    private static let streamRules: RuleSet = {
        guard let rules = try? RuleSet.parse(analysisRules, file: "fuzz.rules", schema: .engine, environment: environment)
        else { preconditionFailure("the analysis rules parse") }
        return rules
    }()

    private static let environment = RuleEnvironment(
        readFile: { path in
            guard path == "a.txt" else { throw MissingFile() }
            return Array("13912345678\n+85512345678 # note\n\(String(repeating: "cd", count: 64))\n".utf8)
        },
        canonicalNumber: { PhoneNumber.canonical($0) })

    private struct MissingFile: Error, CustomStringConvertible {
        var description: String { "no such file" }
    }

    /// A small complete rule set for running the analysis on fuzzed logs.
    private static let analysisRules = """
        list allowlist = 110, 96110
        class bank_hotline = length == 5 and prefix("955")
        class service = not international and not hashed and length <= 8
        caller trusted = allowlist or bank_hotline or service
        caller bias -3
        caller rule spray weight 2 = out_distinct_per_day >= 3
        caller rule ring weight 2 = ring_contacts >= 1
        victim consider = not service
        victim bias -3
        victim rule long weight 2 = first_contact_longest >= 1m
        victim rule talk weight 1 = log1p(suspect_talk_24h / 10m)
        victim rule bank weight 2 = bank_after_contact >= 1
        tier 1 = score >= 0.8
        tier 2 = score >= 0.4
        tier 3 = score >= 0.1
        """
}
