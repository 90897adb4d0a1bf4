/// A diurnal profile: relative call intensity for each hour of the day.
struct SynthHours: Sendable {
    private let cumulative: [Double]

    init(_ weights: [Double]) {
        var sum = 0.0
        cumulative = weights.map { sum += $0; return sum }
    }

    /// A second of the day drawn from the profile.
    func second(_ rng: inout Xoshiro) -> Int {
        let u = rng.unit() * (cumulative.last ?? 1)
        var h = 0
        while h < cumulative.count - 1 && cumulative[h] <= u { h += 1 }
        return h * 3600 + rng.below(3600)
    }

    /// Ordinary personal calls on a working day: few at night, busy 9–21.
    static let weekday = SynthHours([0.3, 0.15, 0.08, 0.06, 0.08, 0.25, 0.9, 2.5, 4.5, 5.5, 6, 5.8,
                                      4.8, 4.6, 5.2, 5.6, 5.8, 6.2, 5.8, 5.4, 5, 4, 2.4, 1])
    /// Ordinary personal calls at the weekend: later start, busy afternoons and evenings.
    static let weekend = SynthHours([0.5, 0.25, 0.1, 0.06, 0.06, 0.15, 0.5, 1.4, 3, 4.6, 5.6, 5.6,
                                      5, 4.6, 5, 5.4, 5.6, 5.8, 5.8, 5.8, 5.4, 4.4, 2.8, 1.3])
    /// Office hours (colleagues, businesses, call centres, telemarketers).
    static let office = SynthHours([0, 0, 0, 0, 0, 0, 0.05, 0.4, 3, 6, 6.5, 5.5, 2, 3.5, 6, 6, 5.5,
                                     4, 1.2, 0.4, 0.2, 0.1, 0, 0])
    /// Scam-centre shifts (China time): bursts 9–12 and 14–18, a tail into the evening.
    static let scam = SynthHours([0.05, 0.02, 0, 0, 0, 0, 0, 0.2, 1.5, 6, 7, 6.5, 2.5, 3, 6.5, 7,
                                   6.5, 5, 2.5, 1.5, 1, 0.6, 0.3, 0.1])
    /// Couriers and delivery riders: morning and afternoon delivery waves.
    static let courier = SynthHours([0, 0, 0, 0, 0, 0, 0.1, 1, 3.5, 6, 6.5, 6, 4.5, 3.5, 5, 6, 6,
                                      5.5, 4, 2.5, 1.2, 0.4, 0, 0])
    /// Family and friends abroad: evenings, plus night/early morning because of time zones.
    static let overseas = SynthHours([1.5, 1.2, 0.8, 0.5, 0.4, 0.5, 1, 2, 2.2, 1.4, 0.8, 0.6, 0.6,
                                       0.6, 0.6, 0.6, 0.8, 1.2, 2, 3.2, 4, 4, 3.5, 2.5])
    /// Late night (22:00–02:00) for scripted night-time scam calls.
    static let night = SynthHours([3, 2, 0.6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                    0.5, 3, 4])
}
