#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import Testing

/// A closed stdout, end to end (`Console`): a run whose reader is gone ends quietly with exit
/// 0, and still writes the files it was asked for.
@Suite("Closed stdout (end to end)")
struct ConsoleTests: EndToEndFixture {
    @Test func closedStdoutEndsQuietly() throws {
        let dir = try TempDir()
        let calls = try Self.synth(into: dir)
        let binary = try #require(Self.binary)
        for args in [["score", calls.path, "--all"], ["--help"]] {
            // Like `fraud-score … | head -0`: the reader is gone before the first write.
            var fds: [Int32] = [0, 0]
            try #require(pipe(&fds) == 0)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)           // Process dup2s it onto the child's stdout
            close(fds[0])
            let errFile = try dir.file("stderr-\(args.count)", "")
            let p = Process()
            p.executableURL = binary
            p.arguments = args
            p.currentDirectoryURL = Self.packageRoot
            p.standardOutput = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
            p.standardError = try FileHandle(forWritingTo: errFile)
            p.standardInput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            let stderr = try String(contentsOf: errFile, encoding: .utf8)
            #expect(p.terminationReason == .exit)
            #expect(p.terminationStatus == 0, "\(args): \(stderr)")
            #expect(!stderr.contains("Fatal error") && !stderr.contains("Illegal") && !stderr.contains("Segmentation"))
            // The run stopped at its first write: no summary, which comes after the list.
            #expect(!stderr.contains("fraud-score: "))
        }
    }

    @Test func aClosedReportStillWritesTheFiles() throws {
        // `eval … --metrics m.json | head -0`: the report goes to stdout first; its reader gone,
        // the metrics file must still be written (the process used to end there, leaving a
        // temporary file and no m.json).
        let dir = try TempDir()
        let calls = try Self.synth(into: dir)
        let labels = calls.deletingLastPathComponent().appendingPathComponent("labels.csv")
        let metrics = dir.url.appendingPathComponent("m.json")
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        close(fds[0])
        let binary = try #require(Self.binary)
        let p = Process()
        p.executableURL = binary
        p.arguments = ["eval", "--labels", labels.path, "--metrics", metrics.path, calls.path]
        p.currentDirectoryURL = Self.packageRoot
        p.standardOutput = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: metrics.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).allSatisfy { !$0.contains(".tmp") })
    }
}
