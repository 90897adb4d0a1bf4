import Foundation
import Testing

/// `bench` and `--threads` end to end: the stage table, and results that do not depend on the
/// number of parsing threads.
@Suite("BenchCommand")
struct BenchCommandTests {
    typealias E2E = EndToEnd

    /// A 2,000-subscriber, 3-day week: about 2.4 MB, large enough to be parsed in parts.
    static func week(_ dir: E2E.TempDir) throws -> String {
        let r = try E2E.run(["synth", "--subscribers", "2000", "--days", "3", "--seed", "9", "--out", dir.url.path])
        #expect(r.status == 0, "\(r.stderr)")
        return dir.url.appendingPathComponent("calls.csv").path
    }

    @Test func scoreListsAreIdenticalForAnyThreadCount() throws {
        let dir = try E2E.TempDir()
        let calls = try Self.week(dir)
        let one = try E2E.run(["score", "--all", "--quiet", "--threads", "1", calls])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.split(separator: "\n").count > 100)
        for threads in ["2", "3"] {
            let many = try E2E.run(["score", "--all", "--quiet", "--threads", threads, calls])
            #expect(many.status == 0)
            #expect(many.stdout == one.stdout)
        }
    }

    @Test func benchPrintsEveryStageAndTheSameChecksum() throws {
        let dir = try E2E.TempDir()
        let calls = try Self.week(dir)
        var checksums: [String] = []
        for threads in ["1", "2"] {
            let r = try E2E.run(["bench", "--threads", threads, calls])
            #expect(r.status == 0, "\(r.stderr)")
            for stage in ["parse", "profiles", "suspicion", "scoring", "output", "total"] {
                #expect(r.stdout.contains("\n" + stage + " "), "no \(stage) row")
            }
            checksums += r.stdout.split(separator: "\n").filter { $0.hasPrefix("checksum:") }.map(String.init)
        }
        #expect(checksums.count == 2)
        #expect(checksums.first == checksums.last)
    }

    @Test func repeatTakesTheBestOfSeveralRunsWithOneChecksum() throws {
        let dir = try E2E.TempDir()
        let calls = try Self.week(dir)
        let once = try E2E.run(["bench", calls])
        let r = try E2E.run(["bench", "--repeat", "3", calls])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("best of 3 runs"))
        #expect(r.stdout.contains("cpu s"))
        let sum = { (s: String) in s.split(separator: "\n").filter { $0.hasPrefix("checksum:") } }
        #expect(sum(r.stdout).count == 1 && sum(r.stdout) == sum(once.stdout))
        #expect(try E2E.run(["bench", "--repeat", "0", calls]).status == 64)
    }

    @Test func badThreadCountIsAUsageError() throws {
        let r = try E2E.run(["score", "--threads", "0", "x.csv"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--threads"))
    }

    /// bench dropped malformed lines without a word, and took options that shape the
    /// synthetic week with a FILE, or stdin with '--repeat', and ignored them.
    @Test func badLinesAreReportedAndIgnoredOptionsRefused() throws {
        let dir = try E2E.TempDir()
        let calls = dir.url.appendingPathComponent("calls.csv").path
        try "start_time,caller,callee,duration\n2026-03-02 08:00:00,13900000001,13900000002,60\n2026-03-02 08:01:00,13900000001,13900000002,-5\n"
            .write(toFile: calls, atomically: true, encoding: .utf8)
        let r = try E2E.run(["bench", calls])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("calls.csv:3: bad duration '-5'"))
        for args in [["--subscribers", "500", calls], ["--repeat", "2", "-"], ["--pseudonymize", "key", calls]] {
            let refused = try E2E.run(["bench"] + args)
            #expect(refused.status == 64, "\(args): \(refused.stderr)")
        }
    }
}
