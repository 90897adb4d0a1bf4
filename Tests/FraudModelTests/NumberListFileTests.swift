import Testing
@testable import FraudModel

@Suite("NumberListFile")
struct NumberListFileTests {
    @Test func commentsBlanksAndLineNumbers() {
        let text = "# known fraud numbers\n\n +8613900000001 # from case 17\r\n0085512345678\nnot a number!\n\t\n"
        let e = NumberListFile.entries(Array(text.utf8), canonical: { PhoneNumber.canonical($0) })
        #expect(e.map(\.line) == [3, 4, 5])
        #expect(e.map(\.text) == ["+8613900000001", "0085512345678", "not a number!"])
        #expect(e.map(\.canonical) == ["13900000001", "+85512345678", nil])
    }

    @Test func emptyFileHasNoEntries() {
        #expect(NumberListFile.entries([], canonical: { PhoneNumber.canonical($0) }).isEmpty)
    }

    @Test func aByteOrderMarkIsSkipped() {
        let e = NumberListFile.entries([0xEF, 0xBB, 0xBF] + Array("+8613900000001\r\n95588\r\n".utf8), canonical: { PhoneNumber.canonical($0) })
        #expect(e.map(\.text) == ["+8613900000001", "95588"])
        #expect(e.map(\.canonical) == ["13900000001", "95588"])
    }
}
