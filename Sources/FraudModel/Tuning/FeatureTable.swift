// MARK: - Feature table

/// Per-subscriber features from a data warehouse: a CSV table with an id column, a label
/// column and numeric columns that rules use by name, as victim rules use the engine's
/// features.
///
/// Column names become rule-language names: characters other than letters, digits and `_`
/// become `_`, a leading digit gets a `_` in front, and a reserved word (`score`, `length`, …)
/// gets a `_` after it. Empty cells read as 0 and are counted; a column with any other
/// non-numeric cell is not a feature (it is reported as skipped).
public struct FeatureTable: Sendable {
    /// Rule-language names of the numeric columns.
    public var names: [String]
    /// The same columns' names as written in the header.
    public var headerNames: [String]
    /// Row-major values: `values[i * names.count + j]` is column j on row i.
    public var values: [Double]
    /// Empty cells per numeric column (read as 0).
    public var missing: [Int]
    /// The id of each row, as written.
    public var ids: [String]
    /// The label of each row; nil when empty (unlabelled).
    public var labels: [Bool?]
    /// Columns that were neither the id, the label nor numeric.
    public var skipped: [String]

    /// Number of data rows.
    public var rowCount: Int { ids.count }

    /// Why a table could not be read.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var file: String
        public var line: Int
        public var message: String
        public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
    }

    /// The names rules over this table may use (as victim features; tiers may use them too).
    public var schema: RuleSchema {
        RuleSchema(callerFeatures: [], victimFeatures: names, settings: EngineSettings.all)
    }

    // MARK: - Reading

    /// Reads a CSV table (`,` `;` or tab, detected from the header; CRLF and a BOM accepted).
    ///
    /// - Parameters:
    ///   - bytes: The whole file.
    ///   - file: Its name, for messages.
    ///   - id: The id column's header name.
    ///   - label: The label column's header name (values 1/0, true/false, yes/no; empty =
    ///     unlabelled).
    /// - Returns: The table.
    /// - Throws: ``Problem`` for a missing column, a row with the wrong number of fields or a
    ///   bad label.
    /// - Complexity: O(bytes); numbers are parsed from bytes.
    public static func parse(_ bytes: [UInt8], file: String, id: String, label: String) throws(Problem) -> FeatureTable {
        try bytes.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(Problem) -> FeatureTable in
            try parse(all, file: file, id: id, label: label)
        }
    }

    private static func parse(_ all: UnsafeBufferPointer<UInt8>, file: String, id: String, label: String) throws(Problem) -> FeatureTable {
        var position = all.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func nextLine() -> UnsafeBufferPointer<UInt8>? {
            guard position < all.count else { return nil }
            var end = position
            while end < all.count && all[end] != 0x0A { end += 1 }
            var stop = end
            if stop > position && all[stop - 1] == 0x0D { stop -= 1 }
            let line = UnsafeBufferPointer(rebasing: all[position..<stop])
            position = end + 1
            return line
        }
        guard let headerLine = nextLine() else { throw Problem(file: file, line: 0, message: "the table is empty") }
        let headerText = String(decoding: headerLine, as: UTF8.self)
        let separator: UInt8 = headerText.contains("\t") ? 0x09 : headerText.contains(";") && !headerText.contains(",") ? 0x3B : 0x2C
        var fields = CSVFields(limit: 4096)
        guard fields.split(headerLine, separator: separator) else {
            throw Problem(file: file, line: 1, message: "more than 4096 columns")
        }
        let header = (0..<fields.count).map { String(decoding: fields.field($0, in: headerLine), as: UTF8.self).trimmingBlanks }
        guard let idColumn = header.firstIndex(of: id) else {
            throw Problem(file: file, line: 1, message: "no column '\(id)' (columns: \(header.prefix(12).joined(separator: ", ")))")
        }
        guard let labelColumn = header.firstIndex(of: label) else {
            throw Problem(file: file, line: 1, message: "no column '\(label)' (columns: \(header.prefix(12).joined(separator: ", ")))")
        }
        let width = header.count
        var cells: [Double] = []
        var missing = [Int](repeating: 0, count: width)
        var numeric = [Bool](repeating: true, count: width)
        numeric[idColumn] = false
        numeric[labelColumn] = false
        var ids: [String] = []
        var labels: [Bool?] = []
        var lineNumber = 1
        while let line = nextLine() {
            lineNumber += 1
            if line.isEmpty { continue }
            guard fields.split(line, separator: separator), fields.count == width else {
                throw Problem(file: file, line: lineNumber, message: "expected \(width) fields, found \(fields.count)")
            }
            ids.append(String(decoding: fields.field(idColumn, in: line), as: UTF8.self))
            let l = fields.field(labelColumn, in: line)
            switch String(decoding: l, as: UTF8.self).trimmingBlanks.lowercased() {
            case "": labels.append(nil)
            case "1", "true", "yes", "1.0": labels.append(true)
            case "0", "false", "no", "0.0": labels.append(false)
            case let other:
                throw Problem(file: file, line: lineNumber, message: "label '\(other.prefix(20))' is not 1 or 0")
            }
            for j in 0..<width {
                guard numeric[j] else { cells.append(0); continue }
                let cell = fields.field(j, in: line)
                if let v = NumberParsing.decimal(cell) {
                    cells.append(v)
                } else if NumberParsing.isBlank(cell) {
                    cells.append(0)
                    missing[j] += 1
                } else {
                    numeric[j] = false
                    cells.append(0)
                }
            }
        }
        var table = FeatureTable(names: [], headerNames: [], values: [], missing: [], ids: ids, labels: labels, skipped: [])
        var used = Set<String>()
        var keep: [Int] = []
        for j in 0..<width where j != idColumn && j != labelColumn {
            guard numeric[j] else { table.skipped.append(header[j]); continue }
            var name = ruleName(header[j])
            while used.contains(name) { name += "_" }
            used.insert(name)
            table.names.append(name)
            table.headerNames.append(header[j])
            table.missing.append(missing[j])
            keep.append(j)
        }
        if keep.count == width {
            table.values = cells
        } else {
            table.values.reserveCapacity(ids.count * keep.count)
            for i in 0..<ids.count { for j in keep { table.values.append(cells[i * width + j]) } }
        }
        return table
    }

    /// A header name as a rule-language identifier.
    static func ruleName(_ header: String) -> String {
        var name = String(header.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
                ? Character(scalar) : "_"
        })
        if name.isEmpty { name = "_" }
        if let first = name.unicodeScalars.first, ("0"..."9").contains(first) { name = "_" + name }
        if RuleVocabulary.reserved.contains(name) { name += "_" }
        return name
    }

    // MARK: - Rows for a rule set

    /// The victim model's rule values on the given rows, evaluated in parallel.
    ///
    /// - Parameters:
    ///   - rules: Rules parsed with ``schema``.
    ///   - rows: Row indices, in output order.
    ///   - keepFeatures: Also keep each row's feature vector (when tier conditions read
    ///     features).
    /// - Returns: Scoring rows; an unlabelled row's outcome is false.
    /// - Complexity: O(rows × rule instructions).
    public func scoringRows(rules: RuleSet, rows: [Int], keepFeatures: Bool) -> ScoringRows {
        let model = rules.victim
        let p = model.rules.count, width = names.count
        var values = [Double](repeating: 0, count: rows.count * p)
        var features = [Double](repeating: 0, count: keepFeatures ? rows.count * width : 0)
        let usesTraits = !rules.classes.isEmpty || rules.lists.contains { !$0.numbers.isEmpty } || rules.considerWhen != nil
        let traits: [NumberTraits] = usesTraits ? rows.map { rules.numberTraits(PhoneNumber.canonical(ids[$0]) ?? ids[$0]) } : []
        let chunk = 4096
        let chunks = (rows.count + chunk - 1) / chunk
        values.withUnsafeMutableBufferPointer { out in
            features.withUnsafeMutableBufferPointer { keep in
                self.values.withUnsafeBufferPointer { table in
                    model.rules.withUnsafeBufferPointer { ruleList in
                        parallelChunks(chunks) { c in
                            for k in c * chunk..<min(rows.count, (c + 1) * chunk) {
                                let i = rows[k]
                                let f = UnsafeBufferPointer(rebasing: table[i * width..<(i + 1) * width])
                                if keepFeatures { for j in 0..<width { keep[k * width + j] = f[j] } }
                                let t = traits.isEmpty ? NumberTraits() : traits[k]
                                for r in 0..<p { out[k * p + r] = ruleList[r].program.evaluate(features: f, traits: t, score: 0) }
                            }
                        }
                    }
                }
            }
        }
        let design = DesignMatrix(columns: model.rules.map(\.name), values: values,
                                  labels: rows.map { labels[$0] ?? false }, ids: rows.map { ids[$0] })
        let listed = traits.isEmpty ? [] : traits.map(\.isConsidered)
        return ScoringRows(design: design, featureCount: keepFeatures ? width : 0, features: features,
                           traits: traits, listed: listed)
    }

    /// Indices of rows with a label.
    public var labelledRows: [Int] { labels.indices.filter { labels[$0] != nil } }
}

extension FeatureTable {
    /// The value of column `j` on row `i`.
    public subscript(row i: Int, column j: Int) -> Double { values[i * names.count + j] }

    /// Column `j`, all rows.
    public func column(_ j: Int) -> [Double] {
        let width = names.count
        return (0..<rowCount).map { values[$0 * width + j] }
    }
}
