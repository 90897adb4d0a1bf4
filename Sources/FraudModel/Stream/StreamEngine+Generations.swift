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
        var lists = [[UInt32]](repeating: [], count: n)
        // In key order, so the peer lists (and a checkpoint's bytes) do not depend on the
        // table's layout.
        for key in olderPairs.sortedKeys {
            let a = NumberID(key >> 32), b = NumberID(truncatingIfNeeded: key)
            outDistinct[Int(a)] += 1
            inDistinct[Int(b)] += 1
            let reverse = olderPairs.contains(b, a)
            if reverse { reciprocated[Int(a)] += 1 }
            // Each unordered pair once, as `connect` adds it.
            if a != b && (!reverse || a < b) {
                lists[Int(a)].append(b)
                lists[Int(b)].append(a)
            }
        }
        for (callee, _) in olderHeldPairs.pairs { heldDistinct[Int(callee)] += 1 }
        // A number expired since the last compaction has a fresh state and keeps it; its pairs
        // still count for the live party, as they did before (compaction drops them). One
        // back since the last roll keeps its counts and peers since its return: the pairs
        // kept may be from before it expired, which it no longer counts.
        for i in 0..<n {
            if state[i].lastSeen == 0 { lists[i] = []; continue }
            if rejoined[i] { lists[i] = peers.values(from: state[i].peersHead); continue }
            state[i].profile.outDistinct = outDistinct[i]
            state[i].profile.inDistinct = inDistinct[i]
            state[i].profile.reciprocated = reciprocated[i]
            state[i].profile.heldDistinct = heldDistinct[i]
        }
        setPeerLists(lists)
        let pairs = olderPairs
        let talkedTo: (Int, UInt32) -> Bool = { i, v in
            pairs.contains(NumberID(i), NumberID(v)) || pairs.contains(NumberID(v), NumberID(i))
        }
        // Long-call partners: those still in reach, each once.
        longPartners = LinkedLists((0..<n).map { i in
            var seen = Set<UInt32>()
            return longPartners.values(i).filter { talkedTo(i, $0) && seen.insert($0).inserted }
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
