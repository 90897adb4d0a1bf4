import Testing
@testable import FraudModel

@Suite("Exposure")
struct ExposureTests {
    /// 2026-03-02 00:00:00 UTC.
    static let day: UInt32 = 1_772_409_600
    static let bankLine: NumberID = 9

    /// A call with suspect `peer`, `at` seconds after `day`.
    static func call(_ at: UInt32, _ peer: NumberID, _ duration: UInt32, out: Bool = false) -> ContactEvent {
        ContactEvent(time: day + at, peer: peer, duration: duration, outgoing: out, kind: .suspect)
    }

    /// Number `peer`, no suspect, rang the subscriber and held them `duration` seconds in
    /// their first talk of 3m+.
    static func newHold(_ at: UInt32, _ peer: NumberID, _ duration: UInt32 = 720) -> ContactEvent {
        ContactEvent(time: day + at, peer: peer, duration: duration, outgoing: false, kind: .newHold)
    }

    /// A call the subscriber made to the bank hotline.
    static func bank(_ at: UInt32, _ duration: UInt32 = 120) -> ContactEvent {
        ContactEvent(time: day + at, peer: bankLine, duration: duration, outgoing: true, kind: .bank)
    }

    static let settings: [String: Double] = [
        "window": 86_400, "money_window": 172_800, "night_start": 22, "night_end": 6, "hand_on_window": 28_800,
    ]

    static func exposure(_ events: [ContactEvent], suspicion: [Float] = Array(repeating: 0.8, count: 10),
                         settings overrides: [String: Double] = [:], offset: Int32 = 0) -> Exposure? {
        Exposure(timeline: ArraySlice(events), suspicion: suspicion,
                 settings: EngineSettings(settings.merging(overrides) { $1 }), offset: offset)
    }

    static func value(_ e: Exposure, _ f: VictimFeature) -> Double { e.features[f.rawValue] }

    // MARK: - Windows

    @Test func windowMaximaOverAnsweredSuspectCalls() {
        let timeline = [
            Self.call(0, 1, 100),
            Self.call(1_000, 2, 200),
            Self.call(1_500, 4, 0),              // unanswered: not in any window
            Self.bank(2_000, 600),               // bank call: not a suspect call
            Self.call(3_599, 1, 300),            // 3 599 s after the first: same hour-window
            Self.call(3_600, 3, 400),            // exactly 3 600 s after the first: not with it
            Self.call(7_200, 3, 50),
        ]
        let w = Exposure.windowMaxima(ArraySlice(timeline), window: 3_600)
        // Best window: the calls at 1 000, 3 599 and 3 600 (200 + 300 + 400 s, suspects 2, 1, 3).
        #expect(w.talk == 900)
        #expect(w.calls == 3)
        #expect(w.contacts == 3)
        // A window one second longer also holds the first call.
        let wider = Exposure.windowMaxima(ArraySlice(timeline), window: 3_601)
        #expect(wider.talk == 1_000 && wider.calls == 4 && wider.contacts == 3)
    }

    @Test func windowCountsDistinctSuspectsNotCalls() {
        let timeline = [Self.call(0, 1, 60), Self.call(10, 1, 60), Self.call(20, 1, 60), Self.call(30, 2, 60)]
        let w = Exposure.windowMaxima(ArraySlice(timeline), window: 100)
        #expect(w.calls == 4 && w.contacts == 2 && w.talk == 240)
        // With a 15 s window, a suspect leaving the window must leave the distinct count too.
        let narrow = Exposure.windowMaxima(ArraySlice(timeline), window: 15)
        #expect(narrow.calls == 2 && narrow.contacts == 2 && narrow.talk == 120)
    }

    @Test func windowFeaturesUseTheWindowSetting() throws {
        let timeline = [Self.call(0, 1, 1_000), Self.call(50_000, 2, 2_000), Self.call(90_000, 3, 500)]
        let day = try #require(Self.exposure(timeline))
        #expect(Self.value(day, .suspectTalk24h) == 3_000)              // 0 and 50 000 s
        #expect(Self.value(day, .suspectCalls24h) == 2)
        #expect(Self.value(day, .suspectContacts24h) == 2)
        let hour = try #require(Self.exposure(timeline, settings: ["window": 3_600]))
        #expect(Self.value(hour, .suspectTalk24h) == 2_000)
        #expect(Self.value(hour, .suspectContacts24h) == 1)
    }

    // MARK: - Totals and first contacts

    @Test func totalsAndFirstContactLongest() throws {
        let timeline = [
            Self.call(0, 1, 100),                // suspect 1's first answered call: 100 s
            Self.call(500, 2, 0),                // suspect 2 tries, unanswered
            Self.call(1_000, 2, 800),            // suspect 2's first answered call: 800 s
            Self.call(2_000, 1, 3_000),          // long, but not suspect 1's first call
            Self.bank(2_500),
        ]
        let e = try #require(Self.exposure(timeline))
        #expect(Self.value(e, .suspectAttempts) == 4)
        #expect(Self.value(e, .suspectCalls) == 3)
        #expect(Self.value(e, .suspectContacts) == 2)
        #expect(Self.value(e, .suspectTalk) == 3_900)
        #expect(Self.value(e, .suspectLongest) == 3_000)
        #expect(Self.value(e, .firstContactLongest) == 800)
        #expect(e.suspectTalk == 3_900)
        #expect(e.firstContact == Self.day && e.lastContact == Self.day + 2_000)   // the bank call is not a contact
    }

    /// A script is worked in long calls over days; friends chat briefly. Answered calls split
    /// at `hold_call` (180 s by default): held days count the days of the long ones, chats the
    /// short ones; unanswered calls are neither.
    @Test func heldDaysAndChatsSplitAnsweredCallsAtTheHoldLength() throws {
        let timeline = [
            Self.call(0, 1, 600),                // day 0: held
            Self.call(3_600, 1, 100),            // day 0: a chat
            Self.call(7_200, 2, 0),              // unanswered: neither
            Self.call(86_400, 2, 179, out: true),  // day 1: a chat, one second short
            Self.call(90_000, 1, 180),           // day 1: held
            Self.call(172_800 + 60, 1, 30),      // day 2: a chat only
        ]
        let e = try #require(Self.exposure(timeline))
        #expect(Self.value(e, .heldDays) == 2)
        #expect(Self.value(e, .suspectChats) == 3)
        #expect(Self.value(e, .suspectDays) == 3)
        let strict = try #require(Self.exposure(timeline, settings: ["hold_call": 601]))
        #expect(Self.value(strict, .heldDays) == 0)
        #expect(Self.value(strict, .suspectChats) == 5)
    }

    // MARK: - Who called whom first

    @Test func callbacksAndCallsToSuspectLines() throws {
        let timeline = [
            Self.call(0, 1, 60),                 // suspect 1 calls first
            Self.call(100, 1, 0, out: true),     // call-back, unanswered: still a call-back
            Self.call(200, 1, 30, out: true),    // call-back
            Self.call(300, 2, 400, out: true),   // subscriber dials suspect 2 first, answered: a line
            Self.call(400, 2, 100),              // suspect 2 calls back: neither
            Self.call(500, 2, 50, out: true),    // again to the line, answered
            Self.call(600, 2, 0, out: true),     // to the line, unanswered: not counted
            Self.call(700, 3, 0, out: true),     // subscriber dials suspect 3 first, unanswered
            Self.call(800, 3, 20, out: true),    // …then gets through
        ]
        let e = try #require(Self.exposure(timeline))
        #expect(Self.value(e, .callbacks) == 2)
        #expect(Self.value(e, .callsToSuspectLines) == 3)
        #expect(Self.value(e, .suspectAttempts) == 9)
        #expect(Self.value(e, .suspectCalls) == 6)
    }

    @Test func incomingOnlyHasNoCallbacksOrLines() throws {
        let e = try #require(Self.exposure([Self.call(0, 1, 600), Self.call(100, 1, 600)]))
        #expect(Self.value(e, .callbacks) == 0)
        #expect(Self.value(e, .callsToSuspectLines) == 0)
    }

    // MARK: - Money

    /// Money moves right after a scam call: a bank call counts when an answered suspect call
    /// came at most `money_window` before it, however long ago the first one was.
    @Test func bankCallsCountWithinTheMoneyWindowAfterTheLatestAnsweredCall() throws {
        let timeline = [
            Self.bank(0),                        // before any suspect call
            Self.call(100, 1, 0),                // unanswered: does not open the window
            Self.bank(500),                      // still before any answered call
            Self.call(1_000, 1, 300),            // answered: the window opens
            Self.bank(1_500),
            Self.bank(2_000),                    // exactly money_window later: counts
            Self.bank(2_001),                    // one second too late
            Self.call(3_000, 2, 200),            // the script goes on later: a new window
            Self.bank(3_500),                    // counts (the first call is long past)
            Self.call(3_600, 2, 0),              // unanswered: the window stays at 3,000
            Self.bank(4_001),                    // 1,001 s after the latest answered call
        ]
        let e = try #require(Self.exposure(timeline, settings: ["money_window": 1_000]))
        #expect(Self.value(e, .bankAfterContact) == 3)
        let unanswered = try #require(Self.exposure([Self.call(0, 1, 0), Self.bank(10)]))
        #expect(Self.value(unanswered, .bankAfterContact) == 0)
        // A bank call in the same second as the suspect call counts, whether the bank's id
        // sorts before the suspect's (9 < 12) or after (9 > 1).
        for suspect: NumberID in [1, 12] {
            let tie = [Self.bank(5_000), Self.call(5_000, suspect, 300)].sorted { ($0.time, $0.peer) < ($1.time, $1.peer) }
            let e = try #require(Self.exposure(tie, suspicion: Array(repeating: 0.8, count: 13)))
            #expect(Self.value(e, .bankAfterContact) == 1, "suspect \(suspect)")
        }
    }

    // MARK: - Night

    @Test func nightTalkWrapsMidnightInTheDisplayOffset() throws {
        // UTC+8: local hour = UTC hour + 8.
        let timeline = [
            Self.call(15 * 3_600, 1, 100),                // 23:00 local: night
            Self.call(17 * 3_600, 1, 200),                // 01:00 local: night
            Self.call(18 * 3_600, 2, 0),                  // 02:00 local, unanswered
            Self.call(21 * 3_600 + 3_540, 2, 400),        // 05:59 local: night
            Self.call(22 * 3_600, 2, 800),                // 06:00 local: day
            Self.call(13 * 3_600 + 3_540, 3, 1_600),      // 21:59 local: day
        ].sorted { $0.time < $1.time }
        let local = try #require(Self.exposure(timeline, offset: 28_800))
        #expect(Self.value(local, .nightTalk) == 700)
        let utc = try #require(Self.exposure(timeline, offset: 0))
        #expect(Self.value(utc, .nightTalk) == 800)                // only 22:00 UTC is night there
    }

    // MARK: - Evidence

    @Test func topSuspectsByTalkThenSuspicion() throws {
        var suspicion = [Float](repeating: 0.5, count: 10)
        suspicion[1] = 0.6; suspicion[3] = 0.9; suspicion[2] = 0.55; suspicion[4] = 0.99
        let timeline = [
            Self.call(0, 1, 100), Self.call(10, 2, 500), Self.call(20, 3, 300),
            Self.call(30, 1, 200), Self.call(40, 4, 50), Self.call(50, 5, 0),
        ]
        let e = try #require(Self.exposure(timeline, suspicion: suspicion))
        #expect(e.topSuspects == [2, 3, 1])                         // 500; 300 at 0.9; 300 at 0.6
        #expect(Self.value(e, .maxSuspicion) == Double(Float(0.99)))
        // Equal talk and suspicion: the lower id first, whatever the order of the calls.
        let tie = try #require(Self.exposure([Self.call(0, 6, 90), Self.call(10, 5, 90)]))
        #expect(tie.topSuspects == [5, 6])
    }

    @Test func unansweredOnlyShowsWhoTriedInOrder() throws {
        let timeline = [Self.call(0, 7, 0), Self.call(10, 5, 0), Self.call(20, 7, 0), Self.call(30, 6, 0), Self.call(40, 8, 0)]
        let e = try #require(Self.exposure(timeline))
        #expect(e.topSuspects == [7, 5, 6])
        #expect(Self.value(e, .suspectCalls) == 0)
        #expect(Self.value(e, .maxSuspicion) == 0)
        #expect(Self.value(e, .suspectAttempts) == 5)
    }

    @Test func noSuspectCallMeansNoExposure() {
        #expect(Self.exposure([Self.bank(0), Self.bank(100)]) == nil)
        #expect(Self.exposure([]) == nil)
    }

    // MARK: - New holds

    @Test func newHoldsCountDistinctNumbersWithinTheHandOnWindowOfASuspectHold() throws {
        let timeline = [
            Self.newHold(0, 5),                  // before any suspect call
            Self.call(1_000, 1, 120),            // a suspect's 2 minutes opens nothing
            Self.newHold(2_000, 6),
            Self.call(3_000, 1, 200),            // held 3m+: open until 3 000 + 8 h
            Self.newHold(4_000, 7),
            Self.newHold(5_000, 7),              // the same number again
            Self.newHold(3_000 + 28_800, 8),     // 8 hours on: still in
            Self.newHold(3_000 + 28_801, 9),     // a second later: out
        ]
        let e = try #require(Self.exposure(timeline))
        #expect(Self.value(e, .newHolds) == 2)                // 7 and 8
        // Nothing else counts them: two suspect calls, 320 s.
        #expect(Self.value(e, .suspectAttempts) == 2)
        #expect(Self.value(e, .suspectTalk) == 320)
        #expect(Self.value(e, .suspectContacts24h) == 1)
        #expect(e.firstContact == Self.day + 1_000 && e.lastContact == Self.day + 3_000)
        #expect(e.topSuspects == [1])
        // The window is the setting's.
        let wider = try #require(Self.exposure(timeline, settings: ["hand_on_window": 28_801]))
        #expect(Self.value(wider, .newHolds) == 3)
    }

    @Test func whatOpensANewHold() {
        let s = EngineSettings(["hand_on_answer_rate": 0.6, "long_call": 600, "hold_call": 180])
        #expect(s.opensNewHold(duration: 600, callerIsBank: false, outCalls: 5, outAnswered: 2))   // 0.4
        #expect(!s.opensNewHold(duration: 600, callerIsBank: false, outCalls: 5, outAnswered: 3))  // 0.6 is not under 0.6
        #expect(!s.opensNewHold(duration: 600, callerIsBank: false, outCalls: 0, outAnswered: 0))
        #expect(!s.opensNewHold(duration: 599, callerIsBank: false, outCalls: 5, outAnswered: 2))  // not long
        #expect(!s.opensNewHold(duration: 600, callerIsBank: true, outCalls: 5, outAnswered: 2))
        let longHold = EngineSettings(["long_call": 600, "hold_call": 900])
        #expect(!longHold.opensNewHold(duration: 600, callerIsBank: false, outCalls: 5, outAnswered: 2))
        #expect(longHold.opensNewHold(duration: 900, callerIsBank: false, outCalls: 5, outAnswered: 2))
        #expect(EngineSettings([:]).handOnAnswerRate == 0.6)
    }

    @Test func aNewHoldWithANumberNowASuspectDoesNotCount() throws {
        let e = try #require(Self.exposure([Self.call(0, 1, 900), Self.newHold(600, 2), Self.call(600, 2, 720)]))
        #expect(Self.value(e, .newHolds) == 0)
        #expect(Self.value(e, .suspectContacts24h) == 2)
    }

    /// A bank call after a new hold alone is not money moving after a suspect call, and new holds
    /// alone are no exposure.
    @Test func aNewHoldIsNoSuspectCall() throws {
        #expect(Self.exposure([Self.newHold(0, 5), Self.bank(100)]) == nil)
        let e = try #require(Self.exposure([Self.call(0, 1, 0), Self.newHold(100, 5), Self.bank(200)]))
        #expect(Self.value(e, .bankAfterContact) == 0)
        #expect(Self.value(e, .suspectCalls) == 0)
    }

    /// More suspects than ``PeerSlots`` searches in a line: past its limit they are found
    /// through its dictionary, and every count is what it is with a few.
    @Test func manySuspectsCountAsAFewDo() throws {
        let n = PeerSlots<Int>.linearLimit * 2 + 3
        var events: [ContactEvent] = []
        for k in 0..<n {                                  // each rings, then is rung back
            events.append(Self.call(UInt32(k) * 60, NumberID(100 + k), 200))
        }
        for k in 0..<n {
            events.append(Self.call(UInt32(n + k) * 60, NumberID(100 + k), 30, out: true))
        }
        let suspicion = [Float](repeating: 0.8, count: 100 + n)
        let e = try #require(Self.exposure(events, suspicion: suspicion))
        #expect(Self.value(e, .suspectContacts) == Double(n))
        #expect(Self.value(e, .suspectContacts24h) == Double(n))
        #expect(Self.value(e, .callbacks) == Double(n))
        #expect(Self.value(e, .callsToSuspectLines) == 0)
        #expect(Self.value(e, .suspectCalls24h) == Double(2 * n))
        #expect(e.topSuspects == [100, 101, 102].map { NumberID($0) })
        var slots = PeerSlots<Int>()
        for k in 0..<n { #expect(slots.slot(NumberID(7 * k), initial: k) == (k, true)) }
        for k in 0..<n { #expect(slots.find(NumberID(7 * k)) == k && slots[k] == k) }
        #expect(slots.slot(NumberID(7), initial: 0) == (1, false) && slots.find(NumberID(8)) == nil)
    }
}
