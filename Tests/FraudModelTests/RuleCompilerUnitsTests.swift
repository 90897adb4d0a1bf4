import Foundation
import Testing
@testable import FraudModel

/// Literals compared directly with a feature, `score` or `length`, or given to `set`, checked
/// against the engine's units: read in them (a duration against hours) or refused where written.
@Suite("RuleCompiler units")
struct RuleCompilerUnitsTests {
    private static let environment = RuleEnvironment(readFile: { _ in [] }, canonicalNumber: { PhoneNumber.canonical($0) })

    private static func parse(_ text: String, schema: RuleSchema = .engine) throws -> RuleSet {
        try RuleSet.parse(text, file: "u.rules", schema: schema, environment: environment)
    }

    /// The errors of a file that must fail, as printed (`u.rules:LINE:COLUMN: message`).
    private static func errors(_ text: String) -> [String] {
        do {
            _ = try parse(text)
            return ["<parsed without errors>"]
        } catch let error as RuleSetError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["<unexpected error \(error)>"]
        }
    }

    /// The code of a one-rule file's rule (a tier's when `tier`).
    private static func code(_ statement: String) throws -> [RuleInstruction] {
        let set = try parse(statement)
        if let rule = set.caller.rules.first ?? set.victim.rules.first { return rule.program.code }
        return try #require(set.tiers[0]).code
    }

    // MARK: - Errors

    @Test func eachMismatchIsAnErrorAtTheLiteral() {
        let text = """
            caller rule a weight 1 = out_short_share >= 30
            caller rule b weight 1 = 10m <= out_distinct
            victim rule c weight 1 = suspect_longest >= 10%
            victim rule d weight 1 = max_suspicion > 2d
            caller rule e weight 1 = observed_hours < 10%
            caller rule f weight 1 = calls_per_callee != 150%
            caller rule g weight 1 = out_calls >= 20 and
                (active_days <= 3d or out_mean_hold > -5%)
            tier 1 = score >= 90
            class five = length == 5m
            """
        #expect(Self.errors(text) == [
            "u.rules:1:45: 'out_short_share' is a share from 0 to 1, so 30 is out of its range; write 30% (or 0.3)",
            "u.rules:2:26: 'out_distinct' is a count, not a duration; write a plain number (10, not 10m)",
            "u.rules:3:45: 'suspect_longest' is in seconds, not a share; write seconds or a duration such as 10m",
            "u.rules:4:42: 'max_suspicion' is a share from 0 to 1, not a duration; write a percentage such as 30% or a fraction such as 0.3",
            "u.rules:5:43: 'observed_hours' is in hours, not a share; write hours or a duration such as 1d",
            "u.rules:6:46: 'calls_per_callee' is a ratio of two counts, not a share; write a plain number (1.5 for 150%)",
            "u.rules:8:21: 'active_days' is a count, not a duration; write a plain number (3, not 3d)",
            "u.rules:8:43: 'out_mean_hold' is in seconds, not a share; write seconds or a duration such as 10m",
            "u.rules:9:19: 'score' is a share from 0 to 1, so 90 is out of its range; write 90% (or 0.9)",
            "u.rules:10:24: 'length' is a count, not a duration; write a plain number (5, not 5m)",
        ])
    }

    @Test func everyComparisonOperatorIsChecked() {
        for op in ["<", "<=", ">", ">=", "==", "!="] {
            #expect(Self.errors("caller rule a weight 1 = out_distinct \(op) 10m")
                == ["u.rules:1:\(40 + op.count): 'out_distinct' is a count, not a duration; write a plain number (10, not 10m)"])
            #expect(Self.errors("caller rule a weight 1 = 30 \(op) out_share").first?.hasPrefix("u.rules:1:26: 'out_share' is a share") == true)
        }
    }

    @Test func aMismatchDoesNotHideTheOtherErrorsOfTheFile() {
        #expect(Self.errors("caller rule a weight 1 = out_distnct > 1 or out_distinct > 1d") == [
            "u.rules:1:26: unknown feature 'out_distnct' in a caller rule; did you mean 'out_distinct'?",
            "u.rules:1:60: 'out_distinct' is a count, not a duration; write a plain number (1, not 1d)",
        ])
    }

    // MARK: - Hours

    @Test func aDurationAgainstHoursIsReadInHours() throws {
        #expect(try Self.code("caller rule a weight 1 = observed_hours >= 1d") == Self.code("caller rule a weight 1 = observed_hours >= 24"))
        #expect(try Self.code("caller rule a weight 1 = history_hours < 90m") == Self.code("caller rule a weight 1 = history_hours < 1.5"))
        #expect(try Self.code("caller rule a weight 1 = 3d <= observed_hours") == Self.code("caller rule a weight 1 = 72 <= observed_hours"))
        #expect(try Self.code("caller rule a weight 1 = observed_hours > -1d") == Self.code("caller rule a weight 1 = observed_hours > -24"))
        // Not the seconds it would be anywhere else.
        #expect(try Self.code("caller rule a weight 1 = observed_hours >= 1d") != Self.code("caller rule a weight 1 = observed_hours >= 86400"))
    }

    @Test func aDurationAgainstHoursGivesTheSameSuspicionAsTheHoursWrittenOut() throws {
        let hours = CallerFeature.observedHours.rawValue
        let written = try Self.parse("caller rule a weight 2 = observed_hours >= 72 and out_calls >= 20")
        let duration = try Self.parse("caller rule a weight 2 = observed_hours >= 3d and out_calls >= 20")
        for watched in [0.0, 71.9, 72, 200] {
            var features = [Double](repeating: 0, count: CallerFeature.allCases.count)
            features[hours] = watched
            features[CallerFeature.outCalls.rawValue] = 25
            let expected = written.caller.rules[0].program.evaluate(features: features)
            #expect(duration.caller.rules[0].program.evaluate(features: features) == expected)
            #expect(expected == (watched >= 72 ? 1 : 0))
        }
    }

    // MARK: - What stays as it was

    @Test func plainNumbersAgainstSecondsAndHoursAreFine() throws {
        #expect(try Self.code("victim rule a weight 1 = suspect_longest >= 600") == Self.code("victim rule a weight 1 = suspect_longest >= 10m"))
        #expect(try Self.code("caller rule a weight 1 = observed_hours >= 72").count == 1)
        #expect(throws: Never.self) { try Self.parse("caller rule a weight 1 = out_share >= 1 and out_answer_rate < 0.4 and out_distinct > 30") }
        #expect(try Self.code("tier 1 = score >= 90% or score > 0.5") == Self.code("tier 1 = score >= 0.9 or score > 0.5"))
    }

    @Test func arithmeticIsTakenAsWritten() throws {
        #expect(throws: Never.self) { try Self.parse("caller rule a weight 1 = out_distinct * 2 > 10m") }
        #expect(throws: Never.self) { try Self.parse("caller rule a weight 1 = min(out_short_share, 1) > 30") }
        #expect(throws: Never.self) { try Self.parse("victim rule a weight 1 = log1p(suspect_talk_24h / 10m)") }
        // A sum of durations is arithmetic too: seconds, not hours (write 1d12h).
        #expect(try Self.code("caller rule a weight 1 = observed_hours >= 1d + 12h") == Self.code("caller rule a weight 1 = observed_hours >= 129600"))
        #expect(try Self.code("caller rule a weight 1 = observed_hours >= 1d12h") == Self.code("caller rule a weight 1 = observed_hours >= 36"))
    }

    @Test func namesWithoutAUnitAreNotChecked() throws {
        // A warehouse table's columns, and lists and classes, have no unit.
        let table = RuleSchema(callerFeatures: [], victimFeatures: ["talk_minutes"], settings: [])
        #expect(throws: Never.self) { try Self.parse("victim rule a weight 1 = talk_minutes >= 40%", schema: table) }
        #expect(throws: Never.self) { try Self.parse("list w = 95588\ncaller rule a weight 1 = w == 1d") }
    }

    // MARK: - Settings

    @Test func settingsAreCheckedAndReadInTheirUnit() throws {
        let set = try Self.parse("set window = 2d\nset short_call = 45\nset suspect_threshold = 40%\nset hand_on_answer_rate = 0.5\nset night_start = 23\nset reasons = 2")
        #expect(set.settings["window"] == 172_800 && set.settings["short_call"] == 45)
        #expect(set.settings["suspect_threshold"] == 0.4 && set.settings["hand_on_answer_rate"] == 0.5)
        #expect(set.settings["night_start"] == 23 && set.settings["reasons"] == 2)
        #expect(Self.errors("set suspect_threshold = 50\nset short_call = 30%\nset night_start = 22h\nset reasons = 1m\nset window = -5%") == [
            "u.rules:1:25: 'suspect_threshold' is a share from 0 to 1, so 50 is out of its range; write 50% (or 0.5)",
            "u.rules:2:18: 'short_call' is in seconds, not a share; write seconds or a duration such as 10m",
            "u.rules:3:19: 'night_start' is an hour of the day (0 to 23), not a duration; write a plain number (22, not 22h)",
            "u.rules:4:15: 'reasons' is a count, not a duration; write a plain number (1, not 1m)",
            "u.rules:5:14: 'window' is in seconds, not a share; write seconds or a duration such as 10m",
        ])
    }

    @Test func anHoursSettingReadsADurationInHours() throws {
        let schema = RuleSchema(callerFeatures: [], victimFeatures: [], settings: [
            RuleSetting(name: "watch", defaultValue: 24, help: "hours", unit: .hours),
            RuleSetting(name: "free", defaultValue: 0, help: "no unit"),
        ])
        let set = try Self.parse("set watch = 1h30m\nset free = 2d", schema: schema)
        #expect(set.settings["watch"] == 1.5 && set.settings["free"] == 172_800)
    }

    // MARK: - The shipped rules

    /// With units or without, the shipped rules compile to the same programs, with no error
    /// and no warning: the check only refuses, and it refuses nothing they say.
    @Test func theShippedRulesCompileUnchanged() throws {
        var unitless = RuleSchema.engine
        unitless.units = [:]
        unitless.settings = unitless.settings.map { RuleSetting(name: $0.name, defaultValue: $0.defaultValue, help: $0.help) }
        let guide = try String(contentsOfFile: packageRoot() + "/rules/README.md", encoding: .utf8)
        let example = try #require(guide.components(separatedBy: "```").dropFirst().first)
        let files = [
            ("rules/default.rules", try String(contentsOfFile: packageRoot() + "/rules/default.rules", encoding: .utf8)),
            ("the rules guide's example", example),
        ]
        for (name, text) in files {
            let checked = try Self.parse(text)
            let plain = try Self.parse(text, schema: unitless)
            #expect(checked.warnings.isEmpty, "\(name)")
            #expect(checked.settings == plain.settings, "\(name)")
            let programs = { (set: RuleSet) in
                (set.caller.rules + set.victim.rules).map(\.program.code) + set.tiers.map { $0?.code ?? [] }
                    + [set.suspectWhen, set.trustedWhen, set.considerWhen].map { $0?.code ?? [] } + set.classes.map(\.program.code)
            }
            #expect(programs(checked) == programs(plain), "\(name)")
            #expect(!checked.caller.rules.isEmpty || name != "rules/default.rules")
        }
    }
}
