/// The rings' background traffic: spray volume (with the shallow contacts it produces),
/// hand-off probes, walk-in callers of fake service lines, and advisers' cover traffic.
enum SynthFraudTraffic {
    static func generate(_ world: SynthWorld, _ log: inout SynthCallLog) {
        for ring in world.rings {
            var rng = world.rng(41, ring.index)
            for spray in ring.sprays { sprayTraffic(spray, ring, world, &log, &rng) }
            for h in ring.handoffs {
                for day in 0..<world.days {
                    for _ in 0..<rng.poisson(0.8) {
                        log.add(world.time(day, .scam, &rng), h, world.population.randomSubscriber(&rng),
                                rng.chance(0.8) ? 0 : rng.int(5, 40))
                    }
                }
            }
            for line in ring.services { walkIns(line, world, &log, &rng) }
            for adviser in ring.advisers { coverTraffic(adviser, world, &log, &rng) }
        }
    }

    /// Hundreds of calls a day in bursts; mostly unanswered or cut within seconds.
    private static func sprayTraffic(_ spray: SynthFraudNumber, _ ring: SynthFraudRing, _ world: SynthWorld,
                                     _ log: inout SynthCallLog, _ rng: inout Xoshiro) {
        let pop = world.population
        let rotating = spray.role == .spray && world.book.hasDevice(spray.id) && rng.chance(0.4)
        for day in spray.firstDay..<spray.lastDay {
            let n = Int(Double(rng.int(150, 450)) * (world.isWeekend(day) ? 0.7 : 1))
            var made = 0
            while made < n {
                var t = world.time(day, .scam, &rng)
                for _ in 0..<rng.int(20, 80) where made < n {
                    made += 1
                    t += rng.int(12, 90)
                    let imei = spray.role == .simbox ? rng.below(8) : rotating ? rng.below(3) : 0
                    let callee = rng.chance(0.78) ? pop.randomSubscriber(&rng) : pop.randomOutside(&rng)
                    let resident = Int(callee) < pop.count
                    guard rng.chance(0.18) else {
                        log.add(t, spray.id, callee, 0, imei: imei)
                        if resident && rng.chance(0.02) {                 // curious call-back
                            log.add(t + rng.int(300, 10_800), callee, spray.id, rng.chance(0.4) ? rng.int(5, 40) : 0)
                        }
                        continue
                    }
                    let u = rng.unit()
                    var d = u < 0.65 ? rng.int(1, 14) : u < 0.92 ? rng.int(15, 59) : rng.int(60, 240)
                    if resident && d >= 60 && rng.chance(0.12) {
                        // Resisted: a long call, then nothing (or a report to the anti-fraud line).
                        d = rng.int(300, 1200)
                        if rng.chance(0.3) {
                            log.add(t + d + rng.int(300, 7200), callee, world.services.antiFraud, rng.int(120, 600))
                        }
                    }
                    log.add(t, spray.id, callee, d, imei: imei)
                    if resident && d >= 60 && rng.chance(0.3), let h = ring.handoffs.first {
                        // The ring tries the person who stayed on the line; they do not bite.
                        log.add(t + rng.int(3600, 86_400), h, callee, rng.chance(0.5) ? 0 : rng.int(10, 60))
                    }
                }
            }
        }
    }

    /// People who saw the SMS/web advert and called once; most hang up within minutes.
    private static func walkIns(_ line: UInt32, _ world: SynthWorld, _ log: inout SynthCallLog, _ rng: inout Xoshiro) {
        for day in 0..<world.days {
            for _ in 0..<rng.poisson(6) {
                let caller = world.ordinarySubscriber(&rng)
                let t = world.personalTime(day, &rng)
                let d = rng.chance(0.85) ? rng.seconds(median: 80, sigma: 0.9, 5, 720) : 0
                log.add(t, caller, line, d)
                if d > 120 && rng.chance(0.2) {
                    log.add(t + rng.int(600, 20_000), line, caller, rng.chance(0.5) ? 0 : rng.int(10, 90))
                }
            }
        }
    }

    /// An adviser keeps a small circle of ordinary-looking contacts and cold-calls prospects.
    private static func coverTraffic(_ adviser: UInt32, _ world: SynthWorld, _ log: inout SynthCallLog,
                                     _ rng: inout Xoshiro) {
        let pop = world.population
        let circle = (0..<rng.int(6, 10)).map { _ in rng.chance(0.7) ? pop.randomOutside(&rng) : world.ordinarySubscriber(&rng) }
        for day in 0..<world.days {
            for _ in 0..<rng.poisson(3) {
                let other = rng.pick(circle)
                let t = world.personalTime(day, &rng)
                let inbound = rng.chance(0.5)
                log.add(t, inbound ? other : adviser, inbound ? adviser : other,
                        rng.chance(0.8) ? SynthOrdinaryTraffic.duration(.friend, &rng) : 0)
            }
            for _ in 0..<rng.int(5, 15) {
                let prospect = rng.chance(0.7) ? pop.randomSubscriber(&rng) : pop.randomOutside(&rng)
                log.add(world.time(day, .office, &rng), adviser, prospect,
                        rng.chance(0.45) ? rng.seconds(median: 90, sigma: 0.8, 5, 600) : 0)
            }
        }
    }
}
