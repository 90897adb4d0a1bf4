/// The filter's rows in a stream checkpoint: a stream cut between the two rows of one call
/// and resumed must still count that call once.
extension StreamDuplicateFilter {
    /// Writes the rows that can still decide anything when the clock is at `clock`: those not
    /// settled and not past the horizon (a tentative pair only while both rows are), in
    /// arrival order, with the pairs they make. Rows the window keeps but can never match are
    /// left out, so the bytes depend on what the filter knows and not on when it evicted.
    ///
    /// - Complexity: O(rows remembered).
    func encode(_ w: inout BinaryWriter, clock: UInt32) {
        var index = [Int: UInt32]()                     // sequence number → index among those written
        var kept: [Entry] = []
        for k in head..<window.count {
            let e = window[k]
            guard e.state != .settled, isAlive(time: e.call.time, clock) else { continue }
            if e.state != .free {
                guard e.partner >= base + head, isAlive(time: window[e.partner - base].call.time, clock) else { continue }
            }
            index[base + k] = UInt32(kept.count)
            kept.append(e)
        }
        w.write(array: kept.map(\.call))
        w.write(array: kept.map { UInt64($0.tag) })
        w.write(array: kept.map { $0.state.rawValue | ($0.writer != $0.call.caller ? 4 : 0) })
        w.write(array: kept.map { $0.state == .free ? UInt32.max : index[$0.partner] ?? UInt32.max })
    }

    /// Restores the rows ``encode(_:clock:)`` wrote into a filter keeping rows `horizon`
    /// seconds; nil unless they are consistent: `numbers` ids, and each tentative row paired
    /// with a dropped one that names it back, written after it. (Tags are record numbers for
    /// notes only; a warm-up's may exceed the live feed's count.)
    init?(decoding r: inout BinaryReader, horizon: UInt32, numbers: Int) throws(BinaryReader.Truncated) {
        let calls = try r.readArray(CallRecord.self), tags = try r.readArray(UInt64.self)
        let flags = try r.readArray(UInt8.self), partners = try r.readArray(UInt32.self)
        guard tags.count == calls.count, flags.count == calls.count, partners.count == calls.count,
              calls.allSatisfy({ Int($0.caller) < numbers && Int($0.callee) < numbers }),
              tags.allSatisfy({ $0 <= 1 << 53 }) else { return nil }
        self.init(horizon: horizon)
        for k in calls.indices {
            guard flags[k] & ~7 == 0, let state = State(rawValue: flags[k] & 3), state != .settled else { return nil }
            let p = partners[k]
            switch state {
            case .free, .settled: guard p == .max else { return nil }
            case .tentative: guard p != .max, Int(p) > k, Int(p) < calls.count, partners[Int(p)] == UInt32(k),
                                   flags[Int(p)] & 3 == State.dropped.rawValue else { return nil }
            case .dropped: guard p != .max, Int(p) < k, partners[Int(p)] == UInt32(k),
                                 flags[Int(p)] & 3 == State.tentative.rawValue else { return nil }
            }
            let c = calls[k]
            remember(Entry(call: c, tag: Int(tags[k]), previous: -1, partner: p == .max ? -1 : Int(p),
                           writer: flags[k] & 4 != 0 ? c.callee : c.caller, state: state))
        }
    }
}
