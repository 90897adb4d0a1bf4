/// The newest row of each pair of numbers in `StreamDuplicateFilter`'s window: a pair key
/// (`StreamDuplicateFilter.pairKey`) → a sequence number. Open addressing with linear probing
/// over two flat arrays, and deletion by shifting the run back (no tombstones), so a table
/// that sees millions of pairs come and go stays as short as the window. `[UInt64: Int]` cost
/// three hashes a row, 7% of a subscriber stream's time.
struct PairHeads: Sendable {
    /// No pair: `pairKey` puts the smaller id first, and ids stop below `UInt32.max`.
    private static let empty = UInt64.max
    private var keys: [UInt64]
    private var values: [Int]
    private var mask: Int
    /// Pairs held.
    private(set) var count = 0

    /// An empty table with room for `capacity` pairs before it grows (a power of two).
    init(capacity: Int = 1024) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: n)
        values = [Int](repeating: 0, count: n)
        mask = n - 1
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The value of `key`, or nil.
    @inline(__always)
    subscript(key: UInt64) -> Int? {
        var i = home(key)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    /// Sets the value of `key`.
    mutating func set(_ key: UInt64, _ value: Int) {
        var i = home(key)
        while true {
            let k = keys[i]
            if k == key { values[i] = value; return }
            if k == Self.empty { break }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = value
        count += 1
        if count * 2 > keys.count { grow() }
    }

    /// Removes `key` if its value is `value` (the pair's newest row is the one leaving).
    mutating func remove(_ key: UInt64, ifValue value: Int) {
        var i = home(key)
        while true {
            let k = keys[i]
            if k == Self.empty { return }
            if k == key { break }
            i = (i + 1) & mask
        }
        guard values[i] == value else { return }
        // Shift back the entries after the hole that may not stay past it.
        var hole = i, j = i
        while true {
            j = (j + 1) & mask
            let k = keys[j]
            if k == Self.empty { break }
            let h = home(k)
            // Moves back unless its home lies cyclically in (hole, j].
            if (j > hole) ? (h <= hole || h > j) : (h <= hole && h > j) {
                keys[hole] = k
                values[hole] = values[j]
                hole = j
            }
        }
        keys[hole] = Self.empty
        count -= 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: Self.empty, count: oldKeys.count * 2)
        values = [Int](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k != Self.empty { set(k, v) }
    }
}
