import Testing
@testable import FraudModel

@Suite("RadixSort")
struct RadixSortTests {
    private static func random(_ count: Int, seed: UInt64, _ shape: (UInt64) -> UInt64 = { $0 }) -> [UInt64] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in shape(rng.next()) }
    }

    private static func check(_ keys: [UInt64], sourceLocation: SourceLocation = #_sourceLocation) {
        var sorted = keys
        radixSort(&sorted)
        #expect(sorted == keys.sorted(), sourceLocation: sourceLocation)
    }

    @Test func emptyAndSingle() {
        var empty: [UInt64] = []
        radixSort(&empty)
        #expect(empty.isEmpty)
        var one: [UInt64] = [.max]
        radixSort(&one)
        #expect(one == [.max])
    }

    @Test func smallHandWritten() {
        var keys: [UInt64] = [3, 1 << 63, 0, .max, 2, 1 << 16, 65_535, 1 << 32, 2]
        radixSort(&keys)
        #expect(keys == [0, 2, 2, 3, 65_535, 1 << 16, 1 << 32, 1 << 63, .max])
    }

    @Test func randomFullWidthKeys() {
        Self.check(Self.random(5_000, seed: 1))
        Self.check(Self.random(2, seed: 2))
        Self.check(Self.random(3, seed: 3))
    }

    @Test func keysThatDifferOnlyInHighBits() {
        // Only the last pass does any work; the first three are skipped.
        Self.check(Self.random(3_000, seed: 4) { $0 & 0xFFFF_0000_0000_0000 | 0x1234 })
        // Two working passes, one skipped between them (bits 0–15 and 32–47).
        Self.check(Self.random(3_000, seed: 5) { $0 & 0x0000_FFFF_0000_FFFF })
        // One working pass in the middle: the result ends in the scratch buffer and is swapped back.
        Self.check(Self.random(3_000, seed: 6) { $0 & 0x0000_0000_FFFF_0000 | 0xABCD_0000_0000_0000 })
        // Three working passes (odd again), the top one skipped.
        Self.check(Self.random(3_000, seed: 7) { $0 & 0x0000_FFFF_FFFF_FFFF })
    }

    @Test func pairKeysLikeTheGraphBuildsThem() {
        // caller << 32 | callee over a few hundred ids, with many duplicates.
        Self.check(Self.random(4_000, seed: 8) { ((($0 >> 40) % 300) << 32) | ($0 % 300) })
    }

    @Test func allEqualKeys() {
        var keys = [UInt64](repeating: 0xDEAD_BEEF_0BAD_F00D, count: 1_000)
        radixSort(&keys)
        #expect(keys == [UInt64](repeating: 0xDEAD_BEEF_0BAD_F00D, count: 1_000))
        Self.check([UInt64](repeating: 0, count: 10) + [1] + [UInt64](repeating: 0, count: 10))
    }
}
