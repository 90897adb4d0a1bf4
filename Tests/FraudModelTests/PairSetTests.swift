import Testing
@testable import FraudModel

@Suite("PairSet")
struct PairSetTests {
    private static func set(_ pairs: [(NumberID, NumberID)]) -> PairSet {
        var s = PairSet(capacity: 16)
        for (a, b) in pairs { s.insert(a, b) }
        return s
    }

    private static func expected(_ pairs: [(NumberID, NumberID)]) -> [UInt64] {
        Array(Set(pairs.map { UInt64($0.0) << 32 | UInt64($0.1) })).sorted()
    }

    @Test func sortedKeysAreEveryPairOnceAscending() {
        var rng = SplitMix64(seed: 11)
        // Ids spread over the whole range, crowded into a few, and all one caller: buckets of
        // every size, one of them holding everything.
        let shapes: [(UInt64) -> (NumberID, NumberID)] = [
            { (NumberID(truncatingIfNeeded: $0 >> 40), NumberID(truncatingIfNeeded: $0 & 0xFFFF)) },
            { (NumberID(truncatingIfNeeded: $0 % 7), NumberID(truncatingIfNeeded: ($0 >> 8) % 50_000)) },
            { _ in (0, 0) },
            { (NumberID.max, NumberID(truncatingIfNeeded: $0 >> 48)) },
        ]
        for shape in shapes {
            for n in [0, 1, 2, 1_500, 40_000] {
                let pairs = (0..<n).map { _ in shape(rng.next()) }
                #expect(Self.set(pairs).sortedKeys == Self.expected(pairs))
            }
        }
    }

    @Test func aSetMadeFromItsKeysHasTheSameKeys() {
        var rng = SplitMix64(seed: 12)
        let pairs = (0..<20_000).map { _ in (NumberID(truncatingIfNeeded: rng.next() % 3_000), NumberID(truncatingIfNeeded: rng.next() % 3_000)) }
        let keys = Self.set(pairs).sortedKeys
        #expect(PairSet(keys: keys).sortedKeys == keys)
        #expect(keys.count == Self.set(pairs).count)
    }
}
