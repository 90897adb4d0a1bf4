/// Everything the batch scorer works out about a call log: number profiles, suspicion,
/// exposure timelines, and the scored subscribers. `score` turns it into a warning list and
/// `explain` into one subscriber's breakdown, from the same values.
public struct Analysis: Sendable {
    /// The log analysed.
    public let log: CallLog
    /// The rules applied.
    public let rules: RuleSet
    let settings: EngineSettings
    let traits: [NumberTraits]
    let profiles: NumberProfiles
    let suspicion: Suspicion
    let timelines: ContactTimelines
    /// One warning for every subscriber scored (tier `none` included), in list order.
    public let warnings: [Warning]

    /// The stages of ``init(log:rules:threads:onStage:)``, reported as each one ends (for `bench`).
    public enum Stage: String, Sendable, CaseIterable {
        /// Number traits from the rules, then per-number profiles and the contact graph.
        case profiles
        /// Suspicion of every number (both rounds).
        case suspicion
        /// Contact timelines, exposure and victim scoring, and the sorted warning list.
        case scoring
    }

    /// Runs both passes over `log` on up to `threads` threads, calling `onStage` as each
    /// ``Stage`` ends.
    ///
    /// Every stage gives each thread a range of number ids and combines the ranges in id
    /// order; nothing is summed across numbers, so the result (every value, every bit) is the
    /// same for any `threads`.
    ///
    /// - Complexity: O(threads × records + numbers × rules), plus O(k log k) per exposed subscriber
    ///   (its k timeline events), times the days an event is in reach when the period is longer
    ///   than `exposure_window` (``ExposureWindow``).
    public init(log: CallLog, rules: RuleSet, threads: Int = 1, onStage: (Stage) -> Void = { _ in }) {
        self.log = log
        self.rules = rules
        let settings = EngineSettings(rules.settings)
        self.settings = settings
        let n = log.numbers.count
        let parts = evenRanges(n, parts: threads)
        var numberTraits = [NumberTraits](repeating: NumberTraits(), count: n)
        numberTraits.withUnsafeMutableBufferPointer { t in
            parallelChunks(parts.count) { k in
                for id in parts[k] { t[id] = log.numbers.withBytes(NumberID(id)) { rules.numberTraits($0) } }
            }
        }
        let traits = numberTraits
        self.traits = traits
        let profiles = NumberProfiles(log: log, settings: settings, threads: threads)
        self.profiles = profiles
        onStage(.profiles)
        let suspicion = Suspicion(profiles: profiles, traits: traits, rules: rules, settings: settings,
                                  records: log.records, threads: threads)
        self.suspicion = suspicion
        onStage(.suspicion)
        let bankIndex = rules.classes.firstIndex { $0.name == "bank_hotline" }
        let bank = traits.map { t in bankIndex.map { t.isInClass($0) } ?? false }
        let consider = traits.map { rules.consider($0) }
        let timelines = ContactTimelines(records: log.records, suspect: suspicion.isSuspect, bank: bank,
                                         consider: consider, newHolds: settings,
                                         threads: threads)
        self.timelines = timelines
        // Subscribers cut by their events, not their count: the work is per event, and the
        // exposed subscribers are not spread evenly over the ids.
        let exposed = timelines.start.withUnsafeBufferPointer { balancedRanges($0, parts: threads) }
        var scored = [[Warning]](repeating: [], count: exposed.count)
        scored.withUnsafeMutableBufferPointer { scored in
            parallelChunks(exposed.count) { k in
                var warnings: [Warning] = []
                warnings.reserveCapacity(exposed[k].lazy.filter { timelines.start[$0 + 1] > timelines.start[$0] }.count)
                for s in exposed[k] where timelines.start[s + 1] > timelines.start[s] {
                    guard let (exposure, risk, _) = ExposureWindow.judge(
                        timelines.timeline(s), traits: traits[s], period: profiles.period,
                        suspicion: suspicion.probability, rules: rules, settings: settings, offset: log.displayOffset)
                    else { continue }
                    warnings.append(Warning(
                        tier: risk.tier, subscriber: log.numbers.text(NumberID(s)), score: risk.score,
                        region: log.region(of: NumberID(s)), reasons: risk.reasons,
                        suspects: exposure.topSuspects.map { log.numbers.text($0) },
                        firstContact: Int64(exposure.firstContact), lastContact: Int64(exposure.lastContact),
                        suspectTalk: exposure.suspectTalk,
                        bankCalls: Int(exposure.features[VictimFeature.bankAfterContact.rawValue])))
                }
                scored[k] = warnings
            }
        }
        var warnings: [Warning] = []                  // the first part moved, not copied
        if !scored.isEmpty { swap(&warnings, &scored[0]) }
        warnings.reserveCapacity(scored.reduce(warnings.count) { $0 + $1.count })
        for k in scored.indices.dropFirst() {
            warnings.append(contentsOf: scored[k])
            scored[k] = []
        }
        Warning.sortInListOrder(&warnings)
        self.warnings = warnings
        onStage(.scoring)
    }

    /// Subscriber `s` judged as the list judges them: the worst window's exposure and risk, and
    /// its events (for `explain` and the tuning rows); nil without a suspect call.
    func judge(_ s: Int) -> (exposure: Exposure, risk: VictimRisk, events: ArraySlice<ContactEvent>)? {
        ExposureWindow.judge(timelines.timeline(s), traits: traits[s], period: profiles.period,
                             suspicion: suspicion.probability, rules: rules, settings: settings, offset: log.displayOffset)
    }

    /// Numbers at or above the suspect threshold.
    public var suspectCount: Int { suspicion.isSuspect.lazy.filter { $0 }.count }

    /// Seconds of `exposure_window` when the period is longer, so each subscriber was judged on
    /// their worst window of it (``ExposureWindow``); nil when the period was one window.
    public var exposureWindow: UInt32? {
        ExposureWindow.isWindowed(profiles.period, window: settings.exposureWindow) ? settings.exposureWindow : nil
    }

    /// ``exposureWindow`` in words, as `explain` gives it ("7 days"); nil when not windowed.
    public var exposureWindowLength: String? { exposureWindow.map(ExposureWindow.length) }

    /// Distinct (caller, callee) pairs: with the numbers, what the analysis's memory grows with.
    public var contactPairs: Int { profiles.graph.outTargets.count }

    /// Warnings per tier (index = tier raw value).
    public var tierCounts: [Int] {
        var c = [0, 0, 0, 0]
        for w in warnings { c[w.tier.rawValue] += 1 }
        return c
    }

    /// The fraud suspicion of a number written in any input form, or nil if it is not in the log.
    public func suspicion(of number: String) -> Double? {
        guard let canonical = PhoneNumber.canonical(number) else { return nil }
        return log.numbers.lookup(canonical).map { Double(suspicion.probability[Int($0)]) }
    }
}
