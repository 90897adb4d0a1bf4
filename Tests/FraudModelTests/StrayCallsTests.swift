import Testing
@testable import FraudModel

@Suite("StrayCalls")
struct StrayCallsTests {
    static let day: UInt32 = 86_400
    /// 2026-03-02 00:00:00 UTC.
    static let monday: UInt32 = 1_772_409_600

    /// `count` calls a minute apart from `start`, between distinct pairs.
    static func calls(_ count: Int, from start: UInt32, step: UInt32 = 60, first id: UInt32 = 0) -> [CallRecord] {
        (0..<count).map { i in
            CallRecord(time: start + UInt32(i) * step, caller: id + UInt32(i % 97), callee: id + 100 + UInt32(i % 89), duration: 30)
        }
    }

    @Test("a call years after the rest, and one at the epoch, are stray; the rest are not")
    func aMistypedYearIsStray() {
        let week = Self.calls(2_000, from: Self.monday, step: 300)
        let year2062 = CallRecord(time: Self.monday + 36 * 365 * Self.day, caller: 1, callee: 2, duration: 60)
        let epoch = CallRecord(time: 61, caller: 3, callee: 4, duration: 60)
        let records = CallRecords([epoch] + week[..<1000] + [year2062] + week[1000...])
        let strays = StrayCalls(in: records, gap: Self.day)
        #expect(strays.count == 2)
        #expect(strays.groups == [61...61, year2062.time...year2062.time])
        #expect(strays.contains(61) && strays.contains(year2062.time))
        #expect(!week.contains { strays.contains($0.time) })
        #expect(StrayCalls(in: CallRecords(week), gap: Self.day).isEmpty)
        #expect(StrayCalls(in: records, gap: 0).isEmpty)
    }

    @Test("a gap of exactly the limit joins; one second more splits")
    func theGapIsExclusive() {
        let week = Self.calls(2_000, from: Self.monday)
        let last = week[week.count - 1].time
        let joined = CallRecords(week + [CallRecord(time: last + Self.day, caller: 1, callee: 2, duration: 1)])
        #expect(StrayCalls(in: joined, gap: Self.day).isEmpty)
        let split = CallRecords(week + [CallRecord(time: last + Self.day + 1, caller: 1, callee: 2, duration: 1)])
        #expect(StrayCalls(in: split, gap: Self.day).groups == [(last + Self.day + 1)...(last + Self.day + 1)])
    }

    @Test("15 calls far off are stray, 16 make real data; so does one call in a thousand")
    func aGroupOfSixteenIsData() {
        let week = Self.calls(20_000, from: Self.monday, step: 20)
        let later = Self.monday + 60 * Self.day
        let fifteen = StrayCalls(in: CallRecords(week + Self.calls(15, from: later)), gap: Self.day)
        #expect(fifteen.count == 15)
        #expect(fifteen.groups == [later...(later + 14 * 60)])
        #expect(StrayCalls(in: CallRecords(week + Self.calls(16, from: later)), gap: Self.day).isEmpty)
        // 2 calls among 1,999: more than one in a thousand.
        #expect(StrayCalls(in: CallRecords(Array(week[..<1_997]) + Self.calls(2, from: later)), gap: Self.day).isEmpty)
        #expect(StrayCalls(in: CallRecords(Array(week[..<1_999]) + Self.calls(2, from: later)), gap: Self.day).count == 2)
    }

    @Test("a small file with quiet days keeps every call; two weeks a month apart are both data")
    func sparseDataKeepsEverything() {
        let person = Self.calls(300, from: Self.monday, step: 3_600) + Self.calls(1, from: Self.monday + 30 * Self.day)
        #expect(StrayCalls(in: CallRecords(person), gap: Self.day).isEmpty)
        let twoWeeks = Self.calls(5_000, from: Self.monday, step: 120) + Self.calls(5_000, from: Self.monday + 35 * Self.day, step: 120)
        #expect(StrayCalls(in: CallRecords(twoWeeks), gap: Self.day).isEmpty)
    }

    @Test("the calls of the biggest group are the data, wherever the strays lie")
    func strayGroupsBetweenAndAround() {
        let data = Self.calls(3_000, from: Self.monday + 10 * Self.day, step: 60)
        let before = Self.calls(3, from: Self.monday)
        let after = Self.calls(2, from: Self.monday + 20 * Self.day)
        let strays = StrayCalls(in: CallRecords(after + data + before), gap: Self.day)
        #expect(strays.count == 5)
        #expect(strays.groups.count == 2)
        #expect(before.allSatisfy { strays.contains($0.time) } && after.allSatisfy { strays.contains($0.time) })
        #expect(!strays.contains(Self.monday + 5 * Self.day))
    }

    /// A week of 1,200 calls with a line dated 2062 and one in 1970, as CSV.
    static let csv: String = {
        var lines = ["start_time,caller,callee,duration"]
        for i in 0..<1_200 {
            lines.append("2026-03-0\(2 + i % 5) \(10 + i % 10):\(10 + i % 50):00,1390000\(1000 + i % 300),1380000\(1000 + i % 211),\(i % 400)")
            if i == 500 { lines.append("2062-03-04 10:00:00,13900001234,13800005678,600") }
            if i == 900 { lines.append("1970-01-01 00:00:07,13900001235,13800005679,0") }
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test("the reader skips, counts and describes stray calls; the log equals the file without them")
    func theReaderSkipsThem() throws {
        let log = try readLog(Self.csv)
        let clean = try readLog(Self.csv.split(separator: "\n").filter { !$0.hasPrefix("2062") && !$0.hasPrefix("1970") }
            .joined(separator: "\n") + "\n")
        #expect(log.strayCalls == 2)
        #expect(log.records == clean.records)
        #expect(log.linesRead == clean.linesRead + 2)
        #expect(log.strayExamples == ["2062-03-04 10:00:00, 13900001234 → 13800005678", "1970-01-01 00:00:07, 13900001235 → 13800005679"])
        #expect(log.strayNote == "skipped 2 calls dated more than 1 day from any other call (a mistyped time or a reset clock?; --stray-gap 0 keeps them)")
        #expect(clean.strayNote == nil)

        var keep = InputOptions()
        keep.strayGap = 0
        let kept = try readLog(Self.csv, options: keep)
        #expect(kept.strayCalls == 0 && kept.records.count == clean.records.count + 2)

        var hidden = InputOptions()
        hidden.quoteFieldsInIssues = false
        #expect(try readLog(Self.csv, options: hidden).strayExamples == ["2062-03-04 10:00:00", "1970-01-01 00:00:07"])
    }

    @Test("--strict stops at a stray call")
    func strictStops() {
        var strict = InputOptions()
        strict.strict = true
        #expect(throws: InputError.strayCall("a call at 2062-03-04 10:00:00, 13900001234 → 13800005678 is more than 1 day from any other call (a mistyped time?)")) {
            try readLog(Self.csv, options: strict)
        }
    }

    @Test("spilled runs lose the same calls as runs in memory")
    func spilledRunsToo() throws {
        let directory = RecordSpillTests.directory()
        var bytes = RecordSpillTests.week
        bytes += Array("2062-03-04 10:00:00,13900001234,13800005678,600,,,\n".utf8)
        let memory = try RecordSpillTests.read(bytes, threads: 3, spill: nil)
        let spilled = try RecordSpillTests.read(bytes, threads: 3, spill: directory, batch: 1_000, window: 4_096)
        #expect(memory.strayCalls == 1 && spilled.strayCalls == 1)
        #expect(spilled.records.isSpilled)
        #expect(spilled.records == memory.records)
        #expect(memory.records == (try RecordSpillTests.read(RecordSpillTests.week, threads: 3, spill: nil)).records)
        #expect(RecordSpillTests.entries(directory).isEmpty)
    }
}
