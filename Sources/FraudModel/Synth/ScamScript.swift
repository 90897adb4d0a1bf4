/// The scam a victim falls for (the `scam` column of victims.csv).
enum SynthScam: UInt8, Sendable, CaseIterable {
    /// Spray call → long first call → "police officer"/"prosecutor" hand-offs → bank.
    case fakePolice
    /// Victim calls a fake customer-service line from an SMS/web ad → long hold → bank.
    case fakeServiceRefund
    /// "Adviser" or spray → several medium calls over days → bank.
    case investmentLoan

    var name: String {
        switch self {
        case .fakePolice: return "fake_police"
        case .fakeServiceRefund: return "fake_service_refund"
        case .investmentLoan: return "investment_loan"
        }
    }
}

/// A defrauded subscriber. `firstContact` and `moneyMoved` are read back from the calls.
struct SynthVictim: Sendable {
    let subscriber: UInt32
    let scam: SynthScam
    /// Index into `SynthWorld.rings`.
    let ring: Int
    var firstContact: Int?
    var moneyMoved: Int?

    init(subscriber: UInt32, scam: SynthScam, ring: Int) {
        self.subscriber = subscriber
        self.scam = scam
        self.ring = ring
    }
}

/// Plays each victim's script into the call log, with deliberate variation: short calls,
/// hand-off-only contact, night calls, no bank call within the window.
enum SynthScamScript {
    static func play(_ world: SynthWorld, _ log: inout SynthCallLog) {
        for (k, victim) in world.victims.enumerated() {
            var rng = world.rng(50, k)
            let ring = world.rings[victim.ring]
            let s = Scene(world: world, me: victim.subscriber, ring: ring, short: rng.chance(0.3),
                          paysBank: rng.chance(0.85))
            switch victim.scam {
            case .fakePolice: s.police(&log, &rng)
            case .fakeServiceRefund: s.refund(&log, &rng)
            case .investmentLoan: s.investment(&log, &rng)
            }
        }
    }

    private struct Scene {
        let world: SynthWorld
        let me: UInt32
        let ring: SynthFraudRing
        let short: Bool
        let paysBank: Bool

        func day(_ t: Int) -> Int { t / SynthCalendar.secondsPerDay }

        func firstTime(_ rng: inout Xoshiro, personal: Bool = false) -> Int {
            let d = rng.below(world.days)
            if rng.chance(0.12) { return world.time(d, .night, &rng) }
            return personal ? world.personalTime(d, &rng) : world.time(d, .scam, &rng)
        }

        /// Moves about one call in ten to the night of the same day.
        func maybeNight(_ t: Int, _ rng: inout Xoshiro) -> Int {
            rng.chance(0.1) ? day(t) * SynthCalendar.secondsPerDay + SynthHours.night.second(&rng) : t
        }

        func long(_ median: Double, _ rng: inout Xoshiro) -> Int {
            short ? rng.int(240, 660) : rng.seconds(median: median, sigma: 0.45, 600, 3600)
        }

        func bank(_ t: Int, _ log: inout SynthCallLog, _ rng: inout Xoshiro) {
            log.add(t, me, rng.pick(world.services.banks), rng.seconds(median: 420, sigma: 0.5, 90, 1800))
            if rng.chance(0.3) {
                log.add(t + rng.int(1800, 8 * 3600), me, rng.pick(world.services.banks),
                        rng.seconds(median: 300, sigma: 0.5, 60, 1500))
            }
        }

        func police(_ log: inout SynthCallLog, _ rng: inout Xoshiro) {
            let t0 = firstTime(&rng)
            let viaSpray = rng.chance(0.8)
            let hs = ring.handoffs
            if viaSpray && rng.chance(0.3) {
                for _ in 0..<rng.int(1, 2) {
                    let t = t0 - rng.int(3600, 3 * 86_400)
                    log.add(t, ring.spray(on: day(t), &rng), me, 0)
                }
            }
            let first = viaSpray ? ring.spray(on: day(t0), &rng) : hs[0]
            let d0 = short ? rng.int(300, 600) : rng.seconds(median: 1300, sigma: 0.4, 600, 2400)
            log.add(t0, first, me, d0)
            var t = t0 + d0
            let n = rng.int(2, 5)
            let bankAfter = rng.below(n)
            for i in 0..<n {
                t += rng.int(600, i == 0 ? 6 * 3600 : 10 * 3600)
                t = max(t, maybeNight(t, &rng))
                let h = hs[min(hs.count - 1, i < 2 ? (viaSpray ? 0 : 1) : hs.count - 1)]
                if rng.chance(0.15) {
                    log.add(t, h, me, 0)
                    t += rng.int(60, 600)
                }
                let d = long(1200, &rng)
                log.add(t, h, me, d)
                t += d
                if i == 0 || rng.chance(0.5) {                        // the victim calls back
                    t += rng.int(300, 5400)
                    let back = short ? rng.int(120, 500) : rng.seconds(median: 600, sigma: 0.6, 120, 2400)
                    log.add(t, me, h, back)
                    t += back
                }
                if paysBank && i == bankAfter {
                    t += rng.int(300, 3 * 3600)
                    bank(t, &log, &rng)
                    t += 900
                }
            }
        }

        func refund(_ log: inout SynthCallLog, _ rng: inout Xoshiro) {
            let line = rng.pick(ring.services)
            let t0 = firstTime(&rng, personal: rng.chance(0.7))
            let d0 = short ? rng.int(300, 720) : rng.seconds(median: 1500, sigma: 0.4, 900, 3000)
            log.add(t0, me, line, d0)
            var t = t0 + d0
            let n = rng.int(1, 3)
            let bankAfter = rng.below(n)
            for i in 0..<n {
                t += rng.int(300, 4 * 3600)
                t = max(t, maybeNight(t, &rng))
                let from = rng.chance(0.4) ? rng.pick(ring.handoffs) : line
                let d = long(1200, &rng)
                log.add(t, from, me, d)
                t += d
                if rng.chance(0.6) {
                    t += rng.int(300, 7200)
                    let back = rng.seconds(median: 600, sigma: 0.6, 120, 2400)
                    log.add(t, me, line, back)
                    t += back
                }
                if paysBank && i == bankAfter {
                    t += rng.int(300, 3 * 3600)
                    bank(t, &log, &rng)
                    t += 900
                }
            }
        }

        func investment(_ log: inout SynthCallLog, _ rng: inout Xoshiro) {
            let t0 = firstTime(&rng, personal: true)
            let adviser = ring.advisers.first ?? ring.handoffs[0]
            let first = rng.chance(0.6) ? adviser : ring.spray(on: day(t0), &rng)
            let d0 = rng.int(300, 900)
            log.add(t0, first, me, d0)
            var t = t0 + d0
            let m = rng.int(3, 7)
            let bankAfter = rng.int(1, m - 1)
            for i in 0..<m {
                let earliest = t + rng.int(4 * 3600, 30 * 3600)
                t = day(earliest) * SynthCalendar.secondsPerDay
                    + (rng.chance(0.2) ? SynthHours.night : SynthHours.weekday).second(&rng)
                if t < earliest { t += SynthCalendar.secondsPerDay }
                let party = rng.chance(0.7) ? adviser : rng.pick(ring.handoffs)
                let d = short ? rng.int(180, 420) : rng.seconds(median: 600, sigma: 0.5, 300, 1500)
                if rng.chance(0.5) { log.add(t, me, party, d) } else { log.add(t, party, me, d) }
                t += d
                if paysBank && i == bankAfter {
                    t += rng.int(600, 6 * 3600)
                    bank(t, &log, &rng)
                    t += 900
                }
            }
        }
    }
}
