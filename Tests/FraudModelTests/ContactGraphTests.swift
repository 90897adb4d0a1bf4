import Testing
@testable import FraudModel

@Suite("ContactGraph")
struct ContactGraphTests {
    /// Calls given as (caller, callee) pairs; time and duration do not matter to the graph.
    private static func graph(_ pairs: [(NumberID, NumberID)], numbers: Int) -> ContactGraph {
        let records = pairs.enumerated().map {
            CallRecord(time: UInt32($0.offset), caller: $0.element.0, callee: $0.element.1, duration: 0)
        }
        return ContactGraph(records: CallRecords(records), numberCount: numbers)
    }

    private static func outTargets(_ g: ContactGraph, _ a: Int) -> [UInt32] {
        Array(g.outTargets[Int(g.outStart[a])..<Int(g.outStart[a + 1])])
    }

    private static func inSources(_ g: ContactGraph, _ b: Int) -> [UInt32] {
        Array(g.inSources[Int(g.inStart[b])..<Int(g.inStart[b + 1])])
    }

    private static func peers(_ g: ContactGraph, _ a: Int) -> [UInt32] {
        var seen: [UInt32] = []
        g.forEachPeer(a) { seen.append($0) }
        return seen
    }

    // 0 calls 1 (three times), 2 and 4; 1 and 3 call 0; 2 calls 4; 5 never appears.
    private static let small = graph([(0, 1), (3, 0), (0, 1), (0, 2), (1, 0), (2, 4), (0, 1), (0, 4)], numbers: 6)

    @Test func distinctOutAndInPeersWithDuplicatesCollapsed() {
        let g = Self.small
        #expect(g.outDegree(0) == 3)                          // 1, 2, 4; the repeated 0→1 once
        #expect(Self.outTargets(g, 0) == [1, 2, 4])
        #expect(g.inDegree(0) == 2)                           // 1 and 3
        #expect(Self.inSources(g, 0) == [1, 3])
        #expect(g.inDegree(1) == 1)                           // only 0, however often it called
        #expect(Self.inSources(g, 4) == [0, 2])
        #expect(g.outDegree(4) == 0)
        #expect(g.outDegree(5) == 0 && g.inDegree(5) == 0)
        #expect(g.outTargets.count == 6)                      // distinct pairs in the whole log
    }

    @Test func calledIsDirectional() {
        let g = Self.small
        #expect(g.called(0, 1))
        #expect(g.called(1, 0))
        #expect(g.called(3, 0))
        #expect(!g.called(0, 3))                              // 3 called 0, not the reverse
        #expect(!g.called(4, 0))
        #expect(!g.called(2, 0))
        #expect(!g.called(5, 0))
        #expect(!g.called(0, 5))
    }

    @Test func forEachPeerVisitsEachPeerOnce() {
        let g = Self.small
        // 1 both called 0 and was called by it: visited once, as an out-peer.
        #expect(Self.peers(g, 0) == [1, 2, 4, 3])
        #expect(Self.peers(g, 1) == [0])
        #expect(Self.peers(g, 4) == [0, 2])
        #expect(Self.peers(g, 5).isEmpty)
    }

    @Test func selfCallIsOnePeer() {
        let g = Self.graph([(2, 2), (2, 2), (2, 0)], numbers: 3)
        #expect(g.outDegree(2) == 2 && g.inDegree(2) == 1)
        #expect(Self.peers(g, 2) == [0, 2])
    }

    @Test func emptyLog() {
        let g = Self.graph([], numbers: 3)
        #expect(g.outStart == [0, 0, 0, 0] && g.inStart == [0, 0, 0, 0])
        #expect(Self.peers(g, 1).isEmpty)
        #expect(!g.called(0, 1))
    }

    @Test func randomGraphMatchesSetModel() {
        var rng = SplitMix64(seed: 42)
        let n = 60
        var pairs: [(NumberID, NumberID)] = []
        for _ in 0..<1_500 {                                  // dense enough for many repeats
            pairs.append((NumberID(rng.next() % UInt64(n)), NumberID(rng.next() % UInt64(n))))
        }
        let g = Self.graph(pairs, numbers: n)
        var outs = [Set<UInt32>](repeating: [], count: n), ins = [Set<UInt32>](repeating: [], count: n)
        for (a, b) in pairs { outs[Int(a)].insert(b); ins[Int(b)].insert(a) }
        #expect((0..<n).map { Self.outTargets(g, $0) } == outs.map { $0.sorted() })
        #expect((0..<n).map { Self.inSources(g, $0) } == ins.map { $0.sorted() })
        let visited = (0..<n).map { Self.peers(g, $0) }
        #expect(visited.map(\.count) == visited.map { Set($0).count })            // nobody twice
        #expect(visited.map { Set($0) } == (0..<n).map { outs[$0].union(ins[$0]) })
        let wrong = (0..<n).flatMap { a in
            (0..<n).filter { g.called(a, UInt32($0)) != outs[a].contains(UInt32($0)) }.map { "\(a)→\($0)" }
        }
        #expect(wrong.isEmpty)
        for a in 0..<n { #expect(g.reciprocated(a) == outs[a].filter { ins[a].contains($0) }.count) }
        let records = pairs.enumerated().map { CallRecord(time: UInt32($0.offset), caller: $0.element.0, callee: $0.element.1, duration: 0) }
        // Any thread count, and records split into runs (as a parallel read leaves them).
        let runs = CallRecords(runs: [Array(records[..<(records.count / 3)]), Array(records[(records.count / 3)...])])
        for (threads, split) in [(2, false), (3, false), (7, false), (1, true), (2, true), (3, true)] {
            let h = ContactGraph(records: split ? runs : CallRecords(records), numberCount: n, threads: threads)
            #expect(h.outStart == g.outStart && h.outTargets == g.outTargets)
            #expect(h.inStart == g.inStart && h.inSources == g.inSources)
        }
        // Past the bucket limit the graph is built a range of callers at a time: the same
        // graph for any limit (1: a range per caller; 3000: one range), with or without the
        // calls per caller given.
        var calls = [UInt32](repeating: 0, count: n)
        for (a, _) in pairs { calls[Int(a)] += 1 }
        for (limit, threads) in [(1, 1), (7, 2), (40, 3), (200, 2), (3_000, 1)] {
            for given in [true, false] {
                let h = ContactGraph(records: runs, numberCount: n, threads: threads,
                                     callsBy: given ? { calls } : nil, maximumBucket: min(limit, records.count - 1))
                #expect(h.outStart == g.outStart && h.outTargets == g.outTargets, "limit \(limit)")
                #expect(h.inStart == g.inStart && h.inSources == g.inSources, "limit \(limit)")
            }
        }
    }
}
