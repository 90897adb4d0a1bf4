import Foundation
import Testing
@testable import FraudModel

/// The stream a call at a time (`StreamEngine`): the state's layout, the cool-down between
/// warnings, calls that come late or out of order, malformed lines, and a call to oneself.
@Suite("StreamEngine")
struct StreamEngineTests: StreamFixture {
    /// `gather` touches bytes 0 and 64 of each number's state: that reaches every cache line
    /// only while the state is 128 bytes from a 64-byte boundary.
    @Test func gatherTouchesEveryCacheLineOfANumber() throws {
        #expect(MemoryLayout<StreamNumber>.stride == 128)
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, scam)
        #expect(e.state.count > 1)
        e.state.withUnsafeBytes { #expect(Int(bitPattern: $0.baseAddress) % 64 == 0) }
    }

    @Test func coolDownSuppressesRepeatsAtTheSameTierThenRaisesAgain() throws {
        var e = sparseEngine(try rules())
        _ = try feed(&e, scam)
        // Another bank call an hour later: still tier 1, inside the 24 h cool-down → silent.
        #expect(try feed(&e, "2026-03-02 10:00:00,\(victim),95588,100\n").isEmpty)
        // Next day, 26 h after the last warning, the spray calls again: raised again.
        let again = try feed(&e, "2026-03-03 11:00:00,\(spray),\(victim),60\n")
        #expect(again.map(\.warning.tier) == [.visit])
        var short = StreamOptions()
        short.cooldown = 600
        var f = sparseEngine(try rules(), short)
        _ = try feed(&f, scam)
        #expect(try feed(&f, "2026-03-02 10:00:00,\(victim),95588,100\n").map(\.warning.tier) == [.visit])
    }

    @Test func lateRecordsAreCountedReportedAndStillUsed() throws {
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, header + "2026-03-02 08:00:00,1,2,10\n2026-03-02 07:56:00,3,4,10\n")
        #expect(e.statistics.late == 0)                          // 4 minutes late: within max-delay
        _ = try feed(&e, "2026-03-02 07:50:00,5,6,10\n")         // 10 minutes late
        #expect(e.statistics.late == 1)
        #expect(e.takeLateNotes().count == 1)
        #expect(e.takeLateNotes().isEmpty)
        #expect(e.statistics.records == 3)
    }

    @Test func outOfOrderCallsStillBuildATimeOrderedTimeline() throws {
        // The bank call arrives before the suspect call it follows (within max-delay).
        var e = StreamEngine(rules: try rules())
        var text = header
        text += (1...7).map { "2026-03-02 07:5\($0):00,\(spray),1380000000\($0),0\n" }.joined()
        text += "2026-03-02 08:05:00,\(victim),95588,300\n"
        text += "2026-03-02 08:00:00,\(spray),\(victim),900\n"
        let w = try feed(&e, text)
        #expect(w.last?.warning.tier == .visit)
        #expect(w.last?.warning.bankCalls == 1)
    }

    @Test func malformedLinesAreCountedAndTheStreamGoesOn() throws {
        var e = StreamEngine(rules: try rules())
        let bad = replacing("2026-03-02 08:03:00,", with: "yesterday,1,2,3\n2026-03-02 08:03:00,", in: scam)
        let w = try feed(&e, bad)
        #expect(e.statistics.rejected == 1)
        #expect(e.issues.first?.description.hasPrefix("-:5: bad start time 'yesterday'") == true)
        #expect(w.map(\.warning.tier) == [.sms, .visit])
    }

    /// A call to one's own number is a pair both ways: one call-back, as batch counts it.
    @Test func aCallToItselfCallsItselfBackOnce() throws {
        var e = sparseEngine(try rules())
        _ = try feed(&e, header + "2026-03-02 12:00:00,13100000001,13100000001,30\n")
        #expect(e.state[Int(try #require(lookup(e, "13100000001")))].profile.reciprocated == 1)
        let log = try readLog(header + "2026-03-02 12:00:00,13100000001,13100000001,30\n")
        #expect(NumberProfiles(log: log, settings: EngineSettings(try rules().settings))[0].reciprocated == 1)
    }
}
