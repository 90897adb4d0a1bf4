/// Calls dated far from all the others: a mistyped year (2062 for 2026), a switch whose clock
/// was reset to 1970. One such call in a week's file made the calls span decades, so every
/// subscriber was judged on several windows and every number's observed hours changed: on a
/// 20,000-subscriber week, one line dated 2062 changed the tier or score of six subscribers.
///
/// A *group* is a run of calls, in time order, with no gap of more than `gap` seconds between
/// neighbours. The group with the most calls is the data; another group is stray when it has
/// at most ``largestGroup`` calls (one fewer than the stream's ``StreamEngine/confirmation``,
/// the calls that make a jump of its clock real) and under one call in ``largestShare`` of
/// all. So a small file, one person's calls over weeks with quiet days between, never loses
/// a call, and a file of two weeks a month apart keeps both. Only the time of a stray call is
/// doubted: its handset and region, noted as the line was read, still count (as in the
/// stream).
///
/// ```swift
/// let strays = StrayCalls(in: log.records, gap: 86_400)
/// if !strays.isEmpty { … strays.contains(call.time) … }
/// ```
public struct StrayCalls: Sendable, Equatable {
    /// A group of more calls than this is never stray.
    public static let largestGroup = StreamEngine.confirmation - 1
    /// A group is stray only if all calls are more than this many times its size.
    public static let largestShare = 1000
    /// The smallest gap accepted (`--stray-gap`): calls are counted in buckets of the gap, at
    /// most 1.2 million of them (14 MB) at an hour.
    public static let smallestGap: UInt32 = 3600

    /// The time span of each stray group, oldest first.
    public private(set) var groups: [ClosedRange<UInt32>] = []
    /// The calls in them.
    public private(set) var count = 0

    /// No stray calls.
    public init() {}

    /// Finds the stray groups of `records` (see the type's description); none when `gap` is 0.
    ///
    /// - Complexity: two passes over the records, and one bucket of 12 bytes per `gap`
    ///   seconds between the earliest and the latest call (with a gap of a day, 50,000 at most).
    public init(in records: CallRecords, gap: UInt32) {
        precondition(gap == 0 || gap >= Self.smallestGap, "a stray gap of at least an hour")
        guard gap > 0, let span = records.timeSpan, span.upperBound - span.lowerBound > gap else { return }
        let earliest = span.lowerBound, latest = span.upperBound
        // A bucket spans `gap` seconds: two calls in one bucket are never more than `gap`
        // apart, so a gap that splits groups lies between the buckets.
        let buckets = Int((latest - earliest) / gap) + 1
        var calls = [UInt32](repeating: 0, count: buckets)
        var first = [UInt32](repeating: .max, count: buckets)
        var last = [UInt32](repeating: 0, count: buckets)
        records.forEachPiece { piece in
            for r in piece {
                let b = Int((r.time - earliest) / gap)
                calls[b] &+= 1
                first[b] = min(first[b], r.time)
                last[b] = max(last[b], r.time)
            }
        }
        var found: [(span: ClosedRange<UInt32>, calls: Int)] = []
        for b in 0..<buckets where calls[b] > 0 {
            if let previous = found.last, first[b] - previous.span.upperBound <= gap {
                found[found.count - 1] = (previous.span.lowerBound...last[b], previous.calls + Int(calls[b]))
            } else {
                found.append((first[b]...last[b], Int(calls[b])))
            }
        }
        guard found.count > 1, let data = found.indices.max(by: { found[$0].calls < found[$1].calls }) else { return }
        for (k, g) in found.enumerated() where k != data
            && g.calls <= Self.largestGroup && g.calls * Self.largestShare < records.count {
            groups.append(g.span)
            count += g.calls
        }
    }

    /// Whether there are none.
    public var isEmpty: Bool { count == 0 }

    /// Whether a call at `time` is in a stray group.
    public func contains(_ time: UInt32) -> Bool {
        var lo = 0, hi = groups.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if groups[mid].upperBound < time { lo = mid + 1 } else { hi = mid }
        }
        return lo < groups.count && groups[lo].contains(time)
    }
}

extension CallRecords {
    /// The records without those `strays` holds, in the same order, and the first `examples`
    /// of those taken out. A spilled run with stray calls is written again to a new file in
    /// `spillDirectory`; the others are kept as they are.
    ///
    /// - Throws: ``InputError/spill(_:)`` when that file cannot be written.
    func removing(_ strays: StrayCalls, examples: Int, spillDirectory: String?,
                  window: Int) throws(InputError) -> (records: CallRecords, removed: [CallRecord]) {
        guard !strays.isEmpty else { return (self, []) }
        var kept: [Run] = [], removed: [CallRecord] = []
        for run in runs {
            var hasStray = false
            CallRecords(runs: [run]).forEachPiece { piece in
                hasStray = hasStray || piece.contains { strays.contains($0.time) }
            }
            guard hasStray else { kept.append(run); continue }
            // A spilled run is written again, `window` records at a time; one in memory is copied.
            var held: [CallRecord] = []
            var spill: RecordSpill? = nil
            if case .spilled = run, let spillDirectory { spill = try RecordSpill(directory: spillDirectory) }
            func writeHeld() throws(InputError) {
                guard let spill else { return }
                try held.withUnsafeBufferPointer { (b) throws(InputError) in try spill.append(b) }
                held.removeAll(keepingCapacity: true)
            }
            var failure: InputError? = nil
            CallRecords(runs: [run]).forEachPiece { piece in
                for r in piece {
                    if strays.contains(r.time) {
                        if removed.count < examples { removed.append(r) }
                    } else {
                        held.append(r)
                    }
                }
                guard held.count >= window, failure == nil else { return }
                do throws(InputError) { try writeHeld() } catch { failure = error }
            }
            if let failure { throw failure }
            try writeHeld()
            if let spill { kept.append(.spilled(try spill.map(window: window))) } else { kept.append(.memory(held)) }
        }
        return (CallRecords(runs: kept), removed)
    }
}
