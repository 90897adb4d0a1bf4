/// A problem with one line of a call file.
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

        public var description: String {
            switch self {
            case .fieldCount(let e, let f): return "expected \(e) fields, found \(f)"
            case .badTime(let t): return "bad start time '\(t)' (want YYYY-MM-DD HH:MM:SS, ISO 8601 or epoch seconds)"
            case .timeOutOfRange(let t): return "start time '\(t)' is outside 1970–2105"
            case .badDuration(let d): return "bad duration '\(d)' (want whole seconds ≥ 0)"
            case .badNumber(let c, let p): return "\(c): \(p)"
            case .lineTooLong(let n): return "line longer than \(n) bytes"
            case .tooManyFields(let n): return "more than \(n) fields"
            }
        }

        /// A short stable key for counting issues by kind.
        public var kind: String {
            switch self {
            case .fieldCount: return "field count"
            case .badTime: return "bad time"
            case .timeOutOfRange: return "time out of range"
            case .badDuration: return "bad duration"
            case .badNumber: return "bad number"
            case .lineTooLong: return "line too long"
            case .tooManyFields: return "too many fields"
            }
        }
    }

    /// The input's name (`-` for stdin).
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// What was wrong.
    public var reason: Reason

    public var description: String { "\(file):\(line): \(reason)" }
}

/// Errors that stop reading a call file.
public enum InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file has no header line.
    case emptyInput(file: String)
    /// A required column is missing from the header.
    case missingColumn(file: String, column: String, header: [String])
    /// A `--columns` value could not be read.
    case badColumnMapping(String)
    /// A malformed line under `--strict`.
    case malformedLine(RecordIssue)
    /// More distinct numbers than ids.
    case tooManyNumbers(file: String, line: Int)

    public var description: String {
        switch self {
        case .emptyInput(let f): return "\(f): no header line (is the file empty?)"
        case .missingColumn(let f, let c, let h):
            let shown = h.prefix(12).joined(separator: ",")
            return "\(f):1: missing required column '\(c)' (header: \(shown)); map it with --columns \(c)=NAME"
        case .badColumnMapping(let m): return "--columns: \(m)"
        case .malformedLine(let issue): return "\(issue) (--strict)"
        case .tooManyNumbers(let f, let l): return "\(f):\(l): more than 4 billion distinct numbers"
        }
    }
}
