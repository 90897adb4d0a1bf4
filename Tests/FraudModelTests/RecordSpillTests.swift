#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import FraudModel

@Suite("RecordSpill")
struct RecordSpillTests {
    /// A synthetic week's CSV (3,000 subscribers: more calls than one spill batch).
    static let week: [UInt8] = {
        let week = SyntheticWeek.generate(SynthConfig(subscribers: 3_000, days: 7, seed: 11))
        var bytes: [UInt8] = []
        week.writeCalls { bytes += $0 }
        return bytes
    }()

    /// A fresh directory under the system's temporary directory.
    static func directory() -> String {
        var template = Array("/tmp/fraud-score-spill-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return String(cString: made!)
    }

    /// The files in `directory` (a spill file is unlinked as soon as it is made).
    static func entries(_ directory: String) -> [String] {
        guard let d = opendir(directory) else { return ["(cannot open)"] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Reads `bytes` `files` times; spilled in batches of `batch` records walked `window` at a time.
    static func read(_ bytes: [UInt8], threads: Int, spill: String?, files: Int = 1,
                     batch: Int = 1 << 16, window: Int = 1 << 18) throws -> CallLog {
        var options = InputOptions()
        options.spillDirectory = spill
        var b = CallLogBuilder(options: options)
        b.spillBatch = batch
        b.spillWindow = window
        for f in 0..<files {
            b.beginSource("week\(f).csv")
            try bytes.withUnsafeBytes { try b.consume(whole: $0, threads: threads, releasePages: false, minimumBytes: 0) }
            try b.endSource()
        }
        return try b.finish()
    }

    @Test(arguments: [1, 2, 3])
    func spilledReadGivesTheSameLogAndAnalysis(threads: Int) throws {
        let dir = Self.directory()
        defer { rmdir(dir) }
        let memory = try Self.read(Self.week, threads: 1, spill: nil)
        let spilled = try Self.read(Self.week, threads: threads, spill: dir)
        #expect(memory.records.count > 1 << 16)                            // batches were written out mid-read
        #expect(!memory.records.isSpilled && spilled.records.isSpilled)
        #expect(spilled.records == memory.records)
        #expect(Self.entries(dir).isEmpty)                                  // nothing left in the directory
        let rules = try ParallelAnalysisTests.rules()
        let expected = ParallelAnalysisTests.summary(Analysis(log: memory, rules: rules, threads: 1))
        #expect(ParallelAnalysisTests.summary(Analysis(log: spilled, rules: rules, threads: threads)) == expected)
        // Small batches and windows: many writes, an id rewrite and every pass crossing
        // window edges (page releases mid-run), a batch of exactly the records held.
        for (batch, window) in [(1_000, 4_096), (4_096, 1_000), (1, 3)] where batch > 1 || threads == 1 {
            let small = try Self.read(Self.week, threads: threads, spill: dir, batch: batch, window: window)
            #expect(small.records == memory.records, "batch \(batch) window \(window)")
            #expect(ParallelAnalysisTests.summary(Analysis(log: small, rules: rules, threads: threads)) == expected)
        }
    }

    @Test func eachInputIsARunOfItsOwn() throws {
        let dir = Self.directory()
        defer { rmdir(dir) }
        let memory = try Self.read(Self.week, threads: 1, spill: nil, files: 2)
        let spilled = try Self.read(Self.week, threads: 2, spill: dir, files: 2)
        #expect(spilled.records == memory.records)
        let windowed = try Self.read(Self.week, threads: 2, spill: dir, files: 2, window: 10_000)
        var pieces = 0, next = 0
        windowed.records.forEachPiece(of: 0..<windowed.records.count) { first, piece in
            pieces += 1
            #expect(first == next && piece.count <= 10_000)
            next += piece.count
        }
        #expect(next == memory.records.count && pieces >= memory.records.count / 10_000)
    }

    /// The stream hands each chunk's records on as they come: it never spills, whatever the
    /// options say.
    @Test func theStreamNeverSpills() throws {
        var input = InputOptions()
        input.spillDirectory = "/nonexistent/fraud-score"
        let rules = try ParallelAnalysisTests.rules()
        var spilling = StreamEngine(rules: rules, input: input)
        var plain = StreamEngine(rules: rules)
        let chunk = Array(Self.week.prefix(1 << 20))
        var a: [StreamWarning] = [], b: [StreamWarning] = []
        try chunk.withUnsafeBytes { raw in
            a += try spilling.consume(raw)
            b += try plain.consume(raw)
        }
        a += try spilling.finish()
        b += try plain.finish()
        #expect(spilling.statistics.records > 10_000)
        #expect(spilling.statistics.records == plain.statistics.records && a == b)
    }

    @Test func aDirectoryThatCannotHoldTheFileIsAnError() {
        #expect(throws: InputError.self) { _ = try RecordSpill(directory: "/nonexistent/fraud-score") }
        do {
            _ = try RecordSpill(directory: "/nonexistent/fraud-score")
        } catch {
            #expect(error.description.hasSuffix("(choose another directory with --spill DIR, or keep the calls in memory with --in-memory)"))
            #expect(error.description.hasPrefix("cannot create a file for the calls in /nonexistent/fraud-score: "))
        }
    }
}
