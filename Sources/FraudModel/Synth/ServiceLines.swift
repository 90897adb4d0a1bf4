/// Legitimate numbers outside the population that resemble fraud numbers: telemarketers and
/// loan sellers (like sprays), call centres (like fake service lines), and family abroad
/// (long international calls).
enum SynthServiceLines {
    static func generate(_ world: inout SynthWorld, _ log: inout SynthCallLog) {
        telemarketers(&world, &log)
        callCentres(&world, &log)
        overseasFamily(&world, &log)
    }

    /// Many distinct callees, low answer rate, short calls, office hours.
    private static func telemarketers(_ world: inout SynthWorld, _ log: inout SynthCallLog) {
        var rng = world.rng(30)
        let count = max(2, world.population.count / 2500)
        for k in 0..<count {
            let r = rng.unit()
            let id: UInt32
            if r < 0.4 {
                id = world.book.make(.mobile, region: SynthRegions.district(&rng), &rng, SynthNumberPlan.fraudVirtual)
            } else if r < 0.7 {
                id = world.book.make(.mobile, region: SynthRegions.district(&rng), &rng, SynthNumberPlan.mobile)
            } else {
                id = world.book.make(.fixed, region: SynthRegions.district(&rng), &rng, SynthNumberPlan.fixedLine)
            }
            var local = world.rng(31, k)
            let isNew = local.chance(0.2)
            let from = isNew ? local.below(max(1, world.days - 1)) : 0
            let until = isNew ? min(world.days, from + local.int(2, 4)) : world.days
            let pop = world.population
            for day in from..<until {
                let weekday = SynthCalendar.weekday(world.firstDay + day)
                if weekday == 6 || (weekday == 5 && !local.chance(0.3)) { continue }
                for _ in 0..<local.int(80, 250) {
                    let t = world.time(day, .office, &local)
                    let callee = local.chance(0.85) ? pop.randomSubscriber(&local) : pop.randomOutside(&local)
                    let imei = local.below(2)
                    guard local.chance(0.3) else {
                        log.add(t, id, callee, 0, imei: imei)
                        if Int(callee) < pop.count && local.chance(0.015) {
                            log.add(t + local.int(300, 14_400), callee, id, local.chance(0.6) ? local.int(5, 50) : 0)
                        }
                        continue
                    }
                    let u = local.unit()
                    let d = u < 0.75 ? local.int(3, 30) : u < 0.95 ? local.int(30, 120)
                        : u < 0.995 ? local.int(120, 480) : local.int(600, 1500)
                    log.add(t, id, callee, d, imei: imei)
                }
            }
        }
        world.count("telemarketer", count)
    }

    /// Many unrelated inbound callers who hold long; a few call-backs.
    private static func callCentres(_ world: inout SynthWorld, _ log: inout SynthCallLog) {
        var rng = world.rng(32)
        let count = max(2, world.population.count / 15_000)
        let perDay = max(20, world.population.count / (count * 60))
        for k in 0..<count {
            let id = rng.chance(0.6)
                ? world.book.make(.plain, region: 0, &rng, SynthNumberPlan.line400)
                : world.book.make(.fixed, region: SynthRegions.district(&rng), &rng, SynthNumberPlan.fixedLine)
            var local = world.rng(33, k)
            let pop = world.population
            for day in 0..<world.days {
                let n = local.poisson(Double(perDay) * (world.isWeekend(day) ? 0.6 : 1))
                for _ in 0..<n {
                    let t = day * SynthCalendar.secondsPerDay + local.int(8 * 3600, 21 * 3600)
                    let caller = local.chance(0.92) ? pop.randomSubscriber(&local) : pop.randomOutside(&local)
                    let answered = local.chance(0.93)
                    let d = answered ? local.seconds(median: 360, sigma: 0.8, 30, 3600) : 0
                    log.add(t, caller, id, d)
                    if local.chance(answered ? 0.05 : 0.3) {
                        log.add(t + local.int(1800, 86_400), id, caller,
                                local.chance(0.85) ? local.seconds(median: 300, sigma: 0.6, 30, 1800) : 0)
                    }
                }
            }
        }
        world.count("call_centre", count)
    }

    /// A relative abroad (+1, +44, +61, +65, +852, +60) who calls for an hour once or twice a week.
    private static func overseasFamily(_ world: inout SynthWorld, _ log: inout SynthCallLog) {
        var rng = world.rng(34)
        let count = max(2, world.population.count / 250)
        for _ in 0..<count {
            let s = world.ordinarySubscriber(&rng)
            let relative = world.book.make(.foreign, region: 0, &rng) { SynthNumberPlan.foreign(SynthNumberPlan.familyCountries, &$0) }
            let calls = max(1, rng.poisson(1.5 * Double(world.days) / 7))
            for _ in 0..<calls {
                let t = world.time(rng.below(world.days), .overseas, &rng)
                if rng.chance(0.15) { log.add(t - rng.int(120, 900), relative, s, 0) }
                log.add(t, relative, s, rng.seconds(median: 2900, sigma: 0.35, 1200, 5400))
                if rng.chance(0.3) {
                    log.add(t + rng.int(86_400, 3 * 86_400), s, relative, rng.seconds(median: 1200, sigma: 0.5, 300, 3600))
                }
            }
        }
        world.count("overseas_family", count)
    }
}
