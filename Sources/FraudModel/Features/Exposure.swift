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
        // Per suspect, in order of its first call: whether the subscriber made the first
        // contact, talk on its answered calls, whether one was answered (looked up in a line,
        // not hashed: a timeline names few suspects).
        var suspects = PeerSlots<SuspectTally>()
        var answeredOnce = 0
        var talk: UInt64 = 0
        var calls = 0, attempts = 0, longest: UInt32 = 0, firstLongest: UInt32 = 0
        var callbacks = 0, toLines = 0, night: UInt64 = 0, maxP: Float = 0
        var days = 0, heldDays = 0, lastDay: Int? = nil, lastHeldDay: Int? = nil
        var chats = 0
        for e in timeline where e.withSuspect {
            attempts += 1
            if first == nil { first = e.time }
            last = e.time
            let (k, isNew) = suspects.slot(e.peer, initial: SuspectTally(contactedFirst: e.outgoing))
            let initiatedFirst: Bool? = isNew ? nil : suspects[k].contactedFirst
            if e.outgoing, let byUs = initiatedFirst {
                if !byUs { callbacks += 1 }
                else if e.duration > 0 { toLines += 1 }
            } else if e.outgoing, initiatedFirst == nil, e.duration > 0 {
                toLines += 1                                  // the subscriber dialled a suspect line first
            }
            guard e.duration > 0 else { continue }
            calls += 1
            talk += UInt64(e.duration)
            suspects[k].talk += UInt64(e.duration)
            longest = max(longest, e.duration)
            if !suspects[k].answered {
                suspects[k].answered = true
                answeredOnce += 1
                firstLongest = max(firstLongest, e.duration)
            }
            // The timeline is in time order (as `windowMaxima` needs too): a day not seen
            // before is a later one.
            let day = (Int(e.time) + Int(offset)) / 86_400
            if lastDay != day { lastDay = day; days += 1 }
            if e.duration >= s.holdCall {
                if lastHeldDay != day { lastHeldDay = day; heldDays += 1 }
            } else {
                chats += 1
            }
            let hour = (Int(e.time) + Int(offset)) / 3600 % 24
            if EngineSettings.inHours(hour, s.nightStart, s.nightEnd) { night += UInt64(e.duration) }
            maxP = max(maxP, suspicion[Int(e.peer)])
        }
        guard let first else { return nil }
        let bank = Self.bankCallsAfterContact(timeline, moneyWindow: s.moneyWindow)
        let w = Self.windowMaxima(timeline, window: s.window)
        f[VictimFeature.suspectAttempts.rawValue] = Double(attempts)
        f[VictimFeature.suspectCalls.rawValue] = Double(calls)
        f[VictimFeature.suspectContacts.rawValue] = Double(answeredOnce)
        f[VictimFeature.suspectTalk.rawValue] = Double(talk)
        f[VictimFeature.suspectLongest.rawValue] = Double(longest)
        f[VictimFeature.firstContactLongest.rawValue] = Double(firstLongest)
        f[VictimFeature.suspectTalk24h.rawValue] = w.talk
        f[VictimFeature.suspectCalls24h.rawValue] = w.calls
        f[VictimFeature.suspectContacts24h.rawValue] = w.contacts
        f[VictimFeature.suspectDays.rawValue] = Double(days)
        f[VictimFeature.heldDays.rawValue] = Double(heldDays)
        f[VictimFeature.suspectChats.rawValue] = Double(chats)
        f[VictimFeature.callbacks.rawValue] = Double(callbacks)
        f[VictimFeature.callsToSuspectLines.rawValue] = Double(toLines)
        f[VictimFeature.bankAfterContact.rawValue] = Double(bank)
        f[VictimFeature.nightTalk.rawValue] = Double(night)
        f[VictimFeature.maxSuspicion.rawValue] = Double(maxP)
        f[VictimFeature.newHolds.rawValue] = Double(Self.newHolds(timeline, isSuspect: { suspects.find($0) != nil },
                                                                      holdCall: s.holdCall, window: s.handOnWindow))
        features = f
        // Most talk first, then most suspicious, then the lower id: a total order, so the same
        // three whatever order they were found in.
        topSuspects = suspects.entries.filter(\.value.answered).sorted {
            ($0.value.talk, suspicion[Int($0.peer)], $1.peer) > ($1.value.talk, suspicion[Int($1.peer)], $0.peer)
        }.prefix(3).map(\.peer)
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
    static func newHolds(_ timeline: ArraySlice<ContactEvent>, isSuspect: (NumberID) -> Bool, holdCall: UInt32,
                         window: UInt32) -> Int {
        var lastHeld: UInt32? = nil
        var found = PeerSlots<Void>()
        for e in timeline {
            if e.isSuspectHold(holdCall: holdCall) {
                lastHeld = e.time
            } else if e.kind == .newHold, let h = lastHeld, e.time - h <= window, !isSuspect(e.peer) {
                _ = found.slot(e.peer, initial: ())
            }
        }
        return found.count
    }

    /// Most talk, answered calls and distinct suspects inside any window of `window` seconds
    /// (two pointers over the answered suspect calls, skipping the other events in place).
    static func windowMaxima(_ timeline: ArraySlice<ContactEvent>, window: UInt32) -> (talk: Double, calls: Double, contacts: Double) {
        @inline(__always) func isAnswered(_ e: ContactEvent) -> Bool { e.withSuspect && e.duration > 0 }
        var lo = timeline.startIndex
        var talk: UInt64 = 0, bestTalk: UInt64 = 0, calls = 0, bestCalls = 0, bestContacts = 0
        // Calls in the window per suspect, and how many suspects have one.
        var inWindow = PeerSlots<Int>()
        var contacts = 0
        for hi in timeline.indices where isAnswered(timeline[hi]) {
            let e = timeline[hi]
            talk += UInt64(e.duration)
            calls += 1
            let k = inWindow.slot(e.peer, initial: 0).slot
            if inWindow[k] == 0 { contacts += 1 }
            inWindow[k] += 1
            while true {
                while !isAnswered(timeline[lo]) { lo += 1 }    // stops at `hi` at the latest
                guard e.time - timeline[lo].time >= window else { break }
                let old = timeline[lo]
                talk -= UInt64(old.duration)
                calls -= 1
                let j = inWindow.find(old.peer)!              // every call in the window has a slot
                inWindow[j] -= 1
                if inWindow[j] == 0 { contacts -= 1 }
                lo += 1
            }
            bestTalk = max(bestTalk, talk)
            bestCalls = max(bestCalls, calls)
            bestContacts = max(bestContacts, contacts)
        }
        return (Double(bestTalk), Double(bestCalls), Double(bestContacts))
    }
}

/// What ``Exposure`` keeps per suspect of a timeline.
private struct SuspectTally {
    /// The subscriber made the first contact.
    var contactedFirst: Bool
    /// Seconds talked on its answered calls.
    var talk: UInt64 = 0
    /// One of its calls was answered.
    var answered = false
}
