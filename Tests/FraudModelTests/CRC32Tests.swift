import Testing
@testable import FraudModel

/// The checksum that seals stream checkpoints: the standard check values, and the eight-byte
/// path agreeing with a byte-at-a-time reference at every length and alignment.
@Suite("CRC32")
struct CRC32Tests {
    @Test func standardCheckValues() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        #expect(CRC32.checksum([]) == 0)
        // zlib.crc32(bytes(range(256)) * 4) in Python.
        #expect(CRC32.checksum((0..<1_024).map { UInt8($0 & 0xFF) }) == 0xB70B_4C26)
    }

    /// Bit by bit, as the polynomial defines it.
    static func reference(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ crc >> 1 : crc >> 1 }
        }
        return ~crc
    }

    @Test func everyLengthAndAlignmentAgreesWithTheReference() {
        var rng = SystemRandomNumberGenerator()
        let data = (0..<200).map { _ in UInt8.random(in: 0...255, using: &rng) }
        for start in 0..<9 {
            for end in start...data.count where (end - start) < 40 || end % 17 == 0 {
                let slice = data[start..<end]
                let fast = slice.withUnsafeBytes { CRC32.checksum($0) }
                #expect(fast == Self.reference(slice), "bytes \(start)..<\(end)")
            }
        }
    }

    @Test func aChecksumContinuesFromThePrevious() {
        let data = Array("fraud-score stream checkpoint".utf8)
        let first = data[..<11].withUnsafeBytes { CRC32.checksum($0) }
        let whole = data[11...].withUnsafeBytes { CRC32.checksum($0, previous: first) }
        #expect(whole == CRC32.checksum(data))
    }

    @Test func aFlippedBitChangesIt() {
        var data = (0..<4_096).map { UInt8($0 % 251) }
        let before = CRC32.checksum(data)
        data[2_000] ^= 0x10
        #expect(CRC32.checksum(data) != before)
    }
}
