import Foundation
import Testing
@testable import FraudModel

/// The shipped rules on fake service lines: a line rung once each by strangers, that calls
/// back only its callers (a busy one up to a third of them), and what is no line (a circle
/// that calls again, someone who calls a circle again and again).
@Suite("Default rules: fake service lines")
struct DefaultRulesServiceLineTests: DefaultRulesFixture {
    static let line = "13512340000"

    /// 16 strangers call the line over two days, four of them held 5 minutes; the line calls
    /// nobody. `repeats` more calls come from the same callers (a circle calling in again); the
    /// line calls back `callBacks` of its callers and rings `others` people who never rang it.
    static func serviceLineRows(repeats: Int, callBacks: Int = 0, others: Int = 0) -> [String] {
        var rows: [String] = []
        for i in 0..<16 {
            let caller = "1390000\(String(format: "%04d", i))"
            let day = i < 8 ? "02" : "03"
            rows.append("2026-03-\(day) \(String(format: "%02d", 9 + i % 8)):00:00,\(caller),\(line),\(i % 4 == 0 ? 300 : 60)")
            for k in 0..<repeats { rows.append("2026-03-04 \(String(format: "%02d", 9 + k)):\(String(format: "%02d", i)):00,\(caller),\(line),40") }
            if i < callBacks { rows.append("2026-03-03 \(String(format: "%02d", 18 + i % 4)):30:00,\(line),\(caller),90") }
        }
        for k in 0..<others { rows.append("2026-03-03 20:\(String(format: "%02d", k)):00,\(line),1371111\(String(format: "%04d", k)),120") }
        return rows
    }

    @Test func strangersCallingOnceMakeAFakeServiceLine() throws {
        #expect(try Self.suspicion(Self.serviceLineRows(repeats: 0), of: Self.line) >= 0.5)
    }

    @Test func aLineCallsBackItsCallersAndNobodyElse() throws {
        #expect(try Self.suspicion(Self.serviceLineRows(repeats: 0, callBacks: 3), of: Self.line) >= 0.5)
        // Two of its four calls go to people who never rang it: a subscriber, not a line.
        #expect(try Self.suspicion(Self.serviceLineRows(repeats: 0, callBacks: 2, others: 2), of: Self.line) < 0.5)
        // Nor one of four (seed 339: an ordinary number rung by 16 people in three days passed
        // for a line on day 3, and two who had talked with it were warned).
        #expect(try Self.suspicion(Self.serviceLineRows(repeats: 0, callBacks: 3, others: 1), of: Self.line) < 0.5)
    }

    @Test func aLineWhoseVictimsRingBackStaysALine() throws {
        // 20 strangers ring the line over two days; 8 of them are held 20 minutes and ring back
        // the same evening, held 10 minutes more (a refund script): 28 calls from 20 people, 1.4
        // a caller. Seed 211's busiest line (7 victims, 50 calls from 38 people) was cleared
        // by the week's end, and batch missed all seven.
        var rows: [String] = []
        for i in 0..<20 {
            let caller = "1390000\(String(format: "%04d", i))"
            let day = i < 10 ? "02" : "03"
            let victim = i % 5 < 2
            rows.append("2026-03-\(day) \(String(format: "%02d", 9 + i % 8)):00:00,\(caller),\(Self.line),\(victim ? 1_200 : 60)")
            if victim { rows.append("2026-03-\(day) \(String(format: "%02d", 18 + i % 4)):30:00,\(caller),\(Self.line),600") }
        }
        #expect(try Self.suspicion(rows, of: Self.line) >= 0.5)
    }

    /// `callers` strangers ring the line once each over three days, every fourth held 10
    /// minutes; the line rings back the first `callBacks` of them and `others` people who never
    /// rang it.
    static func busyLineRows(callers: Int, callBacks: Int, others: Int = 0) -> [String] {
        var rows: [String] = []
        for i in 0..<callers {
            let caller = "1390000\(String(format: "%04d", i))"
            let day = String(format: "%02d", 2 + i * 3 / callers)
            rows.append("2026-03-\(day) \(String(format: "%02d", 9 + i % 8)):\(String(format: "%02d", i)):00,\(caller),\(line),\(i % 4 == 0 ? 600 : 60)")
            if i < callBacks { rows.append("2026-03-\(day) \(String(format: "%02d", 18 + i % 4)):\(String(format: "%02d", i)):00,\(line),\(caller),90") }
        }
        for k in 0..<others { rows.append("2026-03-04 20:\(String(format: "%02d", k)):00,\(line),1371111\(String(format: "%04d", k)),120") }
        return rows
    }

    @Test func aBusyLineMayRingBackAThirdOfItsCallers() throws {
        // Seeds 272 and 281: lines rung by 33 and 47 people rang back 9 and 12 of them, over
        // a quarter, and batch lost both with their nine victims. 36 callers, 11 rung back.
        #expect(try Self.suspicion(Self.busyLineRows(callers: 36, callBacks: 11), of: Self.line) >= 0.5)
        // Rung by 16, ringing back 5: an ordinary number early in a week; a quarter stays the limit.
        #expect(try Self.suspicion(Self.busyLineRows(callers: 16, callBacks: 5), of: Self.line) < 0.5)
        // 9 of its 11 calls go to its callers (0.82): a line rings almost only those.
        #expect(try Self.suspicion(Self.busyLineRows(callers: 36, callBacks: 9, others: 2), of: Self.line) < 0.5)
    }

    @Test func aCircleThatCallsAgainIsNotAFakeServiceLine() throws {
        // The same 16 callers, each calling twice more: 48 calls from 16 people is a circle.
        #expect(try Self.suspicion(Self.serviceLineRows(repeats: 2), of: Self.line) < 0.5)
    }

    @Test func aLineThatCallsItsVictimsBackTwiceStaysALineAllWeek() throws {
        // The 16 strangers, then the line rings three of them back twice each, on days 4-6:
        // active five days, 2 calls per callee, so `established` (-1.5) applies. At weight 8
        // that took the line below the threshold for the rest of the week.
        var rows = Self.serviceLineRows(repeats: 0)
        for (k, day) in ["04", "05", "06"].enumerated() {
            let caller = "1390000\(String(format: "%04d", k))"
            rows += ["2026-03-\(day) 10:00:00,\(Self.line),\(caller),600", "2026-03-\(day) 16:00:00,\(Self.line),\(caller),300"]
        }
        #expect(try Self.suspicion(rows, of: Self.line) >= 0.5)
    }

    @Test func someoneWhoCallsACircleAgainAndAgainIsNoLine() throws {
        // Rung once each by 16 strangers (four held 5 minutes) and by the five people it calls,
        // whom it rings four times each: 21 callers, every callee a caller, but 4 calls a callee.
        var rows = Self.serviceLineRows(repeats: 0)
        for k in 0..<5 {
            let friend = "1370000\(String(format: "%04d", k))"
            rows.append("2026-03-03 19:0\(k):00,\(friend),\(Self.line),120")
            for h in 0..<4 { rows.append("2026-03-04 \(10 + h):0\(k):00,\(Self.line),\(friend),200") }
        }
        #expect(try Self.suspicion(rows, of: Self.line) < 0.5)
    }
}
