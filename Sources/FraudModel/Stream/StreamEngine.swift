/// Scores calls as they arrive and raises a warning the moment a subscriber's risk enters a
/// tier, with the batch scorer's features and models (the same `NumberProfile`, `Suspicion`,
/// `Exposure` and `VictimRisk` code), updated incrementally.
///
/// Per call: both numbers' profiles and distinct-peer counts are updated; their suspicion is
/// re-evaluated (on each of a number's first 4 calls and every 8th after); a call with a suspect
/// (or a bank call, or a new hold) goes into the subscriber's timeline and their risk is
/// re-assessed. When a
/// number *becomes* suspect, its calls still held in memory are replayed into its contacts'
/// timelines, so victims it reached before it looked suspect are warned too; when it becomes
/// a first-round suspect, the people it held become ring contacts, and their other peers are
/// re-evaluated (ring hand-offs). A number whose suspicion falls back (a courier once its
/// customers call back) leaves its contacts' timelines again, as batch would never have
/// counted it; warnings already raised stand.
///
/// A value type: its state is arrays indexed by `NumberID` plus a few tables, so a checkpoint
/// is a plain serialisation of it.
public struct StreamEngine: Sendable {
    public internal(set) var rules: RuleSet
    var settings: EngineSettings
    public let options: StreamOptions
    var reader: CallLogBuilder
    public internal(set) var statistics = StreamStatistics()

    // Per number, indexed by NumberID: everything a call touches in one struct of two cache
    // lines, so a call costs two misses per party rather than one per array.
    var state = AlignedArray<StreamNumber>()
    /// Current suspicion of every number (read by `Exposure`); the same as each
    /// `StreamNumber.suspicion`, written through `setSuspicion` only when it changes.
    var suspicion: [Float] = []
    /// Every number's distinct peers (heads: `StreamNumber.peersHead`).
    var peers = ListPool()
    var longPartners = LinkedLists()      // numbers it had a call of at least ring_min_talk with
    // Shared tables. Pairs are kept in two generations of 30 days (`rollGenerations`): those
    // seen in the current one, and those of the one before not seen since.
    var pairs = PairSet(capacity: 1 << 18)
    var heldPairs = PairSet(capacity: 1 << 14)
    var olderPairs = PairSet(capacity: 8)
    var olderHeldPairs = PairSet(capacity: 8)
    /// Numbers back after expiring since the last generation ended, their pairs from before
    /// still in the tables (until a compaction): the next roll leaves their counts as they are.
    var rejoined: [Bool] = []
    /// The first day (counted from `periodStart`'s) of the current generation of pairs.
    var generationStart = 0
    var timelines: [NumberID: [ContactEvent]] = [:]
    var warned: [NumberID: LastWarning] = [:]
    /// When each suspect last became one (`keepSuspects`; read only as one falls below).
    var suspectSince: [NumberID: UInt32] = [:]
    var recent: [CallRecord] = []         // calls within `retention`, for late suspicion
    /// Per call in `recent`, the sequence number of its caller's previous call (low half) and
    /// its callee's (high half), `ListPool.end` for none: with `StreamNumber.callsHead`, each
    /// number's calls still in `recent`, newest first (`recentCalls(of:)`).
    var recentLinks: [UInt64] = []
    var recentHead = 0
    var periodStart: UInt32? = nil
    /// The day (counted from `periodStart`'s) of bit 0 of every number's day marks: it moves on
    /// 30 days at a time once a stream has run 60 days (`rollGenerations`), so marks keep 64 bits.
    var dayBase = 0
    var maxTime: UInt32 = 0
    var lastSweep: UInt32 = 0
    /// Notes for stderr on calls that arrived late or were skipped, taken once.
    var notes: [StreamNote] = []
    /// Calls dated more than `maxAhead` after the latest one, held until the calls after them
    /// show whether time moved on (`StreamEngine+Ahead`).
    var heldAhead: [HeldCall] = []
    /// Numbers expired (`StreamNumber.isExpired`) since the shared tables were last compacted.
    var expiredSinceCompaction = 0
    /// Sequence number of `recent[0]`.
    var recentBase: UInt32 = 0
    // Scratch buffers reused for every call, so the hot path allocates nothing.
    var dirtyBuffer: [Int] = []
    var touchedBuffer: [Int] = []
    var featureScratch = [Double](repeating: 0, count: CallerFeature.allCases.count)
    /// Numbers not evaluated since the rules were replaced (SIGHUP): evaluated on their next
    /// call whatever their count. Not checkpointed: a restore takes the rules given then, as
    /// a number's next regular evaluation would.
    var stale: [Bool] = []
    var staleCount = 0
    /// The sum of what `gather` loaded (unused; it keeps the loads).
    var gathered: UInt64 = 0
    var chunkRecords: [CallRecord] = []   // the last chunk's records, kept for its storage
    var chunkChanges: [LineChange] = []   // and what their lines changed
    var chunkSides: [DuplicateCallFilter.Side] = []   // and, subscriber layout, which side wrote them
    /// Subscriber layout only: the rows of the last `maxDelay`, to count a call listed from
    /// both sides once (`StreamEngine+Duplicates`). Nil for rows of calls.
    var duplicates: StreamDuplicateFilter? = nil
    /// Each number's region as of the calls taken so far (index into the reader's region
    /// codes, -1 for none): the reader's is as of the lines it has read, which may be ahead.
    /// A number's handsets are counted the same way, in its `profile.imeis`, and so is the
    /// input's UTC offset, `offset`, and how many numbers there are, `numbersSeen`.
    var regionOf: [Int32] = []
    var offset: Int32 = 0
    var numbersSeen = 0
    /// The warnings of the calls read before a malformed line stopped a strict read
    /// (``takeWarningsBeforeError()``).
    var warningsBeforeError: [StreamWarning] = []
    /// Input lines read by the runs before this one (`StreamStatistics.lines`, from the
    /// checkpoint): this run's input starts again with its header. Nil when the checkpoint
    /// did not count them.
    var linesBefore: Int? = 0

    struct LastWarning: Sendable, Equatable { var tier: Tier; var at: UInt32 }

    /// Creates an engine reading CSV (header first) with `input` options.
    public init(rules: RuleSet, options: StreamOptions = StreamOptions(), input: InputOptions = InputOptions()) {
        self.rules = rules
        self.settings = EngineSettings(rules.settings)
        self.bankIndex = rules.classes.firstIndex { $0.name == "bank_hotline" }
        var o = options
        o.retention = max(o.retention, settings.window, settings.moneyWindow)
        self.options = o
        var input = input
        input.spillDirectory = nil                  // the stream hands each chunk's records on at once
        self.reader = CallLogBuilder(options: input)
        if input.layout == .subscriber { duplicates = StreamDuplicateFilter(horizon: o.maxDelay) }
        reader.listsLineChanges = true
        reader.beginSource("-")
    }

    /// The UTC offset times are printed in.
    public var displayOffset: Int32 { offset }
    /// The form the input writes times in (warnings use the same).
    public var timeForm: Timestamp.Form { reader.firstTimeForm }

    /// Lines of this run's input read whole after its header (see `StreamStatistics.lines`,
    /// which adds those of the runs before).
    public var linesThisRun: Int { reader.linesTaken }

    /// Malformed lines kept so far (the first few, with file:line); the rest are counted.
    public var issues: [RecordIssue] { reader.keptIssues }

    /// Notes on the first records that arrived later than `maxDelay` ("late: …") and on calls
    /// skipped as dated too far ahead ("skipped …"), taken once.
    public mutating func takeLateNotes() -> [String] {
        defer { notes.removeAll() }
        return notes.map(\.text)
    }

    /// Numbers with state held (not expired).
    public var numbersHeld: Int { state.lazy.filter { $0.lastSeen != 0 }.count }
    /// (caller, callee) pairs held for the distinct-peer counts, both generations: with the
    /// numbers, what the stream's memory grows with.
    public var pairsHeld: Int { pairs.count + olderPairs.count }

    // MARK: - One call

    /// Processes one call; warnings it raises are appended to `out`.
    mutating func process(_ r: CallRecord, number: Int, into out: inout [StreamWarning]) {
        grow(to: reader.internedNumbers.count)
        if Int64(r.time) + Int64(options.maxDelay) < Int64(maxTime) {
            statistics.late += 1
            if statistics.late <= 20 {
                notes.append(StreamNote(kind: .late, text: "late: \(Self.recordName(number)) at \(Timestamp.format(Int64(r.time), offset: displayOffset)) arrived \(maxTime - r.time) s after a later one (--max-delay \(options.maxDelay) s); counted"))
            }
        }
        let hourBefore = maxTime / 3600
        maxTime = max(maxTime, r.time)
        if periodStart == nil { periodStart = r.time }
        var (day, hour) = NumberProfile.dayAndHour(r.time, periodStart: periodStart ?? r.time, offset: Int(displayOffset))
        // Before this call is anywhere, so a number the evaluation makes a suspect does not
        // replay it.
        while day >= generationStart + 30 { rollGenerations(at: r.time, into: &out) }
        day = max(0, day - dayBase)
        let a = Int(r.caller), b = Int(r.callee)
        // A number back after expiring is live again; until the next compaction its old pairs
        // are still in the pair set, so its distinct counts start a little low (and the next
        // generation's end does not count them back in: `rejoined`).
        if state[a].isExpired { state[a].isExpired = false; rejoined[a] = true }
        if state[b].isExpired { state[b].isExpired = false; rejoined[b] = true }
        state[a].lastSeen = max(state[a].lastSeen, max(r.time, 1)); state[b].lastSeen = max(state[b].lastSeen, max(r.time, 1))
        let seq = recentBase &+ UInt32(recent.count)
        recent.append(r)
        recentLinks.append(UInt64(state[a].callsHead) | UInt64(state[b].callsHead) << 32)
        state[a].callsHead = seq
        state[b].callsHead = seq

        // Profiles: the same counters as batch.
        state[a].profile.addOutgoing(r, day: day, hour: hour, settings)
        state[b].profile.addIncoming(r, day: day, hour: hour, settings)
        var dirty: [Int] = []
        swap(&dirty, &dirtyBuffer)                  // reuse the buffer without a copy
        if !dirty.isEmpty { dirty.removeAll(keepingCapacity: true) }
        if pairs.insert(r.caller, r.callee), !olderPairs.contains(r.caller, r.callee) {
            state[a].profile.outDistinct += 1
            state[b].profile.inDistinct += 1
            let reverse = pairs.contains(r.callee, r.caller) || olderPairs.contains(r.callee, r.caller)
            if reverse {
                state[a].profile.reciprocated += 1
                if a != b { state[b].profile.reciprocated += 1 }   // a call to itself calls itself back once
            } else if a != b {
                connect(a, b, &dirty)
            }
        }
        // The pair's first talk of hold_call+ (either way, in the last 30–60 days), long, by a
        // caller (no bank hotline) few of whose calls so far were answered, this one counted:
        // a `newHold` event for the callee. Whether the caller is a suspect now is not asked:
        // beside a suspect call it counts for nothing, but if the caller is cleared later it
        // counts, as in batch, which judges suspects at the end.
        let bank = isBankHotline(b)
        let newHold = a != b
            && settings.opensNewHold(duration: r.duration, callerIsBank: isBankHotline(a),
                                     outCalls: state[a].profile.outCalls, outAnswered: state[a].profile.outAnswered)
            && !state[b].isSuspect && state[b].traits.isConsidered
            && !heldPairs.contains(r.callee, r.caller) && !olderHeldPairs.contains(r.callee, r.caller)
            && !heldPairs.contains(r.caller, r.callee) && !olderHeldPairs.contains(r.caller, r.callee)
        if r.duration >= settings.holdCall, heldPairs.insert(r.callee, r.caller), !olderHeldPairs.contains(r.callee, r.caller) {
            state[b].profile.heldDistinct += 1
        }
        if r.duration >= settings.ringMinTalk && a != b {
            longPartners.append(a, r.callee)
            longPartners.append(b, r.caller)
            if state[a].isFirstRoundSuspect && !state[b].isFirstRoundSuspect { hold(b, by: r.caller, &dirty) }
            if state[b].isFirstRoundSuspect && !state[a].isFirstRoundSuspect { hold(a, by: r.callee, &dirty) }
        }
        if shouldEvaluate(a) { dirty.append(a) }
        if shouldEvaluate(b) { dirty.append(b) }
        var touched: [Int] = []
        swap(&touched, &touchedBuffer)
        if !touched.isEmpty { touched.removeAll(keepingCapacity: true) }
        // Exposure, with suspicion as it stood before this call (a party that becomes suspect
        // on it gets this call through the replay in `becameSuspect`): the batch rule for
        // which calls enter whose timeline.
        let (x, y) = ContactEvent.events(of: r, callerSuspect: state[a].isSuspect, calleeSuspect: state[b].isSuspect,
                                         calleeIsBank: bank, callerConsidered: state[a].traits.isConsidered,
                                         calleeConsidered: state[b].traits.isConsidered, newHold: newHold)
        if let x { append(x, to: a, &touched) }
        if let y { append(y, to: b, &touched) }
        if newHold && state[a].isSuspect {
            append(ContactEvent(time: r.time, peer: r.caller, duration: r.duration, outgoing: false, kind: .newHold),
                   to: b, &touched)
        }
        settle(&dirty, at: r.time, touched: &touched)
        swap(&dirty, &dirtyBuffer)

        if !touched.isEmpty {
            assessEach(&touched, at: r.time, into: &out)
        }
        swap(&touched, &touchedBuffer)
        if Int64(r.time) >= Int64(lastSweep) + Int64(max(3600, options.retention / 24)) { sweep() }
        // Every hour of event time (read from `maxTime`, so a checkpointed run agrees).
        if maxTime / 3600 != hourBefore && hourBefore != 0 { reconsiderWithinReach(at: r.time, into: &out) }
    }

    /// Young numbers change fast: evaluate them on each of their first 4 calls, then on every
    /// 8th (and whenever their ring contacts change, and on their next call after a reload).
    /// Evaluating only the first call and every 8th saved a third of the evaluations and
    /// changed no warning on the 20k weeks, but on the 200k week three batch tier-1/2
    /// subscribers lost their warning (coverage 99.0% → 98.0%): time-dependent rules
    /// (`observed_hours >= 48`) flip between calls, and a few-call number's 2nd–4th calls
    /// are where it is seen again after the time has passed.
    @inline(__always)
    private func shouldEvaluate(_ i: Int) -> Bool {
        let calls = state[i].profile.outCalls &+ state[i].profile.inCalls
        return calls <= 4 || calls & 7 == 0 || (staleCount > 0 && stale[i])
    }

    /// The `bank_hotline` class, looked up once per rule set.
    var bankIndex: Int?

    /// Whether number `i` is in the `bank_hotline` class.
    @inline(__always)
    private func isBankHotline(_ i: Int) -> Bool { bankIndex.map { state[i].traits.isInClass($0) } ?? false }

    // MARK: - Victims

    mutating func append(_ e: ContactEvent, to s: Int, _ touched: inout [Int]) {
        let key = NumberID(s)
        // In place: a copy taken out of the table would be copied again by the insert.
        let at = Self.insertInOrder(e, into: &timelines[key, default: []])
        // A new hold changes nothing unless a suspect held them within `hand_on_window` before
        // (it is kept for a suspect found later, whose replay assesses them then).
        if e.kind != .newHold || timelines[key]![..<at].reversed().contains(where: {
            $0.isSuspectHold(holdCall: settings.holdCall) && e.time - $0.time <= settings.handOnWindow
        }) {
            touched.append(s)
        }
    }

    /// Inserts `e` into time-ordered `t` (ties as batch orders them), even when calls arrive
    /// late, and returns where.
    private static func insertInOrder(_ e: ContactEvent, into t: inout [ContactEvent]) -> Int {
        var at = t.count
        while at > 0 && (t[at - 1].time, t[at - 1].peer, t[at - 1].duration) > (e.time, e.peer, e.duration) { at -= 1 }
        t.insert(e, at: at)
        return at
    }

    /// Assesses each subscriber in `touched` once, in id order (sorts it).
    mutating func assessEach(_ touched: inout [Int], at time: UInt32, into out: inout [StreamWarning]) {
        touched.sort()
        var previous = -1
        for s in touched where s != previous { previous = s; assess(s, at: time, into: &out) }
    }

    /// Scores subscriber `s` and raises a warning if it entered a tier, rose to a more urgent
    /// one, or is still in a tier after the cool-down.
    private mutating func assess(_ s: Int, at time: UInt32, into out: inout [StreamWarning]) {
        let key = NumberID(s)
        guard !state[s].isSuspect, let t = timelines[key],
              let exposure = Exposure(timeline: t[...], suspicion: suspicion, settings: settings, offset: displayOffset)
        else { return }
        let risk = VictimRisk(exposure: exposure, traits: state[s].traits, rules: rules, reasons: settings.reasons)
        guard risk.tier != .none else { return }
        if let last = warned[key], !(risk.tier < last.tier), time < last.at &+ options.cooldown { return }
        warned[key] = LastWarning(tier: risk.tier, at: time)
        statistics.warnings += 1
        let numbers = reader.internedNumbers
        let region = regionOf[s]
        out.append(StreamWarning(raisedAt: time, warning: Warning(
            tier: risk.tier, subscriber: numbers.text(key), score: risk.score,
            region: region < 0 ? "" : reader.regionCodes[Int(region)], reasons: risk.reasons,
            suspects: exposure.topSuspects.map { numbers.text($0) },
            firstContact: Int64(exposure.firstContact), lastContact: Int64(exposure.lastContact),
            suspectTalk: exposure.suspectTalk,
            bankCalls: Int(exposure.features[VictimFeature.bankAfterContact.rawValue]))))
    }

    // MARK: - State

    /// Makes room for numbers the reader interned since the last call.
    mutating func grow(to n: Int) {
        while state.count < n {
            let id = NumberID(state.count)
            state.append(StreamNumber(traits: reader.internedNumbers.withBytes(id) { rules.numberTraits($0) }))
            suspicion.append(0)
            stale.append(false)
            rejoined.append(false)
            regionOf.append(-1)
        }
        longPartners.grow(to: n)
    }

    /// The sequence numbers of number `i`'s calls still in `recent` (from `live` on), oldest
    /// first: its chain of `recentLinks` from `StreamNumber.callsHead`.
    ///
    /// - Complexity: O(its calls in `recent`).
    func recentCalls(of i: Int) -> [UInt32] {
        var out: [UInt32] = []
        let live = recentBase &+ UInt32(recentHead)
        var seq = state[i].callsHead
        while seq != ListPool.end && seq >= live {
            out.append(seq)
            let k = Int(seq &- recentBase)
            seq = UInt32(truncatingIfNeeded: recent[k].caller == NumberID(i) ? recentLinks[k] : recentLinks[k] >> 32)
        }
        return out.reversed()
    }

    /// Sets number `i`'s final suspicion. The `suspicion` array is written only when the value
    /// changes: most evaluations of an ordinary number give the value it had, and a store to
    /// that array's line (not in cache) held up the stores behind it.
    @inline(__always)
    mutating func setSuspicion(_ i: Int, _ p: Float) {
        if state[i].suspicion.bitPattern != p.bitPattern {
            state[i].suspicion = p
            suspicion[i] = p
        }
    }
}
