import Foundation
import Testing
@testable import FraudModel

/// The stream's input (`StreamEngine+Input`): a call is judged on the lines up to its own,
/// however the input was cut into reads, and a strict stop keeps the calls before it.
@Suite("StreamEngine input")
struct StreamEngineInputTests: StreamFixture {
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
}
