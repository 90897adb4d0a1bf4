/// Collects calls as the world generates them and sorts them by start time.
struct SynthCallLog {
    private(set) var calls: [SynthCall] = []
    /// Window length in seconds; calls starting outside `0..<horizon` are dropped.
    let horizon: Int
    private var rng: Xoshiro

    init(horizon: Int, seed: UInt64, capacity: Int) {
        self.horizon = horizon
        rng = Xoshiro(seed: seed, stream: 0xCA11)
        calls.reserveCapacity(capacity)
    }

    /// Records a call (duration 0 = not answered). `imei` selects one of the caller's devices.
    @inline(__always)
    mutating func add(_ time: Int, _ caller: UInt32, _ callee: UInt32, _ duration: Int, imei: Int = 0) {
        guard time >= 0, time < horizon, caller != callee else { return }
        let r = rng.next()
        var flags = UInt16(Self.spelling(r)) | UInt16(Self.spelling(r >> 8)) << 2 | UInt16(imei & 7) << 4
        if (r >> 16) & 0x3FF < 72 { flags |= SynthCall.noIMEI }     // ≈7 % of handset rows
        if (r >> 26) & 0x3FF < 51 { flags |= SynthCall.isoT }       // ≈5 % of rows
        calls.append(SynthCall(time: UInt32(time), caller: caller, callee: callee,
                               duration: UInt16(clamping: max(0, duration)), flags: flags))
    }

    /// Spelling 0 (national) ≈70 %, the other three ≈10 % each.
    @inline(__always)
    private static func spelling(_ r: UInt64) -> Int {
        let b = Int(r & 0xFF)
        return b < 179 ? 0 : 1 + (b - 179) % 3
    }

    /// The calls in start-time order (a stable counting sort over seconds).
    func sortedByTime() -> [SynthCall] {
        var slot = [Int](repeating: 0, count: horizon + 1)
        for c in calls { slot[Int(c.time) + 1] += 1 }
        for i in 1..<slot.count { slot[i] += slot[i - 1] }
        return [SynthCall](unsafeUninitializedCapacity: calls.count) { buffer, initialized in
            for c in calls {
                let t = Int(c.time)
                buffer[slot[t]] = c
                slot[t] += 1
            }
            initialized = calls.count
        }
    }
}
