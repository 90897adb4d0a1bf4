import Foundation
import Testing

/// `explain` end to end: a listed subscriber's score and timeline, and a number not in the calls.
@Suite("ExplainCommand")
struct ExplainCommandTests: EndToEndFixture {
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
}
