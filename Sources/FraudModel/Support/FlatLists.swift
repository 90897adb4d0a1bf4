/// Many lists of `UInt32` stored back to back (compressed sparse rows): list `i` is
/// `values[start[i]..<start[i + 1]]`. Built in two passes over the entries, counting each
/// list's length and then placing every entry, so memory is exactly the entries and one
/// offset per list: on a month of 200,000 subscribers the stream gathers 23 M peers this way,
/// where an array per number grown entry by entry cost seconds.
struct FlatLists: Sendable {
    /// Where each list begins in `values`; the last entry is the number of values.
    private(set) var start: [Int]
    /// Every list's values, list after list, each in the order its entries were given.
    private(set) var values: [UInt32]

    /// Number of lists.
    var count: Int { start.count - 1 }

    /// List `i`'s values.
    @inline(__always)
    subscript(i: Int) -> ArraySlice<UInt32> { values[start[i]..<start[i + 1]] }

    /// `count` lists from the entries `entries` gives: it is called twice, and must call its
    /// argument, `add(list, value)`, with the same entries in the same order both times.
    ///
    /// - Complexity: O(count + entries), twice the cost of producing the entries.
    @inline(__always)
    init(count n: Int, entries: ((_ list: Int, _ value: UInt32) -> Void) -> Void) {
        var start = [Int](repeating: 0, count: n + 1)
        entries { list, _ in start[list + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var next = Array(start.dropLast())
        var values = [UInt32](repeating: 0, count: start[n])
        entries { list, value in
            values[next[list]] = value
            next[list] += 1
        }
        self.start = start
        self.values = values
    }
}
