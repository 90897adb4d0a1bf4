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
    /// on up to `threads` threads. Each thread owns a range of subscribers and scans every call,
    /// keeping only its own subscribers' events, in call order; the timelines are the same for
    /// any number of threads.
    ///
    /// - Parameters:
    ///   - suspect: whether each number is a suspect.
    ///   - bank: whether each number is a bank hotline.
    ///   - consider: whether each number may be a victim.
    ///   - threads: how many threads to use.
    /// - Complexity: O(threads × records + Σ k log k) over each subscriber's k events.
    init(records: [CallRecord], suspect: [Bool], bank: [Bool], consider: [Bool], threads: Int = 1) {
        let n = suspect.count
        let parts = evenRanges(n, parts: threads)
        var counts = [UInt32](repeating: 0, count: n + 1)
        var all: [ContactEvent] = []
        records.withUnsafeBufferPointer { records in
            suspect.withUnsafeBufferPointer { suspect in
                bank.withUnsafeBufferPointer { bank in
                    consider.withUnsafeBufferPointer { consider in
                        /// Runs `body` with each call's events that belong to the range's subscribers.
                        func scan(_ range: Range<Int>, _ body: (_ subscriber: Int, _ event: ContactEvent) -> Void) {
                            let lo = UInt32(range.lowerBound), width = UInt32(range.count)
                            for r in records {
                                let mineA = r.caller &- lo < width, mineB = r.callee &- lo < width
                                guard mineA || mineB else { continue }
                                let a = Int(r.caller), b = Int(r.callee)
                                let (x, y) = ContactEvent.events(
                                    of: r, callerSuspect: suspect[a], calleeSuspect: suspect[b], calleeIsBank: bank[b],
                                    callerConsidered: consider[a], calleeConsidered: consider[b])
                                if mineA, let x { body(a, x) }
                                if mineB, let y { body(b, y) }
                            }
                        }
                        counts.withUnsafeMutableBufferPointer { c in
                            parallelChunks(parts.count) { k in scan(parts[k]) { s, _ in c[s + 1] += 1 } }
                            for i in 0..<n { c[i + 1] += c[i] }
                        }
                        var fill = counts
                        all = [ContactEvent](repeating: ContactEvent(time: 0, peer: 0, duration: 0, outgoing: false, bank: false),
                                             count: Int(counts[n]))
                        all.withUnsafeMutableBufferPointer { e in
                            fill.withUnsafeMutableBufferPointer { f in
                                counts.withUnsafeBufferPointer { c in
                                    parallelChunks(parts.count) { k in
                                        scan(parts[k]) { s, event in e[Int(f[s])] = event; f[s] += 1 }
                                        // Sort each subscriber's slice by time (ties by peer, for a
                                        // deterministic order).
                                        for s in parts[k] where c[s + 1] - c[s] > 1 {
                                            var slice = UnsafeMutableBufferPointer(rebasing: e[Int(c[s])..<Int(c[s + 1])])
                                            slice.sort { ($0.time, $0.peer, $0.duration) < ($1.time, $1.peer, $1.duration) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.start = counts
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
