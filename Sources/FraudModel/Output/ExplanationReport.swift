/// Renders an ``Explanation`` as the text `fraud-score explain` prints.
public enum ExplanationReport {
    /// The report text; times printed in the given UTC offset, numbers through
    /// `pseudonymizer` (``Pseudonymizer/off`` for raw numbers).
    public static func text(_ e: Explanation, offset: Int32, pseudonymizer: Pseudonymizer) -> String {
        let e = e.pseudonymized(by: pseudonymizer)
        var out: [String] = []
        let f = WarningFormat.fixed
        out.append("NUMBER \(e.number)" + (e.region.isEmpty ? "" : "  region \(e.region)"))
        if !e.classes.isEmpty || !e.lists.isEmpty {
            out.append("  classes: \(e.classes.joined(separator: ", "))  lists: \(e.lists.joined(separator: ", "))")
        }
        out.append("")
        out.append("AS A POSSIBLE FRAUD NUMBER: suspicion \(f(e.suspicion, 3))" + (e.forced.map { " (forced by \($0))" } ?? ""))
        out.append(contentsOf: table(bias: e.callerBias, lines: e.callerLines))
        out.append("  behaviour: " + e.callerFeatures.map { "\($0.name)=\(compact($0.value))" }.joined(separator: " "))
        out.append("")
        guard let v = e.victim else {
            // A number 'victim consider' leaves out has no timeline at all: "no call with a
            // suspect" was said of a foreign number that had talked with one for 25 minutes.
            out.append(e.considered ? "AS A POSSIBLE VICTIM: no call with a suspect number; not scored."
                                    : "AS A POSSIBLE VICTIM: never scored: the rules' 'victim consider' leaves this number out.")
            return out.joined(separator: "\n") + "\n"
        }
        out.append("AS A POSSIBLE VICTIM: score \(f(v.score, 4)), \(v.tier)")
        out.append(contentsOf: table(bias: v.bias, lines: v.lines))
        out.append("  exposure: " + v.features.filter { $0.value != 0 }.map { "\($0.name)=\(compact($0.value))" }.joined(separator: " "))
        out.append("")
        if let w = v.window {
            out.append("TIMELINE (calls with suspects, bank hotlines and new numbers, in the window of \(ExposureWindow.length(UInt32(w))) "
                       + "of the period that scores worst)")
        } else {
            out.append("TIMELINE (calls with suspects, bank hotlines and new numbers)")
        }
        for t in v.timeline {
            let arrow = t.outgoing ? "→" : "←"
            let what: String
            switch t.kind {
            case .suspect: what = "suspicion \(f(t.peerSuspicion, 2))"
            case .bank: what = "bank hotline"
            case .newHold: what = "new number, suspicion \(f(t.peerSuspicion, 2))"
            }
            let dur = t.duration == 0 ? "not answered" : duration(t.duration)
            out.append("  \(Timestamp.format(t.time, offset: offset))  \(arrow) \(pad(t.peer, 16))  \(pad(dur, 12))  \(what)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func table(bias: Double, lines: [Explanation.Line]) -> [String] {
        let f = WarningFormat.fixed
        var out = ["  \(pad("bias", 28)) \(pad("", 10)) \(pad(WarningFormat.signed(bias), 8))"]
        let fired = lines.filter { $0.contribution != 0 }
        for l in fired.sorted(by: { abs($0.contribution) > abs($1.contribution) }) {
            out.append("  \(pad(l.rule, 28)) value \(pad(compact(l.value), 8)) × \(pad(f(l.weight, 2), 6)) = \(pad(WarningFormat.signed(l.contribution), 7))  \(l.label)")
        }
        if fired.count < lines.count { out.append("  (\(lines.count - fired.count) other rules add nothing)") }
        let logit = bias + lines.reduce(0) { $0 + $1.contribution }
        out.append("  \(pad("log-odds", 28)) \(pad("", 10)) \(WarningFormat.signed(logit))")
        return out
    }

    static func duration(_ s: UInt32) -> String {
        s >= 3600 ? "\(s / 3600)h\(s / 60 % 60)m\(s % 60)s" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }

    private static func compact(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : WarningFormat.fixed(x, 3)
    }

    private static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }
}
