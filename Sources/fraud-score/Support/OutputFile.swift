#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Synchronization

/// Where one result goes: stdout, a file replaced atomically, or a device, FIFO or socket
/// written as it is. Files are created with mode 0600 because a warning list is personal data.
///
/// The path is resolved first (``OutputTarget``), symlinks followed:
/// - A regular file, or a name not yet taken, is written to a new temporary file in the same
///   directory (created exclusively, never following a symlink, mode 0600 whatever the umask),
///   synced, and renamed over the target only when everything was written; the directory is
///   then synced so the rename survives a crash. A symlink to a file stays a symlink: the file
///   it points to is replaced. A run that fails leaves no temporary file and the target as it
///   was: an existing file is never half-overwritten, and readers see either the old file or
///   the complete new one.
/// - A character device (/dev/null, a terminal) or a FIFO is opened for writing and written;
///   a socket is connected to. They are never created, truncated, removed or renamed over.
/// - /dev/stdout, /dev/stderr, /dev/fd/N name descriptors the process has: written as they are.
///
/// A class, not a struct: an ``OutputSet`` publishes several together while the command
/// writes through each, and an output dropped unpublished (a run that throws) removes its
/// temporary file when it goes away.
final class OutputFile {
    /// How the bytes leave.
    private enum Sink {
        /// A descriptor the process already had (stdout for nil or "-"); never closed here.
        case inherited(Int32)
        /// A device, FIFO or socket opened here.
        case opened(Int32)
        /// A temporary file, renamed to `target` by ``publish()``.
        case temporary(Int32, path: String, target: String)
    }

    /// The path as given; nil for stdout.
    let path: String?
    /// Where `path` led; nil for stdout.
    let target: OutputTarget?
    private let sink: Sink
    private var buffer: [UInt8] = []
    /// Closed (prepared, published or discarded): nothing more is written.
    private var closed = false
    private var published = false

    /// Temporary files not yet renamed or removed, so that a quiet exit on a closed stdout
    /// (`| head`) leaves none behind.
    private static let temporaries = Mutex<Set<String>>([])

    /// Opens `path`, or stdout for nil or "-". A file's temporary is created here, so a
    /// missing directory or a read-only one is found before any work; a FIFO's open waits
    /// for its reader, as a shell redirection does.
    init(path: String?) throws(CLIError) {
        buffer.reserveCapacity(1 << 16)
        guard let path, path != "-" else {
            self.path = nil
            self.target = nil
            self.sink = .inherited(1)
            return
        }
        self.path = path
        let target = try OutputTarget.resolve(path)
        self.target = target
        switch target {
        case .file(let file): sink = try Self.createTemporary(for: file, named: path)
        case .descriptor(let fd):
            let flags = fcntl(fd, F_GETFL)
            guard flags >= 0, flags & O_ACCMODE == O_WRONLY || flags & O_ACCMODE == O_RDWR else {
                throw .io("cannot write '\(path)': descriptor \(fd) is not open for writing")
            }
            sink = .inherited(fd)
        case .device(let device): sink = .opened(try Self.openDevice(device, named: path))
        case .socket(let socket): sink = .opened(try Self.connect(socket, named: path))
        }
    }

    deinit { discard() }

    private var fd: Int32 {
        switch sink {
        case .inherited(let fd), .opened(let fd), .temporary(let fd, _, _): return fd
        }
    }

    /// "stdout" or the path quoted, for messages.
    private var name: String { path.map { "'\($0)'" } ?? "stdout" }

    // MARK: - Writing

    /// Appends bytes, writing out in 64 KiB blocks.
    func write(_ bytes: [UInt8]) throws(CLIError) {
        try buffered(bytes)
    }

    /// Appends bytes; 64 KiB or more go out at once, after what is buffered, uncopied.
    func write(_ bytes: UnsafeRawBufferPointer) throws(CLIError) {
        guard bytes.count >= 1 << 16 else { return try buffered(bytes) }
        try flush()
        if !Console.writeAll(fd, bytes) { try writeFailed() }
    }

    private func buffered(_ bytes: some Sequence<UInt8>) throws(CLIError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered. On a closed stdout, exits quietly (status 0), as `| head` expects.
    func flush() throws(CLIError) {
        guard !buffer.isEmpty, !closed else { return }
        let ok = buffer.withUnsafeBytes { Console.writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
        if !ok { try writeFailed() }
    }

    /// A write failed (errno says why): a closed stdout ends the process quietly; anything
    /// else abandons the output and is an error.
    private func writeFailed() throws(CLIError) -> Never {
        let error = errno
        if case .inherited(1) = sink, error == EPIPE {
            Self.removeTemporaries()
            exit(0)
        }
        discard()
        throw .io("cannot write \(name): \(String(cString: strerror(error)))")
    }

    // MARK: - Finishing

    /// Flushes and, for a file, syncs and renames it into place.
    func commit() throws(CLIError) {
        try prepare()
        try publish()
    }

    /// Flushes; a file is synced and closed, ready for ``publish()``; a device is closed
    /// (a FIFO's reader sees the end).
    func prepare() throws(CLIError) {
        try flush()
        guard !closed else { return }
        switch sink {
        case .inherited: return
        case .opened(let fd):
            closed = true
            if close(fd) != 0 && errno != EINTR { throw .io("cannot write \(name): \(String(cString: strerror(errno)))") }
        case .temporary(let fd, let temp, _):
            closed = true
            // Both, whatever the first gives: a failed fsync must not leave the descriptor open.
            let synced = fsync(fd) == 0 ? 0 : errno
            let closedOK = close(fd) == 0
            if synced != 0 || !closedOK {
                let reason = String(cString: strerror(synced != 0 ? synced : errno))
                Self.remove(temp)
                throw .io("cannot write \(name): \(reason)")
            }
        }
    }

    /// Renames a prepared file over its target and syncs the directory; nothing for other sinks.
    func publish() throws(CLIError) {
        guard case .temporary(_, let temp, let target) = sink, closed, !published else { return }
        published = true
        if rename(temp, target) != 0 {
            let reason = String(cString: strerror(errno))
            Self.remove(temp)
            throw .io("cannot write \(name): \(reason)")
        }
        _ = Self.temporaries.withLock { $0.remove(temp) }
        let directory = OutputTarget.directory(of: target)
        let dir = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }

    /// Abandons the output: a temporary file is removed and the target untouched; a device
    /// is closed.
    func discard() {
        buffer.removeAll()
        switch sink {
        case .inherited: return
        case .opened(let fd):
            if !closed { close(fd) }
        case .temporary(let fd, let temp, _):
            if !closed { close(fd) }
            if !published { Self.remove(temp) }
        }
        closed = true
        published = true
    }

    // MARK: - Whole files

    /// Writes a whole file atomically.
    static func write(_ bytes: [UInt8], to path: String) throws(CLIError) {
        try write(to: path) { sink in bytes.withUnsafeBytes(sink) }
    }

    /// Writes a whole file atomically from what `produce` hands its sink, in order; after a
    /// failed write the rest is ignored and the error thrown.
    static func write(to path: String, _ produce: ((UnsafeRawBufferPointer) -> Void) -> Void) throws(CLIError) {
        let f = try OutputFile(path: path)
        var failure: CLIError?
        produce { bytes in
            guard failure == nil else { return }
            do throws(CLIError) { try f.write(bytes) } catch { failure = error }
        }
        do throws(CLIError) {
            if let failure { throw failure }
            try f.commit()
        } catch { f.discard(); throw error }
    }

    // MARK: - Opening

    /// A new temporary file beside `file`: exclusive, not through a symlink, mode 0600.
    private static func createTemporary(for file: String, named path: String) throws(CLIError) -> Sink {
        for attempt in 0...100 {
            let temp = OutputTarget.directory(of: file) + "." + OutputTarget.name(of: file) + ".tmp-\(getpid())-\(attempt)"
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd < 0 {
                if errno == EEXIST { continue }
                break
            }
            guard fchmod(fd, 0o600) == 0 else {
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temp)
                throw .io("cannot create '\(path)': \(reason)")
            }
            temporaries.withLock { _ = $0.insert(temp) }
            return .temporary(fd, path: temp, target: file)
        }
        throw .io("cannot create '\(path)': \(String(cString: strerror(errno)))")
    }

    /// Opens a character device or FIFO for writing. No O_CREAT: nothing is ever made here.
    /// No O_TRUNC: it means nothing to a device or FIFO, and should the node have been
    /// swapped for a regular file since it was examined, that file must not be emptied — it
    /// is refused instead.
    private static func openDevice(_ device: String, named path: String) throws(CLIError) -> Int32 {
        var fd: Int32
        repeat { fd = open(device, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw .io("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        var st = stat()
        let kind = fstat(fd, &st) == 0 ? st.st_mode & S_IFMT : 0
        guard kind == S_IFCHR || kind == S_IFIFO else {
            close(fd)
            throw .io("cannot write '\(path)': it changed while being opened (no longer a device or FIFO)")
        }
        return fd
    }

    /// Connects to a Unix-domain stream socket.
    private static func connect(_ socketPath: String, named path: String) throws(CLIError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw .io("cannot write '\(path)': the socket's path is longer than \(capacity - 1) bytes") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .io("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .io("cannot write '\(path)': cannot connect to the socket: \(reason)")
        }
        return fd
    }

    // MARK: - Temporary files

    private static func remove(_ temp: String) {
        unlink(temp)
        _ = temporaries.withLock { $0.remove(temp) }
    }

    /// Removes every temporary file not yet renamed (before a quiet exit).
    static func removeTemporaries() {
        let all = temporaries.withLock { t in defer { t.removeAll() }; return t }
        for temp in all { unlink(temp) }
    }
}
