#if canImport(Glibc)
import Glibc
#endif

/// Records written to an unlinked temporary file instead of held in memory (`--spill`).
///
/// The kernel's page cache holds the file and may write it to disk under memory pressure, so
/// the process's own memory grows with the numbers, not with the calls. The file is unlinked
/// as soon as it is created: nothing is left behind if the process dies, and it is gone once
/// the last mapping of it is.
final class RecordSpill: @unchecked Sendable {
    private let fd: Int32
    private let path: String
    /// Records written so far.
    private(set) var count = 0

    /// Creates an empty spill file in `directory`.
    ///
    /// - Throws: ``InputError/spill(_:)`` when the file cannot be created.
    init(directory: String) throws(InputError) {
        var template = Array((directory + "/fraud-score-spill-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard fd >= 0 else { throw .spill("cannot create a file for the calls in \(directory): \(Self.reason())") }
        unlink(path)
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    /// Appends `records` to the file.
    ///
    /// - Throws: ``InputError/spill(_:)`` when the write fails (a full disk, say).
    func append(_ records: UnsafeBufferPointer<CallRecord>) throws(InputError) {
        guard let base = records.baseAddress, !records.isEmpty else { return }
        let raw = UnsafeRawPointer(base)
        let total = records.count * MemoryLayout<CallRecord>.stride
        var done = 0
        while done < total {
            let n = write(fd, raw + done, total - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .spill("cannot write the calls to a file in \(directory): \(Self.reason())") }
            done += n
        }
        count += records.count
    }

    /// Maps the records written, readable and writable (ids are rewritten in place when the
    /// parts of a parallel read are joined). The mapping outlives this object.
    ///
    /// - Throws: ``InputError/spill(_:)`` when the file cannot be mapped.
    func map() throws(InputError) -> MappedRecords {
        guard count > 0 else { return MappedRecords(base: nil, count: 0) }
        let bytes = count * MemoryLayout<CallRecord>.stride
        guard let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), p != MAP_FAILED else {
            throw .spill("cannot map the file of the calls in \(directory): \(Self.reason())")
        }
        return MappedRecords(base: p.bindMemory(to: CallRecord.self, capacity: count), count: count)
    }

    /// The directory the file was made in, for messages.
    private var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}

/// A spill file's records, mapped; unmapped when the last copy of the run that holds them is
/// gone.
final class MappedRecords: @unchecked Sendable {
    let base: UnsafeMutablePointer<CallRecord>?
    let count: Int

    init(base: UnsafeMutablePointer<CallRecord>?, count: Int) {
        self.base = base
        self.count = count
    }

    deinit {
        if let base { munmap(base, count * MemoryLayout<CallRecord>.stride) }
    }

    /// The records, for reading.
    var buffer: UnsafeBufferPointer<CallRecord> { UnsafeBufferPointer(start: base, count: count) }
    /// The records, for rewriting in place.
    var mutableBuffer: UnsafeMutableBufferPointer<CallRecord> { UnsafeMutableBufferPointer(start: base, count: count) }

    /// Drops the whole pages of `range` from this process's memory; the page cache keeps
    /// them (and any rewrite), and a later read maps them again.
    func release(_ range: Range<Int>) {
        guard let base, !range.isEmpty else { return }
        let stride = MemoryLayout<CallRecord>.stride
        PageRelease.release(UnsafeRawPointer(base + range.lowerBound), range.count * stride)
    }
}
