/// Loading the next calls' state before processing them (`drain` calls `gather` on each
/// `gatherAhead` calls): two random numbers a call, in tables far larger than the cache.
extension StreamEngine {
    /// How many calls' state `gather` loads at once.
    static let gatherAhead = 16

    /// Reads the per-number state and the pair-table slot of the next few calls with loads
    /// that do not depend on each other, so their cache misses overlap; `process` then finds
    /// them in cache instead of waiting for each in turn (two random numbers a call, in tables
    /// far larger than the cache). The sum is kept only so the loads are not optimised away.
    mutating func gather(_ calls: ArraySlice<CallRecord>) {
        var sum: UInt64 = 0
        state.withUnsafeBytes { s in
            for r in calls {
                sum &+= Self.touchLines(s, of: Int(r.caller)) &+ Self.touchLines(s, of: Int(r.callee))
            }
        }
        for r in calls {
            sum &+= pairs.slot(r.caller, r.callee) &+ pairs.slot(r.callee, r.caller)
            // A pair not yet seen in this generation is looked up in the one before.
            if olderPairs.count > 0 { sum &+= olderPairs.slot(r.caller, r.callee) &+ olderPairs.slot(r.callee, r.caller) }
            // A long call (a quarter or more of them) also probes the held-pair table and
            // appends to both parties' long-partner lists.
            if r.duration >= settings.holdCall { sum &+= heldPairs.slot(r.callee, r.caller) }
            if r.duration >= settings.ringMinTalk {
                sum &+= UInt64(longPartners.head[Int(r.caller)]) &+ UInt64(longPartners.head[Int(r.callee)])
            }
        }
        gathered = sum
    }

    /// Loads a byte from each of the two cache lines of `state[i]` (128 bytes from a 64-byte
    /// boundary: `AlignedArray`). Every field a call reads or writes for a party is there,
    /// including what were separate arrays (list heads, suspicion, `expired`).
    @inline(__always)
    static func touchLines(_ s: UnsafeRawBufferPointer, of i: Int) -> UInt64 {
        let base = i * MemoryLayout<StreamNumber>.stride
        return UInt64(s[base]) &+ UInt64(s[base + 64])
    }
}
