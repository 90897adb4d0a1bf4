/// Calls dated far after the stream's latest call (`--max-ahead`, a day). One such call, a
/// mistyped year or a switch whose clock jumped, moved event time on by years: every number
/// was then idle past the retention and forgotten, and every generation of contacts ended. A
/// feed that resumes after an outage jumps too, and its calls are real. So a call more than
/// `maxAhead` after the latest one is held back:
/// - a call that is not ahead is processed, and then every held call no longer ahead of the
///   latest call is processed (calls arriving a little out of order around an outage) and
///   the others are skipped;
/// - ``confirmation`` held calls in a row make a jump: those within `maxAhead` of the group's
///   median time are processed in the order they came, provided they are half the group at
///   least, and the others (a stray call among them, or times all over the place) skipped;
/// - calls held when the input ends for good are skipped (nothing confirmed them); the end
///   of a warm-up file hands them on to the live feed.
/// A stream's clock starts with its first calls, so they are held until they agree: once two
/// or more are held and most are within `maxAhead` of their median time (or ``confirmation``
/// are held, or the input ends), those dated more than `maxAhead` after the median are
/// skipped and the others go on in the order they came, as above. A mistyped first call
/// (2062 for 2026) would otherwise have set the clock decades on, every later call would
/// have been late, and every number idle. A first call dated far *before* the rest needs no
/// such care: the calls after it are ahead and make a jump.
///
/// Skipped calls are counted and each reported on stderr. Only their time is doubted: the
/// handset and region the reader noted as it read the line still count, as in batch, which
/// skips such calls too (``StrayCalls``).
extension StreamEngine {
    /// Held calls in a row that make a jump real.
    public static let confirmation = 16

    /// A call held back, with its number in the input (for the notes) and, in the subscriber
    /// layout, the side that wrote its row.
    struct HeldCall: Sendable, Equatable {
        var call: CallRecord
        var number: Int
        var side: DuplicateCallFilter.Side = .none
    }

    /// Processes `r`, or holds it back while it may be a mistyped time (see above). Counted
    /// in `records` as it is read, held or not, so the count is where to resume a feed.
    mutating func admit(_ r: CallRecord, side: DuplicateCallFilter.Side = .none, into out: inout [StreamWarning]) {
        statistics.records += 1
        let held = HeldCall(call: r, number: statistics.records, side: side)
        if isStarting {
            heldAhead.append(held)
            if firstCallsAgree { releaseStart(into: &out) }
            return
        }
        pass(held, into: &out)
    }

    /// The usual path of a call once the clock runs: held if ahead, else processed, and then
    /// the calls held before it settled. A row that repeats a call already taken is as if it
    /// had not come.
    private mutating func pass(_ next: HeldCall, into out: inout [StreamWarning]) {
        if isAhead(next.call.time) {
            heldAhead.append(next)
            if heldAhead.count >= Self.confirmation { releaseJump(into: &out) }
            return
        }
        let latest = maxTime
        guard take(next, into: &out) else { return }
        guard !heldAhead.isEmpty else { return }
        let held = heldAhead
        heldAhead.removeAll()
        let reason = "the call after it was at \(Timestamp.format(Int64(next.call.time), offset: displayOffset))"
        for h in held {
            if isAhead(h.call.time) { skip(h, latest: latest, because: reason) } else { take(h, into: &out) }
        }
    }

    /// Whether the stream's clock is not set yet (no call processed) and its first calls are
    /// held until they agree.
    var isStarting: Bool { options.maxAhead > 0 && periodStart == nil }

    /// Two or more first calls held, most of them within `maxAhead` of their median, or a
    /// full group.
    private var firstCallsAgree: Bool {
        let n = heldAhead.count
        guard n >= 2 else { return false }
        let median = Self.medianTime(heldAhead)
        return heldAhead.lazy.filter { self.isNear($0, median) }.count * 2 > n || n >= Self.confirmation
    }

    /// The median time of `calls` (the upper one of an even count).
    private static func medianTime(_ calls: [HeldCall]) -> Int64 {
        Int64(calls.map(\.call.time).sorted()[calls.count / 2])
    }

    /// Whether a held call is within `maxAhead` of the `median` of its group.
    private func isNear(_ h: HeldCall, _ median: Int64) -> Bool {
        abs(Int64(h.call.time) - median) <= Int64(options.maxAhead)
    }

    /// Starts the clock: the first calls held are skipped if dated more than `maxAhead` after
    /// their median, and the others go the usual way in the order they came.
    private mutating func releaseStart(into out: inout [StreamWarning]) {
        let held = heldAhead
        heldAhead.removeAll()
        let median = Self.medianTime(held)
        for h in held {
            if Int64(h.call.time) > median + Int64(options.maxAhead) {
                skip(h, from: median, named: "the median of the stream's first \(held.count) calls",
                     because: "the stream's clock starts there")
            } else {
                pass(h, into: &out)
            }
        }
    }

    /// Whether a call at `time` is held back: more than `maxAhead` after the latest call, once
    /// there is one.
    func isAhead(_ time: UInt32) -> Bool {
        options.maxAhead > 0 && periodStart != nil && Int64(time) > Int64(maxTime) + Int64(options.maxAhead)
    }

    /// A full group of held calls: the feed moved on. Those near the group's median time are
    /// processed, the others skipped.
    private mutating func releaseJump(into out: inout [StreamWarning]) {
        let held = heldAhead
        heldAhead.removeAll()
        let median = Self.medianTime(held)
        let near = held.map { isNear($0, median) }
        let agree = near.lazy.filter { $0 }.count * 2 >= held.count
        for (h, isNear) in zip(held, near) {
            if agree && isNear {
                take(h, into: &out)
            } else {
                skip(h, latest: maxTime, because: agree ? "the calls around it were near \(Timestamp.format(median, offset: displayOffset))"
                                       : "the \(held.count) calls that far ahead were not near each other")
            }
        }
    }

    /// The input is over for good: the first calls of a stream still held start its clock
    /// (any number of them), and calls held as ahead are skipped (nothing confirmed them).
    mutating func endHeld(into out: inout [StreamWarning]) {
        if isStarting && !heldAhead.isEmpty { releaseStart(into: &out) }
        for h in heldAhead { skip(h, latest: maxTime, because: "the input ended before another call as late") }
        heldAhead.removeAll()
    }

    /// Counts and reports a skipped call (the first 20 reported); `latest`: the latest call
    /// when it was held.
    private mutating func skip(_ h: HeldCall, latest: UInt32, because reason: String) {
        skip(h, from: Int64(latest), named: "the latest call", because: reason)
    }

    /// Counts and reports a skipped call (the first 20 reported), dated after `reference`
    /// (`name` says what that time is).
    private mutating func skip(_ h: HeldCall, from reference: Int64, named name: String, because reason: String) {
        statistics.skipped += 1
        guard statistics.skipped <= 20 else { return }
        let days = Double(Int64(h.call.time) - reference) / 86_400
        notes.append(StreamNote(kind: .skipped,
                                text: "skipped \(h.number == 0 ? Self.recordName(0) : Self.recordName(h.number) + ", a call") at \(Timestamp.format(Int64(h.call.time), offset: displayOffset)), "
                                    + "\(String(format: "%.1f", days)) days after \(name) "
                                    + "(\(Timestamp.format(reference, offset: displayOffset))): \(reason) (a mistyped time?)"))
    }

    /// A record by its number in the input, for the notes: "record 370813", or, for number 0
    /// (a call a warm-up handed on to the live feed), "a call of the warm-up".
    static func recordName(_ number: Int) -> String {
        number == 0 ? "a call of the warm-up" : "record \(number)"
    }

    /// Calls held back now (and in a checkpoint).
    public var callsHeld: Int { heldAhead.count }
}
