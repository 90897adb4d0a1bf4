#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A write(2) that failed, with the errno that says why: a reader that went away (EPIPE)
/// is told apart from a failure the user must hear of (a full disk, an I/O error).
struct WriteFailure: Error, Equatable, CustomStringConvertible {
    /// The errno of the failed write.
    let code: Int32

    /// The reader of a pipe closed it (`| head`): not an error for a tool that writes results.
    var isClosedPipe: Bool { code == EPIPE }

    /// The system's text for the errno, e.g. "No space left on device".
    var description: String { String(cString: strerror(code)) }
}
