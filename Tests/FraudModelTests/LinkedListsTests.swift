import Testing
@testable import FraudModel

/// The stream's long-call partner lists: read one by one through their links, or all at once
/// in the order the entries were added, with the same result.
@Suite("LinkedLists")
struct LinkedListsTests {
    /// Three lists grown in turn, one cleared midway and grown again, one never used.
    func sample() -> LinkedLists {
        var l = LinkedLists()
        l.grow(to: 4)
        l.append(0, 10); l.append(1, 20); l.append(0, 11); l.append(2, 30)
        l.append(1, 21); l.clear(1); l.append(0, 12); l.append(1, 22); l.append(2, 31)
        l.grow(to: 5)
        l.append(4, 40)
        return l
    }

    @Test func allListsAreEachListInOrder() {
        let l = sample()
        let all = l.allLists()
        #expect(all.count == l.count)
        for i in 0..<l.count { #expect(Array(all[i]) == l.values(i), "list \(i)") }
        #expect(l.values(0) == [10, 11, 12])
        #expect(l.values(1) == [22])                     // what came before the clear is gone
        #expect(l.values(3).isEmpty && l.values(4) == [40])
    }

    @Test func compactAndRebuiltListsKeepTheOrder() {
        var l = sample()
        l.compact { _, v in v % 2 == 0 }
        #expect((0..<l.count).map { l.values($0) } == [[10, 12], [22], [30], [], [40]])
        let rebuilt = LinkedLists([[1, 2], [], [3]])
        let all = rebuilt.allLists()
        #expect(all.start == [0, 2, 2, 3] && all.values == [1, 2, 3])
        var grown = rebuilt
        grown.clear(0)
        grown.append(0, 9)
        #expect(grown.allLists().values == [9, 3])
    }
}
