/// Little binary writer and reader for checkpoints: fixed-width integers and arrays of plain
/// values, each array prefixed by its count.
///
/// The writer makes its bytes in chunks of at most `chunkSize` (16 MB), each handed to `flush`
/// as soon as it is full: one array grown to a whole checkpoint (291 MB at the end of the 200k
/// week) was copied at every doubling, and held the old and the new buffer at the last one.
struct BinaryWriter {
    /// The chunk being filled.
    private var current: [UInt8] = []
    /// The CRC-32 of the chunks handed on so far.
    private var sealed: UInt32 = 0
    private let chunkSize: Int
    private let flush: (UnsafeRawBufferPointer) -> Void

    init(chunkSize: Int = 1 << 24, flush: @escaping (UnsafeRawBufferPointer) -> Void) {
        precondition(chunkSize > 0)
        self.chunkSize = chunkSize
        self.flush = flush
    }

    mutating func write<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { append($0) }
    }

    mutating func write(_ v: Float) { write(v.bitPattern) }

    mutating func write<T: BitwiseCopyable>(array: [T]) {
        write(array: array[...])
    }

    /// Written as the array of its elements would be, without copying them into one.
    mutating func write<T: BitwiseCopyable>(array: ArraySlice<T>) {
        write(UInt64(array.count))
        array.withUnsafeBytes { append($0) }
    }

    /// A string's UTF-8 bytes, framed as ``write(bytes:)``.
    mutating func write(string: String) {
        Array(string.utf8).withUnsafeBufferPointer { write(bytes: $0) }
    }

    /// Bytes framed with their count (a `UInt32`), written as they are: text that is not
    /// UTF-8 comes back the same (``BinaryReader/readBytes()``), where a `String` of it would
    /// have replaced it.
    mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        write(UInt32(bytes.count))
        append(UnsafeRawBufferPointer(bytes))
    }

    /// Seals what is written so far with its CRC-32 (``BinaryReader/checksumHolds(_:)``).
    mutating func writeChecksum() {
        write(current.withUnsafeBytes { CRC32.checksum($0, previous: sealed) })
    }

    /// Hands the last chunk, partly filled, to `flush`.
    mutating func finish() {
        guard !current.isEmpty else { return }
        current.withUnsafeBytes(flush)
        current.removeAll()
    }

    private mutating func append(_ source: UnsafeRawBufferPointer) {
        var at = 0
        while at < source.count {
            let n = min(chunkSize - current.count, source.count - at)
            current.append(contentsOf: UnsafeRawBufferPointer(rebasing: source[at..<(at + n)]))
            at += n
            if current.count == chunkSize { completeChunk() }
        }
    }

    private mutating func completeChunk() {
        sealed = current.withUnsafeBytes { CRC32.checksum($0, previous: sealed) }
        current.withUnsafeBytes(flush)
        current.removeAll(keepingCapacity: true)
    }
}

/// Reads what ``BinaryWriter`` wrote; every read checks the remaining length.
struct BinaryReader {
    /// The data ended early or a count was impossible.
    struct Truncated: Error {}

    private let bytes: [UInt8]
    private var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { at == bytes.count }

    /// Whether `bytes` end in the CRC-32 of all before it (``BinaryWriter/writeChecksum()``).
    static func checksumHolds(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        return bytes.withUnsafeBytes { b in
            let body = UnsafeRawBufferPointer(rebasing: b[..<(b.count - 4)])
            return CRC32.checksum(body) == b.loadUnaligned(fromByteOffset: b.count - 4, as: UInt32.self).littleEndian
        }
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(Truncated) -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count - at >= size else { throw Truncated() }
        var v = T.zero
        withUnsafeMutableBytes(of: &v) { dst in
            bytes.withUnsafeBytes { src in dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[at..<(at + size)])) }
        }
        at += size
        return T(littleEndian: v)
    }

    mutating func readFloat() throws(Truncated) -> Float { Float(bitPattern: try read(UInt32.self)) }

    /// A count or total written as `UInt64`; one past `Int.max` is damage, not a trap.
    mutating func readInt() throws(Truncated) -> Int {
        guard let v = Int(exactly: try read(UInt64.self)) else { throw Truncated() }
        return v
    }

    mutating func readArray<T: BitwiseCopyable>(_: T.Type) throws(Truncated) -> [T] {
        let count = try read(UInt64.self)
        let stride = MemoryLayout<T>.stride
        guard count <= UInt64((bytes.count - at) / max(stride, 1)) else { throw Truncated() }
        let n = Int(count)
        let size = n * stride
        let out = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            bytes.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[at..<(at + size)]))
            }
            initialized = n
        }
        at += size
        return out
    }

    mutating func readString() throws(Truncated) -> String {
        String(decoding: try readBytes(), as: UTF8.self)
    }

    /// Bytes framed as a string (``BinaryWriter/write(bytes:)`` or ``BinaryWriter/write(string:)``).
    mutating func readBytes() throws(Truncated) -> [UInt8] {
        let n = Int(try read(UInt32.self))
        guard bytes.count - at >= n else { throw Truncated() }
        defer { at += n }
        return Array(bytes[at..<(at + n)])
    }
}
