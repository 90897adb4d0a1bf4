/// SplitMix64 (Steele, Lea & Flood 2014): seeds ``Xoshiro`` and mixes stream keys.
/// Pure 64-bit integer arithmetic, so it is identical on every platform.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A one-shot 64-bit mix of `x` (a good hash of an integer key).
    static func mix(_ x: UInt64) -> UInt64 {
        var s = SplitMix64(seed: x)
        return s.next()
    }
}
