#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import Testing

/// What `--out` and `--suspects` do to what their path names: only a regular file is replaced
/// (atomically); a symlink is followed; a device, FIFO or socket is written, never replaced.
@Suite("Output targets (end to end)", .serialized)
struct OutputTargetTests {
    typealias IO = HardenedIOTests
    static let calls = "datasets/wild_sample/calls.csv"

    static func kind(_ path: String) -> mode_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : nil
    }

    /// The list `score --all` prints to stdout: what every target should receive.
    static func expectedList() throws -> String {
        let r = try IO.run(["score", "--all", calls])
        #expect(r.status == 0)
        return r.out
    }

    @Test func aFIFOIsWrittenToItsReaderAndStaysAFIFO() throws {
        let dir = try IO.tempDir()
        let fifo = dir + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        // The reader is open before the run starts (so the run's open does not wait) and
        // never blocks: should the FIFO be replaced, it sees no writer and the test ends.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        let run = try Self.start(["score", "--all", "--quiet", "--out", fifo, Self.calls])
        var got: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 16)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            var poller = pollfd(fd: reader, events: Int16(POLLIN), revents: 0)
            _ = poll(&poller, 1, 50)
            let n = read(reader, &chunk, chunk.count)
            if n > 0 { got += chunk[..<n]; continue }
            // 0: no writer now; EAGAIN: a writer, nothing yet. Done once the run has ended.
            if !run.isRunning && (n == 0 || errno != EAGAIN) { break }
        }
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
        #expect(Self.kind(fifo) == S_IFIFO)
        #expect(String(decoding: got, as: UTF8.self) == (try Self.expectedList()))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["fifo"])
    }

    /// Starts the binary in the package root without waiting for it; its output is dropped.
    static func start(_ args: [String]) throws -> Process {
        let exe = try #require(IO.realpathString("/proc/self/exe"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: String(exe[..<(exe.lastIndex(of: "/") ?? exe.endIndex)]) + "/fraud-score")
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: IO.root)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test func aSymlinkStaysAndTheFileItNamesIsReplaced() throws {
        let dir = try IO.tempDir()
        #expect(mkdir(dir + "/real", 0o700) == 0 && mkdir(dir + "/links", 0o700) == 0)
        try IO.write("the previous list\n", to: dir + "/real/list.csv")
        #expect(symlink("../real/list.csv", dir + "/links/list.csv") == 0)
        // A dangling link: the file is created where it points.
        #expect(symlink(dir + "/real/suspects.csv", dir + "/links/suspects.csv") == 0)
        let r = try IO.run(["score", "--all", "--out", dir + "/links/list.csv", "--suspects", dir + "/links/suspects.csv", Self.calls])
        #expect(r.status == 0, "\(r.err)")
        #expect(Self.kind(dir + "/links/list.csv") == S_IFLNK && Self.kind(dir + "/links/suspects.csv") == S_IFLNK)
        #expect(try IO.read(dir + "/real/list.csv") == Self.expectedList())
        #expect(try IO.read(dir + "/real/suspects.csv").hasPrefix("number,suspicion"))
        #expect(IO.mode(dir + "/real/list.csv") == 0o600)
        // The temporary files were made beside the targets, and are gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/real").sorted() == ["list.csv", "suspects.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/links").sorted() == ["list.csv", "suspects.csv"])
    }

    @Test func aCharacterDeviceIsWrittenNotReplaced() throws {
        // As root a device node of our own (a copy of /dev/null) is made, so that the run can
        // never replace the system's; otherwise /dev/null itself, which only root could replace.
        var device = "/dev/null"
        if getuid() == 0 {
            var null = stat()
            #expect(stat("/dev/null", &null) == 0)
            device = try IO.tempDir() + "/null"
            #expect(mknod(device, S_IFCHR | 0o666, null.st_rdev) == 0)
        }
        let r = try IO.run(["score", "--out", device, "--suspects", device, Self.calls])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.isEmpty)
        #expect(Self.kind(device) == S_IFCHR)
    }

    @Test func aLinkToStandardOutputWritesToStandardOutput() throws {
        // /dev/stdout is such a link; one of our own, so the run can never replace the system's.
        let dir = try IO.tempDir()
        #expect(symlink("/proc/self/fd/1", dir + "/stdout") == 0)
        let r = try IO.run(["score", "--quiet", "--out", dir + "/list.csv", "--suspects", dir + "/stdout", Self.calls])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("number,suspicion"))
        #expect(Self.kind(dir + "/stdout") == S_IFLNK)
    }

    @Test func aSocketIsConnectedToAndStaysASocket() throws {
        let dir = try IO.tempDir()
        let path = dir + "/sock"
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8))
            raw[path.utf8.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0 && listen(listener, 1) == 0)
        // The list is small enough for the socket's buffer: the run ends before it is read.
        let r = try IO.run(["score", "--all", "--quiet", "--out", path, Self.calls])
        #expect(r.status == 0, "\(r.err)")
        #expect(Self.kind(path) == S_IFSOCK)
        var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        try #require(poll(&poller, 1, 5_000) == 1, "the run never connected")
        let connection = accept(listener, nil, nil)
        defer { close(connection) }
        var got: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(connection, &chunk, chunk.count)
            if n <= 0 { break }
            got += chunk[..<n]
        }
        #expect(String(decoding: got, as: UTF8.self) == (try Self.expectedList()))
    }

    @Test func aDirectoryIsAClearError() throws {
        let dir = try IO.tempDir()
        let r = try IO.run(["score", "--out", dir, Self.calls])
        #expect(r.status == 74)
        #expect(r.err.contains("cannot write '\(dir)': it is a directory; name a file in it"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    /// An empty name failed only at the final rename, after the list had gone to stdout;
    /// synth's '--out ""' wrote the week into '/'.
    @Test func anEmptyNameIsRefusedBeforeAnyWork() throws {
        let suspects = try IO.run(["score", "--suspects", "", Self.calls])
        #expect(suspects.status == 74)
        #expect(suspects.err.contains("cannot write to an empty file name"))
        #expect(suspects.out.isEmpty)
        let synth = try IO.run(["synth", "--subscribers", "100", "--days", "1", "--out", ""])
        #expect(synth.status == 64 && synth.err.contains("'--out' wants a folder, got ''"))
    }
}
