/// Durations on the command line: `90`, `30s`, `5m`, `24h`, `7d`, `1h30m`.
enum DurationOption {
    static func parse(_ text: String) -> UInt32? {
        var total: UInt64 = 0, digits: UInt64 = 0, sawDigit = false, sawAny = false
        for c in text {
            if let d = c.wholeNumberValue, c.isASCII {
                digits = digits * 10 + UInt64(d)
                sawDigit = true
                guard digits < 1 << 32 else { return nil }
                continue
            }
            let unit: UInt64
            switch c {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            default: return nil
            }
            guard sawDigit else { return nil }
            total += digits * unit
            digits = 0; sawDigit = false; sawAny = true
        }
        if sawDigit { total += digits; sawAny = true }
        guard sawAny, total <= UInt64(UInt32.max) else { return nil }
        return UInt32(total)
    }

    /// The option's value as seconds, or its default.
    static func value(_ a: Arguments, _ name: String, default d: UInt32, usage: String) throws(CLIError) -> UInt32 {
        guard let text = a.value(name) else { return d }
        guard let v = parse(text) else {
            throw .usage("'--\(name)' wants a duration like 30s, 5m, 24h or 7d, got '\(text)'", usage: usage)
        }
        return v
    }
}
