#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Writing to the terminal: diagnostics to stderr, results to stdout, with no buffering
/// surprises and a quiet exit when stdout is closed (`| head`).
enum Console {
    /// Writes text to stderr.
    static func error(_ text: String) {
        var bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeMutableBytes { writeAll(2, UnsafeRawBufferPointer($0)) }
    }

    /// Writes bytes to a file descriptor; false if the reader went away or the write failed.
    @discardableResult
    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < buffer.count {
            guard let base = buffer.baseAddress else { return true }
            let n = write(fd, base + done, buffer.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += n
        }
        return true
    }

    /// Whether stderr is a terminal (for the progress line).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// A one-line progress indicator, redrawn in place; silent when stderr is not a terminal.
    static func progress(_ text: String) {
        guard stderrIsTerminal else { return }
        var bytes = Array(("\r\u{1B}[K" + text).utf8)
        _ = bytes.withUnsafeMutableBytes { writeAll(2, UnsafeRawBufferPointer($0)) }
    }

    static func clearProgress() { progress("") }
}
