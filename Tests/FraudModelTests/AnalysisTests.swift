import Foundation
import Testing
@testable import FraudModel

@Suite("Analysis")
struct AnalysisTests {
    // MARK: - Fixture

    /// Small, hand-weighted rules: every expected score below is worked out from these weights,
    /// not from rules/default.rules.
    static func rules(ring: Bool = true) -> String { """
        class bank_hotline = length == 5 and prefix("955")
        class high_risk_country = prefix("+855")
        set suspect_threshold = 0.5
        set ring_min_talk = 3m
        set window = 1d
        set money_window = 2d
        set night_start = 22
        set night_end = 6
        set reasons = 5

        caller trusted = bank_hotline
        caller bias -6
        caller rule spray weight 4 label "sprays calls at strangers" =
            out_distinct_per_day >= 30 and callback_share < 0.15
        caller rule risky_country weight 3 label "calls from a scam-compound country" = high_risk_country
        \(ring ? ringRule : "")

        victim consider = not international and not bank_hotline
        victim bias -6
        victim rule long_first weight 3 label "first call with a suspect lasted 10m+" = first_contact_longest >= 10m
        victim rule handed_off weight 2 label "handed from one suspect to another" = suspect_contacts_24h >= 2
        victim rule called_back weight 1.5 label "called a suspect back" = callbacks >= 1
        victim rule bank_call weight 2.5 label "called a bank hotline after" = bank_after_contact >= 1
        victim rule night weight 1 label "long suspect talk at night" = night_talk >= 10m

        tier 1 = score >= 0.9
        tier 2 = score >= 0.5
        tier 3 = score >= 0.04
        """ }

    static let ringRule = """
        caller rule ring weight 7.5 label "talks to people suspects just held" =
            ring_contacts >= 1 and ring_share >= 0.15 and peers <= 30
        """

    static let spray = "+85512345678", handOff = "13712345678", courier = "13800000000"
    static let victim = "13900000000", secondVictim = "13500000002"
    static func sprayed(_ i: Int) -> String { "139000000\(String(format: "%02d", i))" }
    static func customer(_ i: Int) -> String { "136000000\(String(format: "%02d", i))" }

    static func σ(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// The scenario's calls, one day (times naive, so UTC):
    /// - the spray (+855) calls 40 subscribers 09:00–09:39: the victim is held 20 minutes,
    ///   three answer for 10 s, 36 do not answer;
    /// - the hand-off (a mobile) calls the victim (25 min) and a second victim (15 min), the
    ///   victim calls it back, then calls 95588;
    /// - a courier calls 40 customers for 40 s each; 25 of them call back.
    static var csv: String {
        var rows: [String] = []
        func row(_ time: String, _ a: String, _ b: String, _ d: Int) { rows.append("2026-03-02 \(time),\(a),\(b),\(d)") }
        row("09:00:00", "0085512345678", "+86" + victim, 1_200)
        for i in 1..<40 {
            row(String(format: "09:%02d:00", i), "0085512345678", sprayed(i), i <= 3 ? 10 : 0)
        }
        row("11:00:00", handOff, victim, 1_500)
        row("11:30:00", handOff, secondVictim, 900)
        row("12:00:00", victim, handOff, 300)
        row("12:30:00", victim, "95588", 120)
        for i in 0..<40 { row(String(format: "10:%02d:30", i), courier, customer(i), 40) }
        for i in 0..<25 { row(String(format: "14:%02d:00", i), customer(i), courier, 20) }
        // Input order is not time order.
        return "start_time,caller,callee,duration\n" + rows.reversed().joined(separator: "\n") + "\n"
    }

    static func ruleSet(_ text: String) throws -> RuleSet {
        try RuleSet.parse(text, file: "analysis.rules", schema: .engine, environment: RuleEnvironment(
            readFile: { _ in [] }, canonicalNumber: { PhoneNumber.canonical($0) }))
    }

    static func analysis(rules text: String = rules()) throws -> Analysis {
        Analysis(log: try readLog(csv, chunk: 4_096), rules: try ruleSet(text))
    }

    static func id(_ a: Analysis, _ number: String) throws -> Int {
        Int(try #require(a.log.numbers.lookup(number)))
    }

    // MARK: - Suspects

    @Test func sprayIsSuspectOnItsOwnBehaviour() throws {
        let a = try Self.analysis()
        // -6 + spray 4 + country 3; no ring contacts of its own.
        #expect(abs(try #require(a.suspicion(of: Self.spray)) - Self.σ(1)) < 1e-6)
        #expect(a.suspicion.ringContacts[try Self.id(a, Self.spray)] == 0)
        // Without the ring rule the spray scores the same: round one already made it a suspect.
        let noRing = try Self.analysis(rules: Self.rules(ring: false))
        #expect(abs(try #require(noRing.suspicion(of: Self.spray)) - Self.σ(1)) < 1e-6)
    }

    @Test func handOffIsSuspectOnlyThroughRingContacts() throws {
        let a = try Self.analysis()
        let h = try Self.id(a, Self.handOff)
        #expect(a.suspicion.ringContacts[h] == 1)                  // the victim, held by the spray
        #expect(abs(try #require(a.suspicion(of: Self.handOff)) - Self.σ(1.5)) < 1e-6)
        #expect(a.suspicion.isSuspect[h])
        let noRing = try Self.analysis(rules: Self.rules(ring: false))
        #expect(abs(try #require(noRing.suspicion(of: Self.handOff)) - Self.σ(-6)) < 1e-6)
        #expect(!noRing.suspicion.isSuspect[try Self.id(noRing, Self.handOff)])
        #expect(a.suspectCount == 2 && noRing.suspectCount == 1)
    }

    @Test func courierIsNotSuspectAndItsCustomersAreNotWarned() throws {
        let a = try Self.analysis()
        // It calls 40 people a day, like the spray, but 25 of them call back.
        #expect(abs(try #require(a.suspicion(of: Self.courier)) - Self.σ(-6)) < 1e-6)
        let customers = Set((0..<40).map(Self.customer))
        #expect(!a.warnings.contains { customers.contains($0.subscriber) || $0.subscriber == Self.courier })
        #expect(a.suspicion(of: "95588") == 0)                     // trusted, though it has a ring contact
        #expect(a.suspicion(of: "13000000000") == nil)             // not in the log
    }

    @Test func suspicionOfTakesAnyNumberFormatLikeExplain() throws {
        let a = try Self.analysis()
        #expect(try #require(a.explain("0085512345678")).number == Self.spray)
        let written = a.suspicion(of: "0085512345678")
        #expect(written == a.suspicion(of: Self.spray))
    }

    @Test func aNumberDoesNotCountPeopleOnlyItHeld() throws {
        // Two sprays: both hold V, only the first holds W. A spray counts V (another suspect
        // held V too) but not W, whom only it held: it must not confirm itself.
        var rows: [String] = []
        for i in 0..<40 {
            rows.append("2026-03-02 09:\(String(format: "%02d", i)):00,+85511111111,\(Self.sprayed(i)),\(i < 2 ? 1_000 : 0)")
            rows.append("2026-03-02 10:\(String(format: "%02d", i)):00,+85522222222,\(Self.customer(i)),0")
        }
        rows.append("2026-03-02 11:00:00,+85522222222,\(Self.sprayed(0)),800")
        rows.append("2026-03-02 11:30:00,+85511111111,\(Self.sprayed(1)),900")   // W again, by the same one
        let log = try readLog("start_time,caller,callee,duration\n" + rows.joined(separator: "\n") + "\n", chunk: 4_096)
        // On several threads the holds of V and W fall in different ranges of the calls.
        for threads in [1, 2, 3, 8] {
            let a = Analysis(log: log, rules: try Self.ruleSet(Self.rules()), threads: threads)
            let suspects = a.suspectNumbers()
            #expect(suspects.map(\.number).sorted() == ["+85511111111", "+85522222222"])
            #expect(suspects.first { $0.number == "+85511111111" }?.ringContacts == 1, "\(threads)")   // V, not W
            #expect(suspects.first { $0.number == "+85522222222" }?.ringContacts == 1, "\(threads)")   // V
        }
    }

    @Test func suspectNumbersListTheSprayWithItsReasons() throws {
        let a = try Self.analysis()
        let list = a.suspectNumbers()
        #expect(list.map(\.number) == [Self.handOff, Self.spray])  // σ(1.5) before σ(1)
        let s = try #require(list.last)
        #expect(s.reasons.map(\.rule) == ["spray", "risky_country"])
        #expect(s.reasons.map(\.contribution) == [4, 3])
        #expect(s.reasons.first?.label == "sprays calls at strangers")
        #expect(s.outCalls == 40 && s.outDistinct == 40 && s.inDistinct == 0 && s.activeDays == 1)
        #expect(list.first?.reasons.map(\.rule) == ["ring"])
        #expect(list.first?.ringContacts == 1)
        #expect(a.suspectNumbers(minimum: 0.9).isEmpty)
    }

    // MARK: - Warnings

    @Test func victimIsTierOneWithTheRightReasons() throws {
        let a = try Self.analysis()
        let w = try #require(a.warnings.first { $0.subscriber == Self.victim })
        // -6 + long first contact 3 (25 min with the hand-off) + handed off 2 + called back 1.5
        // + bank 2.5 = 3; no night talk.
        #expect(abs(w.score - Self.σ(3)) < 1e-9)
        #expect(w.tier == .visit)
        #expect(w.reasons.map(\.rule) == ["long_first", "bank_call", "handed_off", "called_back"])
        #expect(w.suspects == [Self.handOff, Self.spray])          // 30 min of talk before 20
        #expect(w.suspectTalk == 3_000)
        #expect(w.bankCalls == 1)
        #expect(w.firstContact == 1_772_442_000)                   // 09:00, the spray
        #expect(w.lastContact == 1_772_452_800)                    // 12:00, the call-back (not the bank call)
        // The second victim only talked to the hand-off, so only the ring stage exposes them.
        let second = try #require(a.warnings.first { $0.subscriber == Self.secondVictim })
        #expect(second.tier == .sms)
        #expect(second.reasons.map(\.rule) == ["long_first"])
    }

    @Test func withoutTheRingTheVictimLooksMilder() throws {
        let a = try Self.analysis(rules: Self.rules(ring: false))
        let w = try #require(a.warnings.first { $0.subscriber == Self.victim })
        #expect(abs(w.score - Self.σ(-0.5)) < 1e-9)                // long first 3 + bank 2.5 only
        #expect(w.tier == .sms)
        #expect(!a.warnings.contains { $0.subscriber == Self.secondVictim })
    }

    @Test func warningsAreSortedByTierThenScoreThenSubscriber() throws {
        let a = try Self.analysis()
        #expect(a.warnings.count == 41)                            // the 40 sprayed plus the second victim
        #expect(a.warnings.prefix(2).map(\.subscriber) == [Self.victim, Self.secondVictim])
        let rest = a.warnings.dropFirst(2)
        #expect(rest.allSatisfy { $0.tier == .none })
        #expect(rest.map(\.subscriber) == (1..<40).map(Self.sprayed))   // equal scores: by number
        #expect(a.tierCounts == [39, 1, 0, 1])
        for (x, y) in zip(a.warnings, a.warnings.dropFirst()) {
            let ordered = x.tier.urgency > y.tier.urgency
                || (x.tier == y.tier && (x.score > y.score || (x.score == y.score && x.subscriber < y.subscriber)))
            #expect(ordered, "\(x.subscriber) listed before \(y.subscriber)")
        }
    }

    // MARK: - Explain

    @Test func explainShowsTheTimelineInTimeOrder() throws {
        let a = try Self.analysis()
        let e = try #require(a.explain("+86" + Self.victim))
        #expect(e.number == Self.victim)
        let v = try #require(e.victim)
        #expect(v.tier == .visit)
        #expect(v.timeline.map(\.peer) == [Self.spray, Self.handOff, Self.handOff, "95588"])
        #expect(v.timeline.map(\.time) == [1_772_442_000, 1_772_449_200, 1_772_452_800, 1_772_454_600])
        #expect(v.timeline.map(\.outgoing) == [false, false, true, true])
        #expect(v.timeline.map(\.duration) == [1_200, 1_500, 300, 120])
        #expect(v.timeline.map(\.kind) == [.suspect, .suspect, .suspect, .bank])
        #expect(v.lines.first { $0.rule == "night" }?.value == 0)
        #expect(v.features.first { $0.name == "callbacks" }?.value == 1)

        let spray = try #require(a.explain(Self.spray))
        #expect(spray.victim == nil)                               // international: never a victim
        #expect(!spray.considered)
        #expect(ExplanationReport.text(spray, offset: 0, pseudonymizer: .off)
            .contains("AS A POSSIBLE VICTIM: never scored: the rules' 'victim consider' leaves this number out."))
        #expect(spray.callerLines.map(\.rule) == ["spray", "risky_country", "ring"])
        #expect(spray.callerLines.map(\.value) == [1, 1, 0])
        #expect(try #require(a.explain("95588")).forced == "caller trusted")
        let customer = try #require(a.explain(Self.customer(0)))
        #expect(customer.victim == nil && customer.considered)
        #expect(ExplanationReport.text(customer, offset: 0, pseudonymizer: .off)
            .contains("AS A POSSIBLE VICTIM: no call with a suspect number; not scored."))
        #expect(a.explain("13000000000") == nil)
    }
}
