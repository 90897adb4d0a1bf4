import Foundation
import Testing
@testable import FraudModel

@Suite("FeatureReference")
struct FeatureReferenceTests {
    @Test func everyFeatureAndSettingIsDocumented() {
        let text = FeatureReference.markdown
        for f in CallerFeature.allCases { #expect(text.contains("| `\(f.name)` |")) }
        for f in VictimFeature.allCases { #expect(text.contains("| `\(f.name)` |")) }
        for s in EngineSettings.all { #expect(text.contains("| `\(s.name)` |")) }
    }

    /// rules/README.md embeds the reference; this keeps the analysts' guide true to the code.
    @Test func theRulesGuideCarriesTheCurrentReference() throws {
        let guide = try String(contentsOfFile: packageRoot() + "/rules/README.md", encoding: .utf8)
        #expect(guide.contains(FeatureReference.markdown.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func everyFeatureAndSettingShowsItsUnit() {
        let text = FeatureReference.markdown
        for f in CallerFeature.allCases { #expect(text.contains("| `\(f.name)` | \(f.unit.name) |")) }
        for f in VictimFeature.allCases { #expect(text.contains("| `\(f.name)` | \(f.unit.name) |")) }
        #expect(text.contains("| `observed_hours` | hours |"))
        #expect(text.contains("| `short_call` | 30 | seconds |"))
        #expect(text.contains("| `night_start` | 22 | hour of day |"))
    }

    /// The units are read off how each feature is computed; its description says the same, so
    /// the two are checked against each other.
    @Test func unitsAgreeWithTheDescriptions() {
        let described: [(name: String, help: String, unit: FeatureUnit)] =
            CallerFeature.allCases.map { ($0.name, $0.help, $0.unit) } + VictimFeature.allCases.map { ($0.name, $0.help, $0.unit) }
        for f in described {
            if f.help.hasPrefix("share of") || f.name.hasSuffix("_share") || f.name.hasSuffix("_rate") {
                #expect(f.unit == .share, "\(f.name)")
            }
            if f.help.contains("seconds") { #expect(f.unit == .seconds, "\(f.name)") }
            if f.name.hasSuffix("_hours") { #expect(f.unit == .hours, "\(f.name)") }
            if f.help.hasPrefix("distinct") || f.help.hasPrefix("calls") || f.help.hasPrefix("days") || f.help.hasPrefix("answered calls") {
                #expect(f.unit == .count, "\(f.name)")
            }
        }
        #expect(CallerFeature.callsPerCallee.unit == .ratio && CallerFeature.outDistinctPerDay.unit == .ratio)
        #expect(VictimFeature.firstContactLongest.unit == .seconds)
        #expect(VictimFeature.maxSuspicion.unit == .share)
    }

    @Test func theEngineSchemaCarriesEveryUnit() {
        let schema = RuleSchema.engine
        #expect(schema.units.count == CallerFeature.allCases.count + VictimFeature.allCases.count)
        #expect(schema.units["observed_hours"] == .hours && schema.units["suspect_longest"] == .seconds)
        for s in schema.settings { #expect(s.unit != nil, "\(s.name)") }
        let unit = { (name: String) in schema.settings.first { $0.name == name }?.unit }
        #expect(unit("short_call") == .seconds && unit("suspect_threshold") == .share)
        #expect(unit("work_end") == .hourOfDay && unit("reasons") == .count)
    }

    @Test func featureNamesAreUniqueAcrossModels() {
        let names = CallerFeature.allCases.map(\.name) + VictimFeature.allCases.map(\.name)
        #expect(Set(names).count == names.count)
    }
}
