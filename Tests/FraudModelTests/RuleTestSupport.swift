@testable import FraudModel

/// Shared fixtures for the rules-language tests: a small schema, an in-memory file system and
/// a toy canonicaliser (the real one belongs to the input layer).
enum RuleTestSupport {
    static let schema = RuleSchema(
        callerFeatures: ["calls_out", "distinct_callees", "answer_rate", "mean_duration", "night_ratio"],
        victimFeatures: ["longest_suspect_call", "suspect_contacts", "talk_time_24h", "bank_call_after", "calls_in"],
        settings: [
            RuleSetting(name: "window", defaultValue: 86_400, help: "scoring window"),
            RuleSetting(name: "min_calls", defaultValue: 3, help: "calls before a number is scored"),
            RuleSetting(name: "suspicion_threshold", defaultValue: 0.5, help: "suspect cut-off"),
        ])

    struct MissingFile: Error, CustomStringConvertible {
        var path: String
        var description: String { "no such file" }
    }

    /// Digits stay as they are; `00`/`+86` prefixes are removed or turned into `+`; lowercase
    /// hex of 8+ characters is a hashed id; anything else is rejected.
    static func canonical(_ raw: Substring) -> String? {
        var text = raw.lowercased()
        if text.hasPrefix("00") { text = "+" + text.dropFirst(2) }
        if text.hasPrefix("+86") { text = String(text.dropFirst(3)) }
        let body = text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        if !body.isEmpty, body.allSatisfy(\.isASCII), body.allSatisfy(\.isNumber) { return text }
        if !text.hasPrefix("+"), text.count >= 8, text.allSatisfy(\.isHexDigit) { return text }
        return nil
    }

    static func environment(files: [String: String] = [:]) -> RuleEnvironment {
        RuleEnvironment(
            readFile: { path in
                guard let text = files[path] else { throw MissingFile(path: path) }
                return Array(text.utf8)
            },
            canonicalNumber: canonical)
    }

    static func parse(_ text: String, files: [String: String] = [:]) throws -> RuleSet {
        try RuleSet.parse(text, file: "test.rules", schema: schema, environment: environment(files: files))
    }

    /// The diagnostics of a file that must fail, as printed.
    static func errors(_ text: String, files: [String: String] = [:]) -> [String] {
        do {
            _ = try parse(text, files: files)
            return ["<parsed without errors>"]
        } catch let error as RuleSetError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["<unexpected error \(error)>"]
        }
    }

    /// Compiles `EXPR` as a victim rule and returns its program.
    static func victimProgram(_ expression: String, extra: String = "") throws -> Program {
        let set = try parse("\(extra)\nvictim rule r weight 1 = \(expression)\n")
        guard let rule = set.victim.rules.first else { throw MissingFile(path: "rule") }
        return rule.program
    }

    /// Evaluates a constant or victim-feature expression.
    static func value(_ expression: String, victim features: [Double] = []) throws -> Double {
        try victimProgram(expression).evaluate(features: features)
    }
}
