extension ContactTimelines {
    /// Adds the `newHold` events (``ContactEvent/Kind/newHold``) of the subscribers a suspect
    /// held `hold_call` or more: for each number they had a call of `hold_call` or more with, the
    /// first such call (the earliest; at one second, the first in the records), if that number
    /// made it, it lasted `long_call` or more, neither party is a suspect, the caller is no bank
    /// hotline, and under `hand_on_answer_rate` of the calls the caller had made up to it (by
    /// time, then place in the records; this one counted) were answered: what the stream sees
    /// when the call arrives, for calls that arrive in time order.
    ///
    /// Only those subscribers: a new hold counts only after a suspect held the subscriber
    /// (``Exposure``), and they are few, so one more walk over the calls looks up a pair only
    /// for a call that touches one of them, and a last one counts the calls of the few callers.
    ///
    /// - Complexity: O(records + their held calls × log + events).
    static func addingNewHolds(start: [UInt32], events: [ContactEvent], records: CallRecords, suspect: [Bool],
                               bank: [Bool], consider: [Bool], settings: EngineSettings,
                               threads: Int) -> (start: [UInt32], events: [ContactEvent]) {
        let holdCall = settings.holdCall
        let n = suspect.count
        var held = [Bool](repeating: false, count: n)
        var any = false
        for s in 0..<n where consider[s] && !suspect[s] {
            for e in events[Int(start[s])..<Int(start[s + 1])] where e.isSuspectHold(holdCall: holdCall) {
                held[s] = true
                any = true
                break
            }
        }
        guard any else { return (start, events) }
        // Per range of calls, the first held call of each pair with a held subscriber in it.
        let chunks = evenRanges(records.count, parts: threads)
        var firsts = [[UInt64: Placed]](repeating: [:], count: chunks.count)
        held.withUnsafeBufferPointer { held in
            firsts.withUnsafeMutableBufferPointer { firsts in
                parallelChunks(chunks.count) { k in
                    var mine: [UInt64: Placed] = [:]
                    records.forEachPiece(of: chunks[k]) { at, piece in
                        for (i, r) in piece.enumerated() where r.duration >= holdCall && r.caller != r.callee
                            && (held[Int(r.caller)] || held[Int(r.callee)]) {
                            let key = Self.pairKey(r.caller, r.callee)
                            let placed = Placed(call: r, index: at + i)
                            if let f = mine[key], f < placed { continue }
                            mine[key] = placed
                        }
                    }
                    firsts[k] = mine
                }
            }
        }
        var first = firsts[0]
        for k in firsts.indices.dropFirst() {
            for (key, p) in firsts[k] {
                if let f = first[key], f < p { continue }
                first[key] = p
            }
        }
        var candidates: [Placed] = []
        for p in first.values {
            let r = p.call, a = Int(r.caller), b = Int(r.callee)
            let (_, y) = ContactEvent.events(of: r, callerSuspect: suspect[a], calleeSuspect: suspect[b], calleeIsBank: bank[b],
                                             callerConsidered: consider[a], calleeConsidered: consider[b] && held[b],
                                             newHold: true)
            if y?.kind == .newHold { candidates.append(p) }
        }
        guard !candidates.isEmpty else { return (start, events) }
        candidates.sort()
        let made = Self.callsMade(upTo: candidates, records: records, numberCount: n, threads: threads)
        var added: [Int: [ContactEvent]] = [:]
        for (k, p) in candidates.enumerated()
        where settings.opensNewHold(duration: p.call.duration, callerIsBank: bank[Int(p.call.caller)],
                                    outCalls: made[k].calls, outAnswered: made[k].answered) {
            let r = p.call
            added[Int(r.callee), default: []].append(
                ContactEvent(time: r.time, peer: r.caller, duration: r.duration, outgoing: false, kind: .newHold))
        }
        guard !added.isEmpty else { return (start, events) }
        var newStart = [UInt32](repeating: 0, count: n + 1)
        var out: [ContactEvent] = []
        out.reserveCapacity(events.count + added.values.reduce(0) { $0 + $1.count })
        for s in 0..<n {
            newStart[s] = UInt32(out.count)
            out.append(contentsOf: events[Int(start[s])..<Int(start[s + 1])])
            if let extra = added[s] {
                let from = Int(newStart[s])
                out.append(contentsOf: extra)
                out[from...].sort { ($0.time, $0.peer, $0.duration) < ($1.time, $1.peer, $1.duration) }
            }
        }
        newStart[n] = UInt32(out.count)
        return (newStart, out)
    }

    /// A call and its place in the records, ordered by time, then place: the order the stream
    /// sees calls that arrive in time order.
    struct Placed: Comparable {
        var call: CallRecord
        var index: Int
        static func < (x: Placed, y: Placed) -> Bool { (x.call.time, x.index) < (y.call.time, y.index) }
        static func == (x: Placed, y: Placed) -> Bool { x.call.time == y.call.time && x.index == y.index }
    }

    /// For each call (sorted), how many calls its caller had made up to it (in time, then place,
    /// order; itself included), and how many of those were answered.
    ///
    /// Each caller's calls here are sorted; a record of that caller adds to a histogram at the
    /// first of them it does not come after, and the counts are the histogram's running sums.
    ///
    /// - Complexity: O(records + the callers' calls × log of their calls here).
    static func callsMade(upTo calls: [Placed], records: CallRecords, numberCount n: Int,
                          threads: Int) -> [(calls: UInt32, answered: UInt32)] {
        var byCaller: [NumberID: [Int]] = [:]            // indices into `calls`, in its order
        var isCaller = [Bool](repeating: false, count: n)
        for (k, p) in calls.enumerated() {
            byCaller[p.call.caller, default: []].append(k)
            isCaller[Int(p.call.caller)] = true
        }
        let chunks = evenRanges(records.count, parts: threads)
        var parts = [[(calls: UInt32, answered: UInt32)]](repeating: [], count: chunks.count)
        isCaller.withUnsafeBufferPointer { isCaller in
            parts.withUnsafeMutableBufferPointer { parts in
                parallelChunks(chunks.count) { part in
                    var hist = [(calls: UInt32, answered: UInt32)](repeating: (0, 0), count: calls.count)
                    records.forEachPiece(of: chunks[part]) { at, piece in
                        for (i, r) in piece.enumerated() where isCaller[Int(r.caller)] {
                            guard let ks = byCaller[r.caller] else { continue }
                            let me = Placed(call: r, index: at + i)
                            var lo = 0, hi = ks.count                  // first of ks not before me
                            while lo < hi {
                                let mid = (lo + hi) / 2
                                if calls[ks[mid]] < me { lo = mid + 1 } else { hi = mid }
                            }
                            guard lo < ks.count else { continue }
                            hist[ks[lo]].calls += 1
                            if r.duration > 0 { hist[ks[lo]].answered += 1 }
                        }
                    }
                    parts[part] = hist
                }
            }
        }
        var total = [(calls: UInt32, answered: UInt32)](repeating: (0, 0), count: calls.count)
        for part in parts {
            for k in part.indices { total[k].calls += part[k].calls; total[k].answered += part[k].answered }
        }
        for ks in byCaller.values {                          // running sums along each caller's calls
            for (x, y) in zip(ks, ks.dropFirst()) {
                total[y].calls += total[x].calls
                total[y].answered += total[x].answered
            }
        }
        return total
    }

    /// The two parties of a call as one key, whichever called.
    @inline(__always)
    static func pairKey(_ a: NumberID, _ b: NumberID) -> UInt64 {
        UInt64(min(a, b)) << 32 | UInt64(max(a, b))
    }
}
