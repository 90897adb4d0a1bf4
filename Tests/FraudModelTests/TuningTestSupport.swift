import Testing
@testable import FraudModel

#if canImport(Glibc)
import Glibc
#endif

/// Shared fixtures for the tuning tests: the shipped rules, small synthetic weeks as call logs.
enum TuningTestSupport {
    /// The package's root folder (two levels above this file's folder).
    static let root: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static let environment = RuleEnvironment(
        readFile: { _ in [] }, canonicalNumber: { PhoneNumber.canonical($0) })

    /// `rules/default.rules`, parsed.
    static func defaultRules() throws -> RuleSet {
        let path = root + "/rules/default.rules"
        guard let f = fopen(path, "r") else { throw TuningError(description: "cannot open \(path)") }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return try RuleSet.parse(bytes, file: "default.rules", schema: .engine, environment: environment)
    }

    /// A synthetic week read back through the CSV reader, with its labels.
    static func week(_ config: SynthConfig) throws -> (CallLog, OutcomeLabels, OutcomeLabels) {
        let week = SyntheticWeek.generate(config)
        var builder = CallLogBuilder(options: InputOptions())
        builder.beginSource("calls.csv")
        try week.writeCalls { block in try block.withUnsafeBytes { try builder.consume($0) } }
        try builder.endSource()
        let labels = try OutcomeLabels.parse(week.labelsCSV(), file: "labels.csv")
        let fraud = try OutcomeLabels.parseNumbers(week.fraudCSV(), file: "fraud.csv")
        return (try builder.finish(), labels, fraud)
    }
}

