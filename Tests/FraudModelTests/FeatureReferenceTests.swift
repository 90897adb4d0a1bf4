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

    @Test func featureNamesAreUniqueAcrossModels() {
        let names = CallerFeature.allCases.map(\.name) + VictimFeature.allCases.map(\.name)
        #expect(Set(names).count == names.count)
    }
}
