/// Recognises a call that a subscriber export lists twice — once in the caller's rows, once
/// in the callee's — so it is counted once.
///
/// Two rows are the same call when all of these hold:
/// - they were written from **opposite sides**: the subscriber of one row is the other party
///   of the other (two rows of the same subscriber are two calls, e.g. a quick redial);
/// - they join the **same unordered pair** of numbers (so a row whose direction code
///   disagrees with its twin still matches);
/// - their start times differ by at most ``timeTolerance`` seconds (the two sides' switches
///   stamp the call independently, and their clocks differ by a second or two);
/// - their durations differ by at most ``durationTolerance`` second (rounding).
///
/// The earlier row of the two is kept (in input order when both have the same time); among
/// several candidates the nearest earlier row is matched, and each row matches at most once. Rows must be offered in time order; ``merge(_:sides:)`` sorts a batch first. The
/// filter keeps only the rows of the last ``timeTolerance`` seconds, so it also works on a
/// time-ordered stream in bounded memory.
public struct DuplicateCallFilter: Sendable {
    /// Largest start-time difference of one call's two rows, in seconds.
    public static let timeTolerance: UInt32 = 2
    /// Largest duration difference of one call's two rows, in seconds.
    public static let durationTolerance: UInt32 = 1

    /// Which side of a call a subscriber-layout row was written from.
    public enum Side: UInt8, Sendable {
        /// Not from a subscriber export: never a duplicate.
        case none = 0
        /// The caller's row (direction code "outgoing").
        case caller = 1
        /// The callee's row (direction code "incoming").
        case callee = 2
    }

    private struct Entry {
        var time: UInt32
        var duration: UInt32
        var pair: UInt64
        var writer: NumberID
        var previous: Int            // sequence number of the previous entry of the same pair, or -1
        var matched: Bool
    }

    /// Rows of the last seconds; entry with sequence number s is `window[s - base]`.
    private var window: [Entry] = []
    private var base = 0
    private var head = 0
    /// The newest entry of each pair in the window.
    private var newest: [UInt64: Int] = [:]

    /// Creates an empty filter.
    public init() {}

    /// Whether `record`, written from `side`, repeats a row offered earlier. Rows must come in
    /// non-decreasing time order.
    ///
    /// - Complexity: amortised O(1) per row (a hash lookup and the few rows of the same pair
    ///   in the last ``timeTolerance`` seconds).
    public mutating func isDuplicate(_ record: CallRecord, side: Side) -> Bool {
        guard side != .none else { return false }
        evict(before: record.time)
        let a = record.caller, b = record.callee
        let pair = UInt64(min(a, b)) << 32 | UInt64(max(a, b))
        let writer = side == .caller ? a : b
        var s = newest[pair] ?? -1
        while s >= base + head {
            let e = window[s - base]
            if !e.matched, e.writer != writer,
               record.time &- e.time <= Self.timeTolerance,
               (record.duration > e.duration ? record.duration - e.duration : e.duration - record.duration) <= Self.durationTolerance {
                window[s - base].matched = true
                return true
            }
            s = e.previous
        }
        window.append(Entry(time: record.time, duration: record.duration, pair: pair, writer: writer,
                            previous: newest[pair] ?? -1, matched: false))
        newest[pair] = base + window.count - 1
        return false
    }

    private mutating func evict(before time: UInt32) {
        while head < window.count, window[head].time &+ Self.timeTolerance < time {
            let e = window[head]
            if newest[e.pair] == base + head { newest[e.pair] = nil }
            head += 1
        }
        if head > 4096, head * 2 > window.count {
            window.removeFirst(head)
            base += head
            head = 0
        }
    }

    /// Removes the second row of every call seen from both sides.
    ///
    /// - Parameters:
    ///   - records: Records in input order.
    ///   - sides: The side each record was written from (same count).
    /// - Returns: The records kept, in input order, and how many were dropped.
    /// - Complexity: O(n) plus a radix sort of n 64-bit keys.
    public static func merge(_ records: [CallRecord], sides: [Side]) -> (records: [CallRecord], merged: Int) {
        precondition(records.count == sides.count, "one side per record")
        guard records.count > 1, records.count < Int(UInt32.max) else { return (records, 0) }
        var order = [UInt64](repeating: 0, count: records.count)
        for i in 0..<records.count { order[i] = UInt64(records[i].time) << 32 | UInt64(i) }
        radixSort(&order)
        var drop = [Bool](repeating: false, count: records.count)
        var filter = DuplicateCallFilter()
        var merged = 0
        for key in order {
            let i = Int(key & 0xFFFF_FFFF)
            if filter.isDuplicate(records[i], side: sides[i]) { drop[i] = true; merged += 1 }
        }
        guard merged > 0 else { return (records, 0) }
        var kept: [CallRecord] = []
        kept.reserveCapacity(records.count - merged)
        for i in 0..<records.count where !drop[i] { kept.append(records[i]) }
        return (kept, merged)
    }
}
