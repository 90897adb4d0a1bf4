/// Legitimate subscribers whose traffic resembles fraud: couriers and delivery riders
/// (look like sprays) and new estate agents / new employers (a new number, many outgoing
/// calls, some long ones — sometimes followed by the client's bank call).
enum SynthHardNegatives {
    /// Marks couriers (≈0.3 %) and new agents/employers (≈0.1 %) among the population.
    static func assignPersonas(_ world: inout SynthWorld) {
        var rng = world.rng(20)
        let n = world.population.count
        let couriers = max(2, n * 3 / 1000)
        let agents = max(2, n / 1000)
        for _ in 0..<couriers { world.population.persona[Int(world.ordinarySubscriber(&rng))] = .courier }
        for _ in 0..<agents {
            let s = Int(world.ordinarySubscriber(&rng))
            world.population.persona[s] = .agent
            let from = rng.below(max(1, world.days - 1))
            world.population.activeFrom[s] = UInt8(from)
            world.population.activeUntil[s] = UInt8(min(world.days, from + rng.int(2, 4)))
        }
        world.count("courier", couriers)
        world.count("new_agent_or_employer", agents)
        world.count("virtual_operator_user", world.population.virtualUsers)
    }

    static func generate(_ world: inout SynthWorld, _ log: inout SynthCallLog) {
        var clientBank = 0
        let pop = world.population
        for s in 0..<pop.count {
            switch pop.persona[s] {
            case .courier: courier(UInt32(s), world, &log)
            case .agent: clientBank += agent(UInt32(s), world, &log)
            case .ordinary, .victim: continue
            }
        }
        world.count("agent_client_then_bank", clientBank)
    }

    /// 30–80 short calls a day to many distinct recipients, six days a week, with call-backs.
    private static func courier(_ me: UInt32, _ world: SynthWorld, _ log: inout SynthCallLog) {
        var rng = world.rng(21, Int(me))
        let pop = world.population
        let dayOff = rng.below(7)
        let radius = max(50, pop.count / 16)
        for day in 0..<world.days where SynthCalendar.weekday(world.firstDay + day) != dayOff {
            for _ in 0..<rng.int(30, 80) {
                let t = world.time(day, .courier, &rng)
                let callee = rng.chance(0.75)
                    ? UInt32(min(pop.count - 1, max(0, Int(me) + rng.int(-radius, radius))))
                    : pop.randomOutside(&rng)
                if rng.chance(0.88) {
                    log.add(t, me, callee, rng.seconds(median: 25, sigma: 0.6, 3, 300))
                    if rng.chance(0.1) {
                        log.add(t + rng.int(300, 5400), callee, me, rng.seconds(median: 20, sigma: 0.6, 3, 180))
                    }
                } else {
                    log.add(t, me, callee, 0)
                    if rng.chance(0.4) {
                        log.add(t + rng.int(120, 1800), callee, me, rng.seconds(median: 25, sigma: 0.6, 3, 240))
                    }
                }
            }
        }
    }

    /// A new number that exists for a few days and phones dozens of prospects a day.
    /// Returns how many clients called a bank hotline after a long call.
    private static func agent(_ me: UInt32, _ world: SynthWorld, _ log: inout SynthCallLog) -> Int {
        var rng = world.rng(22, Int(me))
        let pop = world.population
        var clientBank = 0
        for day in Int(pop.activeFrom[Int(me)])..<Int(pop.activeUntil[Int(me)]) {
            for _ in 0..<rng.int(20, 60) {
                let t = day * SynthCalendar.secondsPerDay + rng.int(9 * 3600, 20 * 3600)
                let client = rng.chance(0.8) ? world.ordinarySubscriber(&rng) : pop.randomOutside(&rng)
                guard rng.chance(0.65) else {
                    log.add(t, me, client, 0)
                    continue
                }
                let r = rng.unit()
                let d = r < 0.6 ? rng.seconds(median: 45, sigma: 0.6, 10, 180)
                    : r < 0.9 ? rng.seconds(median: 200, sigma: 0.4, 90, 480)
                    : rng.seconds(median: 1100, sigma: 0.4, 600, 2400)
                log.add(t, me, client, d)
                guard d >= 600 else { continue }
                if rng.chance(0.3) {
                    log.add(t + rng.int(3600, 2 * 86_400), client, me, rng.seconds(median: 400, sigma: 0.6, 60, 1800))
                }
                if Int(client) < pop.count && rng.chance(0.08) {   // pays a deposit: a bank call
                    log.add(t + d + rng.int(1800, 30 * 3600), client, rng.pick(world.services.banks),
                            rng.seconds(median: 300, sigma: 0.5, 60, 1500))
                    clientBank += 1
                }
            }
        }
        return clientBank
    }
}
