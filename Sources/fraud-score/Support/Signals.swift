#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// SIGINT / SIGTERM (stop after saving) and SIGHUP (reload rules) as flags the stream loop
/// polls. Installed without SA_RESTART so a blocking read on stdin returns with EINTR.
/// Installed before a checkpoint is restored or a warm-up read, so a signal then is heard
/// too, not taken with the default action (which ends the process).
enum Signals {
    /// The signal that asked to stop (SIGINT or SIGTERM), 0 for none.
    nonisolated(unsafe) static var stopRequested: sig_atomic_t = 0
    nonisolated(unsafe) static var reloadRequested: sig_atomic_t = 0

    /// "SIGINT" or "SIGTERM", whichever asked to stop, for messages.
    static var stopName: String { stopRequested == SIGINT ? "SIGINT" : "SIGTERM" }

    static func install() {
        var stop = sigaction()
        stop.__sigaction_handler.sa_handler = { signal in Signals.stopRequested = signal }
        sigemptyset(&stop.sa_mask)
        stop.sa_flags = 0
        sigaction(SIGINT, &stop, nil)
        sigaction(SIGTERM, &stop, nil)
        var hup = sigaction()
        hup.__sigaction_handler.sa_handler = { _ in Signals.reloadRequested = 1 }
        sigemptyset(&hup.sa_mask)
        hup.sa_flags = 0
        sigaction(SIGHUP, &hup, nil)
        // A parent (a test runner, a supervisor) may have left these blocked; we want them.
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
