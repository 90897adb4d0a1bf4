#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// What an output path names once its symlinks are followed, and so how it may be written.
///
/// Only a regular file (or a name not yet taken) may be replaced by renaming a temporary file
/// over it. Renaming over a device, a FIFO or a socket would swap the node for a regular file
/// (as root, `--out /dev/null` would replace /dev/null), and renaming over a symlink would
/// replace the link instead of the file it points to.
enum OutputTarget: Equatable {
    /// A regular file, or a name not yet taken: replaced atomically (a temporary file in the
    /// same directory, renamed over it). `path` is the last link's target, so a symlink stays.
    case file(path: String)
    /// A descriptor the process already holds, named by /dev/stdout, /dev/stderr, /dev/fd/N or
    /// /proc/self/fd/N: written as it is, as a shell redirection would.
    case descriptor(Int32)
    /// A character device (/dev/null, a terminal) or a FIFO: opened for writing and written;
    /// never created, truncated, removed or renamed over.
    case device(path: String)
    /// A Unix-domain socket: connected to and written.
    case socket(path: String)

    /// Symlinks followed at most, as the kernel's own limit (ELOOP).
    static let maximumLinks = 40

    /// Resolves `path`, following symlinks one at a time.
    ///
    /// - Throws: `.io` for a directory, a block device, a symlink loop, or a path that cannot
    ///   be examined (a component that is not a directory, no permission).
    static func resolve(_ path: String) throws(CLIError) -> OutputTarget {
        // Checked here, not at the rename: '' passed every step up to the rename at the end
        // of the run, after the list had gone to stdout.
        guard !path.isEmpty else { throw .io("cannot write to an empty file name ('')") }
        var current = path
        for _ in 0...maximumLinks {
            if let fd = descriptorNumber(current) { return .descriptor(fd) }
            var st = stat()
            guard lstat(current, &st) == 0 else {
                if errno == ENOENT { return .file(path: current) }
                throw .io("cannot write '\(path)': \(String(cString: strerror(errno)))")
            }
            switch st.st_mode & S_IFMT {
            case S_IFREG: return .file(path: current)
            case S_IFCHR, S_IFIFO: return .device(path: current)
            case S_IFSOCK: return .socket(path: current)
            case S_IFDIR:
                throw .io("cannot write '\(path)': it is a directory; name a file in it (e.g. '\(current.hasSuffix("/") ? current : current + "/")list.csv')")
            case S_IFBLK:
                throw .io("cannot write '\(path)': it is a block device (a disk); name a regular file")
            case S_IFLNK:
                current = try linkTarget(current, named: path)
            default:
                throw .io("cannot write '\(path)': not a regular file, device, FIFO or socket")
            }
        }
        throw .io("cannot write '\(path)': more than \(maximumLinks) symbolic links to follow (a loop?)")
    }

    /// Where the symlink `link` points, relative targets taken from the link's directory.
    private static func linkTarget(_ link: String, named path: String) throws(CLIError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(link, &buffer, buffer.count - 1)
        guard n > 0 else { throw .io("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        let target = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        return OutputTarget.directory(of: link) + target
    }

    /// The descriptor /dev/stdout, /dev/stderr, /dev/stdin, /dev/fd/N or /proc/self/fd/N
    /// stands for. These are links to the open file itself (often no path at all: a pipe), so
    /// they are written through the descriptor, not followed.
    static func descriptorNumber(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdin": return 0
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", "/proc/\(getpid())/fd/"] where path.hasPrefix(prefix) {
            return Int32(path.dropFirst(prefix.count))
        }
        return nil
    }

    /// `dir/` of `dir/name` (empty for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// `name` of `dir/name`.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
