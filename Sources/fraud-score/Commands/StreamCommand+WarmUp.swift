#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FraudModel

extension StreamCommand {
    /// Reads the files of `--warm-up` into `engine`, in order, before the live feed: the state
    /// of a stream that had been running through them, with nothing written.
    static func warmUp(_ engine: inout StreamEngine, from paths: [String]) throws(CLIError) {
        let started = Clock.now
        var records = 0, late = 0, rejected = 0, skipped = 0
        for path in paths {
            engine.beginWarmUp(source: path)
            try InputFiles.readChunks(path) { (chunk) throws(CLIError) in
                do throws(InputError) { try engine.warmUp(chunk) } catch { throw .data(error.description) }
            }
            do {
                let read = try engine.endWarmUp()
                records += read.records
                late += read.late
                rejected += read.rejected
                skipped += read.skipped
            } catch { throw .data(error.description) }
        }
        Console.error("stream: warmed up on \(records) records from \(paths.count) file\(paths.count == 1 ? "" : "s") in \(Clock.seconds(started, Clock.now)) s: \(engine.statistics.suspects) suspect numbers, \(late) late, \(rejected) lines rejected, \(skipped) skipped as dated too far ahead; the counts below are of stdin")
    }
}
