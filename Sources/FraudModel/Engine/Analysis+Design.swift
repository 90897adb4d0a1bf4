// MARK: - Design rows for tuning

/// The victim model's rows for tuning: labelled subscribers, the whole scored population, and
/// how the labels matched the log.
public struct VictimRows: Sendable {
    /// One row per labelled subscriber the scorer considers.
    public var labelled: ScoringRows
    /// One row per subscriber the scorer lists (had a suspect contact), labelled or not:
    /// what tier volumes are measured on.
    public var population: ScoringRows
    /// Labelled numbers that never occur in the calls (left out).
    public var notInCalls: Int
    /// Labelled numbers the rules' `victim consider` excludes (never scored; left out).
    public var notConsidered: Int
    /// Labelled rows with a suspect contact (the rest are scored on an all-zero exposure).
    public var exposed: Int
}

/// The caller model's rows for tuning and how the fraud labels matched the log.
public struct CallerRows: Sendable {
    /// One row per number in the log whose suspicion is not forced; true = listed as fraud.
    public var labelled: ScoringRows
    /// Fraud numbers that never occur in the calls.
    public var notInCalls: Int
    /// Numbers left out because `caller suspect` / `caller trusted` forces their suspicion
    /// (their label says nothing about the weights), and how many of them were fraud numbers.
    public var forced: Int
    public var forcedFraud: Int
}

extension Analysis {
    /// Rule values of the victim model for labelled subscribers and for every listed subscriber,
    /// computed exactly as the scorer computes them: ``Exposure`` features for subscribers with
    /// a suspect contact, and an all-zero feature vector (with the subscriber's own traits) for
    /// the others. Over a period longer than `exposure_window`, a subscriber's features are
    /// those of the window the rules as given judge worst (``ExposureWindow``); weights fitted
    /// on them may judge another window worst when they score.
    ///
    /// - Parameter labels: Outcomes by canonical subscriber.
    /// - Returns: The rows and the match counts.
    /// - Complexity: O(labelled + listed subscribers × (timeline + rules)), times the days an
    ///   event is in reach over a period longer than `exposure_window`.
    public func victimRows(labels: [String: Bool]) -> VictimRows {
        let model = rules.victim
        let width = VictimFeature.allCases.count
        let names = model.rules.map(\.name)
        let zeros = [Double](repeating: 0, count: width)
        var exposures: [Int: [Double]] = [:]
        func features(_ s: Int) -> [Double]? {
            if let known = exposures[s] { return known }
            guard timelines.start[s + 1] > timelines.start[s],
                  let e = judge(s)?.exposure else { return nil }
            exposures[s] = e.features
            return e.features
        }
        func append(_ rows: inout ScoringRows, id: String, features f: [Double], traits t: NumberTraits, label: Bool, listed: Bool) {
            let values = f.withUnsafeBufferPointer { model.values(features: $0, traits: t) }
            rows.design.append(id: id, row: values, label: label)
            rows.features.append(contentsOf: f)
            rows.traits.append(t)
            rows.listed.append(listed)
        }
        var labelled = ScoringRows(design: DesignMatrix(columns: names), featureCount: width)
        var notInCalls = 0, notConsidered = 0, exposed = 0
        for (number, label) in labels.sorted(by: { $0.key < $1.key }) {
            guard let id = log.numbers.lookup(number) else { notInCalls += 1; continue }
            let s = Int(id)
            guard traits[s].isConsidered else { notConsidered += 1; continue }
            let f = features(s)
            if f != nil { exposed += 1 }
            append(&labelled, id: number, features: f ?? zeros, traits: traits[s], label: label, listed: f != nil)
        }
        var population = ScoringRows(design: DesignMatrix(columns: names), featureCount: width)
        for s in 0..<log.numbers.count where timelines.start[s + 1] > timelines.start[s] {
            guard let f = features(s) else { continue }
            let number = log.numbers.text(NumberID(s))
            append(&population, id: number, features: f, traits: traits[s], label: labels[number] ?? false, listed: true)
        }
        return VictimRows(labelled: labelled, population: population, notInCalls: notInCalls,
                          notConsidered: notConsidered, exposed: exposed)
    }

    /// Rule values of the caller model for every number in the log whose suspicion the rules do
    /// not force, with the features of the scorer's final round (ring contacts included).
    ///
    /// Numbers not in `fraud` are labelled false: a confirmed-fraud list is the only positive
    /// evidence, and everything else in a week of calls is overwhelmingly not fraud.
    ///
    /// - Parameter fraud: Canonical confirmed fraud numbers.
    /// - Returns: The rows and the match counts.
    /// - Complexity: O(numbers × rules).
    public func callerRows(fraud: Set<String>) -> CallerRows {
        let model = rules.caller
        var design = DesignMatrix(columns: model.rules.map(\.name))
        var forced = 0, forcedFraud = 0, found = 0
        var f = [Double](repeating: 0, count: CallerFeature.allCases.count)
        f.withUnsafeMutableBufferPointer { fb in
            let view = UnsafeBufferPointer(fb)
            for i in 0..<log.numbers.count {
                let number = log.numbers.text(NumberID(i))
                let isFraud = fraud.contains(number)
                if isFraud { found += 1 }
                profiles.fill(fb, id: i, ringContacts: Int(suspicion.ringContacts[i]))
                if rules.forcedSuspicion(features: view, traits: traits[i]) != nil {
                    forced += 1
                    if isFraud { forcedFraud += 1 }
                    continue
                }
                design.append(id: number, row: model.values(features: view, traits: traits[i]), label: isFraud)
            }
        }
        return CallerRows(labelled: ScoringRows(design: design), notInCalls: fraud.count - found,
                          forced: forced, forcedFraud: forcedFraud)
    }

    /// The scorer's victim probability of every labelled row, from the features it stored:
    /// `rules.victim` applied exactly as ``VictimRisk`` applies it.
    ///
    /// - Parameters:
    ///   - rows: Rows from ``victimRows(labels:)``.
    ///   - model: The victim model to apply (by default this analysis's).
    /// - Returns: One probability per row.
    public static func victimScores(_ rows: ScoringRows, model: LogisticModel) -> [Double] {
        let width = rows.featureCount
        return rows.features.withUnsafeBufferPointer { all in
            (0..<rows.count).map { i in
                let f = UnsafeBufferPointer(rebasing: all[i * width..<(i + 1) * width])
                // The same sum in the same order as VictimRisk: bias + (Σ contributions).
                return LogisticModel.sigmoid(model.bias + model.contributions(features: f, traits: rows.traits[i]).reduce(0, +))
            }
        }
    }
}
