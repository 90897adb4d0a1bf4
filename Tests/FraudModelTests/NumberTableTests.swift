import Testing
@testable import FraudModel

@Suite("NumberTable")
struct NumberTableTests {
    func intern(_ t: inout NumberTable, _ s: String, _ kind: NumberKind = .domestic) -> NumberID {
        var b = Array(s.utf8)
        return b.withUnsafeMutableBufferPointer { t.intern(UnsafeBufferPointer($0), kind: kind) }
    }

    @Test func sameTextSameIDAndDenseIDs() {
        var t = NumberTable(capacity: 4)
        let a = intern(&t, "13912345678")
        let b = intern(&t, "+85512345678", .international)
        let c = intern(&t, String(repeating: "ab", count: 40), .opaque)
        #expect([a, b, c] == [0, 1, 2])
        #expect(intern(&t, "13912345678") == a)
        #expect(intern(&t, String(repeating: "ab", count: 40), .opaque) == c)
        #expect(t.text(b) == "+85512345678")
        #expect(t.kinds[Int(b)] == .international)
        #expect(t.lookup("13912345678") == a)
        #expect(t.lookup("13912345679") == nil)
    }

    @Test func leadingZerosAndPlusAreDistinct() {
        var t = NumberTable()
        let ids = ["0571", "571", "00571", "+571", "+0571"].map { intern(&t, $0) }
        #expect(Set(ids).count == 5)
        #expect(ids.map { t.text($0) } == ["0571", "571", "00571", "+571", "+0571"])
    }

    @Test func growsPastItsCapacityKeepingEveryID() {
        var t = NumberTable(capacity: 2)
        var ids: [NumberID] = []
        for i in 0..<50_000 { ids.append(intern(&t, String(13_900_000_000 + i))) }
        for i in stride(from: 0, to: 50_000, by: 997) { #expect(t.lookup(String(13_900_000_000 + i)) == ids[i]) }
        #expect(t.count == 50_000)
        for i in 0..<2_000 { _ = intern(&t, "h\(i)x", .opaque) }
        #expect(t.lookup("h1999x") == NumberID(51_999))
    }

    /// A packed key is interned without its bytes (the reader skips copying them); the text
    /// kept for it must be exactly the canonical text it was packed from.
    /// A number's hint stays with it as the table grows, and `internSlot` finds it again.
    @Test func hintsFollowTheirNumbersThroughGrowth() {
        var t = NumberTable(capacity: 2)
        var slots: [Int] = []
        for i in 0..<5_000 {
            let key = NumberTable.packedKey(value: UInt64(13_900_000_000 + i), count: 11, plus: false)
            let (id, slot) = t.internSlot(key: key, canonical: UnsafeBufferPointer(start: nil, count: 0), kind: .domestic)
            #expect(id == NumberID(i))
            #expect(t.hint(atSlot: slot) == 0)
            t.setHint(UInt32(i) * 2 + 1, atSlot: slot)
            slots.append(slot)
        }
        for i in stride(from: 0, to: 5_000, by: 7) {
            let key = NumberTable.packedKey(value: UInt64(13_900_000_000 + i), count: 11, plus: false)
            let (id, slot) = t.internSlot(key: key, canonical: UnsafeBufferPointer(start: nil, count: 0), kind: .domestic)
            #expect(id == NumberID(i))
            #expect(t.hint(atSlot: slot) == UInt32(i) * 2 + 1)
        }
        #expect(t.text(4_999) == "13900004999")
    }

    @Test func packedKeysKeepTheirTextWithoutTheBytes() {
        var t = NumberTable(capacity: 4)
        let texts = ["0", "00", "+0", "7", "0571", "+0571", "95588", "13912345678", "+85512345678",
                     "99999999999999999", "00000000000000000", "+10000000000000000"]
        for text in texts {
            var bytes = Array(text.utf8)
            let (key, packed) = bytes.withUnsafeMutableBufferPointer { NumberTable.key(UnsafeBufferPointer($0)) }
            #expect(packed, "\(text)")
            let id = t.intern(key: key, canonical: UnsafeBufferPointer(start: nil, count: 0), kind: .domestic)
            #expect(t.text(id) == text)
            #expect(t.lookup(text) == id)
        }
        #expect(t.count == texts.count)
    }
}
