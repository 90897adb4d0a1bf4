import Testing
@testable import FraudModel

/// `CSVFields.split` scans eight bytes at a time; it must cut exactly where a byte-by-byte
/// split does, at every offset and length, and refuse the same lines for too many fields.
@Suite("CSVFields")
struct CSVFieldsTests {
    /// The plain definition: fields are the runs between separators, one more than there are
    /// separators; nil if that is more than `limit`.
    static func reference(_ line: [UInt8], _ sep: UInt8, limit: Int) -> [Range<Int>]? {
        var fields: [Range<Int>] = []
        var start = 0
        for (i, b) in line.enumerated() where b == sep {
            fields.append(start..<i)
            start = i + 1
        }
        fields.append(start..<line.count)
        return fields.count <= limit ? fields : nil
    }

    @Test func cutsWhereAByteByByteSplitCuts() {
        var rng = SplitMix64(seed: 42)
        let alphabet: [UInt8] = Array(",;|\t0123456789ab ".utf8) + [0x80, 0xFF, 0x00, 0xAC]
        for limit in [1, 3, 8, 512] {
            var fields = CSVFields(limit: limit)
            for _ in 0..<3_000 {
                let n = Int(rng.next() % 41)
                let line = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
                for sep in Array(",;|\t".utf8) {
                    let ok = line.withUnsafeBufferPointer { fields.split($0, separator: sep) }
                    let expected = Self.reference(line, sep, limit: limit)
                    #expect(ok == (expected != nil), "\(line) sep \(sep) limit \(limit)")
                    guard let expected, ok else { continue }
                    let got = (0..<fields.count).map { fields.starts[$0]..<fields.ends[$0] }
                    #expect(got == expected, "\(line) sep \(sep)")
                }
            }
        }
    }

    @Test func separatorsAtEveryPositionOfAWord() {
        var fields = CSVFields()
        for at in 0..<20 {
            var line = Array(repeating: UInt8(ascii: "7"), count: 20)
            line[at] = UInt8(ascii: ",")
            let ok = line.withUnsafeBufferPointer { fields.split($0, separator: 0x2C) }
            #expect(ok && fields.count == 2)
            #expect(fields.ends[0] == at && fields.starts[1] == at + 1 && fields.ends[1] == 20)
        }
    }
}
