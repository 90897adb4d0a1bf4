import Foundation
import Testing

/// Rules files, end to end: `check`, and `--rules` of `score` and `stream`: errors exit 65
/// and leave the output alone, rules that can warn nobody are refused, a missing file exits
/// 66, and the shipped rules check cleanly.
@Suite("Rule files (end to end)")
struct RuleLoadingTests: EndToEndFixture {
    @Test func badRulesFileExits65AndLeavesOutputAlone() throws {
        let dir = try TempDir()
        let rules = try dir.file("bad.rules", """
            caller rule x weight 1 = out_calss > 3
            tier 4 = score > 0.5

            """)
        let csv = try dir.file("calls.csv", Self.header + "2026-03-02 08:15:30,13900000001,13900000002,60\n")
        let out = dir.url.appendingPathComponent("list.csv")
        let r = try Self.run(["score", "--rules", rules.path, "--out", out.path, csv.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(rules.path):1:26: unknown feature 'out_calss'"))
        #expect(r.stderr.contains("\(rules.path):2:6: "))
        #expect(!FileManager.default.fileExists(atPath: out.path))

        try "keep me\n".write(to: out, atomically: false, encoding: .utf8)
        let again = try Self.run(["score", "--rules", rules.path, "--out", out.path, csv.path])
        #expect(again.status == 65)
        #expect(try String(contentsOf: out, encoding: .utf8) == "keep me\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["bad.rules", "calls.csv", "list.csv"])

        let check = try Self.run(["check", rules.path])
        #expect(check.status == 65)
        #expect(check.stderr.contains("\(rules.path):1:26: "))
        // Every error on a line of its own, each marked as one (not only the first).
        let errors = check.stderr.split(separator: "\n").filter { $0.contains(rules.path) }
        #expect(errors.count >= 2 && errors.allSatisfy { $0.hasPrefix("Error: \(rules.path):") }, "\(check.stderr)")
    }

    @Test func rulesThatCanWarnNobodyAreRefused() throws {
        // An empty file (an editor's truncated save, a `>` typo) or one without tiers parses,
        // but scoring with it would list nobody and say nothing.
        let dir = try TempDir()
        let csv = try dir.file("calls.csv", Self.header + "2026-03-02 08:15:30,13900000001,13900000002,60\n")
        for (name, text) in [("empty.rules", ""), ("no-tiers.rules", "victim rule long weight 2 = suspect_talk >= 10m\n")] {
            let rules = try dir.file(name, text)
            for command in [["score", "--rules", rules.path, csv.path], ["check", rules.path],
                            ["stream", "--rules", rules.path]] {
                let r = try Self.run(command)
                #expect(r.status == 65, "\(command)")
                #expect(r.stderr.contains("\(rules.path): defines no tier"), "\(r.stderr)")
            }
        }
    }

    @Test func hugeRuleWeightDoesNotCrashScore() throws {
        let dir = try TempDir()
        let rules = try dir.file("huge.rules", """
            class compound = prefix("+855")
            caller bias -5
            caller suspect = compound
            victim rule big weight 1e20 = suspect_calls >= 1
            tier 3 = score >= 0.5

            """)
        let csv = try dir.file("calls.csv", Self.header + "2026-03-02 08:00:00,+85512345678,13900000001,600\n")
        #expect(try Self.run(["check", rules.path]).status == 0)               // the rules are valid
        let r = try Self.run(["score", "--rules", rules.path, "--quiet", csv.path])
        #expect(r.status == 0, "\(r.stderr.prefix(200))")
    }

    @Test func checkingAMissingRulesFileExits66() throws {
        let dir = try TempDir()
        let missing = dir.url.appendingPathComponent("nope.rules").path
        let r = try Self.run(["check", missing])
        #expect(r.status == 66 && r.stderr.contains("Error: cannot open '\(missing)'"), "\(r.stderr)")
        // With a file that has errors as well, the errors decide: 65.
        let bad = try dir.file("bad.rules", "victim rule v weight 1 = nothing_here >= 1\n")
        #expect(try Self.run(["check", missing, bad.path]).status == 65)
    }

    @Test func shippedRulesCheckCleanly() throws {
        let r = try Self.run(["check", "rules/default.rules"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("rules/default.rules: OK\n"))
    }
}
