import Dispatch

/// Runs `body(c)` for every chunk c in 0..<count, on all cores.
///
/// Each call must write only to memory that belongs to its chunk; callers then combine the
/// chunks' results in chunk order, so results do not depend on scheduling. The wrapper exists
/// because `concurrentPerform` wants a `@Sendable` closure and our chunk bodies capture
/// unsafe buffer pointers whose disjoint use we guarantee by construction.
///
/// - Parameters:
///   - count: Number of chunks.
///   - body: The work of one chunk.
func parallelChunks(_ count: Int, _ body: (Int) -> Void) {
    if count <= 1 {
        for c in 0..<count { body(c) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let box = UncheckedSendableBox(body)
        DispatchQueue.concurrentPerform(iterations: count) { box.value($0) }
    }
}

/// A value we promise is used without data races (see ``parallelChunks(_:_:)``).
private struct UncheckedSendableBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// `0..<count` cut into at most `parts` contiguous ranges of about equal length, in order
/// (none for an empty count). The analysis gives each thread one range of number ids; every
/// thread writes only the entries of its own ids, so the result does not depend on how many
/// ranges there are.
///
/// - Complexity: O(parts).
func evenRanges(_ count: Int, parts: Int) -> [Range<Int>] {
    let k = max(1, min(parts, count))
    guard count > 0 else { return [] }
    return (0..<k).map { i in count * i / k ..< count * (i + 1) / k }
}

/// Runs `body(range)` for each of ``evenRanges(_:parts:)`` of `count` on its own thread (on
/// this one when there is a single range).
func parallelRanges(_ count: Int, parts: Int, _ body: (Range<Int>) -> Void) {
    let ranges = evenRanges(count, parts: parts)
    parallelChunks(ranges.count) { body(ranges[$0]) }
}

/// Items `0..<offsets.count - 1` cut into `parts` contiguous ranges (as many as ``evenRanges``
/// gives for that count, some possibly empty) of about equal weight, item i weighing
/// `offsets[i + 1] - offsets[i]` (`offsets` ascending: bucket starts). For work that grows with
/// each item's bucket; any cut gives the same result, this one the same time per thread.
///
/// - Complexity: O(parts × log items).
func balancedRanges(_ offsets: UnsafeBufferPointer<UInt32>, parts: Int) -> [Range<Int>] {
    let n = offsets.count - 1
    guard n > 0 else { return [] }
    let k = max(1, min(parts, n))
    let first = Int(offsets[0]), total = Int(offsets[n]) - first
    var ranges: [Range<Int>] = []
    var lo = 0
    for j in 1..<k {
        let target = first + total * j / k
        var a = lo, b = n                                    // first item from lo at or past target
        while a < b {
            let m = (a + b) / 2
            if Int(offsets[m]) < target { a = m + 1 } else { b = m }
        }
        ranges.append(lo..<a)
        lo = a
    }
    ranges.append(lo..<n)
    return ranges
}
