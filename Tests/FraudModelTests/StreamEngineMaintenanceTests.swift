import Foundation
import Testing
@testable import FraudModel

/// Keeping an endless stream bounded and current (`StreamEngine+Maintenance`): idle numbers
/// expire, sweeps compact and renumber the calls kept, and reloaded rules apply to numbers
/// already seen.
@Suite("StreamEngine maintenance")
struct StreamEngineMaintenanceTests: StreamFixture {
    @Test func idleNumbersExpireAfterTheRetention() throws {
        var o = StreamOptions()
        o.retention = 2 * 86_400
        var e = sparseEngine(try rules(), o)
        _ = try feed(&e, scam)
        let held = e.numbersHeld
        #expect(held == 10)
        // Three days later only the two numbers of a new call remain.
        _ = try feed(&e, "2026-03-05 12:00:00,13100000001,13100000002,30\n")
        #expect(e.numbersHeld == 2)
        #expect(e.recent.count - e.recentHead <= 1)
        #expect(e.timelines.isEmpty)
    }

    /// Whether a sweep compacts the shared tables depends on the numbers seen up to its call,
    /// not on those later lines of the same read bring.
    @Test func compactionCountsTheNumbersSeenSoFar() throws {
        let r = try rules()
        var o = StreamOptions()
        o.retention = 2 * 86_400
        func n(_ i: Int) -> String { "1390\(String(format: "%07d", i))" }
        var first = header
        for i in 0..<500 { first += call(0, n(1000 + 2 * i), n(1001 + 2 * i), 30) }
        for i in 0..<4500 { first += call(1, n(2000 + 2 * i), n(2001 + 2 * i), 30, minute: 600) }
        // Day 2 expires day 0's 1,000 numbers, a tenth of the 10,000 seen; 20 more come after.
        var then = [call(2, n(2000), n(2001), 30, minute: 180)]
        for i in 0..<10 { then.append(call(2, n(20000 + 2 * i), n(20001 + 2 * i), 30, minute: 181)) }
        var whole = sparseEngine(r, o), split = sparseEngine(r, o)
        _ = try feed(&whole, first)
        _ = try feed(&split, first)
        _ = try feed(&whole, then.joined())
        for line in then { _ = try feed(&split, line) }
        #expect(whole.expiredSinceCompaction == 0, "compacted at the tenth")
        let sameState = whole.checkpoint() == split.checkpoint()
        #expect(sameState)
    }

    /// Call sequence numbers are 32-bit: past 2^31 the next compaction numbers `recent` from 0
    /// again, so they never wrap. A stream begun just under that gives the warnings of one
    /// begun at 0, its chains list as walked, and its state restores.
    @Test func sequenceNumbersAreRenumberedBeforeTheyWrap() throws {
        let lines = syntheticLines(SynthConfig(subscribers: 800, days: 6, seed: 5))
        let r = try shippedRules()
        var options = StreamOptions()
        options.retention = 2 * 86_400
        var plain = StreamEngine(rules: r, options: options)
        let expected = try feed(&plain, lines.joined(separator: "\n") + "\n")
        var high = StreamEngine(rules: r, options: options)
        high.recentBase = StreamEngine.renumberAt - 1_000
        let got = try feed(&high, lines.joined(separator: "\n") + "\n")
        #expect(got == expected)
        #expect(high.recentBase < StreamEngine.renumberAt && high.recentBase < plain.recentBase)
        let restored = try StreamEngine(checkpoint: high.checkpoint(), rules: r, options: options)
        #expect((0..<high.state.count).allSatisfy { restored.recentCalls(of: $0) == high.recentCalls(of: $0) })
        #expect(restored.checkpoint() == high.checkpoint())
    }

    @Test func reloadedRulesApplyToNumbersAlreadySeen() throws {
        var e = StreamEngine(rules: try rules())
        // A long call from a quiet number: nobody suspects it.
        #expect(try feed(&e, header + "2026-03-02 08:00:00,13700000009,\(victim),900\n").isEmpty)
        var watched = try rules()
        watched.add(["13700000009"], toList: "watchlist")
        e.replaceRules(watched)
        // Its next call re-evaluates it: the watchlist forces suspicion, the earlier call is
        // replayed, and the victim is warned.
        let w = try feed(&e, "2026-03-02 09:00:00,13700000009,\(victim),60\n")
        #expect(w.map(\.warning.subscriber) == [victim])
    }

    @Test func reloadedRulesApplyAtTheNextCallOfANumberPastItsFirstCalls() throws {
        var e = StreamEngine(rules: try rules())
        // The quiet number holds the victim, then makes eight short answered calls (its 9th
        // call is not one of its regular evaluations).
        var text = header + "2026-03-02 08:00:00,13700000009,\(victim),900\n"
        text += (1...8).map { "2026-03-02 08:1\($0):00,13700000009,1360000000\($0),30\n" }.joined()
        #expect(try feed(&e, text).isEmpty)
        var watched = try rules()
        watched.add(["13700000009"], toList: "watchlist")
        e.replaceRules(watched)
        let w = try feed(&e, "2026-03-02 09:00:00,13700000009,13600000009,30\n")
        #expect(w.map(\.warning.subscriber) == [victim])
        #expect(e.staleCount == 0 || e.stale.filter { $0 }.count == e.staleCount)
    }
}
