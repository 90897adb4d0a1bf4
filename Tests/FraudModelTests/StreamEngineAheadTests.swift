import Foundation
import Testing
@testable import FraudModel

/// Calls dated far after the stream's latest call (`StreamEngine+Ahead`).
@Suite("StreamEngine calls ahead")
struct StreamEngineAheadTests: StreamFixture {
    let a = "13100000001"
    /// A stream's first two calls, a minute apart: they agree, so its clock starts.
    var opening: String { header + call(0, a, "13700000001") + call(0, "13100000009", "13700000001") }

    func outDistinct(_ e: StreamEngine) throws -> UInt32 { e.state[Int(try #require(lookup(e, a)))].profile.outDistinct }

    /// A calls nine people; one call dated ten years on (a mistyped year) comes between A's
    /// calls of the same day. It is skipped and reported, and A's state stands.
    @Test func aLoneCallFarAheadIsSkipped() throws {
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, header + (1...9).map { call(0, a, "1370000000\($0)", minute: $0) }.joined())
        _ = try feed(&e, call(3650, "13100000005", "13100000006") + call(0, a, "13700000010", minute: 30))
        #expect(try outDistinct(e) == 10)
        #expect(e.statistics.skipped == 1 && e.statistics.records == 11)
        #expect(e.generationStart == 0 && e.numbersHeld >= 10)
        let notes = e.takeLateNotes()
        #expect(notes.count == 1 && notes[0].hasPrefix("skipped record 10, a call at 2036-"))
        #expect(notes[0].contains("days after the latest call (2026-03-02 12:09:00)"))
    }

    /// The feed comes back two days later: after 16 calls as late, time has moved on and
    /// every one of them is processed, in order. The stream's first call, two days before the
    /// ones after it, is taken (a first call far before the rest starts the clock early and
    /// the calls after it make a jump).
    @Test func aFeedThatJumpsIsFollowed() throws {
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, header + call(0, a, "13700000001"))
        let later = (0..<15).map { call(2, a, "1380000\(String(format: "%04d", $0))", minute: $0) }.joined()
        _ = try feed(&e, later)
        #expect(e.heldAhead.count == 15 && e.statistics.records == 16)
        #expect(try outDistinct(e) == 1)
        _ = try feed(&e, call(2, a, "13899999999", minute: 20))
        #expect(e.heldAhead.isEmpty && e.statistics.skipped == 0)
        #expect(try outDistinct(e) == 17)
        #expect(e.maxTime == 1_772_452_800 + 2 * 86_400 + 20 * 60)
    }

    /// A stray call dated 2036 just before the feed comes back from a two-day outage: with
    /// the 15 calls after it, 16 are held, a jump; the stray one is far from the others' time
    /// and is skipped, and the others are processed in the order they came (the second, ten
    /// minutes before the first, is reported late under its own record number).
    @Test func aStrayCallAmongAJumpIsSkipped() throws {
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, opening)
        _ = try feed(&e, call(3650, "13100000005", "13100000006"))
        var jump = [call(2, a, "13800000000", minute: 30), call(2, a, "13800000001", minute: 10)]
        jump += (2..<14).map { call(2, a, "1380000\(String(format: "%04d", $0))", minute: 30 + $0) }
        _ = try feed(&e, jump.joined())
        #expect(e.callsHeld == 15)
        #expect(try outDistinct(e) == 1)
        _ = try feed(&e, call(2, a, "13899999999", minute: 50))
        #expect(e.callsHeld == 0 && e.statistics.skipped == 1 && e.statistics.late == 1)
        #expect(try outDistinct(e) == 16)
        #expect(e.maxTime == 1_772_452_800 + 2 * 86_400 + 50 * 60)
        let notes = e.takeLateNotes()
        #expect(notes.contains { $0.hasPrefix("skipped record 3, a call at 2036-") && $0.contains("the calls around it were near 2026-03-04") })
        #expect(notes.contains { $0.hasPrefix("late: record 5 at 2026-03-04 12:10:00") })
    }

    /// Sixteen calls dated years apart from each other are no jump: all skipped.
    @Test func callsFarAheadButFarApartAreSkipped() throws {
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, opening)
        _ = try feed(&e, (0..<16).map { call(400 * (1 + $0 % 16), a, "1380000\(String(format: "%04d", $0))") }.joined())
        #expect(e.callsHeld == 0 && e.statistics.skipped == 16)
        #expect(e.maxTime == 1_772_452_800)
    }

    /// After a day's silence a call comes a minute past the day (held) and the next one a
    /// minute before it (not ahead): the feed simply runs a little out of order, and both are
    /// processed.
    @Test func aHeldCallNoLongerAheadIsProcessed() throws {
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, opening)
        _ = try feed(&e, call(1, a, "13700000002", minute: 1))
        #expect(e.callsHeld == 1)
        _ = try feed(&e, call(1, a, "13700000003", minute: -1))
        #expect(e.callsHeld == 0 && e.statistics.skipped == 0 && e.statistics.late == 0)
        #expect(try outDistinct(e) == 3)
    }

    /// Calls held when the input ends for good are skipped (nothing confirmed them); a run
    /// that will resume keeps them in its checkpoint, and the resumed run decides as the
    /// uninterrupted one did.
    @Test func heldCallsAtTheEndAreSkippedOrCheckpointed() throws {
        let start = header + call(0, a, "13700000001")
        let ahead = call(5, a, "13700000002") + call(5, a, "13700000003")
        var over = StreamEngine(rules: try rules())
        _ = try feed(&over, start + ahead)
        _ = try over.finish()
        _ = over.judgeAll()
        #expect(over.statistics.skipped == 2)
        #expect(try outDistinct(over) == 1)
        // Cut after the two held calls; the rest: one call back on day 0.
        let rest = call(0, a, "13700000004", minute: 5)
        var whole = StreamEngine(rules: try rules())
        let all = try feed(&whole, start + ahead + rest)
        var first = StreamEngine(rules: try rules())
        var parts = try feed(&first, start + ahead)
        var second = try StreamEngine(checkpoint: first.checkpoint(), rules: try rules())
        #expect(second.heldAhead.count == 2 && second.statistics.records == 3)
        parts += try feed(&second, header + rest)
        #expect(parts == all)
        #expect(second.statistics == whole.statistics && whole.statistics.skipped == 2)
        let sameState = second.checkpoint() == whole.checkpoint()
        #expect(sameState)
    }

    /// The stream's first call is dated 2062 (a mistyped year): held with the calls after it
    /// until most of them agree, then skipped as far after their median. The clock starts
    /// with the real calls, and A's calls all count.
    @Test func aMistypedFirstCallIsSkipped() throws {
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, header + call(13_000, "13100000005", "13100000006") + call(0, a, "13700000001"))
        #expect(e.callsHeld == 2 && e.periodStart == nil)
        _ = try feed(&e, call(0, a, "13700000002", minute: 1))
        #expect(e.callsHeld == 0 && e.statistics.skipped == 1 && e.statistics.late == 0)
        #expect(e.periodStart == 1_772_452_800 && e.maxTime == 1_772_452_800 + 60)
        #expect(try outDistinct(e) == 2)
        let notes = e.takeLateNotes()
        #expect(notes.count == 1 && notes[0].hasPrefix("skipped record 1, a call at 2061-"))
        #expect(notes[0].contains("days after the median of the stream's first 3 calls (2026-03-02 12:01:00)"))
    }

    /// A stream whose first calls are minutes apart waits only for its second call, and
    /// raises the warnings, at the same calls, of an engine that checks nothing.
    @Test func firstCallsThatAgreeChangeNothing() throws {
        var e = StreamEngine(rules: try rules())
        let lines = scam.split(separator: "\n").map { String($0) + "\n" }
        _ = try feed(&e, lines[0] + lines[1])
        #expect(e.callsHeld == 1)
        _ = try feed(&e, lines[2])
        #expect(e.callsHeld == 0 && e.periodStart != nil)
        let rest = try feed(&e, lines[3...].joined())
        var plain = sparseEngine(try rules())
        let all = try feed(&plain, scam)
        #expect(!all.isEmpty && rest == all)
        #expect(e.statistics == plain.statistics)
    }

    /// A stream of one call: held until its input ends, then taken (nothing says it is
    /// wrong). Cut after it with a checkpoint, the call waits in the checkpoint instead.
    @Test func aStreamOfOneCallIsTakenAtItsEnd() throws {
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, header + call(0, a, "13700000001"))
        let saved = try StreamEngine(checkpoint: e.checkpoint(), rules: try rules())
        #expect(saved.callsHeld == 1 && saved.periodStart == nil)
        _ = try e.finish()
        _ = e.judgeAll()
        #expect(e.callsHeld == 0 && e.statistics.skipped == 0)
        #expect(try outDistinct(e) == 1)
    }

    /// The end of a warm-up forgets its late notes (their record numbers are the file's and
    /// its counters start again) and keeps the notes on calls it skipped.
    @Test func aWarmUpKeepsItsSkipNotesOnly() throws {
        var e = StreamEngine(rules: try rules())
        e.beginWarmUp(source: "past.csv")
        let past = opening + call(3650, a, "13700000002") + call(0, a, "13700000003", minute: 5)
            + call(0, a, "13700000004", minute: -30)
        try Array(past.utf8).withUnsafeBytes { try e.warmUp($0) }
        try e.endWarmUp()
        let notes = e.takeLateNotes()
        #expect(notes.count == 1 && notes[0].hasPrefix("skipped record 3, a call at 2036-"))
    }
}
