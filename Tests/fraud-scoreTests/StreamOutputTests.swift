#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import Testing

/// Where `stream`'s warnings go when stdout misbehaves: a full disk, a reader that leaves, a
/// reader that made the pipe non-blocking. No warning may be lost: a checkpoint never counts
/// a warning that was not written.
extension StreamCommandTests {
    /// Five days of 2,000 subscribers: 13 warnings, 9 of them in the second half.
    static func busyWeek(_ dir: E2E.TempDir) throws -> [String] {
        let r = try E2E.run(["synth", "--subscribers", "2000", "--days", "5", "--seed", "7", "--out", dir.url.path])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: dir.url.appendingPathComponent("calls.csv"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    /// Starts `fraud-score stream args` in the package root with stdin from `input` and the
    /// given stdout; stderr is collected into a file, read with `stderr()` once it exited.
    static func start(_ args: [String], stdin input: URL, stdout: FileHandle, in dir: E2E.TempDir) throws -> (Process, () throws -> String) {
        let binary = try #require(E2E.binary)
        let err = try dir.file("stderr-\(UUID().uuidString)", "")
        let p = Process()
        p.executableURL = binary
        p.arguments = ["stream"] + args
        p.currentDirectoryURL = E2E.packageRoot
        p.standardInput = try FileHandle(forReadingFrom: input)
        p.standardOutput = stdout
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        return (p, { try String(contentsOf: err, encoding: .utf8) })
    }

    @Test func aFullStdoutIsAnErrorAndTheCheckpointKeepsItsLastSave() throws {
        let dir = try E2E.TempDir()
        let lines = try Self.busyWeek(dir)
        let cut = lines.count / 2
        let first = try dir.file("first.csv", lines[..<cut].joined(separator: "\n") + "\n")
        let second = try dir.file("second.csv", ([lines[0]] + lines[cut...]).joined(separator: "\n") + "\n")
        let checkpoint = dir.url.appendingPathComponent("state.ckpt").path
        let a = try E2E.run(["stream", "--stats-every", "0", "--checkpoint", checkpoint], stdin: first)
        #expect(a.status == 0, "\(a.stderr)")
        let saved = try Data(contentsOf: URL(fileURLWithPath: checkpoint))

        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let (p, stderr) = try Self.start(["--stats-every", "0", "--checkpoint", checkpoint], stdin: second, stdout: full, in: dir)
        p.waitUntilExit()
        let message = try stderr()
        #expect(p.terminationStatus == 74, "\(message)")
        #expect(message.contains("Error: cannot write warnings to stdout: No space left on device"), "\(message)")
        #expect(message.contains("not saved at this stop"))
        // The checkpoint is the first half's, which counts no warning of the second.
        #expect(try Data(contentsOf: URL(fileURLWithPath: checkpoint)) == saved)

        // Without a checkpoint to keep, the same failure is the same error.
        let whole = try dir.file("whole.csv", lines.joined(separator: "\n") + "\n")
        let (q, qErr) = try Self.start(["--stats-every", "0"], stdin: whole, stdout: full, in: dir)
        q.waitUntilExit()
        #expect(q.terminationStatus == 74)
        #expect(try qErr().contains("Error: cannot write warnings to stdout: No space left on device"))
    }

    /// The reader takes one warning and closes the pipe: the stream ends quietly (exit 0), and
    /// a run resumed from the checkpoint raises every warning the reader did not get.
    @Test func aReaderThatLeavesLosesNoWarning() throws {
        let dir = try E2E.TempDir()
        let lines = try Self.busyWeek(dir)
        let cut = lines.count / 2
        let whole = try dir.file("whole.csv", lines.joined(separator: "\n") + "\n")
        let first = try dir.file("first.csv", lines[..<cut].joined(separator: "\n") + "\n")
        let second = try dir.file("second.csv", ([lines[0]] + lines[cut...]).joined(separator: "\n") + "\n")
        let checkpoint = dir.url.appendingPathComponent("state.ckpt").path
        let all = try E2E.run(["stream", "--stats-every", "0", "--checkpoint", dir.url.appendingPathComponent("all.ckpt").path],
                              stdin: whole)
        let a = try E2E.run(["stream", "--stats-every", "0", "--checkpoint", checkpoint], stdin: first)
        #expect(a.status == 0 && all.status == 0, "\(a.stderr)")
        let later = all.stdout.split(separator: "\n").map(String.init).filter { !a.stdout.contains($0) }
        #expect(later.count >= 2, "the second half must raise two warnings or more")

        let out = Pipe()
        let (p, stderr) = try Self.start(["--stats-every", "0", "--checkpoint", checkpoint], stdin: second,
                                         stdout: out.fileHandleForWriting, in: dir)
        try out.fileHandleForWriting.close()
        var got: [UInt8] = []
        var byte: UInt8 = 0
        while read(out.fileHandleForReading.fileDescriptor, &byte, 1) == 1 {
            got.append(byte)
            if byte == 0x0A { break }
        }
        try out.fileHandleForReading.close()                       // one warning is enough
        p.waitUntilExit()
        let message = try stderr()
        #expect(p.terminationStatus == 0, "\(message)")
        #expect(!message.contains("Error"), "\(message)")

        // Resume from the checkpoint, with the lines after the records it holds.
        let restored = try E2E.run(["stream", "--stats-every", "0", "--checkpoint", checkpoint],
                                   stdin: try dir.file("none.csv", lines[0] + "\n"))
        let held = try #require(restored.stderr.firstMatch(of: /restored [^:]+: (\d+) records/)?.output.1).flatMap { Int($0) }
        let resumed = try E2E.run(["stream", "--stats-every", "0", "--checkpoint", checkpoint],
                                  stdin: try dir.file("rest.csv", ([lines[0]] + lines[(1 + (held ?? 0))...]).joined(separator: "\n") + "\n"))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let delivered = String(decoding: got, as: UTF8.self) + resumed.stdout
        for warning in later { #expect(delivered.contains(warning), "lost: \(warning)") }
    }

    /// A consumer that set O_NONBLOCK on the pipe it reads and is slow: the stream waits for
    /// it (EAGAIN) and writes every warning, as with a blocking pipe.
    @Test func aSlowNonBlockingReaderGetsEveryWarning() throws {
        let dir = try E2E.TempDir()
        let lines = try Self.busyWeek(dir)
        let input = try dir.file("in.csv", lines.joined(separator: "\n") + "\n")
        let expected = try E2E.run(["stream", "--stats-every", "0"], stdin: input)
        #expect(expected.status == 0 && expected.stdout.count > 4096, "\(expected.stderr)")

        let out = Pipe()
        let w = out.fileHandleForWriting.fileDescriptor, r = out.fileHandleForReading.fileDescriptor
        _ = fcntl(w, 1031, 4096)                                    // F_SETPIPE_SZ: one page
        #expect(fcntl(w, F_SETFL, fcntl(w, F_GETFL) | O_NONBLOCK) == 0)
        let (p, stderr) = try Self.start(["--stats-every", "0"], stdin: input, stdout: out.fileHandleForWriting, in: dir)
        try out.fileHandleForWriting.close()
        // Read nothing until the pipe is full (or the stream ended), and a while after.
        var queued: Int32 = 0
        var waited = 0
        while p.isRunning && waited < 600 {
            _ = ioctl(r, UInt(FIONREAD), &queued)
            if queued >= 3500 { break }
            usleep(50_000); waited += 1
        }
        usleep(500_000)
        let got = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let message = try stderr()
        #expect(p.terminationStatus == 0, "\(message)")
        #expect(String(decoding: got, as: UTF8.self) == expected.stdout)
    }
}
