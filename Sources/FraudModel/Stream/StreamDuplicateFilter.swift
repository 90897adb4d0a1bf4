/// The stream's ``DuplicateCallFilter``: recognises the second row of a call that a subscriber
/// export lists from both sides, as rows arrive, and says which rows are calls to process.
///
/// Batch sorts a whole file by time and makes two passes (``DuplicateCallFilter/merge(_:sides:)``).
/// A live feed is neither whole nor in time order: its rows come out of order by up to
/// `--max-delay`, so the two rows of one call may arrive minutes apart, and each row is
/// processed as it comes. Two rows are the same call on the batch's terms (written from
/// opposite sides, the same pair of numbers, start times at most
/// ``DuplicateCallFilter/timeTolerance`` apart, durations at most
/// ``DuplicateCallFilter/durationTolerance``), and rows that agree on the direction are matched
/// first, as batch's first pass does:
/// - A row whose twin agreeing on the direction was taken earlier is dropped, for good.
/// - A row that finds only a row of the other direction (its direction code is wrong, or it is
///   a call the other way in the same second) is dropped *for now*, and the two are a
///   tentative pair. A row that later agrees on the direction with either of them decides:
///   with the kept row, it is that call's other side, and the dropped row is offered again
///   (a call of its own if nothing else matches it); with the dropped row, the two are one
///   call, the dropped row is processed after all, and the kept row is free again. So two
///   calls crossing in one second stay two calls, each its own way, whatever order their
///   four rows come in.
/// - Among candidates the earliest is taken (by time, then arrival): it expires first, so
///   taking it never strands a later row.
///
/// A row is a candidate while the stream's clock (its latest call processed, not a call held
/// back as dated far ahead) is at most ``horizon`` (`--max-delay`) plus the time tolerance past
/// its time: a row arriving later than that after its twin is counted as a call of its own,
/// and a row arriving past that already is no candidate, so two such late rows of one call
/// count twice (batch, which sees the whole file, merges them). A
/// tentative pair is settled once either row is past that. Memory: the rows of the last
/// ``horizon`` + 4 seconds of event time.
///
/// Rows the filter decides later are processed then: after each ``offer(_:side:tag:clock:)``,
/// ``released`` lists the rows dropped before that are calls after all.
struct StreamDuplicateFilter: Sendable {
    /// Seconds past its time (beyond the tolerance) a row stays a candidate, on the stream's clock.
    let horizon: UInt32

    /// What became of a row.
    enum State: UInt8, Sendable {
        /// Processed; no twin yet.
        case free = 0
        /// Decided for good (matched, or dropped and offered again): no longer a candidate.
        case settled = 1
        /// Processed; a row of the other direction was dropped as its twin, for now.
        case tentative = 2
        /// Not processed: dropped as the twin of a row of the other direction, for now.
        case dropped = 3
    }

    struct Entry: Sendable {
        var call: CallRecord
        /// The caller's tag (the stream's record number, for its notes).
        var tag: Int
        /// Sequence number of the previous entry of the same pair, or -1.
        var previous: Int
        /// Sequence number of the tentative pair's other row, or -1.
        var partner: Int
        /// The number whose row it is.
        var writer: NumberID
        var state: State
    }

    /// Entry with sequence number s is `window[s - base]`; those before `head` are evicted.
    private(set) var window: [Entry] = []
    private(set) var base = 0
    private(set) var head = 0
    /// The newest entry of each pair (numbers in either order) in the window.
    private var newest = PairHeads()
    /// Rows dropped earlier that the last offer made calls of their own, in order: the caller
    /// processes them now.
    private(set) var released: [(call: CallRecord, tag: Int)] = []

    /// An empty filter keeping rows `horizon` seconds (plus the tolerance) past their time.
    init(horizon: UInt32) {
        self.horizon = horizon
    }

    /// Numbers every row held as 0, a row of the warm-up (see `StreamEngine.endWarmUp()`).
    mutating func renumberAsWarmUp() {
        for k in window.indices { window[k].tag = 0 }
    }

    /// Offers a row arriving now, written from `side` (not `.none`), when the stream's latest
    /// call processed is at `clock`.
    ///
    /// - Returns: Whether the row is a call to process now; either way ``released`` lists the
    ///   earlier rows to process now.
    /// - Complexity: amortised O(1) per row: a hash lookup and the few rows of the same pair
    ///   in the window.
    mutating func offer(_ call: CallRecord, side: DuplicateCallFilter.Side, tag: Int, clock: UInt32) -> Bool {
        if !released.isEmpty { released.removeAll(keepingCapacity: true) }
        evict(at: clock)
        var row = (call: call, writer: side == .callee ? call.callee : call.caller, tag: tag)
        var taken = false
        var again = false
        // A row offered again (its tentative twin was taken) may in turn take another's.
        while true {
            let (isCall, next) = place(row, clock: clock)
            if again { if isCall { released.append((row.call, row.tag)) } } else { taken = isCall }
            guard let next else { break }
            row = next
            again = true
        }
        return taken
    }

    /// Places one row: matched, tentatively paired, or a call of its own (remembered).
    /// Returns whether it is a call, and a row to offer again (a tentative twin it displaced).
    private mutating func place(_ row: (call: CallRecord, writer: NumberID, tag: Int), clock: UInt32)
        -> (isCall: Bool, again: (call: CallRecord, writer: NumberID, tag: Int)?) {
        let r = row.call
        let pair = Self.pairKey(r)
        var same = -1, other = -1
        var sameTime = UInt32.max, otherTime = UInt32.max
        var s = newest[pair] ?? -1
        var after = -1                      // the entry walked before `s`, whose `previous` is `s`
        while s >= base + head {
            let e = window[s - base]
            // A settled row, or one past the horizon (the clock only moves on), is never a
            // candidate again: it leaves the chain, so rows of one busy pair are not walked
            // over and over (40,000 rows of one pair in a minute took 0.91 s, 20,000 0.23 s).
            if e.state == .settled || !isAlive(e, clock) {
                if after >= 0 {
                    window[after - base].previous = e.previous
                } else if e.previous >= base + head {
                    newest.set(pair, e.previous)
                } else {
                    newest.remove(pair, ifValue: s)          // the pair's last row in the window
                }
                s = e.previous
                continue
            }
            after = s
            defer { s = e.previous }
            guard e.writer != row.writer,
                  Self.distance(r.time, e.call.time) <= DuplicateCallFilter.timeTolerance,
                  Self.distance(r.duration, e.call.duration) <= DuplicateCallFilter.durationTolerance
            else { continue }
            // A tentative pair one of whose rows has expired is settled.
            if e.state != .free && !partnerIsAlive(e, clock) { continue }
            if e.call.caller == r.caller {
                // Walking from the newest, `<=` leaves the earliest arrival among equal times.
                if e.time <= sameTime { same = s; sameTime = e.time }
            } else if e.state == .free {
                if e.time <= otherTime { other = s; otherTime = e.time }
            }
        }
        if same >= 0 {
            let e = window[same - base]
            window[same - base].state = .settled
            switch e.state {
            case .free, .settled:
                return (false, nil)
            case .tentative:
                // This row is the kept row's other side; the row dropped for it is offered again.
                let d = e.partner - base
                window[d].state = .settled
                return (false, (window[d].call, window[d].writer, window[d].tag))
            case .dropped:
                // This row and the dropped one are one call: it is processed after all, and
                // the row it was paired with is free again.
                let p = e.partner - base
                window[p].state = .free
                window[p].partner = -1
                released.append((e.call, e.tag))
                return (false, nil)
            }
        }
        if other >= 0 {
            let seq = append(row, state: .dropped, partner: other)
            window[other - base].state = .tentative
            window[other - base].partner = seq
            return (false, nil)
        }
        if isAlive(time: r.time, clock) { append(row, state: .free, partner: -1) }
        return (true, nil)
    }
}

// MARK: - Window

extension StreamDuplicateFilter {
    /// The key of a pair of numbers, in either order.
    @inline(__always)
    static func pairKey(_ r: CallRecord) -> UInt64 {
        UInt64(min(r.caller, r.callee)) << 32 | UInt64(max(r.caller, r.callee))
    }

    @inline(__always)
    static func distance(_ a: UInt32, _ b: UInt32) -> UInt32 { a > b ? a - b : b - a }

    /// Whether a row at `time` is still a candidate when the clock is at `clock`.
    @inline(__always)
    func isAlive(time: UInt32, _ clock: UInt32) -> Bool {
        UInt64(time) + UInt64(DuplicateCallFilter.timeTolerance) + UInt64(horizon) >= UInt64(clock)
    }

    @inline(__always)
    private func isAlive(_ e: Entry, _ clock: UInt32) -> Bool { isAlive(time: e.call.time, clock) }

    /// Whether the other row of `e`'s tentative pair is still in the window and a candidate.
    private func partnerIsAlive(_ e: Entry, _ clock: UInt32) -> Bool {
        e.partner >= base + head && isAlive(window[e.partner - base], clock)
    }

    /// Remembers a row; returns its sequence number.
    @discardableResult
    private mutating func append(_ row: (call: CallRecord, writer: NumberID, tag: Int), state: State, partner: Int) -> Int {
        remember(Entry(call: row.call, tag: row.tag, previous: -1, partner: partner, writer: row.writer, state: state))
    }

    /// Remembers an entry as the newest of its pair; returns its sequence number.
    @discardableResult
    mutating func remember(_ entry: Entry) -> Int {
        let pair = Self.pairKey(entry.call), seq = base + window.count
        var e = entry
        e.previous = newest[pair] ?? -1
        window.append(e)
        newest.set(pair, seq)
        return seq
    }

    /// Forgets rows in arrival order while the oldest is past the horizon. A row is remembered
    /// only when processed or paired with one processed (so dated at most the tolerance after
    /// the clock it then had), so what stays is at most the rows of the last horizon + 4 s.
    private mutating func evict(at clock: UInt32) {
        while head < window.count, !isAlive(window[head], clock) {
            newest.remove(Self.pairKey(window[head].call), ifValue: base + head)
            head += 1
        }
        if head > 4096, head * 2 > window.count {
            window.removeFirst(head)
            base += head
            head = 0
        }
    }

    /// Rows remembered, evicted or not.
    var count: Int { window.count - head }
}

extension StreamDuplicateFilter.Entry {
    /// The row's start time.
    var time: UInt32 { call.time }
}
