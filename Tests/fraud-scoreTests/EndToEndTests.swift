#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import Testing

/// Runs the real `fraud-score` binary, as a user would: exit codes, stdout/stderr split, help
/// text, files written.
@Suite("EndToEnd")
struct EndToEndTests {
    // MARK: - Running the binary

    /// The package root (…/Tests/fraud-scoreTests/EndToEndTests.swift → …): the working
    /// directory of every run, so the binary finds `rules/default.rules` there.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `fraud-score`. SwiftPM puts every product of the package, the test runner
    /// included, in one products folder (`<scratch>/<triple>/debug/`), and this target depends
    /// on the executable, so it is built before the tests run. On Linux the runner
    /// (`fraud-scorePackageTests.xctest`) is a plain executable and `Bundle.main.bundleURL` is
    /// that folder; `/proc/self/exe` and `arguments[0]` name the runner itself; on macOS the
    /// runner is Xcode's `xctest` and the products folder is the parent of the `.xctest`
    /// bundle in `Bundle.allBundles`. The first folder holding an executable `fraud-score` wins,
    /// so whichever scratch path was used (`.build`, `.build-tests`), the binary is the one
    /// built with these tests.
    static let binary: URL? = {
        var folders = [Bundle.main.bundleURL]
        if let exe = Bundle.main.executableURL { folders.append(exe.deletingLastPathComponent()) }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        if let first = ProcessInfo.processInfo.arguments.first {
            folders.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        for b in Bundle.allBundles where b.bundleURL.pathExtension == "xctest" {
            folders.append(b.bundleURL.deletingLastPathComponent())
        }
        return folders.map { $0.appendingPathComponent("fraud-score") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct RunResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `fraud-score args` in the package root; stdout and stderr go through files, so a
    /// large output can never block the child on a full pipe.
    static func run(_ args: [String], stdin: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let binary = try #require(Self.binary, "fraud-score not found beside the test runner", sourceLocation: sourceLocation)
        let dir = try TempDir()
        let out = dir.url.appendingPathComponent("stdout"), err = dir.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = packageRoot
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardInput = try stdin.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return RunResult(status: p.terminationStatus,
                      stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// A temporary folder, removed when the value goes away.
    final class TempDir {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("fraud-score-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func file(_ name: String, _ text: String? = nil) throws -> URL {
            let u = url.appendingPathComponent(name)
            if let text { try text.write(to: u, atomically: false, encoding: .utf8) }
            return u
        }
    }

    /// A synthetic log: 300 subscribers, two days, seed 5.
    static func synth(into dir: TempDir) throws -> URL {
        let r = try run(["synth", "--subscribers", "300", "--days", "2", "--seed", "5", "--out", dir.url.path])
        #expect(r.status == 0, "\(r.stderr)")
        return dir.url.appendingPathComponent("calls.csv")
    }

    static let header = "start_time,caller,callee,duration\n"

    // MARK: - Help and usage errors

    @Test func topLevelHelp() throws {
        let r = try Self.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("OVERVIEW: "))
        #expect(r.stdout.contains("\nUSAGE: fraud-score <subcommand>"))
        #expect(r.stdout.contains("\nSUBCOMMANDS:\n"))
        for c in ["score", "explain", "check", "synth"] { #expect(r.stdout.contains("\n  \(c) ")) }
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.contains("\nOPTIONS:\n"))
    }

    @Test(arguments: ["score", "stream", "explain", "check", "synth"])
    func subcommandHelp(_ command: String) throws {
        let r = try Self.run([command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("OVERVIEW: "))
        #expect(r.stdout.contains("\nUSAGE: fraud-score \(command)"))
        #expect(r.stdout.contains("\nOPTIONS:\n"))
        #expect(r.stdout.contains("-h, --help"))
        #expect(r.stderr.isEmpty)
        #expect(try Self.run(["help", command]).stdout == r.stdout)
    }

    @Test func unknownOptionIsAUsageError() throws {
        let r = try Self.run(["score", "--foo", "calls.csv"])
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.first == "Error: Unknown option '--foo'")
        #expect(lines.dropFirst().first?.hasPrefix("Usage: fraud-score score ") == true)
        #expect(try Self.run(["frobnicate"]).status == 64)
    }

    // MARK: - Bad input

    @Test func missingInputFileExits66() throws {
        let r = try Self.run(["score", "/nonexistent/calls.csv"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("Error: cannot open '/nonexistent/calls.csv'"))
        #expect(r.stdout.isEmpty)
    }

    @Test func malformedLineIsReportedAndSkippedUnlessStrict() throws {
        let dir = try TempDir()
        let csv = try dir.file("calls.csv", Self.header + """
            2026-03-02 08:15:30,13900000001,13900000002,60
            2026-03-02 08:16:30,13900000001,13900000002
            2026-03-02 08:17:30,13900000001,13900000003,30

            """)
        let r = try Self.run(["score", csv.path, "--quiet"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("\(csv.path):3: expected 4 fields, found 3"))
        #expect(r.stdout.hasPrefix("tier,action,subscriber,score,region,reasons"))
        let strict = try Self.run(["score", "--strict", csv.path])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("\(csv.path):3: expected 4 fields, found 3 (--strict)"))
        #expect(strict.stdout.isEmpty)
    }

    @Test func missingRequiredColumnExits65NamingIt() throws {
        let dir = try TempDir()
        let csv = try dir.file("calls.csv", "time,caller,callee,duration\n2026-03-02 08:15:30,139,138,3\n")
        let r = try Self.run(["score", csv.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("missing required column 'start_time'"))
        let mapped = try Self.run(["score", "--columns", "start_time=time", "--quiet", csv.path])
        #expect(mapped.status == 0)
    }

    @Test func badRulesFileExits65AndLeavesOutputAlone() throws {
        let dir = try TempDir()
        let rules = try dir.file("bad.rules", """
            caller rule x weight 1 = out_calss > 3
            tier 4 = score > 0.5

            """)
        let csv = try dir.file("calls.csv", Self.header + "2026-03-02 08:15:30,13900000001,13900000002,60\n")
        let out = dir.url.appendingPathComponent("list.csv")
        let r = try Self.run(["score", "--rules", rules.path, "--out", out.path, csv.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(rules.path):1:26: unknown feature 'out_calss'"))
        #expect(r.stderr.contains("\(rules.path):2:6: "))
        #expect(!FileManager.default.fileExists(atPath: out.path))

        try "keep me\n".write(to: out, atomically: false, encoding: .utf8)
        let again = try Self.run(["score", "--rules", rules.path, "--out", out.path, csv.path])
        #expect(again.status == 65)
        #expect(try String(contentsOf: out, encoding: .utf8) == "keep me\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["bad.rules", "calls.csv", "list.csv"])

        let check = try Self.run(["check", rules.path])
        #expect(check.status == 65)
        #expect(check.stderr.contains("\(rules.path):1:26: "))
        // Every error on a line of its own, each marked as one (not only the first).
        let errors = check.stderr.split(separator: "\n").filter { $0.contains(rules.path) }
        #expect(errors.count >= 2 && errors.allSatisfy { $0.hasPrefix("Error: \(rules.path):") }, "\(check.stderr)")
    }

    @Test func rulesThatCanWarnNobodyAreRefused() throws {
        // An empty file (an editor's truncated save, a `>` typo) or one without tiers parses,
        // but scoring with it would list nobody and say nothing.
        let dir = try TempDir()
        let csv = try dir.file("calls.csv", Self.header + "2026-03-02 08:15:30,13900000001,13900000002,60\n")
        for (name, text) in [("empty.rules", ""), ("no-tiers.rules", "victim rule long weight 2 = suspect_talk >= 10m\n")] {
            let rules = try dir.file(name, text)
            for command in [["score", "--rules", rules.path, csv.path], ["check", rules.path],
                            ["stream", "--rules", rules.path]] {
                let r = try Self.run(command)
                #expect(r.status == 65, "\(command)")
                #expect(r.stderr.contains("\(rules.path): defines no tier"), "\(r.stderr)")
            }
        }
    }

    @Test func hugeRuleWeightDoesNotCrashScore() throws {
        let dir = try TempDir()
        let rules = try dir.file("huge.rules", """
            class compound = prefix("+855")
            caller bias -5
            caller suspect = compound
            victim rule big weight 1e20 = suspect_calls >= 1
            tier 3 = score >= 0.5

            """)
        let csv = try dir.file("calls.csv", Self.header + "2026-03-02 08:00:00,+85512345678,13900000001,600\n")
        #expect(try Self.run(["check", rules.path]).status == 0)               // the rules are valid
        let r = try Self.run(["score", "--rules", rules.path, "--quiet", csv.path])
        #expect(r.status == 0, "\(r.stderr.prefix(200))")
    }

    @Test func checkingAMissingRulesFileExits66() throws {
        let dir = try TempDir()
        let missing = dir.url.appendingPathComponent("nope.rules").path
        let r = try Self.run(["check", missing])
        #expect(r.status == 66 && r.stderr.contains("Error: cannot open '\(missing)'"), "\(r.stderr)")
        // With a file that has errors as well, the errors decide: 65.
        let bad = try dir.file("bad.rules", "victim rule v weight 1 = nothing_here >= 1\n")
        #expect(try Self.run(["check", missing, bad.path]).status == 65)
    }

    @Test func shippedRulesCheckCleanly() throws {
        let r = try Self.run(["check", "rules/default.rules"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("rules/default.rules: OK\n"))
    }

    // MARK: - A synthetic week, scored

    @Test func synthThenScoreToAFile() throws {
        let dir = try TempDir()
        let calls = try Self.synth(into: dir)
        for name in ["calls.csv", "labels.csv", "victims.csv", "fraud.csv", "watchlist.txt"] {
            #expect(FileManager.default.fileExists(atPath: dir.url.appendingPathComponent(name).path), "\(name)")
        }
        let out = dir.url.appendingPathComponent("list.csv")
        let r = try Self.run(["score", calls.path, "--out", out.path, "--all"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("fraud-score: "))                          // the summary
        let attributes = try FileManager.default.attributesOfItem(atPath: out.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasPrefix("tier,action,subscriber,score,region,reasons") == true)
        let rows = lines.dropFirst().map { Self.fields($0) }
        #expect(rows.count > 10)
        // Tier 1, 2, 3, then 0 (below every tier, listed with --all); by score within a tier.
        func urgency(_ tier: String) -> Int { tier == "0" ? 0 : 4 - (Int(tier) ?? 9) }
        for (a, b) in zip(rows, rows.dropFirst()) {
            let ua = urgency(a[0]), ub = urgency(b[0])
            let sa = Double(a[3]) ?? .nan, sb = Double(b[3]) ?? .nan
            #expect(ua > ub || (ua == ub && sa >= sb), "\(a[2]) before \(b[2])")
        }
        #expect(Set(rows.map { $0[1] }).isSubset(of: ["visit", "call", "sms", "none"]))
    }

    @Test func jsonLinesParse() throws {
        let dir = try TempDir()
        let calls = try Self.synth(into: dir)
        let r = try Self.run(["score", calls.path, "--format", "jsonl", "--all", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count > 10)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["subscriber"] is String)
            #expect(object?["tier"] is NSNumber)
            #expect(object?["reasons"] is [Any])
        }
    }

    @Test func stdinGivesTheSameListAsTheFile() throws {
        let dir = try TempDir()
        let calls = try Self.synth(into: dir)
        let fromFile = try Self.run(["score", calls.path, "--all", "--quiet"])
        let fromStdin = try Self.run(["score", "-", "--all", "--quiet"], stdin: calls)
        #expect(fromFile.status == 0 && fromStdin.status == 0)
        #expect(fromFile.stdout.count > 1_000)
        #expect(fromStdin.stdout == fromFile.stdout)
    }

    /// Two days of calls are one window and say nothing of windows; the same calls with one more
    /// a month later are judged by week, and the summary says so.
    @Test func aLongerPeriodIsAnnouncedAsJudgedByWeek() throws {
        let dir = try TempDir()
        let calls = try Self.synth(into: dir)
        let week = try Self.run(["score", calls.path, "--all"])
        #expect(week.status == 0 && !week.stderr.contains("exposure_window"))
        let longer = dir.url.appendingPathComponent("longer.csv")
        let text = try String(contentsOf: calls, encoding: .utf8)
        let columns = text.prefix { $0 != "\n" }.split(separator: ",").count
        // Sixteen calls: fewer, so far from the rest, would be skipped as stray (below).
        let late = (10..<26).map { m in
            (["2026-04-30 12:\(m):00", "13900000001", "13900000002", "30"] + Array(repeating: "", count: columns - 4)).joined(separator: ",")
        }
        try (text + late.joined(separator: "\n") + "\n").write(to: longer, atomically: true, encoding: .utf8)
        let month = try Self.run(["score", longer.path, "--all"])
        #expect(month.status == 0)
        #expect(!month.stderr.contains("skipped"))
        #expect(month.stderr.contains("the calls span more than exposure_window (7 days): each subscriber is judged on the window of it that scores worst"))
    }

    /// One line of a week dated 2062 (a mistyped year) is skipped and reported: the list is the
    /// week's, not one judged over 36 years. `--strict` stops at it; `--stray-gap 0` keeps it.
    @Test func aStrayCallIsSkippedAndReported() throws {
        let dir = try TempDir()
        let calls = try Self.synth(into: dir)
        let text = try String(contentsOf: calls, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let typo = "2062" + lines[1].dropFirst(4)
        let typed = dir.url.appendingPathComponent("typo.csv")
        try ([lines[0], Substring(typo)] + lines[1...]).joined(separator: "\n").write(to: typed, atomically: true, encoding: .utf8)
        let week = try Self.run(["score", calls.path, "--all"])
        let skipped = try Self.run(["score", typed.path, "--all"])
        #expect(week.status == 0 && skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout == week.stdout)
        let shown = "2062" + lines[1].prefix(19).dropFirst(4)
        #expect(skipped.stderr.contains("fraud-score: skipped 1 call dated more than 1 day from any other call (a mistyped time or a reset clock?; --stray-gap 0 keeps them):\n  \(shown), "))
        #expect(!skipped.stderr.contains("exposure_window"))
        let kept = try Self.run(["score", typed.path, "--all", "--stray-gap", "0"])
        #expect(kept.status == 0 && kept.stderr.contains("exposure_window") && !kept.stderr.contains("skipped"))
        let strict = try Self.run(["score", typed.path, "--strict"])
        #expect(strict.status == 65 && strict.stdout.isEmpty)
        #expect(strict.stderr.contains("a call at \(shown), "))
        #expect(strict.stderr.contains("is more than 1 day from any other call (a mistyped time?) (--strict; --stray-gap 0 keeps such calls)"))
        let tooShort = try Self.run(["score", typed.path, "--stray-gap", "30m"])
        #expect(tooShort.status == 64 && tooShort.stderr.contains("'--stray-gap' wants 1h or more (or 0 to keep every call), got '30m'"))
    }

    /// The calls go to a file in --spill's directory by default; --in-memory keeps them in
    /// memory; the list is the same, and nothing is left in the directory.
    @Test func spillDirectoryOrMemoryGiveTheSameList() throws {
        let dir = try TempDir()
        let calls = try Self.synth(into: dir)
        let spillDir = dir.url.appendingPathComponent("spill")
        try FileManager.default.createDirectory(at: spillDir, withIntermediateDirectories: false)
        let spilled = try Self.run(["score", calls.path, "--all", "--quiet", "--spill", spillDir.path, "--threads", "2"])
        let inMemory = try Self.run(["score", calls.path, "--all", "--quiet", "--in-memory", "--threads", "1"])
        #expect(spilled.status == 0 && inMemory.status == 0, "\(spilled.stderr)\(inMemory.stderr)")
        #expect(spilled.stdout.count > 1_000 && spilled.stdout == inMemory.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spillDir.path).isEmpty)

        let both = try Self.run(["score", calls.path, "--spill", spillDir.path, "--in-memory"])
        #expect(both.status == 64 && both.stderr.contains("exclude each other"))
        let missing = try Self.run(["score", calls.path, "--spill", dir.url.appendingPathComponent("none").path])
        #expect(missing.status == 64 && missing.stderr.contains("is not a directory"))
        let unwritable = try Self.run(["score", calls.path, "--spill", "/proc"])   // even root cannot make files there
        #expect(unwritable.status == 74 && unwritable.stderr.contains("cannot create a file for the calls in /proc"))
        let stream = try Self.run(["stream", "--spill", spillDir.path])            // the stream holds no calls
        #expect(stream.status == 64 && stream.stderr.contains("Unknown option '--spill'"))
    }

    @Test func explainAListedSubscriber() throws {
        let dir = try TempDir()
        let calls = try Self.synth(into: dir)
        let list = try Self.run(["score", calls.path, "--all", "--quiet"])
        let row = try #require(list.stdout.split(separator: "\n").dropFirst().first.map { Self.fields($0) })
        let subscriber = row[2]
        let r = try Self.run(["explain", subscriber, calls.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("NUMBER \(subscriber)"))
        #expect(r.stdout.contains("AS A POSSIBLE VICTIM: score \(row[3])"))   // the same score as the list
        #expect(r.stdout.contains("\nTIMELINE (calls with suspects, bank hotlines and new numbers)\n"))
        let timeline = r.stdout.components(separatedBy: "\nTIMELINE (calls with suspects, bank hotlines and new numbers)\n")[1]
        let times = timeline.split(separator: "\n").map { String($0.dropFirst(2).prefix(19)) }
        #expect(!times.isEmpty)
        #expect(times == times.sorted())
        #expect(times.contains(row[7]))                                          // first_contact

        let unknown = try Self.run(["explain", "13000000000", calls.path])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("does not occur"))
    }

    @Test func closedStdoutEndsQuietly() throws {
        let dir = try TempDir()
        let calls = try Self.synth(into: dir)
        let binary = try #require(Self.binary)
        for args in [["score", calls.path, "--all"], ["--help"]] {
            // Like `fraud-score … | head -0`: the reader is gone before the first write.
            var fds: [Int32] = [0, 0]
            try #require(pipe(&fds) == 0)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)           // Process dup2s it onto the child's stdout
            close(fds[0])
            let errFile = try dir.file("stderr-\(args.count)", "")
            let p = Process()
            p.executableURL = binary
            p.arguments = args
            p.currentDirectoryURL = Self.packageRoot
            p.standardOutput = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
            p.standardError = try FileHandle(forWritingTo: errFile)
            p.standardInput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            let stderr = try String(contentsOf: errFile, encoding: .utf8)
            #expect(p.terminationReason == .exit)
            #expect(p.terminationStatus == 0, "\(args): \(stderr)")
            #expect(!stderr.contains("Fatal error") && !stderr.contains("Illegal") && !stderr.contains("Segmentation"))
            // The run stopped at its first write: no summary, which comes after the list.
            #expect(!stderr.contains("fraud-score: "))
        }
    }

    @Test func aClosedReportStillWritesTheFiles() throws {
        // `eval … --metrics m.json | head -0`: the report goes to stdout first; its reader gone,
        // the metrics file must still be written (the process used to end there, leaving a
        // temporary file and no m.json).
        let dir = try TempDir()
        let calls = try Self.synth(into: dir)
        let labels = calls.deletingLastPathComponent().appendingPathComponent("labels.csv")
        let metrics = dir.url.appendingPathComponent("m.json")
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        close(fds[0])
        let binary = try #require(Self.binary)
        let p = Process()
        p.executableURL = binary
        p.arguments = ["eval", "--labels", labels.path, "--metrics", metrics.path, calls.path]
        p.currentDirectoryURL = Self.packageRoot
        p.standardOutput = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: metrics.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).allSatisfy { !$0.contains(".tmp") })
    }

    // MARK: - CSV

    /// Splits one CSV row, honouring double quotes.
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = [], field = "", quoted = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            switch c {
            case "\"" where quoted:
                if let n = chars.next() {
                    if n == "\"" { field.append("\"") } else { quoted = false; if n == "," { out.append(field); field = "" } else { field.append(n) } }
                } else { quoted = false }
            case "\"" where field.isEmpty: quoted = true
            case "," where !quoted: out.append(field); field = ""
            default: field.append(c)
            }
        }
        out.append(field)
        return out
    }
}
