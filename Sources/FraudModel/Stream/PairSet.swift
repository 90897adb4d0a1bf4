/// A set of ordered number pairs, open addressing over `[UInt64]`: the stream's way of
/// counting distinct peers as calls arrive (batch sorts the pairs instead). The slots are on
/// huge pages: a month of 200,000 subscribers holds 10–20 M pairs, 256 MB of slots probed at
/// random, and with 4 KiB pages nearly every probe also missed the TLB.
struct PairSet: Sendable {
    private(set) var slots: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = HugePages.array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Stored keys are pair + 1, so that 0 can mean an empty slot.
    @inline(__always) static func key(_ a: NumberID, _ b: NumberID) -> UInt64 { (UInt64(a) << 32 | UInt64(b)) &+ 1 }

    /// Inserts (a, b); true if it was not there.
    ///
    /// - Complexity: Amortised O(1).
    @discardableResult
    mutating func insert(_ a: NumberID, _ b: NumberID) -> Bool {
        let k = Self.key(a, b)
        var s = Int(truncatingIfNeeded: NumberTable.mix(k)) & mask
        while true {
            let v = slots[s]
            if v == k { return false }
            if v == 0 { break }
            s = (s + 1) & mask
        }
        slots[s] = k
        count += 1
        if count * 2 > slots.count { rehash(keeping: { _ in true }, size: slots.count * 2) }
        return true
    }

    /// The first slot (a, b) probes: loading it early brings the pair's cache line in.
    @inline(__always)
    func slot(_ a: NumberID, _ b: NumberID) -> UInt64 {
        slots[Int(truncatingIfNeeded: NumberTable.mix(Self.key(a, b))) & mask]
    }

    /// Whether (a, b) is in the set. An empty set answers without hashing: the generation
    /// before is empty for a stream's first 30 days, and each call asks it up to five times.
    func contains(_ a: NumberID, _ b: NumberID) -> Bool {
        if count == 0 { return false }
        let k = Self.key(a, b)
        var s = Int(truncatingIfNeeded: NumberTable.mix(k)) & mask
        while true {
            let v = slots[s]
            if v == k { return true }
            if v == 0 { return false }
            s = (s + 1) & mask
        }
    }

    /// Keeps only the pairs for which `keep(a, b)` holds (used to forget expired numbers).
    mutating func filter(_ keep: (NumberID, NumberID) -> Bool) {
        rehash(keeping: { k in
            let p = k &- 1
            return keep(NumberID(truncatingIfNeeded: p >> 32), NumberID(truncatingIfNeeded: p))
        }, size: slots.count)
    }

    /// A set of the pairs of `keys`, each `a << 32 | b` (as ``sortedKeys`` gives them).
    init(keys: [UInt64]) {
        self.init(capacity: max(1 << 10, keys.count))
        for k in keys { insert(NumberID(k >> 32), NumberID(truncatingIfNeeded: k)) }
    }

    /// Every pair as `a << 32 | b`, ascending: an order that depends on the pairs, not on the
    /// table's growth history (a checkpoint's bytes, the lists a recount builds).
    ///
    /// The keys are placed straight from the slots into one array of exactly `count`, bucket by
    /// bucket of their leading 8 bits, and each bucket is then radix-sorted on its own (tens of
    /// millions on a long stream: not a comparison sort). Gathered and sorted whole, they were
    /// held twice over, and more while the gathering array doubled: 60 MB of a save at the end
    /// of the 200k week.
    ///
    /// - Complexity: O(slots + count), with one bucket's keys of extra space.
    var sortedKeys: [UInt64] {
        guard count > 0 else { return [] }
        var top: UInt64 = 0
        for v in slots where v != 0 { top |= v &- 1 }
        let shift = UInt64(max(0, (64 - top.leadingZeroBitCount) - 8))
        var start = [Int](repeating: 0, count: 257)
        for v in slots where v != 0 { start[Int((v &- 1) >> shift) + 1] += 1 }
        for b in 0..<256 { start[b + 1] += start[b] }
        var next = start
        var keys = [UInt64](repeating: 0, count: count)
        for v in slots where v != 0 {
            let k = v &- 1, b = Int(k >> shift)
            keys[next[b]] = k
            next[b] += 1
        }
        var bucket: [UInt64] = []
        for b in 0..<256 where start[b + 1] - start[b] > 1 {
            let range = start[b]..<start[b + 1]
            bucket.removeAll(keepingCapacity: true)
            bucket.append(contentsOf: keys[range])
            radixSort(&bucket)
            keys.replaceSubrange(range, with: bucket)
        }
        return keys
    }

    /// Every pair, in slot order.
    var pairs: [(NumberID, NumberID)] {
        slots.filter { $0 != 0 }.map { k in let p = k &- 1; return (NumberID(truncatingIfNeeded: p >> 32), NumberID(truncatingIfNeeded: p)) }
    }

    private mutating func rehash(keeping keep: (UInt64) -> Bool, size: Int) {
        let old = slots
        slots = HugePages.array(repeating: 0, count: size)
        mask = size - 1
        count = 0
        for k in old where k != 0 && keep(k) {
            var s = Int(truncatingIfNeeded: NumberTable.mix(k)) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = k
            count += 1
        }
    }
}
