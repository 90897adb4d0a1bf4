/// Distributions drawn from ``Xoshiro``, using only IEEE arithmetic and ``SynthMath``.
extension Xoshiro {
    /// Uniform in `0..<n` (`n` > 0), Lemire's multiply-high method.
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(max(n, 1))).high)
    }

    /// Uniform in `lo...hi`.
    @inline(__always)
    mutating func int(_ lo: Int, _ hi: Int) -> Int { hi <= lo ? lo : lo + below(hi - lo + 1) }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Standard normal (Marsaglia's polar method; sqrt is correctly rounded everywhere).
    mutating func normal() -> Double {
        while true {
            let u = 2 * unit() - 1, v = 2 * unit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * SynthMath.log(s) / s).squareRoot() }
        }
    }

    /// Log-normal with the given median and shape.
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * SynthMath.exp(sigma * normal())
    }

    /// A log-normal duration in whole seconds, clamped to `lo...hi`.
    mutating func seconds(median: Double, sigma: Double, _ lo: Int, _ hi: Int) -> Int {
        let x = logNormal(median: median, sigma: sigma)
        if x < Double(lo) { return lo }
        if x > Double(hi) { return hi }
        return Int(x)
    }

    /// Poisson count (Knuth's method for small means, a normal approximation above 30).
    mutating func poisson(_ mean: Double) -> Int {
        if mean <= 0 { return 0 }
        if mean > 30 { return max(0, Int((mean + mean.squareRoot() * normal()).rounded())) }
        let limit = SynthMath.exp(-mean)
        var k = 0
        var p = unit()
        while p > limit { k += 1; p *= unit() }
        return k
    }
}
