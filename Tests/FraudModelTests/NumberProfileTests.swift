import Foundation
import Testing
@testable import FraudModel

@Suite("NumberProfile")
struct NumberProfileTests {
    // A = 13900000001 is the number under study. Times are written in UTC+8; comments give the
    // local hour and the day counted from the log's first call (03-02 01:00Z).
    static let csv = """
        start_time,caller,callee,duration,caller_imei
        2026-03-02T09:00:00+08:00,13900000001,13900000002,20,111
        2026-03-02T10:00:00+08:00,13900000001,13900000003,700,222
        2026-03-02T23:30:00+08:00,13900000001,13900000002,0,111
        2026-03-03T12:00:00+08:00,13900000001,13900000004,100,111
        2026-03-03T13:00:00+08:00,13900000002,13900000001,200,
        2026-03-04T02:00:00+08:00,13900000003,13900000001,0,
        2026-03-04T15:00:00+08:00,13900000005,13900000001,190,
        2026-03-04T15:10:00+08:00,13900000005,13900000001,300,
        2026-03-04T16:00:00+08:00,13900000006,13900000001,100,
        """
    // line:   local hour  day   A's role
    //  2      09          0     out, answered 20 s (short), work hours
    //  3      10          0     out, 700 s (long), work hours, second IMEI
    //  4      23          0     out, unanswered, night
    //  5      12          1     out, 100 s, work hours
    //  6      13          1     in from B (B returns A's call), 200 s: held
    //  7      02          1     in from C (returns A's call), unanswered, night
    //  8–9    15          2     in from E twice, 190 s and 300 s: held (one distinct caller)
    // 10      16          2     in from F, 100 s: not held

    /// The same instants written in UTC: identical records, display offset 0.
    static let utcCSV = """
        start_time,caller,callee,duration,caller_imei
        2026-03-02T01:00:00Z,13900000001,13900000002,20,111
        2026-03-02T02:00:00Z,13900000001,13900000003,700,222
        2026-03-02T15:30:00Z,13900000001,13900000002,0,111
        2026-03-03T04:00:00Z,13900000001,13900000004,100,111
        2026-03-03T05:00:00Z,13900000002,13900000001,200,
        2026-03-03T18:00:00Z,13900000003,13900000001,0,
        2026-03-04T07:00:00Z,13900000005,13900000001,190,
        2026-03-04T07:10:00Z,13900000005,13900000001,300,
        2026-03-04T08:00:00Z,13900000006,13900000001,100,
        """

    /// The study's settings, all spelled out so that changes to the defaults do not move them.
    static let settings: [String: Double] = [
        "short_call": 30, "long_call": 600, "hold_call": 180,
        "night_start": 22, "night_end": 6, "work_start": 8, "work_end": 18,
    ]

    /// Every caller feature of `number`, by feature.
    static func features(_ csv: String, _ number: String, settings overrides: [String: Double] = [:],
                         ring: Int = 0) throws -> [CallerFeature: Double] {
        let log = try readLog(csv)
        let settings = EngineSettings(Self.settings.merging(overrides) { $1 })
        let profiles = NumberProfiles(log: log, settings: settings)
        let id = try #require(log.numbers.lookup(number))
        var f = [Double](repeating: .nan, count: CallerFeature.allCases.count)
        f.withUnsafeMutableBufferPointer { profiles.fill($0, id: Int(id), ringContacts: ring) }
        var out: [CallerFeature: Double] = [:]
        for c in CallerFeature.allCases { out[c] = f[c.rawValue] }
        return out
    }

    @Test func outgoingCounts() throws {
        let a = try Self.features(Self.csv, "13900000001")
        #expect(a[.outCalls] == 4)
        #expect(a[.outAnswered] == 3)
        #expect(a[.outAnswerRate] == 0.75)
        #expect(a[.outDistinct] == 3)                          // B, C, D; B twice
        #expect(a[.outTalk] == 820)
        #expect(a[.outMeanHold] == 820.0 / 3.0)
        #expect(a[.outShortShare] == 1.0 / 3.0)                // 20 s < 30 s, of 3 answered
        #expect(a[.outLong] == 1)                              // 700 s ≥ 600 s
        #expect(a[.callsPerCallee] == 4.0 / 3.0)
    }

    @Test func incomingCountsAndHeldCallers() throws {
        let a = try Self.features(Self.csv, "13900000001")
        #expect(a[.inCalls] == 5)
        #expect(a[.inAnswered] == 4)
        #expect(a[.inDistinct] == 4)                           // B, C, E, F
        #expect(a[.inTalk] == 790)
        #expect(a[.inMeanHold] == 197.5)
        #expect(a[.inLong] == 0)
        #expect(a[.inHeldDistinct] == 2)                       // B (200 s) and E (twice), not F (100 s)
        #expect(a[.outShare] == 4.0 / 9.0)
    }

    @Test func callbacksPeersAndDevices() throws {
        let a = try Self.features(Self.csv, "13900000001")
        #expect(a[.callbackShare] == 2.0 / 3.0)                // B and C called A back, D did not
        #expect(a[.inKnownShare] == 2.0 / 4.0)                 // of B, C, E, F who called it, it called B and C
        #expect(a[.peers] == 5)                                // B, C, D, E, F: B and C once each
        #expect(a[.imeis] == 2)
        let b = try Self.features(Self.csv, "13900000002")
        #expect(b[.callbackShare] == 1)
        #expect(b[.peers] == 1)
        #expect(b[.imeis] == 0)                                // its row has no IMEI
        let f = try Self.features(Self.csv, "13900000006")
        #expect(f[.callbackShare] == 0)
        #expect(f[.inKnownShare] == 0)                         // nobody called it: 0, not NaN
        #expect(f[.outShare] == 1)
        #expect(f[.inMeanHold] == 0)                           // no answered inbound call: 0, not NaN
    }

    /// One call's update of a party is one cache line; the talk counters that made room for
    /// the out-day mask stop at their maximum instead of wrapping.
    @Test func theCountsFitOneCacheLineAndTalkSaturates() {
        #expect(MemoryLayout<ProfileCounts>.size == 64 && MemoryLayout<ProfileCounts>.stride == 64)
        var a = ProfileCounts(), b = ProfileCounts()
        a.outTalk = .max - 10; b.outTalk = 11
        a.inTalk = 5; b.inTalk = 6
        a.add(b)
        #expect(a.outTalk == .max && a.inTalk == 11)
        let settings = EngineSettings(Self.settings)
        let call = CallRecord(time: 1_772_442_000, caller: 0, callee: 1, duration: 3600)
        a.addOutgoing(call, day: 2, hour: 9, settings)
        a.addIncoming(call, day: 3, hour: 9, settings)
        #expect(a.outTalk == .max && a.inTalk == 3611)
        #expect(a.days.made == 0b100 && a.days.active == 0b1100)
    }

    /// The stream's estimate of the counts over the days it keeps: every count by the same
    /// share, rounded, never a part above its whole; days and first call untouched.
    @Test func scalingKeepsEveryCountInProportion() {
        var c = ProfileCounts()
        c.outCalls = 61; c.outAnswered = 41; c.outShort = 3; c.outLong = 7; c.outWork = 50; c.outTalk = 12_345
        c.inCalls = 9; c.inAnswered = 9; c.inLong = 1; c.night = 4; c.inTalk = 77
        c.days.markCall(1); c.firstSeen = 5
        c.scale(by: 0.5)
        #expect([c.outCalls, c.outAnswered, c.outShort, c.outLong, c.outWork, c.outTalk] == [31, 21, 2, 4, 25, 6_173])
        #expect([c.inCalls, c.inAnswered, c.inLong, c.night, c.inTalk] == [5, 5, 1, 2, 39])
        #expect(c.days.made == 1 && c.firstSeen == 5)
    }

    @Test func activeDaysAndPerDayRate() throws {
        let a = try Self.features(Self.csv, "13900000001")
        #expect(a[.activeDays] == 3)
        #expect(a[.outDays] == 2)                              // day 2 only rang it
        #expect(a[.outDistinctPerDay] == 1)
        let b = try Self.features(Self.csv, "13900000002")
        #expect(b[.activeDays] == 2)                           // days 0 (two calls) and 1
        #expect(b[.outDays] == 1)                              // its one call, on day 1
        #expect(try Self.features(Self.csv, "13900000003")[.outDays] == 1)
    }

    /// `observed_hours` runs from a number's first call to the end of the data; `history_hours`
    /// from the start of the data to its first call: how long it was watched not existing.
    @Test func observedAndHistoryHours() throws {
        let a = try Self.features(Self.csv, "13900000001")   // there from the first call on
        #expect(a[.historyHours] == 0)
        #expect(a[.observedHours] == 55)                       // 03-02 01:00Z to 03-04 08:00Z
        let e = try Self.features(Self.csv, "13900000005")   // first seen 03-04 07:00Z
        #expect(e[.historyHours] == 54)
        #expect(e[.observedHours] == 1)
    }

    @Test func hoursOfDayUseTheInputsUTCOffset() throws {
        #expect(try readLog(Self.csv).displayOffset == 28_800)
        #expect(try readLog(Self.csv).records == readLog(Self.utcCSV).records)
        let local = try Self.features(Self.csv, "13900000001")
        #expect(local[.workHoursShare] == 0.75)                // 09, 10, 12 of 09, 10, 23, 12
        #expect(local[.nightShare] == 2.0 / 9.0)               // 23:30 out and 02:00 in, of 9 calls
        let utc = try Self.features(Self.utcCSV, "13900000001")
        #expect(utc[.workHoursShare] == 0.25)                  // UTC hours 01, 02, 15, 04
        #expect(utc[.nightShare] == 4.0 / 9.0)                 // UTC hours 01, 02, 04, 05
    }

    @Test func thresholdsComeFromTheSettings() throws {
        let a = try Self.features(Self.csv, "13900000001",
                                  settings: ["short_call": 150, "long_call": 100, "hold_call": 250])
        #expect(a[.outShortShare] == 2.0 / 3.0)                // 20 s and 100 s < 150 s
        #expect(a[.outLong] == 2)                              // 700 s and 100 s ≥ 100 s
        #expect(a[.inLong] == 4)                               // 200, 190, 300, 100 ≥ 100
        #expect(a[.inHeldDistinct] == 1)                       // only E's 300 s ≥ 250 s
        let night = try Self.features(Self.csv, "13900000001",
                                      settings: ["night_start": 1, "night_end": 3, "work_start": 20, "work_end": 10])
        #expect(night[.nightShare] == 1.0 / 9.0)               // 02:00 only
        #expect(night[.workHoursShare] == 0.5)                 // 20:00–10:00 wraps midnight: 09 and 23, not 10 or 12
    }

    @Test func ringContactsAreTakenFromTheCaller() throws {
        let a = try Self.features(Self.csv, "13900000001", ring: 2)
        #expect(a[.ringContacts] == 2)
        #expect(a[.ringShare] == 0.4)                          // 2 of 5 peers
        #expect(try Self.features(Self.csv, "13900000001")[.ringShare] == 0)
    }

    @Test func activeDaysAreCalendarDaysWhateverElseIsInTheLog() throws {
        // X calls at 23:00 and at 01:00 the next day: two calendar days.
        let x = """
            start_time,caller,callee,duration
            2026-03-02 23:00:00,13900000011,13900000012,60
            2026-03-03 01:00:00,13900000011,13900000013,60
            """
        let earlier = x + "\n2026-03-02 00:30:00,13900000021,13900000022,60\n"   // an unrelated call
        #expect(try Self.features(earlier, "13900000011")[.activeDays] == 2)
        let alone = try Self.features(x, "13900000011")[.activeDays]
        #expect(alone == 2)
    }

    /// A log of 100 days: the day mask has 64 bits, and every day from 63 on is counted apart.
    @Test func activeDaysPastTheMasksLastBitAreCountedOneByOne() throws {
        func call(_ day: Int, _ caller: String, _ callee: String) -> String {
            "\(Timestamp.format(Int64(1_772_442_000 + day * 86_400))),\(caller),\(callee),60"    // 2026-03-02 09:00 + day
        }
        // X: days 0, 63, 70, 71 (twice), 90 calling out, 70 and 99 called. Y: days 80-84 only,
        // two people a day. Z: one call on each of days 64 and 65, which bit 63 alone would
        // take for a busy day.
        var rows = ["start_time,caller,callee,duration"]
        rows += [0, 63, 70, 71, 71, 90].map { call($0, "13900000011", "13900000012") }
        rows.append(call(70, "13900000013", "13900000011"))       // one day, both ways
        rows.append(call(99, "13900000013", "13900000011"))
        for day in 80...84 { rows += [call(day, "13900000021", "1390000\(day)01"), call(day, "13900000021", "1390000\(day)02")] }
        rows += [call(64, "13900000031", "13900000032"), call(65, "13900000031", "13900000032")]
        let csv = rows.joined(separator: "\n") + "\n"
        let x = try Self.features(csv, "13900000011")
        #expect(x[.activeDays] == 6)
        #expect(x[.outDays] == 5)                              // day 99 it was only rung
        #expect(x[.busyDays] == 1)                             // day 71
        let x2 = try Self.features(csv, "13900000012")
        #expect(x2[.activeDays] == 5)
        #expect(x2[.outDays] == 0)
        let y = try Self.features(csv, "13900000021")
        #expect(y[.activeDays] == 5)
        #expect(y[.outDays] == 5)
        #expect(y[.busyDays] == 5)
        let z = try Self.features(csv, "13900000031")
        #expect(z[.outDays] == 2 && z[.busyDays] == 0)
        #expect(y[.outDistinctPerDay] == 2)
        let log = try readLog(csv)
        for threads in [1, 2, 3] {
            // Each thread's list of number-day pairs compacted every two pairs, or never.
            for compaction in [2, NumberProfiles.heldCompaction] {
                let profiles = NumberProfiles(log: log, settings: EngineSettings(Self.settings), threads: threads,
                                              heldCompaction: compaction)
                for (number, days, outDays, busyDays) in [("13900000011", 6, 5, 1), ("13900000012", 5, 0, 0), ("13900000021", 5, 5, 5),
                                                         ("13900000031", 2, 2, 0)] {
                    let id = Int(try #require(log.numbers.lookup(number)))
                    let late = profiles.lateDays[id]
                    #expect(profiles[id].activeDays(lateDays: late) == days, "threads: \(threads), \(compaction)")
                    #expect(profiles[id].outDays(lateDays: late) == outDays, "threads: \(threads), \(compaction)")
                    #expect(profiles[id].busyDays(lateDays: late) == busyDays, "threads: \(threads), \(compaction)")
                }
            }
        }
        // The caller model sees the same days: a rule on five active days makes Y a suspect.
        let rules = try RuleSet.parse("""
            caller bias -10
            caller rule five_days weight 20 label "active five days" = active_days >= 5
            victim bias -10
            tier 1 = score >= 0.9
            """, file: "t.rules", schema: .engine,
            environment: RuleEnvironment(readFile: { _ in [] }, canonicalNumber: { PhoneNumber.canonical($0) }))
        let analysis = Analysis(log: log, rules: rules)
        #expect(try #require(analysis.suspicion(of: "13900000021")) > 0.99)
        #expect(try #require(analysis.suspicion(of: "13900000013")) < 0.01)
        // Under 63 days nothing is counted apart.
        #expect(NumberProfiles(log: try readLog(Self.csv), settings: EngineSettings(Self.settings)).lateDays.isEmpty)
    }

    /// The pass batches each thread's own calls, so a thread's batches cut the records in
    /// different places for each thread count; every count must equal a plain call-by-call
    /// count. 1,003 calls among 40 numbers: the last batch of each thread is partial, and some
    /// calls have both parties in one thread's range, some in two.
    @Test func batchedPassEqualsCallByCallOnAnyThreadCount() throws {
        var csv = "start_time,caller,callee,duration\n"
        var x: UInt64 = 7
        for k in 0..<1_003 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let a = Int(x >> 33) % 40, b = (a + 1 + Int(x >> 45) % 39) % 40
            let minute = k * 11, duration = Int(x >> 20) % 5 == 0 ? 0 : Int(x >> 24) % 900
            csv += String(format: "2026-03-%02d %02d:%02d:00,139%08d,139%08d,%d\n",
                          2 + minute / 1440, minute / 60 % 24, minute % 60, a, b, duration)
        }
        let log = try readLog(csv)
        let settings = EngineSettings(Self.settings)
        let start = try #require(log.timeSpan).lowerBound
        var expected = [NumberProfile](repeating: NumberProfile(), count: log.numbers.count)
        var held = Set<UInt64>()
        for r in log.records {
            let (day, hour) = NumberProfile.dayAndHour(r.time, periodStart: start, offset: Int(log.displayOffset))
            expected[Int(r.caller)].addOutgoing(r, day: day, hour: hour, settings)
            expected[Int(r.callee)].addIncoming(r, day: day, hour: hour, settings)
            if r.duration >= settings.holdCall, held.insert(UInt64(r.callee) << 32 | UInt64(r.caller)).inserted {
                expected[Int(r.callee)].heldDistinct += 1
            }
        }
        func counts(_ p: NumberProfile) -> [UInt64] {
            [p.days.light, p.days.made, UInt64(p.outTalk), UInt64(p.inTalk), UInt64(p.outCalls), UInt64(p.outAnswered), UInt64(p.outShort),
             UInt64(p.outLong), UInt64(p.outWork), UInt64(p.inCalls), UInt64(p.inAnswered), UInt64(p.inLong),
             UInt64(p.night), UInt64(p.firstSeen), UInt64(p.heldDistinct)]
        }
        #expect(log.records.count == 1_003)
        let whole = NumberProfiles(log: log, settings: settings)
        for threads in [1, 2, 3, 7] {
            let profiles = NumberProfiles(log: log, settings: settings, threads: threads)
            #expect((0..<profiles.count).map { counts(profiles[$0]) } == expected.map(counts), "threads: \(threads)")
            // Held lists compacted every few pairs, and the graph built 50 calls of callers at
            // a time from the profiles' call counts: the same profiles and graph.
            let bounded = NumberProfiles(log: log, settings: settings, threads: threads,
                                         heldCompaction: 4, maximumBucket: 50)
            #expect((0..<bounded.count).map { counts(bounded[$0]) } == expected.map(counts), "threads: \(threads)")
            #expect(bounded.graph.outStart == whole.graph.outStart && bounded.graph.outTargets == whole.graph.outTargets)
            #expect(bounded.graph.inStart == whole.graph.inStart && bounded.graph.inSources == whole.graph.inSources)
        }
    }

    @Test func addingTheProfilesOfTwoHalvesGivesTheWholeProfile() throws {
        let log = try readLog(Self.csv)
        let settings = EngineSettings(Self.settings)
        let start = try #require(log.timeSpan).lowerBound
        let offset = Int(log.displayOffset)
        func profile(_ records: Slice<CallRecords>, _ id: NumberID) -> NumberProfile {
            var p = NumberProfile()
            for r in records {
                let (day, hour) = NumberProfile.dayAndHour(r.time, periodStart: start, offset: offset)
                if r.caller == id { p.addOutgoing(r, day: day, hour: hour, settings) }
                if r.callee == id { p.addIncoming(r, day: day, hour: hour, settings) }
            }
            return p
        }
        func counts(_ p: NumberProfile) -> [UInt64] {
            [p.days.light, p.days.made, UInt64(p.outTalk), UInt64(p.inTalk), UInt64(p.outCalls), UInt64(p.outAnswered), UInt64(p.outShort),
             UInt64(p.outLong), UInt64(p.outWork), UInt64(p.inCalls), UInt64(p.inAnswered), UInt64(p.inLong),
             UInt64(p.night), UInt64(p.firstSeen)]
        }
        let a = try #require(log.numbers.lookup("13900000001"))
        for cut in 0...log.records.count {
            var first = profile(log.records[..<cut], a)
            first.counts.add(profile(log.records[cut...], a).counts)
            #expect(counts(first) == counts(profile(log.records[...], a)), "cut at \(cut)")
        }
        var late = profile(log.records[4...], a)              // the earlier first call wins
        late.counts.add(profile(log.records[..<4], a).counts)
        #expect(late.firstSeen == log.records[0].time)
    }

    @Test func heldPairListsAreCompactedToTheirDistinctPairs() {
        var pairs: [UInt64] = [5, 3, 5, 9, 3, 3, 1 << 40, 7, 1 << 40]
        let next = NumberProfiles.compact(&pairs, threshold: 16)
        #expect(pairs == [3, 5, 7, 9, 1 << 40])
        #expect(next == 16)                                      // never below the threshold
        var many = (0..<3_000).map { UInt64($0 / 2) }.reversed() as [UInt64]
        #expect(NumberProfiles.compact(&many, threshold: 16) == 3_000)   // twice the 1,500 left
        #expect(many == (0..<UInt64(1_500)).map { $0 })
    }
}
