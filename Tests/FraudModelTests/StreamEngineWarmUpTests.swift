import Foundation
import Testing
@testable import FraudModel

/// Starting a stream from past calls (`StreamEngine+WarmUp`): the state they build, nothing
/// raised while they are read, and one warning for each subscriber they leave at risk.
@Suite("StreamEngine warm-up")
struct StreamEngineWarmUpTests: StreamFixture {
    @Test func aWarmUpBuildsTheStateOfTheCallsItReadAndRaisesNothing() throws {
        func warmed() throws -> StreamEngine {
            var e = StreamEngine(rules: try rules())
            e.beginWarmUp(source: "past.csv")
            let bad = replacing("2026-03-02 08:03:00,", with: "yesterday,1,2,3\n2026-03-02 08:03:00,", in: scam)
            try Array(bad.utf8).withUnsafeBytes { try e.warmUp($0) }
            let read = try e.endWarmUp()
            #expect(read.records == 9 && read.rejected == 1 && read.warnings == 0)
            return e
        }
        var e = try warmed()
        // The counters start again for the live feed; the suspect stays.
        #expect(e.statistics.warnings == 0 && e.statistics.suspects == 1 && e.statistics.records == 0 && e.statistics.rejected == 0)
        #expect(e.issues.first?.description.hasPrefix("past.csv:5: bad start time 'yesterday'") == true)
        // The spray is known as a suspect: a new victim it holds is warned on the first call,
        // where a stream that starts cold knows nothing of it.
        let live = header + "2026-03-02 12:00:00,\(spray),13900000002,900\n"
        #expect(try feed(&e, live).map(\.warning.subscriber) == ["13900000002"])
        var cold = StreamEngine(rules: try rules())
        #expect(try feed(&cold, live).isEmpty)
    }

    /// A call the warm-up file's end leaves held (dated far ahead) goes on to the live feed
    /// with its record number; numbered in the file, it was past the live feed's count, and
    /// a checkpoint saved before the feed had read as many records was refused as damaged.
    @Test func aCallHeldAtTheEndOfAWarmUpKeepsItsCheckpointRestorable() throws {
        let r = try rules()
        var e = StreamEngine(rules: r)
        e.beginWarmUp(source: "past.csv")
        try Array((scam + "2036-03-02 10:00:00,13900000009,13800000009,30\n").utf8).withUnsafeBytes { try e.warmUp($0) }
        try e.endWarmUp()
        let saved = e.checkpoint()
        var back = try StreamEngine(checkpoint: saved, rules: r)
        #expect(back.checkpoint() == saved)
        // The held call is still judged by the live feed: the next call not that far ahead
        // shows it was a stray, and the note says it came with the warm-up.
        let live = header + "2026-03-02 12:00:00,13900000002,13800000002,60\n"
        _ = try feed(&e, live)
        _ = try feed(&back, live)
        #expect(e.checkpoint() == back.checkpoint())
        #expect(e.statistics.skipped == 1)
        let note = e.notes.first { $0.text.contains("2036-03-02 10:00:00") }?.text ?? ""
        #expect(note.hasPrefix("skipped a call of the warm-up at 2036-03-02 10:00:00"), "\(note)")
    }

    @Test func aWarmUpWarnsWhomItLeavesAtRiskOnceAsItEnds() throws {
        // The past calls' warnings (a text, then a visit) were never shown; what is shown is
        // one warning for the victim as the warm-up ends, at the tier the calls left them in,
        // dated at the last call read.
        var e = StreamEngine(rules: try rules())
        e.beginWarmUp(source: "past.csv")
        try Array(scam.utf8).withUnsafeBytes { try e.warmUp($0) }
        try e.endWarmUp()
        let atRisk = e.warnAtRisk()
        #expect(atRisk.map(\.warning.subscriber) == [victim])
        #expect(atRisk.map(\.warning.tier) == [.visit])
        let lastCall = try #require(scam.split(separator: "\n").last.map { String($0.prefix(19)) })
        #expect(atRisk.first.map { Timestamp.format(Int64($0.raisedAt)) } == lastCall)
        #expect(e.statistics.warnings == 1)
        // Then the cool-down holds, as for a stream that had raised it live; without
        // `warnAtRisk` the victim would have waited for this call to be warned at all.
        let bank = header + "2026-03-02 10:00:00,\(victim),95588,100\n"
        #expect(try feed(&e, bank).isEmpty)
        var quiet = StreamEngine(rules: try rules())
        quiet.beginWarmUp(source: "past.csv")
        try Array(scam.utf8).withUnsafeBytes { try quiet.warmUp($0) }
        try quiet.endWarmUp()
        #expect(try feed(&quiet, bank).map(\.warning.tier) == [.visit])
    }
}
