/// Folding a builder that read a later part of the same input into this one.
extension CallLogBuilder {
    /// Appends everything `part` read, as if this builder had read its bytes itself.
    ///
    /// `part` must have started at a record boundary right after what this builder read,
    /// counting its lines from 2 (see ``worker()``). Its numbers are interned here in its id
    /// order, which is its first-appearance order, so new numbers get the ids a sequential
    /// read would have given; regions and handsets are replayed in the order `part` saw them.
    ///
    /// This runs while the other threads wait, so what can be shared is: the known numbers
    /// are looked up by up to `threads` threads, and the part's records are not copied but
    /// taken over as they are, their ids rewritten in place in parallel.
    ///
    /// - Complexity: O(records + numbers of `part`).
    mutating func absorb(_ part: inout CallLogBuilder, threads: Int = 1) throws(InputError) {
        let lineOffset = lineNumber - 1
        // Numbers: those this builder knows are looked up in parallel (most of a part's are);
        // then the new ones are interned in the part's first-appearance order.
        let missing = NumberID.max
        var global = [NumberID](repeating: missing, count: part.numbers.count)
        do {
            let known = numbers                               // released before the inserts below
            global.withUnsafeMutableBufferPointer { g in
                part.numbers.withTexts { text in
                    parallelRanges(part.numbers.count, parts: threads) { range in
                        for l in range { g[l] = known.lookup(text(NumberID(l))) ?? missing }
                    }
                }
            }
        }
        for l in 0..<part.numbers.count where global[l] == missing {
            let kind = part.numbers.kinds[l]
            global[l] = part.numbers.withBytes(NumberID(l)) { numbers.intern($0, kind: kind) }
            regionOf.append(-1)
            firstIMEI.append(0)
            imeiCounts.append(0)
        }
        // Records: the part's array is taken over, its ids rewritten in place in parallel,
        // and kept as the next run (see ``CallRecords``); this builder's own run goes before it.
        // With `--spill`, the part's spill file is rewritten in place instead.
        precondition(part.earlierRuns.isEmpty, "a part is read in one run")
        if options.spillDirectory != nil {
            try sealSpill()
            let run = try global.withUnsafeBufferPointer { (g) throws(InputError) in
                try part.takeSpilledRun(threads: threads) { Self.rewrite($0, to: g) }
            }
            if let run { earlierRuns.append(run) }
        } else {
            var moved: [CallRecord] = []
            swap(&moved, &part.records)
            global.withUnsafeBufferPointer { g in
                moved.withUnsafeMutableBufferPointer { r in
                    parallelRanges(r.count, parts: threads) { Self.rewrite(UnsafeMutableBufferPointer(rebasing: r[$0]), to: g) }
                }
            }
            if !moved.isEmpty {
                if !records.isEmpty { earlierRuns.append(.memory(records)) }
                records = moved
            }
        }
        sides.append(contentsOf: part.sides)
        // Regions: the first one a number was given wins, in reading order.
        for l in part.regionEvents {
            let g = Int(global[Int(l)])
            guard regionOf[g] < 0 else { continue }
            let local = Int(part.regionOf[Int(l)])
            // The code's bytes as read: its text replaces bytes that are not UTF-8, so two
            // such codes would become one here and not in a single-threaded read.
            let r = part.regionTable.withBytes(NumberID(local)) { regionTable.intern($0, kind: .opaque) }
            if Int(r) == regionNames.count { regionNames.append(part.regionNames[local]) }
            regionOf[g] = Int32(r)
            if keepsRegionEvents { regionEvents.append(NumberID(g)) }
        }
        // Handsets: the first one seen, then every other distinct one (order-free).
        for l in 0..<part.numbers.count where part.firstIMEI[l] != 0 {
            noteIMEIHash(global[l], part.firstIMEI[l])
        }
        for key in part.extraIMEIs {
            noteIMEIHash(global[Int(key >> 32)], key & 0xFFFF_FFFF)
        }
        // Times, counts and reports.
        if displayOffset == nil { displayOffset = part.displayOffset }
        if timeForm == nil { timeForm = part.timeForm }
        linesRead += part.linesRead
        rejected += part.rejected
        for (kind, n) in part.rejectedByKind { rejectedByKind[kind, default: 0] += n }
        for issue in part.issues where issues.count < options.keptIssues {
            var moved = issue
            moved.line += lineOffset
            issues.append(moved)
        }
        // Call types beyond the cap are pooled as "(other)"; merged in name order, which
        // matches a sequential read unless the input has more than the cap of kinds.
        for (code, n) in part.skippedCallTypes.sorted(by: { $0.key < $1.key }) {
            let key = skippedCallTypes[code] == nil && skippedCallTypes.count >= Self.maximumCallTypeKinds ? "(other)" : code
            skippedCallTypes[key, default: 0] += n
        }
        lineNumber += part.lineNumber - 1
    }

    /// Rewrites the ids of `records` from a part's to this builder's (`global[local]`).
    private static func rewrite(_ records: UnsafeMutableBufferPointer<CallRecord>, to global: UnsafeBufferPointer<NumberID>) {
        for i in records.indices {
            records[i].caller = global[Int(records[i].caller)]
            records[i].callee = global[Int(records[i].callee)]
        }
    }
}
