#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import Testing

/// Signals that come before the live feed: while a warm-up file (here a named pipe, as a
/// slow source) is read. They are heard, never the default action that kills the process.
extension StreamCommandTests {
    /// A `stream --warm-up FIFO` started as a supervisor would: with SIGHUP, SIGINT and
    /// SIGTERM unblocked and at their default action (a test runner may block them, and
    /// `Process` passes its mask on), so a signal the stream does not handle ends it. A class:
    /// it stands for one child process, reaped once.
    final class WarmingUp {
        let pid: pid_t
        let err: URL
        private(set) var status: Int32? = nil

        init(_ fifo: String, _ extra: [String], stdin input: URL, dir: E2E.TempDir) throws {
            let binary = try #require(E2E.binary).path
            err = try dir.file("err-\(UUID().uuidString)", "")
            let rules = E2E.packageRoot.appendingPathComponent("rules/default.rules").path
            let args = [binary, "stream", "--stats-every", "0", "--rules", rules, "--warm-up", fifo] + extra
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, input.path, O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, err.path, O_WRONLY, 0)
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var none = sigset_t(), these = sigset_t()
            sigemptyset(&none)
            sigemptyset(&these)
            for s in [SIGHUP, SIGINT, SIGTERM] { sigaddset(&these, s) }
            posix_spawnattr_setsigmask(&attributes, &none)
            posix_spawnattr_setsigdefault(&attributes, &these)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            var cArgs = args.map { strdup($0) } + [nil]   // freed after the spawn
            defer { for a in cArgs { free(a) } }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, binary, &actions, &attributes, &cArgs, environ)
            try #require(spawned == 0, "posix_spawn: \(String(cString: strerror(spawned)))")
            self.pid = pid
        }

        /// Waits (up to 10 s) until it handles SIGHUP, SIGINT and SIGTERM (its `SigCgt` in
        /// /proc), so a signal sent next does not race its start; false if it never does.
        func waitUntilItHandlesSignals() -> Bool {
            let wanted = [SIGHUP, SIGINT, SIGTERM].reduce(UInt64(0)) { $0 | 1 << UInt64($1 - 1) }
            for _ in 0..<200 {
                guard isRunning() else { return false }
                let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
                if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
                   let caught = UInt64(line.dropFirst(7).trimmingCharacters(in: .whitespaces), radix: 16),
                   caught & wanted == wanted { return true }
                usleep(50_000)
            }
            return false
        }

        /// Whether it is still running (reaps it once it ended).
        func isRunning() -> Bool {
            guard status == nil else { return false }
            var st: Int32 = 0
            if waitpid(pid, &st, WNOHANG) == pid { status = st; return false }
            return true
        }

        /// Waits up to 10 s for it to end; kills it if it does not (false).
        func waitForExit() -> Bool {
            var waited = 0
            while isRunning() && waited < 200 { usleep(50_000); waited += 1 }
            if isRunning() { kill(pid, SIGKILL); var st: Int32 = 0; waitpid(pid, &st, 0); status = st; return false }
            return true
        }

        /// "exit N" or "signal N", once it ended.
        var outcome: String {
            guard let st = status else { return "running" }
            return st & 0x7F == 0 ? "exit \((st >> 8) & 0xFF)" : "signal \(st & 0x7F)"
        }

        var stderr: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }
    }

    /// A week's lines, a FIFO to feed them to `--warm-up` through, and a live feed of the
    /// header alone.
    static func warmUpPipe(_ dir: E2E.TempDir) throws -> (lines: [String], fifo: String, live: URL) {
        let lines = try week(dir)
        let fifo = dir.url.appendingPathComponent("past.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        return (lines, fifo, try dir.file("live.csv", lines[0] + "\n"))
    }

    @Test func hangUpDuringTheWarmUpReloadsOnceItIsDone() throws {
        let dir = try E2E.TempDir()
        let (lines, fifo, live) = try Self.warmUpPipe(dir)
        let p = try WarmingUp(fifo, [], stdin: live, dir: dir)
        #expect(p.waitUntilItHandlesSignals(), "no handlers while it waits for the warm-up pipe")
        usleep(200_000)                                         // waiting for the pipe's writer
        kill(p.pid, SIGHUP)
        usleep(300_000)
        // Required: a writer would wait forever for a reader that is gone.
        try #require(p.isRunning(), "SIGHUP during the warm-up ended the process: \(p.outcome)")
        let writer = try #require(FileHandle(forWritingAtPath: fifo))
        try writer.write(contentsOf: Data((lines[..<(lines.count / 2)].joined(separator: "\n") + "\n").utf8))
        usleep(300_000)
        kill(p.pid, SIGHUP)                                     // reading the pipe's data
        usleep(300_000)
        try writer.write(contentsOf: Data((lines[(lines.count / 2)...].joined(separator: "\n") + "\n").utf8))
        try writer.close()
        #expect(p.waitForExit(), "the stream did not end")
        #expect(p.outcome == "exit 0", "\(p.stderr)")
        #expect(p.stderr.contains("stream: warmed up on \(lines.count - 1) records"), "\(p.stderr)")
        // Once, after the warm-up: the flag is read by the live loop.
        let reloads = p.stderr.components(separatedBy: "stream: reloaded ").count - 1
        #expect(reloads == 1, "\(p.stderr)")
    }

    @Test func aStopDuringTheWarmUpEndsCleanlyAndSavesNothing() throws {
        let dir = try E2E.TempDir()
        let (lines, fifo, live) = try Self.warmUpPipe(dir)
        let checkpoint = dir.url.appendingPathComponent("state.ckpt").path
        for (signal, name, writes) in [(SIGTERM, "SIGTERM", false), (SIGINT, "SIGINT", true)] {
            let p = try WarmingUp(fifo, ["--checkpoint", checkpoint], stdin: live, dir: dir)
            #expect(p.waitUntilItHandlesSignals(), "no handlers while it waits for the warm-up pipe")
            usleep(200_000)
            try #require(p.isRunning())
            // Stopped while it waits for the pipe's writer, or while it waits for more data.
            let writer = writes ? FileHandle(forWritingAtPath: fifo) : nil
            try writer?.write(contentsOf: Data((lines[..<1000].joined(separator: "\n") + "\n").utf8))
            usleep(300_000)
            kill(p.pid, signal)
            #expect(p.waitForExit(), "\(name) during the warm-up did not stop the stream")
            try writer?.close()
            #expect(p.outcome == "exit 0", "\(name): \(p.outcome): \(p.stderr)")
            #expect(p.stderr.contains("stream: \(name) during the warm-up, in '\(fifo)': stopped, nothing written or saved"), "\(p.stderr)")
            #expect(!FileManager.default.fileExists(atPath: checkpoint))
        }
    }
}
