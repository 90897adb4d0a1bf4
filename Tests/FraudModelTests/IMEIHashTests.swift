import Testing
@testable import FraudModel

@Suite("IMEI hash")
struct IMEIHashTests {
    func hash(_ s: String) -> UInt64 {
        let builder = CallLogBuilder(options: InputOptions())
        var b = Array(s.utf8)
        return b.withUnsafeMutableBufferPointer { builder.imeiHash(UnsafeBufferPointer($0)) }
    }

    /// The word-at-a-time path (no spaces) gives the byte-wise path's hash (a space anywhere
    /// sends a field there, and spaces are ignored), at every length around the word size.
    @Test func wordsGiveTheByteWiseHash() {
        let digits = Array("35391110172805412345678901")
        for n in 1...digits.count {
            let plain = String(digits[0..<n])
            #expect(hash(plain) == hash(" " + plain), "\(n)")
            #expect(hash(plain) == hash(String(digits[0..<(n + 1) / 2]) + " " + String(digits[(n + 1) / 2..<n])), "\(n)")
            #expect(hash(plain) != 0)
        }
        #expect(hash("353911101728054") != hash("353911101728055"))
        #expect(hash("  ") == 0)
        #expect(hash("") == 0)
    }
}
