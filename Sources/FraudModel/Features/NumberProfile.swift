/// What one number did over the whole period, as caller and as callee: the raw counts behind
/// the ``CallerFeature``s.
struct NumberProfile: Sendable {
    /// What each call adds to: the first 64 bytes, so in the stream's per-number state and in
    /// the batch count array one call's update of a party stays within one cache line.
    var counts = ProfileCounts()
    /// Distinct numbers it called, distinct numbers that called it, distinct numbers it
    /// called that also called it, distinct callers it held at least `hold_call`: counted from
    /// the contact graph in batch and from the pair set in the stream.
    var outDistinct: UInt32 = 0, inDistinct: UInt32 = 0, reciprocated: UInt32 = 0, heldDistinct: UInt32 = 0
    /// Distinct device IMEIs on calls it made.
    var imeis: UInt16 = 0

    // The counts by name, as the feature code and the checkpoint read and write them.
    var days: DayMarks { get { counts.days } set { counts.days = newValue } }
    var outTalk: UInt32 { get { counts.outTalk } set { counts.outTalk = newValue } }
    var inTalk: UInt32 { get { counts.inTalk } set { counts.inTalk = newValue } }
    var outCalls: UInt32 { get { counts.outCalls } set { counts.outCalls = newValue } }
    var outAnswered: UInt32 { get { counts.outAnswered } set { counts.outAnswered = newValue } }
    var outShort: UInt32 { get { counts.outShort } set { counts.outShort = newValue } }
    var outLong: UInt32 { get { counts.outLong } set { counts.outLong = newValue } }
    var outWork: UInt32 { get { counts.outWork } set { counts.outWork = newValue } }
    var inCalls: UInt32 { get { counts.inCalls } set { counts.inCalls = newValue } }
    var inAnswered: UInt32 { get { counts.inAnswered } set { counts.inAnswered = newValue } }
    var inLong: UInt32 { get { counts.inLong } set { counts.inLong = newValue } }
    var night: UInt32 { get { counts.night } set { counts.night = newValue } }
    var firstSeen: UInt32 { get { counts.firstSeen } set { counts.firstSeen = newValue } }

    init() {}

    init(counts: ProfileCounts, outDistinct: UInt32, inDistinct: UInt32, reciprocated: UInt32,
         heldDistinct: UInt32, imeis: UInt16) {
        self.counts = counts
        self.outDistinct = outDistinct
        self.inDistinct = inDistinct
        self.reciprocated = reciprocated
        self.heldDistinct = heldDistinct
        self.imeis = imeis
    }

    /// Writes the caller features into `f` (indexed by ``CallerFeature``). `ringContacts`
    /// comes from the suspicion stage; 0 before it.
    ///   - start: the start of what has been seen (batch: the first call of the data; stream:
    ///     the first call read), for `history_hours`.
    ///   - now: the end of what has been seen (batch: the last call of the data; stream: the
    ///     latest call so far), for `observed_hours`.
    ///   - lateDays: batch over a period of 64 days or more, the distinct days from day 63 on
    ///     that it was active and made calls, which share bit 63 of the day marks
    ///     (``NumberProfiles/lateDays``; zero otherwise, and always in the stream, whose masks
    ///     drop their oldest days instead). Not a field: the stream's 128-byte state has no room.
    func fill(_ f: UnsafeMutableBufferPointer<Double>, ringContacts: Int, start: UInt32, now: UInt32, lateDays: LateDays = .init()) {
        let p = self
        @inline(__always) func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : 0 }
        let outDistinct = Double(p.outDistinct), inDistinct = Double(p.inDistinct)
        let active = Double(p.activeDays(lateDays: lateDays))
        let outDays = Double(p.outDays(lateDays: lateDays))
        let busyDays = Double(p.busyDays(lateDays: lateDays))
        let outCalls = Double(p.outCalls), inCalls = Double(p.inCalls)
        let peers = outDistinct + inDistinct - Double(p.reciprocated)
        f[CallerFeature.outCalls.rawValue] = outCalls
        f[CallerFeature.outAnswered.rawValue] = Double(p.outAnswered)
        f[CallerFeature.outAnswerRate.rawValue] = ratio(Double(p.outAnswered), outCalls)
        f[CallerFeature.outDistinct.rawValue] = outDistinct
        f[CallerFeature.outDistinctPerDay.rawValue] = ratio(outDistinct, active)
        f[CallerFeature.outTalk.rawValue] = Double(p.outTalk)
        f[CallerFeature.outMeanHold.rawValue] = ratio(Double(p.outTalk), Double(p.outAnswered))
        f[CallerFeature.outShortShare.rawValue] = ratio(Double(p.outShort), Double(p.outAnswered))
        f[CallerFeature.outLong.rawValue] = Double(p.outLong)
        f[CallerFeature.callsPerCallee.rawValue] = ratio(outCalls, outDistinct)
        f[CallerFeature.callbackShare.rawValue] = ratio(Double(p.reciprocated), outDistinct)
        f[CallerFeature.inKnownShare.rawValue] = ratio(Double(p.reciprocated), inDistinct)
        f[CallerFeature.inCalls.rawValue] = inCalls
        f[CallerFeature.inAnswered.rawValue] = Double(p.inAnswered)
        f[CallerFeature.inDistinct.rawValue] = inDistinct
        f[CallerFeature.inDistinctPerDay.rawValue] = ratio(inDistinct, active)
        f[CallerFeature.inTalk.rawValue] = Double(p.inTalk)
        f[CallerFeature.inMeanHold.rawValue] = ratio(Double(p.inTalk), Double(p.inAnswered))
        f[CallerFeature.inLong.rawValue] = Double(p.inLong)
        f[CallerFeature.inHeldDistinct.rawValue] = Double(p.heldDistinct)
        f[CallerFeature.outShare.rawValue] = ratio(outCalls, outCalls + inCalls)
        f[CallerFeature.activeDays.rawValue] = active
        f[CallerFeature.outDays.rawValue] = outDays
        f[CallerFeature.busyDays.rawValue] = busyDays
        f[CallerFeature.observedHours.rawValue] = now > p.firstSeen ? Double(now - p.firstSeen) / 3600 : 0
        f[CallerFeature.historyHours.rawValue] = p.firstSeen > start ? Double(p.firstSeen - start) / 3600 : 0
        f[CallerFeature.workHoursShare.rawValue] = ratio(Double(p.outWork), outCalls)
        f[CallerFeature.nightShare.rawValue] = ratio(Double(p.night), outCalls + inCalls)
        f[CallerFeature.imeis.rawValue] = Double(p.imeis)
        f[CallerFeature.peers.rawValue] = peers
        f[CallerFeature.ringContacts.rawValue] = Double(ringContacts)
        f[CallerFeature.ringShare.rawValue] = ratio(Double(ringContacts), peers)
    }

    /// Days with any call: the day marks' bits, with bit 63 (every day from 63 on) worth the
    /// late days counted apart (see ``fill(_:ringContacts:start:now:lateDays:)``).
    func activeDays(lateDays: LateDays = .init()) -> Int {
        Self.countDays(days.active, late: lateDays.active, lateDays)
    }

    /// Days with a call made, counted as ``activeDays(lateDays:)`` counts days with any call.
    func outDays(lateDays: LateDays = .init()) -> Int {
        Self.countDays(days.made, late: lateDays.out, lateDays)
    }

    /// Days with two calls made or more, counted the same way.
    func busyDays(lateDays: LateDays = .init()) -> Int {
        Self.countDays(days.busy, late: lateDays.busy, lateDays)
    }

    /// The days of `mask` before ``lateDay``, and from it on `late` if the late days were
    /// counted apart (a number active then has `lateDays.active` > 0), else bit 63. For busy
    /// days the bit can say yes where the count says no: two late days with a call made each.
    private static func countDays(_ mask: UInt64, late: UInt16, _ lateDays: LateDays) -> Int {
        (mask & ~lateBit).nonzeroBitCount + (lateDays.active > 0 ? Int(late) : (mask & lateBit != 0 ? 1 : 0))
    }

    /// The day-mask bit every day from ``lateDay`` on shares.
    static let lateBit: UInt64 = 1 << 63
    /// The first day of the period that has no bit of its own.
    static let lateDay = 63

    /// The day of the period and the local hour of a call. Days are calendar days of the
    /// input's clock, so a number's active days do not depend on when anybody else's first
    /// call happened.
    @inline(__always)
    static func dayAndHour(_ time: UInt32, periodStart: UInt32, offset: Int) -> (day: Int, hour: Int) {
        let local = Int(time) + offset
        return (max(0, local / 86_400 - (Int(periodStart) + offset) / 86_400), (local / 3600) % 24)
    }

    /// Adds one call made by this number (``ProfileCounts/addOutgoing(_:day:hour:_:)``).
    @inline(__always)
    mutating func addOutgoing(_ r: CallRecord, day: Int, hour: Int, _ s: EngineSettings) {
        counts.addOutgoing(r, day: day, hour: hour, s)
    }

    /// Adds one call received by this number (``ProfileCounts/addIncoming(_:day:hour:_:)``).
    @inline(__always)
    mutating func addIncoming(_ r: CallRecord, day: Int, hour: Int, _ s: EngineSettings) {
        counts.addIncoming(r, day: day, hour: hour, s)
    }
}

/// The profiles of every number in a log, with the contact graph: the batch way of building
/// them (one pass over the records, then the graph for the distinct counts).
///
/// The counts live apart from the distinct counts, in an array on a 64-byte boundary, so the
/// pass over the records touches one cache line per party (an 88-byte profile straddles two
/// seven times in eight); `subscript` puts a number's profile together.
struct NumberProfiles: Sendable {
    /// Each number's call counts, indexed by id.
    let counts: AlignedArray<ProfileCounts>
    /// Distinct callers each number held `hold_call` or longer.
    let heldDistinct: [UInt32]
    /// Distinct numbers each number called that also called it.
    let reciprocated: [UInt32]
    /// Distinct handsets on each number's calls.
    let imeis: [UInt16]
    /// Each number's active days, days with a call made and with two from day 63 on, for ``NumberProfile/fill(_:ringContacts:start:now:lateDays:)``;
    /// empty when the period ends before day 63, as a week or a month does.
    let lateDays: [NumberProfile.LateDays]
    let graph: ContactGraph
    /// The first call of the data: the start for `history_hours`.
    let periodStart: UInt32
    /// The last call of the data: "now" for `observed_hours`.
    let periodEnd: UInt32
    /// The first and last call of the data.
    var period: ClosedRange<UInt32> { periodStart...periodEnd }

    /// Counts every number's calls on up to `threads` threads. Each thread counts one range
    /// of the calls into counts of its own, which are then added up number by number (each
    /// thread adding a range of ids): the counts are integers, first calls a minimum and days
    /// a bit set, so the sums are the same for any number of threads. Held callers are
    /// collected per range of callee ids and counted distinct by the thread owning the range.
    ///
    /// Each thread reads only its own calls: when every thread scanned all the calls for
    /// the numbers of its id range, a call had a party of a given thread's range three times
    /// in four on two threads, so two threads did 1.5 times the work of one.
    ///
    /// The period (first and last call) is the log's ``CallLog/timeSpan``, taken once here:
    /// it is a pass over every call (mapped back in when they are spilled).
    ///
    /// - Complexity: O(records + threads × numbers + distinct pairs + Σ k log k) over each
    ///   caller's k calls; threads × numbers × 64 bytes of memory while counting. A period of
    ///   64 days or more takes one more pass over the calls and about 16 bytes per number and
    ///   active day from day 63 on (32 on a day it both called and was called) while those
    ///   days are counted (``lateDays``).
    init(log: CallLog, settings: EngineSettings, threads: Int = 1,
         heldCompaction: Int = NumberProfiles.heldCompaction, maximumBucket: Int = ContactGraph.maximumBucket) {
        let period = log.timeSpan ?? 0...0
        let periodStart = period.lowerBound
        let n = log.numbers.count
        let parts = evenRanges(n, parts: threads)                    // ranges of number ids
        let chunks = evenRanges(log.records.count, parts: threads)   // ranges of calls
        // The first id of every id range after the first: where a held pair goes.
        let bounds = parts.dropFirst().map { UInt32($0.lowerBound) }
        var counted = [AlignedArray<ProfileCounts>](repeating: AlignedArray(), count: chunks.count)
        var held = [[[UInt64]]](repeating: [], count: chunks.count)
        let offset = Int(log.displayOffset)
        do {
            let records = log.records
            counted.withUnsafeMutableBufferPointer { counted in
                held.withUnsafeMutableBufferPointer { held in
                    parallelChunks(chunks.count) { k in
                        var mine = AlignedArray(repeating: ProfileCounts(), count: n)
                        var heldByPart = [[UInt64]](repeating: [], count: max(1, parts.count))
                        // Room for a list up to its first compaction, so none is copied as it
                        // doubles before; untouched room is address space only.
                        // The thread's budget is shared by its lists (one per id range).
                        let threshold = max(1, heldCompaction / heldByPart.count)
                        for q in heldByPart.indices { heldByPart[q].reserveCapacity(2 * threshold) }
                        var compactAt = [Int](repeating: threshold, count: heldByPart.count)
                        mine.withUnsafeMutableBufferPointer { p in
                            records.forEachPiece(of: chunks[k]) { _, piece in
                                Self.count(piece, into: p, held: &heldByPart, compactAt: &compactAt,
                                           bounds: bounds, settings: settings, periodStart: periodStart, offset: offset)
                            }
                        }
                        counted[k] = mine
                        held[k] = heldByPart
                    }
                }
            }
        }
        // The first range's counts are moved out, not shared: a slice of `counted` would keep
        // a second reference, and the first write below would copy them.
        var counts = AlignedArray(repeating: ProfileCounts(), count: counted.isEmpty ? n : 0)
        if !counted.isEmpty { swap(&counts, &counted[0]) }
        var others = Array(counted.dropFirst())
        counted.removeAll()
        var heldDistinct = [UInt32](repeating: 0, count: n)
        counts.withUnsafeMutableBufferPointer { c in
            heldDistinct.withUnsafeMutableBufferPointer { heldDistinct in
                parallelChunks(parts.count) { k in
                    for other in others {
                        other.withUnsafeBufferPointer { o in
                            for a in parts[k] { c[a].add(o[a]) }
                        }
                    }
                    // Held inbound pairs (answered and long) are few, so a sort of just those
                    // is cheap.
                    var pairs: [UInt64] = []
                    pairs.reserveCapacity(held.reduce(0) { $0 + (k < $1.count ? $1[k].count : 0) })
                    for h in held where k < h.count { pairs.append(contentsOf: h[k]) }
                    radixSort(&pairs)
                    var previous: UInt64 = .max
                    for h in pairs where h != previous { previous = h; heldDistinct[Int(h >> 32)] += 1 }
                }
            }
        }
        others = []                                                  // freed before the graph is built
        held = []
        let graph = ContactGraph(records: log.records, numberCount: n, threads: threads,
                                 callsBy: { [counts] in counts.map(\.outCalls) }, maximumBucket: maximumBucket)
        var reciprocated = [UInt32](repeating: 0, count: n)
        reciprocated.withUnsafeMutableBufferPointer { r in
            parallelRanges(n, parts: threads) { range in
                for a in range { r[a] = UInt32(graph.reciprocated(a)) }
            }
        }
        self.counts = counts
        self.heldDistinct = heldDistinct
        self.reciprocated = reciprocated
        self.imeis = log.imeiCount
        let lastDay = NumberProfile.dayAndHour(period.upperBound, periodStart: periodStart, offset: offset).day
        self.lateDays = lastDay >= NumberProfile.lateDay
            ? Self.countLateDays(log.records, numberCount: n, threads: threads, periodStart: periodStart, offset: offset,
                                 compaction: heldCompaction) : []
        self.graph = graph
        self.periodStart = periodStart
        self.periodEnd = period.upperBound
    }

    /// The profile of number `id`.
    subscript(id: Int) -> NumberProfile {
        withReader { $0[id] }
    }

    /// Profiles read through views of the arrays, for loops over many numbers: `self[id]`
    /// reaches every array, and the counts' shared storage, once per id, and threads doing
    /// that at once contend for the reference counts.
    struct Reader {
        let counts: UnsafeBufferPointer<ProfileCounts>
        let outStart: UnsafeBufferPointer<UInt32>, inStart: UnsafeBufferPointer<UInt32>
        let heldDistinct: UnsafeBufferPointer<UInt32>, reciprocated: UnsafeBufferPointer<UInt32>
        let imeis: UnsafeBufferPointer<UInt16>
        let late: UnsafeBufferPointer<NumberProfile.LateDays>

        /// The profile of number `id`.
        subscript(id: Int) -> NumberProfile {
            NumberProfile(counts: counts[id], outDistinct: outStart[id + 1] - outStart[id], inDistinct: inStart[id + 1] - inStart[id],
                          reciprocated: reciprocated[id], heldDistinct: heldDistinct[id], imeis: imeis[id])
        }

        /// Number `id`'s days from day 63 on (zero when the period is shorter).
        func lateDays(_ id: Int) -> NumberProfile.LateDays { late.isEmpty ? .init() : late[id] }
    }

    /// Calls `body` with a ``Reader`` valid for the call.
    func withReader<R>(_ body: (Reader) throws -> R) rethrows -> R {
        try counts.withUnsafeBufferPointer { c in
            try graph.outStart.withUnsafeBufferPointer { o in
                try graph.inStart.withUnsafeBufferPointer { i in
                    try heldDistinct.withUnsafeBufferPointer { h in
                        try reciprocated.withUnsafeBufferPointer { r in
                            try imeis.withUnsafeBufferPointer { m in
                                try lateDays.withUnsafeBufferPointer { l in
                                    try body(Reader(counts: c, outStart: o, inStart: i, heldDistinct: h, reciprocated: r,
                                                    imeis: m, late: l))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds `records` into `p` (indexed by number id) and appends each held inbound pair
    /// (callee << 32 | caller) to the list of the id range its callee is in (`bounds`: the
    /// first id of every range after the first). A list that reaches its `compactAt` length
    /// is sorted and its repeats dropped, so it grows with the distinct pairs, not the calls.
    ///
    /// The counts are hit at random, a cache miss each. In batches of 16 calls, the two
    /// idempotent updates at either end of a profile's hot fields (day bit, first call) are
    /// done first: their misses overlap instead of queueing behind each call's full update,
    /// which then finds its lines in cache.
    private static func count(_ records: UnsafeBufferPointer<CallRecord>, into p: UnsafeMutableBufferPointer<ProfileCounts>,
                              held: inout [[UInt64]], compactAt: inout [Int], bounds: [UInt32],
                              settings: EngineSettings, periodStart: UInt32, offset: Int) {
        let batch = 16
        var j = records.startIndex
        while j < records.endIndex {
            let end = min(j + batch, records.endIndex)
            for q in j..<end {
                let r = records[q]
                let bit: UInt64 = 1 << UInt64(min(NumberProfile.dayAndHour(r.time, periodStart: periodStart, offset: offset).day, NumberProfile.lateDay))
                p[Int(r.caller)].touch(r.time, dayBit: bit)
                p[Int(r.callee)].touch(r.time, dayBit: bit)
            }
            for q in j..<end {
                let r = records[q]
                let (day, hour) = NumberProfile.dayAndHour(r.time, periodStart: periodStart, offset: offset)
                p[Int(r.caller)].addOutgoing(r, day: day, hour: hour, settings)
                p[Int(r.callee)].addIncoming(r, day: day, hour: hour, settings)
                if r.duration >= settings.holdCall {
                    var part = 0
                    while part < bounds.count && r.callee >= bounds[part] { part += 1 }
                    held[part].append(UInt64(r.callee) << 32 | UInt64(r.caller))
                    if held[part].count >= compactAt[part] { compactAt[part] = Self.compact(&held[part], threshold: compactAt[part]) }
                }
            }
            j = end
        }
    }

    var count: Int { counts.count }

    /// Held pairs a thread's lists gather, together, before a list's first compaction (8 MiB;
    /// on the 200k week no list reaches its share on two threads); also a thread's number-day
    /// pairs in a long period (``lateDays``).
    static let heldCompaction = 1 << 20

    /// Sorts `pairs` and drops repeats in place, keeping each value at most `copies` times;
    /// returns the length at which to compact again: twice what is left, and never less than
    /// `threshold`, so repeated compactions cost O(pairs) in all.
    static func compact(_ pairs: inout [UInt64], threshold: Int = heldCompaction, keeping copies: Int = 1) -> Int {
        radixSort(&pairs)
        let kept = pairs.withUnsafeMutableBufferPointer { dropRepeats($0, keeping: copies) }
        pairs.removeLast(pairs.count - kept)
        return max(threshold, 2 * kept)
    }
}

extension NumberProfiles {
    /// Writes the caller features of number `id` into `f`.
    func fill(_ f: UnsafeMutableBufferPointer<Double>, id: Int, ringContacts: Int) {
        withReader { $0[id].fill(f, ringContacts: ringContacts, start: periodStart, now: periodEnd, lateDays: $0.lateDays(id)) }
    }
}
