// MARK: - Text tables

/// A plain text table with aligned columns (numbers right-aligned), for terminal reports.
public struct TextTable: Sendable {
    /// Column headings.
    public var header: [String]
    /// Rows of cells.
    public var rows: [[String]] = []

    /// Creates a table with headings.
    public init(_ header: [String]) { self.header = header }

    /// Appends a row.
    public mutating func add(_ cells: [String]) { rows.append(cells) }

    /// The table with two spaces between columns; the first column is left-aligned, the rest
    /// right-aligned.
    public var text: String {
        let all = [header] + rows
        let widths = header.indices.map { j in all.map { j < $0.count ? $0[j].count : 0 }.max() ?? 0 }
        return all.map { row in
            header.indices.map { j -> String in
                let cell = j < row.count ? row[j] : ""
                let pad = String(repeating: " ", count: widths[j] - cell.count)
                return j == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

// MARK: - Number text

/// Fixed-point and JSON number text without Foundation.
public enum NumberText {
    /// `value` with exactly `decimals` decimals (`-` for NaN).
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "-" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let units = (abs(value) * scale).rounded()
        guard units < 9e15 else { return "\(value)" }
        let whole = Int64(units)
        var digits = String(whole)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (value < 0 && whole != 0 ? "-" : "") + digits
    }

    /// An integer with thousands separators (`1,234,567`).
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A JSON number (`null` for NaN and infinities), at most 6 decimals.
    public static func json(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        var text = fixed(value, 6)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
