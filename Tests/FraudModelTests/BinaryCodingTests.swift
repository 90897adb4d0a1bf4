import Testing
@testable import FraudModel

/// The checkpoint writer and reader: the bytes do not depend on the writer's chunk size, the
/// seal is the CRC-32 of all before it, and the reader reads back what was written.
@Suite("Binary coding")
struct BinaryCodingTests {
    /// Integers, a float, arrays (one longer than several chunks) and strings, then the seal.
    static func writeSample(_ w: inout BinaryWriter) {
        w.write(UInt8(7)); w.write(UInt32(0xDEAD_BEEF)); w.write(Int64(-5)); w.write(Float(2.5))
        w.write(array: (0..<100).map { UInt16($0 * 3) })
        w.write(string: "fraud-score")
        w.write(array: [UInt64]())
        w.write(string: "")
        w.writeChecksum()
    }

    /// The pieces the writer hands on, the sample written and finished.
    static func written(chunkSize: Int) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var w = BinaryWriter(chunkSize: chunkSize) { pieces.append(Array($0)) }
        writeSample(&w)
        w.finish()
        return pieces
    }

    @Test func theBytesDoNotDependOnTheChunkSize() {
        let one = Self.written(chunkSize: 1 << 24)
        #expect(one.count == 1)
        for size in [1, 3, 7, 64, 211] {
            let pieces = Self.written(chunkSize: size)
            #expect(Array(pieces.joined()) == Array(one.joined()), "chunk size \(size)")
            #expect(pieces.allSatisfy { !$0.isEmpty && $0.count <= size }, "chunk size \(size)")
            #expect(pieces.dropLast().allSatisfy { $0.count == size }, "chunk size \(size)")
        }
    }

    @Test func aChunkIsHandedOnAsSoonAsItIsFull() {
        for size in [1, 7, 64] {
            var pieces: [[UInt8]] = []
            var w = BinaryWriter(chunkSize: size) { pieces.append(Array($0)) }
            w.write(array: [UInt8](repeating: 9, count: 3 * size))
            // Every full chunk of the count's eight bytes and the array went out; the rest
            // is kept until `finish()`.
            let rest = (8 + 3 * size) % size
            #expect(pieces.reduce(0) { $0 + $1.count } == 8 + 3 * size - rest, "chunk size \(size)")
            w.finish()
            #expect(pieces.reduce(0) { $0 + $1.count } == 8 + 3 * size, "chunk size \(size)")
        }
    }

    @Test func theSealIsTheChecksumOfAllBefore() {
        let bytes = Array(Self.written(chunkSize: 5).joined())
        #expect(BinaryReader.checksumHolds(bytes))
        let body = Array(bytes.dropLast(4))
        #expect(bytes.suffix(4).elementsEqual(withUnsafeBytes(of: CRC32.checksum(body).littleEndian) { Array($0) }))
        var damaged = bytes
        damaged[10] ^= 1
        #expect(!BinaryReader.checksumHolds(damaged))
    }

    @Test func theReaderReadsBackWhatWasWritten() throws {
        var r = BinaryReader(Array(Self.written(chunkSize: 3).joined()))
        #expect(try r.read(UInt8.self) == 7)
        #expect(try r.read(UInt32.self) == 0xDEAD_BEEF)
        #expect(try r.read(Int64.self) == -5)
        #expect(try r.read(UInt32.self) == Float(2.5).bitPattern)
        #expect(try r.readArray(UInt16.self) == (0..<100).map { UInt16($0 * 3) })
        #expect(try r.readString() == "fraud-score")
        #expect(try r.readArray(UInt64.self).isEmpty)
        #expect(try r.readString() == "")
        _ = try r.read(UInt32.self)
        #expect(r.isAtEnd)
    }
}

extension BinaryCodingTests {
    /// Bytes that are not UTF-8 come back as written, framed as a string is (a `String` of
    /// them would have replaced them: two region codes so became one in a checkpoint).
    @Test func bytesThatAreNotTextComeBackAsWritten() throws {
        let odd: [UInt8] = [0xCD, 0xCC, 0xCF, 0xC5, 0x30], other: [UInt8] = [0xCD, 0xCC, 0xCF, 0xC6, 0x30]
        #expect(String(decoding: odd, as: UTF8.self) == String(decoding: other, as: UTF8.self))
        var bytes: [UInt8] = []
        var w = BinaryWriter { bytes.append(contentsOf: $0) }
        odd.withUnsafeBufferPointer { w.write(bytes: $0) }
        other.withUnsafeBufferPointer { w.write(bytes: $0) }
        w.write(string: "330102")
        w.finish()
        var r = BinaryReader(bytes)
        #expect(try r.readBytes() == odd)
        #expect(try r.readBytes() == other)
        #expect(try r.readString() == "330102")
        #expect(r.isAtEnd)
    }
}
