/// Output formats of a warning list.
public enum WarningFormat: String, CaseIterable, Sendable {
    case csv, jsonl

    /// The CSV header.
    public static let csvColumns = ["tier", "action", "subscriber", "score", "region", "reasons", "suspects",
                                    "first_contact", "last_contact", "suspect_talk_seconds", "bank_calls_after"]

    /// Appends the header (CSV only).
    public func appendHeader(to out: inout [UInt8]) {
        if self == .csv { out.append(contentsOf: Self.csvColumns.joined(separator: ",").utf8); out.append(0x0A) }
    }

    /// Appends one warning as a CSV row or a JSON line.
    ///
    /// - Parameters:
    ///   - w: The warning.
    ///   - offset: UTC offset for printed times.
    ///   - pseudonymizer: Replaces the subscriber and suspect numbers (`--pseudonymize`), or
    ///     ``Pseudonymizer/off``. Required, so that no output path can forget it.
    ///   - out: The buffer appended to.
    public func append(_ w: Warning, offset: Int32, pseudonymizer: Pseudonymizer, to out: inout [UInt8]) {
        let w = w.pseudonymized(by: pseudonymizer)
        let reasons = w.reasons.map { "\($0.label) (\(Self.signed($0.contribution)))" }
        let score = Self.fixed(w.score, 4)
        var first: [UInt8] = [], last: [UInt8] = []
        Timestamp.append(w.firstContact, offset: offset, to: &first)
        Timestamp.append(w.lastContact, offset: offset, to: &last)
        switch self {
        case .csv:
            let fields = [String(w.tier.rawValue), w.tier.action, w.subscriber, score, CSVEscape.inert(w.region),
                          reasons.joined(separator: "; "), w.suspects.joined(separator: " "),
                          String(decoding: first, as: UTF8.self), String(decoding: last, as: UTF8.self),
                          String(w.suspectTalk), String(w.bankCalls)]
            out.append(contentsOf: fields.map(CSVEscape.field).joined(separator: ",").utf8)
        case .jsonl:
            var j = JSONObject()
            Self.addFields(of: w, reasons: reasons, score: score, first: first, last: last, to: &j)
            out.append(contentsOf: j.text.utf8)
        }
        out.append(0x0A)
    }

    /// The JSON fields of a warning, in list order; shared by the batch JSONL and the stream.
    static func addFields(of w: Warning, reasons: [String], score: String, first: [UInt8], last: [UInt8], to j: inout JSONObject) {
        j.add("tier", w.tier.rawValue)
        j.add("action", w.tier.action)
        j.add("subscriber", w.subscriber)
        j.addRaw("score", score)
        j.add("region", w.region)
        j.add("reasons", reasons)
        j.add("rules", w.reasons.map(\.rule))
        j.add("suspects", w.suspects)
        j.add("first_contact", String(decoding: first, as: UTF8.self))
        j.add("last_contact", String(decoding: last, as: UTF8.self))
        j.add("suspect_talk_seconds", Int(w.suspectTalk))
        j.add("bank_calls_after", w.bankCalls)
    }

    /// One stream warning as a JSON line: `time` (the raising call's event time, in the
    /// input's form) first, then the batch fields, numbers replaced as `pseudonymizer` says.
    public static func streamLine(_ s: StreamWarning, offset: Int32, form: Timestamp.Form, pseudonymizer: Pseudonymizer) -> [UInt8] {
        let w = s.warning.pseudonymized(by: pseudonymizer)
        var j = JSONObject()
        j.add("time", Timestamp.format(Int64(s.raisedAt), offset: offset, form: form))
        var first: [UInt8] = [], last: [UInt8] = []
        Timestamp.append(w.firstContact, offset: offset, to: &first)
        Timestamp.append(w.lastContact, offset: offset, to: &last)
        addFields(of: w, reasons: w.reasons.map { "\($0.label) (\(signed($0.contribution)))" }, score: fixed(w.score, 4),
                  first: first, last: last, to: &j)
        return Array((j.text + "\n").utf8)
    }

    static func signed(_ x: Double) -> String { (x >= 0 ? "+" : "") + fixed(x, 2) }

    /// Fixed-point formatting without Foundation, deterministic across platforms.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return "0" }
        // Beyond 1e15 fixed digits mean nothing (and would not fit an Int): print it as is.
        guard abs(x) < 1e15 else { return String(x) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let negative = x < 0
        let v = (abs(x) * scale).rounded()
        let whole = Int(v / scale)
        var frac = String(Int(v - Double(whole) * scale))
        while frac.count < digits { frac = "0" + frac }
        return (negative && v != 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + frac : "")
    }
}

/// Quoting of CSV fields (RFC 4180).
enum CSVEscape {
    /// Quotes a field that holds a separator, a quote or a line break (RFC 4180).
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Free text copied from the input (a region), made inert for spreadsheets: a cell
    /// starting with `=`, `+`, `-`, `@`, tab or CR would be read as a formula
    /// (`=HYPERLINK(…)`), so it gets a leading `'`, which spreadsheets take as "text".
    /// Numbers never pass through here: `+8613912345678` is a phone number, not a formula.
    static func inert(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        return "'" + s
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
