// MARK: - Numbers, durations, percentages

extension RuleLexer {
    /// Lexes `2`, `0.5`, `1e-3`, `30%`, `30s`, `10m`, `24h`, `2d`, `1w`, `1h30m`, keeping on the
    /// token how it was written (``RuleNumberForm``), so the compiler can check it against the
    /// unit of what it is compared with.
    mutating func lexNumber(_ start: Int, _ end: Int, _ statement: inout RuleLogicalLine) -> Int {
        var (value, p) = scanDecimal(start, end)
        if p < end && byte(p) == RuleAscii.percent {
            append(.number, text(start, p + 1), value: value / 100, form: .percent, from: start, to: p + 1, to: &statement)
            return p + 1
        }
        var form = RuleNumberForm.plain
        if p < end && RuleAscii.isLetter(byte(p)) {
            form = .duration
            var seconds = 0.0
            while true {
                guard p < end, let unit = Self.unitSeconds(byte(p)) else {
                    return invalidNumber(start, end, &statement)
                }
                seconds += value * unit
                p += 1
                guard p < end, RuleAscii.isDigit(byte(p)) else { break }
                (value, p) = scanDecimal(p, end)
            }
            value = seconds
        }
        if p < end && (RuleAscii.isIdentifierChar(byte(p)) || byte(p) == RuleAscii.dot) {
            return invalidNumber(start, end, &statement)
        }
        append(.number, text(start, p), value: value, form: form, from: start, to: p, to: &statement)
        return p
    }

    /// Seconds per duration unit letter.
    static func unitSeconds(_ unit: UInt8) -> Double? {
        switch unit {
        case UInt8(ascii: "s"): return 1
        case UInt8(ascii: "m"): return 60
        case UInt8(ascii: "h"): return 3_600
        case UInt8(ascii: "d"): return 86_400
        case UInt8(ascii: "w"): return 604_800
        default: return nil
        }
    }

    /// Scans `digits[.digits][e[+-]digits]`; a `.` or `e` not followed by a digit is left alone.
    private func scanDecimal(_ start: Int, _ end: Int) -> (Double, Int) {
        var p = start
        func digits() { while p < end && RuleAscii.isDigit(byte(p)) { p += 1 } }
        digits()
        if p + 1 < end && byte(p) == RuleAscii.dot && RuleAscii.isDigit(byte(p + 1)) {
            p += 1
            digits()
        }
        if p < end && (byte(p) == UInt8(ascii: "e") || byte(p) == UInt8(ascii: "E")) {
            var q = p + 1
            if q < end && (byte(q) == RuleAscii.plus || byte(q) == RuleAscii.minus) { q += 1 }
            if q < end && RuleAscii.isDigit(byte(q)) {
                p = q
                digits()
            }
        }
        return (Double(text(start, p)) ?? .nan, p)
    }

    private mutating func invalidNumber(_ start: Int, _ end: Int, _ statement: inout RuleLogicalLine) -> Int {
        var p = start
        while p < end && (RuleAscii.isIdentifierChar(byte(p)) || byte(p) == RuleAscii.dot) { p += 1 }
        fail(
            "invalid number '\(text(start, p))' (durations use s, m, h, d, w, e.g. 90s or 1h30m)",
            at: start, &statement)
        return end
    }
}
