import Foundation
import Testing

/// `stream --layout subscriber`: a subscriber export as a live feed, each call between two
/// subscribers in two rows, counted once; against `score` and the per-call stream of the same
/// week, and resumed from a checkpoint cut between the two rows of a call.
extension StreamCommandTests {
    /// The shipped subscriber sample's lines, header first, its rows in time order (a live
    /// feed's; the file is grouped by subscriber, as exports are).
    static func liveSubscriberLines() throws -> [String] {
        let text = try String(contentsOf: E2E.packageRoot.appendingPathComponent("datasets/subscriber_sample/calls.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        func time(_ line: String) -> String { line.split(separator: ",")[3].replacingOccurrences(of: "T", with: " ") }
        let body = lines.dropFirst().enumerated().sorted { (time($0.1), $0.0) < (time($1.1), $1.0) }.map(\.1)
        return [lines[0]] + body
    }

    /// Best stream tier per subscriber (lower is more urgent), from its JSON lines.
    static func bestTiers(_ jsonl: String) throws -> [String: Int] {
        var best: [String: Int] = [:]
        for line in jsonl.split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let s = try #require(o["subscriber"] as? String), t = try #require(o["tier"] as? Int)
            best[s] = min(best[s] ?? 9, t)
        }
        return best
    }

    /// The sample was made from a per-call week (`datasets/README.md`: synth 100 subscribers,
    /// 4 days, seed 2). Fed live, the subscriber stream writes byte for byte the warnings of
    /// the stream over that week, says what it merged and skipped as `score` does, and covers
    /// `score --layout subscriber`'s tier-1/2 subscribers (scripts/stream_vs_batch.py's
    /// figures) with no extras. Fed as exported (grouped by subscriber, days out of order),
    /// the rows are late and a call's two rows days apart: counted twice, as documented.
    @Test func theSubscriberLayoutStreamsAsThePerCallWeekItWasMadeFrom() throws {
        let dir = try E2E.TempDir()
        #expect(try E2E.run(["synth", "--subscribers", "100", "--days", "4", "--seed", "2", "--out", dir.url.path]).status == 0)
        let live = try dir.file("live.csv", try Self.liveSubscriberLines().joined(separator: "\n") + "\n")
        let sub = try E2E.run(["stream", "--stats-every", "0", "--layout", "subscriber"], stdin: live)
        #expect(sub.status == 0, "\(sub.stderr)")
        #expect(sub.stderr.contains("stream: 8523 records (8534 lines read after the header) in"), "\(sub.stderr)")
        #expect(sub.stderr.contains(" 0 late, 0 rejected, 0 skipped; 3521 calls seen from both sides counted once; 11 rows of other call types skipped (11 of type 3); read-to-flush latency"),
                "\(sub.stderr)")
        let perCall = try E2E.run(["stream", "--stats-every", "0"], stdin: dir.url.appendingPathComponent("calls.csv"))
        #expect(perCall.status == 0)
        #expect(!sub.stdout.isEmpty && sub.stdout == perCall.stdout)
        #expect(!perCall.stderr.contains("counted once"))

        let batch = try E2E.run(["score", "--layout", "subscriber", "datasets/subscriber_sample/calls.csv"])
        #expect(batch.status == 0 && batch.stderr.contains("3521 calls seen from both sides counted once"))
        var batchTier: [String: Int] = [:]
        for row in batch.stdout.split(separator: "\n").dropFirst() {
            let f = row.split(separator: ",", omittingEmptySubsequences: false)
            batchTier[String(f[2])] = Int(f[0])
        }
        let best = try Self.bestTiers(sub.stdout)
        let urgent = batchTier.filter { $0.value <= 2 }
        #expect(urgent.count == 3)
        #expect(urgent.allSatisfy { (best[$0.key] ?? 9) <= $0.value }, "covered: \(best)")
        #expect(best.filter { $0.value <= 2 && (batchTier[$0.key] ?? 9) > 2 }.isEmpty, "extra: \(best)")

        let grouped = try E2E.run(["stream", "--stats-every", "0", "--layout", "subscriber"],
                                  stdin: E2E.packageRoot.appendingPathComponent("datasets/subscriber_sample/calls.csv"))
        #expect(grouped.status == 0)
        #expect(grouped.stderr.contains(" 8497 late, 0 rejected, 0 skipped; 1 calls seen from both sides counted once;"), "\(grouped.stderr)")
    }

    /// Stopped right after the first row of a call and resumed with the rest (header, then the
    /// lines after those it reported): the call counts once, and the warnings and the final
    /// checkpoint are the uninterrupted run's.
    @Test func aSubscriberStreamCutBetweenTwinsResumesExactly() throws {
        let dir = try E2E.TempDir()
        let lines = try Self.liveSubscriberLines()
        let whole = try dir.file("whole.csv", lines.joined(separator: "\n") + "\n")
        let options = ["stream", "--stats-every", "0", "--layout", "subscriber", "--checkpoint"]
        let all = try E2E.run(options + [dir.url.appendingPathComponent("all.ckpt").path], stdin: whole)
        #expect(all.status == 0, "\(all.stderr)")
        // A cut where a row and the next are one call's two rows (the numbers swapped, within 2 s).
        func fields(_ k: Int) -> [Substring] { lines[k].split(separator: ",", omittingEmptySubsequences: false) }
        func minute(_ f: [Substring]) -> Substring { Substring(f[3].replacingOccurrences(of: "T", with: " ").prefix(16)) }
        func isTwin(_ k: Int) -> Bool {
            let x = fields(k - 1), y = fields(k)
            return x[0].suffix(11) == y[1].suffix(11) && x[1].suffix(11) == y[0].suffix(11) && x[2] != y[2] && minute(x) == minute(y)
        }
        let middle = lines.count / 2
        let cut = try #require((middle..<lines.count).first(where: isTwin))
        let checkpoint = dir.url.appendingPathComponent("state.ckpt").path
        let first = try dir.file("first.csv", lines[..<cut].joined(separator: "\n") + "\n")
        let a = try E2E.run(options + [checkpoint], stdin: first)
        #expect(a.status == 0, "\(a.stderr)")
        let rest = try dir.file("rest.csv", ([lines[0]] + lines[cut...]).joined(separator: "\n") + "\n")
        let b = try E2E.run(options + [checkpoint], stdin: rest)
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stderr.contains(", \(cut - 1) lines read after the header; resume with the header"), "\(b.stderr)")
        #expect(a.stdout + b.stdout == all.stdout)
        #expect(b.stderr.contains("3521 calls seen from both sides counted once"), "\(b.stderr)")
        let same = try Data(contentsOf: URL(fileURLWithPath: checkpoint)) == Data(contentsOf: dir.url.appendingPathComponent("all.ckpt"))
        #expect(same)
    }
}
