/// A synthetic, labelled window of a county's call records (by default a week).
///
/// The world: ordinary subscribers with personal circles, hard negatives that resemble fraud
/// (couriers, telemarketers, call centres, family abroad, new agents, virtual-operator users,
/// legitimate bank callers, shallow contacts), and fraud rings (spray, SIM-box and bank
/// look-alike numbers, hand-offs, fake service lines, advisers) running three scam scripts
/// on their victims. Everything is drawn from a hand-written PRNG: one config, one byte stream.
public struct SyntheticWeek: Sendable {
    let config: SynthConfig
    let book: SynthNumberBook
    let calls: [SynthCall]
    let populationCount: Int
    let victims: [SynthVictim]
    let rings: [SynthFraudRing]
    let hardNegatives: [SynthCount]
    /// Population ids that occur in the calls, ascending.
    let labelled: [UInt32]
    /// Ring index + 1 of each number id (0 = not a fraud number).
    let ringOf: [UInt16]
    let isVictim: [Bool]

    /// Generates the world for `config` (normalized: ≥100 subscribers, 1…120 days).
    ///
    /// - Complexity: Linear in the number of records; about a second per million in release builds.
    public static func generate(_ config: SynthConfig) -> SyntheticWeek {
        let c = config.normalized
        var world = SynthWorld(c)
        SynthHardNegatives.assignPersonas(&world)
        SynthFraudRing.build(&world)
        var log = SynthCallLog(horizon: c.days * SynthCalendar.secondsPerDay, seed: c.seed,
                               capacity: c.subscribers * c.days * 11 / 2)
        SynthOrdinaryTraffic.generate(&world, &log)
        SynthHardNegatives.generate(&world, &log)
        SynthServiceLines.generate(&world, &log)
        SynthFraudTraffic.generate(world, &log)
        SynthScamScript.play(world, &log)
        let sorted = log.sortedByTime()
        return SyntheticWeek(world: world, calls: sorted)
    }

    private init(world: SynthWorld, calls: [SynthCall]) {
        config = world.config
        book = world.book
        self.calls = calls
        rings = world.rings
        populationCount = world.population.count
        let n = world.population.count
        var ringOf = [UInt16](repeating: 0, count: book.count)
        for ring in world.rings {
            for f in ring.numbers { ringOf[Int(f.id)] = UInt16(ring.index) }
        }
        var victimOf = [Int32](repeating: -1, count: n)
        for (k, v) in world.victims.enumerated() { victimOf[Int(v.subscriber)] = Int32(k) }
        var victims = world.victims
        var appears = [Bool](repeating: false, count: n)
        var fraudTalk = [UInt16](repeating: 0, count: n)
        let services = world.services
        for c in calls {
            let a = Int(c.caller), b = Int(c.callee)
            if a < n { appears[a] = true }
            if b < n { appears[b] = true }
            if a < n, victimOf[a] >= 0, services.isBank(c.callee) {
                let k = Int(victimOf[a])
                if let f = victims[k].firstContact, Int(c.time) > f, victims[k].moneyMoved == nil {
                    victims[k].moneyMoved = Int(c.time)
                }
            }
            guard c.duration > 0 else { continue }
            for (me, other) in [(a, b), (b, a)] where me < n && ringOf[other] != 0 {
                let k = Int(victimOf[me])
                if k >= 0 {
                    if victims[k].ring + 1 == Int(ringOf[other]) && victims[k].firstContact == nil {
                        victims[k].firstContact = Int(c.time)
                    }
                } else {
                    fraudTalk[me] = max(fraudTalk[me], c.duration)
                }
            }
        }
        self.victims = victims
        self.ringOf = ringOf
        isVictim = victimOf.map { $0 >= 0 }
        labelled = (0..<n).filter { appears[$0] }.map { UInt32($0) }
        var tally = world.hardNegatives
        tally.append(SynthCount(name: "fraud_contact_seconds", value: fraudTalk.filter { $0 > 0 && $0 < 60 }.count))
        tally.append(SynthCount(name: "fraud_contact_minutes", value: fraudTalk.filter { $0 >= 60 && $0 < 300 }.count))
        tally.append(SynthCount(name: "fraud_contact_long_not_victim", value: fraudTalk.filter { $0 >= 300 }.count))
        hardNegatives = tally
    }

    /// Number of rows of calls.csv (excluding the header).
    public var recordCount: Int { calls.count }

    /// Writes calls.csv to `write` in blocks of about 1 MiB, header first, sorted by start time.
    ///
    /// Columns: `start_time,caller,callee,duration,caller_region,callee_region,caller_imei`.
    /// Times are wall clock `YYYY-MM-DD HH:MM:SS` (≈5 % `YYYY-MM-DDTHH:MM:SS`); numbers appear
    /// in mixed spellings; regions and IMEIs may be empty.
    public func writeCalls(_ write: ([UInt8]) throws -> Void) rethrows {
        let writer = SynthCSVWriter(book: book, firstDay: Int(config.start / Int64(SynthCalendar.secondsPerDay)),
                                    days: config.days)
        try writer.write(calls, write)
    }

    /// The wall-clock text of a time offset within the window.
    func timestamp(_ offset: Int) -> String {
        SynthCalendar.timestamp(config.start + Int64(offset))
    }
}
