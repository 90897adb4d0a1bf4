#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FraudModel

/// Reads call files (or stdin for "-") into a call log, 4 MiB at a time, with a progress line
/// on a terminal.
enum InputFiles {
    static func read(_ paths: [String], options: InputOptions) throws(CLIError) -> CallLog {
        var builder = CallLogBuilder(options: options)
        for path in paths {
            try read(path, into: &builder)
        }
        Console.clearProgress()
        return builder.finish()
    }

    static func read(_ path: String, into builder: inout CallLogBuilder) throws(CLIError) {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .noInput("cannot open '\(path)': \(String(cString: strerror(errno)))") }
        defer { if fd != 0 { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { throw .noInput("'\(path)' is a directory") }
        let total = (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : 0
        builder.beginSource(path)
        let size = 4 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        var done = 0, lastShown = 0
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, size)
            if n < 0 {
                if errno == EINTR { continue }
                throw .noInput("cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            do { try builder.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
            catch { throw mapped(error) }
            done += n
            if done - lastShown >= 64 << 20 {
                lastShown = done
                let pct = total > 0 ? " (\(done * 100 / total)%)" : ""
                Console.progress("reading \(path): \(done >> 20) MiB\(pct), \(builder.recordsRead) records")
            }
        }
        do { try builder.endSource() } catch { throw mapped(error) }
    }

    private static func mapped(_ e: InputError) -> CLIError {
        switch e {
        case .badColumnMapping: return .usage(e.description, usage: "fraud-score score [--columns NAME=COLUMN,…] FILE…")
        default: return .data(e.description)
        }
    }
}
