import Foundation

/// How batch judges a subscriber over a period longer than `exposure_window` (7 days by
/// default, the stream's retention; at least a day): on the worst window of that length, one
/// ending at every day from the first full window on and one at the period's end, as an
/// analyst scoring the period a week at a time would. A period no longer than the window is
/// one window, the whole timeline.
///
/// Over a whole month, exposures that make no case in any week add up: an adviser's friend
/// who talks with it most days, a customer of a fake service line that stays up for months.
/// On a 60-day synthetic file judged as one window, 176 of the 222 subscribers in tiers 1–2
/// were not victims.
enum ExposureWindow {
    /// Whether a period is judged by windows: longer than the window.
    static func isWindowed(_ period: ClosedRange<UInt32>, window: UInt32) -> Bool {
        Int(period.upperBound) - Int(period.lowerBound) >= Int(window)
    }

    /// The worst window's exposure and risk and the events in it; nil when no window of
    /// `timeline` (sorted by time) has an answered or attempted suspect call.
    ///
    /// Windows hold the events of (end − window, end]: the first ends `window` − 1 seconds
    /// after the period starts, so it holds the first second; the next ones a day apart
    /// (days with no event in reach are skipped); the last at the period's end.
    ///
    /// - Parameters:
    ///   - period: the first and last call of the data.
    ///   - assess: the exposure and risk of a run of events (nil without a suspect call).
    /// - Complexity: O(events) window moves plus an assessment for each day an event is in
    ///   reach; one assessment when the period is no longer than `window`.
    static func worst(_ timeline: ArraySlice<ContactEvent>, period: ClosedRange<UInt32>, window: UInt32,
                      assess: (ArraySlice<ContactEvent>) -> (Exposure, VictimRisk)?)
        -> (exposure: Exposure, risk: VictimRisk, events: ArraySlice<ContactEvent>)? {
        guard isWindowed(period, window: window) else {
            return assess(timeline).map { ($0.0, $0.1, timeline) }
        }
        let last = Int(period.upperBound), width = Int(window), day = 86_400
        var best: (exposure: Exposure, risk: VictimRisk, events: ArraySlice<ContactEvent>)? = nil
        var lo = timeline.startIndex, hi = timeline.startIndex
        var previous: Range<Int>? = nil
        var end = Int(period.lowerBound) + width - 1
        while lo < timeline.endIndex {
            if lo == hi {                                    // nothing in reach: on to the next event's day
                let next = Int(timeline[hi].time)
                if next > end { end += (next - end + day - 1) / day * day }
            }
            let closing = min(end, last)
            while hi < timeline.endIndex && Int(timeline[hi].time) <= closing { hi += 1 }
            while lo < hi && Int(timeline[lo].time) <= closing - width { lo += 1 }
            if lo < hi && previous != lo..<hi {
                previous = lo..<hi
                if let (exposure, risk) = assess(timeline[lo..<hi]),
                   best.map({ isWorse(risk, events: seen(timeline[lo..<hi]), than: $0.risk, events: seen($0.events)) }) ?? true {
                    best = (exposure, risk, timeline[lo..<hi])
                }
            }
            if closing == last { break }
            end += day
        }
        return best
    }

    /// A subscriber's exposure and risk over the worst window of the period, and its events.
    static func judge(_ timeline: ArraySlice<ContactEvent>, traits: NumberTraits, period: ClosedRange<UInt32>,
                      suspicion: [Float], rules: RuleSet, settings: EngineSettings, offset: Int32)
        -> (exposure: Exposure, risk: VictimRisk, events: ArraySlice<ContactEvent>)? {
        worst(timeline, period: period, window: settings.exposureWindow) { events in
            Exposure(timeline: events, suspicion: suspicion, settings: settings, offset: offset).map {
                ($0, VictimRisk(exposure: $0, traits: traits, rules: rules, reasons: settings.reasons))
            }
        }
    }

    /// The suspect and bank calls of a window: what "saw more" compares (new holds, kept for a
    /// suspect found later, are not what a window saw of the scam).
    static func seen(_ events: ArraySlice<ContactEvent>) -> Int {
        events.reduce(0) { $0 + ($1.kind == .newHold ? 0 : 1) }
    }

    /// A more urgent tier; the same tier with a higher score; or the same tier and score with
    /// at least as many events (the later of equal windows, which has seen more, wins).
    static func isWorse(_ a: VictimRisk, events ea: Int, than b: VictimRisk, events eb: Int) -> Bool {
        func urgency(_ t: Tier) -> Int { t == .none ? Tier.allCases.count : t.rawValue }
        if urgency(a.tier) != urgency(b.tier) { return urgency(a.tier) < urgency(b.tier) }
        if a.score != b.score { return a.score > b.score }
        return ea >= eb
    }

    /// A window's length as the summary line and `explain` word it: "7 days", "1 day", or in
    /// hours when not whole days ("36 hours", "30.5 hours").
    static func length(_ seconds: UInt32) -> String {
        if seconds % 86_400 == 0 { return seconds == 86_400 ? "1 day" : "\(seconds / 86_400) days" }
        if seconds % 3_600 == 0 { return "\(seconds / 3_600) hours" }
        return String(format: "%.1f hours", Double(seconds) / 3_600)
    }
}
