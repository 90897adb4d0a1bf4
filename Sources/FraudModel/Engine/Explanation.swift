/// One number broken down for an analyst: its behaviour as a possible fraud number, and its
/// exposure and score as a possible victim, rule by rule, with its timeline of suspect calls.
public struct Explanation: Sendable {
    /// One rule's part: its value, weight and contribution to the log-odds.
    public struct Line: Sendable {
        public var rule: String, label: String, expression: String
        public var value: Double, weight: Double
        public var contribution: Double { value * weight }
    }

    /// The number, canonical form.
    public var number: String
    /// Classes and lists it belongs to.
    public var classes: [String], lists: [String]
    /// Its region code.
    public var region: String
    /// Caller side: suspicion, the override that forced it (if any), bias and rule lines, and
    /// the nonzero behaviour features.
    public var suspicion: Double
    public var forced: String?
    public var callerBias: Double
    public var callerLines: [Line]
    public var callerFeatures: [(name: String, value: Double)]
    /// Whether the rules' `victim consider` lets the number be a victim at all.
    public var considered: Bool
    /// Victim side, nil when the number had no call with a suspect (in any window, over a
    /// period longer than `exposure_window`; every call is in one).
    public var victim: VictimSide?

    /// The victim half of an explanation.
    public struct VictimSide: Sendable {
        public var score: Double
        public var tier: Tier
        public var bias: Double
        public var lines: [Line]
        public var features: [(name: String, value: Double)]
        public var timeline: [TimelineEntry]
        /// Seconds of `exposure_window` when the period is longer, so score, features and
        /// timeline are those of the subscriber's worst such window; nil for one window.
        public var window: Int64?
    }

    /// One call in the timeline.
    public struct TimelineEntry: Sendable {
        public var time: Int64
        public var outgoing: Bool
        public var peer: String
        public var duration: UInt32
        /// The peer's fraud suspicion.
        public var peerSuspicion: Double
        /// What the call is to the subscriber: with a suspect, to a bank hotline, or a new
        /// number's first long talk with them.
        public var kind: ContactEvent.Kind
    }
}

extension Analysis {
    /// Explains `number` (any input format), or nil when it does not occur in the log.
    public func explain(_ number: String) -> Explanation? {
        guard let canonical = PhoneNumber.canonical(number), let id = log.numbers.lookup(canonical) else { return nil }
        let i = Int(id)
        let t = traits[i]
        let (classes, lists) = rules.memberships(t)
        var f = [Double](repeating: 0, count: CallerFeature.allCases.count)
        f.withUnsafeMutableBufferPointer { profiles.fill($0, id: i, ringContacts: Int(suspicion.ringContacts[i])) }
        let forced: String? = f.withUnsafeBufferPointer { fb in
            rules.forcedSuspicion(features: fb, traits: t).map { $0 > 0 ? "caller suspect" : "caller trusted" }
        }
        let callerLines = Self.lines(rules.caller, features: f, traits: t)
        let callerFeatures = CallerFeature.allCases.filter { f[$0.rawValue] != 0 }.map { ($0.name, f[$0.rawValue]) }
        var victim: Explanation.VictimSide? = nil
        if let (exposure, risk, timeline) = judge(i) {
            victim = Explanation.VictimSide(
                score: risk.score, tier: risk.tier, bias: rules.victim.bias,
                lines: Self.lines(rules.victim, features: exposure.features, traits: t),
                features: VictimFeature.allCases.map { ($0.name, exposure.features[$0.rawValue]) },
                timeline: timeline.map {
                    Explanation.TimelineEntry(time: Int64($0.time), outgoing: $0.outgoing, peer: log.numbers.text($0.peer),
                                              duration: $0.duration,
                                              peerSuspicion: Double(suspicion.probability[Int($0.peer)]), kind: $0.kind)
                },
                window: exposureWindow.map { Int64($0) })
        }
        return Explanation(number: canonical, classes: classes, lists: lists, region: log.region(of: id),
                           suspicion: Double(suspicion.probability[i]), forced: forced,
                           callerBias: rules.caller.bias, callerLines: callerLines,
                           callerFeatures: callerFeatures, considered: t.isConsidered, victim: victim)
    }

    private static func lines(_ model: LogisticModel, features: [Double], traits: NumberTraits) -> [Explanation.Line] {
        let values = features.withUnsafeBufferPointer { model.values(features: $0, traits: traits) }
        return model.rules.indices.map {
            let r = model.rules[$0]
            return Explanation.Line(rule: r.name, label: r.label, expression: r.expressionText, value: values[$0], weight: r.weight)
        }
    }
}
