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
    /// Callees are bucketed by caller with a counting sort (4 bytes a call, no second
    /// buffer), then each caller's short list is sorted and de-duplicated in place; this
    /// holds a quarter of the memory of sorting 8-byte pairs with an equal buffer.
    ///
    /// - Complexity: O(records + Σ k log k) over each caller's k calls.
    init(records: [CallRecord], numberCount: Int) {
        var outStart = [UInt32](repeating: 0, count: numberCount + 1)
        var callees = [UInt32](repeating: 0, count: records.count)
        var inCount = [UInt32](repeating: 0, count: numberCount + 1)
        var distinct = 0
        records.withUnsafeBufferPointer { r in
            outStart.withUnsafeMutableBufferPointer { start in
                for c in r { start[Int(c.caller) + 1] += 1 }
                for i in 0..<numberCount { start[i + 1] += start[i] }
                var fill = Array(start.dropLast())
                callees.withUnsafeMutableBufferPointer { out in
                    fill.withUnsafeMutableBufferPointer { f in
                        for c in r { let a = Int(c.caller); out[Int(f[a])] = c.callee; f[a] += 1 }
                    }
                    // Sort each caller's callees, keep the distinct ones, packed to the front.
                    inCount.withUnsafeMutableBufferPointer { inC in
                        var lo = 0
                        for a in 0..<numberCount {
                            let hi = Int(start[a + 1])
                            let first = distinct
                            if hi > lo {
                                var run = UnsafeMutableBufferPointer(rebasing: out[lo..<hi])
                                run.sort()
                                var last = UInt32.max
                                for b in run where b != last {
                                    last = b
                                    out[distinct] = b
                                    distinct += 1
                                    inC[Int(b) + 1] += 1
                                }
                            }
                            start[a] = UInt32(first)
                            lo = hi
                        }
                        start[numberCount] = UInt32(distinct)
                    }
                }
            }
        }
        callees.removeLast(callees.count - distinct)
        let outTargets = callees
        for i in 0..<numberCount { inCount[i + 1] += inCount[i] }
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
