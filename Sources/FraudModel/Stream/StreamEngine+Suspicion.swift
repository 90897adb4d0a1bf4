/// Ring contacts and suspicion of the stream's numbers: who holds whom, the re-evaluation of
/// numbers whose features changed, and what happens to timelines when a number becomes or
/// stops being a suspect.
///
/// A number that has been a suspect for `keepSuspects` (3 days), and has made at least as many
/// calls as it received, stays one, at the threshold, while it is active, whatever its later
/// calls do to its suspicion (expiry after `retention` idle ends it; a rules reload makes it
/// earn that again). The rules were written on weeks: a ring's hand-off holds a
/// handful of people a day, so within a week its peers stay under `scripted`'s 30 and its
/// victims ring it back at most twice. A stream keeps 30–60 days of contacts, and over that a
/// hand-off that has worked for weeks has more peers and more call-backs than those rules
/// allow: on 61 days of 200,000 subscribers (`synth --steady-rings`) 115 of the 116 hand-offs
/// were suspects at some time, many for only their first weeks, and the victims they reached
/// next were warned at their bank call. A number suspect for less than three days (a friend
/// circle that looked like a script for a day, a courier before its call-backs) is still
/// cleared, as batch would judge it at the end of its week. So is a number rung more than it
/// rings: on 120 days of 3,000 subscribers, sprayed far more densely than any week file, a
/// business line (a 400 number rung by 20 strangers a day, many of whom sprays had held) was
/// a suspect for a week, and kept, its callers drew 2,182 tier-1/2 warnings over the next three
/// months; four of the next five numbers kept wrongly there were rung by strangers too. What
/// the week's rules lose over months is the script reader that rings people (hand-offs,
/// advisers). A wrong one that rings people (a telemarketer) is still kept: allowlist it and
/// reload.
extension StreamEngine {
    // MARK: - Ring contacts

    /// A new (unordered) pair: each side now counts the other if the other is held.
    mutating func connect(_ a: Int, _ b: Int, _ dirty: inout [Int]) {
        peers.push(NumberID(b), onto: &state[a].peersHead)
        peers.push(NumberID(a), onto: &state[b].peersHead)
        if counts(peer: b, for: a) { state[a].ring += 1; dirty.append(a) }
        if counts(peer: a, for: b) { state[b].ring += 1; dirty.append(b) }
    }

    /// The batch definition: `v` counts for `i` when held by a suspect other than `i`, or by several.
    @inline(__always)
    func counts(peer v: Int, for i: Int) -> Bool {
        Suspicion.isRingContact(holder: state[v].holder, heldByMany: state[v].heldByMany, for: UInt32(i))
    }

    /// `v` was held at least ring_min_talk by first-round suspect `s`.
    mutating func hold(_ v: Int, by s: NumberID, _ dirty: inout [Int]) {
        let h = state[v].holder
        if h == .max {
            state[v].holder = s
            peers.forEach(from: state[v].peersHead) { p in if p != s { state[Int(p)].ring += 1; dirty.append(Int(p)) } }
        } else if h != s && !state[v].heldByMany {
            state[v].heldByMany = true
            state[Int(h)].ring += 1
            dirty.append(Int(h))
        }
    }

    // MARK: - Suspicion

    /// Re-evaluates the dirty numbers until nothing changes; numbers whose suspicion crossed
    /// the threshold have their recent calls replayed into their contacts' timelines.
    mutating func settle(_ dirty: inout [Int], at time: UInt32, touched: inout [Int]) {
        let threshold = Float(settings.suspectThreshold)
        var scratch: [Double] = []
        swap(&scratch, &featureScratch)
        defer { swap(&scratch, &featureScratch) }
        while let i = dirty.popLast() {
            if staleCount > 0 && stale[i] { stale[i] = false; staleCount -= 1 }
            // Evaluated where it is stored (inout: no copy): a copy of the whole StreamNumber
            // per evaluation was a tenth of the time spent here.
            let (p1, evaluated) = Self.suspicion(of: &state[i], rules: rules, start: periodStart ?? maxTime, now: maxTime, scratch: &scratch)
            state[i].firstRound = p1
            let before = state[i].suspicion
            // A suspect of `keepSuspects` or longer that rings as much as it is rung stays one
            // at the threshold (see the top of this file).
            let kept = evaluated < threshold && state[i].isSuspect && options.keepSuspects > 0
                && suspectSince[NumberID(i)].map { time >= $0 && time - $0 >= options.keepSuspects } ?? false
                && state[i].profile.outCalls >= state[i].profile.inCalls
            let p2 = kept ? threshold : evaluated
            setSuspicion(i, p2)
            // Holds are kept once made: the people a suspect held stay ring contacts.
            if !state[i].isFirstRoundSuspect && p1 >= threshold {
                state[i].isFirstRoundSuspect = true
                for v in longPartners.values(i) where !state[Int(v)].isFirstRoundSuspect { hold(Int(v), by: NumberID(i), &dirty) }
            } else if state[i].isFirstRoundSuspect && p1 < threshold {
                state[i].isFirstRoundSuspect = false
            }
            if !state[i].isSuspect && p2 >= threshold {
                state[i].isSuspect = true
                suspectSince[NumberID(i)] = time
                statistics.suspects += 1
                becameSuspect(i, &touched)
            } else if state[i].isSuspect && p2 < threshold {
                state[i].isSuspect = false
                suspectSince[NumberID(i)] = nil
                statistics.suspects -= 1
                clearedSuspicion(i, &touched)
            } else if state[i].isSuspect && Self.suspicionStep(p2) > Self.suspicionStep(before) {
                // Its contacts' `max_suspicion` rose: re-assess them, as batch scores them with
                // the suspicion the suspect ends with (a contact raised at 0.6 would otherwise
                // never get a rule on 0.9).
                peers.forEach(from: state[i].peersHead) { p in if timelines[p] != nil { touched.append(Int(p)) } }
            }
        }
    }

    /// Which twentieth of [0, 1] a suspicion is in: a suspect's contacts are re-assessed each
    /// time its suspicion rises into a higher one.
    @inline(__always)
    static func suspicionStep(_ p: Float) -> Int { Int(p * 20) }

    /// Round-one and final suspicion of one number, read where it is stored (`inout`, never
    /// written). A static function over borrowed values: a
    /// closure over `self` made Swift copy the whole `RuleSet` (a retain per field) on every
    /// evaluation.
    private static func suspicion(of n: inout StreamNumber, rules: RuleSet, start: UInt32, now: UInt32,
                                   scratch: inout [Double]) -> (Float, Float) {
        scratch.withUnsafeMutableBufferPointer { fb in
            let p1 = Suspicion.evaluate(n.profile, ring: 0, traits: n.traits, rules: rules, start: start, now: now, scratch: fb)
            let p2 = n.ring == 0 ? p1 : Suspicion.evaluate(n.profile, ring: Int(n.ring), traits: n.traits, rules: rules, start: start,
                                                            now: now, scratch: fb)
            return (p1, p2)
        }
    }

    /// A number no longer suspect (a courier that got its call-backs, a call centre that grew):
    /// its calls leave its contacts' timelines, as batch would never have put them there. A
    /// contact it held as a new hold meanwhile is re-assessed: that hold counts now.
    private mutating func clearedSuspicion(_ s: Int, _ touched: inout [Int]) {
        let id = NumberID(s)
        for p in peers.values(from: state[s].peersHead) {
            guard var t = timelines[p] else { continue }
            t.removeAll { $0.withSuspect && $0.peer == id }
            timelines[p] = t.isEmpty ? nil : t
            if t.contains(where: { $0.kind == .newHold && $0.peer == id }) { touched.append(Int(p)) }
        }
    }

    /// Replays the calls still in memory between `s` and its contacts into their timelines;
    /// a suspect is never a victim, so its own timeline goes.
    private mutating func becameSuspect(_ s: Int, _ touched: inout [Int]) {
        timelines[NumberID(s)] = nil
        warned[NumberID(s)] = nil
        let id = NumberID(s)
        for seq in recentCalls(of: s) {
            let r = recent[Int(seq &- recentBase)]
            let other = Int(r.caller == id ? r.callee : r.caller)
            guard other != s, !state[other].isSuspect, state[other].traits.isConsidered else { continue }
            append(ContactEvent(time: r.time, peer: id, duration: r.duration, outgoing: r.caller != id, kind: .suspect), to: other, &touched)
        }
    }
}
