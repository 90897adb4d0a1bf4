// MARK: - Outcome labels

/// Confirmed outcomes read from follow-up or case files: `subscriber,label` rows (1 = victim,
/// 0 = not; empty = unlabelled), or a list of confirmed fraud numbers.
///
/// Numbers may be written in any of the carriers' forms; they are canonicalised with
/// ``PhoneNumber/canonical(_:)`` so they match the numbers of the call log.
public struct OutcomeLabels: Sendable {
    /// Canonical number → outcome.
    public var labels: [String: Bool] = [:]
    /// Data rows read (header and blank lines excluded).
    public var rows = 0
    /// Rows with an empty label (left out of fitting and evaluation).
    public var unlabelled = 0
    /// Numbers that occurred more than once; the last row wins.
    public var duplicates = 0

    /// Numbers labelled true.
    public var positives: Int { labels.values.lazy.filter { $0 }.count }

    /// Why a labels file could not be read.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Reads `subscriber,label` CSV (`,` `;` or tab). A header is recognised by a `label`
    /// column (the subscriber column is `subscriber`, `number`, `msisdn` or `id`, else the
    /// first other column); without one, column 1 is the number and column 2 the label.
    /// Labels are `1`/`0`, `true`/`false` or `yes`/`no`.
    ///
    /// - Parameters:
    ///   - bytes: The file's content.
    ///   - file: Its name, for messages.
    /// - Returns: The labels.
    /// - Throws: ``Problem`` at the first bad number or label value.
    public static func parse(_ bytes: [UInt8], file: String) throws(Problem) -> OutcomeLabels {
        var out = OutcomeLabels()
        let lines = textLines(bytes)
        guard let first = lines.first(where: { !$0.text.isEmpty }) else { return out }
        let separator = detectSeparator(first.text)
        let header = first.text.split(separator: separator, omittingEmptySubsequences: false).map(normalised)
        var numberColumn = 0, labelColumn = 1, skip = -1
        if let l = header.firstIndex(of: "label") {
            labelColumn = l
            numberColumn = ["subscriber", "number", "msisdn", "id"].lazy.compactMap { header.firstIndex(of: $0) }.first
                ?? (l == 0 ? 1 : 0)
            skip = first.line
        }
        for (line, text) in lines where line != skip && !text.isEmpty {
            let fields = text.split(separator: separator, omittingEmptySubsequences: false)
            guard fields.count > max(numberColumn, labelColumn) else {
                throw Problem(file: file, line: line, message: "expected subscriber and label columns, found \(fields.count) field(s)")
            }
            let raw = fields[numberColumn].trimmingBlanks
            guard let number = PhoneNumber.canonical(raw) else {
                throw Problem(file: file, line: line, message: PhoneNumber.notANumber(raw))
            }
            out.rows += 1
            let value = normalised(fields[labelColumn])
            let label: Bool
            switch value {
            case "": out.unlabelled += 1; continue
            case "1", "true", "yes", "1.0": label = true
            case "0", "false", "no", "0.0": label = false
            default:
                throw Problem(file: file, line: line, message: "label '\(value.prefix(20))' is not 1 or 0")
            }
            if out.labels.updateValue(label, forKey: number) != nil { out.duplicates += 1 }
        }
        return out
    }

    /// Reads confirmed fraud numbers: a CSV with a `number` column, or one number a line
    /// (`#` comments and blank lines allowed). Every number read is labelled true.
    ///
    /// - Parameters:
    ///   - bytes: The file's content.
    ///   - file: Its name, for messages.
    /// - Returns: The numbers, all labelled true.
    /// - Throws: ``Problem`` at the first line that is not a number.
    public static func parseNumbers(_ bytes: [UInt8], file: String) throws(Problem) -> OutcomeLabels {
        var out = OutcomeLabels()
        let lines = textLines(bytes).map { ($0.line, String($0.text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").trimmingBlanks) }
        guard let first = lines.first(where: { !$0.1.isEmpty }) else { return out }
        let separator = detectSeparator(Substring(first.1))
        let header = first.1.split(separator: separator, omittingEmptySubsequences: false).map(normalised)
        let column = header.firstIndex(of: "number")
        for (line, text) in lines where !text.isEmpty && !(column != nil && line == first.0) {
            let fields = text.split(separator: separator, omittingEmptySubsequences: false)
            let raw = (column.map { $0 < fields.count ? fields[$0] : "" } ?? Substring(text)).trimmingBlanks
            guard let number = PhoneNumber.canonical(raw) else {
                throw Problem(file: file, line: line, message: PhoneNumber.notANumber(raw))
            }
            out.rows += 1
            if out.labels.updateValue(true, forKey: number) != nil { out.duplicates += 1 }
        }
        return out
    }

    // MARK: - Text helpers

    /// Lines numbered from 1, without CR and a leading byte-order mark.
    static func textLines(_ bytes: [UInt8]) -> [(line: Int, text: Substring)] {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let text = String(decoding: bytes[start...], as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            (index + 1, line.hasSuffix("\r") ? line.dropLast() : line)
        }
    }

    static func detectSeparator(_ line: Substring) -> Character {
        for c: Character in [",", ";", "\t"] where line.contains(c) { return c }
        return ","
    }

    static func normalised(_ field: Substring) -> String {
        var s = field.trimmingBlanks.lowercased()
        if s.hasPrefix("\""), s.hasSuffix("\""), s.count >= 2 { s = String(s.dropFirst().dropLast()) }
        return s
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and double quotes.
    var trimmingBlanks: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\"" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\"" { s = s.dropLast() }
        return String(s)
    }
}
