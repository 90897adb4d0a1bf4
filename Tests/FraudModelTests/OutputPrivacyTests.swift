#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import FraudModel

/// Scores a synthetic week and checks every output a user can get — the warning list as CSV
/// and JSON Lines (every subscriber, `--all`), the suspect list, and explanations — for
/// numbers: without a key each must be a number of the input; with `--pseudonymize` no
/// number of the input may appear at all.
@Suite("Output privacy", .serialized)
struct OutputPrivacyTests {
    static let rulesPath = String(#filePath.dropLast("Tests/FraudModelTests/OutputPrivacyTests.swift".count)) + "rules/default.rules"
    static let key = Array("a key used only in this test!!!!".utf8)

    struct Scenario {
        let csv: [UInt8]
        /// Canonical form of every caller and callee field of the input, read independently
        /// of the reader (the synthetic file has no quotes).
        let inputNumbers: Set<String>
    }

    /// The shipped sample's week: 1,600 subscribers, seed 2. With `hashed`, every mobile
    /// number becomes a 128-hex-digit id, as anonymised exports have them.
    static let raw = scenario(hashed: false)
    static let hashed = scenario(hashed: true)

    static func scenario(hashed: Bool) -> Scenario {
        let week = SyntheticWeek.generate(SynthConfig(subscribers: 1_600, days: 7, seed: 2))
        var ids: [String: String] = [:]
        var bytes: [UInt8] = []
        week.writeCalls { bytes += $0 }
        var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        var numbers = Set<String>()
        for i in 1..<lines.count {
            var f = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for k in 1...2 {
                if hashed, let c = PhoneNumber.canonical(f[k]), c.count == 11, !c.hasPrefix("+") {
                    if ids[c] == nil { ids[c] = Self.hashID(c) }
                    f[k] = ids[c] ?? ""
                }
                if let c = PhoneNumber.canonical(f[k]) { numbers.insert(c) }
            }
            lines[i] = f.joined(separator: ",")
        }
        return Scenario(csv: Array((lines.joined(separator: "\n") + "\n").utf8), inputNumbers: numbers)
    }

    static func hashID(_ n: String) -> String {
        hex(SHA256.hash(Array(n.utf8))) + hex(SHA256.hash(Array((n + "#").utf8)))
    }

    /// Every output, as text, and the number fields in it.
    static func outputs(_ s: Scenario, _ p: Pseudonymizer) throws -> (text: String, fields: [String]) {
        var builder = CallLogBuilder(options: InputOptions())
        builder.beginSource("week.csv")
        try s.csv.withUnsafeBytes { try builder.consume($0) }
        try builder.endSource()
        let log = try builder.finish()
        let rules = try RuleSet.parse(RuleLoadingForTests.read(rulesPath), file: rulesPath, schema: .engine,
                                      environment: RuleEnvironment(readFile: { _ in [] }, canonicalNumber: { PhoneNumber.canonical($0) }))
        let analysis = Analysis(log: log, rules: rules)
        var text: [UInt8] = []
        var fields: [String] = []
        for format in WarningFormat.allCases {
            format.appendHeader(to: &text)
            for w in analysis.warnings { format.append(w, offset: log.displayOffset, pseudonymizer: p, to: &text) }
        }
        for w in analysis.warnings {
            let shown = w.pseudonymized(by: p)
            fields.append(shown.subscriber)
            fields += shown.suspects
        }
        let suspects = analysis.suspectNumbers(minimum: 0.01)
        for s in suspects {
            let row = s.csvRow(p)
            text += Array((row + "\n").utf8)
            fields.append(String(row.prefix { $0 != "," }))
        }
        // Explain the listed subscribers and the suspects, as an analyst would.
        let explained = analysis.warnings.filter { $0.tier != .none }.map(\.subscriber) + suspects.prefix(5).map(\.number)
        #expect(!explained.isEmpty)
        for n in explained {
            let e = try #require(analysis.explain(n))
            let report = ExplanationReport.text(e, offset: log.displayOffset, pseudonymizer: p)
            text += Array(report.utf8)
            for line in report.split(separator: "\n") {
                let words = line.split(separator: " ")
                if words.first == "NUMBER", words.count > 1 { fields.append(String(words[1])) }
                if let arrow = words.firstIndex(where: { $0 == "←" || $0 == "→" }), arrow + 1 < words.count {
                    fields.append(String(words[arrow + 1]))
                }
            }
        }
        return (String(decoding: text, as: UTF8.self), fields)
    }

    /// Maximal runs of characters a number, an id or a pseudonym is made of.
    static func tokens(_ text: String) -> [Substring] {
        text.split { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == ":" || $0 == "_")) }
    }

    @Test(arguments: [false, true])
    func everyNumberWrittenIsANumberOfTheInput(hashed: Bool) throws {
        let s = hashed ? Self.hashed : Self.raw
        let (text, fields) = try Self.outputs(s, .off)
        #expect(fields.count > 100)
        for f in fields { #expect(s.inputNumbers.contains(f), "'\(f)' is not in the input") }
        // And anything else that looks like a number (7+ digits, or a long hex id) is too.
        var checked = 0
        for t in Self.tokens(text) where t.filter(\.isNumber).count >= 7 || (t.count >= 64 && t.allSatisfy(\.isHexDigit)) {
            checked += 1
            #expect(s.inputNumbers.contains(String(t)), "'\(t)' is not in the input")
        }
        #expect(checked > 100)
        if hashed { #expect(fields.contains { $0.count == 128 }) }
    }

    @Test(arguments: [false, true])
    func withPseudonymizeNoInputNumberAppears(hashed: Bool) throws {
        let s = hashed ? Self.hashed : Self.raw
        let p = try Pseudonymizer(key: Self.key)
        let (text, fields) = try Self.outputs(s, p)
        #expect(fields.count > 100)
        for f in fields { #expect(Pseudonymizer.isPseudonym(f), "'\(f)' is not a pseudonym") }
        for t in Self.tokens(text) where !t.hasPrefix("p:") {
            #expect(t.filter(\.isNumber).count < 7, "'\(t)' looks like a number")
            #expect(!(t.count >= 5 && s.inputNumbers.contains(String(t))), "'\(t)' is an input number")
        }
        // Same key, same pseudonyms: a second run's output is identical.
        #expect(try Self.outputs(s, try Pseudonymizer(key: Self.key)).text == text)
    }
}

/// Reads a file for the tests without Foundation.
enum RuleLoadingForTests {
    static func read(_ path: String) throws -> [UInt8] {
        guard let f = fopen(path, "rb") else { throw CocoaLikeError(path: path) }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            out += buf[0..<n]
        }
        return out
    }

    struct CocoaLikeError: Error { var path: String }
}
