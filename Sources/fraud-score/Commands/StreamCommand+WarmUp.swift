#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FraudModel

extension StreamCommand {
    /// Reads the files of `--warm-up` into `engine`, in order, before the live feed: the state
    /// of a stream that had been running through them, with nothing written.
    static func warmUp(_ engine: inout StreamEngine, from paths: [String]) throws(CLIError) {
        let size = 4 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        let started = Clock.now, recordsBefore = engine.statistics.records
        for path in paths {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .noInput("cannot open '\(path)': \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            var st = stat()
            if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { throw .noInput("'\(path)' is a directory") }
            engine.beginWarmUp(source: path)
            while true {
                let n = read(fd, buffer.baseAddress, size)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw .noInput("cannot read '\(path)': \(String(cString: strerror(errno)))")
                }
                if n == 0 { break }
                do { try engine.warmUp(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) }
                catch { throw .data(error.description) }
            }
            do { try engine.endWarmUp() } catch { throw .data(error.description) }
        }
        let s = engine.statistics
        Console.error("stream: warmed up on \(s.records - recordsBefore) records from \(paths.count) file\(paths.count == 1 ? "" : "s") in \(Clock.seconds(started, Clock.now)) s: \(s.suspects) suspect numbers, \(s.rejected) lines rejected")
    }
}
