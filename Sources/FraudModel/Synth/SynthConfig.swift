/// Parameters of a synthetic, labelled window of call records (see ``SyntheticWeek``).
public struct SynthConfig: Sendable, Equatable {
    /// Population size: the ordinary subscribers of the county, all of whom are labelled.
    public var subscribers: Int
    /// Length of the window in days, 1…120 (values outside are clamped).
    public var days: Int
    /// Seed of the deterministic generator: one config always gives the same bytes.
    public var seed: UInt64
    /// Epoch seconds of the first day at 00:00, read as a UTC wall clock
    /// (default 2026-03-02 00:00:00, a Monday). Rounded down to midnight.
    public var start: Int64
    /// As many rings as a week's victims need, each working the whole window (a steady fraud
    /// load, as a feed running for months sees), instead of as many as the window's victims
    /// need (the default): over 61 days the default puts 8.7 times a week's rings to work at
    /// once, each with a victim a week, and so 8.7 times the fake-service walk-ins, adviser
    /// cover traffic and spray calls per week. The same for 7 days or fewer.
    public var steadyRings = false

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - subscribers: Population size (at least 100 is used).
    ///   - days: Window length in days, clamped to 1…120.
    ///   - seed: Generator seed.
    ///   - start: Epoch seconds of the first midnight.
    public init(subscribers: Int, days: Int, seed: UInt64, start: Int64 = 1_772_409_600) {
        self.subscribers = subscribers
        self.days = days
        self.seed = seed
        self.start = start
    }

    /// The longest window generated, in days.
    public static let maximumDays = 120

    /// The configuration actually generated: population ≥ 100, days in 1…120, start at midnight.
    var normalized: SynthConfig {
        var c = self
        c.subscribers = max(100, min(subscribers, 20_000_000))
        c.days = max(1, min(days, Self.maximumDays))
        let day = Int64(SynthCalendar.secondsPerDay)
        c.start = start >= 0 ? start / day * day : (start - day + 1) / day * day
        return c
    }
}
