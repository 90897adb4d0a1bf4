#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import Testing

/// A run with several outputs publishes them together: one that fails leaves every file as it
/// was, and an output that cannot be created stops the run before the work.
@Suite("Outputs published together (end to end)", .serialized)
struct OutputSetTests {
    typealias IO = HardenedIOTests
    static let calls = "datasets/wild_sample/calls.csv"

    /// A device on which every write fails (ENOSPC): /dev/full, or as root a node of our own
    /// like it, so that no run can ever replace the system's.
    static func fullDevice(in dir: String) throws -> String {
        guard getuid() == 0 else { return "/dev/full" }
        var full = stat()
        try #require(stat("/dev/full", &full) == 0)
        try #require(mknod(dir + "/full", S_IFCHR | 0o666, full.st_rdev) == 0)
        return dir + "/full"
    }

    static func entries(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }

    @Test func scoreLeavesTheListWhenTheSuspectsCannotBeWritten() throws {
        let dir = try IO.tempDir()
        let full = try Self.fullDevice(in: dir)
        try IO.write("the previous list\n", to: dir + "/list.csv")
        let r = try IO.run(["score", "--out", dir + "/list.csv", "--suspects", full, Self.calls])
        #expect(r.status == 74)
        #expect(r.err.contains("cannot write '\(full)': No space left on device"))
        #expect(try IO.read(dir + "/list.csv") == "the previous list\n")
        // An output that cannot be created is found before the calls are read (here: before
        // finding they are missing).
        let nowhere = try IO.run(["score", "--out", dir + "/list.csv", "--suspects", dir + "/no/such/s.csv", dir + "/missing.csv"])
        #expect(nowhere.status == 74)
        #expect(nowhere.err.contains("cannot create '\(dir)/no/such/s.csv': No such file or directory"))
        #expect(try IO.read(dir + "/list.csv") == "the previous list\n")
        #expect(try Self.entries(dir) == (getuid() == 0 ? ["full", "list.csv"] : ["list.csv"]))
        // One file named twice would be a silent overwrite.
        let twice = try IO.run(["score", "--out", dir + "/list.csv", "--suspects", dir + "/../\(URL(fileURLWithPath: dir).lastPathComponent)/list.csv", Self.calls])
        #expect(twice.status == 64)
        #expect(twice.err.contains("'--out' and '--suspects' name the same file"))
    }

    @Test func tuneAndEvalLeaveEveryFileWhenOneCannotBeWritten() throws {
        let dir = try IO.tempDir()
        let full = try Self.fullDevice(in: dir)
        #expect(try IO.run(["synth", "--subscribers", "1000", "--days", "3", "--seed", "5", "--out", dir + "/w"]).status == 0)
        try IO.write("# the previous rules\n", to: dir + "/tuned.rules")
        let tune = try IO.run(["tune", "--labels", dir + "/w/labels.csv", "--folds", "3", "--out", dir + "/tuned.rules",
                               "--metrics", dir + "/m.json", "--report", full, dir + "/w/calls.csv"])
        #expect(tune.status == 74, "\(tune.err)")
        #expect(try IO.read(dir + "/tuned.rules") == "# the previous rules\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/m.json"))

        let eval = try IO.run(["eval", "--labels", dir + "/w/labels.csv", "--compare", "rules/default.rules",
                               "--metrics", dir + "/m.json", "--changes", full, dir + "/w/calls.csv"])
        #expect(eval.status == 74, "\(eval.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/m.json"))
        // '--changes' without '--compare' is found before any work (the calls are missing).
        let noCompare = try IO.run(["eval", "--labels", dir + "/w/labels.csv", "--changes", dir + "/c.csv", dir + "/missing.csv"])
        #expect(noCompare.status == 64 && noCompare.err.contains("'--changes' needs '--compare FILE'"))
        #expect(try Self.entries(dir) == (getuid() == 0 ? ["full", "tuned.rules", "w"] : ["tuned.rules", "w"]))
    }

    @Test func synthLeavesTheEarlierWeekWhenOneFileCannotBeWritten() throws {
        let dir = try IO.tempDir()
        #expect(try IO.run(["synth", "--subscribers", "200", "--days", "2", "--seed", "1", "--out", dir]).status == 0)
        let before = try IO.read(dir + "/calls.csv")
        // watchlist.txt, the last file written, cannot be: it is a directory now.
        #expect(unlink(dir + "/watchlist.txt") == 0 && mkdir(dir + "/watchlist.txt", 0o700) == 0)
        let r = try IO.run(["synth", "--subscribers", "300", "--days", "2", "--seed", "2", "--out", dir])
        #expect(r.status == 74)
        #expect(r.err.contains("it is a directory"))
        #expect(try IO.read(dir + "/calls.csv") == before)
        #expect(try Self.entries(dir) == ["calls.csv", "fraud.csv", "labels.csv", "victims.csv", "watchlist.txt"])
    }

    /// An output naming one of the run's inputs would have been renamed over it: the calls
    /// replaced by the list, the labels by the metrics, without a word.
    @Test func anOutputNeverReplacesAnInput() throws {
        let dir = try IO.tempDir()
        #expect(try IO.run(["synth", "--subscribers", "300", "--days", "3", "--seed", "5", "--out", dir + "/w"]).status == 0)
        let calls = dir + "/w/calls.csv", labels = dir + "/w/labels.csv"
        let before = try IO.read(calls), labelsBefore = try IO.read(labels)
        #expect(symlink(calls, dir + "/link.csv") == 0)
        for out in [calls, dir + "/link.csv", dir + "/w/../w/calls.csv"] {
            let r = try IO.run(["score", "--out", out, calls])
            #expect(r.status == 64, "\(r.err)")
            #expect(r.err.contains("'--out' names '\(out)', a call file this run reads"))
        }
        let suspects = try IO.run(["score", "--suspects", dir + "/w/watchlist.txt", "--watchlist", dir + "/w/watchlist.txt", calls])
        #expect(suspects.status == 64 && suspects.err.contains("the '--watchlist' file this run reads"))
        let tune = try IO.run(["tune", "--labels", labels, "--folds", "3", "--out", dir + "/t.rules", "--metrics", labels, calls])
        #expect(tune.status == 64 && tune.err.contains("'--metrics' names '\(labels)', the '--labels' file this run reads"))
        let eval = try IO.run(["eval", "--labels", labels, "--compare", "rules/default.rules", "--changes", calls, calls])
        #expect(eval.status == 64 && eval.err.contains("'--changes' names"))
        #expect(try IO.read(calls) == before)
        #expect(try IO.read(labels) == labelsBefore)
        #expect(try Self.entries(dir + "/w") == ["calls.csv", "fraud.csv", "labels.csv", "victims.csv", "watchlist.txt"])
        // Tuning a rules file in place is what '--rules X --out X' asks for.
        try IO.write(try IO.read("rules/default.rules"), to: dir + "/my.rules")
        let inPlace = try IO.run(["tune", "--labels", labels, "--folds", "3", "--rules", dir + "/my.rules", "--out", dir + "/my.rules", calls])
        #expect(inPlace.status == 0, "\(inPlace.err)")
        #expect(try IO.read(dir + "/my.rules").hasPrefix("# fraud-score tune:"))
    }
}
