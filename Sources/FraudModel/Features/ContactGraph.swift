/// Who talks to whom: the distinct (caller, callee) pairs of a call log as adjacency lists in
/// both directions (compressed sparse rows), for distinct-peer counts, call-backs and the ring
/// hand-off link.
struct ContactGraph: Sendable {
    /// `outTargets[outStart[a]..<outStart[a+1]]` are the distinct numbers `a` called, sorted.
    let outStart: [UInt32]
    let outTargets: [UInt32]
    /// `inSources[inStart[b]..<inStart[b+1]]` are the distinct numbers that called `b`, sorted.
    let inStart: [UInt32]
    let inSources: [UInt32]

    /// Builds the graph over `numberCount` numbers on up to `threads` threads.
    ///
    /// Callees are bucketed by caller with a counting sort (4 bytes a call, no second
    /// buffer), then each caller's short list is sorted and de-duplicated in place; this
    /// holds a quarter of the memory of sorting 8-byte pairs with an equal buffer. In
    /// parallel, each thread counts and places one range of the calls with its own counters,
    /// placed after the earlier ranges' (so every bucket keeps call order); then each thread
    /// sorts the buckets of a range of callers and fills their callees' in-lists the same way.
    /// The graph is the same for any number of threads.
    ///
    /// Past `maximumBucket` calls, the graph is built a range of callers at a time instead
    /// (``init(records:callsBy:maximumBucket:threads:)``), given each number's calls
    /// (`callsBy`, asked for only then; counted here if not given), so its memory is
    /// bounded, not 4 bytes a call.
    ///
    /// - Complexity: O(records + threads × numbers + Σ k log k) over each caller's k calls.
    init(records: CallRecords, numberCount n: Int, threads: Int = 1,
         callsBy: (() -> [UInt32])? = nil, maximumBucket: Int = ContactGraph.maximumBucket) {
        guard records.count <= maximumBucket else {
            var calls: [UInt32]
            if let callsBy {
                calls = callsBy()
            } else {
                calls = [UInt32](repeating: 0, count: n)
                records.forEachPiece { piece in
                    for call in piece { calls[Int(call.caller)] += 1 }
                }
            }
            self.init(records: records, callsBy: calls, maximumBucket: maximumBucket, threads: threads)
            return
        }
        let chunks = evenRanges(records.count, parts: threads)       // ranges of calls
        // Ranges of callers, re-cut once the calls per caller are known so that each holds
        // about as many calls to sort (numbers are ids in order of first appearance, and the
        // busy ones cluster: cut by id, the slowest range took half again the mean).
        var parts = evenRanges(n, parts: threads)
        var outStart = [UInt32](repeating: 0, count: n + 1)
        var callees = [UInt32](repeating: 0, count: records.count)
        // Per range of calls: its calls per caller, then where it places its next one.
        var cursors = [UInt32](repeating: 0, count: chunks.count * n)
        var degree = [UInt32](repeating: 0, count: n)                // distinct callees per caller
        var inCursors = [UInt32](repeating: 0, count: parts.count * n)  // per range of callers
        var base = [Int](repeating: 0, count: parts.count)           // each caller range's first bucket
        do {
            outStart.withUnsafeMutableBufferPointer { start in
                cursors.withUnsafeMutableBufferPointer { cur in
                    parallelChunks(chunks.count) { k in
                        guard let c = cur.baseAddress.map({ $0 + k * n }) else { return }
                        records.forEachPiece(of: chunks[k]) { _, piece in
                            for call in piece { c[Int(call.caller)] += 1 }
                        }
                    }
                    Self.placeRanges(cur, count: chunks.count, n: n, start: start)
                    callees.withUnsafeMutableBufferPointer { out in
                        parallelChunks(chunks.count) { k in
                            guard let c = cur.baseAddress.map({ $0 + k * n }) else { return }
                            records.forEachPiece(of: chunks[k]) { _, piece in
                                for call in piece {
                                    let a = Int(call.caller)
                                    out[Int(c[a])] = call.callee
                                    c[a] += 1
                                }
                            }
                        }
                    }
                }
                parts = balancedRanges(UnsafeBufferPointer(start), parts: parts.count)
                for k in parts.indices { base[k] = Int(start[parts[k].lowerBound]) }
                callees.withUnsafeMutableBufferPointer { out in
                    // Sort each caller's callees and pack the distinct ones to the front of
                    // the caller range; count each callee's callers per range.
                    degree.withUnsafeMutableBufferPointer { deg in
                        inCursors.withUnsafeMutableBufferPointer { inC in
                            parallelChunks(parts.count) { k in
                                guard let counts = inC.baseAddress.map({ $0 + k * n }) else { return }
                                var packed = base[k]
                                for a in parts[k] {
                                    let lo = Int(start[a]), hi = Int(start[a + 1])
                                    guard hi > lo else { continue }
                                    let first = packed
                                    var run = UnsafeMutableBufferPointer(rebasing: out[lo..<hi])
                                    run.sort()
                                    var last = UInt32.max
                                    for b in run where b != last {
                                        last = b
                                        out[packed] = b
                                        packed += 1
                                        counts[Int(b)] += 1
                                    }
                                    deg[a] = UInt32(packed - first)
                                }
                            }
                        }
                        start[0] = 0
                        for a in 0..<n { start[a + 1] = start[a] + deg[a] }
                    }
                    // Close the gaps between the ranges' packed buckets, in order (each moves
                    // down, never over a range not yet moved; the copy allows overlap).
                    if let p = out.baseAddress {
                        for k in parts.indices.dropFirst() {
                            let to = Int(start[parts[k].lowerBound]), count = Int(start[parts[k].upperBound]) - to
                            (p + to).update(from: p + base[k], count: count)
                        }
                    }
                }
            }
        }
        cursors = []
        degree = []
        let distinct = Int(outStart[n])
        // Trimmed in place, and the pages past the distinct pairs handed back to the kernel:
        // a copy of just the distinct pairs would touch that much fresh memory again.
        callees.removeLast(callees.count - distinct)
        callees.releaseSparePages()
        let outTargets = callees
        callees = []
        let inLists = Self.inLists(outStart: outStart, outTargets: outTargets, parts: parts, counts: &inCursors)
        self.init(outStart: outStart, outTargets: outTargets, inStart: inLists.start, inSources: inLists.sources)
    }

    private init(outStart: [UInt32], outTargets: [UInt32], inStart: [UInt32], inSources: [UInt32]) {
        self.outStart = outStart
        self.outTargets = outTargets
        self.inStart = inStart
        self.inSources = inSources
    }

    /// Calls bucketed at once at most (32 MiB of callees): a log with more builds its graph
    /// a range of callers at a time.
    static let maximumBucket = 1 << 23

    /// Builds the graph a range of callers at a time, each range holding at most
    /// `maximumBucket` calls (one caller with more has a range of its own), given how many
    /// calls each number made (`callsBy`). For each range, every thread reads all the calls
    /// and buckets those of its share of the range's callers (cut by their calls); the
    /// buckets are sorted and de-duplicated and the distinct callees appended. Memory is the
    /// bucket and the distinct pairs, whatever the number of calls, at the cost of one read
    /// of the calls per range. The graph is the one the single pass builds.
    ///
    /// - Complexity: O(ranges × threads × records + threads × numbers + Σ k log k).
    init(records: CallRecords, callsBy calls: [UInt32], maximumBucket: Int, threads: Int = 1) {
        let n = calls.count
        var ranges: [Range<Int>] = []
        var lo = 0, held = 0, widest = 0                             // widest: the most calls in a range
        for a in 0..<n {
            if held + Int(calls[a]) > maximumBucket && a > lo { ranges.append(lo..<a); lo = a; held = 0 }
            held += Int(calls[a])
            widest = max(widest, held)
        }
        if lo < n { ranges.append(lo..<n) }
        var bucket = [UInt32](repeating: 0, count: widest)
        var degree = [UInt32](repeating: 0, count: n)
        var outTargets: [UInt32] = []
        for range in ranges {
            var start = [UInt32](repeating: 0, count: range.count + 1)   // by caller - range.lowerBound
            for j in 0..<range.count { start[j + 1] = start[j] + calls[range.lowerBound + j] }
            let shares = start.withUnsafeBufferPointer { balancedRanges($0, parts: threads) }
            var cursor = Array(start.dropLast())
            bucket.withUnsafeMutableBufferPointer { out in
                cursor.withUnsafeMutableBufferPointer { cur in
                    degree.withUnsafeMutableBufferPointer { deg in
                        parallelChunks(shares.count) { k in
                            let first = UInt32(range.lowerBound + shares[k].lowerBound), width = UInt32(shares[k].count)
                            records.forEachPiece { piece in
                                for call in piece where call.caller &- first < width {
                                    let j = Int(call.caller) - range.lowerBound
                                    out[Int(cur[j])] = call.callee
                                    cur[j] += 1
                                }
                            }
                            for j in shares[k] {                     // sort, keep the distinct at the front
                                let lo = Int(start[j]), hi = Int(start[j + 1])
                                var run = UnsafeMutableBufferPointer(rebasing: out[lo..<hi])
                                run.sort()
                                deg[range.lowerBound + j] = UInt32(dropRepeats(run))
                            }
                        }
                    }
                }
            }
            for j in 0..<range.count {
                let lo = Int(start[j])
                outTargets.append(contentsOf: bucket[lo..<(lo + Int(degree[range.lowerBound + j]))])
            }
        }
        bucket = []
        var outStart = [UInt32](repeating: 0, count: n + 1)
        for a in 0..<n { outStart[a + 1] = outStart[a] + degree[a] }
        let parts = outStart.withUnsafeBufferPointer { balancedRanges($0, parts: threads) }
        var counts = [UInt32](repeating: 0, count: parts.count * n)
        counts.withUnsafeMutableBufferPointer { c in
            parallelChunks(parts.count) { k in
                let mine = k * n
                for e in Int(outStart[parts[k].lowerBound])..<Int(outStart[parts[k].upperBound]) { c[mine + Int(outTargets[e])] += 1 }
            }
        }
        let inLists = Self.inLists(outStart: outStart, outTargets: outTargets, parts: parts, counts: &counts)
        self.init(outStart: outStart, outTargets: outTargets, inStart: inLists.start, inSources: inLists.sources)
    }

    /// The in-lists, from the out-lists: `counts[k*n + b]` holds how many callers of range
    /// `parts[k]` called `b`; each range's callers are placed after the earlier ranges', so
    /// every in-list is sorted. `counts` is used up.
    private static func inLists(outStart: [UInt32], outTargets: [UInt32], parts: [Range<Int>],
                                counts inCursors: inout [UInt32]) -> (start: [UInt32], sources: [UInt32]) {
        let n = outStart.count - 1
        var inStart = [UInt32](repeating: 0, count: n + 1)
        var inSources = [UInt32](repeating: 0, count: outTargets.count)
        outStart.withUnsafeBufferPointer { start in
            outTargets.withUnsafeBufferPointer { targets in
                inCursors.withUnsafeMutableBufferPointer { inC in
                    inStart.withUnsafeMutableBufferPointer { inStart in
                        Self.placeRanges(inC, count: parts.count, n: n, start: inStart)
                    }
                    inSources.withUnsafeMutableBufferPointer { sources in
                        parallelChunks(parts.count) { k in
                            guard let c = inC.baseAddress.map({ $0 + k * n }) else { return }
                            for a in parts[k] {
                                for e in Int(start[a])..<Int(start[a + 1]) {
                                    let b = Int(targets[e])
                                    sources[Int(c[b])] = UInt32(a)
                                    c[b] += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return (inStart, inSources)
    }

    /// Turns per-range counts (`counts[k*n + i]`: items of number i in range k) into bucket
    /// starts (`start`, n + 1 entries) and each range's first slot in each bucket, ranges in
    /// order, so filling range by range keeps the items' order within every bucket.
    static func placeRanges(_ counts: UnsafeMutableBufferPointer<UInt32>, count ranges: Int, n: Int,
                            start: UnsafeMutableBufferPointer<UInt32>) {
        var next: UInt32 = 0
        for i in 0..<n {
            start[i] = next
            for k in 0..<ranges {
                let c = counts[k * n + i]
                counts[k * n + i] = next
                next += c
            }
        }
        start[n] = next
    }

    /// Distinct numbers `a` called.
    @inline(__always) func outDegree(_ a: Int) -> Int { Int(outStart[a + 1] - outStart[a]) }
    /// Distinct numbers that called `b`.
    @inline(__always) func inDegree(_ b: Int) -> Int { Int(inStart[b + 1] - inStart[b]) }

    /// Whether `a` ever called `b`.
    func called(_ a: Int, _ b: UInt32) -> Bool {
        var lo = Int(outStart[a]), hi = Int(outStart[a + 1])
        while lo < hi {
            let mid = (lo + hi) / 2
            let v = outTargets[mid]
            if v == b { return true }
            if v < b { lo = mid + 1 } else { hi = mid }
        }
        return false
    }

    /// How many of the numbers `a` called also called `a` (a merge of its two sorted lists).
    func reciprocated(_ a: Int) -> Int {
        var i = Int(outStart[a]), j = Int(inStart[a])
        let iEnd = Int(outStart[a + 1]), jEnd = Int(inStart[a + 1])
        var k = 0
        while i < iEnd && j < jEnd {
            let x = outTargets[i], y = inSources[j]
            if x == y { k += 1; i += 1; j += 1 } else if x < y { i += 1 } else { j += 1 }
        }
        return k
    }

    /// Calls `body` once for every distinct peer of `a` (called it, or was called by it): the
    /// numbers it called, then those that called it and were not called by it.
    func forEachPeer(_ a: Int, _ body: (UInt32) -> Void) {
        let outEnd = Int(outStart[a + 1])
        for e in Int(outStart[a])..<outEnd { body(outTargets[e]) }
        var i = Int(outStart[a])                       // both lists are sorted: walk them together
        for e in Int(inStart[a])..<Int(inStart[a + 1]) {
            let s = inSources[e]
            while i < outEnd && outTargets[i] < s { i += 1 }
            if i == outEnd || outTargets[i] != s { body(s) }   // else visited as an out-peer
        }
    }
}
