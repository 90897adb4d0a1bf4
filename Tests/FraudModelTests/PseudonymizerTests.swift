import Testing
@testable import FraudModel

@Suite("Pseudonymizer")
struct PseudonymizerTests {
    static let key = Array("0123456789abcdef0123456789abcdef".utf8)

    @Test func formatIsPrefixAnd16HexDigitsOfTheHMAC() throws {
        let p = try Pseudonymizer(key: Self.key)
        let full = hex(HMACSHA256(key: Self.key).authenticationCode(for: Array("13912345678".utf8)))
        #expect(p("13912345678") == "p:" + full.prefix(16))
        #expect(Pseudonymizer.isPseudonym(p("13912345678")))
        #expect(!Pseudonymizer.isPseudonym("13912345678"))
    }

    @Test func sameKeySameNameDifferentKeyDifferentName() throws {
        let a = try Pseudonymizer(key: Self.key), b = try Pseudonymizer(key: Self.key)
        var other = Self.key
        other[0] ^= 1
        let c = try Pseudonymizer(key: other)
        #expect(a("13912345678") == b("13912345678"))
        #expect(a("13912345678") != c("13912345678"))
        #expect(a("13912345678") != a("13912345679"))
    }

    @Test func shortKeysAreRefused() {
        #expect(throws: Pseudonymizer.KeyError.tooShort(15)) { try Pseudonymizer(key: [UInt8](repeating: 7, count: 15)) }
        #expect(throws: Never.self) { try Pseudonymizer(key: [UInt8](repeating: 7, count: 16)) }
    }

    @Test func offLeavesNumbersAlone() {
        #expect(Pseudonymizer.off("13912345678") == "13912345678")
        #expect(!Pseudonymizer.off.isOn)
    }

    @Test func warningsSuspectsAndExplanationsAreAllCovered() throws {
        let p = try Pseudonymizer(key: Self.key)
        let w = Warning(tier: .visit, subscriber: "13900000001", score: 0.9, region: "330102", reasons: [],
                        suspects: ["+85512345678", "17012345678"], firstContact: 0, lastContact: 0, suspectTalk: 0, bankCalls: 0)
        var out: [UInt8] = []
        WarningFormat.csv.append(w, offset: 0, pseudonymizer: p, to: &out)
        WarningFormat.jsonl.append(w, offset: 0, pseudonymizer: p, to: &out)
        let text = String(decoding: out, as: UTF8.self)
        for raw in ["13900000001", "85512345678", "17012345678"] { #expect(!text.contains(raw)) }
        #expect(text.contains(p("13900000001")) && text.contains(p("+85512345678")))
        let s = SuspectNumber(number: "+85512345678", suspicion: 1, reasons: [], region: "", outCalls: 1, outDistinct: 1,
                              inDistinct: 0, activeDays: 1, ringContacts: 0)
        #expect(s.csvRow(p).hasPrefix(p("+85512345678") + ","))
        #expect(s.csvRow(.off).hasPrefix("+85512345678,"))
    }
}
