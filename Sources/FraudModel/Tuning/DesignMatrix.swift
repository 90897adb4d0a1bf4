// MARK: - Design matrix

/// The rows a logistic model is fitted on: one per labelled subscriber (or number, or table
/// row), one column per rule holding the rule's value as the scorer computes it, and the
/// outcome (true = victim, or fraud number).
///
/// Values are stored row-major in one flat array, so a row is contiguous for the fit's
/// Hessian accumulation. 1 M rows × 40 rules take 320 MB.
public struct DesignMatrix: Sendable {
    /// Column names: the rule names, in rule order.
    public var columns: [String]
    /// `values[i * columnCount + j]` is rule j's value on row i.
    public var values: [Double]
    /// The outcome of each row.
    public var labels: [Bool]
    /// Row identifiers (canonical subscriber or number, or the table's id), for reports.
    public var ids: [String]

    /// Creates an empty matrix with the given columns.
    ///
    /// - Parameter columns: Rule names in rule order.
    public init(columns: [String]) {
        self.columns = columns
        self.values = []
        self.labels = []
        self.ids = []
    }

    /// Creates a matrix from complete arrays.
    ///
    /// - Parameters:
    ///   - columns: Rule names.
    ///   - values: Row-major values; `values.count` must be `labels.count × columns.count`.
    ///   - labels: Outcomes.
    ///   - ids: Row identifiers (empty for none; then rows are named by index).
    public init(columns: [String], values: [Double], labels: [Bool], ids: [String] = []) {
        precondition(values.count == labels.count * columns.count, "design matrix size mismatch")
        self.columns = columns
        self.values = values
        self.labels = labels
        self.ids = ids.isEmpty ? labels.indices.map { String($0 + 1) } : ids
    }

    /// Number of rows.
    public var rowCount: Int { labels.count }
    /// Number of columns (rules), not counting the intercept.
    public var columnCount: Int { columns.count }
    /// Rows labelled true.
    public var positives: Int { labels.lazy.filter { $0 }.count }

    /// Appends one row.
    ///
    /// - Parameters:
    ///   - id: The row's identifier.
    ///   - row: One value per column.
    ///   - label: The outcome.
    public mutating func append(id: String, row: [Double], label: Bool) {
        precondition(row.count == columnCount, "row has \(row.count) values, matrix has \(columnCount) columns")
        values.append(contentsOf: row)
        labels.append(label)
        ids.append(id)
    }

    /// The value of column `j` on row `i`.
    public subscript(row i: Int, column j: Int) -> Double { values[i * columnCount + j] }

    /// Row `i` as a slice.
    public func row(_ i: Int) -> ArraySlice<Double> { values[i * columnCount..<(i + 1) * columnCount] }

    /// bias + Σ weight · value of every row (or of `rows`).
    ///
    /// - Parameters:
    ///   - bias: The intercept.
    ///   - weights: One weight per column.
    ///   - rows: Row indices to score; nil for all rows, in order.
    /// - Returns: One log-odds per scored row.
    /// - Complexity: O(rows × columns).
    public func logits(bias: Double, weights: [Double], rows: [Int]? = nil) -> [Double] {
        precondition(weights.count == columnCount)
        let p = columnCount
        let count = rows?.count ?? rowCount
        var out = [Double](repeating: 0, count: count)
        values.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                for k in 0..<count {
                    let base = (rows?[k] ?? k) * p
                    var z = bias
                    for j in 0..<p { z += w[j] * x[base + j] }
                    out[k] = z
                }
            }
        }
        return out
    }

    /// σ(bias + Σ weight · value) of every row (or of `rows`).
    ///
    /// - Parameters:
    ///   - bias: The intercept.
    ///   - weights: One weight per column.
    ///   - rows: Row indices; nil for all.
    /// - Returns: One probability per scored row.
    public func probabilities(bias: Double, weights: [Double], rows: [Int]? = nil) -> [Double] {
        logits(bias: bias, weights: weights, rows: rows).map(LogisticModel.sigmoid)
    }

    /// The matrix restricted to some columns, in the order given.
    ///
    /// - Parameter keep: Column indices.
    /// - Returns: A new matrix with the same rows.
    public func selecting(columns keep: [Int]) -> DesignMatrix {
        var out = [Double]()
        out.reserveCapacity(rowCount * keep.count)
        for i in 0..<rowCount {
            let base = i * columnCount
            for j in keep { out.append(values[base + j]) }
        }
        return DesignMatrix(columns: keep.map { columns[$0] }, values: out, labels: labels, ids: ids)
    }
}
