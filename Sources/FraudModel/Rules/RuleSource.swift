// MARK: - Source

/// The original rules text with the positions of every weight and bias literal, so tuned
/// numbers can be written back in place and the file keeps its comments and layout.
public struct RuleSource: Sendable {
    /// The rules file exactly as read.
    public var text: String
    /// The file name used in diagnostics.
    public var file: String
    /// UTF-8 byte range of the `caller bias` literal (sign included), if the file has one.
    public var callerBiasRange: Range<Int>?
    /// UTF-8 byte range of the `victim bias` literal (sign included), if the file has one.
    public var victimBiasRange: Range<Int>?
    /// UTF-8 byte range of each caller rule's weight literal, by rule name.
    public var callerWeightRanges: [String: Range<Int>] = [:]
    /// UTF-8 byte range of each victim rule's weight literal, by rule name.
    public var victimWeightRanges: [String: Range<Int>] = [:]
    /// UTF-8 byte range of each `set NAME = VALUE` value literal, by setting name.
    public var settingRanges: [String: Range<Int>] = [:]
    /// UTF-8 byte range of each `tier N = …` statement (first to last token), by tier number.
    public var tierRanges: [Int: Range<Int>] = [:]
    /// Where a missing `caller bias` / `victim bias` line is inserted: before the side's first
    /// rule, else at the end of the file.
    var callerBiasInsertion: Int?
    var victimBiasInsertion: Int?
    /// Where the content starts (after a UTF-8 byte-order mark), for the header.
    var contentStart = 0

    init(text: String, file: String) {
        self.text = text
        self.file = file
    }

    // MARK: - Rewriting

    /// The text with the given numbers written over the old literals.
    ///
    /// Rules missing from the dictionaries keep their weights; unknown names are ignored. A
    /// bias the file does not state is inserted as a new line unless it is 0.
    func rewritten(
        callerBias: Double, callerWeights: [String: Double], victimBias: Double,
        victimWeights: [String: Double], header: String?
    ) -> String {
        let bytes = Array(text.utf8)
        // (offset, order, range, replacement); order keeps caller before victim at one spot.
        var edits: [(Int, Int, Range<Int>, String)] = []
        func bias(_ range: Range<Int>?, _ insertion: Int?, _ value: Double, _ side: String, _ order: Int) {
            if let range {
                edits.append((range.lowerBound, order, range, Self.formatNumber(value)))
            } else if value != 0 {
                let at = insertion ?? bytes.count
                let newline = at == bytes.count && bytes.last.map { $0 != RuleAscii.newline } == true ? "\n" : ""
                edits.append((at, order, at..<at, "\(newline)\(side) bias \(Self.formatNumber(value))\n"))
            }
        }
        bias(callerBiasRange, callerBiasInsertion, callerBias, "caller", 0)
        bias(victimBiasRange, victimBiasInsertion, victimBias, "victim", 1)
        for (name, value) in callerWeights {
            if let range = callerWeightRanges[name] { edits.append((range.lowerBound, 0, range, Self.formatNumber(value))) }
        }
        for (name, value) in victimWeights {
            if let range = victimWeightRanges[name] { edits.append((range.lowerBound, 0, range, Self.formatNumber(value))) }
        }
        edits.sort { ($0.0, $0.1) < ($1.0, $1.1) }

        var output = Array(bytes[0..<contentStart])
        output.reserveCapacity(bytes.count + 256)
        if let header {
            for line in header.split(separator: "\n", omittingEmptySubsequences: false) {
                output.append(contentsOf: (line.hasPrefix("#") ? String(line) : "# \(line)").utf8)
                output.append(RuleAscii.newline)
            }
            output.append(RuleAscii.newline)
        }
        var position = contentStart
        for (_, _, range, replacement) in edits where range.lowerBound >= position {
            output.append(contentsOf: bytes[position..<range.lowerBound])
            output.append(contentsOf: replacement.utf8)
            position = range.upperBound
        }
        output.append(contentsOf: bytes[position...])
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Number format

    /// Formats a weight or bias the way ``RuleSet/rewritten(callerBias:callerWeights:victimBias:victimWeights:header:)``
    /// writes it: rounded to at most 4 decimals, trailing zeros dropped (`1.2345`, `-0.5`, `2`).
    /// Tuning tools should score with the parsed-back value, which is exactly this rounding.
    ///
    /// - Parameter value: The number to format.
    /// - Returns: Its literal text; non-finite values become `0`.
    public static func formatNumber(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let scaled = (Swift.abs(value) * 10_000).rounded()
        guard scaled < 9e15 else { return "\(value)" }
        let units = Int64(scaled)
        var text = (value < 0 && units != 0 ? "-" : "") + String(units / 10_000)
        let fraction = units % 10_000
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 4 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }
}
