#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Where results go: stdout, or a file written atomically (a temporary file beside it, renamed
/// over it only when everything was written), created with mode 0600 because a warning list is
/// personal data. A run that fails leaves no half-written file.
struct OutputFile {
    private let path: String?
    private let tempPath: String?
    private let fd: Int32
    private var buffer: [UInt8] = []
    private(set) var failed = false

    /// Opens `path`, or stdout for nil or "-".
    init(path: String?) throws(CLIError) {
        if let path, path != "-" {
            let temp = path + ".tmp-\(getpid())"
            let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw .io("cannot create '\(path)': \(String(cString: strerror(errno)))") }
            self.path = path
            self.tempPath = temp
            self.fd = fd
        } else {
            self.path = nil
            self.tempPath = nil
            self.fd = 1
        }
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends bytes, writing out in 64 KiB blocks.
    mutating func write(_ bytes: [UInt8]) throws(CLIError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered. On a closed stdout, exits quietly (status 0), as `| head` expects.
    mutating func flush() throws(CLIError) {
        guard !buffer.isEmpty else { return }
        let ok = buffer.withUnsafeBytes { Console.writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
        if !ok {
            if path == nil && (errno == EPIPE) { exit(0) }
            failed = true
            let reason = String(cString: strerror(errno))
            discard()
            throw .io("cannot write \(path.map { "'\($0)'" } ?? "stdout"): \(reason)")
        }
    }

    /// Flushes and, for a file, syncs and renames it into place.
    mutating func commit() throws(CLIError) {
        try flush()
        guard let path, let tempPath else { return }
        if fsync(fd) != 0 || close(fd) != 0 || rename(tempPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tempPath)
            throw .io("cannot write '\(path)': \(reason)")
        }
    }

    /// Abandons a file output: the temporary file is removed, an existing file is untouched.
    func discard() {
        guard let tempPath else { return }
        close(fd)
        unlink(tempPath)
    }

    /// Writes a whole file atomically.
    static func write(_ bytes: [UInt8], to path: String) throws(CLIError) {
        var f = try OutputFile(path: path)
        do { try f.write(bytes); try f.commit() } catch { f.discard(); throw error }
    }
}
