/// What a number did on each day of the period, two bits a day in two 64-bit words: no call,
/// only calls received, one call made, or two calls made or more. Bit d of each word is day d;
/// the days from ``NumberProfile/lateDay`` on share bit 63 (counted apart in
/// ``NumberProfile/LateDays``).
///
/// A cold caller at work rings several people every day; a new employer or estate agent who
/// phones 40 people on two days and one friend on the others makes a call on as many days,
/// but on only two of them more than one (`busy_days` against `out_days`).
///
/// The two words cost no more than the masks of days active and days with a call made they
/// replace, since "one call made" implies "active": `light` is set on an active day with at
/// most one call made, `made` on a day with a call made. Every update is a few bit operations,
/// the order of the calls does not matter, and two numbers' marks over disjoint calls merge
/// (``merge(_:)``), so batch threads and the stream agree.
struct DayMarks: Sendable, Equatable {
    /// Days active with fewer than two calls made.
    private(set) var light: UInt64 = 0
    /// Days with a call made.
    private(set) var made: UInt64 = 0

    init() {}

    /// The marks from their two words, as ``light`` and ``made`` gave them (a checkpoint).
    init(light: UInt64, made: UInt64) {
        self.light = light
        self.made = made
    }

    /// Days with any call, made or received.
    var active: UInt64 { light | made }
    /// Days with two calls made or more.
    var busy: UInt64 { made & ~light }

    /// Marks the days of `bits` active (a call received, or the first sight of a call made).
    @inline(__always)
    mutating func markActive(_ bits: UInt64) {
        light |= bits & ~made
    }

    /// Marks one call made on the day of `bit` (a single bit).
    @inline(__always)
    mutating func markCall(_ bit: UInt64) {
        let again = made & bit
        light = (light | bit) & ~again
        made |= bit
    }

    /// Adds the marks of the same number's other calls: a day is busy when either had two
    /// calls made on it, or each had one.
    mutating func merge(_ other: DayMarks) {
        let one = made & light, otherOne = other.made & other.light
        let busy = busy | other.busy | (one & otherOne)
        let anyMade = made | other.made
        light = (active | other.active) & ~busy
        made = anyMade
    }

    /// Drops the oldest `days` days: day `days` becomes day 0.
    mutating func dropOldest(_ days: Int) {
        light >>= UInt64(days)
        made >>= UInt64(days)
    }
}
