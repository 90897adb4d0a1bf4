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

    private func encoded(_ write: (inout BinaryWriter) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        var w = BinaryWriter { out.append(contentsOf: $0) }
        write(&w)
        w.finish()
        return out
    }

    private func decoded(_ bytes: [UInt8], valid: (UInt32) -> Bool = { _ in true }) -> LinkedLists? {
        var r = BinaryReader(bytes)
        return try? LinkedLists(decoding: &r, valid: valid)
    }

    @Test func savedListsReadBackAsTheyWere() throws {
        let l = sample()
        let bytes = encoded { l.encode(&$0) }
        let back = try #require(decoded(bytes))
        #expect((0..<back.count).map { back.values($0) } == (0..<l.count).map { l.values($0) })
        #expect(back.allLists().values == l.allLists().values)
        #expect(encoded { back.encode(&$0) } == bytes)
    }

    /// Saved lists whose parts disagree are refused, even when every index is in range.
    @Test func inconsistentSavedListsAreRefused() {
        let end = ListPool.end
        // Two lists: 0 is [10, 11] (entries 0 and 2), 1 is [20] (entry 1).
        func raw(head: [UInt32] = [2, 1], values: [UInt32] = [10, 20, 11], links: [UInt32] = [end, end, 0],
                 owner: [UInt32] = [0, 1, 0], since: [UInt32] = [0, 0]) -> [UInt8] {
            encoded { w in
                w.write(array: head); w.write(array: values); w.write(array: links)
                w.write(array: owner); w.write(array: since)
            }
        }
        let fine = decoded(raw())
        #expect(fine.map { [$0.values(0), $0.values(1)] } == [[10, 11], [20]])
        #expect(decoded(raw(owner: [0, 0, 0])) == nil)             // entry 1 is list 1's
        #expect(decoded(raw(since: [0, 3])) == nil)                // list 1 cleared, yet it reaches entry 1
        #expect(decoded(raw(since: [0, 4])) == nil)                // cleared past the last entry
        #expect(decoded(raw(links: [end, end, 2])) == nil)         // a link to itself: a walk never ends
        #expect(decoded(raw(links: [1, end, 0])) == nil)           // a link forward
        #expect(decoded(raw(links: [end, end, 1])) == nil)         // entry 1 in both lists
        #expect(decoded(raw(head: [2, 2])) == nil)                 // two lists, one head
        #expect(decoded(raw(head: [5, 1])) == nil)                 // a head past the entries
        #expect(decoded(raw(owner: [0, 2, 0])) == nil)            // a list that does not exist
        #expect(decoded(raw(), valid: { $0 != 20 }) == nil)        // a value the caller refuses
        #expect(decoded(Array(raw().dropLast(2))) == nil)          // cut short
    }
}
