extension ContactTimelines {
    /// Adds the `newHold` events (``ContactEvent/Kind/newHold``) of the subscribers a suspect
    /// held `hold_call` or more: for each number they had a call of `hold_call` or more with, the
    /// first such call (the earliest; at one second, the first in the records), if that number
    /// made it, it lasted `long_call` or more, neither party is a suspect, and under
    /// `hand_on_answer_rate` of the calls that number had made by then were answered (this one
    /// counted), as the stream sees it when the call arrives.
    ///
    /// Only those subscribers: a new hold counts only after a suspect held the subscriber
    /// (``Exposure``), and they are few, so one more walk over the calls looks up a pair only
    /// for a call that touches one of them, and a last one counts the calls of the few callers.
    ///
    /// - Complexity: O(records + their held calls + events).
    static func addingNewHolds(start: [UInt32], events: [ContactEvent], records: CallRecords, suspect: [Bool],
                               bank: [Bool], consider: [Bool], settings: EngineSettings,
                               threads: Int) -> (start: [UInt32], events: [ContactEvent]) {
        let holdCall = settings.holdCall, longCall = settings.longCall
        let n = suspect.count
        var held = [Bool](repeating: false, count: n)
        var any = false
        for s in 0..<n where consider[s] && !suspect[s] {
            for e in events[Int(start[s])..<Int(start[s + 1])] where e.withSuspect && e.duration >= holdCall {
                held[s] = true
                any = true
                break
            }
        }
        guard any else { return (start, events) }
        // Per range of calls, the first held call of each pair with a held subscriber in it.
        let chunks = evenRanges(records.count, parts: threads)
        var firsts = [[UInt64: CallRecord]](repeating: [:], count: chunks.count)
        held.withUnsafeBufferPointer { held in
            firsts.withUnsafeMutableBufferPointer { firsts in
                parallelChunks(chunks.count) { k in
                    var mine: [UInt64: CallRecord] = [:]
                    records.forEachPiece(of: chunks[k]) { _, piece in
                        for r in piece where r.duration >= holdCall && r.caller != r.callee
                            && (held[Int(r.caller)] || held[Int(r.callee)]) {
                            let key = Self.pairKey(r.caller, r.callee)
                            if let f = mine[key], f.time <= r.time { continue }
                            mine[key] = r
                        }
                    }
                    firsts[k] = mine
                }
            }
        }
        var first = firsts[0]
        for k in firsts.indices.dropFirst() {
            for (key, r) in firsts[k] {
                if let f = first[key], f.time <= r.time { continue }
                first[key] = r
            }
        }
        var candidates: [CallRecord] = []
        for r in first.values where r.duration >= longCall {
            let a = Int(r.caller), b = Int(r.callee)
            let (_, y) = ContactEvent.events(of: r, callerSuspect: suspect[a], calleeSuspect: suspect[b], calleeIsBank: bank[b],
                                             callerConsidered: consider[a], calleeConsidered: consider[b] && held[b],
                                             newHold: true)
            if y?.kind == .newHold { candidates.append(r) }
        }
        guard !candidates.isEmpty else { return (start, events) }
        candidates.sort { ($0.callee, $0.time, $0.caller) < ($1.callee, $1.time, $1.caller) }
        let made = Self.callsMade(by: candidates, records: records, threads: threads)
        var added: [Int: [ContactEvent]] = [:]
        for (k, r) in candidates.enumerated()
        where settings.isHandOnPeer(outCalls: made[k].calls, outAnswered: made[k].answered) {
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

    /// For each call, how many calls its caller had made by its time (at or before it), and how
    /// many of those were answered.
    ///
    /// - Complexity: O(records + Σ over the calls' callers of their calls × their calls here).
    static func callsMade(by calls: [CallRecord], records: CallRecords,
                          threads: Int) -> [(calls: UInt32, answered: UInt32)] {
        var byCaller: [NumberID: [Int]] = [:]
        for (k, r) in calls.enumerated() { byCaller[r.caller, default: []].append(k) }
        let chunks = evenRanges(records.count, parts: threads)
        var counts = [[(calls: UInt32, answered: UInt32)]](repeating: [], count: chunks.count)
        counts.withUnsafeMutableBufferPointer { counts in
            parallelChunks(chunks.count) { part in
                var mine = [(calls: UInt32, answered: UInt32)](repeating: (0, 0), count: calls.count)
                records.forEachPiece(of: chunks[part]) { _, piece in
                    for r in piece {
                        guard let ks = byCaller[r.caller] else { continue }
                        for k in ks where r.time <= calls[k].time {
                            mine[k].calls += 1
                            if r.duration > 0 { mine[k].answered += 1 }
                        }
                    }
                }
                counts[part] = mine
            }
        }
        var total = [(calls: UInt32, answered: UInt32)](repeating: (0, 0), count: calls.count)
        for part in counts {
            for k in part.indices { total[k].calls += part[k].calls; total[k].answered += part[k].answered }
        }
        return total
    }

    /// The two parties of a call as one key, whichever called.
    @inline(__always)
    static func pairKey(_ a: NumberID, _ b: NumberID) -> UInt64 {
        UInt64(min(a, b)) << 32 | UInt64(max(a, b))
    }
}
