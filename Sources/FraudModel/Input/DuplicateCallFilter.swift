/// Recognises a call that a subscriber export lists twice — once in the caller's rows, once
/// in the callee's — so it is counted once.
///
/// Two rows are the same call when all of these hold:
/// - they were written from **opposite sides**: the subscriber of one row is the other party
///   of the other (two rows of the same subscriber are two calls, e.g. a quick redial);
/// - they join the **same pair** of numbers. Rows that agree on the direction are matched
///   first; rows left over are then matched whatever their direction, so a row whose
///   direction code disagrees with its twin still finds it, and two calls crossing in the
///   same second (A→B and B→A) are not confused;
/// - their start times differ by at most ``timeTolerance`` seconds (the two sides' switches
///   stamp the call independently, and their clocks differ by a second or two);
/// - their durations differ by at most ``durationTolerance`` second (rounding).
///
/// The earlier row of the two is kept (in input order when both have the same time); among
/// several candidates the oldest still within tolerance is matched (it would expire first,
/// so taking it never strands a later row), and each row matches at most once.
///
/// Rows must be offered in time order; ``merge(_:sides:)`` sorts a batch first and makes the
/// two passes, each offering the rows one by one (``earlierRow(repeatedBy:side:tag:)``) to a
/// filter that keeps only the rows of the last ``timeTolerance`` seconds. One such pass alone
/// can pair two calls crossing in one second wrongly; the live stream, whose rows come out of
/// order and are processed as they come, uses `StreamDuplicateFilter`, which holds such a
/// pairing only tentatively.
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

    /// Which rows may be the same call.
    enum Matching: Sendable {
        /// Only rows that agree on the direction.
        case sameDirection
        /// Rows of the same pair in either direction, preferring the same direction.
        case eitherDirection
    }

    private struct Entry {
        var time: UInt32
        var duration: UInt32
        var pair: UInt64
        var caller: NumberID
        var writer: NumberID
        var tag: Int
        var previous: Int            // sequence number of the previous entry of the same pair, or -1
        var matched: Bool
    }

    private let matching: Matching
    /// Rows of the last seconds; entry with sequence number s is `window[s - base]`.
    private var window: [Entry] = []
    private var base = 0
    private var head = 0
    /// The newest entry of each pair in the window.
    private var newest: [UInt64: Int] = [:]

    /// Creates an empty filter.
    init(matching: Matching = .eitherDirection) {
        self.matching = matching
    }

    /// Whether `record`, written from `side`, repeats a row offered earlier. Rows must come in
    /// non-decreasing time order.
    ///
    /// - Complexity: amortised O(1) per row (a hash lookup and the few rows of the same pair
    ///   in the last ``timeTolerance`` seconds).
    mutating func isDuplicate(_ record: CallRecord, side: Side) -> Bool {
        earlierRow(repeatedBy: record, side: side, tag: 0) != nil
    }

    /// The tag of the earlier row that `record` repeats, or nil — then `record` is remembered
    /// under `tag` as a candidate for later rows.
    mutating func earlierRow(repeatedBy record: CallRecord, side: Side, tag: Int) -> Int? {
        guard side != .none else { return nil }
        evict(before: record.time)
        let a = record.caller, b = record.callee
        let pair = matching == .sameDirection ? UInt64(a) << 32 | UInt64(b) : UInt64(min(a, b)) << 32 | UInt64(max(a, b))
        let writer = side == .caller ? a : b
        // The oldest candidate still in the window: it expires first, so taking it leaves the
        // newer ones for later rows (taking the newest can strand a later row's only match).
        var s = newest[pair] ?? -1
        var sameDirection = -1, otherDirection = -1
        while s >= base + head {
            let e = window[s - base]
            if !e.matched, e.writer != writer,
               record.time &- e.time <= Self.timeTolerance,
               (record.duration > e.duration ? record.duration - e.duration : e.duration - record.duration) <= Self.durationTolerance {
                if e.caller == a { sameDirection = s } else { otherDirection = s }
            }
            s = e.previous
        }
        let found = sameDirection >= 0 ? sameDirection : otherDirection
        if found >= 0 {
            window[found - base].matched = true
            return window[found - base].tag
        }
        window.append(Entry(time: record.time, duration: record.duration, pair: pair, caller: a, writer: writer,
                            tag: tag, previous: newest[pair] ?? -1, matched: false))
        newest[pair] = base + window.count - 1
        return nil
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

    /// Removes the second row of every call seen from both sides: a pass matching rows that
    /// agree on the direction, then a pass over the rows left unpaired matching either way.
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
        var paired = [Bool](repeating: false, count: records.count)
        var merged = 0
        for matching in [Matching.sameDirection, .eitherDirection] {
            var filter = DuplicateCallFilter(matching: matching)
            for key in order {
                let i = Int(key & 0xFFFF_FFFF)
                guard !paired[i] else { continue }
                if let j = filter.earlierRow(repeatedBy: records[i], side: sides[i], tag: i) {
                    drop[i] = true
                    paired[i] = true
                    paired[j] = true
                    merged += 1
                }
            }
        }
        guard merged > 0 else { return (records, 0) }
        var kept: [CallRecord] = []
        kept.reserveCapacity(records.count - merged)
        for i in 0..<records.count where !drop[i] { kept.append(records[i]) }
        return (kept, merged)
    }
}
