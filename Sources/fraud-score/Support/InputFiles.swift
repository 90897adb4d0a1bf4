#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FraudModel

/// Reads call files (or stdin for "-") into a call log: a regular file is mapped and parsed
/// on `threads` threads; stdin and pipes are read 4 MiB at a time, with a progress line on a
/// terminal.
enum InputFiles {
    /// The number of online cores.
    static var defaultThreads: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    static func read(_ paths: [String], options: InputOptions, threads: Int = 1) throws(CLIError) -> CallLog {
        var builder = CallLogBuilder(options: options)
        for path in paths {
            if path != "-", try readMapped(path, into: &builder, threads: threads) { continue }
            try read(path, into: &builder)
        }
        Console.clearProgress()
        do { return try builder.finish() } catch { throw mapped(error) }
    }

    /// What makes two paths one file (links followed): its device and inode; nil when `path`
    /// names no regular file.
    static func identity(of path: String) -> [UInt64]? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return [UInt64(st.st_dev), UInt64(st.st_ino)]
    }

    /// Opens `path` ("-" = stdin) and passes its bytes to `body` 4 MiB at a time; `sizeHint`
    /// first gets a regular file's size.
    ///
    /// With `stop`, the read also ends early, quietly, once `stop` answers true: it is asked
    /// when a signal interrupts the open() (a named pipe waiting for its writer), and at least
    /// every quarter second while no data comes, since a signal may land on another thread
    /// and leave a read() blocked. The caller tells an early end from the end of the input
    /// by asking `stop` again.
    static func readChunks(_ path: String, sizeHint: (Int) -> Void = { _ in }, stop: (() -> Bool)? = nil,
                           _ body: (UnsafeRawBufferPointer) throws(CLIError) -> Void) throws(CLIError) {
        var fd: Int32 = 0
        if path != "-" {
            // A named pipe's open() waits for a writer; a signal interrupts it (the handlers
            // are installed without SA_RESTART, and Linux hands a process's signal to its
            // main thread first).
            repeat { fd = open(path, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR && !(stop?() ?? false)
        }
        guard fd >= 0 else {
            if stop?() ?? false { return }
            throw .noInput("cannot open '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { if fd != 0 { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { throw .noInput("'\(path)' is a directory") }
        if (st.st_mode & S_IFMT) == S_IFREG { sizeHint(Int(st.st_size)) }
        let size = 4 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            if let stop {
                if stop() { return }
                var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&waiting, 1, 250) <= 0 { continue }
            }
            let n = Glibc.read(fd, buffer.baseAddress, size)
            if n < 0 {
                if errno == EINTR { continue }
                throw .noInput("cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    /// A whole file ('-' = stdin), without the 64 MiB cap of rules files: tables and stream
    /// checkpoints are large.
    static func readAll(_ path: String) throws(CLIError) -> [UInt8] {
        var out: [UInt8] = []
        try readChunks(path, sizeHint: { out.reserveCapacity($0 + 1) }) { out.append(contentsOf: $0) }
        return out
    }

    static func read(_ path: String, into builder: inout CallLogBuilder) throws(CLIError) {
        builder.beginSource(path)
        var total = 0, done = 0, lastShown = 0
        try readChunks(path, sizeHint: { total = $0; builder.reserveCapacity(forBytes: $0) }) { (chunk) throws(CLIError) in
            do throws(InputError) { try builder.consume(chunk) } catch { throw mapped(error) }
            done += chunk.count
            if done - lastShown >= 64 << 20 {
                lastShown = done
                let pct = total > 0 ? " (\(done * 100 / total)%)" : ""
                Console.progress("reading \(path): \(done >> 20) MiB\(pct), \(builder.recordsRead) records")
            }
        }
        do { try builder.endSource() } catch { throw mapped(error) }
    }

    /// Maps a regular file and parses it on `threads` threads; false (nothing read) if `path`
    /// is not a regular, non-empty, mappable file.
    static func readMapped(_ path: String, into builder: inout CallLogBuilder, threads: Int) throws(CLIError) -> Bool {
        // Checked before opening: opening a named pipe here and again in `read` could lose
        // its writer in between.
        var before = stat()
        guard stat(path, &before) == 0, (before.st_mode & S_IFMT) == S_IFREG else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .noInput("cannot open '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 else { return false }
        let size = Int(st.st_size)
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else { return false }
        defer { munmap(map, size) }
        _ = madvise(map, size, Int32(MADV_SEQUENTIAL))
        builder.beginSource(path)
        do {
            try builder.consume(whole: UnsafeRawBufferPointer(start: map, count: size), threads: threads, releasePages: true)
            try builder.endSource()
        } catch { throw mapped(error) }
        return true
    }

    private static func mapped(_ e: InputError) -> CLIError {
        switch e {
        case .badColumnMapping: return .usage(e.description, usage: "fraud-score score [--columns NAME=COLUMN,…] FILE…")
        case .spill: return .io(e.description)
        default: return .data(e.description)
        }
    }
}
