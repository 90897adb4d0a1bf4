/// Everyday calls of the population: personal circles, shops, carriers, banks.
enum SynthOrdinaryTraffic {
    /// Circle calls per subscriber per day at activity 1 (calibrated to ≈37 records per
    /// subscriber per week overall).
    static let callsPerDay = 4.5

    static func generate(_ world: inout SynthWorld, _ log: inout SynthCallLog) {
        let pop = world.population
        let services = world.services
        let weekFraction = Double(world.days) / 7
        var bankCallers = 0
        for s in 0..<pop.count {
            var rng = world.rng(1, s)
            let me = UInt32(s)
            let contacts = pop.contacts(of: s)
            let switchDay = Int(pop.phoneSwitch[s])
            for day in 0..<world.days where pop.isActive(s, day) {
                let imei = switchDay >= 0 && day >= switchDay ? 1 : 0
                let weekend = world.isWeekend(day)
                let n = rng.poisson(callsPerDay * Double(pop.activity[s]) * (weekend ? 0.85 : 1))
                for _ in 0..<n {
                    let u = rng.unit()
                    let j = contacts.lowerBound + min(contacts.count - 1, Int(Double(contacts.count) * u * u))
                    let other = pop.circle[j]
                    let tie = pop.tie[j]
                    let t = tie == .colleague && !weekend || tie == .business
                        ? world.time(day, .office, &rng) : world.personalTime(day, &rng)
                    let inbound = (tie == .outside || tie == .business) && rng.chance(0.4)
                    let (a, b) = inbound ? (other, me) : (me, other)
                    call(t, a, b, tie, imei: inbound ? 0 : imei, pop: pop, &log, &rng)
                }
                // Shops, restaurants, offices that are not in the circle.
                for _ in 0..<rng.poisson(0.22) {
                    let shop = pop.randomBusiness(&rng)
                    let t = world.time(day, .office, &rng)
                    if rng.chance(0.3) {
                        log.add(t, shop, me, rng.chance(0.8) ? rng.seconds(median: 50, sigma: 0.8, 5, 900) : 0)
                    } else {
                        log.add(t, me, shop, rng.chance(0.85) ? rng.seconds(median: 60, sigma: 0.8, 5, 1200) : 0, imei: imei)
                    }
                }
            }
            let from = Int(pop.activeFrom[s]), until = Int(pop.activeUntil[s])
            guard until > from else { continue }
            func someDay(_ rng: inout Xoshiro) -> Int { rng.int(from, until - 1) }
            if rng.chance(0.09 * weekFraction) {
                log.add(world.time(someDay(&rng), .office, &rng), me, rng.pick(services.carriers),
                        rng.seconds(median: 200, sigma: 0.7, 20, 1800))
            }
            if rng.chance(0.01 * weekFraction) {
                log.add(world.personalTime(someDay(&rng), &rng), me, services.citizenLine,
                        rng.seconds(median: 240, sigma: 0.6, 30, 1800))
            }
            if rng.chance(0.001 * weekFraction) {
                log.add(world.personalTime(someDay(&rng), &rng), me, services.antiFraud,
                        rng.seconds(median: 180, sigma: 0.6, 20, 1200))
            }
            // Banks call customers (marketing, card services) — inbound only.
            if rng.chance(0.005 * weekFraction) {
                log.add(world.time(someDay(&rng), .office, &rng), rng.pick(services.banks), me,
                        rng.chance(0.7) ? rng.seconds(median: 90, sigma: 0.7, 10, 900) : 0)
            }
            // Legitimate bank-hotline callers (victims' bank calls come from their script).
            if pop.persona[s] != .victim && rng.chance(0.03 * weekFraction) {
                bankCallers += 1
                let bank = rng.pick(services.banks)
                for _ in 0..<rng.int(1, 2) {
                    let t = rng.chance(0.85) ? world.time(someDay(&rng), .office, &rng)
                        : world.personalTime(someDay(&rng), &rng)
                    log.add(t, me, bank, rng.seconds(median: 260, sigma: 0.7, 30, 2400))
                }
            }
        }
        world.count("bank_hotline_caller", bankCallers)
    }

    /// One personal call with the ring-back / retry behaviour of real people.
    static func call(_ t: Int, _ a: UInt32, _ b: UInt32, _ tie: SynthTie, imei: Int,
                     pop: SynthPopulation, _ log: inout SynthCallLog, _ rng: inout Xoshiro) {
        if rng.chance(tie == .family ? 0.85 : 0.79) {
            log.add(t, a, b, duration(tie, &rng), imei: imei)
            return
        }
        log.add(t, a, b, 0, imei: imei)
        if rng.chance(0.45) {                                   // the callee rings back
            log.add(t + rng.int(60, 2400), b, a, rng.chance(0.85) ? duration(tie, &rng) : 0)
        } else if rng.chance(0.25) {                            // the caller retries
            log.add(t + rng.int(60, 600), a, b, rng.chance(0.7) ? duration(tie, &rng) : 0, imei: imei)
        }
    }

    static func duration(_ tie: SynthTie, _ rng: inout Xoshiro) -> Int {
        switch tie {
        case .family:
            if rng.chance(0.05) { return rng.seconds(median: 1900, sigma: 0.4, 1200, 3600) }
            return rng.seconds(median: 130, sigma: 1.0, 4, 3600)
        case .friend: return rng.seconds(median: 100, sigma: 1.0, 3, 3600)
        case .colleague: return rng.seconds(median: 75, sigma: 0.9, 3, 2400)
        case .outside: return rng.seconds(median: 85, sigma: 1.0, 3, 2400)
        case .business: return rng.seconds(median: 60, sigma: 0.8, 5, 1200)
        }
    }
}
