import Foundation
import Testing
@testable import FraudModel

/// What the stream tests share: a small rule set whose numbers can be worked out by hand, one
/// scam played into it, and the helpers that feed an engine. A suite that conforms names them
/// as its own.
protocol StreamFixture {}

extension StreamFixture {
    /// A small rule set whose numbers can be worked out by hand: a number that called 5+ distinct
    /// numbers with under half answered is a suspect; a victim scores σ(-4 + 3·long + 3·bank).
    var streamRules: String { """
        class bank_hotline = length == 5 and prefix("955")
        list watchlist =
        caller suspect = watchlist
        caller bias -5
        caller rule spray weight 6 = out_distinct >= 5 and out_answer_rate < 0.5
        victim bias -4
        victim rule long weight 3 = suspect_longest >= 10m
        victim rule bank weight 3 = bank_after_contact >= 1
        tier 1 = score >= 0.85
        tier 2 = score >= 0.5
        tier 3 = score >= 0.1
        """
    }

    func rules() throws -> RuleSet { try rules(streamRules) }

    func rules(_ text: String) throws -> RuleSet {
        try RuleSet.parse(text, file: "t.rules", schema: .engine,
                          environment: RuleEnvironment(readFile: { _ in [] }, canonicalNumber: { PhoneNumber.canonical($0) }))
    }

    /// An engine for calls hours or days apart, as tests write them: none is held back as
    /// dated too far ahead (`--max-ahead 0`; a live feed has calls every second).
    func sparseEngine(_ rules: RuleSet, _ options: StreamOptions = StreamOptions()) -> StreamEngine {
        var o = options
        o.maxAhead = 0
        return StreamEngine(rules: rules, options: o)
    }

    func feed(_ engine: inout StreamEngine, _ text: String) throws -> [StreamWarning] {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { try engine.consume($0) }
    }

    /// The lines (header first) of a synthetic week's call file.
    func syntheticLines(_ config: SynthConfig) -> [String] {
        var csv: [UInt8] = []
        SyntheticWeek.generate(config).writeCalls { csv += $0 }
        return String(decoding: csv, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The shipped rules/default.rules.
    func shippedRules() throws -> RuleSet {
        try rules(try String(contentsOfFile: packageRoot() + "/rules/default.rules", encoding: .utf8))
    }

    var header: String { "start_time,caller,callee,duration\n" }

    /// A call from `caller` to `callee` at noon plus `minute` minutes on `day` (day 0:
    /// 2026-03-02), `duration` seconds: a CSV line for calls days apart.
    func call(_ day: Int, _ caller: String, _ callee: String, _ duration: Int = 60, minute: Int = 0) -> String {
        "\(Timestamp.format(Int64(1_772_452_800 + day * 86_400 + minute * 60))),\(caller),\(callee),\(duration)\n"
    }
    var spray: String { "+85511111111" }
    var victim: String { "13900000001" }

    /// The spray holds the victim 15 minutes at 08:00 and only then sprays 7 others (unanswered),
    /// so it becomes a suspect on its 8th call, at 08:07; the victim calls the bank at 09:00.
    var scam: String { scamWithoutBank(then: "2026-03-02 09:00:00,\(victim),95588,300\n") }

    /// The rules of the "surer suspect" tests: a spray with 10+ callees is σ(-5+6+3), and a
    /// victim of a suspect at 0.9 or more gets +3.
    var surerRules: String {
        streamRules + """

            caller rule many weight 3 = out_distinct >= 10
            victim rule sure weight 3 = max_suspicion >= 0.9
            """
    }

    /// `scam` without the victim's bank call, then `more` calls.
    func scamWithoutBank(then more: String) -> String {
        header + "2026-03-02 08:00:00,\(spray),\(victim),900\n"
            + (1...7).map { "2026-03-02 08:0\($0):00,\(spray),1380000000\($0),0\n" }.joined() + more
    }

    /// A checkpoint kept in `Tests/Corpus/checkpoint/` (without its CRC-32, as the fuzz
    /// corpus keeps them), sealed with its checksum again.
    func checkpointFixture(_ name: String) throws -> [UInt8] {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: packageRoot() + "/Tests/Corpus/checkpoint/" + name)))
        withUnsafeBytes(of: CRC32.checksum(bytes).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The id the stream gave `number`.
    func lookup(_ e: StreamEngine, _ number: String) -> NumberID? { e.reader.internedNumbers.lookup(number) }

    /// `text` with every `a` replaced by `b` (split and join: Foundation's
    /// `replacingOccurrences` is not used in these tests).
    func replacing(_ a: String, with b: String, in text: String) -> String {
        text.split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}
