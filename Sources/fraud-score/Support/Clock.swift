#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Wall-clock timing for summaries.
enum Clock {
    static var now: Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU seconds (user + system) used so far by all threads of the process.
    static var processCPU: Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Seconds between two readings, two decimals.
    static func seconds(_ a: Double, _ b: Double) -> String {
        let v = ((b - a) * 100).rounded() / 100
        return String(v)
    }
}
