/// A problem with one record of a call file.
public struct RecordIssue: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Equatable, Sendable, CustomStringConvertible {
        case fieldCount(expected: Int, found: Int)
        case badTime(String)
        case timeOutOfRange(String)
        case badDuration(String)
        case badNumber(column: String, problem: PhoneNumber.Problem)
        case lineTooLong(limit: Int)
        case tooManyFields(limit: Int)
        /// A quoted field was still open at the end of the input.
        case unclosedQuote
        /// A quoted field opened on the issue's line ran over line breaks past the line-length
        /// limit without being closed: that line is rejected, the lines after it are read again.
        case quoteNotClosed(limit: Int)
        /// A JSON Lines record that is not a valid JSON object.
        case badJSON(String)
        /// A JSON Lines record without a required field.
        case missingField(String)

        public var description: String {
            switch self {
            case .fieldCount(let e, let f): return "expected \(e) fields, found \(f)"
            case .badTime(let t): return "bad start time '\(t)' (want YYYY-MM-DD HH:MM:SS, ISO 8601 or epoch seconds)"
            case .timeOutOfRange(let t): return "start time '\(t)' is outside 1970–2105"
            case .badDuration(let d): return "bad duration '\(d)' (want whole seconds, 0 to 999999999)"
            case .badNumber(let c, let p): return "\(c): \(p)"
            case .lineTooLong(let n): return "line longer than \(n) bytes (the line-length limit)"
            case .tooManyFields(let n): return "more than \(n) fields (the field-count limit)"
            case .unclosedQuote: return "a quoted field opened here is never closed"
            case .quoteNotClosed(let n):
                return "a quoted field opened here is not closed within \(n) bytes (the line-length limit) or \(CallLogBuilder.maximumQuotedBreaks) line breaks (a stray quote?)"
            case .badJSON(let m): return m
            case .missingField(let f): return "no '\(f)' field"
            }
        }

        /// A short stable key for counting issues by kind.
        public var kind: String {
            switch self {
            case .fieldCount: return "field count"
            case .badTime: return "bad time"
            case .timeOutOfRange: return "time out of range"
            case .badDuration: return "bad duration"
            case .badNumber(_, .withheld): return "withheld number"
            case .badNumber: return "bad number"
            case .lineTooLong: return "line too long"
            case .tooManyFields: return "too many fields"
            case .unclosedQuote, .quoteNotClosed: return "unclosed quote"
            case .badJSON: return "bad JSON"
            case .missingField: return "missing field"
            }
        }
    }

    /// The input's name (`-` for stdin).
    public var file: String
    /// 1-based line number where the record starts.
    public var line: Int
    /// What was wrong.
    public var reason: Reason

    /// Creates an issue.
    public init(file: String, line: Int, reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(reason)" }
}

/// Errors that stop reading a call file.
public enum InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file has no header line.
    case emptyInput(file: String)
    /// A required column is missing from the header: the name looked for, the canonical
    /// column it stands for, and the header as read.
    case missingColumn(file: String, column: String, canonical: String, header: [String])
    /// A column the tool reads appears more than once in the header: the name looked for,
    /// the canonical column it stands for, and where (1-based) it appears.
    case repeatedColumn(file: String, column: String, canonical: String, positions: [Int])
    /// The header has more columns than the field limit.
    case tooManyColumns(file: String, limit: Int)
    /// A `--columns` value could not be read.
    case badColumnMapping(String)
    /// A malformed line under `--strict`.
    case malformedLine(RecordIssue)
    /// The header line (the first line that is not blank) is malformed: too long, or a
    /// quote in it is never closed.
    case unreadableHeader(RecordIssue)
    /// More distinct numbers than ids.
    case tooManyNumbers(file: String, line: Int)
    /// The file the calls are spilled to (`--spill`) could not be created, written or mapped.
    case spill(String)
    /// Under `--strict`: a call dated far from all the others (``StrayCalls``), described.
    case strayCall(String)

    public var description: String {
        switch self {
        case .emptyInput(let f): return "\(f): no header line (is the file empty?)"
        case .missingColumn(let f, let c, let canonical, let h):
            let shown = h.prefix(12).joined(separator: ",")
            var hint = "map it with --columns \(canonical)=NAME"
            let subscriberColumn = ["subscriber", "other", "call_type"].contains(canonical)
            if h.first?.hasPrefix("{") == true {
                hint = "is this JSON Lines? use --input-format jsonl"
            } else if h.count == 1, let other = [",", ";", "\t", "|"].first(where: { h[0].contains($0) }) {
                // '--separator ;' on a comma file: the list below looked like every column was there.
                let shown = other == "\t" ? "tab" : other
                hint = "the header was read as one column: its separator looks like '\(shown)' (--separator, or leave it out to detect it)"
            } else if !subscriberColumn, h.contains("phone_no_m") || h.contains("calltype_id") || h.contains("opposite_no_m") {
                hint = "is this a per-subscriber export? use --layout subscriber"
            } else if subscriberColumn, h.contains("caller") && h.contains("callee") {
                hint = "is this one row per call? use --layout call"
            }
            return "\(f):1: missing required column '\(c)' (header: \(shown)); \(hint)"
        case .repeatedColumn(let f, let c, let canonical, let positions):
            let times = positions.count == 2 ? "twice" : "\(positions.count) times"
            let listed = positions.dropLast().map(String.init).joined(separator: ", ") + " and \(positions.last ?? 0)"
            return "\(f):1: column '\(c)' appears \(times) in the header (columns \(listed)); rename all but the one "
                + "to use, or read \(canonical) from another column with --columns \(canonical)=NAME"
        case .tooManyColumns(let f, let n): return "\(f):1: the header has more than \(n) columns (the field-count limit)"
        case .badColumnMapping(let m): return "--columns: \(m)"
        case .malformedLine(let issue): return "\(issue) (--strict)"
        case .unreadableHeader(let issue):
            return "\(issue.file):\(issue.line): the header line cannot be read: \(issue.reason); no column can be found"
        case .tooManyNumbers(let f, let l): return "\(f):\(l): more than 4 billion distinct numbers"
        case .spill(let m): return "\(m) (choose another directory with --spill DIR, or keep the calls in memory with --in-memory)"
        case .strayCall(let m): return "\(m) (--strict; --stray-gap 0 keeps such calls)"
        }
    }
}
