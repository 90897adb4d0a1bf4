import Testing
@testable import FraudModel

/// Every HMAC-SHA-256 test case of RFC 4231 §4.
@Suite("HMACSHA256")
struct HMACSHA256Tests {
    private func mac(_ key: [UInt8], _ data: [UInt8]) -> String {
        hex(HMACSHA256(key: key).authenticationCode(for: data))
    }

    @Test func case1() {
        #expect(mac([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func case2KeyShorterThanOutput() {
        #expect(mac(Array("Jefe".utf8), Array("what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func case3CombinedLengthOver64() {
        #expect(mac([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50))
                == "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    @Test func case4() {
        #expect(mac(Array(1...25), [UInt8](repeating: 0xcd, count: 50))
                == "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
    }

    @Test func case5TruncatedTo128Bits() {
        let full = HMACSHA256(key: [UInt8](repeating: 0x0c, count: 20)).authenticationCode(for: Array("Test With Truncation".utf8))
        #expect(hex(Array(full.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test func case6KeyLargerThanBlock() {
        #expect(mac([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func case7KeyAndDataLargerThanBlock() {
        let data = "This is a test using a larger than block-size key and a larger than block-size data. "
            + "The key needs to be hashed before being used by the HMAC algorithm."
        #expect(mac([UInt8](repeating: 0xaa, count: 131), Array(data.utf8))
                == "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    @Test func oneKeyManyMessages() {
        let m = HMACSHA256(key: Array("Jefe".utf8))
        _ = m.authenticationCode(for: Array("something else".utf8))
        #expect(hex(m.authenticationCode(for: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
