/// One call in a subscriber's timeline that matters for exposure: a call with a suspect, a call
/// the subscriber made to a bank hotline, or a long first talk with a number that is no suspect
/// (a ring's next voice, before it looks like one).
public struct ContactEvent: Sendable, Equatable {
    /// What the call is to the subscriber.
    public enum Kind: UInt8, Sendable {
        /// A call with a suspect, answered or not.
        case suspect
        /// A call the subscriber made to a bank hotline (not a suspect).
        case bank
        /// The first call of `hold_call` or more between the subscriber and a number that is no
        /// suspect, lasting `long_call` or more: a stranger who held them (see
        /// ``VictimFeature/newHolds``).
        case newHold
    }

    /// Start time, UTC epoch seconds.
    public var time: UInt32
    /// The other party.
    public var peer: NumberID
    /// Talk seconds; 0 = not answered.
    public var duration: UInt32
    /// The subscriber made the call (rather than received it).
    public var outgoing: Bool
    /// What the call is to the subscriber.
    public var kind: Kind

    /// The peer is a bank hotline (not a suspect).
    public var bank: Bool { kind == .bank }
    /// The peer is a suspect.
    public var withSuspect: Bool { kind == .suspect }
    /// A suspect held the subscriber `holdCall` or more: what opens `hand_on_window` for new
    /// holds (``VictimFeature/newHolds``).
    func isSuspectHold(holdCall: UInt32) -> Bool { withSuspect && duration >= holdCall }
}

extension ContactEvent {
    /// Which timelines a call enters, the one rule batch and stream share: a call between a
    /// suspect and a non-suspect goes to the non-suspect (if it may be a victim); a call between
    /// two non-suspects when the caller rang a bank hotline, or (`newHold`, to the callee if
    /// it may be a victim) when it is the pair's first of `hold_call` or more and lasts
    /// `long_call` or more; suspect-to-suspect calls say nothing of victims.
    ///
    /// - Parameter newHold: the call is the first of `hold_call` or more between its parties and
    ///   lasts `long_call` or more (whether they are suspects is not asked).
    /// - Returns: the event for the caller's timeline and for the callee's, each if any.
    @inline(__always)
    static func events(of r: CallRecord, callerSuspect sa: Bool, calleeSuspect sb: Bool, calleeIsBank: Bool,
                       callerConsidered: Bool, calleeConsidered: Bool,
                       newHold: Bool = false) -> (caller: ContactEvent?, callee: ContactEvent?) {
        if sa == sb {
            guard !sa else { return (nil, nil) }
            if calleeIsBank {
                guard callerConsidered else { return (nil, nil) }
                return (ContactEvent(time: r.time, peer: r.callee, duration: r.duration, outgoing: true, kind: .bank), nil)
            }
            guard newHold && calleeConsidered && r.caller != r.callee else { return (nil, nil) }
            return (nil, ContactEvent(time: r.time, peer: r.caller, duration: r.duration, outgoing: false, kind: .newHold))
        }
        let toCaller = sb && callerConsidered
            ? ContactEvent(time: r.time, peer: r.callee, duration: r.duration, outgoing: true, kind: .suspect) : nil
        let toCallee = sa && calleeConsidered
            ? ContactEvent(time: r.time, peer: r.caller, duration: r.duration, outgoing: false, kind: .suspect) : nil
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
    ///   - newHolds: the settings, to add the `newHold` events of the subscribers a suspect held
    ///     (``addingNewHolds(start:events:records:suspect:bank:consider:settings:threads:)``); nil
    ///     for none.
    ///   - threads: how many threads to use.
    /// - Complexity: O(records + threads × numbers + Σ k log k) over each subscriber's k events.
    init(records: CallRecords, suspect: [Bool], bank: [Bool], consider: [Bool],
         newHolds: EngineSettings? = nil, threads: Int = 1) {
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
                            all = [ContactEvent](repeating: ContactEvent(time: 0, peer: 0, duration: 0, outgoing: false, kind: .suspect),
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
        if let newHolds {
            (start, all) = Self.addingNewHolds(start: start, events: all, records: records, suspect: suspect, bank: bank,
                                               consider: consider, settings: newHolds, threads: threads)
        }
        self.start = start
        self.events = all
    }

    /// The timeline of subscriber `s`.
    func timeline(_ s: Int) -> ArraySlice<ContactEvent> { events[Int(start[s])..<Int(start[s + 1])] }
}
