import Foundation
import Testing
@testable import FraudModel

@Suite("WarningFormat")
struct WarningFormatTests {
    static func warning(tier: Tier = .visit, subscriber: String = "13900000001", score: Double = 0.98766,
                        reasons: [Warning.Reason]? = nil) -> Warning {
        Warning(
            tier: tier, subscriber: subscriber, score: score, region: "330102",
            reasons: reasons ?? [
                Warning.Reason(rule: "script", label: "Said \"police\", then bank", contribution: 1.234),
                Warning.Reason(rule: "long_call", label: "Long call", contribution: 0.5),
            ],
            suspects: ["+85512345678", "13700000002"],
            firstContact: 1_772_439_330, lastContact: 1_772_442_930,       // 08:15:30 and 09:15:30 UTC
            suspectTalk: 2_700, bankCalls: 1)
    }

    static func render(_ format: WarningFormat, _ warnings: [Warning], offset: Int32 = 28_800) -> String {
        var out: [UInt8] = []
        format.appendHeader(to: &out)
        for w in warnings { format.append(w, offset: offset, pseudonymizer: .off, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - CSV

    @Test func csvHeaderAndRowWithQuoting() {
        let text = Self.render(.csv, [Self.warning()])
        #expect(text == """
            tier,action,subscriber,score,region,reasons,suspects,first_contact,last_contact,suspect_talk_seconds,bank_calls_after
            1,visit,13900000001,0.9877,330102,"Said ""police"", then bank (+1.23); Long call (+0.50)",\
            +85512345678 13700000002,2026-03-02 16:15:30,2026-03-02 17:15:30,2700,1

            """)
    }

    @Test func csvQuotesNewlinesAndLeavesPlainFieldsAlone() {
        let w = Self.warning(tier: .sms, score: 0.2, reasons: [Warning.Reason(rule: "r", label: "two\nlines", contribution: -0.25)])
        let row = Self.render(.csv, [w], offset: 0).split(separator: "\n", maxSplits: 1)[1]
        #expect(row == "3,sms,13900000001,0.2000,330102,\"two\nlines (-0.25)\",+85512345678 13700000002,2026-03-02 08:15:30,2026-03-02 09:15:30,2700,1\n")
        #expect(CSVEscape.field("plain text") == "plain text")
        #expect(CSVEscape.field("a\rb") == "\"a\rb\"")
        #expect(CSVEscape.field("\"") == "\"\"\"\"")
    }

    @Test func aRegionLikeAFormulaIsWrittenAsText() {
        // Regions are free text from the input: a spreadsheet must not evaluate one.
        var w = Self.warning(tier: .sms, score: 0.2, reasons: [])
        w.region = "=HYPERLINK(\"http://x\",\"y\")"
        let row = Self.render(.csv, [w], offset: 0).split(separator: "\n", maxSplits: 1)[1]
        #expect(row.hasPrefix("3,sms,13900000001,0.2000,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,+85512345678 13700000002,"))
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"] {
            #expect(CSVEscape.inert(formula) == "'" + formula, "\(formula)")
        }
        for plain in ["330102", "", "Hangzhou", "a=b", "1-2"] { #expect(CSVEscape.inert(plain) == plain) }
        // Phone numbers keep their '+': they are not free text.
        let s = SuspectNumber(number: "+85512345678", suspicion: 1, reasons: [], region: "@evil", outCalls: 1, outDistinct: 1,
                              inDistinct: 1, activeDays: 1, ringContacts: 0)
        #expect(s.csvRow(.off) == "+85512345678,1.0000,'@evil,,1,1,1,1,0")
        #expect(Self.render(.csv, [Self.warning()]).contains(",+85512345678 13700000002,"))
    }

    // MARK: - JSON lines

    @Test func jsonLinesParseBackWithTheExpectedValues() throws {
        let tricky = Warning.Reason(rule: "odd", label: "back\\slash \"q\" tab\t ctl\u{1} 電話", contribution: 2)
        let text = Self.render(.jsonl, [Self.warning(), Self.warning(tier: .none, subscriber: "a3f9", score: 0, reasons: [tricky])])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty)                    // no header, one object a line
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(Set(first.keys) == ["tier", "action", "subscriber", "score", "region", "reasons", "rules", "suspects",
                                    "first_contact", "last_contact", "suspect_talk_seconds", "bank_calls_after"])
        #expect(first["tier"] as? Int == 1)
        #expect(first["action"] as? String == "visit")
        #expect(first["subscriber"] as? String == "13900000001")
        #expect(first["score"] as? Double == 0.9877)
        #expect(first["region"] as? String == "330102")
        #expect(first["reasons"] as? [String] == ["Said \"police\", then bank (+1.23)", "Long call (+0.50)"])
        #expect(first["rules"] as? [String] == ["script", "long_call"])
        #expect(first["suspects"] as? [String] == ["+85512345678", "13700000002"])
        #expect(first["first_contact"] as? String == "2026-03-02 16:15:30")
        #expect(first["last_contact"] as? String == "2026-03-02 17:15:30")
        #expect(first["suspect_talk_seconds"] as? Int == 2_700)
        #expect(first["bank_calls_after"] as? Int == 1)
        // Keys in a fixed order, so lines diff cleanly between runs.
        #expect(lines[0].hasPrefix("{\"tier\":1,\"action\":\"visit\",\"subscriber\":\"13900000001\",\"score\":0.9877,"))

        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["tier"] as? Int == 0)
        #expect(second["action"] as? String == "none")
        #expect(second["score"] as? Double == 0)
        #expect(second["reasons"] as? [String] == ["back\\slash \"q\" tab\t ctl\u{1} 電話 (+2.00)"])
    }

    // MARK: - Numbers

    @Test func fixedRoundsHalfAwayFromZero() {
        #expect(WarningFormat.fixed(0.125, 2) == "0.13")
        #expect(WarningFormat.fixed(-0.125, 2) == "-0.13")
        #expect(WarningFormat.fixed(12.0625, 3) == "12.063")
        #expect(WarningFormat.fixed(0.5, 0) == "1")
        #expect(WarningFormat.fixed(-2.5, 0) == "-3")
        #expect(WarningFormat.fixed(1.999, 2) == "2.00")               // carries into the whole part
        #expect(WarningFormat.fixed(0.99996, 4) == "1.0000")
    }

    @Test func fixedPadsTheFractionAndHandlesZero() {
        #expect(WarningFormat.fixed(1.0625, 4) == "1.0625")
        #expect(WarningFormat.fixed(1.05, 2) == "1.05")
        #expect(WarningFormat.fixed(0.0001, 4) == "0.0001")
        #expect(WarningFormat.fixed(7, 0) == "7")
        #expect(WarningFormat.fixed(0, 3) == "0.000")
        #expect(WarningFormat.fixed(-0.0, 2) == "0.00")
        #expect(WarningFormat.fixed(-0.004, 2) == "0.00")              // rounds to zero: no "-0.00"
        #expect(WarningFormat.fixed(-1234.5678, 2) == "-1234.57")
        #expect(WarningFormat.fixed(.nan, 2) == "0")
        #expect(WarningFormat.fixed(-.infinity, 2) == "0")
    }

    @Test func signedAlwaysShowsTheSign() {
        #expect(WarningFormat.signed(1.234) == "+1.23")
        #expect(WarningFormat.signed(0) == "+0.00")
        #expect(WarningFormat.signed(-0.5) == "-0.50")
    }

    @Test func fixedDoesNotTrapOnHugeValues() async {
        // A rule weight like 1e20 is accepted by the parser, and its contribution is printed
        // with `signed`, so this reaches `fraud-score score` and `explain`.
        await #expect(processExitsWith: .success) {
            _ = WarningFormat.fixed(1e20, 2)
        }
    }

    // MARK: - Order

    @Test func tierOrderIsMostUrgentFirstAndNoneLast() {
        #expect(Tier.allCases.sorted() == [.visit, .call, .sms, .none])
        #expect(Tier.visit < .call && Tier.call < .sms && Tier.sms < .none)
        #expect(!(Tier.none < .sms) && !(Tier.visit < .visit))
        #expect(Tier.allCases.map(\.urgency) == [0, 3, 2, 1])
        #expect(Tier.allCases.map(\.action) == ["none", "visit", "call", "sms"])
        #expect(Tier.call.description == "tier 2 (call)")
    }

    @Test func listOrderIsTierThenScoreThenSubscriber() {
        let ws = [
            Self.warning(tier: .sms, subscriber: "s", score: 0.3),
            Self.warning(tier: .none, subscriber: "n", score: 0.99),
            Self.warning(tier: .visit, subscriber: "v2", score: 0.5),
            Self.warning(tier: .call, subscriber: "c", score: 0.95),
            Self.warning(tier: .visit, subscriber: "v1", score: 0.9),
            Self.warning(tier: .visit, subscriber: "v0b", score: 0.5),
            Self.warning(tier: .visit, subscriber: "v0a", score: 0.5),
        ]
        #expect(ws.sorted(by: Warning.listOrder).map(\.subscriber) == ["v1", "v0a", "v0b", "v2", "c", "s", "n"])
        #expect(!Warning.listOrder(ws[0], ws[0]))                       // a strict order
    }

    @Test func sortInListOrderMatchesSortingByListOrder() {
        var rng = SplitMix64(seed: 5)
        let tiers: [Tier] = [.none, .visit, .call, .sms]
        for size in [0, 1, 2, 7, 300] {
            // Subscribers of every length around the 16 bytes the sort compares as words,
            // sharing long prefixes, one of them not ASCII.
            let shapes = ["1390000", "+86139000012345", "abcdef0123456789abcdef", "abcdef0123456789", "é1390"]
            var ws = (0..<size).map { _ in
                // Few distinct scores, so ties fall through to the subscriber.
                Self.warning(tier: tiers[Int(rng.next() % 4)],
                             subscriber: shapes[Int(rng.next() % 5)] + (rng.next() % 3 == 0 ? "" : "\(rng.next() % 10_000)"),
                             score: Double(rng.next() % 5) / 4)
            }
            let expected = ws.sorted(by: Warning.listOrder)
            Warning.sortInListOrder(&ws)
            #expect(ws == expected)
        }
    }
}
