/// Many small growing lists of `UInt32` in one pool (singly linked, newest first): a
/// number's peers, long-call partners and recent calls. Appending allocates nothing per list,
/// which matters at a million calls a second; lists are read only on rare events (a number
/// becoming suspect or a ring contact).
struct LinkedLists: Sendable {
    private(set) var head: [UInt32] = []     // per list: index of its newest entry, or .max
    private var value: [UInt32] = []
    private var next: [UInt32] = []

    /// Number of lists.
    var count: Int { head.count }

    /// Adds empty lists up to `n`.
    mutating func grow(to n: Int) {
        if head.count < n { head.append(contentsOf: repeatElement(.max, count: n - head.count)) }
    }

    /// Adds `v` to list `i`.
    @inline(__always)
    mutating func append(_ i: Int, _ v: UInt32) {
        value.append(v)
        next.append(head[i])
        head[i] = UInt32(value.count - 1)
    }

    /// Calls `body` with each value of list `i`, newest first.
    @inline(__always)
    func forEach(_ i: Int, _ body: (UInt32) -> Void) {
        var k = head[i]
        while k != .max { body(value[Int(k)]); k = next[Int(k)] }
    }

    /// The values of list `i`, oldest first.
    func values(_ i: Int) -> [UInt32] {
        var out: [UInt32] = []
        forEach(i) { out.append($0) }
        return out.reversed()
    }

    /// Empties list `i` (its entries are reclaimed by the next `compact`).
    mutating func clear(_ i: Int) { head[i] = .max }

    /// Rebuilds the pool keeping the entries for which `keep(list, value)` holds, in order.
    ///
    /// - Complexity: O(entries).
    mutating func compact(_ keep: (Int, UInt32) -> Bool) {
        var lists: [[UInt32]] = []
        lists.reserveCapacity(head.count)
        for i in 0..<head.count { lists.append(values(i).filter { keep(i, $0) }) }
        self = LinkedLists(lists)
    }

    /// Lists from arrays (each oldest first).
    init(_ lists: [[UInt32]] = []) {
        grow(to: lists.count)
        for (i, l) in lists.enumerated() { for v in l { append(i, v) } }
    }
}
