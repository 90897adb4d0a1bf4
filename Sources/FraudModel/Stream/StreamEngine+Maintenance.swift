extension StreamEngine {
    // MARK: - Expiry

    /// Forgets calls older than `retention` and every number idle that long, so memory stays
    /// bounded on an endless stream with a steady population. Runs every `retention / 24` (at least an hour) of event time.
    ///
    /// - Complexity: O(numbers + pairs) per sweep.
    mutating func sweep() {
        lastSweep = maxTime
        let cutoff = maxTime > options.retention ? maxTime - options.retention : 0
        while recentHead < recent.count && recent[recentHead].time < cutoff { recentHead += 1 }
        let live = recentBase &+ UInt32(recentHead)
        if recentHead > 0 && recentHead * 2 >= recent.count {
            recent.removeFirst(recentHead)
            recentBase = live
            recentHead = 0
            callIndex.compact { _, seq in seq >= live }
        }
        var expired = [Bool](repeating: false, count: state.count)
        var any = false
        for i in 0..<state.count where state[i].lastSeen != 0 && state[i].lastSeen < cutoff {
            expired[i] = true
            any = true
            if state[i].isSuspect { statistics.suspects -= 1 }
            state[i].profile = NumberProfile()
            state[i].lastSeen = 0
            state[i].firstRound = 0; suspicion[i] = 0
            state[i].isFirstRoundSuspect = false; state[i].isSuspect = false
            state[i].holder = .max; state[i].heldByMany = false
            peers.clear(i); longPartners.clear(i); callIndex.clear(i)
            timelines[NumberID(i)] = nil
            warned[NumberID(i)] = nil
        }
        for (key, events) in timelines {
            let kept = events.filter { $0.time >= cutoff }
            timelines[key] = kept.isEmpty ? nil : kept
        }
        warned = warned.filter { $0.value.at >= cutoff }
        guard any else { return }
        pairs.filter { !expired[Int($0)] && !expired[Int($1)] }
        heldPairs.filter { !expired[Int($0)] && !expired[Int($1)] }
        peers.compact { _, v in !expired[Int(v)] }
        longPartners.compact { _, v in !expired[Int(v)] }
        for v in 0..<state.count where state[v].holder != .max && expired[Int(state[v].holder)] {
            state[v].holder = .max
            state[v].heldByMany = false
        }
        // Ring counts from scratch over the surviving peers: the batch definition.
        for i in 0..<state.count {
            var k: UInt32 = 0
            peers.forEach(i) { p in
                let h = state[Int(p)].holder
                if h != .max && (h != UInt32(i) || state[Int(p)].heldByMany) { k += 1 }
            }
            state[i].ring = k
        }
    }

    // MARK: - Rules

    /// Swaps in new rules (SIGHUP): classes, lists and settings take effect at once, the models
    /// from each number's next evaluation. Suspicion already reached is kept.
    public mutating func replaceRules(_ new: RuleSet) {
        rules = new
        settings = EngineSettings(new.settings)
        bankIndex = new.classes.firstIndex { $0.name == "bank_hotline" }
        let numbers = reader.internedNumbers
        for i in 0..<state.count { state[i].traits = numbers.withBytes(NumberID(i)) { new.numberTraits($0) } }
    }
}
