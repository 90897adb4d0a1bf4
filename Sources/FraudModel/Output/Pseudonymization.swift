/// Pseudonymised copies of everything that carries numbers into output. The formatters
/// (``WarningFormat``, ``SuspectNumber/csvRow(_:)``, ``ExplanationReport``) apply these, so
/// every command that writes results through them honours `--pseudonymize`.
extension Warning {
    /// This warning with the subscriber and the suspect numbers replaced by pseudonyms.
    public func pseudonymized(by p: Pseudonymizer) -> Warning {
        guard p.isOn else { return self }
        var w = self
        w.subscriber = p(subscriber)
        w.suspects = suspects.map { p($0) }
        return w
    }
}

extension SuspectNumber {
    /// This row with the number replaced by its pseudonym.
    public func pseudonymized(by p: Pseudonymizer) -> SuspectNumber {
        guard p.isOn else { return self }
        var s = self
        s.number = p(number)
        return s
    }
}

extension Explanation {
    /// This explanation with the number and every timeline peer replaced by pseudonyms.
    public func pseudonymized(by p: Pseudonymizer) -> Explanation {
        guard p.isOn else { return self }
        var e = self
        e.number = p(number)
        if var v = e.victim {
            v.timeline = v.timeline.map { var t = $0; t.peer = p(t.peer); return t }
            e.victim = v
        }
        return e
    }
}
