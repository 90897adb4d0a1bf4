/// How call records are read.
public struct InputOptions: Sendable {
    /// Canonical column name → the name used in the file's header or JSON keys
    /// (`--columns caller=calling_no`).
    public var columnNames: [String: String] = [:]
    /// Stop at the first malformed line instead of skipping it.
    public var strict = false
    /// CSV or JSON Lines.
    public var format = InputFormat.csv
    /// One row per call, or one row per subscriber per call with a direction code.
    public var layout = RecordLayout.call
    /// The `call_type` values of the subscriber layout that mean outgoing and incoming; rows
    /// with any other value are skipped and counted (`--call-types 1,2`).
    public var callTypes = CallTypeCodes()
    /// Field separator; `nil` detects `,`, `;`, tab or `|` from the header line.
    public var separator: UInt8? = nil
    /// Lines (records) longer than this are rejected and never buffered beyond it.
    public var maximumLineLength = 64 * 1024
    /// Rows or objects with more fields than this are rejected.
    public var maximumFields = 512
    /// How many malformed lines are kept with their text; the rest are only counted.
    public var keptIssues = 20
    /// Whether malformed-line reports may quote the offending field. Off under
    /// `--pseudonymize`, so that no diagnostic repeats a number from the input.
    public var quoteFieldsInIssues = true
    /// Where to write the records instead of holding them in memory (`--spill`), or nil:
    /// each part of a read goes to its own unlinked temporary file in this directory, read
    /// back through a mapping whose pages are dropped as soon as a pass has walked them.
    public var spillDirectory: String? = nil
    /// Calls more than this many seconds from any other call, in a group of a few, are
    /// skipped and reported as a mistyped time (``StrayCalls``); 0 keeps every call; else at least
    /// ``StrayCalls/smallestGap`` (the command line checks it).
    public var strayGap: UInt32 = 86_400

    /// Creates options with the defaults.
    public init() {}

    /// Parses a `--columns` value: `caller=calling_no,callee=called_no`.
    ///
    /// - Throws: ``InputError/badColumnMapping(_:)`` for an unknown canonical name, a pair
    ///   without `=`, or a column mapped twice (which of the two was meant cannot be known).
    public mutating func mapColumns(_ spec: String) throws(InputError) {
        var mapped: [String: String] = [:]
        for pair in spec.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw .badColumnMapping("'\(pair)' is not NAME=COLUMN") }
            let canonical = parts[0].trimmingSpaces, actual = parts[1].trimmingSpaces
            guard Column.allCases.contains(where: { $0.rawValue == canonical }) else {
                let known = Column.allCases.map(\.rawValue).joined(separator: ", ")
                throw .badColumnMapping("unknown column '\(canonical)' (known: \(known))")
            }
            guard !actual.isEmpty else { throw .badColumnMapping("empty column name for '\(canonical)'") }
            if let earlier = mapped[canonical] {
                throw .badColumnMapping("'\(canonical)' is mapped twice ('\(earlier)' and '\(actual)'); give it once")
            }
            mapped[canonical] = actual
            columnNames[canonical] = actual
        }
    }

    /// Checks that every mapped column belongs to ``layout``, and that no two of the layout's
    /// columns are read from one file column (call it once all options are set).
    ///
    /// - Throws: ``InputError/badColumnMapping(_:)`` naming the layout's columns, or the two
    ///   columns that would read the same file column.
    public func validate() throws(InputError) {
        for name in columnNames.keys.sorted() {
            guard let c = Column(rawValue: name), layout.columns.contains(c) else {
                let known = layout.columns.map(\.rawValue).joined(separator: ", ")
                throw .badColumnMapping("'\(name)' is not a column of the \(layout) layout (its columns: \(known))")
            }
        }
        // Header names and JSON keys are matched without regard to case.
        var reader: [String: Column] = [:]
        for c in layout.columns {
            let name = headerName(c).lowercased()
            if let other = reader[name] {
                throw .badColumnMapping("'\(other.rawValue)' and '\(c.rawValue)' would both be read from column '\(headerName(c))'; "
                                        + "map each to its own column")
            }
            reader[name] = c
        }
    }

    /// The name a file uses for `column`: the `--columns` mapping, or the layout's default.
    public func headerName(_ column: Column) -> String {
        columnNames[column.rawValue] ?? layout.defaultName(column)
    }

    /// Parses a `--separator` value: one ASCII character, or `tab`.
    ///
    /// - Returns: The separator byte, or nil for an unusable value (a letter, digit, quote,
    ///   space or line break, or more than one character).
    public static func separator(_ text: String) -> UInt8? {
        switch text {
        case "tab", "\\t", "\t": return 0x09
        default:
            let u = Array(text.utf8)
            guard u.count == 1, u[0] > 0x20, u[0] < 0x7F, u[0] != 0x22 else { return nil }
            let c = u[0]
            if (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 { return nil }
            return c
        }
    }
}

/// How the records of a file are written.
public enum InputFormat: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Delimited text with a header line (RFC 4180 quoting).
    case csv
    /// One JSON object per line, keys named like CSV columns.
    case jsonl

    public var description: String { rawValue }
}

/// The values of a subscriber export's `call_type` column that give a call's direction.
public struct CallTypeCodes: Sendable, Equatable {
    /// The subscriber called the other party.
    public var outgoing = "1"
    /// The other party called the subscriber.
    public var incoming = "2"

    /// The usual codes: 1 = outgoing, 2 = incoming.
    public init() {}

    /// Parses `--call-types OUT,IN` (e.g. `1,2` or `MO,MT`).
    public init?(_ spec: String) {
        let parts = spec.split(separator: ",", omittingEmptySubsequences: false).map(\.trimmingSpaces)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, parts[0] != parts[1],
              parts.allSatisfy({ $0.utf8.count <= 32 }) else { return nil }
        outgoing = parts[0]
        incoming = parts[1]
    }
}

/// What one row of a file describes.
public enum RecordLayout: String, CaseIterable, Sendable, CustomStringConvertible {
    /// One row per call: caller, callee (`start_time,caller,callee,duration,…`).
    case call
    /// One row per subscriber per call, with a direction code, as many carriers export:
    /// `phone_no_m,opposite_no_m,calltype_id,start_datetime,call_dur,city_name,county_name,imei_m`.
    /// A call between two subscribers of the export appears twice, once from each side; the
    /// reader keeps it once (see ``DuplicateCallFilter``).
    case subscriber

    public var description: String { rawValue }

    /// The columns this layout reads, required ones first.
    public var columns: [Column] {
        switch self {
        case .call: return [.startTime, .caller, .callee, .duration, .callerRegion, .calleeRegion, .callerIMEI]
        case .subscriber: return [.subscriber, .other, .callType, .startTime, .duration, .subscriberRegion, .subscriberIMEI]
        }
    }

    /// The header name (or JSON key) used when `--columns` does not map `column`.
    public func defaultName(_ column: Column) -> String {
        guard self == .subscriber else { return column.rawValue }
        switch column {
        case .subscriber: return "phone_no_m"
        case .other: return "opposite_no_m"
        case .callType: return "calltype_id"
        case .startTime: return "start_datetime"
        case .duration: return "call_dur"
        case .subscriberRegion: return "county_name"
        case .subscriberIMEI: return "imei_m"
        default: return column.rawValue
        }
    }
}

/// The columns fraud-score reads from a call file, by canonical name (the names `--columns`
/// maps from).
public enum Column: String, CaseIterable, Sendable {
    case startTime = "start_time"
    case caller, callee, duration
    case callerRegion = "caller_region"
    case calleeRegion = "callee_region"
    case callerIMEI = "caller_imei"
    /// Subscriber layout: whose row it is.
    case subscriber
    /// Subscriber layout: the other party.
    case other
    /// Subscriber layout: the direction code.
    case callType = "call_type"
    /// Subscriber layout: the subscriber's home county.
    case subscriberRegion = "subscriber_region"
    /// Subscriber layout: the subscriber's handset.
    case subscriberIMEI = "subscriber_imei"

    /// Whether a file must have this column.
    public var isRequired: Bool {
        switch self {
        case .startTime, .caller, .callee, .duration, .subscriber, .other, .callType: return true
        default: return false
        }
    }

    /// Where the record reader keeps the column's value.
    var slot: RecordSlot {
        switch self {
        case .startTime: return .time
        case .duration: return .duration
        case .caller, .subscriber: return .partyA
        case .callee, .other: return .partyB
        case .callerRegion, .subscriberRegion: return .regionA
        case .calleeRegion: return .regionB
        case .callerIMEI, .subscriberIMEI: return .imeiA
        case .callType: return .callType
        }
    }
}

/// The values a record is made of, whatever the layout: party A is the caller (call layout)
/// or the subscriber whose row it is (subscriber layout).
enum RecordSlot: Int, CaseIterable {
    case time, duration, partyA, partyB, regionA, regionB, imeiA, callType
}

/// One value per ``RecordSlot`` in stored properties (no array), so the per-record path
/// neither allocates nor retains: field indices in a header, or value offsets in a record.
struct SlotValues: Sendable {
    var time = -1, duration = -1, partyA = -1, partyB = -1, regionA = -1, regionB = -1, imeiA = -1, callType = -1

    subscript(slot: RecordSlot) -> Int {
        get {
            switch slot {
            case .time: return time
            case .duration: return duration
            case .partyA: return partyA
            case .partyB: return partyB
            case .regionA: return regionA
            case .regionB: return regionB
            case .imeiA: return imeiA
            case .callType: return callType
            }
        }
        set {
            switch slot {
            case .time: time = newValue
            case .duration: duration = newValue
            case .partyA: partyA = newValue
            case .partyB: partyB = newValue
            case .regionA: regionA = newValue
            case .regionB: regionB = newValue
            case .imeiA: imeiA = newValue
            case .callType: callType = newValue
            }
        }
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
