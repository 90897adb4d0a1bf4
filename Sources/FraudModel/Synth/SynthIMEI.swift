/// Handset identities: 15-digit IMEIs (8-digit TAC, 6-digit serial, Luhn check digit)
/// derived from a number's IMEI key and a device variant, so they are stable per device.
enum SynthIMEI {
    static let tacs: [UInt64] = [86_012_345, 35_391_110, 86_754_203, 35_328_511, 86_891_204,
                                 35_467_809, 86_950_405, 35_203_711, 86_413_205, 35_917_406,
                                 86_720_604, 35_841_209]

    /// Writes the 15 digits at `p` and returns the position after them.
    @inline(__always)
    static func write(key: UInt32, variant: UInt8, to buf: UnsafeMutableBufferPointer<UInt8>, at p: Int) -> Int {
        let h = SplitMix64.mix(UInt64(key) << 3 | UInt64(variant) ^ 0x1E1_0000_0000)
        var body = tacs[Int(h % UInt64(tacs.count))] * 1_000_000 + (h >> 20) % 1_000_000   // 14 digits
        var sum: UInt64 = 0
        var double = true
        var i = p + 13
        while i >= p {
            let d = body % 10
            body /= 10
            buf[i] = UInt8(0x30 + d)
            let v = double ? d * 2 : d
            sum += v > 9 ? v - 9 : v
            double.toggle()
            i -= 1
        }
        buf[p + 14] = UInt8(0x30 + (10 - sum % 10) % 10)
        return p + 15
    }
}
