/// A tally line of the summary (e.g. a kind of hard negative and how many there are).
struct SynthCount: Sendable {
    let name: String
    var value: Int
}

/// Everything the generators share while building a window of calls.
struct SynthWorld {
    let config: SynthConfig
    let days: Int
    /// Epoch day of the first day of the window.
    let firstDay: Int
    var book: SynthNumberBook
    var population: SynthPopulation
    var services: SynthServices
    var rings: [SynthFraudRing] = []
    var victims: [SynthVictim] = []
    var hardNegatives: [SynthCount] = []

    init(_ config: SynthConfig) {
        self.config = config
        days = config.days
        firstDay = Int(config.start / Int64(SynthCalendar.secondsPerDay))
        var book = SynthNumberBook(capacity: config.subscribers * 5 / 4 + 10_000)
        population = SynthPopulation.build(config, book: &book)
        services = SynthServices.register(in: &book)
        self.book = book
    }

    func rng(_ stream: UInt64, _ index: Int = 0) -> Xoshiro {
        Xoshiro(seed: config.seed, stream: stream, index: index)
    }

    func isWeekend(_ day: Int) -> Bool { SynthCalendar.weekday(firstDay + day) >= 5 }

    /// A second of day `day` drawn from the ordinary personal profile.
    func personalTime(_ day: Int, _ rng: inout Xoshiro) -> Int {
        day * SynthCalendar.secondsPerDay + (isWeekend(day) ? SynthHours.weekend : SynthHours.weekday).second(&rng)
    }

    func time(_ day: Int, _ hours: SynthHours, _ rng: inout Xoshiro) -> Int {
        day * SynthCalendar.secondsPerDay + hours.second(&rng)
    }

    mutating func count(_ name: String, _ n: Int) {
        if let i = hardNegatives.firstIndex(where: { $0.name == name }) {
            hardNegatives[i].value += n
        } else {
            hardNegatives.append(SynthCount(name: name, value: n))
        }
    }

    /// An ordinary (non-victim, non-courier, non-agent) subscriber drawn at random.
    func ordinarySubscriber(_ rng: inout Xoshiro) -> UInt32 {
        while true {
            let s = population.randomSubscriber(&rng)
            if population.persona[Int(s)] == .ordinary { return s }
        }
    }
}
