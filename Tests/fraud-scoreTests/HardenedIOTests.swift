#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing

/// Runs the built `fraud-score` on real-shaped inputs and checks what it writes: the other
/// input shapes, the separator option, `--pseudonymize`, and how output files are written.
@Suite("Hardened input and output (end to end)", .serialized)
struct HardenedIOTests {
    static let root = String(#filePath.dropLast("Tests/fraud-scoreTests/HardenedIOTests.swift".count))

    struct Run { var status: Int32; var out: String; var err: String }

    /// Runs the binary beside the test bundle, in the package root, through `sh` so a test
    /// can set the umask.
    static func run(_ args: [String], umask mask: String = "022", shell: String = "", stdin: String? = nil) throws -> Run {
        let exe = try #require(realpathString("/proc/self/exe"))
        let binary = String(exe[..<(exe.lastIndex(of: "/") ?? exe.endIndex)]) + "/fraud-score"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "umask \(mask); \(shell) exec \"$0\" \"$@\"", binary] + args
        p.currentDirectoryURL = URL(fileURLWithPath: root)
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    static func realpathString(_ path: String) -> String? {
        guard let r = realpath(path, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    static func tempDir() throws -> String {
        var template = Array("/tmp/fraud-score-test-XXXXXX".utf8CString)
        guard let d = mkdtemp(&template) else { throw POSIXError(.EIO) }
        return String(cString: d)
    }

    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o777 : nil
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    // MARK: - Shapes

    @Test func everySampleShapeGivesThePerCallList() throws {
        let dir = try Self.tempDir()
        #expect(try Self.run(["synth", "--subscribers", "100", "--days", "4", "--seed", "2", "--out", dir]).status == 0)
        let reference = try Self.run(["score", "--all", dir + "/calls.csv"])
        #expect(reference.status == 0 && reference.out.split(separator: "\n").count == 151)
        let subscriber = try Self.run(["score", "--all", "--layout", "subscriber", "datasets/subscriber_sample/calls.csv"])
        #expect(subscriber.out == reference.out)
        #expect(subscriber.err.contains("3521 calls seen from both sides counted once; 11 rows of other call types skipped (11 of type 3)"))
        let jsonl = try Self.run(["score", "--all", "--input-format", "jsonl", "datasets/jsonl_sample/calls.jsonl"])
        #expect(jsonl.out == reference.out)
        let wild = try Self.run(["score", "--all", "datasets/wild_sample/calls.csv"])
        #expect(wild.out == reference.out)
        #expect(wild.err.contains("5008 records read, 6 rejected"))
        let explicit = try Self.run(["score", "--all", "--separator", ";", "datasets/wild_sample/calls.csv"])
        #expect(explicit.out == reference.out)
        let viaStdin = try Self.run(["score", "--all", "--input-format", "jsonl", "-"],
                                    stdin: try Self.read(Self.root + "datasets/jsonl_sample/calls.jsonl"))
        #expect(viaStdin.out == reference.out)
    }

    /// A file given twice doubled every call and changed the tiers without a word.
    @Test func aFileGivenTwiceIsWarnedAbout() throws {
        let dir = try Self.tempDir()
        #expect(symlink(Self.root + "datasets/wild_sample/calls.csv", dir + "/link.csv") == 0)
        let r = try Self.run(["score", "datasets/wild_sample/calls.csv", dir + "/link.csv"])
        #expect(r.status == 0)
        #expect(r.err.contains("warning: '\(dir)/link.csv' is the same file as 'datasets/wild_sample/calls.csv': its calls are read, and count, twice"))
        let once = try Self.run(["score", "datasets/wild_sample/calls.csv"])
        #expect(!once.err.contains("warning"))
    }

    /// A rules warning already says "warning:" after its position; the prefix doubled it.
    @Test func aRulesWarningIsPrintedOnce() throws {
        let dir = try Self.tempDir()
        let rules = try Self.read(Self.root + "rules/default.rules")
            .replacingOccurrences(of: "victim rule night weight 0.5", with: "victim rule night weight 0")
        try Self.write(rules, to: dir + "/zero.rules")
        let r = try Self.run(["score", "--rules", dir + "/zero.rules", "datasets/wild_sample/calls.csv"])
        #expect(r.status == 0)
        let line = r.err.split(separator: "\n").first { $0.contains("has weight 0") } ?? ""
        #expect(line.hasPrefix("\(dir)/zero.rules:") && line.contains(": warning: rule 'night' has weight 0"), "\(r.err)")
        #expect(!line.hasPrefix("warning:"))
    }

    @Test func badShapeOptionsAreUsageErrors() throws {
        for args in [["--separator", "ab"], ["--layout", "rows"], ["--input-format", "xml"], ["--call-types", "1"],
                     ["--columns", "caller=x", "--layout", "subscriber"]] {
            let r = try Self.run(["score"] + args + ["datasets/wild_sample/calls.csv"])
            #expect(r.status == 64, "\(args)")
            #expect(r.err.hasPrefix("Error: '--") || r.err.hasPrefix("Error: --columns"), "\(args): \(r.err)")
        }
        // Direction codes mean nothing to rows of calls: ignored, they hid a forgotten '--layout'.
        let codes = try Self.run(["score", "--call-types", "MO,MT", "datasets/wild_sample/calls.csv"])
        #expect(codes.status == 64 && codes.err.contains("'--call-types' has no effect without '--layout subscriber'"))
        let separator = try Self.run(["score", "--input-format", "jsonl", "--separator", ";", "datasets/jsonl_sample/calls.jsonl"])
        #expect(separator.status == 64 && separator.err.contains("'--separator' has no effect with '--input-format jsonl'"))
        let wrongLayout = try Self.run(["score", "datasets/subscriber_sample/calls.csv"])
        #expect(wrongLayout.status == 65)
        #expect(wrongLayout.err.contains("use --layout subscriber"))
    }

    @Test func repeatedColumnsAreErrorsNotAGuess() throws {
        let dir = try Self.tempDir()
        try Self.write("start_time,caller,caller,callee,duration\n2026-03-02 08:00:00,13900000001,13900000009,13800000002,60\n",
                       to: dir + "/calls.csv")
        let header = try Self.run(["score", dir + "/calls.csv"])
        #expect(header.status == 65)
        #expect(header.err.contains("\(dir)/calls.csv:1: column 'caller' appears twice in the header (columns 2 and 3)"))
        for columns in ["caller=a,caller=b", "caller=x,callee=x"] {
            let r = try Self.run(["score", "--columns", columns, "datasets/wild_sample/calls.csv"])
            #expect(r.status == 64, "\(columns)")
            #expect(r.err.hasPrefix("Error: --columns: '"), "\(columns): \(r.err)")
        }
    }

    @Test func aStrayQuoteLosesOneCallNotTheNextSixtyFourKilobytes() throws {
        let dir = try Self.tempDir()
        #expect(try Self.run(["synth", "--subscribers", "1000", "--days", "3", "--seed", "7", "--out", dir]).status == 0)
        var lines = try Self.read(dir + "/calls.csv").split(separator: "\n").prefix(3001).map(String.init)
        // A quote before the caller of line 501: the lines after it (over 64 KiB) would be
        // one unclosed quoted field.
        let comma = try #require(lines[500].firstIndex(of: ","))
        lines[500].insert("\"", at: lines[500].index(after: comma))
        try Self.write(lines.joined(separator: "\n") + "\n", to: dir + "/bad.csv")
        let score = try Self.run(["score", dir + "/bad.csv"])
        #expect(score.status == 0)
        #expect(score.err.contains("\(dir)/bad.csv:501: a quoted field opened here is not closed within 65536 bytes"))
        #expect(score.err.contains("3000 records read, 1 rejected"), "\(score.err)")
        // The stream reads its input with the same reader.
        let stream = try Self.run(["stream", "--stats-every", "0"], shell: "exec < '\(dir)/bad.csv';")
        #expect(stream.status == 0)
        #expect(stream.err.contains("-:501: a quoted field opened here is not closed"))
        #expect(stream.err.contains("stream: 2999 records") && stream.err.contains(", 1 rejected"), "\(stream.err)")
    }

    @Test func helpListsTheNewOptions() throws {
        for command in ["score", "explain"] {
            let r = try Self.run([command, "--help"])
            for option in ["--layout", "--input-format", "--separator", "--call-types", "--pseudonymize"] {
                #expect(r.out.contains(option), "\(command) \(option)")
            }
        }
    }

    // MARK: - Pseudonyms

    @Test func pseudonymizedOutputsHoldNoInputNumber() throws {
        let dir = try Self.tempDir()
        let key = dir + "/key"
        try Self.write("0123456789abcdef-test-key-32byte", to: key)
        chmod(key, 0o600)
        let r = try Self.run(["score", "--all", "--pseudonymize", key, "--out", dir + "/list.csv",
                              "--suspects", dir + "/suspects.csv", "datasets/subscriber_sample/calls.csv", "--layout", "subscriber"])
        #expect(r.status == 0, "\(r.err)")
        let list = try Self.read(dir + "/list.csv"), suspects = try Self.read(dir + "/suspects.csv")
        let subscriber = try #require(list.split(separator: "\n").dropFirst().first?.split(separator: ",")[2])
        #expect(subscriber.hasPrefix("p:") && subscriber.count == 18)
        let input = try Self.read(Self.root + "datasets/subscriber_sample/calls.csv")
        let inputNumbers = Set(input.split { $0 == "," || $0 == "\n" }.filter { $0.filter(\.isNumber).count >= 7 }.map(String.init))
        let written = list + suspects + r.err
        let tokens = written.split { !($0.isLetter || $0.isNumber || $0 == "+" || $0 == ":") }
        for t in tokens where !t.hasPrefix("p:") {
            #expect(t.filter(\.isNumber).count < 7, "'\(t)'")
            #expect(!inputNumbers.contains(String(t)))
        }
        // Same key, same names; explain finds a subscriber by its pseudonym.
        let again = try Self.run(["score", "--all", "--pseudonymize", key, "--layout", "subscriber", "datasets/subscriber_sample/calls.csv"])
        #expect(again.out == list)
        let explain = try Self.run(["explain", "--pseudonymize", key, "--layout", "subscriber", String(subscriber),
                                    "datasets/subscriber_sample/calls.csv"])
        #expect(explain.status == 0)
        #expect(explain.out.hasPrefix("NUMBER \(subscriber)"))
        let explained = explain.out.split { !($0.isLetter || $0.isNumber || $0 == "+" || $0 == ":") }
        #expect(explained.filter { $0.hasPrefix("p:") }.count > 3)
        #expect(!explained.contains { $0.filter(\.isNumber).count >= 7 && !$0.hasPrefix("p:") })
        let noKey = try Self.run(["explain", String(subscriber), "datasets/subscriber_sample/calls.csv"])
        #expect(noKey.status == 64 && noKey.err.contains("give the key with --pseudonymize"))
    }

    @Test func keyFilesAreChecked() throws {
        let dir = try Self.tempDir()
        try Self.write("short\n", to: dir + "/short")
        let short = try Self.run(["score", "--pseudonymize", dir + "/short", "datasets/wild_sample/calls.csv"])
        #expect(short.status == 65)
        #expect(short.err.contains("the key has 6 bytes; want at least 16 (make one with: head -c 32 /dev/urandom > KEYFILE)"))
        let missing = try Self.run(["score", "--pseudonymize", dir + "/nope", "datasets/wild_sample/calls.csv"])
        #expect(missing.status == 66)
        try Self.write(String(repeating: "k", count: 32), to: dir + "/open")
        chmod(dir + "/open", 0o644)
        let open = try Self.run(["score", "--pseudonymize", dir + "/open", "datasets/wild_sample/calls.csv"])
        #expect(open.status == 0 && open.err.contains("can be read by other users"))
    }

    // MARK: - Files written

    @Test func outputFilesAre0600EvenUnderAPermissiveUmask() throws {
        let dir = try Self.tempDir()
        let r = try Self.run(["score", "--out", dir + "/list.csv", "--suspects", dir + "/s.csv", "datasets/wild_sample/calls.csv"],
                             umask: "000")
        #expect(r.status == 0)
        #expect(Self.mode(dir + "/list.csv") == 0o600)
        #expect(Self.mode(dir + "/s.csv") == 0o600)
        // Replacing a world-readable file gives a private one.
        try Self.write("old\n", to: dir + "/old.csv")
        chmod(dir + "/old.csv", 0o644)
        #expect(try Self.run(["score", "--out", dir + "/old.csv", "datasets/wild_sample/calls.csv"]).status == 0)
        #expect(Self.mode(dir + "/old.csv") == 0o600)
        #expect(try Self.read(dir + "/old.csv").hasPrefix("tier,action"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["list.csv", "old.csv", "s.csv"])
    }

    /// Results that cannot be written are an error (exit 74) whatever prints them: help,
    /// check, lists. A reader that went away (`| head`) is not.
    @Test func aFullStdoutIsAnErrorForEveryCommand() throws {
        for args in [["check", "rules/default.rules"], ["check", "--features"], ["stream", "--help"], ["--help"],
                     ["help", "score"], ["synth", "--help"], ["score", "--all", "datasets/wild_sample/calls.csv"]] {
            let r = try Self.run(args, shell: "exec >/dev/full;")
            #expect(r.status == 74, "\(args): \(r.err)")
            #expect(r.err.contains("No space left on device"), "\(args): \(r.err)")
        }
        let exe = try #require(Self.realpathString("/proc/self/exe"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: String(exe[..<(exe.lastIndex(of: "/") ?? exe.endIndex)]) + "/fraud-score")
        p.arguments = ["check", "--features"]
        p.currentDirectoryURL = URL(fileURLWithPath: Self.root)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try out.fileHandleForReading.close()                    // nobody reads it
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0 && e.isEmpty, "\(String(decoding: e, as: UTF8.self))")
    }

    @Test func aFailedRunLeavesAnExistingFileWhole() throws {
        let dir = try Self.tempDir()
        try Self.write("the previous list\n", to: dir + "/list.csv")
        // A bad row under --strict stops the run: the old list stays as it was.
        let bad = try Self.run(["score", "--strict", "--out", dir + "/list.csv", "datasets/wild_sample/calls.csv"])
        #expect(bad.status == 65)
        #expect(try Self.read(dir + "/list.csv") == "the previous list\n")
        // A write that fails half-way (the file-size limit, as a full disk would): exit 74,
        // the old list intact, no temporary file left.
        let full = try Self.run(["score", "--all", "--in-memory", "--out", dir + "/list.csv", "datasets/wild_sample/calls.csv"],
                                shell: "ulimit -f 8; trap '' XFSZ;")
        #expect(full.status == 74)
        #expect(full.err.contains("cannot write '\(dir)/list.csv': File too large"))
        #expect(try Self.read(dir + "/list.csv") == "the previous list\n")
        // The same limit on the file the calls are spilled to stops the run before any output.
        let spill = try Self.run(["score", "--all", "--spill", dir, "--out", dir + "/list.csv", "datasets/wild_sample/calls.csv"],
                                 shell: "ulimit -f 8; trap '' XFSZ;")
        #expect(spill.status == 74)
        #expect(spill.err.contains("cannot write the calls to a file in \(dir): File too large"))
        #expect(try Self.read(dir + "/list.csv") == "the previous list\n")
        let nowhere = try Self.run(["score", "--out", dir + "/no/such/dir/list.csv", "datasets/wild_sample/calls.csv"])
        #expect(nowhere.status == 74)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["list.csv"])
    }
}
