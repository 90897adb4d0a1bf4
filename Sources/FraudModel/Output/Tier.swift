/// How urgently a warning is followed up.
public enum Tier: Int, Comparable, CaseIterable, Sendable, CustomStringConvertible {
    /// Scored, below every tier (listed only with `--all`).
    case none = 0
    /// Urgent: an in-person visit by the local police station or community worker.
    case visit = 1
    /// Medium: a dissuasion phone call from the anti-fraud line.
    case call = 2
    /// Low: an SMS reminder.
    case sms = 3

    /// What the follow-up team does.
    public var action: String {
        switch self {
        case .none: return "none"
        case .visit: return "visit"
        case .call: return "call"
        case .sms: return "sms"
        }
    }

    /// More urgent tiers sort first; `none` sorts last.
    public static func < (a: Tier, b: Tier) -> Bool { a.urgency > b.urgency }

    /// 3 for a visit … 0 for none.
    public var urgency: Int { self == .none ? 0 : 4 - rawValue }

    public var description: String { "tier \(rawValue) (\(action))" }
}
