/// Many small growing lists of `UInt32` in one pool (singly linked, newest first), with their
/// heads in an array: a number's long-call partners, appended to only on long calls (the lists
/// appended to on every call keep their heads in `StreamNumber`; see `ListPool`). Lists are
/// read only on rare events (a number becoming suspect or a ring contact).
struct LinkedLists: Sendable {
    private(set) var head: [UInt32] = []     // per list: index of its newest entry, or .max
    private var pool = ListPool()

    /// Number of lists.
    var count: Int { head.count }

    /// Adds empty lists up to `n`.
    mutating func grow(to n: Int) {
        if head.count < n { head.append(contentsOf: repeatElement(ListPool.end, count: n - head.count)) }
    }

    /// Adds `v` to list `i`.
    @inline(__always)
    mutating func append(_ i: Int, _ v: UInt32) { pool.push(v, onto: &head[i]) }

    /// Calls `body` with each value of list `i`, newest first.
    @inline(__always)
    func forEach(_ i: Int, _ body: (UInt32) -> Void) { pool.forEach(from: head[i], body) }

    /// The values of list `i`, oldest first.
    func values(_ i: Int) -> [UInt32] { pool.values(from: head[i]) }

    /// Empties list `i` (its entries are reclaimed by the next `compact`).
    mutating func clear(_ i: Int) { head[i] = ListPool.end }

    /// Rebuilds the pool keeping the entries for which `keep(list, value)` holds, in order.
    ///
    /// - Complexity: O(entries).
    mutating func compact(_ keep: (Int, UInt32) -> Bool) {
        self = LinkedLists((0..<head.count).map { i in values(i).filter { keep(i, $0) } })
    }

    /// Lists from arrays (each oldest first).
    init(_ lists: [[UInt32]] = []) {
        (pool, head) = ListPool.make(lists)
    }
}
