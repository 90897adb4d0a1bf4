/// A subscriber's exposure to suspect numbers: the ``VictimFeature`` values plus the evidence an
/// officer reads before acting.
public struct Exposure: Sendable {
    /// Feature values indexed by ``VictimFeature/rawValue``.
    public var features: [Double]
    /// Suspects talked to, most talk first (then most suspicious), at most three.
    public var topSuspects: [NumberID]
    /// First and last call with a suspect (epoch seconds).
    public var firstContact: UInt32
    public var lastContact: UInt32
    /// Seconds talked with suspects.
    public var suspectTalk: UInt64

    /// Computes exposure from a subscriber's time-sorted timeline.
    ///
    /// - Parameters:
    ///   - timeline: calls with suspects, bank calls and new holds, sorted by time.
    ///   - suspicion: fraud suspicion of every number.
    ///   - offset: UTC offset for the hour of day.
    /// - Returns: nil when the timeline has no suspect call.
    /// - Complexity: O(k log k) in the timeline length k.
    init?(timeline: ArraySlice<ContactEvent>, suspicion: [Float], settings s: EngineSettings, offset: Int32) {
        var f = [Double](repeating: 0, count: VictimFeature.allCases.count)
        var first: UInt32? = nil, last: UInt32 = 0
        var talkBy: [NumberID: UInt64] = [:]
        var contacted: [NumberID: Bool] = [:]          // peer → subscriber made the first contact
        var answeredOnce = Set<NumberID>()
        var talk: UInt64 = 0
        var calls = 0, attempts = 0, longest: UInt32 = 0, firstLongest: UInt32 = 0
        var callbacks = 0, toLines = 0, night: UInt64 = 0, maxP: Float = 0
        var days = Set<Int>(), heldDays = Set<Int>()
        var chats = 0
        for e in timeline where e.withSuspect {
            attempts += 1
            if first == nil { first = e.time }
            last = e.time
            let initiatedFirst = contacted[e.peer]
            if initiatedFirst == nil { contacted[e.peer] = e.outgoing }
            if e.outgoing, let byUs = initiatedFirst {
                if !byUs { callbacks += 1 }
                else if e.duration > 0 { toLines += 1 }
            } else if e.outgoing, initiatedFirst == nil, e.duration > 0 {
                toLines += 1                                  // the subscriber dialled a suspect line first
            }
            guard e.duration > 0 else { continue }
            calls += 1
            talk += UInt64(e.duration)
            talkBy[e.peer, default: 0] += UInt64(e.duration)
            longest = max(longest, e.duration)
            if answeredOnce.insert(e.peer).inserted { firstLongest = max(firstLongest, e.duration) }
            let day = (Int(e.time) + Int(offset)) / 86_400
            days.insert(day)
            if e.duration >= s.holdCall { heldDays.insert(day) } else { chats += 1 }
            let hour = (Int(e.time) + Int(offset)) / 3600 % 24
            if EngineSettings.inHours(hour, s.nightStart, s.nightEnd) { night += UInt64(e.duration) }
            maxP = max(maxP, suspicion[Int(e.peer)])
        }
        guard let first else { return nil }
        let bank = Self.bankCallsAfterContact(timeline, moneyWindow: s.moneyWindow)
        let w = Self.windowMaxima(timeline, window: s.window)
        f[VictimFeature.suspectAttempts.rawValue] = Double(attempts)
        f[VictimFeature.suspectCalls.rawValue] = Double(calls)
        f[VictimFeature.suspectContacts.rawValue] = Double(answeredOnce.count)
        f[VictimFeature.suspectTalk.rawValue] = Double(talk)
        f[VictimFeature.suspectLongest.rawValue] = Double(longest)
        f[VictimFeature.firstContactLongest.rawValue] = Double(firstLongest)
        f[VictimFeature.suspectTalk24h.rawValue] = w.talk
        f[VictimFeature.suspectCalls24h.rawValue] = w.calls
        f[VictimFeature.suspectContacts24h.rawValue] = w.contacts
        f[VictimFeature.suspectDays.rawValue] = Double(days.count)
        f[VictimFeature.heldDays.rawValue] = Double(heldDays.count)
        f[VictimFeature.suspectChats.rawValue] = Double(chats)
        f[VictimFeature.callbacks.rawValue] = Double(callbacks)
        f[VictimFeature.callsToSuspectLines.rawValue] = Double(toLines)
        f[VictimFeature.bankAfterContact.rawValue] = Double(bank)
        f[VictimFeature.nightTalk.rawValue] = Double(night)
        f[VictimFeature.maxSuspicion.rawValue] = Double(maxP)
        f[VictimFeature.newHolds.rawValue] = Double(Self.newHolds(timeline, suspects: contacted, holdCall: s.holdCall,
                                                                      window: s.handOnWindow))
        features = f
        topSuspects = talkBy.sorted {
            ($0.value, suspicion[Int($0.key)], $1.key) > ($1.value, suspicion[Int($1.key)], $0.key)
        }.prefix(3).map(\.key)
        if topSuspects.isEmpty {                               // nobody answered: show who tried
            var seen: [NumberID] = []
            for e in timeline where e.withSuspect && !seen.contains(e.peer) { seen.append(e.peer); if seen.count == 3 { break } }
            topSuspects = seen
        }
        firstContact = first
        lastContact = last
        suspectTalk = talk
    }

    /// Bank calls made at most `moneyWindow` after an answered suspect call: money moves right
    /// after the script's latest call, however long ago its first. A suspect call in the same
    /// second as a bank call comes first, whatever the order of their numbers in the timeline
    /// (sorted by time, then peer), as it did when the window opened at the first call.
    static func bankCallsAfterContact(_ timeline: ArraySlice<ContactEvent>, moneyWindow: UInt32) -> Int {
        var bank = 0
        var lastAnswered: UInt32? = nil
        var i = timeline.startIndex
        while i < timeline.endIndex {
            let second = timeline[i].time
            var end = i
            while end < timeline.endIndex && timeline[end].time == second {
                if timeline[end].withSuspect && timeline[end].duration > 0 { lastAnswered = second }
                end += 1
            }
            if let la = lastAnswered, second >= la, second - la <= moneyWindow {
                for e in timeline[i..<end] where e.bank && e.outgoing { bank += 1 }
            }
            i = end
        }
        return bank
    }

    /// Distinct numbers whose `newHold` event (their first talk of `hold_call`+ with the
    /// subscriber, `long_call`+ long) came at most `window` after a suspect call of `hold_call`+:
    /// a ring hands its victim on to a voice that has talked to few people yet. A number that
    /// is a suspect by now (`suspects`: its calls are in the timeline as suspect calls) counts
    /// there instead, as in batch, where it has no `newHold` event.
    static func newHolds(_ timeline: ArraySlice<ContactEvent>, suspects: [NumberID: Bool], holdCall: UInt32,
                         window: UInt32) -> Int {
        var lastHeld: UInt32? = nil
        var found: Set<NumberID> = []
        for e in timeline {
            if e.isSuspectHold(holdCall: holdCall) {
                lastHeld = e.time
            } else if e.kind == .newHold, let h = lastHeld, e.time - h <= window, suspects[e.peer] == nil {
                found.insert(e.peer)
            }
        }
        return found.count
    }

    /// Most talk, answered calls and distinct suspects inside any window of `window` seconds
    /// (two pointers over the answered suspect calls).
    static func windowMaxima(_ timeline: ArraySlice<ContactEvent>, window: UInt32) -> (talk: Double, calls: Double, contacts: Double) {
        let answered = timeline.filter { $0.withSuspect && $0.duration > 0 }
        var lo = 0
        var talk: UInt64 = 0, bestTalk: UInt64 = 0, bestCalls = 0, bestContacts = 0
        var inWindow: [NumberID: Int] = [:]
        for hi in 0..<answered.count {
            let e = answered[hi]
            talk += UInt64(e.duration)
            inWindow[e.peer, default: 0] += 1
            while answered[hi].time - answered[lo].time >= window {
                let old = answered[lo]
                talk -= UInt64(old.duration)
                if let c = inWindow[old.peer], c > 1 { inWindow[old.peer] = c - 1 } else { inWindow[old.peer] = nil }
                lo += 1
            }
            bestTalk = max(bestTalk, talk)
            bestCalls = max(bestCalls, hi - lo + 1)
            bestContacts = max(bestContacts, inWindow.count)
        }
        return (Double(bestTalk), Double(bestCalls), Double(bestContacts))
    }
}
