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

    /// Collects the events in two passes (count, then fill) so memory is exactly what is kept.
    ///
    /// - Parameters:
    ///   - suspect: whether each number is a suspect.
    ///   - bank: whether each number is a bank hotline.
    ///   - consider: whether each number may be a victim.
    init(records: [CallRecord], suspect: [Bool], bank: [Bool], consider: [Bool]) {
        let n = suspect.count
        var counts = [UInt32](repeating: 0, count: n + 1)
        @inline(__always) func events(_ r: CallRecord) -> (caller: ContactEvent?, callee: ContactEvent?) {
            let a = Int(r.caller), b = Int(r.callee)
            return ContactEvent.events(of: r, callerSuspect: suspect[a], calleeSuspect: suspect[b], calleeIsBank: bank[b],
                                       callerConsidered: consider[a], calleeConsidered: consider[b])
        }
        for r in records {
            let (x, y) = events(r)
            if x != nil { counts[Int(r.caller) + 1] += 1 }
            if y != nil { counts[Int(r.callee) + 1] += 1 }
        }
        for i in 0..<n { counts[i + 1] += counts[i] }
        var fill = counts
        var all = [ContactEvent](repeating: ContactEvent(time: 0, peer: 0, duration: 0, outgoing: false, bank: false),
                                 count: Int(counts[n]))
        for r in records {
            let (x, y) = events(r)
            if let x {
                all[Int(fill[Int(r.caller)])] = x
                fill[Int(r.caller)] += 1
            }
            if let y {
                all[Int(fill[Int(r.callee)])] = y
                fill[Int(r.callee)] += 1
            }
        }
        // Sort each subscriber's slice by time (ties by peer, for a deterministic order).
        all.withUnsafeMutableBufferPointer { e in
            for s in 0..<n where counts[s + 1] - counts[s] > 1 {
                var slice = UnsafeMutableBufferPointer(rebasing: e[Int(counts[s])..<Int(counts[s + 1])])
                slice.sort { ($0.time, $0.peer, $0.duration) < ($1.time, $1.peer, $1.duration) }
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
