import Foundation
import Testing

/// `score` on a synthetic week, end to end: the list in its order and formats, from a file or
/// stdin, with the calls spilled or in memory, longer periods judged by week, and a stray
/// call skipped.
@Suite("ScoreCommand")
struct ScoreCommandTests: EndToEndFixture {
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
}
