/// Deterministic `exp` and `log` from IEEE-754 operations only, so the draws (and thus the
/// bytes of a synthetic dataset) do not depend on the platform's libm.
enum SynthMath {
    static let ln2 = 0.693_147_180_559_945_309_417_232_121_458

    /// e^x to about 1e-15 relative error.
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 700 { return .infinity }
        if x < -700 { return 0 }
        let k = (x / ln2).rounded()
        let r = x - k * ln2                       // |r| <= 0.35
        var term = 1.0, sum = 1.0
        for i in 1...14 {
            term *= r / Double(i)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(k), significand: 1.0)
    }

    /// Natural logarithm for x > 0 (−∞ for 0 and negative input).
    static func log(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x.isInfinite && x > 0 ? x : -.infinity }
        var e = Int(x.exponent)
        var m = x.significand                     // [1, 2)
        if m > 1.414_213_562_373_095 { m *= 0.5; e += 1 }
        let s = (m - 1) / (m + 1)                 // |s| <= 0.172
        let s2 = s * s
        var term = s, sum = 0.0, k = 1.0
        for _ in 0..<10 {
            sum += term / k
            term *= s2
            k += 2
        }
        return 2 * sum + Double(e) * ln2
    }
}
