/// The behaviour of a number over the whole period, as caller and as callee: the inputs of the
/// caller (fraud-number) model. Rule files name them by `name`.
public enum CallerFeature: Int, CaseIterable, Sendable {
    case outCalls, outAnswered, outAnswerRate, outDistinct, outDistinctPerDay, outTalk, outMeanHold
    case outShortShare, outLong, callsPerCallee, callbackShare, inKnownShare
    case inCalls, inAnswered, inDistinct, inDistinctPerDay, inTalk, inMeanHold, inLong, inHeldDistinct
    case outShare, activeDays, outDays, busyDays, observedHours, historyHours, workHoursShare, nightShare, imeis, peers
    case ringContacts, ringShare

    /// The name used in rule files.
    public var name: String {
        switch self {
        case .outCalls: return "out_calls"
        case .outAnswered: return "out_answered"
        case .outAnswerRate: return "out_answer_rate"
        case .outDistinct: return "out_distinct"
        case .outDistinctPerDay: return "out_distinct_per_day"
        case .outTalk: return "out_talk"
        case .outMeanHold: return "out_mean_hold"
        case .outShortShare: return "out_short_share"
        case .outLong: return "out_long"
        case .callsPerCallee: return "calls_per_callee"
        case .callbackShare: return "callback_share"
        case .inKnownShare: return "in_known_share"
        case .inCalls: return "in_calls"
        case .inAnswered: return "in_answered"
        case .inDistinct: return "in_distinct"
        case .inDistinctPerDay: return "in_distinct_per_day"
        case .inTalk: return "in_talk"
        case .inMeanHold: return "in_mean_hold"
        case .inLong: return "in_long"
        case .inHeldDistinct: return "in_held_distinct"
        case .outShare: return "out_share"
        case .activeDays: return "active_days"
        case .outDays: return "out_days"
        case .busyDays: return "busy_days"
        case .observedHours: return "observed_hours"
        case .historyHours: return "history_hours"
        case .workHoursShare: return "work_hours_share"
        case .nightShare: return "night_share"
        case .imeis: return "imeis"
        case .peers: return "peers"
        case .ringContacts: return "ring_contacts"
        case .ringShare: return "ring_share"
        }
    }

    /// One line for the documentation and `fraud-score check`.
    public var help: String {
        switch self {
        case .outCalls: return "calls made"
        case .outAnswered: return "calls made that were answered"
        case .outAnswerRate: return "out_answered / out_calls (0 with no calls)"
        case .outDistinct: return "distinct numbers called"
        case .outDistinctPerDay: return "out_distinct / active_days"
        case .outTalk: return "seconds talked on calls made"
        case .outMeanHold: return "mean seconds of an answered call made"
        case .outShortShare: return "share of answered calls made shorter than `short_call`"
        case .outLong: return "answered calls made of at least `long_call`"
        case .callsPerCallee: return "out_calls / out_distinct: repeat contact (1 = never calls anyone twice)"
        case .callbackShare: return "share of the numbers it called that ever called it (call-backs received)"
        case .inKnownShare: return "share of the numbers that called it that it also called (a hand-off's callers are its victims ringing back; a person's, mostly people it never rings)"
        case .inCalls: return "calls received"
        case .inAnswered: return "calls received that were answered"
        case .inDistinct: return "distinct numbers that called it"
        case .inDistinctPerDay: return "in_distinct / active_days"
        case .inTalk: return "seconds talked on calls received"
        case .inMeanHold: return "mean seconds of an answered call received (hold time of an inbound line)"
        case .inLong: return "answered calls received of at least `long_call`"
        case .inHeldDistinct: return "distinct callers it held at least `hold_call` (a service line strangers call)"
        case .outShare: return "out_calls / (out_calls + in_calls)"
        case .activeDays: return "days with any call, made or received"
        case .outDays: return "days with a call made (a caller at work every day, or only on some)"
        case .busyDays: return "days with two calls made or more (a caller at work that day, not one who rang a friend)"
        case .observedHours: return "hours from its first call to now (the end of the data in batch, the latest call in the stream): how long an absence has been watched"
        case .historyHours: return "hours from the start of the data (batch: its first call; stream: the first call read, warm-up included) to its first call: how long it was watched not existing, so 0 for a number there from the start, whose age is unknown (a stream that forgot an idle number counts from its return)"
        case .workHoursShare: return "share of calls made between `work_start` and `work_end`"
        case .nightShare: return "share of all its calls between `night_start` and `night_end`"
        case .imeis: return "distinct device IMEIs on calls made (needs a caller_imei column)"
        case .peers: return "distinct numbers it called or was called by"
        case .ringContacts: return "distinct peers that had a call of at least `ring_min_talk` with a first-round suspect (ring hand-offs)"
        case .ringShare: return "ring_contacts / peers"
        }
    }

    /// What the feature measures, which the rules language checks literals against: counts of
    /// calls, numbers, days and devices; seconds of talk; hours watched; shares of 0 to 1; and
    /// two quotients of counts that are no shares.
    public var unit: FeatureUnit {
        switch self {
        case .outCalls, .outAnswered, .outDistinct, .outLong, .inCalls, .inAnswered, .inDistinct, .inLong,
            .inHeldDistinct, .activeDays, .outDays, .busyDays, .imeis, .peers, .ringContacts:
            return .count
        case .outTalk, .outMeanHold, .inTalk, .inMeanHold:
            return .seconds
        case .observedHours, .historyHours:
            return .hours
        case .outAnswerRate, .outShortShare, .callbackShare, .inKnownShare, .outShare, .workHoursShare, .nightShare,
            .ringShare:
            return .share
        // Distinct callees per active day, calls per distinct callee: 1.3 is a usual threshold.
        case .outDistinctPerDay, .inDistinctPerDay, .callsPerCallee:
            return .ratio
        }
    }
}
