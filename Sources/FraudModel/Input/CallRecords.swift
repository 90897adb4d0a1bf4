/// The calls of a log in input order, kept in the contiguous runs they were read into: one
/// per part of a parallel read, so joining the parts copies nothing.
///
/// Joining them into one array would copy the later parts' records (60 MB on a 200k-subscriber
/// week read on two threads) on one thread while the others wait, into memory touched for the
/// first time, and hold both copies at once. Reading by index works across runs; the hot loops
/// of the analysis walk a range of calls piece by piece with ``forEachPiece(of:_:)``.
public struct CallRecords: RandomAccessCollection, Equatable, Sendable {
    /// The runs, in order; none is empty.
    private var runs: [[CallRecord]]
    /// `starts[k]` is the index of run k's first record; the last entry is the count.
    private var starts: [Int]

    /// Records held in one run.
    public init(_ records: [CallRecord] = []) {
        self.init(runs: [records])
    }

    /// Records held in the given runs, in order (empty runs are dropped).
    init(runs: [[CallRecord]]) {
        self.runs = runs.filter { !$0.isEmpty }
        var starts = [0]
        for run in self.runs { starts.append(starts[starts.count - 1] + run.count) }
        self.starts = starts
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts[starts.count - 1] }

    /// The record at `i` (a search over the runs: walk ranges with ``forEachPiece(of:_:)``
    /// in loops over many calls).
    public subscript(i: Int) -> CallRecord {
        precondition(i >= 0 && i < endIndex, "record index out of range")
        let k = run(containing: i)
        return runs[k][i - starts[k]]
    }

    /// Walks the runs in order, without a search per record.
    public struct Iterator: IteratorProtocol {
        private let runs: [[CallRecord]]
        private var run = 0, index = 0

        init(_ runs: [[CallRecord]]) { self.runs = runs }

        public mutating func next() -> CallRecord? {
            while run < runs.count {
                if index < runs[run].count {
                    defer { index += 1 }
                    return runs[run][index]
                }
                run += 1
                index = 0
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(runs) }

    /// Calls `body` for each contiguous piece of `range`, in order, with the index of the
    /// piece's first record.
    func forEachPiece(of range: Range<Int>, _ body: (_ first: Int, _ piece: UnsafeBufferPointer<CallRecord>) -> Void) {
        guard !range.isEmpty else { return }
        precondition(range.lowerBound >= 0 && range.upperBound <= endIndex, "record range out of bounds")
        var k = run(containing: range.lowerBound)
        var i = range.lowerBound
        while i < range.upperBound {
            let lo = i - starts[k], hi = Swift.min(range.upperBound, starts[k + 1]) - starts[k]
            runs[k].withUnsafeBufferPointer { body(i, UnsafeBufferPointer(rebasing: $0[lo..<hi])) }
            i = starts[k] + hi
            k += 1
        }
    }

    /// Calls `body` for each contiguous piece of all the records, in order.
    func forEachPiece(_ body: (_ piece: UnsafeBufferPointer<CallRecord>) -> Void) {
        forEachPiece(of: 0..<endIndex) { _, piece in body(piece) }
    }

    /// The records as one array (a copy unless they are one run).
    var joined: [CallRecord] {
        runs.count == 1 ? runs[0] : Array(runs.joined())
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
