/// A checkpoint that could not be read.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a checkpoint of this version of fraud-score.
    case notACheckpoint
    /// Written with other stream options than the ones given now.
    case optionsDiffer
    /// Cut short or damaged.
    case corrupt

    public var description: String {
        switch self {
        case .notACheckpoint: return "not a fraud-score stream checkpoint (or from another version)"
        case .optionsDiffer: return "written with other --cooldown / --max-delay / --retention / --max-ahead / --keep-suspects; use the same options or a new checkpoint"
        case .corrupt: return "checkpoint is truncated or damaged"
        }
    }
}

extension StreamEngine {
    /// "FSSC" and a format version (with the call record's size folded in), so a checkpoint
    /// from another format is refused rather than misread. Version 15 ends in a CRC-32 of all
    /// before it; 16 saves which chains each retained call is in, not the chains; 17 adds the
    /// input lines read after the statistics (`StreamStatistics.lines`, where to resume); 18
    /// adds, at the end, what the subscriber layout needs: the rows of the duplicate filter
    /// (`StreamDuplicateFilter`), the side of each held call, and the rows merged and skipped;
    /// and writes region codes as read (17 wrote them as text, so two codes that were not
    /// UTF-8 could become one and the checkpoint was refused as damaged; its text still reads).
    private static var magic: UInt64 { magic(version: 18) }

    /// The oldest format still restored.
    private static let oldestVersion: UInt64 = 16

    /// The magic of format `version`.
    private static func magic(version: UInt64) -> UInt64 {
        (0x4653_5343_0000_0000 | version) ^ UInt64(MemoryLayout<CallRecord>.stride << 8)
    }

    /// The line count a version 17 checkpoint holds for "not counted" (restored from 16).
    private static let linesUnknown = UInt64.max

    /// The complete state, to be written atomically and read back with ``init(checkpoint:rules:options:input:)``.
    public func checkpoint() -> [UInt8] {
        var bytes: [UInt8] = []
        writeCheckpoint { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Hands the bytes of ``checkpoint()`` to `sink` in order, in pieces of at most 16 MB as
    /// they are made, so a save never holds the whole checkpoint (291 MB at the end of the
    /// 200k week) beside the state.
    public func writeCheckpoint(to sink: (UnsafeRawBufferPointer) -> Void) {
        withoutActuallyEscaping(sink) { sink in
            var w = BinaryWriter(flush: sink)
            encode(into: &w)
            w.writeChecksum()
            w.finish()
        }
    }

    private func encode(into w: inout BinaryWriter) {
        w.write(Self.magic)
        w.write(options.cooldown); w.write(options.maxDelay); w.write(options.retention); w.write(options.maxAhead)
        w.write(options.keepSuspects)
        for v in [statistics.records, statistics.late, statistics.rejected, statistics.warnings, statistics.suspects,
                  statistics.skipped] { w.write(UInt64(v)) }
        w.write(statistics.lines.map { UInt64($0) } ?? Self.linesUnknown)
        w.write(periodStart ?? 0); w.write(UInt8(periodStart == nil ? 0 : 1))
        w.write(maxTime); w.write(lastSweep); w.write(UInt32(dayBase)); w.write(UInt32(generationStart))
        w.write(UInt64(expiredSinceCompaction))
        // Numbers and regions, in id order, so a restored reader hands out the same ids.
        let numbers = reader.internedNumbers
        w.write(UInt64(numbers.count))
        for id in 0..<numbers.count {
            w.write(numbers.kinds[id].rawValue)
            w.write(string: numbers.text(NumberID(id)))
        }
        w.write(array: (0..<numbers.count).map { reader.regionIndex(NumberID($0)) })
        w.write(UInt64(reader.regionCodes.count))
        // As read: two codes that are not UTF-8 were one `String`, and restored as one.
        for k in reader.regionCodes.indices { reader.withRegionBytes(k) { w.write(bytes: $0) } }
        w.write(array: (0..<numbers.count).map { reader.imeiCount(NumberID($0)) })
        let imei = reader.imeiState
        w.write(array: imei.first); w.write(array: imei.extras)
        w.write(displayOffset)
        w.write(UInt8(reader.hasTimeForm ? 1 + reader.firstTimeForm.rawValue : 0))
        // Per-number state.
        // Field by field: raw struct bytes would carry padding, and the bytes of the same
        // state must be the same.
        w.write(UInt64(state.count))
        for n in state { n.encode(&w) }
        w.write(array: suspicion)
        w.write(array: rejoined.map { UInt8($0 ? 1 : 0) })
        w.write(array: state.map(\.peersHead)); peers.encode(&w)
        longPartners.encode(&w)
        // Sorted, so the bytes depend on the state and not on the tables' growth history.
        for set in [pairs, heldPairs, olderPairs, olderHeldPairs] { w.write(array: set.sortedKeys) }
        // Timelines and warnings, in key order so the bytes are deterministic.
        let keys = timelines.keys.sorted()
        w.write(UInt64(keys.count))
        for k in keys {
            let events = timelines[k] ?? []
            w.write(k)
            w.write(array: events.map(\.time)); w.write(array: events.map(\.peer)); w.write(array: events.map(\.duration))
            w.write(array: events.map { UInt8($0.outgoing ? 1 : 0) | $0.kind.rawValue << 1 })
        }
        let warnedKeys = warned.keys.sorted()
        w.write(array: warnedKeys)
        w.write(array: warnedKeys.map { UInt8(warned[$0]?.tier.rawValue ?? 0) })
        w.write(array: warnedKeys.map { warned[$0]?.at ?? 0 })
        let sinceKeys = suspectSince.keys.sorted()
        w.write(array: sinceKeys); w.write(array: sinceKeys.map { suspectSince[$0] ?? 0 })
        let live = recentBase &+ UInt32(recentHead)
        w.write(live)
        w.write(array: recent[recentHead...])
        w.write(array: heldAhead.map(\.call)); w.write(array: heldAhead.map { UInt64($0.number) })
        w.write(array: chainMembership())
        // Version 18: the subscriber layout's rows.
        w.write(UInt64(statistics.mergedDuplicates))
        let types = statistics.skippedCallTypes.sorted { $0.key < $1.key }
        w.write(UInt64(types.count))
        for (code, n) in types { w.write(string: code); w.write(UInt64(n)) }
        w.write(array: heldAhead.map(\.side.rawValue))
        (duplicates ?? StreamDuplicateFilter(horizon: options.maxDelay)).encode(&w, clock: maxTime)
    }

    /// Restores an engine from ``checkpoint()`` bytes.
    ///
    /// Versions 16 and 17 are read too: their state is the same, with no subscriber rows (an
    /// empty duplicate filter, held calls of no side, none merged or skipped), and 16, which
    /// did not count input lines, leaves `statistics.lines` nil.
    ///
    /// - Throws: ``CheckpointError`` when the bytes are not a checkpoint of this build, or
    ///   the options differ from the ones it was written with.
    public init(checkpoint bytes: [UInt8], rules: RuleSet, options: StreamOptions = StreamOptions(),
                input: InputOptions = InputOptions()) throws(CheckpointError) {
        self.init(rules: rules, options: options, input: input)
        var r = BinaryReader(bytes)
        do {
            let magic = try r.read(UInt64.self)
            guard let version = (Self.oldestVersion...18).first(where: { Self.magic(version: $0) == magic })
            else { throw CheckpointError.notACheckpoint }
            // Sealed: a damaged file is refused here, before any of it is believed.
            guard BinaryReader.checksumHolds(bytes) else { throw CheckpointError.corrupt }
            let saved = (try r.read(UInt32.self), try r.read(UInt32.self), try r.read(UInt32.self), try r.read(UInt32.self),
                         try r.read(UInt32.self))
            guard saved == (self.options.cooldown, self.options.maxDelay, self.options.retention, self.options.maxAhead,
                            self.options.keepSuspects)
            else { throw CheckpointError.optionsDiffer }
            statistics.records = try r.readInt(); statistics.late = try r.readInt()
            statistics.rejected = try r.readInt(); statistics.warnings = try r.readInt()
            statistics.suspects = try r.readInt(); statistics.skipped = try r.readInt()
            // Counts a stream could reach (2^53 calls), so the next call's `+= 1` cannot trap.
            guard [statistics.records, statistics.late, statistics.rejected, statistics.warnings,
                   statistics.skipped].allSatisfy({ $0 <= 1 << 53 }) else { throw CheckpointError.corrupt }
            if version >= 17 {
                let lines = try r.read(UInt64.self)
                guard lines == Self.linesUnknown || lines <= 1 << 53 else { throw CheckpointError.corrupt }
                statistics.lines = lines == Self.linesUnknown ? nil : Int(lines)
            } else {
                statistics.lines = nil
            }
            linesBefore = statistics.lines
            // The reader counts on from the malformed lines of the runs before.
            reader.rejected = statistics.rejected
            let start = try r.read(UInt32.self)
            periodStart = try r.read(UInt8.self) == 1 ? start : nil
            maxTime = try r.read(UInt32.self); lastSweep = try r.read(UInt32.self)
            dayBase = Int(try r.read(UInt32.self)); generationStart = Int(try r.read(UInt32.self))
            guard dayBase % 30 == 0, generationStart % 30 == 0, generationStart >= dayBase, generationStart <= dayBase + 30
            else { throw CheckpointError.corrupt }
            expiredSinceCompaction = try r.readInt()
            guard expiredSinceCompaction <= bytes.count else { throw CheckpointError.corrupt }
            let n = try r.readInt()
            guard n <= bytes.count else { throw CheckpointError.corrupt }
            var texts: [(String, NumberKind)] = []
            texts.reserveCapacity(n)
            for _ in 0..<n {
                guard let kind = NumberKind(rawValue: try r.read(UInt8.self)) else { throw CheckpointError.corrupt }
                texts.append((try r.readString(), kind))
            }
            let regionOf = try r.readArray(Int32.self)
            let regionCount = try r.readInt()
            guard regionCount <= bytes.count else { throw CheckpointError.corrupt }
            var regions: [[UInt8]] = []
            for _ in 0..<regionCount { regions.append(try r.readBytes()) }
            let imeis = try r.readArray(UInt16.self)
            let firstIMEI = try r.readArray(UInt64.self), extraIMEIs = try r.readArray(UInt64.self)
            let offset = try r.read(Int32.self)
            let form = try r.read(UInt8.self)
            guard regionOf.count == n, imeis.count == n, firstIMEI.count == n, regionOf.allSatisfy({ $0 < Int32(regionCount) }),
                  extraIMEIs.allSatisfy({ Int($0 >> 32) < n }) else { throw CheckpointError.corrupt }
            guard reader.restore(numbers: texts, regionOf: regionOf, regions: regions, imeiCounts: imeis,
                                 imeiState: (firstIMEI, extraIMEIs), displayOffset: offset == 0 ? nil : offset,
                                 timeForm: form == 0 ? nil : Timestamp.Form(rawValue: form - 1))
            else { throw CheckpointError.corrupt }
            grow(to: n)
            // Saved between chunks, when every line read has been taken: the regions, offset and
            // numbers taken are the reader's (and each number's handsets are in its profile).
            self.regionOf = regionOf
            self.offset = offset
            numbersSeen = n
            let stateCount = try r.readInt()
            guard stateCount == n else { throw CheckpointError.corrupt }
            var savedState: [StreamNumber] = []
            savedState.reserveCapacity(n)
            for _ in 0..<n { savedState.append(try StreamNumber(decoding: &r)) }
            suspicion = try r.readArray(Float.self)
            rejoined = try r.readArray(UInt8.self).map { $0 != 0 }
            guard rejoined.count == n else { throw CheckpointError.corrupt }
            // Traits come from the rules given now, not the checkpoint's.
            for i in savedState.indices where i < state.count { savedState[i].traits = state[i].traits }
            state = AlignedArray(savedState)
            let peerHeads = try r.readArray(UInt32.self)
            guard state.count == n, suspicion.count == n, peerHeads.count == n,
                  state.allSatisfy({ $0.holder == .max || Int($0.holder) < n }),
                  let (savedPeers, _) = try ListPool.decode(&r, heads: peerHeads, valid: { Int($0) < n }),
                  let savedPartners = try LinkedLists(decoding: &r, valid: { Int($0) < n }), savedPartners.count == n
            else { throw CheckpointError.corrupt }
            for i in 0..<n { state[i].suspicion = suspicion[i] }
            // The count an expiry takes one from, so it never goes below zero.
            guard statistics.suspects == state.reduce(0, { $0 + ($1.isSuspect ? 1 : 0) }) else { throw CheckpointError.corrupt }
            peers = savedPeers
            for i in 0..<n { state[i].peersHead = peerHeads[i] }
            longPartners = savedPartners
            var sets: [PairSet] = []
            for _ in 0..<4 {
                let saved = try r.readArray(UInt64.self)
                // Generations recount counts indexed by these ids.
                guard saved.allSatisfy({ Int($0 >> 32) < n && Int($0 & 0xFFFF_FFFF) < n }) else { throw CheckpointError.corrupt }
                sets.append(PairSet(keys: saved))
            }
            (pairs, heldPairs, olderPairs, olderHeldPairs) = (sets[0], sets[1], sets[2], sets[3])
            let timelineCount = try r.readInt()
            guard timelineCount <= n else { throw CheckpointError.corrupt }
            for _ in 0..<timelineCount {
                let key = try r.read(UInt32.self)
                let times = try r.readArray(UInt32.self), peersOf = try r.readArray(UInt32.self)
                let durations = try r.readArray(UInt32.self), flags = try r.readArray(UInt8.self)
                // In time order, as kept: the window and hold arithmetic subtracts earlier times.
                guard Int(key) < n, peersOf.count == times.count, durations.count == times.count, flags.count == times.count,
                      peersOf.allSatisfy({ Int($0) < n }), zip(times, times.dropFirst()).allSatisfy({ $0 <= $1 }),
                      flags.allSatisfy({ ContactEvent.Kind(rawValue: $0 >> 1) != nil }) else { throw CheckpointError.corrupt }
                timelines[key] = times.indices.map {
                    ContactEvent(time: times[$0], peer: peersOf[$0], duration: durations[$0],
                                 outgoing: flags[$0] & 1 != 0, kind: ContactEvent.Kind(rawValue: flags[$0] >> 1) ?? .suspect)
                }
            }
            let warnedKeys = try r.readArray(UInt32.self)
            let tiers = try r.readArray(UInt8.self), ats = try r.readArray(UInt32.self)
            guard tiers.count == warnedKeys.count, ats.count == warnedKeys.count else { throw CheckpointError.corrupt }
            for k in warnedKeys.indices {
                guard let tier = Tier(rawValue: Int(tiers[k])) else { throw CheckpointError.corrupt }
                warned[warnedKeys[k]] = LastWarning(tier: tier, at: ats[k])
            }
            let sinceKeys = try r.readArray(UInt32.self), sinceTimes = try r.readArray(UInt32.self)
            guard sinceTimes.count == sinceKeys.count, sinceKeys.allSatisfy({ Int($0) < n }) else { throw CheckpointError.corrupt }
            suspectSince = Dictionary(zip(sinceKeys, sinceTimes), uniquingKeysWith: { a, _ in a })
            recentBase = try r.read(UInt32.self)
            recent = try r.readArray(CallRecord.self)
            let heldCalls = try r.readArray(CallRecord.self), heldNumbers = try r.readArray(UInt64.self)
            guard heldNumbers.count == heldCalls.count, heldNumbers.allSatisfy({ $0 <= UInt64(statistics.records) })
            else { throw CheckpointError.corrupt }
            heldAhead = zip(heldCalls, heldNumbers).map { HeldCall(call: $0, number: Int($1)) }
            let membership = try r.readArray(UInt8.self)
            if version >= 18 { try restoreSubscriberRows(&r, held: heldCalls.count, numbers: n) }
            _ = try r.read(UInt32.self)                          // the checksum, checked first
            guard (recent + heldCalls).allSatisfy({ Int($0.caller) < n && Int($0.callee) < n }),
                  UInt64(recentBase) + UInt64(recent.count) <= UInt64(UInt32.max), r.isAtEnd
            else { throw CheckpointError.corrupt }
            try restoreRecentLinks(membership)
        } catch let e as CheckpointError {
            throw e
        } catch {
            throw .corrupt
        }
    }

    /// Reads what version 18 adds: the rows merged and skipped, the side of each of the `held`
    /// calls, and the duplicate filter's rows (kept when the input is a subscriber layout, as
    /// the stream's is now; checked either way).
    private mutating func restoreSubscriberRows(_ r: inout BinaryReader, held: Int, numbers n: Int) throws(CheckpointError) {
        do {
            statistics.mergedDuplicates = try r.readInt()
            let typeCount = try r.readInt()
            // Not bounded by `records`: rows a warm-up hands on are merged in the live feed,
            // whose count started again at 0.
            guard (0...(1 << 53)).contains(statistics.mergedDuplicates), typeCount <= CallLogBuilder.maximumCallTypeKinds + 1
            else { throw CheckpointError.corrupt }
            var types: [String: Int] = [:]
            for _ in 0..<typeCount {
                let code = try r.readString(), count = try r.readInt()
                guard count <= 1 << 53, types.updateValue(count, forKey: code) == nil else { throw CheckpointError.corrupt }
            }
            statistics.skippedCallTypes = types
            reader.skippedCallTypes = types
            let sides = try r.readArray(UInt8.self)
            guard sides.count == held else { throw CheckpointError.corrupt }
            for k in 0..<held {
                guard let side = DuplicateCallFilter.Side(rawValue: sides[k]) else { throw CheckpointError.corrupt }
                heldAhead[k].side = side
            }
            guard let filter = try StreamDuplicateFilter(decoding: &r, horizon: options.maxDelay, numbers: n)
            else { throw CheckpointError.corrupt }
            if duplicates != nil { duplicates = filter }
        } catch let e as CheckpointError {
            throw e
        } catch {
            throw .corrupt
        }
    }

    /// Which chains each call in `recent` (from `live` on) belongs to, a byte a call: 1 its
    /// caller's, 2 its callee's (never both for a call to oneself). A number's chain is not
    /// simply its calls: one that expired and came back begins a new chain. One backward pass
    /// over `recent` follows every chain together (a call is in a party's chain when it is the
    /// call the chain's later one links to, or its head); the chains are made again from these
    /// bytes in order (``restoreRecentLinks(_:)``), so a save lists no chain: a byte a call, where
    /// lists of sequence numbers took eight and were held whole until written.
    ///
    /// - Complexity: O(numbers + calls in `recent`), in order.
    func chainMembership() -> [UInt8] {
        var expect = state.map(\.callsHead)             // per number, the next call of its chain
        var member = [UInt8](repeating: 0, count: recent.count - recentHead)
        for k in stride(from: recent.count - 1, through: recentHead, by: -1) {
            let seq = recentBase &+ UInt32(k), a = Int(recent[k].caller), b = Int(recent[k].callee)
            if expect[a] == seq {
                member[k - recentHead] |= 1
                expect[a] = UInt32(truncatingIfNeeded: recentLinks[k])
            }
            if b != a && expect[b] == seq {
                member[k - recentHead] |= 2
                expect[b] = UInt32(truncatingIfNeeded: recentLinks[k] >> 32)
            }
        }
        return member
    }

    /// Chains the calls of `recent` through `recentLinks` as ``chainMembership()`` says, oldest
    /// first, and sets each number's `callsHead` to its latest.
    ///
    /// - Throws: ``CheckpointError/corrupt`` when the bytes are not one per call, or name a
    ///   chain a call cannot be in.
    private mutating func restoreRecentLinks(_ membership: [UInt8]) throws(CheckpointError) {
        guard membership.count == recent.count else { throw .corrupt }
        recentLinks = [UInt64](repeating: UInt64(ListPool.end) | UInt64(ListPool.end) << 32, count: recent.count)
        var last = [UInt32](repeating: ListPool.end, count: state.count)
        for k in recent.indices where membership[k] != 0 {
            let m = membership[k], a = Int(recent[k].caller), b = Int(recent[k].callee)
            guard m <= 3, m & 2 == 0 || a != b else { throw .corrupt }
            let seq = recentBase &+ UInt32(k)
            if m & 1 != 0 {
                recentLinks[k] = recentLinks[k] & 0xFFFF_FFFF_0000_0000 | UInt64(last[a])
                last[a] = seq
            }
            if m & 2 != 0 {
                recentLinks[k] = recentLinks[k] & 0xFFFF_FFFF | UInt64(last[b]) << 32
                last[b] = seq
            }
        }
        for i in state.indices { state[i].callsHead = last[i] }
    }
}

// A checkpoint stores calls as raw bytes: CallRecord is four UInt32s, no padding.
extension CallRecord: BitwiseCopyable {}

extension StreamNumber {
    func encode(_ w: inout BinaryWriter) {
        let p = profile
        for v in [p.outCalls, p.outAnswered, p.outShort, p.outLong, p.outWork, p.inCalls, p.inAnswered, p.inLong, p.night,
                  p.outDistinct, p.inDistinct, p.reciprocated, p.heldDistinct] { w.write(v) }
        w.write(p.outTalk); w.write(p.inTalk); w.write(p.days.light); w.write(p.days.made); w.write(p.imeis); w.write(p.firstSeen)
        w.write(traits.classBits); w.write(traits.listBits)
        w.write(lastSeen); w.write(firstRound); w.write(ring); w.write(holder)
        // Expired (since the last compaction) too: a restored run must compact the same
        // numbers out of the shared tables as an uninterrupted one.
        w.write(UInt8((traits.isConsidered ? 1 : 0) | (isFirstRoundSuspect ? 2 : 0) | (isSuspect ? 4 : 0) | (heldByMany ? 8 : 0)
                      | (isExpired ? 16 : 0)))
    }

    init(decoding r: inout BinaryReader) throws(BinaryReader.Truncated) {
        var p = NumberProfile()
        p.outCalls = try r.read(); p.outAnswered = try r.read(); p.outShort = try r.read(); p.outLong = try r.read()
        p.outWork = try r.read(); p.inCalls = try r.read(); p.inAnswered = try r.read(); p.inLong = try r.read()
        p.night = try r.read(); p.outDistinct = try r.read(); p.inDistinct = try r.read(); p.reciprocated = try r.read()
        p.heldDistinct = try r.read()
        p.outTalk = try r.read(); p.inTalk = try r.read(); p.days = DayMarks(light: try r.read(), made: try r.read())
        p.imeis = try r.read()
        p.firstSeen = try r.read()
        let classBits: UInt64 = try r.read(), listBits: UInt64 = try r.read()
        self.init(traits: NumberTraits(classBits: classBits, listBits: listBits))
        profile = p
        lastSeen = try r.read(); firstRound = try r.readFloat(); ring = try r.read(); holder = try r.read()
        let flags: UInt8 = try r.read()
        traits.isConsidered = flags & 1 != 0
        isFirstRoundSuspect = flags & 2 != 0; isSuspect = flags & 4 != 0; heldByMany = flags & 8 != 0
        isExpired = flags & 16 != 0
    }
}
