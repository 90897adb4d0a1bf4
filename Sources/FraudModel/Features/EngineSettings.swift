extension RuleSchema {
    /// The names a rules file may use with this engine: caller and victim features and settings,
    /// with their units.
    public static let engine = RuleSchema(
        callerFeatures: CallerFeature.allCases.map(\.name),
        victimFeatures: VictimFeature.allCases.map(\.name),
        settings: EngineSettings.all,
        units: Dictionary(
            uniqueKeysWithValues: CallerFeature.allCases.map { ($0.name, $0.unit) }
                + VictimFeature.allCases.map { ($0.name, $0.unit) }))
}

/// The settings as the engine uses them, read once from a rule set's values.
struct EngineSettings: Sendable {
    var shortCall: UInt32, longCall: UInt32, holdCall: UInt32, ringMinTalk: UInt32
    var suspectThreshold: Double
    var window: UInt32, moneyWindow: UInt32, exposureWindow: UInt32, handOnWindow: UInt32
    var handOnAnswerRate: Double
    var nightStart: Int, nightEnd: Int, workStart: Int, workEnd: Int
    var reasons: Int

    /// Every setting the engine reads, with its default.
    static let all: [RuleSetting] = [
        RuleSetting(name: "short_call", defaultValue: 30, help: "an answered call shorter than this is short (seconds)", unit: .seconds),
        RuleSetting(name: "long_call", defaultValue: 600, help: "a call at least this long is long", unit: .seconds),
        RuleSetting(name: "hold_call", defaultValue: 180, help: "an inbound call this long holds the caller (in_held_distinct)", unit: .seconds),
        RuleSetting(name: "suspect_threshold", defaultValue: 0.5, help: "suspicion at or above which a number is a suspect", unit: .share),
        RuleSetting(name: "ring_min_talk", defaultValue: 180, help: "talk with a first-round suspect that makes a number a ring contact", unit: .seconds),
        RuleSetting(name: "window", defaultValue: 86_400, help: "length of the sliding window of the *_24h features", unit: .seconds),
        RuleSetting(name: "hand_on_window", defaultValue: 28_800, help: "how long after a suspect call of `hold_call`+ a new number's long call counts in `new_holds`", unit: .seconds),
        RuleSetting(name: "hand_on_answer_rate", defaultValue: 0.6, help: "a new number counts in `new_holds` only if, when it called, under this share of the calls it had made were answered (a ring's voice probes strangers; a person's circle picks up)", unit: .share),
        RuleSetting(name: "money_window", defaultValue: 172_800, help: "how long after an answered suspect call a bank call counts", unit: .seconds),
        RuleSetting(name: "exposure_window", defaultValue: 604_800, help: "batch over a longer period judges each subscriber on the worst window of this length (at least a day; the stream keeps a week)", unit: .seconds),
        RuleSetting(name: "night_start", defaultValue: 22, help: "hour night begins (0–23)", unit: .hourOfDay),
        RuleSetting(name: "night_end", defaultValue: 6, help: "hour night ends (0–23)", unit: .hourOfDay),
        RuleSetting(name: "work_start", defaultValue: 8, help: "hour working time begins", unit: .hourOfDay),
        RuleSetting(name: "work_end", defaultValue: 18, help: "hour working time ends", unit: .hourOfDay),
        RuleSetting(name: "reasons", defaultValue: 3, help: "how many reasons a warning shows", unit: .count),
    ]

    init(_ values: [String: Double]) {
        func v(_ name: String) -> Double {
            values[name] ?? Self.all.first { $0.name == name }?.defaultValue ?? 0
        }
        func seconds(_ name: String) -> UInt32 { UInt32(max(0, min(v(name), Double(UInt32.max)))) }
        func hour(_ name: String) -> Int { Int(max(0, min(v(name), 24))) }
        shortCall = seconds("short_call")
        longCall = seconds("long_call")
        holdCall = seconds("hold_call")
        ringMinTalk = seconds("ring_min_talk")
        suspectThreshold = v("suspect_threshold")
        window = max(1, seconds("window"))
        moneyWindow = seconds("money_window")
        handOnWindow = seconds("hand_on_window")
        handOnAnswerRate = v("hand_on_answer_rate")
        exposureWindow = max(86_400, seconds("exposure_window"))
        nightStart = hour("night_start"); nightEnd = hour("night_end")
        workStart = hour("work_start"); workEnd = hour("work_end")
        reasons = Int(max(1, min(v("reasons"), 10)))
    }

    /// Whether a pair's first call of `hold_call` or more is a new hold
    /// (``ContactEvent/Kind/newHold``) for its callee, as far as the call and its caller go:
    /// it lasts `long_call` and `hold_call` or more, the caller is no bank hotline, and under
    /// `hand_on_answer_rate` of the `outCalls` calls it had made up to it, this one counted,
    /// were answered (`outAnswered`): a ring's voice probes strangers, a person's circle picks
    /// up. Batch and stream both ask this; whether the parties are suspects and the callee may
    /// be a victim is for `ContactEvent.events(of:…)` to say.
    @inline(__always)
    func opensNewHold(duration: UInt32, callerIsBank: @autoclosure () -> Bool,
                      outCalls: UInt32, outAnswered: UInt32) -> Bool {
        duration >= longCall && duration >= holdCall && !callerIsBank()
            && Double(outAnswered) < handOnAnswerRate * Double(outCalls)
    }

    /// Whether `hour` lies in [start, end), wrapping past midnight.
    @inline(__always)
    static func inHours(_ hour: Int, _ start: Int, _ end: Int) -> Bool {
        start <= end ? (hour >= start && hour < end) : (hour >= start || hour < end)
    }
}
