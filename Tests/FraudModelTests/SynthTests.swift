import Testing
@testable import FraudModel

@Suite("Synth") struct SynthTests {
    static let config = SynthConfig(subscribers: 2_000, days: 2, seed: 7)
    static let week = SyntheticWeek.generate(config)
    static let callsText: String = String(decoding: bytes(of: week), as: UTF8.self)
    static let rows: [[Substring]] = callsText.split(separator: "\n").dropFirst().map {
        $0.split(separator: ",", omittingEmptySubsequences: false)
    }

    static func bytes(of week: SyntheticWeek) -> [UInt8] {
        var out: [UInt8] = []
        week.writeCalls { out += $0 }
        return out
    }

    static func csv(_ bytes: [UInt8]) -> [[Substring]] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
    }

    /// The timestamp with the ISO 'T' replaced by a space.
    static func spaced(_ time: Substring) -> String { String(time.map { $0 == "T" ? " " : $0 }) }

    static var fraudNumbers: Set<String> { Set(csv(week.fraudCSV()).map { String($0[0]) }) }

    @Test func sameSeedSameBytes() {
        let again = SyntheticWeek.generate(Self.config)
        #expect(Self.bytes(of: again) == Self.bytes(of: Self.week))
        #expect(again.labelsCSV() == Self.week.labelsCSV())
        #expect(again.fraudCSV() == Self.week.fraudCSV())
        #expect(again.victimsCSV() == Self.week.victimsCSV())
        #expect(again.watchlistText() == Self.week.watchlistText())
        #expect(again.summary == Self.week.summary)
    }

    /// Four months can be generated (a long-running stream's test data): the calls reach the
    /// last day, every phone switch falls within the period, and longer asks are clamped.
    @Test func fourMonthsAreGeneratedAndLongerIsClamped() {
        let config = SynthConfig(subscribers: 100, days: 120, seed: 3)
        #expect(config.normalized.days == 120)
        #expect(SynthConfig(subscribers: 100, days: 500, seed: 3).normalized.days == 120)
        let months = SyntheticWeek.generate(config)
        let rows = Self.csv(Self.bytes(of: months))
        let lastDay = (config.normalized.start + 119 * 86_400) / 86_400
        let days = Set(rows.map { row in
            Array(row[0].utf8).withUnsafeBufferPointer { Timestamp.parse($0).map { $0.epoch / 86_400 } ?? -1 }
        })
        #expect(days.contains(lastDay) && !days.contains(lastDay + 1) && !days.contains(-1))
    }

    /// `steadyRings`: four weeks get the rings of one (each with four times the victims), the
    /// victims of four; a week is the same either way.
    @Test func steadyRingsKeepAWeeksRings() {
        func generate(days: Int, steady: Bool) -> SyntheticWeek {
            var c = SynthConfig(subscribers: 5_000, days: days, seed: 11)
            c.steadyRings = steady
            return SyntheticWeek.generate(c)
        }
        let week = generate(days: 7, steady: false), steadyWeek = generate(days: 7, steady: true)
        let month = generate(days: 28, steady: false), steadyMonth = generate(days: 28, steady: true)
        #expect(week.rings.count == 1 && month.rings.count == 5)
        #expect(steadyMonth.rings.count == week.rings.count)
        #expect(steadyMonth.victims.count == month.victims.count && month.victims.count == 4 * week.victims.count)
        #expect(Self.bytes(of: steadyWeek) == Self.bytes(of: week) && steadyWeek.fraudCSV() == week.fraudCSV())
    }

    @Test func differentSeedDifferentBytes() {
        var other = Self.config
        other.seed = 8
        let week = SyntheticWeek.generate(other)
        #expect(Self.bytes(of: week) != Self.bytes(of: Self.week))
        #expect(week.labelsCSV() != Self.week.labelsCSV())
    }

    @Test func volumePerSubscriber() {
        let perWeek = Double(Self.week.recordCount) / 2_000 * 7 / 2
        #expect(perWeek > 28 && perWeek < 55, "records per subscriber per week: \(perWeek)")
        #expect(Self.rows.count == Self.week.recordCount)
    }

    @Test func everyRowParses() throws {
        #expect(Self.callsText.hasPrefix("start_time,caller,callee,duration,caller_region,callee_region,caller_imei\n"))
        var previous = ""
        for row in Self.rows {
            try #require(row.count == 7, "row: \(row)")
            let time = row[0]
            let t = Array(time.utf8)
            try #require(t.count == 19, "time: \(time)")
            #expect(t[4] == 0x2D && t[7] == 0x2D && (t[10] == 0x20 || t[10] == 0x54) && t[13] == 0x3A && t[16] == 0x3A)
            let digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            #expect(digits.allSatisfy { t[$0] >= 0x30 && t[$0] <= 0x39 })
            let hour = Int(time.dropFirst(11).prefix(2)) ?? 99, minute = Int(time.dropFirst(14).prefix(2)) ?? 99
            #expect(hour < 24 && minute < 60)
            let key = Self.spaced(time)
            #expect(key >= previous, "sorted by start time")
            previous = key
            let duration = try #require(Int(row[3]))
            #expect(duration >= 0)
            #expect(PhoneNumber.canonical(row[1]) != nil && PhoneNumber.canonical(row[2]) != nil)
            for region in [row[4], row[5]] { #expect(region.isEmpty || (region.count == 6 && Int(region) != nil)) }
            #expect(row[6].isEmpty || (row[6].count == 15 && row[6].allSatisfy(\.isNumber)))
        }
    }

    @Test func formatsAreMixed() {
        let callers = Self.rows.map { $0[1] }
        #expect(callers.contains { $0.count == 11 && $0.hasPrefix("1") })
        #expect(callers.contains { $0.count == 13 && $0.hasPrefix("861") })
        #expect(callers.contains { $0.hasPrefix("+861") })
        #expect(callers.contains { $0.hasPrefix("00861") })
        let all = callers + Self.rows.map { $0[2] }
        #expect(all.contains { $0.hasPrefix("+") && !$0.hasPrefix("+86") })
        #expect(all.contains { $0.hasPrefix("00") && !$0.hasPrefix("0086") })
        #expect(all.contains { $0.hasPrefix("0571") })
        let iso = Self.rows.filter { $0[0].contains("T") }.count
        #expect(iso > Self.rows.count / 50 && iso < Self.rows.count / 10)
        let noIMEI = Self.rows.filter { $0[6].isEmpty }.count
        #expect(noIMEI > Self.rows.count / 20 && noIMEI < Self.rows.count / 4)
    }

    @Test func labelsCoverVictimsAndNoFraudNumbers() throws {
        let labels = Self.csv(Self.week.labelsCSV())
        var label: [String: Substring] = [:]
        for row in labels { label[String(row[0])] = row[1] }
        #expect(label.count == labels.count, "one row per subscriber")
        #expect(label.keys.allSatisfy { $0.count == 11 && $0.hasPrefix("1") })
        let victims = Self.csv(Self.week.victimsCSV())
        #expect(victims.count >= 3)
        for v in victims { #expect(label[String(v[0])] == "1") }
        #expect(labels.filter { $0[1] == "1" }.count == victims.count)
        #expect(Self.fraudNumbers.isDisjoint(with: label.keys))
        let roles = Set(Self.csv(Self.week.fraudCSV()).map { String($0[1]) })
        #expect(roles.isSuperset(of: ["spray", "handoff", "fake_service", "adviser"]))
    }

    @Test func victimsTalkToFraudThenMoveMoney() throws {
        let fraud = Self.fraudNumbers
        let banks: Set<String> = ["95588", "95533", "95599", "95555", "95566", "95559", "95595"]
        var contacts: [String: Set<String>] = [:]      // victim → fraud numbers talked to
        var bankCalls: Set<String> = []                 // "victim|time"
        for row in Self.rows {
            guard let a = PhoneNumber.canonical(row[1]), let b = PhoneNumber.canonical(row[2]) else { continue }
            if fraud.contains(b) { contacts[a, default: []].insert(b) }
            if fraud.contains(a) { contacts[b, default: []].insert(a) }
            if banks.contains(b) { bankCalls.insert(a + "|" + Self.spaced(row[0])) }
        }
        for v in Self.csv(Self.week.victimsCSV()) {
            let who = String(v[0])
            #expect(!(contacts[who] ?? []).isEmpty, "victim \(who) has no fraud contact")
            #expect(v[2].count == 19)
            if !v[3].isEmpty {
                #expect(v[3] > v[2], "money moves after first contact")
                #expect(bankCalls.contains(who + "|" + v[3]), "bank call of \(who) is in calls.csv")
            }
        }
    }

    @Test func watchlistIsPartialAndRaw() {
        let lines = String(decoding: Self.week.watchlistText(), as: UTF8.self).split(separator: "\n")
        #expect(lines.first?.hasPrefix("# known fraud numbers") == true)
        let numbers = lines.dropFirst().compactMap { PhoneNumber.canonical($0) }
        #expect(numbers.count == lines.count - 1)
        #expect(Set(numbers).isSubset(of: Self.fraudNumbers))
        let share = Double(numbers.count) / Double(Self.fraudNumbers.count)
        #expect(share > 0.2 && share < 0.4)
    }

    @Test func hardNegativesPresent() {
        let summary = Self.week.summary
        for kind in ["courier", "telemarketer", "call_centre", "overseas_family", "new_agent_or_employer",
                     "virtual_operator_user", "bank_hotline_caller", "fraud_contact_seconds"] {
            let line = summary.split(separator: "\n").first { $0.contains(kind + ":") }
            let count = line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
            #expect(count > 0, "\(kind) missing")
        }
        let fraud = Self.fraudNumbers
        let abroad = Self.rows.filter { row in
            guard let caller = PhoneNumber.canonical(row[0 + 1]) else { return false }
            return caller.hasPrefix("+") && !fraud.contains(caller)
        }
        #expect(abroad.contains { (Int($0[3]) ?? 0) >= 1200 }, "long calls from family abroad")
    }

    @Test func deterministicMath() {
        #expect(abs(SynthMath.exp(1) - 2.718281828459045) < 1e-14)
        #expect(abs(SynthMath.log(10) - 2.302585092994046) < 1e-14)
        var a = Xoshiro(seed: 1), b = Xoshiro(seed: 1)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
        #expect(SynthCalendar.timestamp(1_772_409_600) == "2026-03-02 00:00:00")
        #expect(SynthCalendar.weekday(1_772_409_600 / 86_400) == 0)
    }
}
