import Testing
@testable import FraudModel

@Suite("JSON Lines input")
struct JSONLinesTests {
    static var options: InputOptions { var o = InputOptions(); o.format = .jsonl; return o }

    @Test func stringsNumbersAndKeysInAnyOrder() throws {
        let text = """
            {"start_time":"2026-03-02 08:00:00","caller":"+8613900000001","callee":13800000002,"duration":60,"caller_region":"330102"}
            {"duration": 0 , "callee":"13800000002", "caller":"13900000001", "start_time": 1772438400, "extra": {"a": [1, {"b": null}], "c": true}}

            {"Start_Time":"2026-03-02T08:00:00+08:00","CALLER":"13900000001","callee":"13800000003","duration":"125.0","caller_region":null}
            """
        let log = try readLog(text, options: Self.options, chunk: 5, file: "f.jsonl")
        #expect(log.rejected == 0)
        #expect(CSVDialectTests.summary(log) == ["13900000001>13800000002:60", "13900000001>13800000002:0",
                                                 "13900000001>13800000003:125"])
        #expect(log.records[1].time == 1_772_438_400)
        #expect(log.region(of: log.records[0].caller) == "330102")
        #expect(log.linesRead == 3)
    }

    @Test func escapesAreDecoded() throws {
        // \u0031 is '1'; a surrogate pair decodes to one scalar (an opaque id here).
        let text = #"{"start_time":"2026-03-02 08:00:00","caller":"\u00313900000001","callee":"a\ud83d\ude00b","duration":"6\/"}"# + "\n"
            + #"{"start_time":"2026-03-02 08:00:00","caller":"\u00313900000001","callee":"x\"y","duration":6}"# + "\n"
        let log = try readLog(text, options: Self.options)
        // "6/" is not a duration; "x\"y" holds a quote, not a number character.
        #expect(log.issues.map(\.reason) == [.badDuration("6/"), .badNumber(column: "callee", problem: .badCharacter(0x22))])
        var scanner = JSONLineScanner(keys: [.init(name: Array("k".utf8), slot: .partyA)], maximumKeys: 10)
        var out: [UInt8] = []
        let line = Array(#"{"k":"a\ud83d\ude00\n\t\u00e9"}"#.utf8)
        #expect(line.withUnsafeBufferPointer { scanner.scan($0, into: &out) } == nil)
        #expect(String(decoding: out, as: UTF8.self) == "a😀\n\té")
    }

    @Test func badLinesAreCountedWithFileLineAndReason() throws {
        let good = #"{"start_time":"2026-03-02 08:00:00","caller":"1","callee":"2","duration":3}"#
        let text = [
            good,
            #"{"start_time":"2026-03-02 08:00:00","caller":"1","callee":"2","duration":3"#,       // 2: unclosed
            #"{"start_time":"2026-03-02 08:00:00","caller":"1","duration":3}"#,                    // 3: no callee
            #"["start_time"]"#,                                                                   // 4: not an object
            #"{"start_time":"2026-03-02 08:00:00","caller":[1],"callee":"2","duration":3}"#,      // 5: array value
            #"{"start_time":"2026-03-02 08:00:00","caller":"1","callee":"2","duration":3} x"#,    // 6: trailing junk
            #"{"start_time":"2026-03-02 08:00:00","caller":"1","callee":"2","duration":01}"#,     // 7: leading zero
            #"{"start_time":"2026-03-02 08:00:00","caller":"1\x","callee":"2","duration":3}"#,    // 8: bad escape
            good,
        ].joined(separator: "\n")
        let log = try readLog(text, options: Self.options, file: "f.jsonl")
        #expect(log.records.count == 2)
        #expect(log.issues.map(\.description) == [
            "f.jsonl:2: bad JSON at byte 75: expected ',' or '}'",
            "f.jsonl:3: no 'callee' field",
            "f.jsonl:4: bad JSON at byte 1: expected '{'",
            "f.jsonl:5: JSON field 'caller' is not a string or number",
            "f.jsonl:6: bad JSON at byte 77: expected the end of the line after the object",
            "f.jsonl:7: bad JSON at byte 75: expected ',' or '}'",
            "f.jsonl:8: bad JSON at byte 49: expected a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
        ])
        #expect(log.rejectedByKind == ["bad JSON": 6, "missing field": 1])
    }

    /// A wanted key given twice (in any case) is a bad line, as two `caller` columns are a
    /// bad header: the last value used to win, silently. Other keys may repeat.
    @Test func aFieldGivenTwiceIsABadLine() throws {
        let text = [
            #"{"start_time":"2026-03-02 08:00:00","caller":"1","callee":"2","duration":3,"Caller":"3"}"#,
            #"{"start_time":"2026-03-02 08:00:00","caller":null,"caller":"1","callee":"2","duration":3}"#,
            #"{"start_time":"2026-03-02 08:00:00","caller":"1","callee":"2","duration":3,"x":1,"x":2}"#,
        ].joined(separator: "\n")
        let log = try readLog(text, options: Self.options, file: "f.jsonl")
        #expect(log.records.count == 1)
        #expect(log.issues.map(\.description) == ["f.jsonl:1: JSON field 'Caller' is given twice",
                                                  "f.jsonl:2: JSON field 'caller' is given twice"])
    }

    @Test func nestingAndKeyLimitsHold() throws {
        let deep = #"{"start_time":"2026-03-02 08:00:00","caller":"1","callee":"2","duration":3,"x":"#
            + String(repeating: "[", count: 65) + String(repeating: "]", count: 65) + "}"
        let ok = #"{"start_time":"2026-03-02 08:00:00","caller":"1","callee":"2","duration":3,"x":"#
            + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "}"
        var o = Self.options
        o.maximumFields = 6
        let wide = "{" + (0..<7).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}"
        let log = try readLog([deep, ok, wide].joined(separator: "\n"), options: o)
        #expect(log.records.count == 1)
        #expect(log.issues.map(\.reason) == [
            .badJSON("JSON nested deeper than 64 levels at byte 144"), .tooManyFields(limit: 6),
        ])
        // A megabyte of brackets is an error quickly, not a stack overflow.
        var big = InputOptions(); big.format = .jsonl; big.maximumLineLength = 2 << 20
        let bomb = #"{"a":"# + String(repeating: "[", count: 1 << 20)
        #expect(try readLog(bomb, options: big, chunk: 1 << 16).rejected == 1)
    }

    @Test func bomCRLFAndEmptyInput() throws {
        let text = "\u{FEFF}" + #"{"start_time":"2026-03-02 08:00:00","caller":"1","callee":"2","duration":3}"# + "\r\n\r\n"
        #expect(try readLog(text, options: Self.options).records.count == 1)
        #expect(try readLog("", options: Self.options).records.isEmpty)          // no header needed
    }

    @Test func columnMappingAppliesToKeys() throws {
        var o = Self.options
        try o.mapColumns("caller=from,callee=to,start_time=ts,duration=secs")
        let log = try readLog(#"{"ts":1772438400,"from":"1","to":"2","secs":3}"#, options: o)
        #expect(CSVDialectTests.summary(log) == ["1>2:3"])
    }
}
