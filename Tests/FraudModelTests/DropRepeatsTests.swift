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

    /// Two copies kept: enough to tell a busy day (two calls made) in a long period's late days.
    @Test func keepsEachValueAtMostTwiceWhenAsked() {
        var v: [UInt32] = [1, 1, 1, 2, 3, 3, 9, 9, 9, 9]
        let kept = v.withUnsafeMutableBufferPointer { dropRepeats($0, keeping: 2) }
        #expect(Array(v[..<kept]) == [1, 1, 2, 3, 3, 9, 9])
    }
}
