// MARK: - Active days past the day mask

extension NumberProfiles {
    /// Each number's distinct active days from ``NumberProfile/lateDay`` on, for a period too
    /// long for the day mask. Each thread lists (number << 32 | day) for its range of the
    /// calls, sorted and without repeats whenever the list doubles (a number has a pair per
    /// active day, not per call); the lists are then merged and counted per number.
    /// `compaction`: the length at which a thread's list is first compacted (the held pairs'
    /// budget; tests make it small).
    static func countLateDays(_ records: CallRecords, numberCount n: Int, threads: Int,
                                      periodStart: UInt32, offset: Int, compaction: Int) -> [UInt16] {
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
                        pairs.append(UInt64(r.caller) << 32 | UInt64(day))
                        pairs.append(UInt64(r.callee) << 32 | UInt64(day))
                        if pairs.count >= compactAt { compactAt = compact(&pairs, threshold: compactAt) }
                    }
                }
                _ = compact(&pairs, threshold: compactAt)
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
        _ = compact(&all)
        var days = [UInt16](repeating: 0, count: n)
        for pair in all {
            let id = Int(pair >> 32)
            if days[id] < .max { days[id] += 1 }
        }
        return days
    }
}
