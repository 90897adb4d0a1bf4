/// What a fraud number does for its ring (the `role` column of fraud.csv).
enum SynthFraudRole: UInt8, Sendable {
    /// International or virtual-operator number spraying hundreds of calls a day.
    case spray
    /// A spray number that looks like a local mobile, sharing a SIM-box's IMEI bank.
    case simbox
    /// A spray number dressed up as a bank hotline (`95588…`, `+95588…`).
    case lookalike
    /// "Police officer" / "prosecutor" / "bank staff": very few calls, mostly to victims.
    case handoff
    /// Fake customer-service line advertised by SMS/web: victims call it first.
    case fakeService
    /// Investment/loan "adviser" with ordinary-looking cover traffic.
    case adviser

    var name: String {
        switch self {
        case .spray: return "spray"
        case .simbox: return "simbox"
        case .lookalike: return "lookalike"
        case .handoff: return "handoff"
        case .fakeService: return "fake_service"
        case .adviser: return "adviser"
        }
    }
}

/// One fraud number and the days it is active (`firstDay..<lastDay`).
struct SynthFraudNumber: Sendable {
    let id: UInt32
    let role: SynthFraudRole
    let ring: Int
    let firstDay: Int
    let lastDay: Int
}

/// A fraud ring: spray lanes of short-lived numbers, hand-off numbers, fake service lines and
/// an adviser, plus the script it mostly runs.
struct SynthFraudRing: Sendable {
    let index: Int
    let primary: SynthScam
    var sprays: [SynthFraudNumber] = []
    var handoffs: [UInt32] = []
    var services: [UInt32] = []
    var advisers: [UInt32] = []

    /// Every number of the ring, in a stable order.
    var numbers: [SynthFraudNumber] {
        sprays + handoffs.map { SynthFraudNumber(id: $0, role: .handoff, ring: index, firstDay: 0, lastDay: 0) }
            + services.map { SynthFraudNumber(id: $0, role: .fakeService, ring: index, firstDay: 0, lastDay: 0) }
            + advisers.map { SynthFraudNumber(id: $0, role: .adviser, ring: index, firstDay: 0, lastDay: 0) }
    }

    /// Roughly one victim per 550 subscribers per week (at least 3), about 8 per ring over
    /// the window, or 8 a week with `steadyRings`.
    static func build(_ world: inout SynthWorld) {
        let c = world.config
        let victims = max(3, Int((Double(c.subscribers) * Double(c.days) / 7 / 550).rounded()))
        let weekly = max(3, Int((Double(c.subscribers) * Double(min(c.days, 7)) / 7 / 550).rounded()))
        let ringCount = max(1, ((c.steadyRings ? weekly : victims) + 4) / 8)
        var rng = world.rng(40)
        for r in 0..<ringCount {
            let primary = r < 3 ? SynthScam.allCases[r]
                : (rng.chance(0.45) ? .fakePolice : rng.chance(0.64) ? .fakeServiceRefund : .investmentLoan)
            world.rings.append(make(index: r + 1, primary: primary, &world.book, days: world.days, &rng))
        }
        for v in 0..<victims {
            let s = world.ordinarySubscriber(&rng)
            world.population.persona[Int(s)] = .victim
            let ring = v % ringCount
            let scam = v < 3 ? SynthScam.allCases[v]
                : rng.chance(0.7) ? world.rings[ring].primary : rng.pick(SynthScam.allCases)
            world.victims.append(SynthVictim(subscriber: s, scam: scam, ring: ring))
        }
    }

    private static func make(index: Int, primary: SynthScam, _ book: inout SynthNumberBook,
                             days: Int, _ rng: inout Xoshiro) -> SynthFraudRing {
        var ring = SynthFraudRing(index: index, primary: primary)
        let bank = UInt32(0x4000_0000) | UInt32(index)
        for _ in 0..<(rng.chance(0.5) ? 2 : 1) {
            var day = -rng.below(3)
            while day < days {
                let life = rng.pick([1, 2, 2, 3, 3, 4, 5, 6])
                let (id, role) = sprayNumber(&book, &rng)
                if role == .simbox { book.shareIMEI(id, bank: bank) }
                if min(days, day + life) > max(0, day) {
                    ring.sprays.append(SynthFraudNumber(id: id, role: role, ring: index,
                                                        firstDay: max(0, day), lastDay: min(days, day + life)))
                }
                day += life
            }
        }
        for _ in 0..<rng.int(2, 3) {
            let u = rng.unit()
            ring.handoffs.append(u < 0.4 ? book.make(.mobile, region: 0, &rng, SynthNumberPlan.fraudVirtual)
                : u < 0.75 ? book.make(.foreign, region: 0, &rng) { SynthNumberPlan.foreign(SynthNumberPlan.fraudCountries, &$0) }
                : book.make(.mobile, region: 0, &rng, SynthNumberPlan.mobile))
        }
        for _ in 0..<rng.int(1, 2) {
            let u = rng.unit()
            ring.services.append(u < 0.5 ? book.make(.mobile, region: 0, &rng, SynthNumberPlan.fraudVirtual)
                : u < 0.8 ? book.make(.mobile, region: 0, &rng, SynthNumberPlan.mobile)
                : book.make(.foreign, region: 0, &rng) { SynthNumberPlan.foreign(SynthNumberPlan.fraudCountries, &$0) })
        }
        ring.advisers.append(rng.chance(0.6)
            ? book.make(.mobile, region: SynthRegions.district(&rng), &rng, SynthNumberPlan.mobile)
            : book.make(.mobile, region: 0, &rng, SynthNumberPlan.fraudVirtual))
        return ring
    }

    private static func sprayNumber(_ book: inout SynthNumberBook, _ rng: inout Xoshiro) -> (UInt32, SynthFraudRole) {
        let u = rng.unit()
        if u < 0.45 {
            return (book.make(.foreign, region: 0, &rng) { SynthNumberPlan.foreign(SynthNumberPlan.fraudCountries, &$0) }, .spray)
        } else if u < 0.7 {
            return (book.make(.mobile, region: 0, &rng, SynthNumberPlan.fraudVirtual), .spray)
        } else if u < 0.85 {
            // SIM-box SIMs are local cards: they carry a home county like any subscriber.
            return (book.make(.mobile, region: SynthRegions.district(&rng), &rng, SynthNumberPlan.mobile), .simbox)
        } else if rng.chance(0.6) {
            return (book.make(.plain, region: 0, &rng) { SynthNumberPlan.lookalike(foreign: false, &$0) }, .lookalike)
        } else {
            return (book.make(.foreign, region: 0, &rng) { SynthNumberPlan.lookalike(foreign: true, &$0) }, .lookalike)
        }
    }

    /// A spray number of the ring active on `day` (the nearest one if none is).
    func spray(on day: Int, _ rng: inout Xoshiro) -> UInt32 {
        let active = sprays.filter { $0.firstDay <= day && day < $0.lastDay }
        if !active.isEmpty { return rng.pick(active).id }
        let nearest = sprays.min { abs($0.firstDay - day) < abs($1.firstDay - day) }
        return nearest?.id ?? handoffs.first ?? 0
    }
}
