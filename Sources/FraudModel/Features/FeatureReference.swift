/// The reference of every name a rules file can use, as Markdown: caller features, victim
/// features and settings with their units and defaults. `fraud-score check --features` prints
/// it and rules/README.md embeds it.
public enum FeatureReference {
    /// The reference as Markdown tables.
    public static var markdown: String {
        var s = "Caller features (caller rules, `caller suspect` / `caller trusted`): a number's behaviour over the whole period.\n\n"
        s += "| name | unit | meaning |\n|---|---|---|\n"
        for f in CallerFeature.allCases { s += "| `\(f.name)` | \(f.unit.name) | \(f.help) |\n" }
        s += "\nVictim features (victim rules and tiers): a subscriber's exposure to suspects, windowed in event time.\n\n"
        s += "| name | unit | meaning |\n|---|---|---|\n"
        for f in VictimFeature.allCases { s += "| `\(f.name)` | \(f.unit.name) | \(f.help) |\n" }
        s += "\nSettings (`set NAME = VALUE`):\n\n| name | default | unit | meaning |\n|---|---|---|---|\n"
        for r in EngineSettings.all {
            let value = WarningFormat.fixed(r.defaultValue, r.defaultValue == r.defaultValue.rounded() ? 0 : 2)
            s += "| `\(r.name)` | \(value) | \(r.unit?.name ?? "") | \(r.help) |\n"
        }
        return s
    }
}
