#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal numbers from bytes, without going through `String` on the common path.
enum NumberParsing {
    private static let powers: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// Parses `[-+]digits[.digits][e[-+]digits]` (surrounding blanks and quotes allowed).
    ///
    /// Up to 15 significant digits with a decimal exponent within ±22 are exact by the classic
    /// fast path (one correctly rounded multiplication or division of two exact doubles);
    /// anything else falls back to `Double(String)`, which is correctly rounded.
    ///
    /// - Parameter field: The cell's bytes.
    /// - Returns: The value, or nil when the cell is not a number (or is empty).
    static func decimal(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        var start = 0, end = field.count
        while start < end, field[start] == 0x20 || field[start] == 0x09 || field[start] == 0x22 { start += 1 }
        while end > start, field[end - 1] == 0x20 || field[end - 1] == 0x09 || field[end - 1] == 0x22 { end -= 1 }
        guard start < end else { return nil }
        var i = start
        var negative = false
        if field[i] == 0x2D || field[i] == 0x2B { negative = field[i] == 0x2D; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, scale = 0, seen = false
        while i < end, field[i] >= 0x30 && field[i] <= 0x39 {
            if digits < 19 { mantissa = mantissa * 10 + UInt64(field[i] - 0x30); if mantissa > 0 { digits += 1 } } else { scale += 1 }
            seen = true; i += 1
        }
        if i < end, field[i] == 0x2E {
            i += 1
            while i < end, field[i] >= 0x30 && field[i] <= 0x39 {
                if digits < 19 { mantissa = mantissa * 10 + UInt64(field[i] - 0x30); if mantissa > 0 { digits += 1 }; scale -= 1 }
                seen = true; i += 1
            }
        }
        guard seen else { return nil }
        var exponent = 0
        if i < end, field[i] == 0x65 || field[i] == 0x45 {
            i += 1
            var negativeExponent = false
            if i < end, field[i] == 0x2D || field[i] == 0x2B { negativeExponent = field[i] == 0x2D; i += 1 }
            var any = false
            while i < end, field[i] >= 0x30 && field[i] <= 0x39 {
                exponent = min(exponent * 10 + Int(field[i] - 0x30), 100_000); any = true; i += 1
            }
            guard any else { return nil }
            if negativeExponent { exponent = -exponent }
        }
        guard i == end else { return nil }
        let e = scale + exponent
        var value: Double
        if digits <= 15 && abs(e) <= 22 {
            value = Double(mantissa)
            value = e >= 0 ? value * powers[e] : value / powers[-e]
        } else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: field[start..<end]), as: UTF8.self)
            guard let v = Double(text) else { return nil }
            return v
        }
        if negative { value = -value }
        return value
    }

    /// Whether a cell is empty or only blanks (or a placeholder such as `NA`, `null`).
    static func isBlank(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = String(decoding: field, as: UTF8.self).trimmingBlanks.lowercased()
        return text.isEmpty || text == "na" || text == "nan" || text == "null" || text == "none" || text == "\\n"
    }
}
