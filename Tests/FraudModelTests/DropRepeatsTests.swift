import Testing
@testable import FraudModel

@Suite("dropRepeats")
struct DropRepeatsTests {
    private func distinct(_ values: [UInt32]) -> [UInt32] {
        var v = values
        let kept = v.withUnsafeMutableBufferPointer { dropRepeats($0) }
        return Array(v[..<kept])
    }

    @Test func keepsEachValueOnceInOrder() {
        #expect(distinct([]) == [])
        #expect(distinct([7]) == [7])
        #expect(distinct([1, 1, 1]) == [1])
        #expect(distinct([1, 2, 2, 3, 9, 9, 9, 10]) == [1, 2, 3, 9, 10])
        #expect(distinct([0, 4, 8]) == [0, 4, 8])
    }
}
