// MARK: - Active days past the day marks

extension NumberProfile {
    /// A number's days from ``NumberProfile/lateDay`` on, which share the last bit of the day
    /// masks, counted apart over a period too long for them (zero otherwise).
    struct LateDays: Sendable, Equatable {
        /// Days with any call, made or received.
        var active: UInt16 = 0
        /// Days with a call made.
        var out: UInt16 = 0
        /// Days with two calls made or more.
        var busy: UInt16 = 0
    }
}

extension NumberProfiles {
    /// Each number's distinct days from ``NumberProfile/lateDay`` on, for a period too long
    /// for the day marks. Each thread lists (number << 32 | day << 1 | made a call) for its
    /// range of the calls, sorted and with no entry more than twice whenever the list doubles
    /// (a number has at most four entries per active day, not one per call: two are enough to
    /// tell a busy day); the lists are then merged and counted per number.
    /// `compaction`: the length at which a thread's list is first compacted (the held pairs'
    /// budget; tests make it small).
    static func countLateDays(_ records: CallRecords, numberCount n: Int, threads: Int,
                                      periodStart: UInt32, offset: Int, compaction: Int) -> [NumberProfile.LateDays] {
        let chunks = evenRanges(records.count, parts: threads)
        var lists = [[UInt64]](repeating: [], count: chunks.count)
        lists.withUnsafeMutableBufferPointer { lists in
            parallelChunks(chunks.count) { k in
                var pairs: [UInt64] = []
                var compactAt = max(1, compaction)
                records.forEachPiece(of: chunks[k]) { _, piece in
                    for r in piece {
                        let day = NumberProfile.dayAndHour(r.time, periodStart: periodStart, offset: offset).day
                        guard day >= NumberProfile.lateDay else { continue }
                        pairs.append(UInt64(r.caller) << 32 | UInt64(day) << 1 | 1)
                        pairs.append(UInt64(r.callee) << 32 | UInt64(day) << 1)
                        if pairs.count >= compactAt { compactAt = compact(&pairs, threshold: compactAt, keeping: 2) }
                    }
                }
                _ = compact(&pairs, threshold: compactAt, keeping: 2)
                lists[k] = pairs
            }
        }
        // Moved into one list, each thread's freed as it goes, so the pairs are held about twice
        // at most (the sort's scratch).
        var all: [UInt64] = []
        all.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for k in lists.indices {
            all.append(contentsOf: lists[k])
            lists[k] = []
        }
        _ = compact(&all, threshold: compaction, keeping: 2)
        var days = [NumberProfile.LateDays](repeating: .init(), count: n)
        var previous = UInt64.max                           // the entry before
        for pair in all {
            let id = Int(pair >> 32)
            if pair >> 1 != previous >> 1 && days[id].active < .max { days[id].active += 1 }
            if pair & 1 == 1 {
                if pair != previous && days[id].out < .max { days[id].out += 1 }
                if pair == previous && days[id].busy < .max { days[id].busy += 1 }
            }
            previous = pair
        }
        return days
    }
}
