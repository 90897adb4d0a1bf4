import Testing
@testable import FraudModel

/// CSV as carriers' exports really are: RFC 4180 quoting, CRLF, byte-order marks, other
/// separators, trailing separators, blank and junk lines, and records cut at any byte.
@Suite("CSV dialects")
struct CSVDialectTests {
    static let header = "start_time,caller,callee,duration,caller_region"

    /// Numbers and durations of every record, for comparing runs.
    static func summary(_ log: CallLog) -> [String] {
        log.records.map { "\(log.numbers.text($0.caller))>\(log.numbers.text($0.callee)):\($0.duration)" }
    }

    @Test func quotedFieldsKeepSeparatorsAndUnescapeDoubledQuotes() throws {
        let csv = Self.header + ",note\n"
            + "2026-03-02 08:00:00,\"139 0000 0001\",\"13800000002\",60,\"330,102\",\"said \"\"police\"\", then hung up\"\n"
            + "2026-03-02 08:00:00,\"139,1\",13800000002,60,330102,\n"
        let log = try readLog(csv)
        #expect(Self.summary(log) == ["13900000001>13800000002:60"])
        #expect(log.region(of: log.records[0].caller) == "330,102")
        // A comma inside a quoted number is kept in the value, and no number has commas.
        #expect(log.issues.map(\.description) == ["t.csv:3: caller: number contains ','"])
    }

    @Test func doubledQuotesAreUnescapedInTheFieldValue() throws {
        var fields = CSVFields()
        var out: [UInt8] = []
        let line = Array("a,\"b \"\"c\"\" d\",\"\",e".utf8)
        let ok = line.withUnsafeBufferPointer { fields.splitUnquoting($0, separator: 0x2C, into: &out) }
        #expect(ok)
        let values = out.withUnsafeBufferPointer { d in (0..<fields.count).map { String(decoding: fields.field($0, in: d), as: UTF8.self) } }
        #expect(values == ["a", "b \"c\" d", "", "e"])
    }

    @Test func aQuotedLineBreakContinuesTheRecordAndLinesStayCounted() throws {
        let csv = Self.header + ",note\r\n"
            + "2026-03-02 08:00:00,13900000001,13800000002,60,330102,\"first line\r\nsecond, line\"\r\n"
            + "2026-03-02 08:00:01,13900000001,13800000002,x,330102,\"\"\r\n"          // line 4: bad duration
            + "2026-03-02 08:00:02,13900000001,13800000003,5,330102,plain\r\n"
        for chunk in [1, 2, 3, 7, 64, 4096] {
            let log = try readLog(csv, chunk: chunk)
            #expect(Self.summary(log) == ["13900000001>13800000002:60", "13900000001>13800000003:5"], "chunk \(chunk)")
            #expect(log.issues.map(\.line) == [4], "chunk \(chunk)")
        }
    }

    @Test func bomCRLFBlankLinesAndSpreadsheetPaddingAreAccepted() throws {
        let csv = "\u{FEFF}" + Self.header + "\r\n\r\n"
            + "2026-03-02 08:00:00,13900000001,13800000002,60,330102\r\n"
            + "   \r\n"
            + ",,,,\r\n"
            + "2026-03-02 08:00:01,13900000001,13800000002,61,330102\r\n"
        for chunk in [1, 2, 5, 1000] {
            let log = try readLog(csv, chunk: chunk)
            #expect(log.records.count == 2 && log.rejected == 0, "chunk \(chunk)")
        }
    }

    @Test func aQuotedHeaderAfterABOMIsRead() throws {
        let log = try readLog("\u{FEFF}\"start_time\",\"caller\",\"callee\",\"duration\"\n2026-03-02 08:00:00,1,2,3\n", chunk: 1)
        #expect(log.records.count == 1)
    }

    @Test func trailingSeparatorsOnRowsAndHeader() throws {
        // Rows with a trailing separator, a header with one, and rows with several.
        let a = try readLog(Self.header + "\n2026-03-02 08:00:00,1,2,3,330102,\n2026-03-02 08:00:00,1,2,3,330102,,,\n")
        #expect(a.records.count == 2 && a.rejected == 0)
        let b = try readLog(Self.header + ",\n2026-03-02 08:00:00,1,2,3,330102,\n2026-03-02 08:00:00,1,2,3,330102\n")
        #expect(b.records.count == 2 && b.rejected == 0)
        // A non-empty extra field is still a wrong field count.
        let c = try readLog(Self.header + "\n2026-03-02 08:00:00,1,2,3,330102,x\n")
        #expect(c.issues.map(\.reason) == [.fieldCount(expected: 5, found: 6)])
    }

    @Test func separatorsAreDetectedFromTheHeader() throws {
        for sep in [";", "\t", "|"] {
            let csv = ["start_time", "caller", "callee", "duration"].joined(separator: sep) + "\n"
                + ["2026-03-02 08:00:00", "\"15\"", "2", "3"].joined(separator: sep) + "\n"
            let log = try readLog(csv)
            #expect(Self.summary(log) == ["15>2:3"], "separator \(sep)")
        }
        // Most frequent wins: a comma inside a quoted header name does not decide.
        let log = try readLog("start_time;caller;callee;duration;\"note, free text\"\n2026-03-02 08:00:00;1;2;3;a, b\n")
        #expect(Self.summary(log) == ["1>2:3"])
    }

    @Test func anExplicitSeparatorOverridesDetection() throws {
        var o = InputOptions()
        o.separator = InputOptions.separator("|")
        // Detection would pick ',' (three of them), but the file is '|'-separated.
        let log = try readLog("start_time|caller|callee|duration|a,b,c,d\n2026-03-02 08:00:00|1|2|3|x\n", options: o)
        #expect(Self.summary(log) == ["1>2:3"])
        #expect(InputOptions.separator("tab") == 0x09)
        #expect(InputOptions.separator(";") == 0x3B)
        for bad in ["", "ab", "a", "7", "\"", " "] { #expect(InputOptions.separator(bad) == nil, "'\(bad)'") }
    }

    @Test func anUnclosedQuoteIsReportedAtItsLineAndTheRestIsRead() throws {
        let csv = Self.header + "\n2026-03-02 08:00:00,\"1,2,3,330102\n"
        let log = try readLog(csv)
        #expect(log.issues.map(\.description) == ["t.csv:2: a quoted field opened here is never closed"])
    }

    @Test func aStrayQuoteLosesOnlyItsOwnLine() throws {
        var o = InputOptions()
        o.maximumLineLength = 200
        // The quote on line 3 would swallow the lines after it up to the limit: only line 3
        // is rejected, and the next lines (over 200 bytes of them) are read as records.
        let row = "2026-03-02 08:00:00,13900000001,13800000002,3,330102\n"
        let long = Self.header + "\n" + row + "2026-03-02 08:00:00,\"13900000009,13800000002,3,330102\n"
            + String(repeating: row, count: 10)
        for chunk in [1, 7, 13, 64, 4096] {
            let log = try readLog(long, options: o, chunk: chunk)
            #expect(log.records.count == 11, "chunk \(chunk)")
            #expect(log.linesRead == 12 && log.rejected == 1, "chunk \(chunk)")
            #expect(log.issues.map(\.description) == [
                "t.csv:3: a quoted field opened here is not closed within 200 bytes (the line-length limit) or 8 line breaks (a stray quote?)",
            ], "chunk \(chunk)")
        }
        // Left open at the end of the input, within the limit: the same.
        let short = Self.header + "\n" + row + "2026-03-02 08:00:00,\"13900000009,13800000002,3,330102\n" + row + row
        for chunk in [1, 5, 4096] {
            let log = try readLog(short, options: o, chunk: chunk)
            #expect(log.records.count == 3 && log.rejected == 1, "chunk \(chunk)")
            #expect(log.issues.map(\.description) == ["t.csv:3: a quoted field opened here is never closed"], "chunk \(chunk)")
        }
        // Two stray quotes, the second in the lines read again, and the end without a newline.
        let two = Self.header + "\n\"x\n" + String(repeating: row, count: 5) + "\"y\n" + String(repeating: row, count: 5) + "\"z\n" + row.dropLast()
        for chunk in [1, 3, 4096] {
            let log = try readLog(two, options: o, chunk: chunk)
            #expect(log.records.count == 11, "chunk \(chunk)")
            #expect(log.issues.map(\.line) == [2, 8, 14], "chunk \(chunk)")
        }
        // Under --strict the run stops at the line that opened the quote.
        o.strict = true
        #expect(throws: InputError.malformedLine(RecordIssue(file: "t.csv", line: 3, reason: .quoteNotClosed(limit: 200)))) {
            try readLog(long, options: o, chunk: 13)
        }
    }

    @Test func aFileOfStrayQuotesIsReadInBoundedWork() throws {
        // Every line leaves a quote open however it is read: each is rejected alone. Lost
        // lines were a recursion (10,900 of them overflowed the stack at the end of the
        // input) and each re-read the 64 KiB after it.
        let csv = Self.header + "\n" + String(repeating: "\"a\"b,\"\n", count: 12_000)
        for chunk in [7, 4_096, 1 << 20] {
            let log = try readLog(csv, chunk: chunk)
            #expect(log.rejected == 12_000 && log.linesRead == 12_000 && log.records.isEmpty, "chunk \(chunk)")
        }
        // A quoted field may hold eight line breaks; with a ninth it is a stray quote, and the
        // lines after the one that opened it are read again as records.
        func note(_ breaks: Int) -> String { "\"" + String(repeating: "x\n", count: breaks) + "x\"" }
        let row = "2026-03-02 08:00:00,13900000001,13900000002,60,"
        let eight = try readLog(Self.header + ",note\n" + row + "330102," + note(8) + "\n")
        #expect(eight.records.count == 1 && eight.rejected == 0)
        let nine = try readLog(Self.header + ",note\n" + row + "330102," + note(9) + "\n" + row + "330102,\n")
        #expect(nine.records.count == 1 && nine.issues.first?.line == 2)
    }

    @Test func lineAndFieldLimitsAreNamedInTheError() throws {
        var o = InputOptions()
        o.maximumLineLength = 64
        o.maximumFields = 6
        let csv = Self.header + "\n" + String(repeating: "x", count: 65) + "\n"
            + "2026-03-02 08:00:00,1,2,3,4,5,6,7\n"
            + "\"" + String(repeating: "q", count: 70) + "\"\n"
        let log = try readLog(csv, options: o, chunk: 5)
        #expect(log.issues.map(\.description) == [
            "t.csv:2: line longer than 64 bytes (the line-length limit)",
            "t.csv:3: more than 6 fields (the field-count limit)",
            "t.csv:4: line longer than 64 bytes (the line-length limit)",
        ])
        // Every line is counted as read, the over-long ones too: read − rejected = kept.
        #expect(log.linesRead == 3 && log.rejected == 3 && log.records.count == 0)
        for chunk in [5, 64, 4_096] {
            let kept = try readLog(csv + "2026-03-02 08:00:01,13900000001,13900000002,60,330102\n", options: o, chunk: chunk)
            #expect(kept.linesRead - kept.rejected == kept.records.count && kept.records.count == 1)
        }
        o.maximumFields = 3
        #expect(throws: InputError.tooManyColumns(file: "t.csv", limit: 3)) { try readLog(csv, options: o) }
        #expect(InputError.tooManyColumns(file: "t.csv", limit: 3).description.contains("field-count limit"))
    }

    @Test func everyChunkingGivesTheSameLog() throws {
        let csv = "\u{FEFF}" + Self.header + ",note\r\n"
            + "2026-03-02 08:00:00,\"139\",138,60,330102,\"a\r\nb\"\r\n"
            + "bad line\r\n"
            + "2026-03-02 08:00:01;x\r\n"
            + "2026-03-02 08:00:02,+8613900000001,\"00855123\"\"4\",7,330102,\"\"\"\"\r\n"
            + "2026-03-02 08:00:03,0085512345,13800000002,8.0,,"
        let whole = try readLog(csv, chunk: 1 << 20)
        for chunk in 1...40 {
            let log = try readLog(csv, chunk: chunk)
            #expect(Self.summary(log) == Self.summary(whole), "chunk \(chunk)")
            #expect(log.issues == whole.issues, "chunk \(chunk)")
        }
        #expect(whole.records.count == 2)
        #expect(whole.issues.map(\.line) == [4, 5, 6])
    }

    @Test func headerHintsForTheOtherShapes() {
        let sub = InputError.missingColumn(file: "f", column: "start_time", canonical: "start_time",
                                           header: ["phone_no_m", "opposite_no_m", "calltype_id"])
        #expect(sub.description.hasSuffix("use --layout subscriber"))
        let json = InputError.missingColumn(file: "f", column: "start_time", canonical: "start_time", header: ["{\"start_time\":1}"])
        #expect(json.description.hasSuffix("use --input-format jsonl"))
    }

    @Test func redactedIssuesQuoteNoField() throws {
        var o = InputOptions()
        o.quoteFieldsInIssues = false
        let log = try readLog(Self.header + "\n13912345678,1,2,3,330102\n", options: o)
        #expect(!log.issues[0].description.contains("13912345678"))
        #expect(throws: InputError.self) { try readLog("13912345678,13800000000,5\n", options: o) }
        do { _ = try readLog("13912345678,13800000000,5\n", options: o) } catch {
            #expect(!String(describing: error).contains("1391234"))
        }
    }
}
