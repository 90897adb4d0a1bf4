/// Calls dated far after the stream's latest call (`--max-ahead`, a day). One such call, a mistyped year or a
/// switch whose clock jumped, moved event time on by years: every number was then idle past
/// the retention and forgotten, and every generation of contacts ended. A feed that resumes
/// after an outage jumps too, and its calls are real. So a call more than `maxAhead` after
/// the latest one is held back: when the calls after it are as late (``confirmation`` of them in
/// a row), time has moved on and they are processed in order; when a call after it is not,
/// the held ones are skipped, counted, and each reported on stderr. Calls held when the input
/// ends for good are skipped too (nothing confirmed them).
extension StreamEngine {
    /// Held calls in a row that make a jump real.
    static let confirmation = 16

    /// Processes `r`, or holds it back while it may be a mistyped time (see above). Counted
    /// in `records` as it is read, held or not, so the count is where to resume a feed.
    mutating func admit(_ r: CallRecord, into out: inout [StreamWarning]) {
        statistics.records += 1
        if options.maxAhead > 0 && periodStart != nil && Int64(r.time) > Int64(maxTime) + Int64(options.maxAhead) {
            heldAhead.append(r)
            if heldAhead.count >= Self.confirmation {
                let held = heldAhead
                heldAhead.removeAll()
                for h in held { process(h, into: &out) }
            }
            return
        }
        if !heldAhead.isEmpty { skipHeld(because: "the call after it was at \(Timestamp.format(Int64(r.time), offset: displayOffset))") }
        process(r, into: &out)
    }

    /// Skips the held calls, each reported.
    mutating func skipHeld(because reason: String) {
        for h in heldAhead {
            statistics.skipped += 1
            if statistics.skipped <= 20 {
                let days = Double(Int64(h.time) - Int64(maxTime)) / 86_400
                lateNotes.append("skipped a call at \(Timestamp.format(Int64(h.time), offset: displayOffset)), "
                                 + "\(String(format: "%.1f", days)) days after the latest call "
                                 + "(\(Timestamp.format(Int64(maxTime), offset: displayOffset))): \(reason) (a mistyped time?)")
            }
        }
        heldAhead.removeAll()
    }
}
