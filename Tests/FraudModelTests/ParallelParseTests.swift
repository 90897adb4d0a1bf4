import Testing
@testable import FraudModel

/// Reads `text` as one whole input on `threads` threads, cutting even tiny inputs; with
/// `spill`, the records go to files in /tmp in batches of 100, walked 37 at a time.
private func readWhole(_ text: String, threads: Int, options: InputOptions = InputOptions(), spill: Bool = false) throws -> CallLog {
    try readWhole(bytes: Array(text.utf8), threads: threads, options: options, spill: spill)
}

private func readWhole(bytes: [UInt8], threads: Int, options: InputOptions = InputOptions(), spill: Bool = false) throws -> CallLog {
    var options = options
    if spill { options.spillDirectory = "/tmp" }
    var b = CallLogBuilder(options: options)
    b.spillBatch = 100
    b.spillWindow = 37
    b.beginSource("w.csv")
    try bytes.withUnsafeBytes { raw in
        try b.consume(whole: raw, threads: threads, releasePages: false, minimumBytes: 0)
    }
    try b.endSource()
    return try b.finish()
}

/// Everything a log holds, in a comparable form.
private func summary(_ log: CallLog) -> [String] {
    var s = log.records.map { "\($0.time) \($0.caller) \($0.callee) \($0.duration)" }
    s += (0..<log.numbers.count).map { "n\($0) \(log.numbers.text(NumberID($0))) \(log.numbers.kinds[$0]) r\(log.regionOf[$0]) i\(log.imeiCount[$0])" }
    s += log.regions + log.issues.map(\.description)
    s.append("\(log.displayOffset) \(log.linesRead) \(log.rejected) \(log.mergedDuplicates)")
    s += log.rejectedByKind.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    s += log.skippedCallTypes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    return s
}

/// The first line of the quoted field `sampleCSV` breaks across two lines: longer than any
/// row, so wherever a cut guess falls in a row, some row holding the break puts it there.
private let quotedLine = String(repeating: "x", count: 100)

/// A deterministic CSV with repeated numbers in several forms, regions that change,
/// several handsets per number, malformed lines and quoted fields.
private func sampleCSV(rows: Int, quotedBreakAt: Int? = nil) -> String {
    var s = "\u{FEFF}start_time,caller,callee,duration,caller_region,callee_region,caller_imei\n"
    var x: UInt64 = 12345
    func next(_ n: UInt64) -> UInt64 { x = x &* 6364136223846793005 &+ 1442695040888963407; return (x >> 33) % n }
    for i in 0..<rows {
        let a = 13_900_000_000 + next(300), b = 13_800_000_000 + next(500)
        let aText = next(3) == 0 ? "+86\(a)" : "\(a)"
        let region = next(4) == 0 ? "" : "33010\(next(6))"
        let imei = next(3) == 0 ? "" : "35391110\(next(4))"
        switch i % 97 {
        case 13: s += "2026-03-02 08:00:00,bad,\(b),10,,,\n"
        case 29: s += "not a time,\(aText),\(b),10,,,\n"
        case 41: s += "\n"
        case 53: s += "2026-03-02 09:\(10 + i % 50):00,\"\(aText)\",\(b),\(next(600)),\"\(region)\",,\(imei)\n"
        default:
            if i == quotedBreakAt {
                s += "2026-03-02 10:00:00,\(aText),\(b),5,\"\(quotedLine)\nbreak\",,\n"
            } else {
                s += "2026-03-02 \(10 + i % 12):\(10 + i % 50):\(10 + i % 40),\(aText),\(b),\(next(600)),\(region),330102,\(imei)\n"
            }
        }
    }
    return s
}

@Suite("Parallel parsing")
struct ParallelParseTests {
    @Test(arguments: [2, 3, 4, 7])
    func partsGiveTheSequentialLog(threads: Int) throws {
        let csv = sampleCSV(rows: 3000)
        let one = summary(try readWhole(csv, threads: 1))
        let many = summary(try readWhole(csv, threads: threads))
        #expect(one == many)
        #expect(one.count > 3000)
        let spilled = try readWhole(csv, threads: threads, spill: true)
        #expect(spilled.records.isSpilled && summary(spilled) == one)
    }

    /// Region codes that are not UTF-8 stay as distinct as they were read: merged from the
    /// parts by their text, two such codes (both shown as U+FFFD) became one region.
    @Test func regionCodesThatAreNotUTF8StayDistinct() throws {
        var bytes = Array("start_time,caller,callee,duration,caller_region\n".utf8)
        for i in 0..<400 {
            bytes += Array("2026-03-02 08:00:\(10 + i % 40),1390000\(1000 + i),13800000001,5,33".utf8)
            bytes += [i % 2 == 0 ? 0xFF : 0xFE, 0x0A]
        }
        for threads in [1, 3] {
            let log = try readWhole(bytes: bytes, threads: threads)
            #expect(Set(log.regionOf.filter { $0 >= 0 }).count == 2, "\(threads) threads")
        }
    }

    @Test func sameAsChunkedReading() throws {
        let csv = sampleCSV(rows: 1000)
        #expect(summary(try readLog(csv, chunk: 4096, file: "w.csv")) == summary(try readWhole(csv, threads: 2)))
    }

    @Test(arguments: [2, 3, 5])
    func aQuotedLineBreakAcrossACutFallsBackToOneThread(threads: Int) throws {
        // The break is put near each cut in turn until the cut falls inside it, so the part
        // after it would start mid-record: at the first cut the first part goes on alone; at
        // a later one the parts before it are kept and the rest is read again on one thread.
        let probe = sampleCSV(rows: 2000)
        let size = probe.utf8.count
        let newlines = probe.utf8.enumerated().filter { $0.element == 0x0A }.map(\.offset)
        for cut in 1..<threads {
            let row = (newlines.firstIndex { $0 >= size * cut / threads } ?? 1) - 1
            var hit = false
            for at in row - 12...row + 12 {
                let csv = sampleCSV(rows: 2000, quotedBreakAt: at)
                guard Self.cutsInsideTheQuotedBreak(csv, threads: threads).contains(cut) else { continue }
                hit = true
                let one = summary(try readWhole(csv, threads: 1))
                #expect(one == summary(try readWhole(csv, threads: threads)))
                #expect(one == summary(try readWhole(csv, threads: threads, spill: true)))
            }
            #expect(hit, "no row put cut \(cut) of \(threads) inside the quoted break")
        }
    }

    @Test(arguments: [2, 3, 5])
    func aStrayQuoteGivesTheSequentialLogWhereverTheCutsFall(threads: Int) throws {
        // A stray quote before a caller, on rows around each cut: the lines it would swallow
        // (up to the limit) span the cut, and every read loses that row only. The sample's own
        // quotes are taken out: one within the limit would close the stray one (RFC 4180).
        var options = InputOptions()
        options.maximumLineLength = 3_000
        let csv = String(sampleCSV(rows: 2000).filter { $0 != "\"" })
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let base = try readWhole(csv, threads: 1, options: options)
        for cut in 1..<threads {
            let centre = 1 + 2000 * cut / threads
            for at in stride(from: centre - 40, through: centre + 4, by: 4) {
                let original = lines[at]
                guard let comma = original.firstIndex(of: ",") else { continue }
                lines[at].insert("\"", at: original.index(after: comma))
                let stray = lines.joined(separator: "\n")
                lines[at] = original
                let one = try readWhole(stray, threads: 1, options: options)
                #expect(one.rejected == base.rejected + 1, "row \(at)")
                #expect(one.linesRead == base.linesRead, "row \(at)")
                #expect(one.issues.contains { $0.line == at + 1 && $0.reason == .quoteNotClosed(limit: 3_000) }, "row \(at)")
                #expect(summary(one) == summary(try readWhole(stray, threads: threads, options: options)), "row \(at)")
                #expect(summary(one) == summary(try readLog(stray, options: options, chunk: 997, file: "w.csv")), "row \(at)")
            }
        }
    }

    /// The cuts (1 = between the first two parts) of a `threads`-part read of `csv` that
    /// fall just after the line break inside its quoted field.
    static func cutsInsideTheQuotedBreak(_ csv: String, threads: Int) -> Set<Int> {
        let bytes = Array(csv.utf8), marker = Array("\"\(quotedLine)\nbreak\"".utf8)
        guard let body = bytes.firstIndex(of: 0x0A).map({ $0 + 1 }),
              let at = (0...(bytes.count - marker.count)).first(where: { bytes[$0..<$0 + marker.count].elementsEqual(marker) })
        else { return [] }
        let inside = at + 1 + quotedLine.utf8.count + 1 - body  // just past the quoted newline, in the body
        let parts = bytes[body...].withUnsafeBytes { CallLogBuilder.cuts($0, into: threads) }
        return Set(parts.indices.dropFirst().filter { parts[$0].lowerBound == inside })
    }

    @Test(arguments: [2, 3])
    func aLastLineWithoutANewlineIsKept(threads: Int) throws {
        // Exports often end without one; the last part holds that line open when it ends.
        var csv = sampleCSV(rows: 1000)
        csv.removeLast()
        #expect(summary(try readWhole(csv, threads: 1)) == summary(try readWhole(csv, threads: threads)))
        #expect(try readWhole(csv, threads: threads).linesRead == (try readWhole(csv, threads: 1)).linesRead)
        // An unclosed quote there is reported as on one thread.
        let open = csv + "\n2026-03-02 10:00:00,13900000001,13800000002,5,\"never closed"
        #expect(summary(try readWhole(open, threads: 1)) == summary(try readWhole(open, threads: threads)))
        var strict = InputOptions()
        strict.strict = true
        func failure(_ n: Int) -> String {
            do { _ = try readWhole(open, threads: n, options: strict); return "none" } catch { return "\(error)" }
        }
        #expect(failure(threads) == failure(1))
        #expect(failure(1) != "none")
    }

    @Test func strictStopsAtTheFirstBadLineInFileOrder() {
        var options = InputOptions()
        options.strict = true
        var csv = "start_time,caller,callee,duration\n"
        for i in 0..<3000 {
            csv += i == 2100 ? "late,1,2,3\n" : "2026-03-02 10:00:\(10 + i % 40),139\(i % 77),138\(i % 91),\(i % 60)\n"
        }
        var lines: [Int] = []
        for threads in [1, 2, 5] {
            do {
                _ = try readWhole(csv, threads: threads, options: options)
            } catch {
                if case .malformedLine(let issue)? = error as? InputError { lines.append(issue.line) }
            }
        }
        #expect(lines == [2102, 2102, 2102])
    }
}
