import Foundation
import Testing
@testable import FraudModel

/// Replays every file of `Tests/Corpus/` — hand-written nasty cases and whatever
/// `scripts/fuzz.sh` once found — through the reader and the rules parser exactly as the fuzz
/// targets do (``HostileInput``): each must end in a result or a typed error, never a crash.
@Suite("Hostile input corpus")
struct CorpusTests {
    static let root = String(#filePath.dropLast("FraudModelTests/CorpusTests.swift".count)) + "Corpus/"

    static func files(_ target: String) -> [String] {
        let dir = root + target + "/"
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted().map { dir + $0 }
    }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func theCorpusIsThere() {
        #expect(Self.files("reader").count >= 20)
        #expect(Self.files("rules").count >= 8)
        #expect(Self.files("checkpoint").count >= 1)
    }

    @Test(arguments: files("reader"))
    func readerEndsInALogOrATypedError(_ path: String) throws {
        let outcome = try Self.bytes(path).withUnsafeBufferPointer { HostileInput.read($0) }
        switch outcome {
        case .log, .inputError: break
        default: Issue.record("unexpected outcome \(outcome)")
        }
    }

    /// The seed with a line dated 2062 among 1,100 (read twice) reaches the stray-call path,
    /// so the fuzzer starts from an input that drops calls in `finish()`.
    @Test func theStraySeedDropsItsTwoStrayCalls() throws {
        let outcome = try Self.bytes(Self.root + "reader/csv-stray-year").withUnsafeBufferPointer { HostileInput.read($0) }
        #expect(outcome == .log(records: 2_200, rejected: 0))
    }

    @Test(arguments: files("rules"))
    func rulesEndInARuleSetOrDiagnostics(_ path: String) throws {
        let outcome = try Self.bytes(path).withUnsafeBufferPointer { HostileInput.parseRules($0) }
        switch outcome {
        case .rules, .ruleErrors: break
        default: Issue.record("unexpected outcome \(outcome)")
        }
    }

    /// Some cases have a known end, worked out by hand.
    @Test func knownOutcomes() throws {
        func read(_ name: String) throws -> HostileInput.Outcome {
            try Self.bytes(Self.root + "reader/" + name).withUnsafeBufferPointer { HostileInput.read($0) }
        }
        #expect(try read("csv-no-header") == .inputError(.emptyInput(file: "a")))
        #expect(try read("csv-strict") == .inputError(.malformedLine(RecordIssue(
            file: "a", line: 3, reason: .badTime("2026-02-30 08:00:00")))))
        #expect(try read("csv-header-only") == .log(records: 0, rejected: 0))
        // 20 bad JSON lines, read as two sources.
        #expect(try read("jsonl-bad") == .log(records: 0, rejected: 40))
        // One call seen from both sides, the file read twice: two rows per side. Each callee
        // row matches one caller row, so two calls remain (reading a file twice doubles it).
        #expect(try read("subscriber-hashed") == .log(records: 2, rejected: 0))
        func rules(_ name: String) throws -> HostileInput.Outcome {
            try Self.bytes(Self.root + "rules/" + name).withUnsafeBufferPointer { HostileInput.parseRules($0) }
        }
        #expect(try rules("default.rules") == .rules)
        #expect(try rules("deep-parens.rules") == .ruleErrors(1))
        if case .ruleErrors = try rules("lists.rules") {} else { Issue.record("a missing list file is an error") }
    }

    /// The stream reads the reader's corpus the same way (one row per call), and its own.
    @Test(arguments: files("reader") + files("stream"))
    func streamTakesTheFeedOrEndsInATypedError(_ path: String) throws {
        let outcome = try Self.bytes(path).withUnsafeBufferPointer { HostileInput.stream($0) }
        switch outcome {
        case .streamed, .inputError: break
        default: Issue.record("unexpected outcome \(outcome)")
        }
    }

    @Test(arguments: files("checkpoint"))
    func checkpointsRestoreOrEndInATypedError(_ path: String) throws {
        let outcome = try Self.bytes(path).withUnsafeBufferPointer { HostileInput.restoreCheckpoint($0) }
        switch outcome {
        case .restored, .checkpointError: break
        default: Issue.record("unexpected outcome \(outcome)")
        }
    }

    /// The fuzz target's seed restores; cuts of it, and bytes of it set to 0xFF or flipped in
    /// their low bit (sealed again, so the parser and not the checksum meets the damage; every
    /// fifth byte, each way in turn, to keep this to seconds in a debug build), restore or are
    /// refused, and a state that restores saves the same bytes twice. `scripts/fuzz.sh 60
    /// checkpoint` goes further.
    @Test func damagedCheckpointsNeverCrash() throws {
        let seed = HostileInput.sampleCheckpoint()
        #expect(seed.withUnsafeBufferPointer { HostileInput.restoreCheckpoint($0) } == .restored)
        var refused = 0, restored = 0
        func run(_ bytes: [UInt8]) {
            switch bytes.withUnsafeBufferPointer({ HostileInput.restoreCheckpoint($0) }) {
            case .restored: restored += 1
            case .checkpointError: refused += 1
            default: Issue.record("unexpected outcome")
            }
        }
        for cut in stride(from: 0, to: seed.count, by: 29) { run(Array(seed[..<cut])) }
        for at in stride(from: 0, to: seed.count, by: 5) {
            var damaged = seed
            if at % 2 == 0 { damaged[at] = 0xFF } else { damaged[at] ^= 1 }
            run(damaged)
        }
        // Both ends are reached: a flip in a count or an id is refused, one in a time restores.
        #expect(refused > 0 && restored > 0)
        // Two saved numbers made one (the second written as the first): the ids after it
        // would shift, so it is refused.
        let first = Array("13700000009".utf8), second = Array("13900001111".utf8)
        let at = try #require((0...(seed.count - second.count)).first { Array(seed[$0..<($0 + second.count)]) == second })
        var twice = seed
        twice.replaceSubrange(at..<(at + second.count), with: first)
        #expect(twice.withUnsafeBufferPointer { HostileInput.restoreCheckpoint($0) } == .checkpointError(.corrupt))
    }

    @Test func rulesLimitsHoldAtScale() {
        // Past the size limit: refused before parsing, the limit named.
        let big = Array(("# " + String(repeating: "x", count: 1 << 20) + "\n").utf8)
        #expect(big.withUnsafeBufferPointer { HostileInput.parseRules($0) } == .ruleErrors(1))
        do {
            _ = try RuleSet.parse(big, file: "big.rules", schema: .engine,
                                  environment: RuleEnvironment(readFile: { _ in [] }, canonicalNumber: { _ in nil }))
        } catch {
            #expect(error.description.contains("larger than 1 MiB"))
        }
        // 200,000 nested parentheses: an error at the nesting limit, not a stack overflow.
        let deep = Array(("victim rule r weight 1 = " + String(repeating: "(", count: 200_000) + "1\n").utf8)
        let outcome = deep.withUnsafeBufferPointer { HostileInput.parseRules($0) }
        if case .ruleErrors = outcome {} else { Issue.record("expected diagnostics, got \(outcome)") }
    }
}
