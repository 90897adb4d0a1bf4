import Foundation
import Testing
@testable import FraudModel

/// `AlignedArray`: 64-byte aligned storage that copies on write.
@Suite("AlignedArray")
struct AlignedArrayTests {
    /// A copy shares the storage until one side writes: the other keeps its values.
    @Test func copiesOnWrite() {
        var a = AlignedArray<Int>()
        for i in 0..<100 { a.append(i) }
        var b = a
        b[3] = -1
        b.append(100)
        #expect(Array(a) == Array(0..<100))
        #expect(b.count == 101 && b[3] == -1 && b[100] == 100)
        a.withUnsafeBytes { #expect(Int(bitPattern: $0.baseAddress) % 64 == 0) }
    }
}
