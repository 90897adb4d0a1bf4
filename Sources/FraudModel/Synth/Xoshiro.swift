/// xoshiro256** (Blackman & Vigna): the generator behind every random draw of the synthetic
/// data. Hand-written so the output is bit-identical on every platform; the system RNG is
/// never used.
struct Xoshiro {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// An independent stream for one entity (`stream` names the purpose, `index` the entity),
    /// so that what one entity draws never depends on how many draws another made.
    init(seed: UInt64, stream: UInt64, index: Int = 0) {
        let key = SplitMix64.mix(stream &* 0xD1B5_4A32_D192_ED03 ^ SplitMix64.mix(UInt64(truncatingIfNeeded: index)))
        self.init(seed: SplitMix64.mix(seed) ^ key)
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
