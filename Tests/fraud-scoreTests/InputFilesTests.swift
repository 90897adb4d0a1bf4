import Foundation
import Testing

/// Bad call files, end to end: a missing file exits 66, a malformed line is reported and
/// skipped (or stops a `--strict` run with 65), and a missing column is named.
@Suite("Input files (end to end)")
struct InputFilesTests: EndToEndFixture {
    @Test func missingInputFileExits66() throws {
        let r = try Self.run(["score", "/nonexistent/calls.csv"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("Error: cannot open '/nonexistent/calls.csv'"))
        #expect(r.stdout.isEmpty)
    }

    @Test func malformedLineIsReportedAndSkippedUnlessStrict() throws {
        let dir = try TempDir()
        let csv = try dir.file("calls.csv", Self.header + """
            2026-03-02 08:15:30,13900000001,13900000002,60
            2026-03-02 08:16:30,13900000001,13900000002
            2026-03-02 08:17:30,13900000001,13900000003,30

            """)
        let r = try Self.run(["score", csv.path, "--quiet"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("\(csv.path):3: expected 4 fields, found 3"))
        #expect(r.stdout.hasPrefix("tier,action,subscriber,score,region,reasons"))
        let strict = try Self.run(["score", "--strict", csv.path])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("\(csv.path):3: expected 4 fields, found 3 (--strict)"))
        #expect(strict.stdout.isEmpty)
    }

    @Test func missingRequiredColumnExits65NamingIt() throws {
        let dir = try TempDir()
        let csv = try dir.file("calls.csv", "time,caller,callee,duration\n2026-03-02 08:15:30,139,138,3\n")
        let r = try Self.run(["score", csv.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("missing required column 'start_time'"))
        let mapped = try Self.run(["score", "--columns", "start_time=time", "--quiet", csv.path])
        #expect(mapped.status == 0)
    }
}
