/// Many small growing lists of `UInt32` in one pool (singly linked, newest first), with their
/// heads in an array: a number's long-call partners, appended to only on long calls (the lists
/// appended to on every call keep their heads in `StreamNumber`; see `ListPool`). Lists are
/// read only on rare events (a number becoming suspect or a ring contact).
struct LinkedLists: Sendable {
    private(set) var head: [UInt32] = []     // per list: index of its newest entry, or .max
    private var pool = ListPool()
    /// Per entry, its list; per list, its first entry still in it (those before were cleared).
    /// With them every list is read in one pass over the entries in the order added
    /// (``allLists()``): on a month of 200,000 subscribers, walking each list's links, tens of
    /// millions of entries spread over the month, took 6.6 s of a generation roll.
    private var owner: [UInt32] = []
    private var since: [UInt32] = []

    /// Number of lists.
    var count: Int { head.count }

    /// Adds empty lists up to `n`.
    mutating func grow(to n: Int) {
        if head.count < n {
            head.append(contentsOf: repeatElement(ListPool.end, count: n - head.count))
            since.append(contentsOf: repeatElement(0, count: n - since.count))
        }
    }

    /// Adds `v` to list `i`.
    @inline(__always)
    mutating func append(_ i: Int, _ v: UInt32) {
        pool.push(v, onto: &head[i])
        owner.append(UInt32(i))
    }

    /// Calls `body` with each value of list `i`, newest first.
    @inline(__always)
    func forEach(_ i: Int, _ body: (UInt32) -> Void) { pool.forEach(from: head[i], body) }

    /// The values of list `i`, oldest first.
    func values(_ i: Int) -> [UInt32] { pool.values(from: head[i]) }

    /// Empties list `i` (its entries are reclaimed by the next `compact`).
    mutating func clear(_ i: Int) {
        head[i] = ListPool.end
        since[i] = UInt32(owner.count)
    }

    /// Every list (each oldest first, as ``values(_:)`` gives it), in one pass over the
    /// entries.
    ///
    /// - Complexity: O(lists + entries), the entries read in the order added.
    func allLists() -> FlatLists {
        let values = pool.entries
        return FlatLists(count: head.count) { add in
            for (k, o) in owner.enumerated() where UInt32(k) >= since[Int(o)] { add(Int(o), values[k]) }
        }
    }

    /// Rebuilds the pool keeping the entries for which `keep(list, value)` holds, in order.
    ///
    /// - Complexity: O(entries).
    mutating func compact(_ keep: (Int, UInt32) -> Bool) {
        let all = allLists()
        self = LinkedLists((0..<head.count).map { i in all[i].filter { keep(i, $0) } })
    }

    /// Writes the lists as they are held (heads, the pool, each entry's list, where each list
    /// begins), for a checkpoint: nothing is listed or copied to save them.
    func encode(_ w: inout BinaryWriter) {
        w.write(array: head)
        pool.encode(&w)
        w.write(array: owner)
        w.write(array: since)
    }

    /// The lists ``encode(_:)`` wrote; nil unless they are consistent: every entry is in the
    /// list `owner` names if it was added since that list was last cleared, and in no list
    /// otherwise, and `values` each pass `valid`.
    ///
    /// - Complexity: O(lists + entries).
    init?(decoding r: inout BinaryReader, valid: (UInt32) -> Bool) throws(BinaryReader.Truncated) {
        let head = try r.readArray(UInt32.self)
        guard let (pool, list) = try ListPool.decode(&r, heads: head, valid: valid) else { return nil }
        let owner = try r.readArray(UInt32.self), since = try r.readArray(UInt32.self)
        guard since.count == head.count, owner.count == list.count,
              owner.allSatisfy({ Int($0) < head.count }), since.allSatisfy({ Int($0) <= owner.count })
        else { return nil }
        // Every entry must be reached from its head exactly when it belongs to a list.
        guard owner.indices.allSatisfy({ k in
            list[k] == (UInt32(k) >= since[Int(owner[k])] ? owner[k] : .max)
        }) else { return nil }
        self.head = head
        self.pool = pool
        self.owner = owner
        self.since = since
    }

    /// Lists from arrays (each oldest first).
    init(_ lists: [[UInt32]] = []) {
        (pool, head) = ListPool.make(lists)
        owner.reserveCapacity(pool.entries.count)
        for (i, l) in lists.enumerated() { owner.append(contentsOf: repeatElement(UInt32(i), count: l.count)) }
        since = [UInt32](repeating: 0, count: lists.count)
    }
}
