import Foundation
import Testing
@testable import FraudModel

/// Saving and restoring a stream (`StreamEngine+Checkpoint`): a resumed run gives the
/// warnings and state of an uninterrupted one, chains of calls restore as walked, and a
/// damaged or foreign checkpoint, or one written with other options, is refused.
@Suite("StreamEngine checkpoint")
struct StreamEngineCheckpointTests: StreamFixture {
    @Test func checkpointResumesExactlyWhereItStopped() throws {
        let lines = syntheticLines(SynthConfig(subscribers: 1_500, days: 3, seed: 9))
        let r = try shippedRules()
        var whole = StreamEngine(rules: r)
        let all = try feed(&whole, lines.joined(separator: "\n") + "\n") + whole.finish()
        #expect(!all.isEmpty)
        let cut = lines.count / 2
        var first = StreamEngine(rules: r)
        var parts = try feed(&first, lines[..<cut].joined(separator: "\n") + "\n")
        var second = try StreamEngine(checkpoint: first.checkpoint(), rules: r)
        parts += try feed(&second, lines[0] + "\n" + lines[cut...].joined(separator: "\n") + "\n") + second.finish()
        #expect(parts == all)
        #expect(second.statistics == whole.statistics)
        // The restored engine ends in exactly the state of the uninterrupted one.
        let sameState = second.checkpoint() == whole.checkpoint()
        #expect(sameState)
    }

    /// With a short retention, sweeps drop old calls from `recent` and expire numbers before
    /// the cut: the restored chains of each number's calls must still be exactly its calls.
    @Test func checkpointResumesExactlyAfterOldCallsWereDropped() throws {
        let lines = syntheticLines(SynthConfig(subscribers: 800, days: 6, seed: 5))
        let r = try shippedRules()
        var options = StreamOptions()
        options.retention = 86_400
        var whole = StreamEngine(rules: r, options: options)
        let all = try feed(&whole, lines.joined(separator: "\n") + "\n") + whole.finish()
        let cut = lines.count * 3 / 4
        var first = StreamEngine(rules: r, options: options)
        var parts = try feed(&first, lines[..<cut].joined(separator: "\n") + "\n")
        #expect(first.recentBase > 0, "no call was dropped before the cut")
        // The checkpoint saves which chains each call is in, and the restore makes the same
        // chains, with numbers expired (their chains begun again) and calls dropped.
        for e in [first, whole] {
            let back = try StreamEngine(checkpoint: e.checkpoint(), rules: r, options: options)
            #expect(back.state.count == e.state.count)
            #expect((0..<e.state.count).allSatisfy { back.recentCalls(of: $0) == e.recentCalls(of: $0) })
        }
        var second = try StreamEngine(checkpoint: first.checkpoint(), rules: r, options: options)
        // Numbers expired since the last compaction stay marked, so the next compaction drops
        // the same ones from the shared tables as in the uninterrupted run.
        func expired(_ e: StreamEngine) -> [Int] { e.state.map(\.isExpired).indices.filter { e.state[$0].isExpired } }
        #expect(!expired(first).isEmpty, "no number expired before the cut")
        #expect(expired(second) == expired(first))
        #expect(second.expiredSinceCompaction == first.expiredSinceCompaction)
        parts += try feed(&second, lines[0] + "\n" + lines[cut...].joined(separator: "\n") + "\n") + second.finish()
        #expect(parts == all)
        let sameState = second.checkpoint() == whole.checkpoint()
        #expect(sameState)
    }

    /// A late call of a number that then expires stays in `recent` past the cut-off (the
    /// sweep stops at the first call in time, in arrival order), but is no longer in the
    /// number's chain; back again, its chain starts afresh. The checkpoint, which saves which
    /// chains each call is in, must restore the same chains.
    @Test func aChainBegunAgainIsRestoredAsWalked() throws {
        var o = StreamOptions()
        o.retention = 2 * 86_400
        var e = sparseEngine(try rules(), o)
        let gone = "13700000001"
        var text = header
        text += "2026-03-02 08:10:00,13800000001,13800000002,60\n"
        text += "2026-03-02 08:20:00,13800000001,13800000002,60\n"      // lets 08:10 through
        text += "2026-03-02 08:00:00,\(gone),13900000001,60\n"          // late, past --max-delay
        // Every two hours, each call a sweep (a 24th of the retention); the last, two days on,
        // cuts off at 08:05 on the first.
        for step in 1...24 {
            let hours = 8 + 2 * step
            text += "2026-03-0\(2 + hours / 24) \(String(format: "%02d", hours % 24)):05:00,13800000003,13800000004,60\n"
        }
        text += "2026-03-04 08:06:00,13800000003,13800000004,60\n"
        _ = try feed(&e, text)
        let id = try #require(e.reader.internedNumbers.lookup(gone))
        #expect(e.state[Int(id)].isExpired)
        #expect(e.recent[e.recentHead...].contains { $0.caller == id }, "the late call is still in recent")
        #expect(e.recentCalls(of: Int(id)).isEmpty)
        _ = try feed(&e, "2026-03-04 08:07:00,\(gone),13900000001,60\n")
        #expect(e.recentCalls(of: Int(id)).count == 1)
        o.maxAhead = 0
        let back = try StreamEngine(checkpoint: e.checkpoint(), rules: try rules(), options: o)
        #expect(back.recentCalls(of: Int(id)).count == 1)
        #expect((0..<e.state.count).allSatisfy { back.recentCalls(of: $0) == e.recentCalls(of: $0) })
    }

    /// Format 17, as fraud-score wrote it before the stream read subscriber rows:
    /// `Tests/Corpus/checkpoint/v17-scam` is (less its CRC-32) what `fraud-score stream --rules
    /// R --checkpoint F` saved after `scamWithoutBank(then: "")`, R being `streamRules`. It
    /// restores (an empty duplicate filter, no rows merged) and, given the bank call, ends
    /// exactly as a run of this version over the whole scam. (16, made from it, in
    /// `StreamEngineLinesTests`.)
    @Test func aCheckpointOfTheFormatBeforeRestoresAndGoesOnExactly() throws {
        let r = try rules()
        var whole = StreamEngine(rules: r)
        let all = try feed(&whole, scam) + whole.finish()
        let rest = header + "2026-03-02 09:00:00,\(victim),95588,300\n"
        var v17 = try StreamEngine(checkpoint: checkpointFixture("v17-scam"), rules: r)
        #expect(v17.statistics.records == 8 && v17.statistics.lines == 8 && v17.statistics.warnings == 1)
        #expect(v17.statistics.mergedDuplicates == 0 && v17.rowsHeldForTwins == 0)
        let after = try feed(&v17, rest) + v17.finish()
        #expect(!after.isEmpty && after == Array(all.dropFirst(1)))
        #expect(v17.statistics == whole.statistics)
        let sameState = v17.checkpoint() == whole.checkpoint()
        #expect(sameState)
        // A subscriber stream restores it too, with an empty filter.
        var input = InputOptions()
        input.layout = .subscriber
        let asSubscriber = try StreamEngine(checkpoint: checkpointFixture("v17-scam"), rules: r, input: input)
        #expect(asSubscriber.readsSubscriberRows && asSubscriber.rowsHeldForTwins == 0)
    }

    @Test func damagedCheckpointsAreRefused() throws {
        let r = try rules()
        var e = StreamEngine(rules: r)
        _ = try feed(&e, scam)
        let bytes = e.checkpoint()
        #expect(throws: CheckpointError.corrupt) { try StreamEngine(checkpoint: Array(bytes.dropLast(3)), rules: r) }
        // One bit flipped anywhere past the header, even where any value would parse (a
        // count, a time), is caught by the checksum.
        for at in [bytes.count / 3, bytes.count / 2, bytes.count - 20, bytes.count - 1] {
            var flipped = bytes
            flipped[at] ^= 0x04
            #expect(throws: CheckpointError.corrupt) { try StreamEngine(checkpoint: flipped, rules: r) }
        }
        #expect(throws: Never.self) { try StreamEngine(checkpoint: bytes, rules: r) }
        // Past the checksum (sealed again, as a hand-edited file would be): a suspect count
        // that is not the suspects', or a call count no stream reaches, is refused too.
        func resealed(_ edit: (inout [UInt8]) -> Void) -> [UInt8] {
            var b = Array(bytes.dropLast(4))
            edit(&b)
            withUnsafeBytes(of: CRC32.checksum(b).littleEndian) { b.append(contentsOf: $0) }
            return b
        }
        let counts = 8 + 5 * 4                        // after the magic and the five options
        #expect(throws: Never.self) { try StreamEngine(checkpoint: resealed { _ in }, rules: r) }
        #expect(throws: CheckpointError.corrupt) {
            try StreamEngine(checkpoint: resealed { $0[counts + 4 * 8] &+= 1 }, rules: r)     // suspects
        }
        #expect(throws: CheckpointError.corrupt) {
            try StreamEngine(checkpoint: resealed { $0[counts + 7] = 0x40 }, rules: r)        // records ≈ 2^62
        }
        #expect(throws: CheckpointError.notACheckpoint) { try StreamEngine(checkpoint: Array("hello world, not a checkpoint".utf8), rules: r) }
        // A timeline out of time order (the window arithmetic subtracts earlier times).
        var shuffled = e
        let key = try #require(shuffled.timelines.keys.first { shuffled.timelines[$0]!.count >= 2 })
        shuffled.timelines[key]!.reverse()
        #expect(throws: CheckpointError.corrupt) { try StreamEngine(checkpoint: shuffled.checkpoint(), rules: r) }
        var other = StreamOptions()
        other.cooldown = 60
        #expect(throws: CheckpointError.optionsDiffer) { try StreamEngine(checkpoint: bytes, rules: r, options: other) }
        var keepNone = StreamOptions()
        keepNone.keepSuspects = 0
        #expect(throws: CheckpointError.optionsDiffer) { try StreamEngine(checkpoint: bytes, rules: r, options: keepNone) }
    }
}
