#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import Testing

/// `fraud-score stream` as an anti-fraud centre runs it: a live feed on stdin, warnings on
/// stdout, signals to stop and reload, a checkpoint to restart from.
@Suite("StreamCommand")
struct StreamCommandTests {
    typealias E2E = EndToEnd

    /// A week big enough to raise warnings: 2,000 subscribers, 3 days.
    static func week(_ dir: E2E.TempDir) throws -> [String] {
        let r = try E2E.run(["synth", "--subscribers", "2000", "--days", "3", "--seed", "5", "--out", dir.url.path])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: dir.url.appendingPathComponent("calls.csv"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    @Test func cutInTwoWithACheckpointGivesTheSameWarnings() throws {
        let dir = try E2E.TempDir()
        let lines = try Self.week(dir)
        let whole = try dir.file("whole.csv", lines.joined(separator: "\n") + "\n")
        let cut = lines.count / 2
        let first = try dir.file("first.csv", lines[..<cut].joined(separator: "\n") + "\n")
        let second = try dir.file("second.csv", ([lines[0]] + lines[cut...]).joined(separator: "\n") + "\n")
        let checkpoint = dir.url.appendingPathComponent("state.ckpt").path

        // The uninterrupted run with a checkpoint of its own: without one, the end of the input
        // also judges every number (the run is over), which a run to be resumed leaves to the next.
        let all = try E2E.run(["stream", "--stats-every", "0", "--checkpoint", dir.url.appendingPathComponent("whole.ckpt").path],
                              stdin: whole)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(!all.stdout.isEmpty)
        let over = try E2E.run(["stream", "--stats-every", "0"], stdin: whole)
        #expect(over.stdout.hasPrefix(all.stdout))
        let a = try E2E.run(["stream", "--stats-every", "0", "--checkpoint", checkpoint], stdin: first)
        #expect(a.status == 0, "\(a.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: checkpoint)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let b = try E2E.run(["stream", "--stats-every", "0", "--checkpoint", checkpoint], stdin: second)
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stderr.contains("stream: restored"))
        #expect(a.stdout + b.stdout == all.stdout)
        // Every line is a JSON object with the event time first.
        for line in all.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["time"] is String)
            #expect(object?["tier"] is Int)
            #expect(line.hasPrefix("{\"time\":"))
        }
    }

    /// One call of the week dated 2036 (a mistyped year): skipped and reported, and the
    /// warnings are those of the week without it; `--max-ahead 0` takes it as it comes, and
    /// every call after it is then late.
    @Test func aCallDatedYearsAheadIsSkippedAndReported() throws {
        let dir = try E2E.TempDir()
        let lines = try Self.week(dir)
        let clean = try dir.file("clean.csv", lines.joined(separator: "\n") + "\n")
        let mid = lines.count / 2
        let stray = "2036-03-03 10:00:00,13100000005,13100000006,60,330106,330106,"
        let withStray = try dir.file("stray.csv", (lines[..<mid] + [stray] + lines[mid...]).joined(separator: "\n") + "\n")
        let expected = try E2E.run(["stream", "--stats-every", "0"], stdin: clean)
        let r = try E2E.run(["stream", "--stats-every", "0"], stdin: withStray)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == expected.stdout)
        #expect(r.stderr.contains("a call at 2036-03-03 10:00:00, ") && r.stderr.contains("stream: skipped record "))
        #expect(r.stderr.contains(" 0 late, 0 rejected, 1 skipped;"))
        let off = try E2E.run(["stream", "--stats-every", "0", "--max-ahead", "0"], stdin: withStray)
        #expect(off.stderr.contains(" 0 skipped;") && !off.stderr.contains(" 0 late,"))
    }

    /// A spray that holds a subscriber, then rings 4 people unanswered: its 5th call makes it a
    /// suspect under these rules, but past its 4th call a number is evaluated on every 8th only.
    @Test func theEndOfTheInputJudgesEveryNumberUnlessTheRunWillBeResumed() throws {
        let dir = try E2E.TempDir()
        let rules = try dir.file("t.rules", """
            caller bias -5
            caller rule spray weight 6 = out_distinct >= 5 and out_answer_rate < 0.5
            victim bias -4
            victim rule long weight 3 = suspect_longest >= 10m
            tier 1 = score >= 0.85
            tier 2 = score >= 0.5
            tier 3 = score >= 0.1
            """)
        let calls = try dir.file("calls.csv", "start_time,caller,callee,duration\n2026-03-02 08:00:00,+85511111111,13900000001,900\n"
            + (1...4).map { "2026-03-02 08:0\($0):00,+85511111111,1380000000\($0),0\n" }.joined())
        let over = try E2E.run(["stream", "--rules", rules.path, "--stats-every", "0"], stdin: calls)
        #expect(over.status == 0, "\(over.stderr)")
        #expect(over.stdout.contains("\"time\":\"2026-03-02 08:04:00\",\"tier\":3"), "\(over.stdout)")
        #expect(over.stdout.contains("13900000001"))
        let resumable = try E2E.run(["stream", "--rules", rules.path, "--stats-every", "0", "--checkpoint",
                                     dir.url.appendingPathComponent("s.ckpt").path], stdin: calls)
        #expect(resumable.status == 0, "\(resumable.stderr)")
        #expect(resumable.stdout.isEmpty)
    }

    @Test func aWarmUpStartsWhereARunningStreamWouldBe() throws {
        let dir = try E2E.TempDir()
        let lines = try Self.week(dir)
        let cut = lines.count / 2
        let past = try dir.file("past.csv", lines[..<cut].joined(separator: "\n") + "\n")
        let live = try dir.file("live.csv", ([lines[0]] + lines[cut...]).joined(separator: "\n") + "\n")
        let checkpoint = dir.url.appendingPathComponent("state.ckpt").path

        let warm = try E2E.run(["stream", "--stats-every", "0", "--warm-up", past.path, "--checkpoint", checkpoint], stdin: live)
        #expect(warm.status == 0, "\(warm.stderr)")
        #expect(warm.stderr.contains("stream: warmed up on \(cut - 1) records from 1 file"))
        #expect(warm.stderr.contains("stream: \(lines.count - cut) records (\(lines.count - cut) lines read after the header) in"))   // stdin's only
        // First the people the past half leaves at risk, dated at its last call, then the
        // live half's warnings; and it differs from a cold start on that half. (The input
        // writes times in several forms; `time` takes the form of the line before.)
        func plain<S: StringProtocol>(_ t: S) -> String { String(t.prefix(19)).replacingOccurrences(of: "T", with: " ") }
        let liveStart = plain(lines[cut]), pastEnd = plain(lines[cut - 1])
        let times = try warm.stdout.split(separator: "\n").map { line in
            plain(try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])["time"] as? String ?? "")
        }
        let atRisk = times.prefix { $0 < liveStart }
        #expect(!atRisk.isEmpty && atRisk.allSatisfy { $0 == pastEnd })
        #expect(times.dropFirst(atRisk.count).allSatisfy { $0 >= liveStart })
        let cold = try E2E.run(["stream", "--stats-every", "0"], stdin: live)
        #expect(cold.status == 0 && warm.stdout != cold.stdout)
        // A cold start says it is one (and how to avoid it); a warmed-up one does not.
        #expect(cold.stderr.contains("stream: starting cold") && cold.stderr.contains("--warm-up"))
        #expect(!warm.stderr.contains("starting cold"))
        // With a checkpoint to restore, the warm-up is not read, and stderr says so.
        let again = try E2E.run(["stream", "--stats-every", "0", "--warm-up", past.path, "--checkpoint", checkpoint],
                                stdin: try dir.file("none.csv", lines[0] + "\n"))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("--warm-up files not read") && !again.stderr.contains("starting cold"))
        let missing = try E2E.run(["stream", "--warm-up", dir.url.appendingPathComponent("nope.csv").path], stdin: live)
        #expect(missing.status == 66 && missing.stderr.contains("cannot open"))
        // A live feed of one call: the people at risk are still warned (they were not, and
        // the end-of-input judgement found no one new to warn).
        let allButOne = try dir.file("all-but-one.csv", lines.dropLast().joined(separator: "\n") + "\n")
        let last = try dir.file("last.csv", lines[0] + "\n" + lines[lines.count - 1] + "\n")
        let one = try E2E.run(["stream", "--stats-every", "0", "--warm-up", allButOne.path], stdin: last)
        #expect(one.status == 0 && one.stdout.split(separator: "\n").count >= atRisk.count, "\(one.stderr)")
    }

    @Test func aDamagedCheckpointIsAClearError() throws {
        let dir = try E2E.TempDir()
        let bad = try dir.file("bad.ckpt", "not a checkpoint")
        let input = try dir.file("in.csv", E2E.header)
        let r = try E2E.run(["stream", "--checkpoint", bad.path], stdin: input)
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.ckpt: not a fraud-score stream checkpoint"))
    }

    @Test func aCheckpointLargerThanARulesFileIsRead() throws {
        // A week of 200,000 subscribers checkpoints to about 150 MB; the 64 MiB cap on rules
        // and list files must not apply. A sparse file of 65 MiB, not a checkpoint, must get
        // as far as the checkpoint's own check.
        let dir = try E2E.TempDir()
        let big = dir.url.appendingPathComponent("big.ckpt").path
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, 65 << 20) == 0)
        let input = try dir.file("in.csv", E2E.header)
        let r = try E2E.run(["stream", "--checkpoint", big], stdin: input)
        #expect(r.status == 65)
        #expect(r.stderr.contains("big.ckpt: not a fraud-score stream checkpoint"), "\(r.stderr)")
    }

    @Test func badDurationsAreUsageErrors() throws {
        let r = try E2E.run(["stream", "--cooldown", "soon"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("'--cooldown' wants a duration like 30s, 5m, 24h or 7d, got 'soon'"))
    }

    @Test func optionsTheStreamCannotHonourAreUsageErrors() throws {
        // One feed read in order on one thread: '--threads' would be parsed and ignored.
        let threads = try E2E.run(["stream", "--threads", "2"])
        #expect(threads.status == 64 && threads.stderr.contains("Unknown option '--threads'"))
        // stdin is the live feed; reading it as past calls first left nothing to stream.
        let warmUp = try E2E.run(["stream", "--warm-up", "-"])
        #expect(warmUp.status == 64 && warmUp.stderr.contains("'--warm-up -' would read the live feed"))
    }

    @Test func aClosedStdoutEndsTheStreamQuietly() throws {
        let dir = try E2E.TempDir()
        let lines = try Self.week(dir)
        let input = try dir.file("in.csv", lines.joined(separator: "\n") + "\n")
        let binary = try #require(E2E.binary)
        let p = Process()
        p.executableURL = binary
        p.arguments = ["stream", "--stats-every", "0"]
        p.currentDirectoryURL = E2E.packageRoot
        p.standardInput = try FileHandle(forReadingFrom: input)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try out.fileHandleForReading.close()                     // nobody reads the warnings
        try p.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(!String(decoding: stderr, as: UTF8.self).contains("Fatal"))
    }

    /// Feeds lines through a pipe, sending signals along the way.
    @Test func hangUpReloadsTheRulesAndABadFileKeepsTheOld() throws {
        let dir = try E2E.TempDir()
        let rulesText = try String(contentsOf: E2E.packageRoot.appendingPathComponent("rules/default.rules"), encoding: .utf8)
        let rules = try dir.file("live.rules", rulesText)
        let checkpoint = dir.url.appendingPathComponent("state.ckpt")
        let binary = try #require(E2E.binary)
        let p = Process()
        p.executableURL = binary
        p.arguments = ["stream", "--rules", rules.path, "--stats-every", "0", "--checkpoint", checkpoint.path]
        p.currentDirectoryURL = E2E.packageRoot
        let input = Pipe(), err = Pipe()
        let outFile = dir.url.appendingPathComponent("out")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        p.standardInput = input
        p.standardOutput = try FileHandle(forWritingTo: outFile)
        p.standardError = err
        try p.run()
        let write = { (s: String) in input.fileHandleForWriting.write(Data(s.utf8)) }
        write(E2E.header + "2026-03-02 08:00:00,13900000001,13900000002,60\n")
        usleep(300_000)
        try "caller rule broken weight = \n".write(to: rules, atomically: true, encoding: .utf8)
        kill(p.processIdentifier, SIGHUP)
        usleep(300_000)
        write("2026-03-02 08:01:00,13900000001,13900000003,60\n")
        // Good rules again, with a rule of weight 0: reloaded, and its warning said.
        try rulesText.replacingOccurrences(of: "victim rule night weight 0.5", with: "victim rule night weight 0")
            .write(to: rules, atomically: true, encoding: .utf8)
        kill(p.processIdentifier, SIGHUP)
        usleep(300_000)
        write("2026-03-02 08:02:00,13900000001,13900000004,60\n")
        usleep(300_000)
        kill(p.processIdentifier, SIGTERM)                       // stop: save and exit, stdin still open
        var waited = 0
        while p.isRunning && waited < 100 { usleep(50_000); waited += 1 }
        #expect(!p.isRunning, "SIGTERM did not stop the stream within 5 s")
        try input.fileHandleForWriting.close()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(stderr)")
        #expect(stderr.contains("reload failed, keeping the old rules"))
        #expect(stderr.contains("live.rules:1:"))
        #expect(stderr.contains("stream: reloaded \(rules.path)"))
        #expect(stderr.contains("live.rules:") && stderr.contains(": warning: rule 'night' has weight 0"), "\(stderr)")
        #expect(stderr.contains("3 records"))
        #expect(FileManager.default.fileExists(atPath: checkpoint.path))
    }
}

extension StreamCommandTests {
    @Test func pseudonymizedWarningsCarryNoInputNumber() throws {
        let dir = try E2E.TempDir()
        let lines = try Self.week(dir)
        let input = try dir.file("in.csv", lines.joined(separator: "\n") + "\n")
        let key = try dir.file("key", "0123456789abcdef0123456789abcdef")
        _ = chmod(key.path, 0o600)
        let plain = try E2E.run(["stream", "--stats-every", "0"], stdin: input)
        let hidden = try E2E.run(["stream", "--stats-every", "0", "--pseudonymize", key.path], stdin: input)
        #expect(plain.status == 0 && hidden.status == 0, "\(hidden.stderr)")
        #expect(hidden.stdout.split(separator: "\n").count == plain.stdout.split(separator: "\n").count)
        // Every subscriber and suspect of the plain warnings is absent from the pseudonymised ones.
        var numbers = Set<String>()
        for line in plain.stdout.split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            numbers.insert(try #require(o["subscriber"] as? String))
            for s in (o["suspects"] as? [String]) ?? [] { numbers.insert(s) }
        }
        #expect(!numbers.isEmpty)
        for n in numbers { #expect(!hidden.stdout.contains("\"\(n)\"")) }
        #expect(hidden.stdout.contains("\"subscriber\":\"p:"))
    }
}
