#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Where results go: stdout, or a file written atomically, created with mode 0600 because a
/// warning list is personal data.
///
/// A file is written to a new temporary file beside it (created exclusively, never following
/// a symlink, mode 0600 whatever the umask), synced, and renamed over the target only when
/// everything was written; the directory is then synced so the rename survives a crash. A run
/// that fails leaves no temporary file and the target as it was: an existing file is never
/// half-overwritten, and readers see either the old file or the complete new one.
struct OutputFile {
    private let path: String?
    private let tempPath: String?
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var closed = false
    private(set) var failed = false

    /// Opens `path`, or stdout for nil or "-".
    init(path: String?) throws(CLIError) {
        guard let path, path != "-" else {
            self.path = nil
            self.tempPath = nil
            self.fd = 1
            buffer.reserveCapacity(1 << 16)
            return
        }
        var attempt = 0
        while true {
            let temp = Self.directory(of: path) + "." + Self.name(of: path) + ".tmp-\(getpid())-\(attempt)"
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                if fchmod(fd, 0o600) != 0 {
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    unlink(temp)
                    throw .io("cannot create '\(path)': \(reason)")
                }
                self.path = path
                self.tempPath = temp
                self.fd = fd
                break
            }
            if errno == EEXIST && attempt < 100 { attempt += 1; continue }
            throw .io("cannot create '\(path)': \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends bytes, writing out in 64 KiB blocks.
    mutating func write(_ bytes: [UInt8]) throws(CLIError) {
        try buffered(bytes)
    }

    /// Appends bytes; 64 KiB or more go out at once, after what is buffered, uncopied.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(CLIError) {
        guard bytes.count >= 1 << 16 else { return try buffered(bytes) }
        try flush()
        if !Console.writeAll(fd, bytes) { try writeFailed() }
    }

    private mutating func buffered(_ bytes: some Sequence<UInt8>) throws(CLIError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered. On a closed stdout, exits quietly (status 0), as `| head` expects.
    mutating func flush() throws(CLIError) {
        guard !buffer.isEmpty else { return }
        let ok = buffer.withUnsafeBytes { Console.writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
        if !ok { try writeFailed() }
    }

    /// A write failed (errno says why): a closed stdout ends the process quietly; anything
    /// else abandons the output and is an error.
    private mutating func writeFailed() throws(CLIError) -> Never {
        if path == nil && (errno == EPIPE) { exit(0) }
        failed = true
        let reason = String(cString: strerror(errno))
        discard()
        throw .io("cannot write \(path.map { "'\($0)'" } ?? "stdout"): \(reason)")
    }

    /// Flushes and, for a file, syncs and renames it into place.
    mutating func commit() throws(CLIError) {
        try flush()
        guard let path, let tempPath, !closed else { return }
        closed = true
        if fsync(fd) != 0 || close(fd) != 0 || rename(tempPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tempPath)
            throw .io("cannot write '\(path)': \(reason)")
        }
        let dir = open(Self.directory(of: path).isEmpty ? "." : Self.directory(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 { _ = fsync(dir); close(dir) }
    }

    /// Abandons a file output: the temporary file is removed, an existing file is untouched.
    mutating func discard() {
        guard let tempPath, !closed else { return }
        closed = true
        close(fd)
        unlink(tempPath)
    }

    /// Writes a whole file atomically.
    static func write(_ bytes: [UInt8], to path: String) throws(CLIError) {
        try write(to: path) { sink in bytes.withUnsafeBytes(sink) }
    }

    /// Writes a whole file atomically from what `produce` hands its sink, in order; after a
    /// failed write the rest is ignored and the error thrown.
    static func write(to path: String, _ produce: ((UnsafeRawBufferPointer) -> Void) -> Void) throws(CLIError) {
        var f = try OutputFile(path: path)
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

    /// `dir/` of `dir/name` (empty for a bare name).
    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    private static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
