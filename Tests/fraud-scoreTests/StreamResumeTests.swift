import Foundation
import Testing

/// Resuming a stopped stream where its stderr says: after the lines it read, malformed ones
/// included, not after its records.
extension StreamCommandTests {
    @Test func aRunResumedAfterTheLinesItReportedContinuesExactly() throws {
        let dir = try E2E.TempDir()
        var lines = try Self.week(dir)
        // A malformed line every 1,000, and a blank one: read and counted, never records.
        for at in stride(from: lines.count - 1, to: 1, by: -1000) { lines.insert("not,a,call", at: at) }
        lines.insert("", at: lines.count / 3)
        let rejected = lines.filter { $0 == "not,a,call" }.count
        let whole = try dir.file("whole.csv", lines.joined(separator: "\n") + "\n")
        let all = try E2E.run(["stream", "--stats-every", "0", "--checkpoint", dir.url.appendingPathComponent("all.ckpt").path],
                              stdin: whole)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stderr.contains("stream: \(lines.count - 2 - rejected) records (\(lines.count - 1) lines read after the header) in"),
                "\(all.stderr)")
        #expect(all.stderr.contains(", \(rejected) rejected,"))

        let checkpoint = dir.url.appendingPathComponent("state.ckpt").path
        let first = try dir.file("first.csv", lines[..<(lines.count / 2)].joined(separator: "\n") + "\n")
        let a = try E2E.run(["stream", "--stats-every", "0", "--checkpoint", checkpoint], stdin: first)
        #expect(a.status == 0, "\(a.stderr)")
        let match = a.stderr.firstMatch(of: /records \((\d+) lines read after the header\) in/)
        let taken = try #require(match.flatMap { Int($0.output.1) }, "\(a.stderr)")
        #expect(taken == lines.count / 2 - 1)
        let rest = try dir.file("rest.csv", ([lines[0]] + lines[(1 + taken)...]).joined(separator: "\n") + "\n")
        let b = try E2E.run(["stream", "--stats-every", "0", "--checkpoint", checkpoint], stdin: rest)
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stderr.contains("stream: restored \(checkpoint): "))
        #expect(b.stderr.contains(", \(taken) lines read after the header; resume with the header, then the lines after those (line \(taken + 2) on, in a file with its header on line 1)"),
                "\(b.stderr)")
        #expect(a.stdout + b.stdout == all.stdout)
        // The counters and the state go on as in the uninterrupted run.
        #expect(b.stderr.contains("stream: \(lines.count - 2 - rejected) records (\(lines.count - 1) lines read after the header) in"),
                "\(b.stderr)")
        #expect(b.stderr.contains(", \(rejected) rejected,"), "\(b.stderr)")
        let same = try Data(contentsOf: URL(fileURLWithPath: checkpoint)) == Data(contentsOf: dir.url.appendingPathComponent("all.ckpt"))
        #expect(same)
    }
}
