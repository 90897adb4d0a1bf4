import Foundation
import Testing
@testable import FraudModel

/// A subscriber export as a live feed (`StreamEngine+Duplicates`): a call between two
/// subscribers comes as two rows, minutes apart at most, and counts once; the stream then
/// matches the per-call stream of the same calls, across a checkpoint and a warm-up too.
@Suite("StreamEngine duplicates")
struct StreamEngineDuplicatesTests: StreamFixture {
    var rowHeader: String { "phone_no_m,opposite_no_m,calltype_id,start_datetime,call_dur,county_name\n" }
    let a = "13900000001", b = "13900000002", c = "13900000003"

    /// A subscriber row: `subscriber`'s side of a call with `other`, `type` 1 (it called) or
    /// 2 (it was called), at 08:00 plus `seconds` on 2026-03-02.
    func row(_ subscriber: String, _ other: String, _ type: Int, _ seconds: Int, _ duration: Int) -> String {
        "\(subscriber),\(other),\(type),\(Timestamp.format(Int64(1_772_438_400 + seconds))),\(duration),330102\n"
    }

    func subscriberEngine(_ r: RuleSet, _ options: StreamOptions = StreamOptions()) -> StreamEngine {
        var input = InputOptions()
        input.layout = .subscriber
        return StreamEngine(rules: r, options: options, input: input)
    }

    /// Calls of numbers that are no subscribers' twins, one every `step` seconds from `from`,
    /// and one at `to`: they move the stream's clock.
    func filler(from: Int, to: Int, step: Int = 60) -> String {
        (Array(stride(from: from, to: to, by: step)) + [to]).enumerated().map { k, s in
            row("1370000\(String(format: "%04d", k))", "1360000\(String(format: "%04d", k))", 1, s, 30)
        }.joined()
    }

    func profile(_ e: StreamEngine, _ n: String) throws -> NumberProfile {
        e.state[Int(try #require(lookup(e, n)))].profile
    }

    /// The shipped subscriber sample's rows in time order (as a live feed brings them; the
    /// file is grouped by subscriber, as exports are), header first.
    func liveSampleLines() throws -> [String] {
        let text = try String(contentsOfFile: packageRoot() + "/datasets/subscriber_sample/calls.csv", encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        func time(_ line: String) -> String { replacing("T", with: " ", in: String(line.split(separator: ",")[3])) }
        // A stable sort: rows of one second keep their order in the file.
        let body = lines.dropFirst().enumerated().sorted { (time($0.1), $0.0) < (time($1.1), $1.0) }.map(\.1)
        return [lines[0]] + body
    }

    // MARK: - The sample

    /// The subscriber sample was made from a per-call week (`datasets/README.md`); fed in time
    /// order, the stream counts each call between two subscribers once (as `score` does:
    /// 3521) and raises exactly the warnings of the stream over that per-call week.
    @Test func theSampleFedLiveWarnsAsThePerCallWeekItWasMadeFrom() throws {
        let r = try shippedRules()
        var sub = subscriberEngine(r)
        let subWarnings = try feed(&sub, try liveSampleLines().joined(separator: "\n") + "\n") + sub.finish() + sub.judgeAll()
        var call = StreamEngine(rules: r)
        let calls = syntheticLines(SynthConfig(subscribers: 100, days: 4, seed: 2))
        let callWarnings = try feed(&call, calls.joined(separator: "\n") + "\n") + call.finish() + call.judgeAll()
        #expect(sub.statistics.mergedDuplicates == 3521)
        #expect(sub.statistics.skippedCallTypes == ["3": 11])
        #expect(sub.statistics.records == 8523 && sub.statistics.records - 3521 == call.statistics.records)
        #expect(subWarnings.count >= 3)
        #expect(subWarnings == callWarnings)
    }

    // MARK: - Twins

    /// The other side of a call comes 292 s of event time after the first (within
    /// `--max-delay` 5m): counted once. 330 s after: a call of its own (and late).
    @Test func aTwinWithinMaxDelayCountsOnceAndOneBeyondItTwice() throws {
        let r = try rules()
        var within = subscriberEngine(r)
        _ = try feed(&within, rowHeader + row(a, b, 1, 0, 60) + filler(from: 60, to: 293) + row(b, a, 2, 1, 61))
        #expect(within.statistics.mergedDuplicates == 1 && within.statistics.late == 0)
        #expect(try profile(within, a).outCalls == 1 && profile(within, b).inCalls == 1)
        var beyond = subscriberEngine(r)
        _ = try feed(&beyond, rowHeader + row(a, b, 1, 0, 60) + filler(from: 60, to: 330) + row(b, a, 2, 1, 61))
        #expect(beyond.statistics.mergedDuplicates == 0 && beyond.statistics.late == 1)
        #expect(try profile(beyond, a).outCalls == 2 && profile(beyond, b).inCalls == 2)
        // A longer --max-delay waits longer.
        var o = StreamOptions()
        o.maxDelay = 600
        var longer = subscriberEngine(r, o)
        _ = try feed(&longer, rowHeader + row(a, b, 1, 0, 60) + filler(from: 60, to: 330) + row(b, a, 2, 1, 61))
        #expect(longer.statistics.mergedDuplicates == 1)
    }

    /// 1 calls 2 while 2 calls 1 in the same second: four rows, two calls, one each way. A
    /// quick redial (two rows of the same subscriber) is two calls.
    @Test func crossingCallsAndRedialsStayTwo() throws {
        var e = subscriberEngine(try rules())
        _ = try feed(&e, rowHeader + row(a, b, 1, 0, 35) + row(b, a, 1, 0, 34) + row(b, a, 2, 2, 36) + row(a, b, 2, 2, 35)
                         + row(a, c, 1, 60, 0) + row(a, c, 1, 61, 0))
        #expect(e.statistics.mergedDuplicates == 2 && e.statistics.records == 6)
        #expect(try profile(e, a).outCalls == 3 && profile(e, a).inCalls == 1)
        #expect(try profile(e, b).outCalls == 1 && profile(e, b).inCalls == 1)
        #expect(try profile(e, c).inCalls == 2)
    }

    /// A call held back as dated far ahead (a mistyped day) does not move the filter's clock:
    /// the twin of a row before it still counts once, and the held call is skipped.
    @Test func aCallHeldAheadDoesNotAgeTheRowsWaitingForTheirTwin() throws {
        var e = subscriberEngine(try rules())
        let ahead = "13700009999,13600009999,1,2026-03-05 08:00:00,30,330102\n"
        let warnings = try feed(&e, rowHeader + row(a, b, 1, 0, 60) + filler(from: 60, to: 120) + ahead
                                    + row(b, a, 2, 1, 61) + filler(from: 130, to: 200)) + e.finish()
        #expect(warnings.isEmpty && e.callsHeld == 0 && e.statistics.skipped == 1)
        #expect(e.statistics.mergedDuplicates == 1 && e.statistics.late == 0)
        #expect(try profile(e, a).outCalls == 1)
    }

    /// Per-call rows never go through the filter.
    @Test func rowsOfCallsHaveNoTwins() throws {
        var e = StreamEngine(rules: try rules())
        _ = try feed(&e, header + "2026-03-02 08:00:00,\(a),\(b),60\n2026-03-02 08:00:01,\(b),\(a),60\n")
        #expect(!e.readsSubscriberRows && e.rowsHeldForTwins == 0)
        #expect(e.statistics.mergedDuplicates == 0 && e.statistics.records == 2)
    }

    // MARK: - Checkpoint and warm-up

    /// Cut between the two rows of calls (the filter holds rows at every cut), and once inside
    /// a tentative pair: the resumed stream counts those calls once and ends with the warnings,
    /// counters and checkpoint bytes of the uninterrupted one.
    @Test func aStreamCutBetweenTwinsResumesExactly() throws {
        let r = try shippedRules()
        let lines = try liveSampleLines()
        var whole = subscriberEngine(r)
        let all = try feed(&whole, lines.joined(separator: "\n") + "\n") + whole.finish()
        // Each cut right after a row whose call's other side is the next row (same pair, the
        // numbers swapped, within 2 s).
        func fields(_ k: Int) -> [Substring] { lines[k].split(separator: ",", omittingEmptySubsequences: false) }
        func isTwin(_ k: Int) -> Bool {
            let x = fields(k - 1), y = fields(k)
            let seconds = { (f: [Substring]) in Array(f[3].utf8).withUnsafeBufferPointer { Timestamp.parse($0)?.epoch ?? 0 } }
            return x[0].suffix(11) == y[1].suffix(11) && x[1].suffix(11) == y[0].suffix(11) && x[2] != y[2]
                && abs(seconds(x) - seconds(y)) <= 2
        }
        let cuts = [lines.count / 5, lines.count / 2, lines.count * 4 / 5].map { k in (k...).first(where: isTwin) ?? k }
        #expect(cuts.allSatisfy(isTwin))
        for cut in cuts {
            var first = subscriberEngine(r)
            var parts = try feed(&first, lines[..<cut].joined(separator: "\n") + "\n")
            #expect(first.rowsHeldForTwins > 0)
            var second = try StreamEngine(checkpoint: first.checkpoint(), rules: r, input: first.reader.options)
            #expect(second.rowsHeldForTwins > 0)
            parts += try feed(&second, lines[0] + "\n" + lines[cut...].joined(separator: "\n") + "\n") + second.finish()
            #expect(parts == all, "cut at \(cut)")
            #expect(second.statistics == whole.statistics, "cut at \(cut)")
            let sameState = second.checkpoint() == whole.checkpoint()
            #expect(sameState, "cut at \(cut)")
        }
        // Inside a tentative pair: 2's row of its call to 1 was dropped for 1's row of 1→2.
        let rows = [row(a, b, 1, 0, 35), row(b, a, 1, 0, 34), row(b, a, 2, 2, 36), row(a, b, 2, 2, 35)]
        var straight = subscriberEngine(try rules())
        _ = try feed(&straight, rowHeader + rows.joined())
        var cutOne = subscriberEngine(try rules())
        _ = try feed(&cutOne, rowHeader + rows[..<2].joined())
        #expect(cutOne.statistics.mergedDuplicates == 1)
        var resumed = try StreamEngine(checkpoint: cutOne.checkpoint(), rules: try rules(), input: cutOne.reader.options)
        _ = try feed(&resumed, rowHeader + rows[2...].joined())
        #expect(resumed.statistics == straight.statistics)
        let sameState = resumed.checkpoint() == straight.checkpoint()
        #expect(sameState)
    }

    /// `--warm-up` and the live feed share the filter: a live row whose twin was among the
    /// past file's last rows counts once; the counters then speak of the live feed.
    @Test func aWarmUpAndTheLiveFeedShareTheFilter() throws {
        var e = subscriberEngine(try rules())
        e.beginWarmUp(source: "past.csv")
        let past = rowHeader + filler(from: 0, to: 120) + row(c, a, 1, 130, 20) + row(a, b, 1, 140, 60)
            + row(a, c, 2, 131, 20) + "13900000009,13900000001,3,2026-03-02 08:02:30,0,330102\n"
        try Array(past.utf8).withUnsafeBytes { try e.warmUp($0) }
        let read = try e.endWarmUp()
        #expect(read.mergedDuplicates == 1 && read.skippedCallTypes == ["3": 1])
        #expect(e.statistics.mergedDuplicates == 0 && e.statistics.skippedCallTypes.isEmpty)
        _ = try feed(&e, rowHeader + row(b, a, 2, 141, 60))
        #expect(e.statistics.mergedDuplicates == 1 && e.statistics.records == 1)
        #expect(try profile(e, b).inCalls == 1)
    }

    /// Rows a warm-up file leaves held (dated days after the rest) are merged in the live
    /// feed, whose record count starts at 0: its merged count can pass its records, and a
    /// checkpoint saved then must still restore (it was refused as damaged).
    @Test func rowsHandedOnByAWarmUpKeepTheCheckpointRestorable() throws {
        let r = try rules()
        var e = subscriberEngine(r)
        e.beginWarmUp(source: "past.csv")
        let later = 3 * 86_400
        var past = rowHeader + filler(from: 0, to: 1200)
        for k in 0..<7 {
            let x = "1390000010\(k)", y = "1390000020\(k)"
            past += row(x, y, 1, later + 10 * k, 30) + row(y, x, 2, later + 10 * k + 1, 30)
        }
        try Array(past.utf8).withUnsafeBytes { try e.warmUp($0) }
        try e.endWarmUp()
        #expect(e.callsHeld == 14)
        _ = try feed(&e, rowHeader + row(a, b, 1, later + 100, 60) + row(b, a, 2, later + 101, 60))
        #expect(e.statistics.records == 2 && e.statistics.mergedDuplicates == 8 && e.callsHeld == 0)
        let saved = e.checkpoint()
        var input = InputOptions()
        input.layout = .subscriber
        let back = try StreamEngine(checkpoint: saved, rules: r, input: input)
        #expect(back.checkpoint() == saved)
    }
}
