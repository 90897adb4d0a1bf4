import Testing
@testable import FraudModel

/// Per-subscriber exports with direction codes (`--layout subscriber`).
@Suite("Subscriber layout")
struct SubscriberLayoutTests {
    static var options: InputOptions { var o = InputOptions(); o.layout = .subscriber; return o }
    static let header = "phone_no_m,opposite_no_m,calltype_id,start_datetime,call_dur,city_name,county_name,imei_m\n"

    /// A = 13900000001 … F = 13900000006.
    static let rows = [
        "13900000001,13900000002,1,2026-03-02 08:00:00,600,hz,330102,111",   // A's row: A→B
        "13900000002,13900000001,2,2026-03-02 08:00:01,601,hz,330105,222",   // B's row of that call: merged
        "13900000001,13900000003,1,2026-03-02 09:00:00,0,hz,330102,111",     // A→C
        "13900000001,13900000003,1,2026-03-02 09:00:02,0,hz,330102,111",     // redial: same side, kept
        "13900000004,13900000001,2,2026-03-02 10:00:00,30,hz,330107,444",    // D's row: A→D
        "13900000001,13900000004,1,2026-03-02 10:00:03,30,hz,330102,111",    // 3 s later: another call
        "13900000001,13900000005,3,2026-03-02 11:00:00,10,hz,330102,111",    // forwarding: skipped
        "13900000001,13900000005,,2026-03-02 11:00:00,10,hz,330102,111",     // no code: skipped
        "13900000005,13900000001,2,2026-03-02 12:00:00,100,hz,330109,555",   // E's row: A→E
        "13900000001,13900000005,1,2026-03-02 12:00:00,102,hz,330102,111",   // durations 2 s apart: kept
        "13900000006,13900000001,1,2026-03-02 13:00:00,50,hz,330110,666",    // F says F→A
        "13900000001,13900000006,1,2026-03-02 13:00:01,50,hz,330102,111",    // A says A→F: same call, merged
    ]

    @Test func directionsMergesSkipsRegionsAndHandsets() throws {
        let log = try readLog(Self.header + Self.rows.joined(separator: "\n") + "\n", options: Self.options)
        #expect(log.rejected == 0)
        #expect(CSVDialectTests.summary(log).map { $0.replacingOccurrences(of: "1390000000", with: "") } == [
            "1>2:600", "1>3:0", "1>3:0", "1>4:30", "1>4:30", "1>5:100", "1>5:102", "6>1:50",
        ])
        #expect(log.mergedDuplicates == 2)
        #expect(log.skippedCallTypes == ["3": 1, "(empty)": 1])
        #expect(log.linesRead == 12)
        let id = { (n: String) in log.numbers.lookup(n)! }
        #expect(log.region(of: id("13900000001")) == "330102")
        #expect(log.region(of: id("13900000002")) == "330105")      // B's county, from B's own row
        #expect(log.region(of: id("13900000003")) == "")            // never a subscriber here
        #expect(log.imeiCount[Int(id("13900000001"))] == 1)
        // The merged call keeps the row read first: A's, at 08:00:00 for 600 s.
        #expect(log.records[0].time == 1_772_438_400 && log.records[0].duration == 600)
        // Spilled, the rows merge the same (the merge reads the spilled calls back).
        var spill = Self.options
        spill.spillDirectory = "/tmp"
        let spilled = try readLog(Self.header + Self.rows.joined(separator: "\n") + "\n", options: spill)
        #expect(CSVDialectTests.summary(spilled) == CSVDialectTests.summary(log))
        #expect(spilled.mergedDuplicates == 2 && spilled.records == log.records)
    }

    @Test func columnsAndCallTypesAreRemappable() throws {
        var o = Self.options
        try o.mapColumns("subscriber=msisdn,other=peer,call_type=dir,start_time=ts,duration=secs,subscriber_region=county")
        o.callTypes = try #require(CallTypeCodes("MO,MT"))
        let csv = "msisdn;peer;dir;ts;secs;county\n"
            + "13900000001;13900000002;MO;2026-03-02 08:00:00;60;330102\n"
            + "13900000002;13900000001;MT;2026-03-02 08:00:02;60;330105\n"
            + "13900000001;13900000002;SMS;2026-03-02 08:00:02;0;330102\n"
        let log = try readLog(csv, options: o)
        #expect(CSVDialectTests.summary(log) == ["13900000001>13900000002:60"])
        #expect(log.mergedDuplicates == 1 && log.skippedCallTypes == ["SMS": 1])
        #expect(CallTypeCodes("1") == nil && CallTypeCodes("1,1") == nil && CallTypeCodes(",2") == nil)
    }

    @Test func missingSubscriberColumnsNameTheMappingToUse() {
        #expect(throws: InputError.missingColumn(file: "t.csv", column: "phone_no_m", canonical: "subscriber",
                                                 header: ["phone", "opposite_no_m", "calltype_id", "start_datetime", "call_dur"])) {
            try readLog("phone,opposite_no_m,calltype_id,start_datetime,call_dur\n", options: Self.options)
        }
        let e = InputError.missingColumn(file: "t.csv", column: "phone_no_m", canonical: "subscriber", header: ["phone", "opposite_no_m"])
        #expect(e.description == "t.csv:1: missing required column 'phone_no_m' (header: phone,opposite_no_m); map it with --columns subscriber=NAME")
        let call = InputError.missingColumn(file: "t.csv", column: "phone_no_m", canonical: "subscriber", header: ["start_time", "caller", "callee"])
        #expect(call.description.hasSuffix("use --layout call"))
    }

    @Test func columnsOfTheOtherLayoutAreRefused() throws {
        var o = Self.options
        try o.mapColumns("caller=x")
        #expect(throws: InputError.self) { try o.validate() }
        var c = InputOptions()
        try c.mapColumns("other=x")
        #expect(throws: InputError.self) { try c.validate() }
    }

    @Test func jsonLinesWithTheSubscriberLayout() throws {
        var o = Self.options
        o.format = .jsonl
        let text = """
            {"phone_no_m":"13900000001","opposite_no_m":"13900000002","calltype_id":1,"start_datetime":"2026-03-02 08:00:00","call_dur":60,"county_name":"330102"}
            {"phone_no_m":"13900000002","opposite_no_m":"13900000001","calltype_id":"2","start_datetime":"2026-03-02 07:59:59","call_dur":59}
            """
        let log = try readLog(text, options: o)
        // B's row is a second earlier, so it is the one kept.
        #expect(CSVDialectTests.summary(log) == ["13900000001>13900000002:59"])
        #expect(log.mergedDuplicates == 1)
    }

    @Test func hashedSubscriberIdentifiers() throws {
        let a = String(repeating: "ab", count: 64), b = String(repeating: "C9", count: 64)   // 128 hex digits each
        let csv = Self.header
            + "\(a),\(b),1,2026-03-02 08:00:00,60,hz,330102,x\n"
            + "\(b.lowercased()),\(a.uppercased()),2,2026-03-02 08:00:01,60,hz,330105,y\n"
        let log = try readLog(csv, options: Self.options)
        #expect(log.numbers.count == 2)                                   // hex ids fold case
        #expect(log.records.count == 1 && log.mergedDuplicates == 1)
        #expect(log.numbers.kinds == [.opaque, .opaque])
        #expect(log.numbers.text(log.records[0].callee) == b.lowercased())
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    fileprivate func range(of target: String) -> Range<Substring.Index>? {
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) { return i..<index(i, offsetBy: target.count) }
            i = index(after: i)
        }
        return nil
    }
}

/// The matching key of a call seen from both sides, row by row.
@Suite("DuplicateCallFilter")
struct DuplicateCallFilterTests {
    private func r(_ t: UInt32, _ a: NumberID, _ b: NumberID, _ d: UInt32) -> CallRecord {
        CallRecord(time: t, caller: a, callee: b, duration: d)
    }

    @Test func toleranceEdges() {
        var f = DuplicateCallFilter()
        let offered: [(CallRecord, DuplicateCallFilter.Side, Bool)] = [
            (r(100, 1, 2, 60), .caller, false),
            (r(102, 1, 2, 61), .callee, true),          // 2 s later, 1 s longer: the same call
            (r(200, 1, 2, 60), .caller, false),
            (r(203, 1, 2, 60), .callee, false),         // 3 s apart: two calls
            (r(300, 1, 2, 60), .caller, false),
            (r(300, 1, 2, 62), .callee, false),         // 2 s longer: two calls
            (r(400, 1, 2, 0), .caller, false),
            (r(401, 1, 2, 0), .caller, false),          // same side: a redial
            (r(401, 1, 2, 0), .callee, true),           // matches one of them …
            (r(402, 1, 2, 0), .callee, true),           // … and then the other
            (r(402, 1, 2, 0), .callee, false),          // none left
            (r(500, 1, 1, 5), .caller, false),
            (r(500, 1, 1, 5), .callee, false),          // a self-call has one side
            (r(600, 3, 4, 5), .none, false),
            (r(600, 3, 4, 5), .none, false),            // per-call rows never match
            (r(700, 5, 6, 5), .caller, false),
            (r(701, 6, 5, 5), .caller, true),           // 6 also claims the call: codes disagree, the pair decides
        ]
        for (k, o) in offered.enumerated() {
            let got = f.isDuplicate(o.0, side: o.1)
            #expect(got == o.2, "row \(k)")
        }
    }

    @Test func theOldestCandidateIsTakenSoNoLaterRowIsStranded() {
        // Two calls A→B a second apart, both callee rows stamped 2 s late. Matching the
        // callee row at 102 to the newer caller row (101) would leave the one at 103 with
        // only the row at 100, 3 s away; found on a 1.9-million-call week.
        let records = [r(100, 1, 2, 0), r(101, 1, 2, 0), r(102, 1, 2, 0), r(103, 1, 2, 0)]
        let (kept, merged) = DuplicateCallFilter.merge(records, sides: [.caller, .caller, .callee, .callee])
        #expect(merged == 2)
        #expect(kept == [r(100, 1, 2, 0), r(101, 1, 2, 0)])
    }

    @Test func callsCrossingInTheSameSecondAreNotConfused() {
        // 1 calls 2 (35 s) while 2 calls 1 (34 s), both at 100; every callee row stamped 2 s
        // late and 1 s longer. Found on a 1.9-million-call synthetic week.
        let records = [r(100, 1, 2, 35), r(100, 2, 1, 34), r(102, 1, 2, 36), r(102, 2, 1, 35)]
        let (kept, merged) = DuplicateCallFilter.merge(records, sides: [.caller, .caller, .callee, .callee])
        #expect(merged == 2)
        #expect(kept == [r(100, 1, 2, 35), r(100, 2, 1, 34)])
    }

    @Test func mergeKeepsInputOrderAndWorksOnUnsortedInput() {
        let records = [r(50, 3, 4, 9), r(10, 1, 2, 5), r(52, 4, 3, 9), r(11, 1, 2, 5)]
        let (kept, merged) = DuplicateCallFilter.merge(records, sides: [.caller, .caller, .caller, .callee])
        #expect(merged == 2)
        #expect(kept == [r(50, 3, 4, 9), r(10, 1, 2, 5)])
    }

    @Test func longStreamsStayBoundedAndExact() {
        var f = DuplicateCallFilter()
        var merged = 0
        for i in 0..<20_000 {
            let t = UInt32(i / 3)
            let a = NumberID(i % 997), b = NumberID(1000 + i % 991)
            if f.isDuplicate(r(t, a, b, 30), side: .caller) { merged += 1 }
            if f.isDuplicate(r(t + 1, a, b, 31), side: .callee) { merged += 1 }
        }
        #expect(merged == 20_000)
    }
}
