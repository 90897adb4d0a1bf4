/// The part of a ``NumberProfile`` that every call adds to: exactly 64 bytes, bounded by the
/// two fields the batch pass touches ahead of time (`days`, `firstSeen`; see
/// `NumberProfiles.init`). On a 64-byte boundary (the batch count array, the stream's
/// per-number state) one call's update of a party is one cache line, and those two early
/// writes bring it in.
struct ProfileCounts: Sendable {
    /// What it did on each day of the period: active, a call made, two or more (days from 63
    /// on share bit 63, counted apart in ``NumberProfiles/lateDays``).
    var days = DayMarks()
    /// Seconds talked, stopping at `UInt32.max` so the counts fit a cache line: 136 years of
    /// one line's talk, but a trunk with 800 calls at once reaches it in about 60 days, after
    /// which its mean hold only falls (the rules' long-hold signs are for numbers far smaller).
    var outTalk: UInt32 = 0, inTalk: UInt32 = 0
    var outCalls: UInt32 = 0, outAnswered: UInt32 = 0, outShort: UInt32 = 0, outLong: UInt32 = 0
    var outWork: UInt32 = 0
    var inCalls: UInt32 = 0, inAnswered: UInt32 = 0, inLong: UInt32 = 0
    var night: UInt32 = 0
    /// Its first call, UTC epoch seconds (.max before any).
    var firstSeen: UInt32 = .max

    /// The part of ``addOutgoing(_:day:hour:_:)`` and ``addIncoming(_:day:hour:_:)`` that may
    /// be repeated: the day marked active and the first call.
    @inline(__always)
    mutating func touch(_ time: UInt32, dayBit: UInt64) {
        days.markActive(dayBit)
        firstSeen = min(firstSeen, time)
    }

    /// Adds the counts of `other`, the same number's counts over other calls (first call:
    /// the earlier; days: ``DayMarks/merge(_:)``).
    mutating func add(_ other: ProfileCounts) {
        days.merge(other.days)
        outTalk = Self.saturated(outTalk, other.outTalk)
        inTalk = Self.saturated(inTalk, other.inTalk)
        outCalls &+= other.outCalls
        outAnswered &+= other.outAnswered
        outShort &+= other.outShort
        outLong &+= other.outLong
        outWork &+= other.outWork
        inCalls &+= other.inCalls
        inAnswered &+= other.inAnswered
        inLong &+= other.inLong
        night &+= other.night
        firstSeen = min(firstSeen, other.firstSeen)
    }

    /// Adds one call made by this number.
    @inline(__always)
    mutating func addOutgoing(_ r: CallRecord, day: Int, hour: Int, _ s: EngineSettings) {
        outCalls &+= 1
        if r.duration > 0 {
            outAnswered &+= 1
            outTalk = Self.saturated(outTalk, r.duration)
            if r.duration < s.shortCall { outShort &+= 1 }
            if r.duration >= s.longCall { outLong &+= 1 }
        }
        if EngineSettings.inHours(hour, s.workStart, s.workEnd) { outWork &+= 1 }
        if EngineSettings.inHours(hour, s.nightStart, s.nightEnd) { night &+= 1 }
        days.markCall(1 << UInt64(min(day, NumberProfile.lateDay)))
        firstSeen = min(firstSeen, r.time)
    }

    /// Adds one call received by this number.
    @inline(__always)
    mutating func addIncoming(_ r: CallRecord, day: Int, hour: Int, _ s: EngineSettings) {
        inCalls &+= 1
        if r.duration > 0 {
            inAnswered &+= 1
            inTalk = Self.saturated(inTalk, r.duration)
            if r.duration >= s.longCall { inLong &+= 1 }
        }
        if EngineSettings.inHours(hour, s.nightStart, s.nightEnd) { night &+= 1 }
        days.markActive(1 << UInt64(min(day, NumberProfile.lateDay)))
        firstSeen = min(firstSeen, r.time)
    }

    /// Multiplies every call count and talk total by `share` (0...1, rounded to the nearest):
    /// the stream's estimate of the counts over the days its day marks still hold, once they
    /// have dropped the oldest (the calls of a day are not kept apart). Days and first call
    /// are left as they are.
    mutating func scale(by share: Double) {
        func s(_ v: inout UInt32) { v = UInt32((Double(v) * share).rounded()) }
        s(&outTalk); s(&inTalk); s(&outCalls); s(&outAnswered); s(&outShort); s(&outLong); s(&outWork)
        s(&inCalls); s(&inAnswered); s(&inLong); s(&night)
    }

    /// `a + b`, or `UInt32.max` past it.
    @inline(__always)
    static func saturated(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let (sum, over) = a.addingReportingOverflow(b)
        return over ? .max : sum
    }
}
