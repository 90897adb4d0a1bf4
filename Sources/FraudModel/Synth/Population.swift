/// The relationship of a circle contact to its subscriber.
enum SynthTie: UInt8, Sendable {
    case family, friend, colleague, outside, business
}

/// What a population subscriber is besides an ordinary caller.
enum SynthPersona: UInt8, Sendable {
    case ordinary, courier, agent, victim
}

/// The county's subscribers (ids `0..<count`), their personal circles, and the pools of
/// outside numbers (other counties) and local businesses they call.
struct SynthPopulation: Sendable {
    let count: Int
    var circleStart: [UInt32] = [0]
    var circle: [UInt32] = []
    var tie: [SynthTie] = []
    /// Relative call rate (mean 1).
    var activity: [Float] = []
    /// Day the subscriber switches handsets (new IMEI), or -1.
    var phoneSwitch: [Int8] = []
    var persona: [SynthPersona]
    /// Days the number exists: `activeFrom..<activeUntil` (new numbers start late).
    var activeFrom: [UInt8]
    var activeUntil: [UInt8]
    var outside: Range<UInt32> = 0..<0
    var businesses: Range<UInt32> = 0..<0
    var virtualUsers = 0

    init(count: Int, days: Int) {
        self.count = count
        persona = [SynthPersona](repeating: .ordinary, count: count)
        activeFrom = [UInt8](repeating: 0, count: count)
        activeUntil = [UInt8](repeating: UInt8(days), count: count)
    }

    static func build(_ config: SynthConfig, book: inout SynthNumberBook) -> SynthPopulation {
        let n = config.subscribers
        var pop = SynthPopulation(count: n, days: config.days)
        var rng = Xoshiro(seed: config.seed, stream: 10)
        for i in 0..<n {
            let virtual = rng.chance(0.03)
            let region = rng.chance(0.05) ? SynthRegions.neighbour(&rng) : UInt8(1 + i * 8 / n)
            _ = book.make(.mobile, region: region, &rng) {
                virtual ? SynthNumberPlan.virtualMobile(&$0) : SynthNumberPlan.mobile(&$0)
            }
            if virtual { pop.virtualUsers += 1 }
        }
        let outsideStart = UInt32(book.count)
        for _ in 0..<max(50, n / 5) {
            let virtual = rng.chance(0.03)
            _ = book.make(.mobile, region: SynthRegions.outside(&rng), &rng) {
                virtual ? SynthNumberPlan.virtualMobile(&$0) : SynthNumberPlan.mobile(&$0)
            }
        }
        pop.outside = outsideStart..<UInt32(book.count)
        let businessStart = UInt32(book.count)
        for _ in 0..<max(20, n / 150) {
            _ = book.make(.fixed, region: SynthRegions.district(&rng), &rng, SynthNumberPlan.fixedLine)
        }
        pop.businesses = businessStart..<UInt32(book.count)
        pop.buildCircles(&rng, days: config.days)
        return pop
    }

    private mutating func buildCircles(_ rng: inout Xoshiro, days: Int) {
        circle.reserveCapacity(count * 13)
        tie.reserveCapacity(count * 13)
        activity.reserveCapacity(count)
        phoneSwitch.reserveCapacity(count)
        let meanActivity = SynthMath.exp(0.6 * 0.6 / 2)
        for i in 0..<count {
            let size = rng.seconds(median: 11, sigma: 0.45, 5, 30)
            let family = rng.int(1, 4)
            let outsiders = rng.int(0, 3)
            let shops = rng.int(0, 2)
            let rest = max(1, size - family - outsiders - shops)
            let friends = (rest + rng.below(2)) / 2
            let workplace = rng.below(count)
            for _ in 0..<family { add(near(i, 25, &rng), .family) }
            for _ in 0..<friends {
                add(rng.chance(0.6) ? near(i, 3000, &rng) : UInt32(rng.below(count)), .friend)
            }
            for _ in 0..<(rest - friends) { add(near(workplace, 300, &rng), .colleague) }
            for _ in 0..<outsiders { add(randomOutside(&rng), .outside) }
            for _ in 0..<shops { add(randomBusiness(&rng), .business) }
            circleStart.append(UInt32(circle.count))
            activity.append(Float(rng.logNormal(median: 1, sigma: 0.6) / meanActivity))
            phoneSwitch.append(rng.chance(0.015) ? Int8(rng.below(days)) : -1)
        }
    }

    private mutating func add(_ contact: UInt32, _ t: SynthTie) {
        circle.append(contact)
        tie.append(t)
    }

    /// A subscriber within `radius` ids of `i` (ids are grouped by district), never `i` itself.
    private func near(_ i: Int, _ radius: Int, _ rng: inout Xoshiro) -> UInt32 {
        var j = min(count - 1, max(0, i + rng.int(-radius, radius)))
        if j == i { j = (i + 1) % count }
        return UInt32(j)
    }

    func contacts(of s: Int) -> Range<Int> { Int(circleStart[s])..<Int(circleStart[s + 1]) }

    func randomSubscriber(_ rng: inout Xoshiro) -> UInt32 { UInt32(rng.below(count)) }

    func randomOutside(_ rng: inout Xoshiro) -> UInt32 {
        outside.lowerBound + UInt32(rng.below(outside.count))
    }

    func randomBusiness(_ rng: inout Xoshiro) -> UInt32 {
        businesses.lowerBound + UInt32(rng.below(businesses.count))
    }

    /// Whether subscriber `s` has a number on `day`.
    func isActive(_ s: Int, _ day: Int) -> Bool {
        day >= Int(activeFrom[s]) && day < Int(activeUntil[s])
    }
}
