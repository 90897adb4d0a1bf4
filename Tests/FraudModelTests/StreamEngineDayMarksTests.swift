import Foundation
import Testing
@testable import FraudModel

/// A stream's day marks over months (`StreamEngine+Generations`): active days still count
/// once the marks' 64 bits move on 30 days at a time, every mark shifts together, and a
/// checkpoint keeps them.
@Suite("StreamEngine day marks")
struct StreamEngineDayMarksTests: StreamFixture {
    /// A stream that runs for months keeps counting active days: a number first seen on day 70
    /// that calls on five days has five (before, every day past the 63rd shared one bit), and
    /// five days with calls made; the number it rings, none.
    @Test func activeDaysStillCountAfterTwoMonths() throws {
        var e = sparseEngine(try rules())
        _ = try feed(&e, header + "2026-01-01 12:00:00,13100000001,13100000002,30\n")
        let days = ["2026-03-12", "2026-03-13", "2026-03-14", "2026-03-15", "2026-03-16"]    // days 70–74
        let newcomer = "13100000009"
        _ = try feed(&e, days.map { "\($0) 12:00:00,\(newcomer),13100000003,30\n" }.joined())
        let id = try #require(lookup(e, newcomer))
        #expect(e.dayBase == 30)
        #expect(e.state[Int(id)].profile.days.active.nonzeroBitCount == 5)
        #expect(e.state[Int(id)].profile.days.made == e.state[Int(id)].profile.days.active)
        let rung = Int(try #require(lookup(e, "13100000003")))
        #expect(e.state[rung].profile.days.active.nonzeroBitCount == 5 && e.state[rung].profile.days.made == 0)
        // The base is part of the state: a restored engine counts the next day the same.
        var restored = try StreamEngine(checkpoint: e.checkpoint(), rules: try rules(), options: e.options)
        let next = "2026-03-17 12:00:00,\(newcomer),13100000003,30\n"
        _ = try feed(&restored, header + next)
        _ = try feed(&e, next)
        #expect(restored.dayBase == 30)
        #expect(restored.state[Int(id)].profile.days == e.state[Int(id)].profile.days)
        #expect(e.state[Int(id)].profile.days.active.nonzeroBitCount == 6)
        #expect(e.state[Int(id)].profile.days.made.nonzeroBitCount == 6)
    }

    /// The shift moves every mark: a number that called on day 59, twice on day 70 when the
    /// marks drop their oldest 30 days, and once on day 71 has those days in each (bits 29,
    /// 40 and 41), day 70 busy, and a checkpoint keeps them.
    @Test func theDayMarksShiftTogether() throws {
        var e = sparseEngine(try rules())
        let caller = "13100000001"
        let times = ["2026-01-01 12:00:00", "2026-03-01 12:00:00", "2026-03-12 12:00:00", "2026-03-12 13:00:00", "2026-03-13 12:00:00"]
        _ = try feed(&e, header + times.map { "\($0),\(caller),13100000002,30\n" }.joined())
        let id = Int(try #require(lookup(e, caller)))
        #expect(e.dayBase == 30)
        #expect(e.state[id].profile.days.active == 1 << 29 | 1 << 40 | 1 << 41)
        #expect(e.state[id].profile.days.made == e.state[id].profile.days.active)
        #expect(e.state[id].profile.days.busy == 1 << 40)
        let restored = try StreamEngine(checkpoint: e.checkpoint(), rules: try rules(), options: e.options)
        #expect(restored.state[id].profile.days == e.state[id].profile.days)
    }
}
