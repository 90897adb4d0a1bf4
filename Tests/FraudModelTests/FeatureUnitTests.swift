import Testing
@testable import FraudModel

/// How a literal reads in each unit: what it becomes, or the message that says why not.
@Suite("FeatureUnit")
struct FeatureUnitTests {
    private static func literal(_ text: String) -> RuleNumberLiteral {
        var lexer = RuleLexer(bytes: Array("x = \(text)".utf8), file: "u")
        let token = lexer.logicalLines(startingAt: 0)[0].tokens[2]
        return token.numberLiteral
    }

    private static func read(_ text: String, _ unit: FeatureUnit, _ name: String = "f") -> Result<Double, FeatureUnit.Mismatch> {
        Result { () throws(FeatureUnit.Mismatch) in try unit.value(of: literal(text), for: name) }
    }

    private static func value(_ text: String, _ unit: FeatureUnit) -> Double? {
        try? read(text, unit).get()
    }

    private static func message(_ text: String, _ unit: FeatureUnit, _ name: String) -> String? {
        if case .failure(let mismatch) = read(text, unit, name) { return mismatch.message }
        return nil
    }

    @Test func plainNumbersAreTakenAsWritten() {
        for unit in FeatureUnit.allCases {
            #expect(Self.value("0.5", unit) == 0.5, "\(unit)")
            #expect(Self.value("1", unit) == 1, "\(unit)")
        }
        for unit in FeatureUnit.allCases where unit != .share {
            #expect(Self.value("30", unit) == 30, "\(unit)")
        }
    }

    @Test func durationsAreSecondsOrConvertedToHours() {
        #expect(Self.value("10m", .seconds) == 600)
        #expect(Self.value("1h30m", .seconds) == 5_400)
        #expect(Self.value("1d", .hours) == 24)
        #expect(Self.value("90m", .hours) == 1.5)
        #expect(Self.value("1w", .hours) == 168)
        #expect(Self.value("1d", .hours) == Self.value("24", .hours))
        for unit in [FeatureUnit.share, .count, .hourOfDay, .ratio] {
            #expect(Self.value("10m", unit) == nil, "\(unit)")
        }
    }

    @Test func percentagesAreSharesOnly() {
        #expect(Self.value("30%", .share) == 0.3)
        #expect(Self.value("100%", .share) == 1)
        for unit in [FeatureUnit.seconds, .hours, .count, .hourOfDay, .ratio] {
            #expect(Self.value("30%", unit) == nil, "\(unit)")
        }
    }

    @Test func aShareIsNeverMoreThanOne() {
        #expect(Self.value("1", .share) == 1)
        #expect(Self.value("30", .share) == nil)
        #expect(Self.value("1.5", .share) == nil)
    }

    @Test func messagesSayTheUnitAndWhatToWrite() {
        #expect(Self.message("30", .share, "out_short_share")
            == "'out_short_share' is a share from 0 to 1, so 30 is out of its range; write 30% (or 0.3)")
        #expect(Self.message("10m", .count, "out_distinct")
            == "'out_distinct' is a count, not a duration; write a plain number (10, not 10m)")
        #expect(Self.message("1h30m", .count, "active_days")
            == "'active_days' is a count, not a duration; write a plain number")
        #expect(Self.message("2d", .share, "max_suspicion")
            == "'max_suspicion' is a share from 0 to 1, not a duration; write a percentage such as 30% or a fraction such as 0.3")
        #expect(Self.message("22h", .hourOfDay, "night_start")
            == "'night_start' is an hour of the day (0 to 23), not a duration; write a plain number (22, not 22h)")
        #expect(Self.message("10%", .seconds, "suspect_longest")
            == "'suspect_longest' is in seconds, not a share; write seconds or a duration such as 10m")
        #expect(Self.message("10%", .hours, "observed_hours")
            == "'observed_hours' is in hours, not a share; write hours or a duration such as 1d")
        #expect(Self.message("10%", .count, "out_distinct")
            == "'out_distinct' is a count, not a share; write a plain number (10, not 10%)")
        #expect(Self.message("150%", .ratio, "calls_per_callee")
            == "'calls_per_callee' is a ratio of two counts, not a share; write a plain number (1.5 for 150%)")
    }

    @Test func aNegatedLiteralKeepsItsSignInMessagesAndValues() throws {
        let minusDay = Self.literal("1d").negated
        #expect(minusDay.text == "-1d" && minusDay.value == -86_400)
        #expect(minusDay.negated.text == "1d")
        #expect(try FeatureUnit.hours.value(of: minusDay, for: "h") == -24)
        #expect(Self.message("50", .share, "s")?.contains("write 50% (or 0.5)") == true)
        let minusFifty = Self.literal("50").negated
        #expect(throws: Never.self) { try FeatureUnit.share.value(of: minusFifty, for: "s") }
    }
}
