#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Short decimal literals for thresholds the tuning tool writes into rules files.
enum DecimalText {
    /// The decimal with the fewest significant digits whose value v satisfies lo < v ≤ hi, as
    /// rule-file text (no exponent unless the number is tiny or huge), so a cut-off between two
    /// observed values reads `0.42` rather than `0.41999731…`.
    ///
    /// - Parameters:
    ///   - lo: The value the cut must stay above (may be -infinity).
    ///   - hi: The value the cut must admit.
    /// - Returns: The text; parsing it gives a value in (lo, hi].
    static func shortest(above lo: Double, atMost hi: Double) -> String {
        precondition(hi.isFinite && lo < hi)
        if hi >= 0 && lo < 0 { return "0" }
        let magnitude = floor(log10(abs(hi)))
        for significant in 1...17 {
            let places = significant - 1 - Int(magnitude)
            guard abs(places) <= 22 else { break }
            let scale = pow(10.0, Double(abs(places)))
            let scaled = places >= 0 ? floor(hi * scale) : floor(hi / scale)
            guard abs(scaled) < 9e17 else { break }
            let text = format(Int64(scaled), places: places)
            if let v = Double(text), v > lo, v <= hi { return text }
        }
        return "\(hi)"
    }

    /// `mantissa × 10^-places` as plain decimal text.
    static func format(_ mantissa: Int64, places: Int) -> String {
        let sign = mantissa < 0 ? "-" : ""
        var digits = String(mantissa.magnitude)
        if places <= 0 { return sign + digits + String(repeating: "0", count: -places) }
        if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -places)
        var fraction = String(digits[split...])
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(digits[..<split]) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
