/// The entries of many singly linked lists of `UInt32` (newest first) in one pool, the heads
/// kept by the owner: the stream keeps a number's list heads in its `StreamNumber`, beside the
/// rest of what a call touches, instead of in an array of their own (a cache miss per party).
/// Appending allocates nothing per list, which matters at a million calls a second.
struct ListPool: Sendable {
    /// The head of an empty list.
    static let end: UInt32 = .max

    private var value: [UInt32] = []
    private var next: [UInt32] = []

    /// Adds `v` to the list whose head is `head`.
    @inline(__always)
    mutating func push(_ v: UInt32, onto head: inout UInt32) {
        value.append(v)
        next.append(head)
        head = UInt32(value.count - 1)
    }

    /// Calls `body` with each value of the list starting at `head`, newest first.
    @inline(__always)
    func forEach(from head: UInt32, _ body: (UInt32) -> Void) {
        var k = head
        while k != Self.end { body(value[Int(k)]); k = next[Int(k)] }
    }

    /// The values of the list starting at `head`, oldest first.
    func values(from head: UInt32) -> [UInt32] {
        var out: [UInt32] = []
        forEach(from: head) { out.append($0) }
        return out.reversed()
    }

    /// Every entry's value, in the order pushed.
    var entries: [UInt32] { value }

    /// The lists starting at `heads` (list `i` at `heads[i]`), each oldest first as
    /// ``values(from:)`` gives it. One pass back over the entries hands each entry's owner on
    /// to the entry it links to (links point back), one pass forward lists them: walking each
    /// list on its own jumped about the pool, a tenth of a stream run on the 200k week that
    /// saved a checkpoint. Entries no head reaches (cleared lists) are left out.
    ///
    /// - Complexity: O(lists + entries), both passes in order.
    func allLists(heads: [UInt32]) -> FlatLists {
        var owner = [UInt32](repeating: .max, count: value.count)
        for (i, h) in heads.enumerated() where h != Self.end { owner[Int(h)] = UInt32(i) }
        for k in stride(from: value.count - 1, through: 0, by: -1) where owner[k] != .max && next[k] != Self.end {
            owner[Int(next[k])] = owner[k]
        }
        return FlatLists(count: heads.count) { add in
            for k in owner.indices where owner[k] != .max { add(Int(owner[k]), value[k]) }
        }
    }

    /// A pool holding `lists` (each oldest first), list after list; `heads[i]` is list i's.
    static func make(_ lists: [[UInt32]]) -> (pool: ListPool, heads: [UInt32]) {
        var pool = ListPool()
        var heads = [UInt32](repeating: end, count: lists.count)
        for (i, l) in lists.enumerated() { for v in l { pool.push(v, onto: &heads[i]) } }
        return (pool, heads)
    }
}
