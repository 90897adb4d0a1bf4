extension StreamEngine {
    // MARK: - Expiry

    /// Forgets calls older than `retention` and every number idle that long, so memory stays
    /// bounded on an endless stream with a steady population. Runs every `retention / 24` (at
    /// least an hour) of event time. Resetting an idle number is cheap; the shared tables
    /// (pairs, peer lists) are compacted only once a tenth of the numbers have expired since the
    /// last compaction, so a sweep rarely costs more than a pass over the numbers.
    ///
    /// - Complexity: O(numbers) per sweep; O(numbers + pairs) when it compacts.
    mutating func sweep() {
        lastSweep = maxTime
        let cutoff = maxTime > options.retention ? maxTime - options.retention : 0
        while recentHead < recent.count && recent[recentHead].time < cutoff { recentHead += 1 }
        let live = recentBase &+ UInt32(recentHead)
        if recentHead > 0 && recentHead * 2 >= recent.count {
            recent.removeFirst(recentHead)
            recentLinks.removeFirst(recentHead)
            recentBase = live
            recentHead = 0
            if recentBase >= Self.renumberAt { renumberRecent() }
        }
        for i in 0..<state.count where state[i].lastSeen != 0 && state[i].lastSeen < cutoff {
            expire(i)
        }
        // Keys first, then changes in place: changing a table while iterating it copies it.
        let stale = timelines.compactMap { $0.value.first.map { $0.time < cutoff } ?? false ? $0.key : nil }
        for key in stale {
            timelines[key]!.removeAll { $0.time < cutoff }
            if timelines[key]!.isEmpty { timelines[key] = nil }
        }
        for key in warned.compactMap({ $0.value.at < cutoff ? $0.key : nil }) { warned[key] = nil }
        // Numbers as of this call: `state` also holds those of later lines of the same read.
        if expiredSinceCompaction * 10 >= max(numbersSeen, 10_000) { compact() }
    }

    /// Re-evaluates the numbers within reach of the suspect threshold (suspicion at least a
    /// tenth of it), suspects included. Batch judges every number at the end of the period;
    /// a stream evaluates a number when it calls, past its 4th call on every 8th only:
    /// - `observed_hours` moves with time alone (the per-day rates move only with calls): a spray
    ///   number that stopped after one day of 200 calls becomes a "nobody calls it" number two
    ///   days later in batch, and a stream would never see it;
    /// - a suspect's calls between its evaluations can make it surer: on seed 56 a fake
    ///   service line's 43rd call, a long one, took it from 0.82 to 0.98 in batch, and a
    ///   stream waiting for a 48th call that never came never gave the people it held their
    ///   `max_suspicion >= 0.9` rule (coverage 23 of 24).
    ///
    /// Runs on the first call of each hour of event time (so a checkpointed run does the
    /// same); numbers that become suspect have their calls replayed, and the contacts of a
    /// suspect whose suspicion rose a step are assessed again.
    ///
    /// - Complexity: O(numbers) plus one evaluation per number within reach.
    mutating func reconsiderWithinReach(at time: UInt32, into out: inout [StreamWarning]) {
        let floor = Float(settings.suspectThreshold) / 10
        var dirty: [Int] = []
        // The dense `suspicion` array first (a megabyte for 250,000 numbers), the 128-byte
        // state only for the few within reach: scanning every state took milliseconds an hour.
        for i in suspicion.indices where suspicion[i] >= floor && state[i].lastSeen != 0 {
            dirty.append(i)
        }
        reevaluate(dirty, at: time, into: &out)
    }

    /// Evaluates `ids` (ascending) in id order, replays the calls of those that become suspect
    /// and assesses the subscribers that touches.
    private mutating func reevaluate(_ ids: [Int], at time: UInt32, into out: inout [StreamWarning]) {
        guard !ids.isEmpty else { return }
        var dirty = Array(ids.reversed())            // `settle` pops from the end: id order
        var touched: [Int] = []
        settle(&dirty, at: time, touched: &touched)
        if !touched.isEmpty { assessEach(&touched, at: time, into: &out) }
    }

    /// The input is over and no run will resume it: judges every number on all the calls it
    /// has (past its 4th call a number is evaluated on every 8th only, and the hourly pass
    /// takes the numbers within reach of the threshold), as batch judges every number at the end
    /// of its data, and returns the warnings that raises. On fresh seed 102 a hand-off's last
    /// calls, in the week's final hours, made it a `scripted` suspect in batch; a stream that
    /// stopped without this had not yet evaluated them (coverage 28 of 31).
    ///
    /// Not for a run that will be resumed from a checkpoint: it would judge the same numbers
    /// again as it would have uninterrupted.
    ///
    /// - Complexity: one evaluation per number held.
    public mutating func judgeAll() -> [StreamWarning] {
        var out: [StreamWarning] = []
        endHeld(into: &out)
        judgeHeld(at: maxTime, into: &out)
        return out
    }

    /// Evaluates every number held, as of `time`; the warnings go to `out`.
    mutating func judgeHeld(at time: UInt32, into out: inout [StreamWarning]) {
        reevaluate((0..<state.count).filter { state[$0].lastSeen != 0 }, at: time, into: &out)
    }

    /// Sequence numbers are renumbered from 0 once `recentBase` passes this: they are 32-bit
    /// and compared, so they must never wrap (a province's feed takes 2^32 calls in weeks),
    /// and 2^31 calls more always fit (`recent` holds one retention's calls).
    static let renumberAt: UInt32 = 1 << 31

    /// Numbers the calls in `recent` from 0: every link and every number's `callsHead` moves
    /// down by `recentBase`, and one to a call no longer held (before `recentBase`, which no
    /// chain reaches: a walk stops there) becomes the end of its chain.
    ///
    /// - Complexity: O(calls in `recent` + numbers), once every 2^31 calls.
    mutating func renumberRecent() {
        let base = recentBase
        @inline(__always) func moved(_ seq: UInt32) -> UInt32 {
            seq == ListPool.end || seq < base ? ListPool.end : seq - base
        }
        for k in recentLinks.indices {
            let l = recentLinks[k]
            recentLinks[k] = UInt64(moved(UInt32(truncatingIfNeeded: l))) | UInt64(moved(UInt32(truncatingIfNeeded: l >> 32))) << 32
        }
        for i in 0..<state.count { state[i].callsHead = moved(state[i].callsHead) }
        recentBase = 0
    }

    /// Resets one idle number. Its peers stop counting it as a ring contact at once.
    private mutating func expire(_ i: Int) {
        if state[i].isSuspect { statistics.suspects -= 1 }
        if state[i].holder != .max {
            peers.forEach(from: state[i].peersHead) { p in
                if counts(peer: i, for: Int(p)), state[Int(p)].ring > 0 { state[Int(p)].ring -= 1 }
            }
        }
        // A fresh state: no suspicion, empty peer and call lists. Its handsets stay counted, as
        // the reader still knows them and will not tell them again.
        let traits = state[i].traits, handsets = state[i].profile.imeis
        state[i] = StreamNumber(traits: traits)
        state[i].profile.imeis = handsets
        state[i].isExpired = true
        suspicion[i] = 0
        expiredSinceCompaction += 1
        if stale[i] { stale[i] = false; staleCount -= 1 }
        longPartners.clear(i)
        timelines[NumberID(i)] = nil
        warned[NumberID(i)] = nil
        suspectSince[NumberID(i)] = nil
    }

    /// Drops expired numbers from the shared tables and recounts ring contacts (the batch
    /// definition) over what is left.
    private mutating func compact() {
        // Only numbers still expired (not seen again since) leave the tables.
        let gone = state.map(\.isExpired)
        let keep: (NumberID, NumberID) -> Bool = { !gone[Int($0)] && !gone[Int($1)] }
        pairs.filter(keep); heldPairs.filter(keep); olderPairs.filter(keep); olderHeldPairs.filter(keep)
        let lists = peerLists()
        setPeerLists((0..<lists.count).map { lists[$0].filter { v in !gone[Int(v)] } })
        longPartners.compact { _, v in !gone[Int(v)] }
        for v in 0..<state.count where state[v].holder != .max && gone[Int(state[v].holder)] {
            state[v].holder = .max
            state[v].heldByMany = false
        }
        recountRingContacts()
        for i in 0..<state.count { state[i].isExpired = false }
        expiredSinceCompaction = 0
    }

    /// Sets every number's ring contacts from its peer list (the batch definition).
    mutating func recountRingContacts() {
        for i in 0..<state.count {
            var k: UInt32 = 0
            peers.forEach(from: state[i].peersHead) { p in if counts(peer: Int(p), for: i) { k += 1 } }
            state[i].ring = k
        }
    }

    /// Every number's distinct peers, oldest first (the `peers` pool read through each
    /// number's `peersHead`).
    ///
    /// - Complexity: O(numbers + entries).
    func peerLists() -> FlatLists {
        peers.allLists(heads: state.map(\.peersHead))
    }

    /// Makes the `peers` pool hold `lists` (each oldest first, one per number) and points each
    /// number's `peersHead` at its list: a compaction, and a restored checkpoint.
    mutating func setPeerLists(_ lists: [[UInt32]]) {
        let (made, heads) = ListPool.make(lists)
        peers = made
        for i in heads.indices { state[i].peersHead = heads[i] }
    }

    // MARK: - Rules

    /// Swaps in new rules (SIGHUP): classes, lists and settings take effect at once, the models
    /// from each number's next call. Suspicion already reached is kept, but not past its next
    /// evaluation: a kept suspect (`keepSuspects`) must earn that again under the new rules, so
    /// an analyst clears a wrong one by allowlisting it and sending SIGHUP.
    public mutating func replaceRules(_ new: RuleSet) {
        rules = new
        settings = EngineSettings(new.settings)
        bankIndex = new.classes.firstIndex { $0.name == "bank_hotline" }
        let numbers = reader.internedNumbers
        for i in 0..<state.count { state[i].traits = numbers.withBytes(NumberID(i)) { new.numberTraits($0) } }
        for i in 0..<stale.count { stale[i] = state[i].lastSeen != 0 }
        staleCount = stale.lazy.filter { $0 }.count
        suspectSince = suspectSince.mapValues { _ in maxTime }
    }
}
