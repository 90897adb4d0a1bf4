/// The entries of many singly linked lists of `UInt32` (newest first) in one pool, the heads
/// kept by the owner: the stream keeps a number's list heads in its `StreamNumber`, beside the
/// rest of what a call touches, instead of in an array of their own (a cache miss per party).
/// Appending allocates nothing per list, which matters at a million calls a second.
struct ListPool: Sendable {
    /// The head of an empty list.
    static let end: UInt32 = .max

    private var value: [UInt32] = []
    private var next: [UInt32] = []

    /// An empty pool.
    init() {}

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

    /// Writes the pool as it is, entry by entry (values, then links), for a checkpoint: the
    /// restored pool is this one, so nothing is listed or copied to save it (listing a 200k
    /// week's peers and long-call partners took 44 MB at the end of a stream).
    func encode(_ w: inout BinaryWriter) {
        w.write(array: value)
        w.write(array: next)
    }

    /// The pool ``encode(_:)`` wrote, with the heads of its lists; nil unless every link
    /// points to an earlier entry (so every walk ends), every head is an entry or `end`, and
    /// no entry is in two lists.
    ///
    /// - Complexity: O(lists + entries).
    init?(values: [UInt32], links: [UInt32], heads: [UInt32]) {
        guard links.count == values.count,
              links.indices.allSatisfy({ links[$0] == Self.end || Int(links[$0]) < $0 }),
              heads.allSatisfy({ $0 == Self.end || Int($0) < values.count })
        else { return nil }
        var reached = [Bool](repeating: false, count: values.count)
        for h in heads where h != Self.end {
            guard !reached[Int(h)] else { return nil }
            reached[Int(h)] = true
        }
        for k in stride(from: values.count - 1, through: 0, by: -1) where reached[k] && links[k] != Self.end {
            guard !reached[Int(links[k])] else { return nil }
            reached[Int(links[k])] = true
        }
        value = values
        next = links
    }

    /// A pool holding `lists` (each oldest first), list after list; `heads[i]` is list i's.
    static func make(_ lists: [[UInt32]]) -> (pool: ListPool, heads: [UInt32]) {
        var pool = ListPool()
        var heads = [UInt32](repeating: end, count: lists.count)
        for (i, l) in lists.enumerated() { for v in l { pool.push(v, onto: &heads[i]) } }
        return (pool, heads)
    }
}
