import Testing
@testable import FraudModel

/// The analysis on several threads must give the one-thread result bit for bit: every stage
/// splits the numbers into id ranges and nothing is summed across numbers.
@Suite("Parallel analysis")
struct ParallelAnalysisTests {
    static let rulesPath = String(#filePath.dropLast("Tests/FraudModelTests/ParallelAnalysisTests.swift".count)) + "rules/default.rules"

    /// A synthetic week (3,000 subscribers, with its scam scripts), read on one thread.
    static let log: CallLog = {
        let week = SyntheticWeek.generate(SynthConfig(subscribers: 3_000, days: 7, seed: 11))
        var bytes: [UInt8] = []
        week.writeCalls { bytes += $0 }
        var builder = CallLogBuilder(options: InputOptions())
        builder.beginSource("week.csv")
        try! bytes.withUnsafeBytes { try builder.consume($0) }
        try! builder.endSource()
        return try! builder.finish()
    }()

    static func rules() throws -> RuleSet {
        try RuleSet.parse(RuleLoadingForTests.read(rulesPath), file: rulesPath, schema: .engine,
                          environment: RuleEnvironment(readFile: { _ in [] }, canonicalNumber: { PhoneNumber.canonical($0) }))
    }

    /// Everything the stages computed, in a comparable form (floats by their bits).
    static func summary(_ a: Analysis) -> [String] {
        let g = a.profiles.graph
        var s = [g.outStart, g.outTargets, g.inStart, g.inSources].map { $0.map(String.init).joined(separator: " ") }
        s += (0..<a.profiles.count).map { a.profiles[$0] }.map {
            "\($0.outCalls) \($0.outAnswered) \($0.outShort) \($0.outLong) \($0.outWork) \($0.inCalls) \($0.inAnswered) "
                + "\($0.inLong) \($0.night) \($0.outTalk) \($0.inTalk) \($0.days.light) \($0.days.made) \($0.firstSeen) \($0.outDistinct) "
                + "\($0.inDistinct) \($0.reciprocated) \($0.heldDistinct) \($0.imeis)"
        }
        s.append(a.suspicion.probability.map { String($0.bitPattern) }.joined(separator: " "))
        s.append(a.suspicion.ringContacts.map(String.init).joined(separator: " "))
        s.append(a.timelines.start.map(String.init).joined(separator: " "))
        s += a.timelines.events.map { "\($0.time) \($0.peer) \($0.duration) \($0.outgoing) \($0.kind)" }
        s += a.warnings.map { "\($0.tier.rawValue) \($0.subscriber) \($0.score.bitPattern) \($0.reasons.map(\.rule)) \($0.suspects)" }
        return s
    }

    @Test func warningsAreTheSameOnOneTwoAndThreeThreads() throws {
        let rules = try Self.rules()
        let one = Analysis(log: Self.log, rules: rules, threads: 1)
        #expect(one.warnings.contains { $0.tier != .none })    // the week has victims to find
        #expect(one.suspectCount > 0)
        for threads in [2, 3] {
            let many = Analysis(log: Self.log, rules: rules, threads: threads)
            #expect(many.warnings == one.warnings)
            #expect(Self.summary(many) == Self.summary(one))
        }
    }

    /// A parallel read leaves the records in one run per part; every stage must walk them
    /// as if they were one array, whatever the runs and the thread ranges.
    @Test func recordsSplitIntoRunsGiveTheSameAnalysis() throws {
        let rules = try Self.rules()
        let one = Analysis(log: Self.log, rules: rules, threads: 1)
        let all = Array(Self.log.records)
        let n = all.count
        var split = Self.log
        split.records = CallRecords(runs: [Array(all[..<7]), Array(all[7..<(n / 3)]), [], Array(all[(n / 3)...])])
        #expect(split.records == Self.log.records)
        for threads in [1, 2, 3] {
            #expect(Self.summary(Analysis(log: split, rules: rules, threads: threads)) == Self.summary(one), "\(threads) threads")
        }
    }

    @Test func moreThreadsThanNumbers() throws {
        let log = try readLog("start_time,caller,callee,duration\n2026-03-02 09:00:00,13900000001,13900000002,700\n")
        let rules = try Self.rules()
        #expect(Self.summary(Analysis(log: log, rules: rules, threads: 8)) == Self.summary(Analysis(log: log, rules: rules, threads: 1)))
        let empty = try readLog("start_time,caller,callee,duration\n")
        #expect(Analysis(log: empty, rules: rules, threads: 4).warnings.isEmpty)
    }

    @Test func evenRangesCoverInOrder() {
        for (count, parts) in [(0, 2), (1, 3), (10, 3), (242_644, 2), (5, 1)] {
            let r = evenRanges(count, parts: parts)
            #expect(r.count == min(count, parts))
            #expect(r.first?.lowerBound ?? 0 == 0 && r.last?.upperBound ?? 0 == count)
            #expect(zip(r, r.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect(r.allSatisfy { $0.count >= count / max(1, parts) })
        }
    }

    @Test func balancedRangesCoverInOrderWithEqualWeight() {
        // Weights 1, 1, 1, 1, 100, 1, 1, 1, 1, 100: cut in two at the middle of the weight.
        let weights: [UInt32] = [1, 1, 1, 1, 100, 1, 1, 1, 1, 100]
        var offsets: [UInt32] = [0]
        for w in weights { offsets.append(offsets[offsets.count - 1] + w) }
        for parts in [1, 2, 3, 7, 20] {
            let r = offsets.withUnsafeBufferPointer { balancedRanges($0, parts: parts) }
            #expect(r.count == min(parts, weights.count))
            #expect(r.first?.lowerBound == 0 && r.last?.upperBound == weights.count)
            #expect(zip(r, r.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        }
        let two = offsets.withUnsafeBufferPointer { balancedRanges($0, parts: 2) }
        #expect(two == [0..<5, 5..<10])                 // 104 and 104; cut by count, 5 and 203
        #expect([UInt32(0)].withUnsafeBufferPointer { balancedRanges($0, parts: 2) }.isEmpty)
    }
}
