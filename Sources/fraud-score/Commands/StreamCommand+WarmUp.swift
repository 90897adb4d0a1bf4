#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FraudModel

extension StreamCommand {
    /// Reads the files of `--warm-up` into `engine`, in order, before the live feed: the state
    /// of a stream that had been running through them, with nothing written.
    static func warmUp(_ engine: inout StreamEngine, from paths: [String]) throws(CLIError) {
        let started = Clock.now, recordsBefore = engine.statistics.records
        for path in paths {
            engine.beginWarmUp(source: path)
            try InputFiles.readChunks(path) { (chunk) throws(CLIError) in
                do throws(InputError) { try engine.warmUp(chunk) } catch { throw .data(error.description) }
            }
            do { try engine.endWarmUp() } catch { throw .data(error.description) }
        }
        let s = engine.statistics
        Console.error("stream: warmed up on \(s.records - recordsBefore) records from \(paths.count) file\(paths.count == 1 ? "" : "s") in \(Clock.seconds(started, Clock.now)) s: \(s.suspects) suspect numbers, \(s.rejected) lines rejected")
    }
}
