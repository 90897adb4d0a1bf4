import Testing
@testable import FraudModel

/// Batch over a period longer than `exposure_window` judges each subscriber on its worst
/// window; a period no longer than it is one window, as before.
@Suite("ExposureWindow")
struct ExposureWindowTests {
    static let suspect = "15012340000"
    static let start: Int64 = 1_772_442_000

    /// A victim model that counts days with a suspect call (three make tier 1) and talk; a bank
    /// call after a suspect call is tier 1 at any score.
    static func rules(window: String? = nil) throws -> RuleSet {
        var rules = try RuleSet.parse("""
            \(window.map { "set exposure_window = \($0)" } ?? "")
            caller suspect = watchlist
            list watchlist =
            caller bias -10
            victim bias -6
            victim rule days weight 7 label "suspect calls on three days" = suspect_days >= 3
            victim rule talk weight 0.1 label "talk" = suspect_talk / 10m
            tier 1 = score >= 0.5 or bank_after_contact >= 1
            tier 3 = score >= 0.001
            """, file: "t.rules", schema: .engine,
            environment: RuleEnvironment(readFile: { _ in [] }, canonicalNumber: { PhoneNumber.canonical($0) }))
        rules.add([suspect], toList: "watchlist")
        return rules
    }

    static func call(_ seconds: Int64, _ caller: String, _ callee: String, _ duration: Int) -> String {
        "\(Timestamp.format(start + seconds)),\(caller),\(callee),\(duration)"
    }

    /// A is rung 12 minutes once a week for eight weeks (days 0–49); B for 5 minutes on days
    /// 22–24; C only at the data's first second; D only at its last, day 56.
    static func log() throws -> CallLog {
        var rows: [String] = []
        rows += stride(from: 0, through: 49, by: 7).map { call(Int64($0) * 86_400, suspect, "13900000001", 720) }
        rows += [22, 23, 24].map { call(Int64($0) * 86_400, suspect, "13900000002", 300) }
        rows.append(call(0, suspect, "13900000003", 200))
        rows.append(call(56 * 86_400, suspect, "13900000004", 200))
        return try readLog("start_time,caller,callee,duration\n" + rows.sorted().joined(separator: "\n") + "\n", chunk: 4_096)
    }

    static func warning(_ a: Analysis, _ subscriber: String) -> Warning? {
        a.warnings.first { $0.subscriber == subscriber }
    }

    @Test func aLongPeriodIsJudgedOnTheWorstWeek() throws {
        let a = Analysis(log: try Self.log(), rules: try Self.rules())
        #expect(a.exposureWindow == 604_800)
        // A's eight days never fall within one week: one call at a time, no tier 1. Of the
        // equal windows the last is shown, in the row and in explain.
        let w = try #require(Self.warning(a, "13900000001"))
        #expect(w.tier == .sms && w.suspectTalk == 720 && w.firstContact == Self.start + 49 * 86_400)
        let x = try #require(a.explain("13900000001")?.victim)
        #expect(x.window == 604_800 && x.timeline.map(\.time) == [Self.start + 49 * 86_400])
        #expect(a.exposureWindowLength == "7 days")
        let report = ExplanationReport.text(try #require(a.explain("13900000001")), offset: 0, pseudonymizer: .off)
        #expect(report.contains("TIMELINE (calls with suspects, bank hotlines and new numbers, in the window of 7 days of the period that scores worst)"))
        // B's three days do fall within one.
        #expect(Self.warning(a, "13900000002")?.tier == .visit)
        #expect(try #require(a.explain("13900000002")?.victim).timeline.count == 3)
        // The first and the last second of the period are in a window.
        #expect(Self.warning(a, "13900000003")?.suspectTalk == 200)
        #expect(Self.warning(a, "13900000004")?.suspectTalk == 200)
    }

    /// The summary line and `explain` word the length alike.
    @Test func aWindowsLengthInWords() {
        #expect(ExposureWindow.length(604_800) == "7 days")
        #expect(ExposureWindow.length(86_400) == "1 day")
        #expect(ExposureWindow.length(129_600) == "36 hours")
        #expect(ExposureWindow.length(109_800) == "30.5 hours")
    }

    @Test func aPeriodWithinTheWindowIsOneWindow() throws {
        // A window of 60 days holds the whole period: A's eight days add up, as they did
        // before windows, and the explanation names no window.
        let a = Analysis(log: try Self.log(), rules: try Self.rules(window: "60d"))
        #expect(a.exposureWindow == nil)
        #expect(Self.warning(a, "13900000001")?.tier == .visit)
        #expect(Self.warning(a, "13900000001")?.suspectTalk == 8 * 720)
        #expect(try #require(a.explain("13900000001")?.victim).window == nil)
        // Windows are judged only once the period does not fit in one (first to last second).
        let window: UInt32 = 604_800
        #expect(!ExposureWindow.isWindowed(0...(window - 1), window: window))
        #expect(ExposureWindow.isWindowed(0...window, window: window))
    }

    @Test func windowsAreRankedByTierThenScoreThenEvents() throws {
        let rules = try Self.rules()
        let settings = EngineSettings(rules.settings)
        func risk(talk: UInt32, days: Int, bank: Bool = false) -> VictimRisk {
            var events = (0..<days).map {
                ContactEvent(time: UInt32(Self.start) + UInt32($0) * 86_400, peer: 0, duration: talk, outgoing: false, kind: .suspect)
            }
            if bank { events.append(ContactEvent(time: UInt32(Self.start) + 600, peer: 1, duration: 60, outgoing: true, kind: .bank)) }
            let e = try! #require(Exposure(timeline: events.sorted { $0.time < $1.time }[...], suspicion: [0.9, 0], settings: settings, offset: 0))
            return VictimRisk(exposure: e, traits: NumberTraits(), rules: rules, reasons: 3)
        }
        let paid = risk(talk: 60, days: 1, bank: true), long = risk(talk: 3_000, days: 1), short = risk(talk: 60, days: 1)
        #expect(paid.tier == .visit && long.tier == .sms && paid.score < long.score)
        #expect(ExposureWindow.isWorse(paid, events: 2, than: long, events: 1))     // the tier, not the score
        #expect(!ExposureWindow.isWorse(long, events: 1, than: paid, events: 2))
        #expect(ExposureWindow.isWorse(long, events: 1, than: short, events: 1))    // same tier, higher score
        #expect(ExposureWindow.isWorse(short, events: 2, than: short, events: 1))   // equal: the one that saw more
        #expect(!ExposureWindow.isWorse(short, events: 1, than: short, events: 2))
    }

    /// "Saw more" counts suspect and bank calls; a new hold kept for a suspect found later does
    /// not make a window worse.
    @Test func newHoldsAreNotWhatAWindowSaw() {
        let t = UInt32(Self.start)
        let events = [ContactEvent(time: t, peer: 0, duration: 900, outgoing: false, kind: .suspect),
                      ContactEvent(time: t + 60, peer: 2, duration: 720, outgoing: false, kind: .newHold),
                      ContactEvent(time: t + 120, peer: 1, duration: 60, outgoing: true, kind: .bank)]
        #expect(ExposureWindow.seen(events[...]) == 2)
        #expect(ExposureWindow.seen(events[1..<2]) == 0)
    }
}
