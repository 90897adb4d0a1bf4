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

    /// Builds the graph over `numberCount` numbers.
    ///
    /// - Complexity: O(records) with a radix sort of the pairs.
    init(records: [CallRecord], numberCount: Int) {
        var pairs = [UInt64](repeating: 0, count: records.count)
        records.withUnsafeBufferPointer { r in
            pairs.withUnsafeMutableBufferPointer { p in
                for i in 0..<r.count { p[i] = UInt64(r[i].caller) << 32 | UInt64(r[i].callee) }
            }
        }
        radixSort(&pairs)
        var outStart = [UInt32](repeating: 0, count: numberCount + 1)
        var outTargets: [UInt32] = []
        outTargets.reserveCapacity(pairs.count / 2)
        var inCount = [UInt32](repeating: 0, count: numberCount + 1)
        var last: UInt64 = .max
        for p in pairs where p != last {
            last = p
            let a = Int(p >> 32), b = UInt32(truncatingIfNeeded: p)
            outStart[a + 1] += 1
            outTargets.append(b)
            inCount[Int(b) + 1] += 1
        }
        pairs = []
        for i in 0..<numberCount { outStart[i + 1] += outStart[i]; inCount[i + 1] += inCount[i] }
        let inStart = inCount
        var fill = inCount
        var inSources = [UInt32](repeating: 0, count: outTargets.count)
        for a in 0..<numberCount {
            for e in Int(outStart[a])..<Int(outStart[a + 1]) {
                let b = Int(outTargets[e])
                inSources[Int(fill[b])] = UInt32(a)
                fill[b] += 1
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

    /// Calls `body` once for every distinct peer of `a` (called it, or was called by it).
    func forEachPeer(_ a: Int, _ body: (UInt32) -> Void) {
        for e in Int(outStart[a])..<Int(outStart[a + 1]) { body(outTargets[e]) }
        for e in Int(inStart[a])..<Int(inStart[a + 1]) {
            let s = inSources[e]
            if !called(a, s) { body(s) }                // already visited as an out-peer
        }
    }
}
