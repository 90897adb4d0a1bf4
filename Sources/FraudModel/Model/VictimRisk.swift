/// The victim model applied to one subscriber's exposure: score, tier and reasons.
struct VictimRisk: Sendable {
    let score: Double
    let tier: Tier
    let reasons: [Warning.Reason]
    /// Every rule's contribution, in rule order (for `explain`).
    let contributions: [Double]

    init(exposure: Exposure, traits: NumberTraits, rules: RuleSet, reasons count: Int) {
        let model = rules.victim
        let (contributions, score, tier) = exposure.features.withUnsafeBufferPointer { f -> ([Double], Double, Int?) in
            let c = model.contributions(features: f, traits: traits)
            let s = LogisticModel.sigmoid(model.bias + c.reduce(0, +))
            return (c, s, rules.tier(features: f, traits: traits, score: s))
        }
        self.score = score
        self.tier = tier.flatMap(Tier.init(rawValue:)) ?? .none
        self.contributions = contributions
        self.reasons = contributions.indices
            .filter { contributions[$0] > 0 }
            .sorted { (contributions[$0], $1) > (contributions[$1], $0) }
            .prefix(count)
            .map { Warning.Reason(rule: model.rules[$0].name, label: model.rules[$0].label, contribution: contributions[$0]) }
    }
}
