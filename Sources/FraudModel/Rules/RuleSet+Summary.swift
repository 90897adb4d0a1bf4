// MARK: - Summary

extension RuleSet {
    /// A human description for `fraud-score check`: lists with sizes, classes, each model's bias
    /// and rules (name, weight, label, expression), overrides, tiers, non-default settings and
    /// warnings. Deterministic: everything is in file or schema order.
    public var summary: String {
        var out: [String] = ["Rules file: \(source.file)"]
        out.append("Lists (\(lists.count)):")
        for list in lists {
            let origin = list.line > 0 ? "line \(list.line)" : "added at run time"
            out.append("  \(list.name): \(list.numbers.count) number\(list.numbers.count == 1 ? "" : "s") (\(origin))")
        }
        out.append("Classes (\(classes.count)):")
        for numberClass in classes {
            out.append("  \(numberClass.name) = \(numberClass.program.text)")
        }
        out += modelSummary("Caller", caller)
        out.append("  suspect when: \(suspectWhen?.text ?? "(never)")")
        out.append("  trusted when: \(trustedWhen?.text ?? "(never)")  [suspect wins over trusted]")
        out += modelSummary("Victim", victim)
        out.append("  consider: \(considerWhen?.text ?? "(every number)")")
        out.append("Tiers (most urgent first):")
        for (index, condition) in tiers.enumerated() {
            out.append("  tier \(index + 1): \(condition?.text ?? "(not used)")")
        }
        let changed = schemaSettings.filter { settings[$0.name] != $0.defaultValue }
        out.append("Settings changed from defaults (\(changed.count)):")
        for setting in changed {
            let value = settings[setting.name].map(RuleSource.formatNumber) ?? "?"
            out.append("  \(setting.name) = \(value) (default \(RuleSource.formatNumber(setting.defaultValue)))")
        }
        out.append("Warnings (\(warnings.count)):")
        out += warnings.map { "  \($0)" }
        return out.joined(separator: "\n")
    }

    private func modelSummary(_ title: String, _ model: LogisticModel) -> [String] {
        var out = ["\(title) model: bias \(RuleSource.formatNumber(model.bias)), \(model.rules.count) rule\(model.rules.count == 1 ? "" : "s")"]
        for rule in model.rules {
            let label = rule.label == rule.name ? "" : " label \"\(rule.label)\""
            out.append("  rule \(rule.name) weight \(RuleSource.formatNumber(rule.weight))\(label) = \(rule.expressionText)")
        }
        return out
    }
}
