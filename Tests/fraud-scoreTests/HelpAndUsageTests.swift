import Foundation
import Testing

/// Help and usage errors, end to end: `--help` and `help COMMAND` on stdout with exit 0; an
/// unknown option is an error and the usage line on stderr with exit 64, as is an unknown command.
@Suite("Help and usage (end to end)")
struct HelpAndUsageTests: EndToEndFixture {
    @Test func topLevelHelp() throws {
        let r = try Self.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("OVERVIEW: "))
        #expect(r.stdout.contains("\nUSAGE: fraud-score <subcommand>"))
        #expect(r.stdout.contains("\nSUBCOMMANDS:\n"))
        for c in ["score", "explain", "check", "synth"] { #expect(r.stdout.contains("\n  \(c) ")) }
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.contains("\nOPTIONS:\n"))
    }

    @Test(arguments: ["score", "stream", "explain", "check", "synth"])
    func subcommandHelp(_ command: String) throws {
        let r = try Self.run([command, "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("OVERVIEW: "))
        #expect(r.stdout.contains("\nUSAGE: fraud-score \(command)"))
        #expect(r.stdout.contains("\nOPTIONS:\n"))
        #expect(r.stdout.contains("-h, --help"))
        #expect(r.stderr.isEmpty)
        #expect(try Self.run(["help", command]).stdout == r.stdout)
    }

    @Test func unknownOptionIsAUsageError() throws {
        let r = try Self.run(["score", "--foo", "calls.csv"])
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.first == "Error: Unknown option '--foo'")
        #expect(lines.dropFirst().first?.hasPrefix("Usage: fraud-score score ") == true)
        #expect(try Self.run(["frobnicate"]).status == 64)
    }
}
