import Foundation
import Testing

/// How the end-to-end tests run the real `fraud-score` binary, as a user would: in the package
/// root, stdout and stderr apart, in a temporary folder of their own. Suites reach them as
/// `EndToEnd.run`, or conform to ``EndToEndFixture`` and name them as their own.
enum EndToEnd {
    /// The package root (…/Tests/fraud-scoreTests/EndToEndTestSupport.swift → …): the working
    /// directory of every run, so the binary finds `rules/default.rules` there.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `fraud-score`. SwiftPM puts every product of the package, the test runner
    /// included, in one products folder (`<scratch>/<triple>/debug/`), and this target depends
    /// on the executable, so it is built before the tests run. On Linux the runner
    /// (`fraud-scorePackageTests.xctest`) is a plain executable and `Bundle.main.bundleURL` is
    /// that folder; `/proc/self/exe` and `arguments[0]` name the runner itself; on macOS the
    /// runner is Xcode's `xctest` and the products folder is the parent of the `.xctest`
    /// bundle in `Bundle.allBundles`. The first folder holding an executable `fraud-score` wins,
    /// so whichever scratch path was used (`.build`, `.build-tests`), the binary is the one
    /// built with these tests.
    static let binary: URL? = {
        var folders = [Bundle.main.bundleURL]
        if let exe = Bundle.main.executableURL { folders.append(exe.deletingLastPathComponent()) }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        if let first = ProcessInfo.processInfo.arguments.first {
            folders.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        for b in Bundle.allBundles where b.bundleURL.pathExtension == "xctest" {
            folders.append(b.bundleURL.deletingLastPathComponent())
        }
        return folders.map { $0.appendingPathComponent("fraud-score") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct RunResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `fraud-score args` in the package root; stdout and stderr go through files, so a
    /// large output can never block the child on a full pipe.
    static func run(_ args: [String], stdin: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let binary = try #require(Self.binary, "fraud-score not found beside the test runner", sourceLocation: sourceLocation)
        let dir = try TempDir()
        let out = dir.url.appendingPathComponent("stdout"), err = dir.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = packageRoot
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardInput = try stdin.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return RunResult(status: p.terminationStatus,
                      stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// A temporary folder, removed when the value goes away.
    final class TempDir {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("fraud-score-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func file(_ name: String, _ text: String? = nil) throws -> URL {
            let u = url.appendingPathComponent(name)
            if let text { try text.write(to: u, atomically: false, encoding: .utf8) }
            return u
        }
    }

    /// A synthetic log: 300 subscribers, two days, seed 5.
    static func synth(into dir: TempDir) throws -> URL {
        let r = try run(["synth", "--subscribers", "300", "--days", "2", "--seed", "5", "--out", dir.url.path])
        #expect(r.status == 0, "\(r.stderr)")
        return dir.url.appendingPathComponent("calls.csv")
    }

    static let header = "start_time,caller,callee,duration\n"

    /// Splits one CSV row, honouring double quotes.
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = [], field = "", quoted = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            switch c {
            case "\"" where quoted:
                if let n = chars.next() {
                    if n == "\"" { field.append("\"") } else { quoted = false; if n == "," { out.append(field); field = "" } else { field.append(n) } }
                } else { quoted = false }
            case "\"" where field.isEmpty: quoted = true
            case "," where !quoted: out.append(field); field = ""
            default: field.append(c)
            }
        }
        out.append(field)
        return out
    }
}

/// A suite that conforms names the helpers of ``EndToEnd`` as its own (`Self.run`, `TempDir`).
protocol EndToEndFixture {}

extension EndToEndFixture {
    typealias TempDir = EndToEnd.TempDir
    typealias RunResult = EndToEnd.RunResult

    static var packageRoot: URL { EndToEnd.packageRoot }
    static var binary: URL? { EndToEnd.binary }
    static var header: String { EndToEnd.header }

    static func run(_ args: [String], stdin: URL? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        try EndToEnd.run(args, stdin: stdin, sourceLocation: sourceLocation)
    }

    static func synth(into dir: TempDir) throws -> URL { try EndToEnd.synth(into: dir) }

    static func fields(_ line: Substring) -> [String] { EndToEnd.fields(line) }
}
