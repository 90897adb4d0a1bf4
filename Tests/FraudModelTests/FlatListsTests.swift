import Testing
@testable import FraudModel

/// Lists laid out back to back from entries given twice: each list holds its entries in the
/// order given, empty lists take no room, and the offsets add up.
@Suite("FlatLists")
struct FlatListsTests {
    @Test func eachListHoldsItsEntriesInTheOrderGiven() {
        let entries: [(Int, UInt32)] = [(2, 20), (0, 1), (2, 21), (0, 2), (4, 40), (2, 22)]
        let lists = FlatLists(count: 5) { add in for (i, v) in entries { add(i, v) } }
        #expect(lists.count == 5)
        #expect(lists.start == [0, 2, 2, 5, 5, 6])
        #expect(lists.values == [1, 2, 20, 21, 22, 40])
        #expect(Array(lists[0]) == [1, 2] && lists[1].isEmpty && Array(lists[2]) == [20, 21, 22])
        #expect(lists[3].isEmpty && Array(lists[4]) == [40])
    }

    @Test func noEntriesMakeEmptyLists() {
        let none = FlatLists(count: 3) { _ in }
        #expect(none.count == 3 && none.start == [0, 0, 0, 0] && none.values.isEmpty)
        let zero = FlatLists(count: 0) { _ in }
        #expect(zero.count == 0 && zero.values.isEmpty)
    }

    @Test func matchesListsGrownOneByOne() {
        var rng = SystemRandomNumberGenerator()
        let n = 50
        let entries = (0..<2_000).map { _ in (Int.random(in: 0..<n, using: &rng), UInt32.random(in: 0...1_000, using: &rng)) }
        var grown = [[UInt32]](repeating: [], count: n)
        for (i, v) in entries { grown[i].append(v) }
        let lists = FlatLists(count: n) { add in for (i, v) in entries { add(i, v) } }
        #expect((0..<n).map { Array(lists[$0]) } == grown)
    }
}
