import Testing
@testable import FraudModel

/// The stream's matching of a call's two subscriber rows (`StreamDuplicateFilter`): rows come
/// out of time order, on the stream's clock, and are processed as they come.
@Suite("StreamDuplicateFilter")
struct StreamDuplicateFilterTests {
    private func r(_ t: UInt32, _ a: NumberID, _ b: NumberID, _ d: UInt32) -> CallRecord {
        CallRecord(time: t, caller: a, callee: b, duration: d)
    }

    /// Feeds rows in arrival order as the engine does: the clock is the latest call processed.
    /// Returns the calls processed, in order.
    private func feed(_ f: inout StreamDuplicateFilter, _ rows: [(CallRecord, DuplicateCallFilter.Side)],
                      clock: inout UInt32) -> [CallRecord] {
        var out: [CallRecord] = []
        for (k, (row, side)) in rows.enumerated() {
            if f.offer(row, side: side, tag: k, clock: clock) { out.append(row); clock = max(clock, row.time) }
            for x in f.released { out.append(x.call); clock = max(clock, x.call.time) }
        }
        return out
    }

    private func feed(_ rows: [(CallRecord, DuplicateCallFilter.Side)], horizon: UInt32 = 300) -> [CallRecord] {
        var f = StreamDuplicateFilter(horizon: horizon)
        var clock: UInt32 = 0
        return feed(&f, rows, clock: &clock)
    }

    @Test func theBatchCasesHoldOneByOne() {
        let t: UInt32 = 1_000_000
        // The tolerance edges of `DuplicateCallFilterTests`, in time order.
        #expect(feed([(r(t, 1, 2, 60), .caller), (r(t + 2, 1, 2, 61), .callee)]).count == 1)      // 2 s, 1 s: one call
        #expect(feed([(r(t, 1, 2, 60), .caller), (r(t + 3, 1, 2, 60), .callee)]).count == 2)      // 3 s apart
        #expect(feed([(r(t, 1, 2, 60), .caller), (r(t, 1, 2, 62), .callee)]).count == 2)          // 2 s longer
        #expect(feed([(r(t, 1, 1, 5), .caller), (r(t, 1, 1, 5), .callee)]).count == 2)            // a self-call
        // A quick redial: two rows of the same subscriber are two calls.
        #expect(feed([(r(t, 1, 2, 0), .caller), (r(t + 1, 1, 2, 0), .caller)]).count == 2)
        // Both parties claim the call (a wrong direction code): the pair decides, one call.
        #expect(feed([(r(t, 5, 6, 5), .caller), (r(t + 1, 6, 5, 5), .caller)]) == [r(t, 5, 6, 5)])
        // Two redials and their two callee rows: each callee row takes one.
        #expect(feed([(r(t, 1, 2, 0), .caller), (r(t + 1, 1, 2, 0), .caller),
                      (r(t + 1, 1, 2, 0), .callee), (r(t + 2, 1, 2, 0), .callee), (r(t + 2, 1, 2, 0), .callee)]).count == 3)
    }

    /// The other side comes minutes later, behind newer rows: still one call within the
    /// horizon, measured on the clock and not on the row's own (old) time.
    @Test func aTwinMinutesLateWithinTheHorizonCountsOnce() {
        let t: UInt32 = 1_000_000
        let first = (r(t, 1, 2, 60), DuplicateCallFilter.Side.caller)
        let newer = (0..<50).map { (r(t + UInt32($0) * 6, 10 + NumberID($0), 99, 30), DuplicateCallFilter.Side.caller) }
        // The clock is 294 s on when the twin, stamped 2 s after the first, arrives: 292 s late.
        let within = feed([first] + newer + [(r(t + 2, 1, 2, 61), .callee)])
        #expect(within.count == 51)
        // 310 s on: past 300 + 2 s, it is a call of its own.
        let beyond = feed([first] + newer + [(r(t + 310, 77, 78, 5), .caller), (r(t + 2, 1, 2, 61), .callee)])
        #expect(beyond.count == 53)
        // With a longer horizon (--max-delay 10m) the same row is matched.
        #expect(feed([first] + newer + [(r(t + 310, 77, 78, 5), .caller), (r(t + 2, 1, 2, 61), .callee)], horizon: 600).count == 52)
        // The horizon is on the clock: the first row itself arriving late, its twin later still.
        let lateFirst = feed([(r(t + 200, 8, 9, 1), .caller), (r(t, 1, 2, 60), .callee), (r(t + 250, 8, 9, 1), .caller),
                              (r(t + 1, 1, 2, 60), .caller)])
        #expect(lateFirst == [r(t + 200, 8, 9, 1), r(t, 1, 2, 60), r(t + 250, 8, 9, 1)])
    }

    /// 1 calls 2 (35 s) while 2 calls 1 (34 s), in the same second; each callee row stamped
    /// 2 s later and 1 s longer (the batch's case). In any of the 24 orders the four rows can
    /// come in, the stream keeps two calls, one each way.
    @Test func callsCrossingInTheSameSecondStayTwoInAnyOrder() {
        let t: UInt32 = 1_000_000
        let rows: [(CallRecord, DuplicateCallFilter.Side)] = [
            (r(t, 1, 2, 35), .caller), (r(t, 2, 1, 34), .caller), (r(t + 2, 1, 2, 36), .callee), (r(t + 2, 2, 1, 35), .callee),
        ]
        func permutations(_ a: [Int]) -> [[Int]] {
            a.count <= 1 ? [a] : a.indices.flatMap { i in
                permutations(Array(a[..<i] + a[(i + 1)...])).map { [a[i]] + $0 }
            }
        }
        for order in permutations([0, 1, 2, 3]) {
            let kept = feed(order.map { rows[$0] })
            #expect(kept.count == 2, "order \(order)")
            #expect(Set(kept.map(\.caller)) == [1, 2], "order \(order): \(kept)")
        }
    }

    /// A row dropped for a twin of the other direction, whose own twin then comes, is one call
    /// with it: processed after all, and the row it was paired with is free for its own twin.
    @Test func aTentativePairGivesWayToRowsThatAgree() {
        let t: UInt32 = 1_000_000
        var f = StreamDuplicateFilter(horizon: 300)
        var clock: UInt32 = 0
        #expect(feed(&f, [(r(t, 1, 2, 35), .caller)], clock: &clock).count == 1)
        #expect(feed(&f, [(r(t, 2, 1, 34), .caller)], clock: &clock).isEmpty)          // dropped for now
        #expect(feed(&f, [(r(t + 2, 2, 1, 35), .callee)], clock: &clock) == [r(t, 2, 1, 34)])
        #expect(feed(&f, [(r(t + 2, 1, 2, 36), .callee)], clock: &clock).isEmpty)      // 1→2's twin
    }

    @Test func memoryHoldsTheRowsOfTheHorizonOnly() {
        var f = StreamDuplicateFilter(horizon: 300)
        var clock: UInt32 = 0
        var kept = 0, largest = 0
        for i in 0..<200_000 {
            let t = UInt32(1_000_000 + i / 10)           // ten rows a second
            let a = NumberID(i % 997), b = NumberID(1000 + i % 991)
            kept += feed(&f, [(r(t, a, b, 30), .caller), (r(t + 1, a, b, 31), .callee)], clock: &clock).count
            largest = max(largest, f.count)
        }
        #expect(kept == 200_000)
        // 302 s at ten calls a second, each remembered once (its twin is matched, not kept).
        #expect(largest <= 3_100, "\(largest)")
    }

    /// Saved between the two rows of a call (and inside a tentative pair), a filter restores
    /// to one that decides the rest exactly as the one that went on; rows that can no longer
    /// match are not saved.
    @Test func aSavedFilterDecidesTheRestAlike() throws {
        let t: UInt32 = 1_000_000
        let before: [(CallRecord, DuplicateCallFilter.Side)] = [
            (r(t - 400, 7, 8, 10), .caller),                       // past the horizon by the end
            (r(t, 1, 2, 35), .caller), (r(t, 2, 1, 34), .caller),  // a tentative pair
            (r(t + 1, 3, 4, 60), .caller),                         // waiting for its twin
            (r(t + 1, 5, 6, 60), .caller), (r(t + 2, 5, 6, 60), .callee),  // matched
        ]
        let after: [(CallRecord, DuplicateCallFilter.Side)] = [
            (r(t + 2, 2, 1, 35), .callee), (r(t + 3, 3, 4, 61), .callee), (r(t + 2, 1, 2, 36), .callee),
            (r(t - 398, 7, 8, 10), .callee),
        ]
        var whole = StreamDuplicateFilter(horizon: 300)
        var clock: UInt32 = 0
        _ = feed(&whole, before, clock: &clock)
        var bytes: [UInt8] = []
        var w = BinaryWriter(flush: { bytes.append(contentsOf: $0) })
        whole.encode(&w, clock: clock)
        w.finish()
        var reader = BinaryReader(bytes)
        var restored = try #require(try StreamDuplicateFilter(decoding: &reader, horizon: 300, numbers: 9))
        #expect(reader.isAtEnd)
        #expect(restored.count == 3)
        var clock2 = clock
        let resumed = feed(&restored, after, clock: &clock2)
        let went = feed(&whole, after, clock: &clock)
        #expect(resumed == went)
        #expect(went == [r(t, 2, 1, 34), r(t - 398, 7, 8, 10)])
        // Damaged: a tentative row that names a row not naming it back.
        var bad = bytes
        let partners = bad.count - 3 * 4
        bad[partners] = 0
        var damaged = BinaryReader(bad)
        #expect(try StreamDuplicateFilter(decoding: &damaged, horizon: 300, numbers: 9) == nil)
    }
}
