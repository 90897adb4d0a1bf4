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
    /// holds a quarter of the memory of sorting 8-byte pairs with an equal buffer. Each thread
    /// owns a range of caller ids (for the in-lists, of callee ids): it scans every call but
    /// writes only its own numbers' entries, in call order, so the graph is the same for any
    /// number of threads.
    ///
    /// - Complexity: O(threads × records + Σ k log k) over each caller's k calls.
    init(records: [CallRecord], numberCount n: Int, threads: Int = 1) {
        let parts = evenRanges(n, parts: threads)
        var outStart = [UInt32](repeating: 0, count: n + 1)
        var callees = [UInt32](repeating: 0, count: records.count)
        var degree = [UInt32](repeating: 0, count: n)            // distinct callees per caller
        var inCounts = [UInt32](repeating: 0, count: parts.count * (n + 1))  // per thread
        var base = [Int](repeating: 0, count: parts.count)       // each range's first bucket
        records.withUnsafeBufferPointer { r in
            outStart.withUnsafeMutableBufferPointer { start in
                parallelChunks(parts.count) { k in
                    let lo = UInt32(parts[k].lowerBound), width = UInt32(parts[k].count)
                    for c in r where c.caller &- lo < width { start[Int(c.caller) + 1] += 1 }
                }
                for i in 0..<n { start[i + 1] += start[i] }
                for k in parts.indices { base[k] = Int(start[parts[k].lowerBound]) }
                var cursor = Array(start.dropLast())
                callees.withUnsafeMutableBufferPointer { out in
                    cursor.withUnsafeMutableBufferPointer { f in
                        parallelChunks(parts.count) { k in
                            let lo = UInt32(parts[k].lowerBound), width = UInt32(parts[k].count)
                            for c in r where c.caller &- lo < width {
                                let a = Int(c.caller)
                                out[Int(f[a])] = c.callee
                                f[a] += 1
                            }
                        }
                    }
                    // Sort each caller's callees and pack the distinct ones to the front of
                    // the thread's range; count each callee's callers per thread.
                    degree.withUnsafeMutableBufferPointer { deg in
                        inCounts.withUnsafeMutableBufferPointer { inC in
                            parallelChunks(parts.count) { k in
                                let counts = UnsafeMutableBufferPointer(rebasing: inC[k * (n + 1) ..< (k + 1) * (n + 1)])
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
                                        counts[Int(b) + 1] += 1
                                    }
                                    deg[a] = UInt32(packed - first)
                                }
                            }
                        }
                        start[0] = 0
                        for a in 0..<n { start[a + 1] = start[a] + deg[a] }
                    }
                    // Close the gaps between the threads' packed ranges, in order (each moves
                    // down, never over a range not yet moved).
                    if let p = out.baseAddress {
                        for k in parts.indices.dropFirst() {
                            let to = Int(start[parts[k].lowerBound]), count = Int(start[parts[k].upperBound]) - to
                            (p + to).update(from: p + base[k], count: count)
                        }
                    }
                }
            }
        }
        let distinct = Int(outStart[n])
        callees.removeLast(callees.count - distinct)
        let outTargets = callees
        var inStart = [UInt32](repeating: 0, count: n + 1)
        for k in parts.indices {
            let offset = k * (n + 1)
            for i in 1...n { inStart[i] += inCounts[offset + i] }
        }
        inCounts = []
        for i in 0..<n { inStart[i + 1] += inStart[i] }
        var cursor = inStart
        var inSources = [UInt32](repeating: 0, count: distinct)
        outStart.withUnsafeBufferPointer { start in
            outTargets.withUnsafeBufferPointer { targets in
                cursor.withUnsafeMutableBufferPointer { f in
                    inSources.withUnsafeMutableBufferPointer { sources in
                        parallelChunks(parts.count) { k in
                            let lo = UInt32(parts[k].lowerBound), width = UInt32(parts[k].count)
                            for a in 0..<n {
                                for e in Int(start[a])..<Int(start[a + 1]) {
                                    let b = targets[e]
                                    guard b &- lo < width else { continue }
                                    sources[Int(f[Int(b)])] = UInt32(a)
                                    f[Int(b)] += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        self.outStart = outStart
        self.outTargets = outTargets
        self.inStart = inStart
        self.inSources = inSources
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
