#if canImport(Glibc)
import Glibc
#endif

/// Records written to an unlinked temporary file instead of held in memory (`--spill`).
///
/// The kernel's page cache holds the file and may write it to disk under memory pressure, so
/// the process's own memory grows with the numbers, not with the calls (on a disk-backed
/// directory: on tmpfs the pages stay in memory, only outside the process's count, which is
/// why the tool does not spill to a tmpfs unless told to). The file is unlinked as soon as
/// it is created: nothing is left behind if the process dies, and it is gone once the last
/// mapping of it is.
///
/// Writes and the in-place rewrite of ids go through `pwrite`/`pread`, whose failures (a full
/// disk) are errors; the mapping is read-only. A read error on a page mapped back in would
/// still end the process (SIGBUS), as for the mapped input file.
final class RecordSpill: @unchecked Sendable {
    private let fd: Int32
    private let directory: String
    /// Records written so far.
    private(set) var count = 0

    /// Creates an empty spill file in `directory`.
    ///
    /// - Throws: ``InputError/spill(_:)`` when the file cannot be created.
    init(directory: String) throws(InputError) {
        var template = Array((directory + "/fraud-score-spill-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let error = errno
        guard fd >= 0 else { throw .spill("cannot create a file for the calls in \(directory): \(Self.text(error))") }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)                  // not inherited by a child process
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.fd = fd
        self.directory = directory
    }

    deinit { close(fd) }

    /// Appends `records` to the file.
    ///
    /// - Throws: ``InputError/spill(_:)`` when the write fails (a full disk, say).
    func append(_ records: UnsafeBufferPointer<CallRecord>) throws(InputError) {
        guard let base = records.baseAddress, !records.isEmpty else { return }
        try write(UnsafeRawPointer(base), bytes: records.count * Self.stride, at: count * Self.stride)
        count += records.count
    }

    /// Rewrites the records in place, `window` records at a time on up to `threads` threads
    /// (each with its own buffer): `body` gets a window read from the file and changes it,
    /// and it is written back.
    ///
    /// - Throws: ``InputError/spill(_:)`` when a read or write fails.
    func rewrite(window: Int, threads: Int, _ body: (UnsafeMutableBufferPointer<CallRecord>) -> Void) throws(InputError) {
        let ranges = evenRanges((count + window - 1) / window, parts: threads)   // ranges of windows
        var failures = [InputError?](repeating: nil, count: ranges.count)
        failures.withUnsafeMutableBufferPointer { failures in
            parallelChunks(ranges.count) { k in
                let buffer = UnsafeMutableBufferPointer<CallRecord>.allocate(capacity: window)
                defer { buffer.deallocate() }
                for w in ranges[k] {
                    let first = w * window, n = min(window, count - first)
                    guard let p = buffer.baseAddress else { return }
                    do throws(InputError) {
                        try read(into: UnsafeMutableRawPointer(p), bytes: n * Self.stride, at: first * Self.stride)
                        body(UnsafeMutableBufferPointer(rebasing: buffer[0..<n]))
                        try write(UnsafeRawPointer(p), bytes: n * Self.stride, at: first * Self.stride)
                    } catch {
                        failures[k] = error
                        return
                    }
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// Maps the records written, read-only, to be walked `window` records at a time. The
    /// mapping outlives this object.
    ///
    /// - Throws: ``InputError/spill(_:)`` when the file cannot be mapped.
    func map(window: Int) throws(InputError) -> MappedRecords {
        guard count > 0 else { return MappedRecords(base: nil, count: 0, window: window) }
        guard let p = mmap(nil, count * Self.stride, PROT_READ, MAP_SHARED, fd, 0), p != MAP_FAILED else {
            throw .spill("cannot map the file of the calls in \(directory): \(Self.text(errno))")
        }
        return MappedRecords(base: UnsafePointer(p.bindMemory(to: CallRecord.self, capacity: count)), count: count, window: window)
    }

    private static let stride = MemoryLayout<CallRecord>.stride

    private func write(_ p: UnsafeRawPointer, bytes: Int, at offset: Int) throws(InputError) {
        try transfer(bytes, failing: "cannot write the calls to a file", short: "nothing written") { done in
            pwrite(fd, p + done, bytes - done, off_t(offset + done))
        }
    }

    private func read(into p: UnsafeMutableRawPointer, bytes: Int, at offset: Int) throws(InputError) {
        try transfer(bytes, failing: "cannot read back the calls from a file", short: "the file is shorter than written") { done in
            pread(fd, p + done, bytes - done, off_t(offset + done))
        }
    }

    /// Repeats `call(done)` (a `pread` or `pwrite` of the rest) until `bytes` are moved,
    /// going on after an interruption; a failure or a call that moves nothing is an error.
    private func transfer(_ bytes: Int, failing what: String, short: String, _ call: (_ done: Int) -> Int) throws(InputError) {
        var done = 0
        while done < bytes {
            let n = call(done)
            let error = errno
            if n < 0 && error == EINTR { continue }
            guard n > 0 else { throw .spill("\(what) in \(directory): \(n == 0 ? short : Self.text(error))") }
            done += n
        }
    }

    private static func text(_ error: Int32) -> String { String(cString: strerror(error)) }
}

/// A spill file's records, mapped read-only; unmapped when the last copy of the run that
/// holds them is gone.
final class MappedRecords: @unchecked Sendable {
    let base: UnsafePointer<CallRecord>?
    let count: Int
    /// Records walked between page releases.
    let window: Int

    init(base: UnsafePointer<CallRecord>?, count: Int, window: Int) {
        self.base = base
        self.count = count
        self.window = window
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count * MemoryLayout<CallRecord>.stride) }
    }

    /// The records.
    var buffer: UnsafeBufferPointer<CallRecord> { UnsafeBufferPointer(start: base, count: count) }

    /// Drops the whole pages of `range` from this process's memory; the page cache keeps
    /// them, and a later read maps them again.
    func release(_ range: Range<Int>) {
        guard let base, !range.isEmpty else { return }
        PageRelease.release(UnsafeRawPointer(base + range.lowerBound), range.count * MemoryLayout<CallRecord>.stride)
    }
}
