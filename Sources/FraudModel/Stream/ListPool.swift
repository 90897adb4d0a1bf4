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
        let owner = Self.listOfEachEntry(links: next, heads: heads).list
        return FlatLists(count: heads.count) { add in
            for k in owner.indices where owner[k] != .max { add(Int(owner[k]), value[k]) }
        }
    }

    /// Per entry, the list whose head reaches it (its index in `heads`), or `.max` for none,
    /// and whether some entry is reached from two lists (never so in a pool built by `push`).
    /// One pass back over the entries hands each entry's list on to the entry it links to.
    ///
    /// - Precondition: every link points to an earlier entry or is `end`, every head is an
    ///   entry or `end`.
    static func listOfEachEntry(links: [UInt32], heads: [UInt32]) -> (list: [UInt32], shared: Bool) {
        var list = [UInt32](repeating: .max, count: links.count), shared = false
        for (i, h) in heads.enumerated() where h != end {
            if list[Int(h)] != .max { shared = true }
            list[Int(h)] = UInt32(i)
        }
        for k in stride(from: links.count - 1, through: 0, by: -1) where list[k] != .max && links[k] != end {
            if list[Int(links[k])] != .max { shared = true }
            list[Int(links[k])] = list[k]
        }
        return (list, shared)
    }

    /// Writes the pool as it is, entry by entry (values, then links), for a checkpoint: the
    /// restored pool is this one, so nothing is listed or copied to save it (listing a 200k
    /// week's peers and long-call partners took 44 MB at the end of a stream).
    func encode(_ w: inout BinaryWriter) {
        w.write(array: value)
        w.write(array: next)
    }

    /// Reads the pool ``encode(_:)`` wrote, given the heads of its lists, with the list of
    /// each entry (``listOfEachEntry(links:heads:)``); nil unless every value passes `valid`,
    /// every link points to an earlier entry (so every walk ends), every head is an entry or
    /// `end`, and no entry is in two lists.
    ///
    /// - Complexity: O(lists + entries).
    static func decode(_ r: inout BinaryReader, heads: [UInt32], valid: (UInt32) -> Bool)
        throws(BinaryReader.Truncated) -> (pool: ListPool, listOfEntry: [UInt32])? {
        let values = try r.readArray(UInt32.self), links = try r.readArray(UInt32.self)
        guard links.count == values.count, values.allSatisfy(valid),
              links.indices.allSatisfy({ links[$0] == end || Int(links[$0]) < $0 }),
              heads.allSatisfy({ $0 == end || Int($0) < values.count })
        else { return nil }
        let (list, shared) = listOfEachEntry(links: links, heads: heads)
        guard !shared else { return nil }
        var pool = ListPool()
        pool.value = values
        pool.next = links
        return (pool, list)
    }

    /// A pool holding `lists` (each oldest first), list after list; `heads[i]` is list i's.
    static func make(_ lists: [[UInt32]]) -> (pool: ListPool, heads: [UInt32]) {
        var pool = ListPool()
        var heads = [UInt32](repeating: end, count: lists.count)
        for (i, l) in lists.enumerated() { for v in l { pool.push(v, onto: &heads[i]) } }
        return (pool, heads)
    }
}
