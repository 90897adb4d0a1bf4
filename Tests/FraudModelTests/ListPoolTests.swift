import Foundation
import Testing
@testable import FraudModel

/// `ListPool`: many singly linked lists of values in one pool.
@Suite("ListPool")
struct ListPoolTests {
    /// Lists in one pool keep their own values, newest first; `make` rebuilds them.
    @Test func listsShareAPool() {
        var pool = ListPool()
        var x = ListPool.end, y = ListPool.end
        pool.push(1, onto: &x); pool.push(10, onto: &y); pool.push(2, onto: &x)
        #expect(pool.values(from: x) == [1, 2])
        #expect(pool.values(from: y) == [10])
        #expect(pool.values(from: ListPool.end).isEmpty)
        let (made, heads) = ListPool.make([[1, 2], [], [10]])
        #expect(heads.map { made.values(from: $0) } == [[1, 2], [], [10]])
    }

    /// All lists at once read as each alone; entries of a list begun again (its head reset,
    /// as an expired number's) are no list's.
    @Test func allListsAtOnceAreEachListAlone() {
        var pool = ListPool()
        var rng = SplitMix64(seed: 9)
        var heads = [UInt32](repeating: ListPool.end, count: 40)
        for step in 0..<2_000 {
            let i = Int(rng.next() % 40)
            if step % 97 == 0 { heads[i] = ListPool.end }               // begun again
            pool.push(UInt32(truncatingIfNeeded: rng.next() % 1_000), onto: &heads[i])
        }
        let all = pool.allLists(heads: heads)
        #expect(all.count == heads.count)
        #expect(heads.indices.allSatisfy { Array(all[$0]) == pool.values(from: heads[$0]) })
        #expect(all.values.count < 2_000)                             // the reset lists' entries are gone
    }
}
