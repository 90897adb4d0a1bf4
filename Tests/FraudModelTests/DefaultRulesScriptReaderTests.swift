import Foundation
import Testing
@testable import FraudModel

/// The shipped rules on script readers: a number that holds people at length and is not rung
/// back is a suspect only once watched three days, and one whose victims ring back once is
/// one; a circle or strangers ringing it are not.
@Suite("Default rules: script readers")
struct DefaultRulesScriptReaderTests: DefaultRulesFixture {
    /// A number rings five people once each on the first morning, holds them 12 minutes, and
    /// nobody rings it; then it makes one short call at `lastCall` (so it has been watched that long).
    static func coldCallerRows(watchedUntil lastCall: String) -> [String] {
        let reader = "13612340000"
        var rows = (0..<5).map { "2026-03-02 \(String(format: "%02d", 9 + $0)):00:00,\(reader),1370000\(String(format: "%04d", $0)),720" }
        rows.append("\(lastCall),\(reader),13700009999,20")
        return rows
    }

    @Test func aScriptReaderIsSuspectOnlyOnceWatchedThreeDays() throws {
        // After 30 hours an ordinary subscriber who made some long calls looks the same; on a
        // fresh week one still did after 62 hours, and was called back later.
        #expect(try Self.suspicion(Self.coldCallerRows(watchedUntil: "2026-03-03 15:00:00"), of: "13612340000") < 0.5)
        #expect(try Self.suspicion(Self.coldCallerRows(watchedUntil: "2026-03-04 12:00:00"), of: "13612340000") < 0.5)
        #expect(try Self.suspicion(Self.coldCallerRows(watchedUntil: "2026-03-05 12:00:00"), of: "13612340000") >= 0.5)
    }

    /// A hand-off that made the first call itself: it holds six people 15 minutes once each,
    /// and four ring it back for 5 minutes, `callBacks` times each; the data runs to `until`.
    /// With `strangers`, those who ring it are four others instead, people it never rang;
    /// `hold`: seconds of each of its calls.
    static func scriptReaderRows(callBacks: Int, until end: String, strangers: Bool = false, hold: Int = 900) -> [String] {
        let reader = "13612345678"
        var rows: [String] = []
        for i in 0..<6 {
            let person = "1370000\(String(format: "%04d", i))"
            let caller = strangers ? "1371111\(String(format: "%04d", i))" : person
            rows.append("2026-03-02 \(String(format: "%02d", 9 + i)):00:00,\(reader),\(person),\(hold)")
            for k in 0..<(i < 4 ? callBacks : 0) {
                rows.append("2026-03-0\(3 + k) \(String(format: "%02d", 9 + i)):30:00,\(caller),\(reader),300")
            }
        }
        rows.append("\(end),13800000001,13800000002,60")
        return rows
    }

    @Test func aScriptReaderWhoseVictimsRingBackIsASuspect() throws {
        let reader = "13612345678"
        #expect(try Self.suspicion(Self.scriptReaderRows(callBacks: 1, until: "2026-03-05 12:00:00"), of: reader) >= 0.5)
        // Eleven minutes a call (seed 105's hand-off, 10.9 by the week's end).
        #expect(try Self.suspicion(Self.scriptReaderRows(callBacks: 1, until: "2026-03-05 12:00:00", hold: 660), of: reader) >= 0.5)
        // Watched under three days: a new friend circle looks like this for a while.
        #expect(try Self.suspicion(Self.scriptReaderRows(callBacks: 1, until: "2026-03-04 12:00:00"), of: reader) < 0.5)
        // Rung back three times each: a circle, not victims.
        #expect(try Self.suspicion(Self.scriptReaderRows(callBacks: 3, until: "2026-03-05 12:00:00"), of: reader) < 0.5)
        // Rung by people it never rang: someone with long calls and a life of their own (seed
        // 113: an ordinary number at 80 hours, one of its three callers one it had rung).
        #expect(try Self.suspicion(Self.scriptReaderRows(callBacks: 1, until: "2026-03-05 12:00:00", strangers: true), of: reader) < 0.5)
    }
}
