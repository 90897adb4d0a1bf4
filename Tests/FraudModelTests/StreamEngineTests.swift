import Foundation
import Testing
@testable import FraudModel

@Suite("StreamEngine")
struct StreamEngineTests: StreamFixture {
    /// `gather` touches bytes 0 and 64 of each number's state: that reaches every cache line
    /// only while the state is 128 bytes from a 64-byte boundary.
    @Test func gatherTouchesEveryCacheLineOfANumber() throws {
        #expect(MemoryLayout<StreamNumber>.stride == 128)
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, scam)
        #expect(e.state.count > 1)
        e.state.withUnsafeBytes { #expect(Int(bitPattern: $0.baseAddress) % 64 == 0) }
    }

    @Test func coolDownSuppressesRepeatsAtTheSameTierThenRaisesAgain() throws {
        var e = sparseEngine(try rules())
        _ = try feed(&e, scam)
        // Another bank call an hour later: still tier 1, inside the 24 h cool-down → silent.
        #expect(try feed(&e, "2026-03-02 10:00:00,\(victim),95588,100\n").isEmpty)
        // Next day, 26 h after the last warning, the spray calls again: raised again.
        let again = try feed(&e, "2026-03-03 11:00:00,\(spray),\(victim),60\n")
        #expect(again.map(\.warning.tier) == [.visit])
        var short = StreamOptions()
        short.cooldown = 600
        var f = sparseEngine(try rules(), short)
        _ = try feed(&f, scam)
        #expect(try feed(&f, "2026-03-02 10:00:00,\(victim),95588,100\n").map(\.warning.tier) == [.visit])
    }

    @Test func lateRecordsAreCountedReportedAndStillUsed() throws {
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, header + "2026-03-02 08:00:00,1,2,10\n2026-03-02 07:56:00,3,4,10\n")
        #expect(e.statistics.late == 0)                          // 4 minutes late: within max-delay
        _ = try feed(&e, "2026-03-02 07:50:00,5,6,10\n")         // 10 minutes late
        #expect(e.statistics.late == 1)
        #expect(e.takeLateNotes().count == 1)
        #expect(e.takeLateNotes().isEmpty)
        #expect(e.statistics.records == 3)
    }

    @Test func outOfOrderCallsStillBuildATimeOrderedTimeline() throws {
        // The bank call arrives before the suspect call it follows (within max-delay).
        var e = StreamEngine(rules: try rules())
        var text = header
        text += (1...7).map { "2026-03-02 07:5\($0):00,\(spray),1380000000\($0),0\n" }.joined()
        text += "2026-03-02 08:05:00,\(victim),95588,300\n"
        text += "2026-03-02 08:00:00,\(spray),\(victim),900\n"
        let w = try feed(&e, text)
        #expect(w.last?.warning.tier == .visit)
        #expect(w.last?.warning.bankCalls == 1)
    }

    @Test func malformedLinesAreCountedAndTheStreamGoesOn() throws {
        var e = StreamEngine(rules: try rules())
        let bad = replacing("2026-03-02 08:03:00,", with: "yesterday,1,2,3\n2026-03-02 08:03:00,", in: scam)
        let w = try feed(&e, bad)
        #expect(e.statistics.rejected == 1)
        #expect(e.issues.first?.description.hasPrefix("-:5: bad start time 'yesterday'") == true)
        #expect(w.map(\.warning.tier) == [.sms, .visit])
    }

    @Test func aWarmUpBuildsTheStateOfTheCallsItReadAndRaisesNothing() throws {
        func warmed() throws -> StreamEngine {
            var e = StreamEngine(rules: try rules())
            e.beginWarmUp(source: "past.csv")
            let bad = replacing("2026-03-02 08:03:00,", with: "yesterday,1,2,3\n2026-03-02 08:03:00,", in: scam)
            try Array(bad.utf8).withUnsafeBytes { try e.warmUp($0) }
            let read = try e.endWarmUp()
            #expect(read.records == 9 && read.rejected == 1 && read.warnings == 0)
            return e
        }
        var e = try warmed()
        // The counters start again for the live feed; the suspect stays.
        #expect(e.statistics.warnings == 0 && e.statistics.suspects == 1 && e.statistics.records == 0 && e.statistics.rejected == 0)
        #expect(e.issues.first?.description.hasPrefix("past.csv:5: bad start time 'yesterday'") == true)
        // The spray is known as a suspect: a new victim it holds is warned on the first call,
        // where a stream that starts cold knows nothing of it.
        let live = header + "2026-03-02 12:00:00,\(spray),13900000002,900\n"
        #expect(try feed(&e, live).map(\.warning.subscriber) == ["13900000002"])
        var cold = StreamEngine(rules: try rules())
        #expect(try feed(&cold, live).isEmpty)
    }

    @Test func aWarmUpWarnsWhomItLeavesAtRiskOnceAsItEnds() throws {
        // The past calls' warnings (a text, then a visit) were never shown; what is shown is
        // one warning for the victim as the warm-up ends, at the tier the calls left them in,
        // dated at the last call read.
        var e = StreamEngine(rules: try rules())
        e.beginWarmUp(source: "past.csv")
        try Array(scam.utf8).withUnsafeBytes { try e.warmUp($0) }
        try e.endWarmUp()
        let atRisk = e.warnAtRisk()
        #expect(atRisk.map(\.warning.subscriber) == [victim])
        #expect(atRisk.map(\.warning.tier) == [.visit])
        let lastCall = try #require(scam.split(separator: "\n").last.map { String($0.prefix(19)) })
        #expect(atRisk.first.map { Timestamp.format(Int64($0.raisedAt)) } == lastCall)
        #expect(e.statistics.warnings == 1)
        // Then the cool-down holds, as for a stream that had raised it live; without
        // `warnAtRisk` the victim would have waited for this call to be warned at all.
        let bank = header + "2026-03-02 10:00:00,\(victim),95588,100\n"
        #expect(try feed(&e, bank).isEmpty)
        var quiet = StreamEngine(rules: try rules())
        quiet.beginWarmUp(source: "past.csv")
        try Array(scam.utf8).withUnsafeBytes { try quiet.warmUp($0) }
        try quiet.endWarmUp()
        #expect(try feed(&quiet, bank).map(\.warning.tier) == [.visit])
    }

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

    /// Call sequence numbers are 32-bit: past 2^31 the next compaction numbers `recent` from 0
    /// again, so they never wrap. A stream begun just under that gives the warnings of one
    /// begun at 0, its chains list as walked, and its state restores.
    @Test func sequenceNumbersAreRenumberedBeforeTheyWrap() throws {
        let lines = syntheticLines(SynthConfig(subscribers: 800, days: 6, seed: 5))
        let r = try shippedRules()
        var options = StreamOptions()
        options.retention = 2 * 86_400
        var plain = StreamEngine(rules: r, options: options)
        let expected = try feed(&plain, lines.joined(separator: "\n") + "\n")
        var high = StreamEngine(rules: r, options: options)
        high.recentBase = StreamEngine.renumberAt - 1_000
        let got = try feed(&high, lines.joined(separator: "\n") + "\n")
        #expect(got == expected)
        #expect(high.recentBase < StreamEngine.renumberAt && high.recentBase < plain.recentBase)
        let restored = try StreamEngine(checkpoint: high.checkpoint(), rules: r, options: options)
        #expect((0..<high.state.count).allSatisfy { restored.recentCalls(of: $0) == high.recentCalls(of: $0) })
        #expect(restored.checkpoint() == high.checkpoint())
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

    /// A call is judged on what the lines up to its own said of its parties, however the
    /// input was cut into reads. Counted as the lines were read, a SIM box's first call saw
    /// the handsets of its later calls in the same read and made it a suspect at once, and a
    /// warning showed a region only a later line gave: a stream's warnings and state then
    /// depended on how its pipe happened to deliver the input.
    @Test func aCallIsJudgedOnTheLinesUpToItsOwn() throws {
        let r = try rules(streamRules + "\ncaller rule devices weight 6 = imeis >= 3\n")
        let box = "13800000009"
        var text = "start_time,caller,callee,duration,caller_region,callee_region,caller_imei\n"
        text += "2026-03-02 08:00:00,\(box),\(victim),900,,,111111111111111\n"       // holds the victim 15 m
        text += "2026-03-02 08:10:00,\(box),13900000002,60,,,222222222222222\n"
        text += "2026-03-02 08:20:00,\(box),13900000003,60,,,333333333333333\n"    // its third handset
        text += "2026-03-02 09:00:00,\(victim),95588,300,330102,,\n"                // the victim's region, at last
        var whole = sparseEngine(r)
        let once = try feed(&whole, text)
        var split = sparseEngine(r)
        var lineByLine: [StreamWarning] = []
        for line in text.split(separator: "\n") { lineByLine += try feed(&split, line + "\n") }
        #expect(once == lineByLine)
        let sameState = whole.checkpoint() == split.checkpoint()
        #expect(sameState)
        // The box became a suspect on its third call; the victim's warning for the call it
        // held them (replayed then) says so, and has no region yet.
        let first = try #require(once.first)
        #expect(first.warning.subscriber == victim)
        #expect(first.raisedAt == 1_772_409_600 + 8 * 3600 + 20 * 60)          // 2026-03-02 08:20:00
        #expect(first.warning.region == "")
        #expect(once.last?.warning.region == "330102")
    }

    /// A strict read stopped by a malformed line has still taken the calls before it, as reads
    /// of their own would have: their warnings are handed on, and a checkpoint saved then is the
    /// state of a stream that read only them. Left in the reader, a checkpoint held their
    /// handsets but not the calls, and a resumed stream never counted those handsets again.
    @Test func aStrictStopTakesTheCallsBeforeTheBadLine() throws {
        let r = try rules()
        var input = InputOptions()
        input.strict = true
        var options = StreamOptions()
        options.maxAhead = 0
        var clean = StreamEngine(rules: r, options: options, input: input)
        let expected = try feed(&clean, scam)
        #expect(!expected.isEmpty)
        var stopped = StreamEngine(rules: r, options: options, input: input)
        #expect(throws: InputError.self) { _ = try feed(&stopped, scam + "garbage,,,\n") }
        #expect(stopped.takeWarningsBeforeError() == expected)
        #expect(stopped.takeWarningsBeforeError().isEmpty, "handed on once")
        #expect(stopped.statistics.records == clean.statistics.records)
        let sameState = stopped.checkpoint() == clean.checkpoint()
        #expect(sameState)
    }

    /// The input's UTC offset counts from the line that gives it: the calls before it (times
    /// without one) are placed in days and hours as the stream knew them then.
    @Test func anOffsetCountsFromTheLineThatGivesIt() throws {
        let r = try rules()
        var text = "start_time,caller,callee,duration\n"
        text += "2026-03-02 20:30:00,13800000001,13900000001,600\n"        // 04:30 the next day at +08:00
        text += "2026-03-02T21:00:00+08:00,13800000002,13900000002,600\n"
        var whole = sparseEngine(r)
        _ = try feed(&whole, text)
        var split = sparseEngine(r)
        for line in text.split(separator: "\n") { _ = try feed(&split, line + "\n") }
        let sameState = whole.checkpoint() == split.checkpoint()
        #expect(sameState)
        #expect(whole.displayOffset == 8 * 3600)
        #expect(whole.state.allSatisfy { $0.profile.night == 0 }, "20:30 was taken before the offset was known")
    }

    /// Whether a sweep compacts the shared tables depends on the numbers seen up to its call,
    /// not on those later lines of the same read bring.
    @Test func compactionCountsTheNumbersSeenSoFar() throws {
        let r = try rules()
        var o = StreamOptions()
        o.retention = 2 * 86_400
        func n(_ i: Int) -> String { "1390\(String(format: "%07d", i))" }
        var first = header
        for i in 0..<500 { first += call(0, n(1000 + 2 * i), n(1001 + 2 * i), 30) }
        for i in 0..<4500 { first += call(1, n(2000 + 2 * i), n(2001 + 2 * i), 30, minute: 600) }
        // Day 2 expires day 0's 1,000 numbers, a tenth of the 10,000 seen; 20 more come after.
        var then = [call(2, n(2000), n(2001), 30, minute: 180)]
        for i in 0..<10 { then.append(call(2, n(20000 + 2 * i), n(20001 + 2 * i), 30, minute: 181)) }
        var whole = sparseEngine(r, o), split = sparseEngine(r, o)
        _ = try feed(&whole, first)
        _ = try feed(&split, first)
        _ = try feed(&whole, then.joined())
        for line in then { _ = try feed(&split, line) }
        #expect(whole.expiredSinceCompaction == 0, "compacted at the tenth")
        let sameState = whole.checkpoint() == split.checkpoint()
        #expect(sameState)
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

    @Test func reloadedRulesApplyToNumbersAlreadySeen() throws {
        var e = StreamEngine(rules: try rules())
        // A long call from a quiet number: nobody suspects it.
        #expect(try feed(&e, header + "2026-03-02 08:00:00,13700000009,\(victim),900\n").isEmpty)
        var watched = try rules()
        watched.add(["13700000009"], toList: "watchlist")
        e.replaceRules(watched)
        // Its next call re-evaluates it: the watchlist forces suspicion, the earlier call is
        // replayed, and the victim is warned.
        let w = try feed(&e, "2026-03-02 09:00:00,13700000009,\(victim),60\n")
        #expect(w.map(\.warning.subscriber) == [victim])
    }

    @Test func reloadedRulesApplyAtTheNextCallOfANumberPastItsFirstCalls() throws {
        var e = StreamEngine(rules: try rules())
        // The quiet number holds the victim, then makes eight short answered calls (its 9th
        // call is not one of its regular evaluations).
        var text = header + "2026-03-02 08:00:00,13700000009,\(victim),900\n"
        text += (1...8).map { "2026-03-02 08:1\($0):00,13700000009,1360000000\($0),30\n" }.joined()
        #expect(try feed(&e, text).isEmpty)
        var watched = try rules()
        watched.add(["13700000009"], toList: "watchlist")
        e.replaceRules(watched)
        let w = try feed(&e, "2026-03-02 09:00:00,13700000009,13600000009,30\n")
        #expect(w.map(\.warning.subscriber) == [victim])
        #expect(e.staleCount == 0 || e.stale.filter { $0 }.count == e.staleCount)
    }

    /// A stream that runs for months keeps counting active days: a number first seen on day 70
    /// that calls on five days has five (before, every day past the 63rd shared one bit), and
    /// five days with calls made; the number it rings, none.
    @Test func activeDaysStillCountAfterTwoMonths() throws {
        var e = sparseEngine(try rules())
        _ = try feed(&e, header + "2026-01-01 12:00:00,13100000001,13100000002,30\n")
        let days = ["2026-03-12", "2026-03-13", "2026-03-14", "2026-03-15", "2026-03-16"]    // days 70–74
        let newcomer = "13100000009"
        _ = try feed(&e, days.map { "\($0) 12:00:00,\(newcomer),13100000003,30\n" }.joined())
        let id = try #require(lookup(e, newcomer))
        #expect(e.dayBase == 30)
        #expect(e.state[Int(id)].profile.days.active.nonzeroBitCount == 5)
        #expect(e.state[Int(id)].profile.days.made == e.state[Int(id)].profile.days.active)
        let rung = Int(try #require(lookup(e, "13100000003")))
        #expect(e.state[rung].profile.days.active.nonzeroBitCount == 5 && e.state[rung].profile.days.made == 0)
        // The base is part of the state: a restored engine counts the next day the same.
        var restored = try StreamEngine(checkpoint: e.checkpoint(), rules: try rules(), options: e.options)
        let next = "2026-03-17 12:00:00,\(newcomer),13100000003,30\n"
        _ = try feed(&restored, header + next)
        _ = try feed(&e, next)
        #expect(restored.dayBase == 30)
        #expect(restored.state[Int(id)].profile.days == e.state[Int(id)].profile.days)
        #expect(e.state[Int(id)].profile.days.active.nonzeroBitCount == 6)
        #expect(e.state[Int(id)].profile.days.made.nonzeroBitCount == 6)
    }

    /// The shift moves every mark: a number that called on day 59, twice on day 70 when the
    /// marks drop their oldest 30 days, and once on day 71 has those days in each (bits 29,
    /// 40 and 41), day 70 busy, and a checkpoint keeps them.
    @Test func theDayMarksShiftTogether() throws {
        var e = sparseEngine(try rules())
        let caller = "13100000001"
        let times = ["2026-01-01 12:00:00", "2026-03-01 12:00:00", "2026-03-12 12:00:00", "2026-03-12 13:00:00", "2026-03-13 12:00:00"]
        _ = try feed(&e, header + times.map { "\($0),\(caller),13100000002,30\n" }.joined())
        let id = Int(try #require(lookup(e, caller)))
        #expect(e.dayBase == 30)
        #expect(e.state[id].profile.days.active == 1 << 29 | 1 << 40 | 1 << 41)
        #expect(e.state[id].profile.days.made == e.state[id].profile.days.active)
        #expect(e.state[id].profile.days.busy == 1 << 40)
        let restored = try StreamEngine(checkpoint: e.checkpoint(), rules: try rules(), options: e.options)
        #expect(restored.state[id].profile.days == e.state[id].profile.days)
    }

    /// A call to one's own number is a pair both ways: one call-back, as batch counts it.
    @Test func aCallToItselfCallsItselfBackOnce() throws {
        var e = sparseEngine(try rules())
        _ = try feed(&e, header + "2026-03-02 12:00:00,13100000001,13100000001,30\n")
        #expect(e.state[Int(try #require(lookup(e, "13100000001")))].profile.reciprocated == 1)
        let log = try readLog(header + "2026-03-02 12:00:00,13100000001,13100000001,30\n")
        #expect(NumberProfiles(log: log, settings: EngineSettings(try rules().settings))[0].reciprocated == 1)
    }

    @Test func idleNumbersExpireAfterTheRetention() throws {
        var o = StreamOptions()
        o.retention = 2 * 86_400
        var e = sparseEngine(try rules(), o)
        _ = try feed(&e, scam)
        let held = e.numbersHeld
        #expect(held == 10)
        // Three days later only the two numbers of a new call remain.
        _ = try feed(&e, "2026-03-05 12:00:00,13100000001,13100000002,30\n")
        #expect(e.numbersHeld == 2)
        #expect(e.recent.count - e.recentHead <= 1)
        #expect(e.timelines.isEmpty)
    }
}

/// The package root, from this file's path.
func packageRoot(_ file: String = #filePath) -> String {
    var parts = file.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)                                   // Tests/FraudModelTests/<file>
    return parts.joined(separator: "/")
}

@Suite("AlignedArray")
struct AlignedArrayTests {
    /// A copy shares the storage until one side writes: the other keeps its values.
    @Test func copiesOnWrite() {
        var a = AlignedArray<Int>()
        for i in 0..<100 { a.append(i) }
        var b = a
        b[3] = -1
        b.append(100)
        #expect(Array(a) == Array(0..<100))
        #expect(b.count == 101 && b[3] == -1 && b[100] == 100)
        a.withUnsafeBytes { #expect(Int(bitPattern: $0.baseAddress) % 64 == 0) }
    }
}

@Suite("ListPool")
struct ListPoolTests {
    /// Lists in one pool keep their own values, newest first; `make` rebuilds them.
    @Test func listsShareAPool() {
        var pool = ListPool()
        var x = ListPool.end, y = ListPool.end
        pool.push(1, onto: &x); pool.push(10, onto: &y); pool.push(2, onto: &x)
        #expect(pool.values(from: x) == [1, 2])
        #expect(pool.values(from: y) == [10])
        #expect(pool.values(from: ListPool.end).isEmpty)
        let (made, heads) = ListPool.make([[1, 2], [], [10]])
        #expect(heads.map { made.values(from: $0) } == [[1, 2], [], [10]])
    }

    /// All lists at once read as each alone; entries of a list begun again (its head reset,
    /// as an expired number's) are no list's.
    @Test func allListsAtOnceAreEachListAlone() {
        var pool = ListPool()
        var rng = SplitMix64(seed: 9)
        var heads = [UInt32](repeating: ListPool.end, count: 40)
        for step in 0..<2_000 {
            let i = Int(rng.next() % 40)
            if step % 97 == 0 { heads[i] = ListPool.end }               // begun again
            pool.push(UInt32(truncatingIfNeeded: rng.next() % 1_000), onto: &heads[i])
        }
        let all = pool.allLists(heads: heads)
        #expect(all.count == heads.count)
        #expect(heads.indices.allSatisfy { Array(all[$0]) == pool.values(from: heads[$0]) })
        #expect(all.values.count < 2_000)                             // the reset lists' entries are gone
    }
}
