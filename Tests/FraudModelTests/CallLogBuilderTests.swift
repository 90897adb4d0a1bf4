import Testing
@testable import FraudModel

/// Reads CSV text through the builder, in chunks of `chunk` bytes to exercise carry-over.
func readLog(_ text: String, options: InputOptions = InputOptions(), chunk: Int = 7, file: String = "t.csv") throws -> CallLog {
    var b = CallLogBuilder(options: options)
    b.beginSource(file)
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
        let j = min(i + chunk, bytes.count)
        let part = Array(bytes[i..<j])
        try part.withUnsafeBytes { try b.consume($0) }
        i = j
    }
    try b.endSource()
    return try b.finish()
}

@Suite("CallLogBuilder")
struct CallLogBuilderTests {
    @Test func columnsByNameInAnyOrderAndFormatsMixed() throws {
        let csv = """
            duration,callee,extra,start_time,caller,caller_region
            125,+8613800000001,x,2026-03-02 08:15:30,13900000001,330102
            0,13800000001,y,2026-03-02T09:00:00,008613900000001,
            """
        let log = try readLog(csv)
        #expect(log.records.count == 2)
        #expect(log.numbers.count == 2)                       // both formats of each party merged
        #expect(log.records[0].duration == 125)
        #expect(log.records[1].answered == false)
        #expect(log.numbers.text(log.records[0].caller) == "13900000001")
        #expect(log.region(of: log.records[0].caller) == "330102")
        #expect(log.region(of: log.records[0].callee) == "")
    }

    @Test func malformedLinesAreSkippedAndReportedWithFileAndLine() throws {
        let csv = "start_time,caller,callee,duration\n" +
            "2026-03-02 08:15:30,139,138,10\n" +
            "2026-03-02 08:15:30,139,138\n" +                  // line 3: field count
            "not a time,139,138,10\n" +                          // line 4
            "2026-03-02 08:15:30,139,138,-5\n" +                 // line 5
            "2026-03-02 08:15:30,,138,5\n" +                     // line 6
            "\n" +                                               // blank: ignored
            "2026-03-02 08:15:30,13\u{7}9,138,5\r\n" +           // line 8: binary junk, CRLF
            "2026-03-02 08:15:31,139,138,7\r\n"
        let log = try readLog(csv)
        #expect(log.records.count == 2)
        #expect(log.rejected == 5)
        #expect(log.issues.map(\.line) == [3, 4, 5, 6, 8])
        #expect(log.issues[0].description == "t.csv:3: expected 4 fields, found 3")
        #expect(log.issues[2].description.hasPrefix("t.csv:5: bad duration '-5'"))
        #expect(log.issues[3].description == "t.csv:6: caller: empty number")
        #expect(log.rejectedByKind["bad number"] == 2)
    }

    /// A call from a withheld number is skipped and said, with its own kind in the counts:
    /// read as a number, 'anonymous' was one caller of every withheld call.
    @Test func aWithheldNumberSkipsItsCallAndSaysSo() throws {
        let csv = "start_time,caller,callee,duration\n" +
            "2026-03-02 08:15:30,Anonymous,13800000001,10\n" +
            "2026-03-02 08:15:31,0000000000,13800000002,10\n" +
            "2026-03-02 08:15:32,13900000001,13800000001,10\n" +
            "2026-03-02 08:15:33,13900000001,unknown,10\n"
        let log = try readLog(csv)
        #expect(log.records.count == 1)
        #expect(log.numbers.count == 2)
        #expect(log.issues.map(\.line) == [2, 3, 5])
        #expect(log.issues[0].description.hasPrefix("t.csv:2: caller: number withheld"))
        #expect(log.issues[2].description.hasPrefix("t.csv:5: callee: number withheld"))
        #expect(log.rejectedByKind == ["withheld number": 3])
    }

    @Test func strictStopsAtTheFirstBadLine() {
        var o = InputOptions()
        o.strict = true
        #expect(throws: InputError.malformedLine(RecordIssue(file: "t.csv", line: 3, reason: .badDuration("x")))) {
            try readLog("start_time,caller,callee,duration\n2026-03-02 08:15:30,1,2,3\n2026-03-02 08:15:30,1,2,x\n", options: o)
        }
    }

    @Test func missingColumnNamesTheColumnAndMappingFixesIt() throws {
        let csv = "time,calling_no,called_no,dur\n2026-03-02 08:15:30,139,138,3\n"
        #expect(throws: InputError.self) { try readLog(csv) }
        do { _ = try readLog(csv) } catch { #expect(String(describing: error).contains("missing required column 'start_time'")) }
        var o = InputOptions()
        try o.mapColumns("start_time=time,caller=calling_no,callee=called_no,duration=dur")
        #expect(try readLog(csv, options: o).records.count == 1)
        #expect(throws: InputError.self) { try o.mapColumns("calller=x") }
    }

    /// With the wrong '--separator' the header is one column, shown as "start_time,caller,…":
    /// the message must say why 'start_time' is missing from it.
    @Test func aWrongSeparatorIsNamedInTheMissingColumnMessage() throws {
        var o = InputOptions()
        o.separator = UInt8(ascii: ";")
        do {
            _ = try readLog("start_time,caller,callee,duration\n2026-03-02 08:15:30,139,138,3\n", options: o)
            Issue.record("read with the wrong separator")
        } catch {
            #expect(String(describing: error).hasSuffix("the header was read as one column: its separator looks like ',' (--separator, or leave it out to detect it)"))
        }
    }

    @Test func overlongLinesAreRejectedWithoutBufferingThem() throws {
        var o = InputOptions()
        o.maximumLineLength = 100
        let csv = "start_time,caller,callee,duration\n" + String(repeating: "9", count: 5_000) + "\n2026-03-02 08:15:30,1,2,3\n"
        let log = try readLog(csv, options: o, chunk: 64)
        #expect(log.records.count == 1)
        #expect(log.issues.first?.reason == .lineTooLong(limit: 100))
        #expect(log.issues.first?.line == 2)
    }

    /// Skipped as a bad line, an over-long header made the first call the header.
    @Test func anUnreadableHeaderIsAnErrorNamingIt() {
        var o = InputOptions()
        o.maximumLineLength = 100
        let long = "start_time,caller,callee,duration," + String(repeating: "x", count: 200) + "\n2026-03-02 08:15:30,1,2,3\n"
        for chunk in [7, 64, 4096] {
            #expect(throws: InputError.unreadableHeader(RecordIssue(file: "t.csv", line: 1, reason: .lineTooLong(limit: 100)))) {
                try readLog(long, options: o, chunk: chunk)
            }
        }
        #expect(throws: InputError.unreadableHeader(RecordIssue(file: "t.csv", line: 2, reason: .unclosedQuote))) {
            try readLog("\n\"start_time,caller,callee,duration\n")
        }
        let message = InputError.unreadableHeader(RecordIssue(file: "t.csv", line: 1, reason: .lineTooLong(limit: 100))).description
        #expect(message == "t.csv:1: the header line cannot be read: line longer than 100 bytes (the line-length limit); no column can be found")
    }

    /// "125.000000" (a spreadsheet's) was refused for its length, and a 10-digit duration
    /// was told to be "whole seconds ≥ 0", which it was.
    @Test func durationsTakeAnyFractionAndSayTheirRange() throws {
        let csv = "start_time,caller,callee,duration\n2026-03-02 08:15:30,1,2,125.000000\n2026-03-02 08:15:31,1,2,999999999\n"
            + "2026-03-02 08:15:32,1,2,1000000000\n2026-03-02 08:15:33,1,2,.5\n"
        let log = try readLog(csv)
        #expect(log.records.joined.map(\.duration) == [125, 999_999_999])
        #expect(log.issues.map(\.line) == [4, 5])
        #expect(log.issues.first?.description == "t.csv:4: bad duration '1000000000' (want whole seconds, 0 to 999999999)")
    }

    @Test func emptyInputIsAnError() {
        #expect(throws: InputError.emptyInput(file: "t.csv")) { try readLog("") }
    }

    @Test func bomSemicolonsQuotesAndTrailingLineWithoutNewline() throws {
        let csv = "\u{FEFF}start_time;caller;callee;duration\n\"2026-03-02 08:15:30\";\"139\";138;60"
        let log = try readLog(csv)
        #expect(log.records.count == 1)
        #expect(log.records[0].duration == 60)
    }

    @Test func offsetTimesSetTheDisplayOffset() throws {
        let log = try readLog("start_time,caller,callee,duration\n2026-03-02T16:15:30+08:00,1,2,3\n")
        #expect(log.displayOffset == 28_800)
        #expect(log.records[0].time == 1_772_439_330)
    }

    @Test func distinctIMEIsPerCaller() throws {
        let csv = "start_time,caller,callee,duration,caller_imei\n" +
            "2026-03-02 08:00:00,1,2,3,111\n2026-03-02 08:00:01,1,3,3,222\n2026-03-02 08:00:02,1,4,3,222\n2026-03-02 08:00:03,2,4,3,\n"
        let log = try readLog(csv)
        #expect(log.imeiCount[Int(log.numbers.lookup("1")!)] == 2)
        #expect(log.imeiCount[Int(log.numbers.lookup("2")!)] == 0)
    }

    /// Handsets are told apart by a hash of their digits: spaces do not count, every other
    /// byte does, including ones that end a full eight-byte word or differ only in length.
    @Test func handsetHashIgnoresSpacesAndTellsLengthsApart() throws {
        let imeis = ["353911101728054", "35 391110 172805 4", " 353911101728054 ", "353911101728055",
                     "35391110", "353911100", "35391110172805", "3539111017280540", "353911101728054\u{0}"]
        var rows = "start_time,caller,callee,duration,caller_imei\n"
        for (i, imei) in imeis.enumerated() {
            rows += "2026-03-02 08:00:0\(i),1,\(i + 2),3,\"\(imei)\"\n"
        }
        let log = try readLog(rows)
        // Three spellings of the first handset, then six others.
        #expect(log.imeiCount[Int(log.numbers.lookup("1")!)] == 7)
    }

    /// Regions (the first one wins) and handset counts come out as the rows say when the
    /// number table grows in the middle of a batch, when a number's first rows lack a region,
    /// and when the handset changes back and forth.
    @Test func regionsAndHandsetsThroughTableGrowth() throws {
        var rows = "start_time,caller,callee,duration,caller_region,callee_region,caller_imei\n"
        for i in 0..<3_000 {
            let caller = 13_900_000_000 + i % 700, callee = 13_800_000_000 + i
            let regionA = i < 700 ? "" : "r\(i % 5)", regionB = "\(330_100 + i % 3)"
            let imei = i % 1_400 < 700 ? "3539111017\(caller % 100)" : (i % 2 == 0 ? "86950405\(i % 3)" : "3539111017\(caller % 100)")
            rows += "2026-03-02 08:00:00,\(caller),\(callee),3,\(regionA),\(regionB),\(imei)\n"
        }
        var options = InputOptions()
        options.separator = 0x2C
        var b = CallLogBuilder(options: options, capacity: 4)
        b.beginSource("t.csv")
        try Array(rows.utf8).withUnsafeBytes { try b.consume($0) }
        try b.endSource()
        let log = try b.finish()
        for c in 0..<700 {
            let id = log.numbers.lookup(String(13_900_000_000 + c))!
            // Calls 700+c, 1400+c, …: the first with a region is 700+c.
            #expect(log.region(of: id) == "r\((700 + c) % 5)")
            // Its own handset, plus "86950405k" on the rows with i % 1400 >= 700 and i even.
            var extra = Set<Int>()
            for i in stride(from: c, to: 3_000, by: 700) where i % 1_400 >= 700 && i % 2 == 0 { extra.insert(i % 3) }
            #expect(Int(log.imeiCount[Int(id)]) == 1 + extra.count)
        }
        let callee = log.numbers.lookup("13800000005")!
        #expect(log.region(of: callee) == "330102")
        #expect(log.imeiCount[Int(callee)] == 0)
    }
}
