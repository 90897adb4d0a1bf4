/// What a stream that runs for months keeps of a number's contacts: the last 30 to 60 days,
/// as its day marks keep its days.
///
/// Contacts (the pairs behind the distinct-peer counts, the held pairs, the peer and long-call
/// partner lists, who held whom) are kept in two generations of 30 days: the pairs seen in the
/// current one, and those of the one before not seen since. When a generation ends, the pairs
/// of the one before that were not seen again are forgotten and every count that rests on
/// them is recounted from what is left; the day marks drop their oldest 30 days at the same
/// moment, and the call counts are scaled to the days kept. Without it every pair ever seen
/// between two numbers still active was held for good: on 120 days of 3,000 subscribers the
/// pair table grew from 171,000 to 722,000 pairs while the numbers held stayed at 3,770, and
/// a number's distinct counts ran on while its days were those of the last 30 to 60 (an
/// adviser at 10 new people a day over 90 days read as 15 a day).
///
/// A stream shorter than 60 days never forgets anything: the first generation ends on day
/// 30 with nothing before it, and the stream agrees with batch on any file shorter than that.
extension StreamEngine {
    /// Ends the current generation of pairs (a call at `time` has reached day
    /// `generationStart` + 30). When that forgets contacts, every number held is evaluated
    /// again at once, as the hourly pass evaluates those within reach of the threshold, and
    /// the warnings that raises go to `out`.
    ///
    /// - Complexity: O(numbers + pairs + list entries) and an evaluation per number held, once
    ///   every 30 days of event time (nothing but the swap on day 30).
    mutating func rollGenerations(at time: UInt32, into out: inout [StreamWarning]) {
        generationStart += 30
        let forgets = olderPairs.count > 0 || olderHeldPairs.count > 0
        swap(&olderPairs, &pairs)
        swap(&olderHeldPairs, &heldPairs)
        pairs = PairSet(capacity: max(1 << 10, olderPairs.count))
        heldPairs = PairSet(capacity: max(1 << 10, olderHeldPairs.count))
        // The distinct counts first: the call counts are scaled to no fewer than they.
        if forgets { recountContacts() }
        // A number back since the last roll has seen a generation end: the pairs kept at the
        // next one were all seen after its return.
        for i in rejoined.indices where rejoined[i] { rejoined[i] = false }
        if generationStart - 30 > dayBase { shiftDayMarks() }
        if forgets { judgeHeld(at: time, into: &out) }
    }

    /// Recounts everything that rests on pairs from the pairs kept (now `olderPairs` and
    /// `olderHeldPairs`, the current generation being empty).
    private mutating func recountContacts() {
        let n = state.count
        var outDistinct = [UInt32](repeating: 0, count: n), inDistinct = outDistinct
        var reciprocated = outDistinct, heldDistinct = outDistinct
        // In key order, so the peer lists (and a checkpoint's bytes) do not depend on the
        // table's layout. Each unordered pair once, as `connect` adds it, into flat lists
        // (``FlatLists``, each in the order met). Whether a pair's reverse is kept too, from
        // the keys reversed and sorted, walked beside them (a probe into the table for each
        // was most of the pause).
        let keys = olderPairs.sortedKeys
        var reversed = keys.map { $0 << 32 | $0 >> 32 }
        radixSort(&reversed)
        var edges: [UInt64] = []
        var r = 0
        for key in keys {
            let a = NumberID(key >> 32), b = NumberID(truncatingIfNeeded: key)
            outDistinct[Int(a)] += 1
            inDistinct[Int(b)] += 1
            while r < reversed.count && reversed[r] < key { r += 1 }
            let reverse = r < reversed.count && reversed[r] == key
            if reverse { reciprocated[Int(a)] += 1 }
            if a != b && (!reverse || a < b) { edges.append(key) }
        }
        let peerLists = FlatLists(count: n) { add in
            for key in edges {
                let a = Int(key >> 32), b = Int(key & 0xFFFF_FFFF)
                add(a, UInt32(b))
                add(b, UInt32(a))
            }
        }
        edges = []
        for (callee, _) in olderHeldPairs.pairs { heldDistinct[Int(callee)] += 1 }
        // A number expired since the last compaction has a fresh state and keeps it; its pairs
        // still count for the live party, as they did before (compaction drops them). One
        // back since the last roll keeps its counts and peers since its return: the pairs
        // kept may be from before it expired, which it no longer counts.
        var lists = [[UInt32]](repeating: [], count: n)
        for i in 0..<n {
            if state[i].lastSeen == 0 { continue }
            if rejoined[i] { lists[i] = peers.values(from: state[i].peersHead); continue }
            lists[i] = Array(peerLists[i])
            state[i].profile.outDistinct = outDistinct[i]
            state[i].profile.inDistinct = inDistinct[i]
            state[i].profile.reciprocated = reciprocated[i]
            state[i].profile.heldDistinct = heldDistinct[i]
        }
        setPeerLists(lists)
        lists = []
        // Long-call partners: those still in reach (a pair kept, either way), each once, in
        // the order first met. The lists hold a partner once per long call; a stamp per
        // number marks the peers of the list at hand (no probe into the pair table).
        var stamp = [UInt32](repeating: .max, count: n)
        let partners = longPartners.allLists()
        longPartners = LinkedLists((0..<n).map { i in
            let mine = partners[i]
            guard !mine.isEmpty else { return [] }
            for p in peerLists[i] { stamp[Int(p)] = UInt32(i) }
            var kept: [UInt32] = []
            for v in mine where stamp[Int(v)] == UInt32(i) {
                kept.append(v)
                stamp[Int(v)] = .max                  // each once
            }
            return kept
        })
        // Holds are taken again from the long-call partners still in reach that are first-round
        // suspects: one forgotten with its pair, another still there stands.
        for v in 0..<n where state[v].holder != .max {
            var holder = UInt32.max, many = false
            for s in longPartners.values(v) where Int(s) != v && state[Int(s)].isFirstRoundSuspect {
                if holder == .max { holder = s } else if s != holder { many = true; break }
            }
            state[v].holder = holder
            state[v].heldByMany = many
        }
        recountRingContacts()
    }

    /// Drops the oldest 30 days of every number's day marks, and scales its call counts to
    /// the share of its active days kept (its distinct counts were recounted over the pairs
    /// kept, so a count of calls is kept at least at the count of the numbers they reached).
    /// A number's `active_days`, `out_days` and `busy_days` are then its last 30 to 60 days.
    ///
    /// - Complexity: O(numbers), once every 30 days of event time past the 60th.
    mutating func shiftDayMarks() {
        for i in 0..<state.count where state[i].lastSeen != 0 {
            let before = state[i].profile.days.active.nonzeroBitCount
            state[i].profile.days.dropOldest(30)
            let after = state[i].profile.days.active.nonzeroBitCount
            guard after < before else { continue }
            var p = state[i].profile
            p.counts.scale(by: Double(after) / Double(before))
            p.outCalls = max(p.outCalls, p.outDistinct)
            p.inCalls = max(p.inCalls, p.inDistinct)
            state[i].profile = p
        }
        dayBase += 30
    }
}
