#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Wall time, CPU time, resident-memory high-water mark and minor page faults per stage, for
/// `bench`.
struct StageTimer {
    struct Stage {
        let name: String
        let seconds: Double
        /// CPU seconds of all threads: on a machine shared with other work, cpu / seconds
        /// says how many cores the stage actually kept busy.
        let cpuSeconds: Double
        /// VmHWM at the end of the stage, in KiB (reset before each stage where the kernel allows).
        let peakKiB: Int
        /// Minor page faults in the stage: memory touched for the first time (the kernel zeroes
        /// each new page, which on a virtual machine can cost seconds per GiB).
        let faults: Int

        /// The same stage with the smaller wall and processor time and page faults of the two
        /// runs (a later run in the process may get back pages an earlier one touched: the best
        /// run's figure, as for time), and the larger peak (the memory held does not get
        /// luckier with repetition).
        func fastest(_ other: Stage) -> Stage {
            Stage(name: name, seconds: min(seconds, other.seconds), cpuSeconds: min(cpuSeconds, other.cpuSeconds),
                  peakKiB: max(peakKiB, other.peakKiB), faults: min(faults, other.faults))
        }
    }

    private(set) var stages: [Stage] = []
    private var start = Clock.now
    private var cpuStart = Clock.processCPU
    private var faultsStart = Self.minorFaults()

    init() { Self.resetPeak() }

    /// Ends the stage running since the last call.
    mutating func end(_ name: String) {
        let now = Clock.now, cpu = Clock.processCPU, faults = Self.minorFaults()
        stages.append(Stage(name: name, seconds: now - start, cpuSeconds: cpu - cpuStart, peakKiB: Self.peakKiB(),
                            faults: faults - faultsStart))
        Self.resetPeak()
        start = Clock.now
        cpuStart = Clock.processCPU
        faultsStart = Self.minorFaults()
    }

    /// The process's minor page faults so far (getrusage), all threads.
    static func minorFaults() -> Int {
        var usage = rusage()
        return getrusage(RUSAGE_SELF.rawValue, &usage) == 0 ? Int(usage.ru_minflt) : 0
    }

    /// The process's peak resident set (VmHWM from /proc/self/status), in KiB; 0 if unknown.
    static func peakKiB() -> Int {
        guard let f = fopen("/proc/self/status", "r") else { return 0 }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, 256, f) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmHWM:") {
                return Int(text.dropFirst(6).filter { $0.isNumber }) ?? 0
            }
        }
        return 0
    }

    /// Resets VmHWM to the current RSS ("5" to clear_refs, Linux ≥ 4.0), so each stage's
    /// figure is its own peak; harmless where not permitted.
    private static func resetPeak() {
        let fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = write(fd, "5", 1)
        close(fd)
    }
}
