import Testing
@testable import FraudModel

@Suite struct DayMarksTests {
    /// One day's states in turn: rung, one call made, rung again, a second call, a third.
    @Test func aDayGoesFromActiveToOneCallToBusy() {
        var m = DayMarks()
        let day: UInt64 = 1 << 5
        m.markActive(day)
        #expect(m.active == day && m.made == 0 && m.busy == 0)
        m.markCall(day)
        #expect(m.active == day && m.made == day && m.busy == 0)
        m.markActive(day)                                   // a call received does not undo it
        #expect(m.made == day && m.busy == 0)
        m.markCall(day)
        #expect(m.active == day && m.made == day && m.busy == day)
        m.markActive(day)                                   // nor a busy day
        m.markCall(day)
        #expect(m.active == day && m.made == day && m.busy == day)
        m.markCall(1 << 6)                                  // another day: one call, not busy
        #expect(m.active == day | 1 << 6 && m.busy == day)
    }

    /// Random calls on random days, marked in any order and in any two parts merged, give the
    /// marks of a plain per-day count: active if any call, made if one made, busy if two.
    @Test func marksMatchAPerDayCountInAnyOrderAndAnySplit() {
        var x: UInt64 = 11
        func next(_ n: Int) -> Int {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return Int(x >> 33) % n
        }
        for _ in 0..<200 {
            let events = (0..<next(12)).map { _ in (day: next(5), made: next(3) > 0) }
            var made = [Int](repeating: 0, count: 5), active = Set<Int>()
            for e in events {
                active.insert(e.day)
                if e.made { made[e.day] += 1 }
            }
            func marks(_ part: some Sequence<(day: Int, made: Bool)>) -> DayMarks {
                var m = DayMarks()
                for e in part {
                    let bit: UInt64 = 1 << UInt64(e.day)
                    m.markActive(bit)                       // as the batch pass touches first
                    if e.made { m.markCall(bit) }
                }
                return m
            }
            func mask(_ days: some Sequence<Int>) -> UInt64 { days.reduce(0) { $0 | 1 << UInt64($1) } }
            let whole = marks(events)
            #expect(whole.active == mask(active))
            #expect(whole.made == mask((0..<5).filter { made[$0] >= 1 }))
            #expect(whole.busy == mask((0..<5).filter { made[$0] >= 2 }))
            #expect(marks(events.reversed()) == whole)
            let cut = next(events.count + 1)
            var merged = marks(events[..<cut])
            merged.merge(marks(events[cut...]))
            #expect(merged == whole, "cut at \(cut) of \(events)")
        }
    }

    @Test func droppingTheOldestDaysMovesEveryMark() {
        var m = DayMarks()
        m.markCall(1 << 31); m.markCall(1 << 31)            // day 31: busy
        m.markCall(1 << 40)                                 // day 40: one call
        m.markActive(1 << 45)                               // day 45: rung
        m.markCall(1 << 3)                                  // day 3: dropped
        m.dropOldest(30)
        #expect(m.busy == 1 << 1 && m.made == 1 << 1 | 1 << 10 && m.active == 1 << 1 | 1 << 10 | 1 << 15)
        #expect(DayMarks(light: m.light, made: m.made) == m)
    }
}
