#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import Testing

/// A checkpoint that cannot be saved: the periodic save is reported once and tried again
/// while the stream goes on; the final save is fatal.
extension StreamCommandTests {
    @Test func aFailedPeriodicSaveIsReportedOnceAndTriedAgain() throws {
        let dir = try E2E.TempDir()
        let lines = try Self.week(dir)
        let folder = dir.url.appendingPathComponent("later")
        let checkpoint = folder.appendingPathComponent("state.ckpt").path
        let binary = try #require(E2E.binary)
        let p = Process()
        p.executableURL = binary
        p.arguments = ["stream", "--stats-every", "0", "--checkpoint", checkpoint, "--checkpoint-every", "0"]
        p.currentDirectoryURL = E2E.packageRoot
        let input = Pipe()
        let out = try dir.file("out", ""), err = try dir.file("err", "")
        p.standardInput = input
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        // A stream that stopped must fail this test, not kill the runner with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let write = { (s: ArraySlice<String>) in try? input.fileHandleForWriting.write(contentsOf: Data((s.joined(separator: "\n") + "\n").utf8)) }
        let third = lines.count / 3
        usleep(1_000_000)                                       // no input yet: tries every tick
        write(lines[..<third])
        usleep(1_200_000)                                       // input idle: several tries
        write(lines[third..<(2 * third)])                       // input again: not fatal either
        usleep(600_000)
        #expect(p.isRunning, "a failed periodic save stopped the stream")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        usleep(600_000)                                         // the next try succeeds
        write(lines[(2 * third)...])
        try? input.fileHandleForWriting.close()
        p.waitUntilExit()
        let stderr = try String(contentsOf: err, encoding: .utf8)
        #expect(p.terminationStatus == 0, "\(stderr)")
        let failures = stderr.components(separatedBy: "stream: checkpoint not saved, tried again every --checkpoint-every").count - 1
        #expect(failures == 1, "\(stderr)")
        #expect(stderr.contains("cannot create '\(checkpoint)': No such file or directory"))
        #expect(stderr.contains("stream: checkpoint saved again to '\(checkpoint)'"))
        #expect(FileManager.default.fileExists(atPath: checkpoint))
        // The same run without the folder: the final save fails, and that is an error.
        let whole = try dir.file("whole.csv", lines.joined(separator: "\n") + "\n")
        let final = try E2E.run(["stream", "--stats-every", "0", "--checkpoint", dir.url.appendingPathComponent("no/state.ckpt").path],
                                stdin: whole)
        #expect(final.status == 74)
        #expect(final.stderr.contains("Error: cannot create '\(dir.url.path)/no/state.ckpt': No such file or directory"), "\(final.stderr)")
        // A strict stop is a data error (65), and the save it makes failing is said as well.
        let bad = try dir.file("bad.csv", lines[..<100].joined(separator: "\n") + "\nnot,a,call\n")
        let strict = try E2E.run(["stream", "--strict", "--stats-every", "0", "--checkpoint",
                                  dir.url.appendingPathComponent("no/state.ckpt").path], stdin: bad)
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("Error: cannot create '\(dir.url.path)/no/state.ckpt': No such file or directory"), "\(strict.stderr)")
    }
}
