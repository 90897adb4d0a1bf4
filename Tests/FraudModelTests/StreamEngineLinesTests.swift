import Foundation
import Testing
@testable import FraudModel

/// Where a stopped stream's input resumes: the lines read whole after the header (records,
/// rejected and blank lines), carried in the checkpoint across resumed runs.
@Suite("StreamEngine lines")
struct StreamEngineLinesTests: StreamFixture {
    @Test func linesCountEveryWholeLineAfterTheHeader() throws {
        var e = sparseEngine(try rules())
        #expect(e.statistics.lines == 0)
        _ = try feed(&e, header + call(0, spray, victim) + "not,a,call\n" + "\n" + call(0, spray, "13900000002", minute: 1) + "2026-03")
        // Two records, one rejected line, one blank line; the cut last line waits.
        #expect(e.statistics.records == 2 && e.statistics.rejected == 1)
        #expect(e.statistics.lines == 4)
        _ = try feed(&e, "-02 13:00:00,\(spray),13900000003,60\n")
        #expect(e.statistics.lines == 5)
        // A line break inside quotes: the record's lines count once it is whole.
        _ = try feed(&e, "2026-03-02 13:01:00,\(spray),\"1390000\n0004\",60\n")
        #expect(e.statistics.lines == 7)
        _ = try feed(&e, "2026-03-02 13:02:00,\(spray),\"13900000005\",\"6\n")
        #expect(e.statistics.lines == 7)
        _ = try feed(&e, "0\"\n")
        #expect(e.statistics.lines == 9)
        _ = try e.finish()
        #expect(e.statistics.lines == 9)
    }

    /// Under --strict the bad line stops the read untaken: the lines before it are counted,
    /// so a run resumed with it mended takes it.
    @Test func aStrictStopCountsTheLinesBeforeTheBadOne() throws {
        var input = InputOptions()
        input.strict = true
        var o = StreamOptions()
        o.maxAhead = 0
        var e = StreamEngine(rules: try rules(), options: o, input: input)
        #expect(throws: InputError.self) {
            _ = try feed(&e, header + call(0, spray, victim) + "\n" + call(0, spray, "13900000002", minute: 1)
                         + "2026-03-02 13:00:00,\"\(spray)\n\",x\n" + call(0, spray, "13900000003", minute: 3))
        }
        #expect(e.statistics.lines == 3 && e.statistics.records == 2)
    }

    @Test func aCheckpointCarriesTheLinesAndTheRejectedOnToTheNextRun() throws {
        let r = try rules()
        var e = sparseEngine(r)
        _ = try feed(&e, header + call(0, spray, victim) + "not,a,call\n" + call(0, spray, "13900000002", minute: 1))
        var o = StreamOptions()
        o.maxAhead = 0
        var next = try StreamEngine(checkpoint: e.checkpoint(), rules: r, options: o)
        #expect(next.statistics.lines == 3 && next.statistics.rejected == 1)
        // The resumed input starts again with its header; the counts go on.
        _ = try feed(&next, header + "bad\n" + call(0, spray, "13900000003", minute: 2))
        #expect(next.statistics.lines == 5)
        #expect(next.statistics.rejected == 2)
        #expect(next.statistics.records == 3)
    }

    /// A checkpoint of format 16 (before the count) still restores, its lines unknown; the
    /// lines and the rest are as before. Made from the format-17 fixture (see
    /// `StreamEngineCheckpointTests`), which differs only by the count and the version.
    @Test func aCheckpointOfTheFormatBeforeRestoresWithoutItsLines() throws {
        let r = try rules()
        var e = StreamEngine(rules: r)
        _ = try feed(&e, scam)
        #expect(e.checkpoint()[0] == 0x12)              // the version now, in the magic's low byte
        let v17 = try checkpointFixture("v17-scam")
        #expect(v17[0] == 0x11)
        let counts = 8 + 5 * 4 + 6 * 8                  // after the magic, the options and the counters
        var old = Array(v17.dropLast(4))
        old[0] = 0x10
        old.removeSubrange(counts..<(counts + 8))
        withUnsafeBytes(of: CRC32.checksum(old).littleEndian) { old.append(contentsOf: $0) }
        let restored = try StreamEngine(checkpoint: old, rules: r)
        #expect(restored.statistics.lines == nil)
        var expected = try StreamEngine(checkpoint: v17, rules: r).statistics
        #expect(expected.lines == 8)
        expected.lines = nil
        #expect(restored.statistics == expected)
        // Saved again, it says the lines are not known, and so does the next restore.
        let again = try StreamEngine(checkpoint: restored.checkpoint(), rules: r)
        #expect(again.statistics.lines == nil)
        #expect(again.checkpoint() == restored.checkpoint())
        // Any other version is refused.
        var other = old
        other[0] = 0x0F
        #expect(throws: CheckpointError.notACheckpoint) { try StreamEngine(checkpoint: other, rules: r) }
    }
}
