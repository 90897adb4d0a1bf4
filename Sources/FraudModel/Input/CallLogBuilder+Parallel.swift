#if canImport(Glibc)
import Glibc
#endif

/// Parsing one whole input on several threads, with the same result as reading it in order.
///
/// The bytes after the header are cut at newlines into one range per thread. Each range is
/// read by its own builder with its own number table; the builders are then folded into this
/// one in range order, remapping their numbers to ids in first-appearance order, so ids,
/// records, regions, handsets, counts and malformed-line reports (with their file lines) are
/// the same as a single-threaded read. A cut is only a guess at a record boundary: if a range
/// ends inside a quoted field (a quoted line break spans the cut), the parts before it are
/// kept and the input after them is read on one thread (the first part simply reads on).
extension CallLogBuilder {
    /// Reads all of one input's `bytes` (after ``beginSource(_:)``) on up to `threads` threads.
    ///
    /// Works like one ``consume(_:)`` of the whole input. Pages of `bytes` already read are
    /// released with `MADV_DONTNEED` when `releasePages` is set (for a private read-only map
    /// of a file), so resident memory does not grow with the file size.
    ///
    /// - Throws: as ``consume(_:)``; under `--strict`, the first malformed line in file order.
    public mutating func consume(whole bytes: UnsafeRawBufferPointer, threads: Int, releasePages: Bool = false) throws(InputError) {
        try consume(whole: bytes, threads: threads, releasePages: releasePages, minimumBytes: 1 << 20)
    }

    /// ``consume(whole:threads:releasePages:)``, in parallel only past `minimumBytes` (tests
    /// lower it to cut small inputs).
    mutating func consume(whole bytes: UnsafeRawBufferPointer, threads: Int, releasePages: Bool, minimumBytes: Int) throws(InputError) {
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else { return }
        var i = 0
        if options.format == .csv {                           // the header on this thread
            while header == nil && i < n {
                let stop = memchr(base + i, 0x0A, n - i).map { $0 - UnsafeMutableRawPointer(mutating: base) + 1 } ?? n
                try consume(UnsafeRawBufferPointer(rebasing: bytes[i..<stop]))
                i = stop
            }
        }
        let rest = UnsafeRawBufferPointer(rebasing: bytes[i..<n])
        let parts = threads > 1 && rest.count >= minimumBytes && !midRecord ? Self.cuts(rest, into: threads) : []
        guard parts.count > 1 else {
            reserveCapacity(forBytes: rest.count)
            return try consumeSliced(rest, release: releasePages)
        }
        reserveCapacity(forBytes: parts[0].count)             // each part's records stay in its own run
        try consumeParts(rest, parts, release: releasePages)
    }

    /// Reserves room for the records of about `count` more bytes of input, so the record
    /// array is not copied every time it doubles (each copy also faults in fresh pages). The
    /// estimate errs high, 40 bytes a row against about 75 in real exports; room never used
    /// is address space only, never touched, so it costs no memory. The reservation stops at
    /// 1 GiB (64 M records), so that a huge input cannot ask the kernel for more address
    /// space than it will grant; beyond that the array grows as usual. When the records read
    /// so far leave too little room, they are kept as a finished run (see ``CallRecords``)
    /// and the new ones start a run of their own, so a second file does not copy the first's.
    public mutating func reserveCapacity(forBytes count: Int) {
        guard options.spillDirectory == nil else { return }   // records held only up to a batch
        let wanted = min(count / 40, 1 << 26)
        if !records.isEmpty && records.capacity - records.count < wanted {
            earlierRuns.append(.memory(records))
            records = []
        }
        records.reserveCapacity(records.count + wanted)
        let spare = (records.capacity - records.count) * MemoryLayout<CallRecord>.stride
        records.withUnsafeMutableBufferPointer { r in               // the part not written yet
            guard let base = r.baseAddress else { return }
            HugePages.advise(UnsafeMutableRawBufferPointer(start: base + r.count, count: spare))
        }
    }

    /// Whether a record is being assembled (a cut here would not be a record boundary).
    var midRecord: Bool { !carry.isEmpty || carryOpenLine || skippingLongLine }

    /// Line-aligned ranges, about equal, covering `bytes`.
    static func cuts(_ bytes: UnsafeRawBufferPointer, into count: Int) -> [Range<Int>] {
        guard let base = bytes.baseAddress else { return [] }
        var ranges: [Range<Int>] = []
        var start = 0
        for k in 1..<count {
            let guess = max(start, bytes.count * k / count)
            guard guess < bytes.count, let nl = memchr(base + guess, 0x0A, bytes.count - guess) else { break }
            let end = nl - UnsafeMutableRawPointer(mutating: base) + 1
            if end > start { ranges.append(start..<end) }
            start = end
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    /// Parses the parts in parallel, this builder taking the first. A part that ends inside a
    /// record (a quoted line break spans the cut) makes every later part suspect: the parts
    /// before it are kept, and the input from where it went wrong is read on this thread,
    /// exactly as a sequential read would go on.
    ///
    /// Nothing of this builder is copied for the fallback: a saved copy would share the
    /// record array and number table, and the first write would then copy both into fresh
    /// memory without the huge-page advice.
    private mutating func consumeParts(_ rest: UnsafeRawBufferPointer, _ parts: [Range<Int>], release: Bool) throws(InputError) {
        let count = parts.count
        var builders: [CallLogBuilder] = [CallLogBuilder(options: options, capacity: 16)]
        swap(&self, &builders[0])
        for k in 1..<count {
            builders.append(builders[0].worker())
            builders[k].reserveCapacity(forBytes: parts[k].count)
        }
        var errors = [InputError?](repeating: nil, count: count)
        builders.withUnsafeMutableBufferPointer { b in
            errors.withUnsafeMutableBufferPointer { e in
                parallelChunks(count) { k in
                    do throws(InputError) { try b[k].consumeSliced(UnsafeRawBufferPointer(rebasing: rest[parts[k]]), release: release) }
                    catch { e[k] = error }
                }
            }
        }
        swap(&self, &builders[0])
        // The input's last line may have no line break: the last part then ends inside it,
        // and ends it here, as `endSource` would (this builder's own end finds nothing open).
        if count > 1 && errors[count - 1] == nil && builders[count - 1].midRecord {
            do throws(InputError) { try builders[count - 1].finishOpenRecord() } catch { errors[count - 1] = error }
        }
        for k in 0..<count {
            if k < count - 1 && errors[k] == nil && (k == 0 ? midRecord : builders[k].midRecord) {
                // The first part goes on from its own end (its open record is carried); a
                // later one is read again from its start, which the part before ended cleanly.
                // The builders' memory goes first: the rest may be most of the input.
                let from = k == 0 ? parts[1].lowerBound : parts[k].lowerBound
                builders = []
                reserveCapacity(forBytes: rest.count - from)
                return try consumeSliced(UnsafeRawBufferPointer(rebasing: rest[from...]), release: release)
            }
            let offset = lineNumber - 1
            if k > 0 { try absorb(&builders[k], threads: count) }
            if let error = errors[k] {
                guard case .malformedLine(var issue) = error else { throw error }
                if k > 0 { issue.line += offset }
                throw .malformedLine(issue)
            }
            builders[k] = CallLogBuilder(options: options, capacity: 16)     // frees its memory now
        }
    }

    /// An empty builder that reads a later part of the current input: same source and
    /// header; its lines count from 2, as if the header were line 1. Its number table starts
    /// as large as this one's, since each part of a week sees most of the week's numbers
    /// (growing from a small table rehashed them six times on the 200k week).
    func worker() -> CallLogBuilder {
        var w = CallLogBuilder(options: options, capacity: max(1 << 12, numbers.count, numbers.capacity))
        w.source = source
        w.header = header
        w.lineNumber = 1
        w.recordLine = 1
        w.keepsRegionEvents = true
        w.spillBatch = spillBatch
        w.spillWindow = spillWindow
        return w
    }

    /// `consume` in 4 MiB slices, releasing each slice's pages once read when `release` is set.
    mutating func consumeSliced(_ bytes: UnsafeRawBufferPointer, release: Bool) throws(InputError) {
        let slice = 4 << 20
        var i = 0
        while i < bytes.count {
            let end = min(bytes.count, i + slice)
            try consume(UnsafeRawBufferPointer(rebasing: bytes[i..<end]))
            if release, let base = bytes.baseAddress { PageRelease.release(base + i, end - i) }
            i = end
        }
    }
}
