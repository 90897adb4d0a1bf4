/// A subscriber's exposure to suspect numbers, windowed in event time: the inputs of the
/// victim model. A suspect is a number whose fraud suspicion is at least `suspect_threshold`.
public enum VictimFeature: Int, CaseIterable, Sendable {
    case suspectAttempts, suspectCalls, suspectContacts, suspectTalk, suspectLongest
    case firstContactLongest, suspectTalk24h, suspectCalls24h, suspectContacts24h
    case suspectDays, heldDays, suspectChats, callbacks, callsToSuspectLines, bankAfterContact, nightTalk, maxSuspicion
    case newHolds

    /// The name used in rule files.
    public var name: String {
        switch self {
        case .suspectAttempts: return "suspect_attempts"
        case .suspectCalls: return "suspect_calls"
        case .suspectContacts: return "suspect_contacts"
        case .suspectTalk: return "suspect_talk"
        case .suspectLongest: return "suspect_longest"
        case .firstContactLongest: return "first_contact_longest"
        case .suspectTalk24h: return "suspect_talk_24h"
        case .suspectCalls24h: return "suspect_calls_24h"
        case .suspectContacts24h: return "suspect_contacts_24h"
        case .suspectDays: return "suspect_days"
        case .heldDays: return "held_days"
        case .suspectChats: return "suspect_chats"
        case .callbacks: return "callbacks"
        case .callsToSuspectLines: return "calls_to_suspect_lines"
        case .bankAfterContact: return "bank_after_contact"
        case .nightTalk: return "night_talk"
        case .maxSuspicion: return "max_suspicion"
        case .newHolds: return "new_holds"
        }
    }

    /// One line for the documentation and `fraud-score check`.
    public var help: String {
        switch self {
        case .suspectAttempts: return "calls with suspects, answered or not"
        case .suspectCalls: return "answered calls with suspects"
        case .suspectContacts: return "distinct suspects with an answered call"
        case .suspectTalk: return "seconds talked with suspects"
        case .suspectLongest: return "longest call with a suspect, seconds"
        case .firstContactLongest: return "longest first answered call with a suspect (a stranger held long at first contact)"
        case .suspectTalk24h: return "most seconds talked with suspects within any `window` (default 24h)"
        case .suspectCalls24h: return "most answered suspect calls within any `window`"
        case .suspectContacts24h: return "most distinct suspects talked to within any `window` (ring hand-offs)"
        case .suspectDays: return "distinct days with an answered suspect call (scripts that run over days)"
        case .heldDays: return "distinct days with a suspect call of at least `hold_call` (a script worked over days)"
        case .suspectChats: return "answered suspect calls shorter than `hold_call` (brief chats, as with a friend; a script runs long)"
        case .callbacks: return "calls the subscriber made to a suspect that had called them first"
        case .callsToSuspectLines: return "answered calls the subscriber made to a suspect they contacted first (fake service lines)"
        case .bankAfterContact: return "calls to the `bank_hotline` class at most `money_window` after an answered suspect call"
        case .nightTalk: return "seconds talked with suspects between `night_start` and `night_end`"
        case .maxSuspicion: return "highest suspicion among suspects talked to"
        case .newHolds: return "distinct numbers, no suspects, that rang the subscriber and held them `long_call`+ in their first talk of `hold_call`+, at most `hand_on_window` after a suspect call of `hold_call`+, when under `hand_on_answer_rate` of the calls they had made were answered (a ring's next voice, before it looks like one)"
        }
    }

    /// What the feature measures, which the rules language checks literals against: counts of
    /// calls, suspects, days and numbers; seconds of talk; and `max_suspicion`, a probability
    /// (a share from 0 to 1).
    public var unit: FeatureUnit {
        switch self {
        case .suspectAttempts, .suspectCalls, .suspectContacts, .suspectCalls24h, .suspectContacts24h, .suspectDays,
            .heldDays, .suspectChats, .callbacks, .callsToSuspectLines, .bankAfterContact, .newHolds:
            return .count
        case .suspectTalk, .suspectLongest, .firstContactLongest, .suspectTalk24h, .nightTalk:
            return .seconds
        case .maxSuspicion:
            return .share
        }
    }
}
