/// The calls of a log in input order, kept in the contiguous runs they were read into: one
/// per part of a parallel read, so joining the parts copies nothing.
///
/// Joining them into one array would copy the later parts' records (60 MB on a 200k-subscriber
/// week read on two threads) on one thread while the others wait, into memory touched for the
/// first time, and hold both copies at once. Reading by index works across runs; the hot loops
/// of the analysis walk a range of calls piece by piece with ``forEachPiece(of:_:)``.
///
/// A run is an array, or a mapped spill file (``RecordSpill``, `--spill`): a pass over a
/// spilled run walks it in windows (4 MiB) and drops each window's pages once walked, so the
/// records never all sit in the process's memory.
public struct CallRecords: RandomAccessCollection, Equatable, Sendable {
    /// Where one run's records are.
    enum Run: Sendable {
        case memory([CallRecord])
        case spilled(MappedRecords)

        var count: Int {
            switch self {
            case .memory(let a): return a.count
            case .spilled(let m): return m.count
            }
        }

        subscript(i: Int) -> CallRecord {
            switch self {
            case .memory(let a): return a[i]
            case .spilled(let m): return m.buffer[i]
            }
        }
    }

    /// The runs, in order; none is empty.
    private(set) var runs: [Run]
    /// `starts[k]` is the index of run k's first record; the last entry is the count.
    private var starts: [Int]

    /// Records held in one run.
    public init(_ records: [CallRecord] = []) {
        self.init(runs: [.memory(records)])
    }

    /// Records held in the given arrays, in order (empty ones are dropped).
    init(runs: [[CallRecord]]) {
        self.init(runs: runs.map { .memory($0) })
    }

    /// Records held in the given runs, in order (empty ones are dropped).
    init(runs: [Run]) {
        self.runs = runs.filter { $0.count > 0 }
        var starts = [0]
        for run in self.runs { starts.append(starts[starts.count - 1] + run.count) }
        self.starts = starts
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts[starts.count - 1] }

    /// Whether any run is a spill file.
    var isSpilled: Bool {
        runs.contains { if case .spilled = $0 { return true } else { return false } }
    }

    /// The record at `i` (a search over the runs: walk ranges with ``forEachPiece(of:_:)``
    /// in loops over many calls).
    public subscript(i: Int) -> CallRecord {
        precondition(i >= 0 && i < endIndex, "record index out of range")
        let k = run(containing: i)
        return runs[k][i - starts[k]]
    }

    /// Walks the runs in order, without a search per record.
    public struct Iterator: IteratorProtocol {
        private let records: CallRecords
        private var run = 0, index = 0

        init(_ records: CallRecords) { self.records = records }

        public mutating func next() -> CallRecord? {
            while run < records.runs.count {
                if index < records.runs[run].count {
                    defer { index += 1 }
                    return records.runs[run][index]
                }
                run += 1
                index = 0
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(self) }

    /// Calls `body` for each contiguous piece of `range`, in order, with the index of the
    /// piece's first record. A spilled run comes in windows whose pages are dropped once
    /// `body` returns (another thread walking the same window maps them again).
    func forEachPiece(of range: Range<Int>, _ body: (_ first: Int, _ piece: UnsafeBufferPointer<CallRecord>) -> Void) {
        guard !range.isEmpty else { return }
        precondition(range.lowerBound >= 0 && range.upperBound <= endIndex, "record range out of bounds")
        var k = run(containing: range.lowerBound)
        var i = range.lowerBound
        while i < range.upperBound {
            let lo = i - starts[k], hi = Swift.min(range.upperBound, starts[k + 1]) - starts[k]
            switch runs[k] {
            case .memory(let a):
                a.withUnsafeBufferPointer { body(i, UnsafeBufferPointer(rebasing: $0[lo..<hi])) }
            case .spilled(let m):
                var w = lo
                while w < hi {
                    let end = Swift.min(hi, (w / m.window + 1) * m.window)
                    body(starts[k] + w, UnsafeBufferPointer(rebasing: m.buffer[w..<end]))
                    m.release(w..<end)
                    w = end
                }
            }
            i = starts[k] + hi
            k += 1
        }
    }

    /// Calls `body` for each contiguous piece of all the records, in order.
    func forEachPiece(_ body: (_ piece: UnsafeBufferPointer<CallRecord>) -> Void) {
        forEachPiece(of: 0..<endIndex) { _, piece in body(piece) }
    }

    /// Earliest and latest call time, or nil when there are no records.
    var timeSpan: ClosedRange<UInt32>? {
        guard var lo = first?.time else { return nil }
        var hi = lo
        forEachPiece { piece in
            for r in piece { lo = Swift.min(lo, r.time); hi = Swift.max(hi, r.time) }
        }
        return lo...hi
    }

    /// The records as one array (a copy unless they are one run in memory).
    var joined: [CallRecord] {
        if runs.count == 1, case .memory(let a) = runs[0] { return a }
        var all: [CallRecord] = []
        all.reserveCapacity(count)
        forEachPiece { all.append(contentsOf: $0) }
        return all
    }

    /// The run that holds index `i` (`0 <= i < count`).
    private func run(containing i: Int) -> Int {
        var lo = 0, hi = runs.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Equal when they hold the same records in the same order, however they are split.
    public static func == (a: CallRecords, b: CallRecords) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}
