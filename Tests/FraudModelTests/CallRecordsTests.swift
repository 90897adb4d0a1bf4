import Testing
@testable import FraudModel

@Suite("CallRecords")
struct CallRecordsTests {
    private static func calls(_ times: Range<Int>) -> [CallRecord] {
        times.map { CallRecord(time: UInt32($0), caller: NumberID($0 % 7), callee: NumberID($0 % 5), duration: UInt32($0)) }
    }

    /// Runs of 3, 0, 1 and 6 records: ten in all.
    private static let runs = CallRecords(runs: [calls(0..<3), [], calls(3..<4), calls(4..<10)])

    @Test func indexesAcrossRunsInOrder() {
        #expect(Self.runs.count == 10)
        #expect(Self.runs.map(\.time) == Array(0..<10).map(UInt32.init))
        #expect((0..<10).allSatisfy { Self.runs[$0].time == UInt32($0) })
        #expect(CallRecords().isEmpty && CallRecords(runs: [[], []]).isEmpty)
    }

    @Test func piecesCoverEveryRangeOnce() {
        for lo in 0...10 {
            for hi in lo...10 {
                var seen: [UInt32] = [], firsts: [Int] = []
                Self.runs.forEachPiece(of: lo..<hi) { first, piece in
                    #expect(!piece.isEmpty)
                    #expect(piece.first?.time == UInt32(first))
                    firsts.append(first)
                    seen += piece.map(\.time)
                }
                #expect(seen == Array(lo..<hi).map(UInt32.init), "\(lo)..<\(hi)")
                #expect(firsts.count <= 3)                   // at most one piece per non-empty run
            }
        }
        var all: [UInt32] = []
        Self.runs.forEachPiece { all += $0.map(\.time) }
        #expect(all == Array(0..<10).map(UInt32.init))
    }

    @Test func equalWhateverTheSplit() {
        let one = CallRecords(Self.calls(0..<10))
        #expect(one == Self.runs)
        #expect(Self.runs.joined == Self.calls(0..<10))
        #expect(one != CallRecords(Self.calls(0..<9)))
        #expect(one != CallRecords(runs: [Self.calls(0..<5), Self.calls(6..<11)]))
    }

    /// Reading a file after another starts a new run when the first's room is used up,
    /// instead of copying it; the log reads as one sequence either way.
    @Test func aSecondInputStartsANewRunWithoutLosingRecords() throws {
        let header = "start_time,caller,callee,duration\n"
        let row = { (i: Int) in "2026-03-02 09:00:\(i < 10 ? "0" : "")\(i),1390000000\(i % 10),1380000000\(i % 10),\(i + 1)\n" }
        var b = CallLogBuilder(options: InputOptions())
        for file in 0..<2 {
            b.beginSource("f\(file).csv")
            let text = header + (0..<30).map { row(file * 30 + $0) }.joined()
            if file == 1 { b.reserveCapacity(forBytes: 4 << 20) }   // 100k records: more than the first run's room
            try Array(text.utf8).withUnsafeBytes { try b.consume($0) }
            try b.endSource()
        }
        #expect(b.earlierRuns.count == 1)
        let log = try b.finish()
        #expect(log.records.map(\.duration) == (1...60).map(UInt32.init))
    }
}
