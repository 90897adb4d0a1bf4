import Testing
@testable import FraudModel

@Suite("PhoneNumber")
struct PhoneNumberTests {
    @Test(arguments: ["13912345678", "8613912345678", "+8613912345678", "008613912345678", " 139-1234-5678 ", "+86 139 1234 5678"])
    func domesticMobileFormatsAreOneSubscriber(_ raw: String) {
        #expect(PhoneNumber.canonical(raw) == "13912345678")
    }

    @Test func internationalNumbersKeepTheirCountryCode() {
        #expect(PhoneNumber.canonical("+85512345678") == "+85512345678")
        #expect(PhoneNumber.canonical("0085512345678") == "+85512345678")
        #expect(PhoneNumber.canonical("+60123456789") == "+60123456789")
    }

    @Test func serviceAndFixedLines() {
        #expect(PhoneNumber.canonical("95588") == "95588")
        #expect(PhoneNumber.canonical("+8695588") == "95588")
        #expect(PhoneNumber.canonical("10086") == "10086")
        #expect(PhoneNumber.canonical("057188001234") == "057188001234")
        #expect(PhoneNumber.canonical("+8657188001234") == "057188001234")
        #expect(PhoneNumber.canonical("8657188001234") == "057188001234")
    }

    @Test func hashedIdentifiersPassThroughCaseFolded() {
        let hex = String(repeating: "A3f9", count: 32)
        #expect(PhoneNumber.canonical(hex) == hex.lowercased())
        #expect(PhoneNumber.canonical("user_Abc-1") == "user_Abc-1")
    }

    @Test func junkIsRejectedWithAReason() {
        var out: [UInt8] = []
        func problem(_ s: String) -> PhoneNumber.Problem? {
            var b = Array(s.utf8)
            let r = b.withUnsafeMutableBufferPointer { PhoneNumber.canonicalize(UnsafeBufferPointer($0), into: &out) }
            if case .failure(let p) = r { return p }
            return nil
        }
        #expect(problem("") == .empty)
        #expect(problem("   ") == .empty)
        #expect(problem("139\u{01}123") == .badCharacter(1))
        #expect(problem("+abc") == .badCharacter(0x2B))
        #expect(problem("---") == .noDigits)
        #expect(problem(String(repeating: "1", count: 300)) == .tooLong(300))
        #expect(problem("139,1") == .badCharacter(0x2C))
    }
}
