/// How call records are read.
public struct InputOptions: Sendable {
    /// Canonical column name → the name used in the file's header (`--columns caller=calling_no`).
    public var columnNames: [String: String] = [:]
    /// Stop at the first malformed line instead of skipping it.
    public var strict = false
    /// Field separator; `nil` detects `,`, `;` or tab from the header line.
    public var separator: UInt8? = nil
    /// Lines longer than this are rejected (and never buffered beyond it).
    public var maximumLineLength = 64 * 1024
    /// How many malformed lines are kept with their text; the rest are only counted.
    public var keptIssues = 20

    /// Creates options with the defaults.
    public init() {}

    /// Parses a `--columns` value: `caller=calling_no,callee=called_no`.
    ///
    /// - Throws: ``InputError/badColumnMapping(_:)`` for an unknown canonical name or a pair
    ///   without `=`.
    public mutating func mapColumns(_ spec: String) throws(InputError) {
        for pair in spec.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw .badColumnMapping("'\(pair)' is not NAME=COLUMN") }
            let canonical = parts[0].trimmingSpaces, actual = parts[1].trimmingSpaces
            guard Column.allCases.contains(where: { $0.rawValue == canonical }) else {
                let known = Column.allCases.map(\.rawValue).joined(separator: ", ")
                throw .badColumnMapping("unknown column '\(canonical)' (known: \(known))")
            }
            guard !actual.isEmpty else { throw .badColumnMapping("empty column name for '\(canonical)'") }
            columnNames[canonical] = actual
        }
    }
}

/// The columns fraud-score reads from a call file.
public enum Column: String, CaseIterable, Sendable {
    case startTime = "start_time"
    case caller, callee, duration
    case callerRegion = "caller_region"
    case calleeRegion = "callee_region"
    case callerIMEI = "caller_imei"

    /// Whether a file must have this column.
    public var isRequired: Bool {
        switch self {
        case .startTime, .caller, .callee, .duration: return true
        default: return false
        }
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
