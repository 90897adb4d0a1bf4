/// Every call read from the inputs, with the interned numbers: the batch scorer's working set.
public struct CallLog: Sendable {
    /// The calls, in input order.
    public var records: CallRecords
    /// The interned numbers.
    public var numbers: NumberTable
    /// Home region of each number (index into `regions`), or -1 when no row gave one.
    public var regionOf: [Int32]
    /// Region codes as written.
    public var regions: [String]
    /// Distinct device IMEIs seen on each number's outgoing calls.
    public var imeiCount: [UInt16]
    /// The UTC offset of the input's times (the first explicit offset seen; 0 for naive times),
    /// used for the hour of day and for printing.
    public var displayOffset: Int32
    /// Lines read (excluding headers and blank lines) and lines rejected.
    public var linesRead: Int
    /// Malformed lines skipped.
    public var rejected: Int
    /// The first malformed lines, for the report.
    public var issues: [RecordIssue]
    /// Rejected lines counted by kind of problem.
    public var rejectedByKind: [String: Int]
    /// Subscriber layout: rows dropped because the other side's row of the same call was
    /// kept (see ``DuplicateCallFilter``).
    public var mergedDuplicates: Int = 0
    /// Subscriber layout: rows skipped because their call type is neither outgoing nor
    /// incoming, counted by the code as written.
    public var skippedCallTypes: [String: Int] = [:]
    /// Calls skipped as dated far from all the others (``StrayCalls``, `--stray-gap`).
    public var strayCalls = 0
    /// The gap that made them stray, in seconds.
    public var strayGap: UInt32 = 0
    /// The first of them, in input order, for the report: "2062-03-02 00:01:01, 18976571195 →
    /// 13553743605" (the time only under `--pseudonymize`).
    public var strayExamples: [String] = []

    /// The report's first line on the stray calls, or nil when there were none: "skipped 1 call
    /// dated more than 1 day from any other call (…)"; ``strayExamples`` follow it.
    public var strayNote: String? {
        guard strayCalls > 0 else { return nil }
        return "skipped \(strayCalls == 1 ? "1 call" : "\(strayCalls) calls") dated more than "
            + "\(ExposureWindow.length(strayGap)) from any other call (a mistyped time or a reset clock?; "
            + "--stray-gap 0 keeps them)"
    }

    /// The region code of `id`, or an empty string.
    public func region(of id: NumberID) -> String {
        let r = regionOf[Int(id)]
        return r < 0 ? "" : regions[Int(r)]
    }

    /// Earliest and latest call time, or nil for an empty log.
    public var timeSpan: ClosedRange<UInt32>? { records.timeSpan }
}
