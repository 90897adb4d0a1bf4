#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Writing to the terminal: diagnostics to stderr, results to stdout, with no buffering
/// surprises and a quiet exit when stdout is closed (`| head`).
enum Console {
    /// Writes text to stdout at once, as `print` would but unbuffered, so a failed write is
    /// seen: every command's results go this way. Once a reader has gone away (`| head`,
    /// EPIPE), what is left for stdout is dropped and the command goes on: `tune` and `eval`
    /// print their report before they write their files, and a closed report must not lose
    /// the tuned rules (it ended the process, leaving a temporary file and no `--out`).
    ///
    /// - Throws: ``CLIError/io(_:)`` (exit 74) naming any other failure, e.g. "cannot write
    ///   to stdout: No space left on device".
    static func output(_ text: String, terminator: String = "\n") throws(CLIError) {
        if stdoutClosed { return }
        var bytes = Array(text.utf8)
        bytes.append(contentsOf: terminator.utf8)
        guard let failure = failure(writing: bytes, to: 1) else { return }
        if failure.isClosedPipe { stdoutClosed = true; return }
        throw .io("cannot write to stdout: \(failure)")
    }

    /// Whether stdout's reader went away (set by ``output(_:terminator:)``; the CLI is one
    /// thread).
    nonisolated(unsafe) private static var stdoutClosed = false

    /// Writes text to stderr.
    static func error(_ text: String) {
        var bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeMutableBytes { writeAll(2, UnsafeRawBufferPointer($0)) }
    }

    /// Writes bytes to a file descriptor; false if the write failed, with `errno` saying why
    /// (EPIPE: the reader went away). See ``write(_:_:)``.
    @discardableResult
    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        do throws(WriteFailure) {
            try write(fd, buffer)
            return true
        } catch {
            errno = error.code
            return false
        }
    }

    /// Writes all of `buffer` to `fd`. A write interrupted by a signal is retried, and one
    /// that would block (a descriptor its reader made non-blocking, with the pipe full)
    /// waits until the descriptor takes more: a slow reader is waited for, never dropped.
    ///
    /// - Throws: ``WriteFailure`` with the errno of any other failure (EPIPE, ENOSPC, EIO…).
    static func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) throws(WriteFailure) {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            let n = Glibc.write(fd, base + done, buffer.count - done)
            if n >= 0 { done += n; continue }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try waitUntilWritable(fd)
            default: throw WriteFailure(code: code)
            }
        }
    }

    /// Writes all of `bytes` to `fd` (see ``write(_:_:)``); the failure, nil when every byte
    /// went out. For callers that tell a closed pipe from other failures.
    static func failure(writing bytes: [UInt8], to fd: Int32) -> WriteFailure? {
        bytes.withUnsafeBytes { (b) -> WriteFailure? in
            do throws(WriteFailure) { try write(fd, b); return nil } catch { return error }
        }
    }

    /// Waits until `fd` can take more bytes (or has failed: the next write says how).
    private static func waitUntilWritable(_ fd: Int32) throws(WriteFailure) {
        var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        while poll(&waiting, 1, -1) < 0 {
            let code = errno
            if code != EINTR && code != EAGAIN { throw WriteFailure(code: code) }
        }
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
