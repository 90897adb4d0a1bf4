/// Writing the records out as they are read (`--spill`): each run goes to its own
/// ``RecordSpill`` file and is mapped back, finished, as a ``CallRecords`` run.
extension CallLogBuilder {
    /// With `--spill`, writes the records held so far to the current run's spill file.
    mutating func spillHeld() throws(InputError) {
        guard let directory = options.spillDirectory, !records.isEmpty else { return }
        let file: RecordSpill
        if let spill { file = spill } else { file = try RecordSpill(directory: directory); spill = file }
        try records.withUnsafeBufferPointer { (b) throws(InputError) in try file.append(b) }
        records.removeAll(keepingCapacity: true)
    }

    /// With `--spill`, ends the current run: the records held are written out and the file
    /// is mapped as a finished run; the next records start a new file.
    mutating func sealSpill() throws(InputError) {
        if let run = try takeSpilledRun() { earlierRuns.append(run) }
    }

    /// Writes the records held out and hands over the current run's file, mapped, after
    /// `rewrite` (if given) has changed every record in the file on up to `threads` threads;
    /// nil when nothing was spilled. The next records start a new file.
    mutating func takeSpilledRun(threads: Int = 1,
                                 rewriting rewrite: ((UnsafeMutableBufferPointer<CallRecord>) -> Void)? = nil) throws(InputError) -> CallRecords.Run? {
        try spillHeld()
        guard let file = spill else { return nil }
        spill = nil
        if let rewrite { try file.rewrite(window: spillWindow, threads: threads, rewrite) }
        return .spilled(try file.map(window: spillWindow))
    }
}
