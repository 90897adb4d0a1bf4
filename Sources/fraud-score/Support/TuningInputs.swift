#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import FraudModel

/// Reading what `tune` and `eval` need besides calls and rules: label files, feature tables,
/// and the options that decide folds, penalty and tiers.
enum TuningInputs {
    static let valueOptions: Set<String> = ["labels", "fraud-labels", "table", "id", "label", "per", "days"]

    // MARK: - Labels

    /// Reads `subscriber,label` outcomes.
    static func labels(_ path: String) throws(CLIError) -> OutcomeLabels {
        let bytes = try InputFiles.readAll(path)
        do { return try OutcomeLabels.parse(bytes, file: path) } catch { throw .data(error.description) }
    }

    /// Reads confirmed fraud numbers.
    static func fraudNumbers(_ path: String) throws(CLIError) -> OutcomeLabels {
        let bytes = try InputFiles.readAll(path)
        do { return try OutcomeLabels.parseNumbers(bytes, file: path) } catch { throw .data(error.description) }
    }

    /// Reads a feature table (`--table`, `--id`, `--label`).
    static func table(_ a: Arguments, usage: String) throws(CLIError) -> (FeatureTable, String) {
        guard let path = a.value("table") else { throw .usage("Missing '--table FILE'", usage: usage) }
        guard let id = a.value("id") else { throw .usage("'--table' needs '--id COLUMN'", usage: usage) }
        guard let label = a.value("label") else { throw .usage("'--table' needs '--label COLUMN'", usage: usage) }
        let bytes = try InputFiles.readAll(path)
        do {
            return (try FeatureTable.parse(bytes, file: path, id: id, label: label), path)
        } catch {
            throw .data(error.description)
        }
    }

    /// Notes on how a table was read (skipped columns, empty cells, renamed columns).
    static func tableNotes(_ table: FeatureTable, path: String) -> [String] {
        let labelled = table.labels.lazy.compactMap { $0 }.count
        let positives = table.labels.lazy.filter { $0 == true }.count
        var notes = ["table \(path): \(NumberText.grouped(table.rowCount)) rows (\(NumberText.grouped(labelled)) labelled: \(NumberText.grouped(positives)) positive), \(table.names.count) numeric columns"]
        if !table.skipped.isEmpty { notes.append("columns that are not numeric, not used: \(table.skipped.joined(separator: ", "))") }
        let renamed = zip(table.headerNames, table.names).filter { $0 != $1 }
        if !renamed.isEmpty { notes.append("columns renamed for rules: " + renamed.map { "\($0) → \($1)" }.joined(separator: ", ")) }
        let missing = zip(table.names, table.missing).filter { $0.1 > 0 }
        if !missing.isEmpty { notes.append("empty cells read as 0: " + missing.map { "\($0.0) \(NumberText.grouped($0.1))" }.joined(separator: ", ")) }
        return notes
    }

    // MARK: - Options

    /// `--l2`, `--folds`, `--seed`.
    static func options(_ a: Arguments, usage: String) throws(CLIError) -> TuningOptions {
        let folds = try a.int("folds", default: 5, range: 2...100, usage: usage)
        let seed = try a.int("seed", default: 1, range: 0...Int.max, usage: usage)
        let l2 = try double(a, "l2", default: 1, usage: usage)
        guard l2 >= 0 else { throw .usage("'--l2' wants a number ≥ 0, got '\(l2)'", usage: usage) }
        return TuningOptions(l2: l2, folds: folds, seed: UInt64(seed))
    }

    /// `--tiers 0.8,0.5,0.2` or `--capacity 1:40,2:300,3:3000` (with `--min-score`), or keep
    /// the file's tiers.
    static func tierPolicy(_ a: Arguments, usage: String) throws(CLIError) -> TierPolicy {
        if a.value("tiers") != nil && a.value("capacity") != nil {
            throw .usage("Give '--tiers' or '--capacity', not both", usage: usage)
        }
        if let text = a.value("tiers") {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            // Each a number, spaces around it allowed.
            let thresholds = parts.compactMap { p in
                let words = p.split(separator: " ")
                return words.count == 1 ? Double(words[0]) : nil
            }
            guard thresholds.count == parts.count, TierCutoffs.probabilities(thresholds) != nil else {
                throw .usage("'--tiers' wants 1–3 falling probabilities like 0.8,0.5,0.2, got '\(text)'", usage: usage)
            }
            return .probabilities(thresholds)
        }
        if let text = a.value("capacity") {
            var capacity: [Int?] = [nil, nil, nil]
            for part in text.split(separator: ",") {
                let pair = part.split(separator: ":")
                guard pair.count == 2, let tier = Int(pair[0]), (1...3).contains(tier), let n = Int(pair[1]), n >= 0,
                      capacity[tier - 1] == nil else {
                    throw .usage("'--capacity' wants TIER:COUNT pairs like 1:40,2:300,3:3000, got '\(text)'", usage: usage)
                }
                capacity[tier - 1] = n
            }
            let floor = try double(a, "min-score", default: 0.01, usage: usage)
            guard floor > 0, floor < 1 else { throw .usage("'--min-score' wants a probability in (0, 1)", usage: usage) }
            return .capacity(capacity, floor: floor)
        }
        return .rules
    }

    /// `--per day|week|period` and the number of such periods a span of seconds covers.
    static func periods(_ a: Arguments, seconds: Double, usage: String) throws(CLIError) -> (name: String, count: Double) {
        let per = a.value("per") ?? "day"
        let days = max(1, (seconds / 86_400).rounded(.up))
        switch per {
        case "day": return ("day", days)
        case "week": return ("week", days / 7)
        case "period": return ("period", 1)
        default: throw .usage("'--per' wants day, week or period, got '\(per)'", usage: usage)
        }
    }

    /// The span of a call log in seconds (for periods).
    static func span(_ log: CallLog) -> Double {
        guard let span = log.timeSpan else { return 0 }
        return Double(span.upperBound - span.lowerBound)
    }

    static func double(_ a: Arguments, _ name: String, default d: Double, usage: String) throws(CLIError) -> Double {
        guard let text = a.value(name) else { return d }
        guard let v = Double(text), v.isFinite else { throw .usage("'--\(name)' wants a number, got '\(text)'", usage: usage) }
        return v
    }

    /// Now, as `YYYY-MM-DD HH:MM UTC`.
    static var now: String {
        String(Timestamp.format(Int64(time(nil))).prefix(16)) + " UTC"
    }
}
