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

    /// An export's placeholder for a withheld number is no number: read as one, every
    /// withheld call was one caller's, ringing thousands of strangers, and it was listed as
    /// a subscriber to warn.
    @Test(arguments: ["anonymous", "Anonymous", " UNKNOWN ", "private", "Restricted", "withheld", "NULL", "na", "N/A",
                      "0", "00000000000", "+0", "000-0000", "+8600000000000", "8600000000000", "008600000000000",
                      "0086 0000", "+86 000"])
    func aWithheldNumberIsNoNumber(_ raw: String) {
        var out: [UInt8] = []
        var bytes = Array(raw.utf8)
        let r = bytes.withUnsafeMutableBufferPointer { PhoneNumber.canonicalize(UnsafeBufferPointer($0), into: &out) }
        let packed = bytes.withUnsafeMutableBufferPointer { PhoneNumber.packedCanonical(UnsafeBufferPointer($0)) }
        #expect(packed == nil)
        if raw == "N/A" {
            #expect(r == .failure(.badCharacter(0x2F)))                  // no number either way
        } else {
            #expect(r == .failure(.withheld), "\(raw)")
        }
    }

    /// A list, labels file or `explain` given a placeholder says what it is.
    @Test func whyATextIsNoNumber() {
        #expect(PhoneNumber.notANumber("Anonymous") == "'Anonymous' stands for a withheld number, not a number")
        #expect(PhoneNumber.notANumber("000") == "'000' stands for a withheld number, not a number")
        #expect(PhoneNumber.notANumber("N/A") == "'N/A' is not a phone number or identifier")
        #expect(PhoneNumber.notANumber(String(repeating: "x,", count: 30)).hasPrefix("'" + String(repeating: "x,", count: 20) + "' is"))
    }

    /// Identifiers that only contain a placeholder word, and numbers with zeros, are kept.
    @Test func wordsAndZerosInsideANumberAreKept() {
        #expect(PhoneNumber.canonical("unknown_7") == "unknown_7")
        #expect(PhoneNumber.canonical("anonymous1") == "anonymous1")
        #expect(PhoneNumber.canonical("nana") == "nana")
        #expect(PhoneNumber.canonical("10000") == "10000")
        #expect(PhoneNumber.canonical("000000001") == "+0000001")
        #expect(PhoneNumber.canonical("0571-0000000") == "05710000000")
    }

    /// Eight digits are read as one word: every byte that is not a digit, at every place of
    /// the word, declines the field, and digits give their value.
    @Test func eightDigitsAtOnce() {
        func word(_ s: String) -> UInt64 {
            var w: UInt64 = 0
            for (j, b) in s.utf8.enumerated() { w |= UInt64(b) << (8 * UInt64(j)) }
            return w
        }
        #expect(PhoneNumber.eightDigits(word("13912345")) == 13_912_345)
        #expect(PhoneNumber.eightDigits(word("00000000")) == 0)
        #expect(PhoneNumber.eightDigits(word("99999999")) == 99_999_999)
        #expect(PhoneNumber.eightDigits(word("01234567")) == 1_234_567)
        for bad: UInt8 in [0x00, 0x20, 0x2B, 0x2F, 0x3A, 0x3F, 0x40, 0x61, 0xB0, 0xB5, 0xF9, 0xFF] {
            for j in 0..<8 {
                var w = word("55555555")
                w = (w & ~(0xFF << (8 * UInt64(j)))) | UInt64(bad) << (8 * UInt64(j))
                #expect(PhoneNumber.eightDigits(w) == nil, "\(bad) at \(j)")
                var field = Array("86139123456".utf8)
                if j < field.count { field[j] = bad }
                let packed = field.withUnsafeBufferPointer { PhoneNumber.packedCanonical($0) }
                #expect(packed == nil || (j == 0 && bad == 0x2B), "\(bad) at \(j)")
            }
        }
    }

    /// The reader skips canonicalisation for fields that `packedCanonical` accepts; that is
    /// only right if it packs to the key of exactly the text `canonicalize` writes.
    @Test func packedCanonicalAgreesWithCanonicalize() {
        var fields = ["0", "00", "000", "001", "1", "95588", "13912345678", "8613912345678", "861391234567",
                      "86139123456", "86139123456789", "057188001234", "8657188001234", "99999999999999999",
                      "123456789012345678", "+8613912345678", "+86", "+860", "+8695588", "+8657188001234",
                      "+85512345678", "0085512345678", "008613912345678", "+", "++1", "1+", " 13912345678",
                      "139-1234", "", "9999999999999999999", "99999999999999999999", "+0", "+1234567890123456789"]
        var rng = SplitMix64(seed: 7)
        let lead = ["", "0", "00", "86", "1", "9", "+", "+86", "0086", "+0"]
        for _ in 0..<20_000 {
            var s = lead[Int(rng.next() % UInt64(lead.count))]
            for _ in 0..<Int(rng.next() % 22) { s += String(rng.next() % 10) }
            fields.append(s)
        }
        var packed = 0
        for f in fields {
            var bytes = Array(f.utf8)
            let fast = bytes.withUnsafeMutableBufferPointer { PhoneNumber.packedCanonical(UnsafeBufferPointer($0)) }
            var out: [UInt8] = []
            let result = bytes.withUnsafeMutableBufferPointer { PhoneNumber.canonicalize(UnsafeBufferPointer($0), into: &out) }
            guard let fast else {
                // Declined: only for other characters, or forms too long to pack.
                if case .success = result, f.allSatisfy({ $0.isNumber || $0 == "+" }), f.first != "+" || f.dropFirst().allSatisfy(\.isNumber) {
                    #expect(f.filter(\.isNumber).count > 19 || out.count - (out.first == 0x2B ? 1 : 0) > 17, "\(f) declined")
                }
                continue
            }
            packed += 1
            #expect(result == .success(fast.kind), "\(f)")
            let key = out.withUnsafeBufferPointer { NumberTable.key($0) }
            #expect(key.1 && key.0 == NumberTable.packedKey(value: fast.value, count: fast.count, plus: fast.plus),
                    "\(f) → \(String(decoding: out, as: UTF8.self))")
        }
        #expect(packed > 10_000)
    }

    /// The numbering rules written plainly on strings, as an oracle for the byte-level code.
    static func oracle(_ raw: String) -> String? {
        var t = Substring(raw)
        while let f = t.first, f == " " || f == "\t" { t.removeFirst() }
        while let l = t.last, l == " " || l == "\t" { t.removeLast() }
        guard !t.isEmpty, t.utf8.count <= PhoneNumber.maximumLength else { return nil }
        let plus = t.first == "+"
        let body = plus ? t.dropFirst() : t
        let separators: Set<Character> = ["-", " ", "(", ")", "."]
        if body.contains(where: { $0.isLetter || $0 == "_" }) {
            guard !PhoneNumber.withheldWords.contains(body.lowercased()) else { return nil }
            guard !plus, body.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || ($0 != " " && $0 != "\t" && separators.contains($0))) }) else { return nil }
            return body.filter({ $0.isLetter || $0 == "_" }).allSatisfy(\.isHexDigit) ? body.lowercased() : String(body)
        }
        guard body.allSatisfy({ ("0"..."9").contains($0) || separators.contains($0) }) else { return nil }
        var d = body.filter { ("0"..."9").contains($0) }
        guard !d.isEmpty else { return nil }
        func national(_ n: String) -> String {
            guard let f = n.first, f != "0", f != "1", !(f == "9" && n.count <= 8) else { return n }
            return "0" + n
        }
        func international(_ n: String) -> String {
            n.count > 2 && n.hasPrefix("86") ? national(String(n.dropFirst(2))) : "+" + n
        }
        var canonical = d
        if plus {
            canonical = international(d)
        } else if d.count > 2 && d.hasPrefix("00") {
            d.removeFirst(2)
            canonical = international(d)
        } else if (12...13).contains(d.count) && d.hasPrefix("86") {
            canonical = national(String(d.dropFirst(2)))
        }
        // All zeros once the country code is dropped: a withheld number's placeholder.
        return canonical.contains(where: { ("1"..."9").contains($0) }) ? canonical : nil
    }

    @Test func canonicalizeFollowsTheRulesOnRandomNumbers() {
        var rng = SplitMix64(seed: 99)
        let pieces = ["+", "86", "0", "00", "1", "9", "5", "-", " ", "(", ")", ".", "12", "345", "8", "6", "a", "F", "_", "#"]
        for _ in 0..<20_000 {
            let n = 1 + Int(rng.next() % 9)
            let raw = (0..<n).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(PhoneNumber.canonical(raw) == Self.oracle(raw), "\(raw)")
        }
    }
}
