/// A number the caller model suspects of being a fraud number: a row of the suspect list that
/// analysts use to block numbers and extend the watchlist.
public struct SuspectNumber: Sendable, Equatable {
    /// The number, canonical form.
    public var number: String
    /// P(fraud number).
    public var suspicion: Double
    /// Why: the override that forced it (`watchlist`…) or the caller rules that weighed most.
    public var reasons: [Warning.Reason]
    /// Its region, if known.
    public var region: String
    /// Calls made, distinct numbers called, distinct numbers that called it, days active.
    public var outCalls: Int, outDistinct: Int, inDistinct: Int, activeDays: Int
    /// Distinct peers that a first-round suspect held on the line.
    public var ringContacts: Int

    /// CSV header of the suspect list.
    public static let csvHeader = "number,suspicion,region,reasons,out_calls,out_distinct,in_distinct,active_days,ring_contacts"

    /// One CSV row, with the number pseudonymised when `pseudonymizer` is on.
    public func csvRow(_ pseudonymizer: Pseudonymizer) -> String {
        let number = pseudonymizer.isOn ? pseudonymizer(self.number) : self.number
        let r = reasons.map { "\($0.label) (\(WarningFormat.signed($0.contribution)))" }.joined(separator: "; ")
        return [number, WarningFormat.fixed(suspicion, 4), CSVEscape.inert(region), r, String(outCalls), String(outDistinct),
                String(inDistinct), String(activeDays), String(ringContacts)].map(CSVEscape.field).joined(separator: ",")
    }
}

extension Analysis {
    /// Numbers with suspicion at least `minimum` (default: the suspect threshold), most
    /// suspicious first.
    public func suspectNumbers(minimum: Double? = nil) -> [SuspectNumber] {
        let floor = Float(minimum ?? settings.suspectThreshold)
        var f = [Double](repeating: 0, count: CallerFeature.allCases.count)
        var out: [SuspectNumber] = []
        for i in 0..<log.numbers.count where suspicion.probability[i] >= floor {
            let t = traits[i]
            f.withUnsafeMutableBufferPointer { profiles.fill($0, id: i, ringContacts: Int(suspicion.ringContacts[i])) }
            let reasons: [Warning.Reason] = f.withUnsafeBufferPointer { fb in
                if let forced = rules.forcedSuspicion(features: fb, traits: t) {
                    let which = forced > 0 ? "caller suspect" : "caller trusted"
                    return [Warning.Reason(rule: which, label: "forced by '\(which)'", contribution: 0)]
                }
                let c = rules.caller.contributions(features: fb, traits: t)
                return c.indices.filter { c[$0] > 0 }.sorted { (c[$0], $1) > (c[$1], $0) }.prefix(settings.reasons).map {
                    Warning.Reason(rule: rules.caller.rules[$0].name, label: rules.caller.rules[$0].label, contribution: c[$0])
                }
            }
            out.append(SuspectNumber(
                number: log.numbers.text(NumberID(i)), suspicion: Double(suspicion.probability[i]), reasons: reasons,
                region: log.region(of: NumberID(i)), outCalls: Int(f[CallerFeature.outCalls.rawValue]),
                outDistinct: Int(f[CallerFeature.outDistinct.rawValue]), inDistinct: Int(f[CallerFeature.inDistinct.rawValue]),
                activeDays: Int(f[CallerFeature.activeDays.rawValue]), ringContacts: Int(suspicion.ringContacts[i])))
        }
        out.sort { ($0.suspicion, $1.number) > ($1.suspicion, $0.number) }
        return out
    }
}
