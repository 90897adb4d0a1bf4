import Foundation
import Testing
@testable import FraudModel

/// The shipped rules on sprays: numbers that ring many people barely answered, short-lived
/// only when their age is known, and the busy callers that are no spray.
@Suite("Default rules: sprays")
struct DefaultRulesSprayTests: DefaultRulesFixture {
    /// A virtual-operator number rings 40 people once on one morning, nobody answers. It is a
    /// suspect only as "active only a few days", and that needs it to be new (first seen a day
    /// or more after the data starts) or watched four days: a number there from the start of
    /// the data may have been calling for months (a telemarketer on a stream's first day).
    static func virtualSprayRows(dataFrom first: String?) -> [String] {
        var rows = (0..<40).map { "2026-03-03 09:\(String(format: "%02d", $0)):00,17012345678,1370000\(String(format: "%04d", $0)),0" }
        if let first { rows.insert("\(first),13800000001,13800000002,60", at: 0) }
        rows.append("2026-03-04 20:00:00,13800000001,13800000002,60")    // 35 hours after its first call
        return rows
    }

    @Test func aNumberIsShortLivedOnlyWhenItsAgeIsKnown() throws {
        #expect(try Self.suspicion(Self.virtualSprayRows(dataFrom: nil), of: "17012345678") < 0.5)
        #expect(try Self.suspicion(Self.virtualSprayRows(dataFrom: "2026-03-03 08:00:00"), of: "17012345678") < 0.5)
        #expect(try Self.suspicion(Self.virtualSprayRows(dataFrom: "2026-03-02 08:00:00"), of: "17012345678") >= 0.5)
    }

    /// `number` rings 60 people once each on one day; `answered` of them pick up, the first
    /// `held` of those are held 25 minutes and the rest talk a minute. Nobody rings it back.
    static func dayOfCallsRows(from number: String, answered: Int, held: Int) -> [String] {
        (0..<60).map { i in
            let duration = i >= answered ? 0 : i < held ? 1500 : 60
            return "2026-03-02 \(String(format: "%02d", 9 + i / 6)):\(String(format: "%02d", i % 6 * 10)):00,\(number),1370000\(String(format: "%04d", i)),\(duration)"
        }
    }

    @Test func aNumberThatTalksToMostOfThoseItRingsIsNoSpray() throws {
        // A new employer on its busiest day (seed 56: 57 people, 60% answered, 10 held 10m+)
        // holds many people like a script reader; as a spray too it became a suspect for a day,
        // and the people it had held were warned. Sprays are rarely answered.
        #expect(try Self.suspicion(Self.dayOfCallsRows(from: "13612340000", answered: 36, held: 12), of: "13612340000") < 0.5)
        // A spray from a scam-compound country, answered one time in five: still a suspect, and
        // only as a spray (log-odds +0.8; without that rule, -1.7).
        #expect(try Self.suspicion(Self.dayOfCallsRows(from: "+85511111111", answered: 12, held: 0), of: "+85511111111") >= 0.5)
    }

    /// `number` rings 250 new people a day for four days, 9:00 to 17:20, `answered` of each
    /// day's 250 picking up for 8 seconds; four of those it missed ring it back in the evening.
    static func sprayRows(from number: String, answered: Int) -> [String] {
        (0..<4).flatMap { day in
            let callee = { (k: Int) in "138\(String(format: "%02d", day))\(String(format: "%06d", k))" }
            let calls = (0..<250).map { k in
                "2026-03-0\(2 + day) \(String(format: "%02d:%02d:%02d", 9 + k / 30, k % 30 * 2, k % 60)),\(number),\(callee(k)),\(k < answered ? 8 : 0)"
            }
            return calls + (0..<4).map { k in "2026-03-0\(2 + day) 19:0\(k):00,\(callee(249 - k)),\(number),0" }
        }
    }

    @Test func aVirtualNumberBarelyAnsweredAtVolumeIsASpray() throws {
        // A virtual-operator spray working four days, answered 18% of the time: no short life,
        // no risky country, so before `barely_answered` it stayed at 0.33 all week.
        #expect(try Self.suspicion(Self.sprayRows(from: "17012345678", answered: 45), of: "17012345678") >= 0.5)
        // A virtual-operator telemarketer as busy, answered 30% of the time, is no suspect.
        #expect(try Self.suspicion(Self.sprayRows(from: "17087654321", answered: 75), of: "17087654321") < 0.5)
    }
}
