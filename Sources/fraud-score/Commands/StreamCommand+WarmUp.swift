#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FraudModel

extension StreamCommand {
    /// Reads the files of `--warm-up` into `engine`, in order, before the live feed: the state
    /// of a stream that had been running through them, with nothing written.
    ///
    /// - Returns: false when SIGINT or SIGTERM stopped it part-way (the engine then holds
    ///   part of the warm-up: not a state to save or to go on from).
    static func warmUp(_ engine: inout StreamEngine, from paths: [String]) throws(CLIError) -> Bool {
        let started = Clock.now
        var records = 0, late = 0, rejected = 0, skipped = 0, merged = 0
        var callTypes: [String: Int] = [:]
        let stopped = { Signals.stopRequested != 0 }
        for path in paths {
            engine.beginWarmUp(source: path)
            try InputFiles.readChunks(path, stop: stopped) { (chunk) throws(CLIError) in
                do throws(InputError) { try engine.warmUp(chunk) } catch { throw .data(error.description) }
            }
            if stopped() {
                Console.error("stream: \(Signals.stopName) during the warm-up, in '\(path)': stopped, nothing written or saved")
                return false
            }
            do {
                let read = try engine.endWarmUp()
                records += read.records
                late += read.late
                rejected += read.rejected
                skipped += read.skipped
                merged += read.mergedDuplicates
                callTypes.merge(read.skippedCallTypes, uniquingKeysWith: +)
            } catch { throw .data(error.description) }
        }
        let notes = CommonOptions.layoutNotes(merged: merged, skipped: callTypes, alwaysMerged: engine.readsSubscriberRows)
        Console.error("stream: warmed up on \(records) records from \(paths.count) file\(paths.count == 1 ? "" : "s") in \(Clock.seconds(started, Clock.now)) s: \(engine.statistics.suspects) suspect numbers, \(late) late, \(rejected) lines rejected, \(skipped) skipped as dated too far ahead\(notes.isEmpty ? "" : ", " + notes); the counts below are of stdin")
        return true
    }
}
