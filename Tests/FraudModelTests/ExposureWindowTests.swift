import Testing
@testable import FraudModel

/// Batch over a period longer than `exposure_window` judges each subscriber on its worst
/// window; a period no longer than it is one window, as before.
@Suite("ExposureWindow")
struct ExposureWindowTests {
    static let suspect = "15012340000"

    /// A victim model that only counts days with a suspect call: three make tier 1.
    static func rules(window: String? = nil) throws -> RuleSet {
        var rules = try RuleSet.parse("""
            \(window.map { "set exposure_window = \($0)" } ?? "")
            caller suspect = watchlist
            list watchlist =
            caller bias -10
            victim bias -6
            victim rule days weight 7 label "suspect calls on three days" = suspect_days >= 3
            victim rule talk weight 0.1 label "talk" = suspect_talk / 10m
            tier 1 = score >= 0.5
            """, file: "t.rules", schema: .engine,
            environment: RuleEnvironment(readFile: { _ in [] }, canonicalNumber: { PhoneNumber.canonical($0) }))
        rules.add([suspect], toList: "watchlist")
        return rules
    }

    /// Subscriber A is rung 12 minutes once a week for eight weeks; B on three days running
    /// in the fourth week, for 5 minutes. A filler call on day 56 ends the period.
    static func log() throws -> CallLog {
        func call(_ day: Int, _ callee: String, _ duration: Int) -> String {
            "\(Timestamp.format(Int64(1_772_442_000 + day * 86_400))),\(suspect),\(callee),\(duration)"
        }
        var rows = ["start_time,caller,callee,duration"]
        rows += stride(from: 0, through: 49, by: 7).map { call($0, "13900000001", 720) }
        rows += [22, 23, 24].map { call($0, "13900000002", 300) }
        rows.append("\(Timestamp.format(Int64(1_772_442_000 + 56 * 86_400))),13900000008,13900000009,30")
        return try readLog(rows.joined(separator: "\n") + "\n", chunk: 4_096)
    }

    static func tier(_ a: Analysis, _ subscriber: String) -> Tier? {
        a.warnings.first { $0.subscriber == subscriber }?.tier
    }

    @Test func aLongPeriodIsJudgedOnTheWorstWeek() throws {
        let a = Analysis(log: try Self.log(), rules: try Self.rules())
        // A's eight days never fall within one week: one day at a time, no tier.
        #expect(Self.tier(a, "13900000001") == Tier.none)
        #expect(try #require(a.warnings.first { $0.subscriber == "13900000001" }).suspectTalk == 720)
        // B's three days do.
        #expect(Self.tier(a, "13900000002") == .visit)
        // The explanation is of the same window, and says so.
        let b = try #require(a.explain("13900000002")?.victim)
        #expect(b.tier == .visit && b.window == 604_800 && b.timeline.count == 3)
    }

    @Test func aPeriodWithinTheWindowIsOneWindow() throws {
        // A window of 60 days holds the whole period: A's eight days add up, as they did
        // before windows, and the explanation names no window.
        let a = Analysis(log: try Self.log(), rules: try Self.rules(window: "60d"))
        #expect(Self.tier(a, "13900000001") == .visit)
        #expect(try #require(a.warnings.first { $0.subscriber == "13900000001" }).suspectTalk == 8 * 720)
        #expect(try #require(a.explain("13900000001")?.victim).window == nil)
    }

    @Test func windowsAreRankedByTierThenScore() throws {
        let rules = try Self.rules()
        let traits = NumberTraits()
        let settings = EngineSettings(rules.settings)
        func risk(_ talk: UInt32, days: Int) -> VictimRisk {
            let events = (0..<days).map {
                ContactEvent(time: 1_772_442_000 + UInt32($0) * 86_400, peer: 0, duration: talk, outgoing: false, bank: false)
            }
            let e = try! #require(Exposure(timeline: events[...], suspicion: [0.9], settings: settings, offset: 0))
            return VictimRisk(exposure: e, traits: traits, rules: rules, reasons: 3)
        }
        #expect(ExposureWindow.isWorse(risk(60, days: 3), than: risk(3_000, days: 1)))    // tier 1 over none
        #expect(ExposureWindow.isWorse(risk(3_000, days: 1), than: risk(60, days: 1)))    // same tier, higher score
        #expect(!ExposureWindow.isWorse(risk(60, days: 1), than: risk(60, days: 1)))      // the first of equals stays
    }
}
