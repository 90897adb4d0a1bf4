// MARK: - Unit

/// What the values of a feature or setting measure.
///
/// Features carry no unit in the vectors rules read, so the rules language checks the literals
/// written next to them: a duration compared with an hours feature is read in hours
/// (`observed_hours >= 1d` means 24), and a literal that cannot mean what the analyst wrote is
/// an error (`out_short_share >= 30`, a share that is never 30; `out_distinct >= 10m`, a count
/// compared with 600 seconds). See ``RuleSchema/units`` and ``RuleSetting/unit``.
public enum FeatureUnit: String, CaseIterable, Sendable, Hashable {
    /// A duration in seconds (`out_talk`, `short_call`): a plain number is seconds, a duration
    /// such as `10m` is read as its seconds.
    case seconds
    /// A duration in hours (`observed_hours`): a plain number is hours, a duration such as `1d`
    /// is converted to hours (24).
    case hours
    /// A share, rate or probability from 0 to 1 (`out_answer_rate`, `max_suspicion`): a
    /// percentage such as `30%` or a fraction such as `0.3`.
    case share
    /// A count of calls, numbers, days or devices (`out_distinct`, `active_days`): a plain number.
    case count
    /// An hour of the day from 0 to 23 (`night_start`): a plain number, not a duration.
    case hourOfDay
    /// A quotient of two counts that is not a share, such as calls per callee or callees per
    /// day (`calls_per_callee`): a plain number.
    case ratio

    /// The unit as the feature reference shows it.
    public var name: String {
        switch self {
        case .seconds: return "seconds"
        case .hours: return "hours"
        case .share: return "share"
        case .count: return "count"
        case .hourOfDay: return "hour of day"
        case .ratio: return "ratio"
        }
    }

    /// The unit in a sentence about a name: `'x' is <phrase>`.
    var phrase: String {
        switch self {
        case .seconds: return "in seconds"
        case .hours: return "in hours"
        case .share: return "a share from 0 to 1"
        case .count: return "a count"
        case .hourOfDay: return "an hour of the day (0 to 23)"
        case .ratio: return "a ratio of two counts"
        }
    }
}
