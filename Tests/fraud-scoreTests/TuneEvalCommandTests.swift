import Foundation
import Testing

/// Runs the built `fraud-score` binary: `tune` and `eval` end to end, exit codes and files.
@Suite("TuneEvalCommands")
struct TuneEvalCommandTests {
    static var binary: String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent(), dir.deletingLastPathComponent().deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("fraud-score").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return dir.appendingPathComponent("fraud-score").path
    }

    struct Run { var status: Int32; var out: String; var err: String }

    static func run(_ args: [String], in dir: String) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "fraud-score-tune-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func tuneAndEvalOnASyntheticWeek() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try Self.run(["synth", "--subscribers", "3000", "--days", "7", "--seed", "5", "--out", "w"], in: dir).status == 0)
        let rules = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules/default.rules").path
        let tune = try Self.run(["tune", "--labels", "w/labels.csv", "--rules", rules, "--folds", "3", "--capacity", "1:1,2:2,3:5",
                                 "--out", "tuned.rules", "--metrics", "m.json", "--report", "r.html", "w/calls.csv"], in: dir)
        #expect(tune.status == 0, "\(tune.err)")
        #expect(tune.out.contains("tuned, 3-fold CV"))
        let text = try String(contentsOfFile: dir + "/tuned.rules", encoding: .utf8)
        #expect(text.hasPrefix("# fraud-score tune:"))
        #expect(text.contains("tier 1 = score >= "))
        let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/tuned.rules")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let metrics = try String(contentsOfFile: dir + "/m.json", encoding: .utf8)
        for key in ["\"roc_auc\":", "\"pr_auc\":", "\"log_loss\":", "\"brier\":", "\"tiers\":["] { #expect(metrics.contains(key)) }
        let html = try String(contentsOfFile: dir + "/r.html", encoding: .utf8)
        #expect(html.contains("<svg") && !html.contains("<script") && !html.contains("http://www.w3.org/1999/xhtml\" src"))
        #expect(try Self.run(["check", "tuned.rules"], in: dir).status == 0)

        let eval = try Self.run(["eval", "--labels", "w/labels.csv", "--rules", rules, "--compare", "tuned.rules",
                                 "--changes", "changes.csv", "w/calls.csv"], in: dir)
        #expect(eval.status == 0, "\(eval.err)")
        #expect(eval.out.contains("TIER CHANGES"))
        #expect(try String(contentsOfFile: dir + "/changes.csv", encoding: .utf8).hasPrefix("id,tier_a,tier_b,label\n"))
    }

    @Test func usageAndInputErrorsExitWithSysexits() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let noOut = try Self.run(["tune", "--labels", "l.csv", "calls.csv"], in: dir)
        #expect(noOut.status == 64 && noOut.err.contains("Missing '--out FILE'"))
        #expect(try Self.run(["tune", "--labels", "missing.csv", "--out", "x.rules", "calls.csv"], in: dir).status == 66)
        #expect(try Self.run(["tune", "--tiers", "0.2,0.5", "--labels", "l", "--out", "x", "c"], in: dir).status == 64)
        // Spaces around a cut-off are fine (the labels are then missing); inside one, not.
        #expect(try Self.run(["tune", "--tiers", "0.8, 0.5 ", "--labels", "l", "--out", "x", "c"], in: dir).status == 66)
        #expect(try Self.run(["tune", "--tiers", "0.8,0 .5", "--labels", "l", "--out", "x", "c"], in: dir).status == 64)
        let help = try Self.run(["eval", "--help"], in: dir)
        #expect(help.status == 0 && help.out.hasPrefix("OVERVIEW:"))
        try "id,y,x\n1,1,3\n2,2,4\n".write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        let bad = try Self.run(["tune", "--table", "t.csv", "--id", "id", "--label", "y", "--suggest", "--out", "o"], in: dir)
        #expect(bad.status == 65 && bad.err.contains("t.csv:3:"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/o"))
        // Labels that name no subscriber of the calls: the failed fit says so.
        try "subscriber,label\n13800000001,1\n13800000002,0\n".write(toFile: dir + "/absent.csv", atomically: true, encoding: .utf8)
        try "start_time,caller,callee,duration\n2026-03-02 08:00:00,13900000001,13900000002,60\n".write(toFile: dir + "/c1.csv", atomically: true, encoding: .utf8)
        let absent = try Self.run(["tune", "--labels", "absent.csv", "--out", "o", "c1.csv"], in: dir)
        #expect(absent.status == 65 && absent.err.contains("left out: 2 not in the calls"), "\(absent.err)")
        // Labels with nothing labelled would print a table of dashes and exit 0.
        try "2026-03-02 08:00:00,13900000001,13900000002,60\n".write(toFile: dir + "/c.csv", atomically: true, encoding: .utf8)
        for (name, text) in [("empty.csv", ""), ("header.csv", "subscriber,label\n"), ("unlabelled.csv", "subscriber,label\n13900000001,\n")] {
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
            let none = try Self.run(["eval", "--labels", name, "c.csv"], in: dir)
            #expect(none.status == 65 && none.err.contains("\(name): no labelled subscriber"), "\(none.err)")
        }
    }

    /// Options that do nothing in the run asked for were accepted and ignored: '--fraud-labels'
    /// with '--table' fitted no caller model, '--suspect-threshold' without it moved nothing,
    /// '--days' with calls counted the calls' days. Each is now a usage error naming why.
    @Test func optionsThatWouldDoNothingAreRefused() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "id,label,x\n1,1,3\n2,0,4\n".write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        let table = ["--table", "t.csv", "--id", "id", "--label", "label", "--suggest", "--out", "o.rules"]
        let cases: [([String], String)] = [
            (["tune"] + table + ["--fraud-labels", "f.csv"], "'--fraud-labels' has no effect with '--table'"),
            (["tune"] + table + ["--watchlist", "w.txt"], "'--watchlist' has no effect with '--table'"),
            (["tune", "--table", "t.csv", "--id", "id", "--label", "label", "--rules", "r", "--max-rules", "3", "--out", "o"],
             "'--max-rules' has no effect without '--suggest'"),
            (["tune", "--labels", "l.csv", "--suspect-threshold", "0.3", "--out", "o", "c.csv"],
             "'--suspect-threshold' has no effect without '--fraud-labels'"),
            (["tune", "--labels", "l.csv", "--days", "7", "--out", "o", "c.csv"], "'--days' has no effect without '--table'"),
            (["tune", "--labels", "l.csv", "--min-score", "0.2", "--out", "o", "c.csv"], "'--min-score' has no effect without '--capacity'"),
            (["eval", "--table", "t.csv", "--id", "id", "--label", "label", "--rules", "r", "--labels", "l.csv"],
             "'--labels' has no effect with '--table'"),
            (["eval", "--labels", "l.csv", "--id", "msisdn", "c.csv"], "'--id' has no effect without '--table'"),
            (["eval", "--labels", "l.csv", "--fraud-labels", "f.csv", "c.csv"], "Unknown option '--fraud-labels'"),
        ]
        for (args, message) in cases {
            let r = try Self.run(args, in: dir)
            #expect(r.status == 64 && r.err.contains(message), "\(args): \(r.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/o.rules"))
    }

    /// With '--l2 0' and a rule that separates the labels the fit never converged, and its
    /// runaway weights were written as the tuned rules with exit 0.
    @Test func aFitThatDoesNotConvergeWritesNothing() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var table = "id,label,x,noise\n"
        for i in 0..<200 { table += "\(i),\(i % 10 == 0 ? 1 : 0),\(i % 10 == 0 ? 1 : 0),\(Double(i * 37 % 101) / 101)\n" }
        try table.write(toFile: dir + "/t.csv", atomically: true, encoding: .utf8)
        try "victim rule x weight 1 = x >= 1\nvictim rule noise weight 0.5 = noise\ntier 1 = score >= 0.5\n"
            .write(toFile: dir + "/r.rules", atomically: true, encoding: .utf8)
        let args = ["tune", "--table", "t.csv", "--id", "id", "--label", "label", "--rules", "r.rules", "--out", "o.rules"]
        let r = try Self.run(args + ["--l2", "0"], in: dir)
        #expect(r.status == 65 && r.err.contains("the fit did not converge"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/o.rules"))
        #expect(try Self.run(args, in: dir).status == 0)
    }
}
