/// One call in a subscriber's timeline that matters for exposure: a call with a suspect, or a
/// call the subscriber made to a bank hotline.
public struct ContactEvent: Sendable, Equatable {
    /// Start time, UTC epoch seconds.
    public var time: UInt32
    /// The other party.
    public var peer: NumberID
    /// Talk seconds; 0 = not answered.
    public var duration: UInt32
    /// The subscriber made the call (rather than received it).
    public var outgoing: Bool
    /// The peer is a bank hotline (not a suspect).
    public var bank: Bool
}

extension ContactEvent {
    /// Which timelines a call enters, the one rule batch and stream share: a call between a
    /// suspect and a non-suspect goes to the non-suspect (if it may be a victim); a call between
    /// two non-suspects only when the caller rang a bank hotline; suspect-to-suspect calls say
    /// nothing of victims.
    ///
    /// - Returns: the event for the caller's timeline and for the callee's, each if any.
    @inline(__always)
    static func events(of r: CallRecord, callerSuspect sa: Bool, calleeSuspect sb: Bool, calleeIsBank: Bool,
                       callerConsidered: Bool, calleeConsidered: Bool) -> (caller: ContactEvent?, callee: ContactEvent?) {
        if sa == sb {
            guard !sa && calleeIsBank && callerConsidered else { return (nil, nil) }
            return (ContactEvent(time: r.time, peer: r.callee, duration: r.duration, outgoing: true, bank: true), nil)
        }
        let toCaller = sb && callerConsidered
            ? ContactEvent(time: r.time, peer: r.callee, duration: r.duration, outgoing: true, bank: false) : nil
        let toCallee = sa && calleeConsidered
            ? ContactEvent(time: r.time, peer: r.caller, duration: r.duration, outgoing: false, bank: false) : nil
        return (toCaller, toCallee)
    }
}

/// Every subscriber's exposure events, grouped by subscriber and sorted by time.
struct ContactTimelines: Sendable {
    /// `events[start[s]..<start[s+1]]` belong to subscriber `s`.
    let start: [UInt32]
    let events: [ContactEvent]

    /// Collects the events in two passes (count, then fill) so memory is exactly what is kept,
    /// on up to `threads` threads. Each thread counts one range of the calls with its own
    /// counters and copies out those of its calls that make events (few: calls with suspects and to
    /// banks), then places just those after the earlier ranges' (so every timeline is filled
    /// in call order); then it sorts the timelines of a range of subscribers, cut by their
    /// events. The timelines are the same for any number of threads.
    ///
    /// - Parameters:
    ///   - suspect: whether each number is a suspect.
    ///   - bank: whether each number is a bank hotline.
    ///   - consider: whether each number may be a victim.
    ///   - threads: how many threads to use.
    /// - Complexity: O(records + threads × numbers + Σ k log k) over each subscriber's k events.
    init(records: CallRecords, suspect: [Bool], bank: [Bool], consider: [Bool], threads: Int = 1) {
        let n = suspect.count
        let chunks = evenRanges(records.count, parts: threads)
        var start = [UInt32](repeating: 0, count: n + 1)
        var cursors = [UInt32](repeating: 0, count: chunks.count * n)  // per range of calls
        var hits = [[CallRecord]](repeating: [], count: chunks.count)   // per range: its calls with events
        var all: [ContactEvent] = []
        do {
            suspect.withUnsafeBufferPointer { suspect in
                bank.withUnsafeBufferPointer { bank in
                    consider.withUnsafeBufferPointer { consider in
                        /// The events of call `r`: the caller's and the callee's, if any.
                        @inline(__always) func events(_ r: CallRecord) -> (ContactEvent?, ContactEvent?) {
                            let a = Int(r.caller), b = Int(r.callee)
                            return ContactEvent.events(
                                of: r, callerSuspect: suspect[a], calleeSuspect: suspect[b], calleeIsBank: bank[b],
                                callerConsidered: consider[a], calleeConsidered: consider[b])
                        }
                        cursors.withUnsafeMutableBufferPointer { cur in
                            hits.withUnsafeMutableBufferPointer { hits in
                                parallelChunks(chunks.count) { k in
                                    guard let c = cur.baseAddress.map({ $0 + k * n }) else { return }
                                    var mine: [CallRecord] = []
                                    records.forEachPiece(of: chunks[k]) { _, piece in
                                        for r in piece {
                                            let (x, y) = events(r)
                                            guard x != nil || y != nil else { continue }
                                            mine.append(r)
                                            if x != nil { c[Int(r.caller)] += 1 }
                                            if y != nil { c[Int(r.callee)] += 1 }
                                        }
                                    }
                                    hits[k] = mine
                                }
                            }
                            start.withUnsafeMutableBufferPointer { ContactGraph.placeRanges(cur, count: chunks.count, n: n, start: $0) }
                            all = [ContactEvent](repeating: ContactEvent(time: 0, peer: 0, duration: 0, outgoing: false, bank: false),
                                                 count: Int(start[n]))
                            all.withUnsafeMutableBufferPointer { e in
                                parallelChunks(chunks.count) { k in
                                    guard let c = cur.baseAddress.map({ $0 + k * n }) else { return }
                                    for r in hits[k] {
                                        let (x, y) = events(r)
                                        if let x { let a = Int(r.caller); e[Int(c[a])] = x; c[a] += 1 }
                                        if let y { let b = Int(r.callee); e[Int(c[b])] = y; c[b] += 1 }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        hits = []
        // Sort each subscriber's slice by time (ties by peer, for a deterministic order).
        all.withUnsafeMutableBufferPointer { e in
            start.withUnsafeBufferPointer { c in
                let parts = balancedRanges(c, parts: threads)
                parallelChunks(parts.count) { k in
                    for s in parts[k] where c[s + 1] - c[s] > 1 {
                        var slice = UnsafeMutableBufferPointer(rebasing: e[Int(c[s])..<Int(c[s + 1])])
                        slice.sort { ($0.time, $0.peer, $0.duration) < ($1.time, $1.peer, $1.duration) }
                    }
                }
            }
        }
        self.start = start
        self.events = all
    }

    /// The timeline of subscriber `s`.
    func timeline(_ s: Int) -> ArraySlice<ContactEvent> { events[Int(start[s])..<Int(start[s + 1])] }

    /// Whether `s` had any contact with a suspect (not only bank calls).
    func hasSuspectContact(_ s: Int) -> Bool {
        for e in timeline(s) where !e.bank { return true }
        return false
    }
}
