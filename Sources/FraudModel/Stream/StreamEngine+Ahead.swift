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
/// Skipped calls are counted and each reported on stderr. Not caught: a mistyped first call of
/// a stream, which sets its clock; and a skipped call's handset and region, which the reader
/// notes as it reads the line.
extension StreamEngine {
    /// Held calls in a row that make a jump real.
    public static let confirmation = 16

    /// A call held back, with its number in the input (for the notes).
    struct HeldCall: Sendable, Equatable {
        var call: CallRecord
        var number: Int
    }

    /// Processes `r`, or holds it back while it may be a mistyped time (see above). Counted
    /// in `records` as it is read, held or not, so the count is where to resume a feed.
    mutating func admit(_ r: CallRecord, into out: inout [StreamWarning]) {
        statistics.records += 1
        let number = statistics.records
        if isAhead(r.time) {
            heldAhead.append(HeldCall(call: r, number: number))
            if heldAhead.count >= Self.confirmation { releaseJump(into: &out) }
            return
        }
        let latest = maxTime
        process(r, number: number, into: &out)
        guard !heldAhead.isEmpty else { return }
        let held = heldAhead
        heldAhead.removeAll()
        let reason = "the call after it was at \(Timestamp.format(Int64(r.time), offset: displayOffset))"
        for h in held {
            if isAhead(h.call.time) { skip(h, latest: latest, because: reason) } else { process(h.call, number: h.number, into: &out) }
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
        let median = Int64(held.map(\.call.time).sorted()[held.count / 2])
        let near = held.map { abs(Int64($0.call.time) - median) <= Int64(options.maxAhead) }
        let agree = near.lazy.filter { $0 }.count * 2 >= held.count
        for (h, isNear) in zip(held, near) {
            if agree && isNear {
                process(h.call, number: h.number, into: &out)
            } else {
                skip(h, latest: maxTime, because: agree ? "the calls around it were near \(Timestamp.format(median, offset: displayOffset))"
                                       : "the \(held.count) calls that far ahead were not near each other")
            }
        }
    }

    /// Skips every held call (the input is over for good).
    mutating func skipHeld(because reason: String) {
        for h in heldAhead { skip(h, latest: maxTime, because: reason) }
        heldAhead.removeAll()
    }

    /// Counts and reports a skipped call (the first 20 reported); `latest`: the latest call
    /// when it was held.
    private mutating func skip(_ h: HeldCall, latest: UInt32, because reason: String) {
        statistics.skipped += 1
        guard statistics.skipped <= 20 else { return }
        let days = Double(Int64(h.call.time) - Int64(latest)) / 86_400
        lateNotes.append("skipped record \(h.number), a call at \(Timestamp.format(Int64(h.call.time), offset: displayOffset)), "
                         + "\(String(format: "%.1f", days)) days after the latest call "
                         + "(\(Timestamp.format(Int64(latest), offset: displayOffset))): \(reason) (a mistyped time?)")
    }

    /// Calls held back now (and in a checkpoint).
    public var callsHeld: Int { heldAhead.count }
}
