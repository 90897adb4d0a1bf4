// MARK: - Cross-validation

/// Stratified k-fold cross-validation with seeded folds: each fold gets the same share of
/// positives (within one), and the same seed always gives the same folds.
public struct CrossValidation: Sendable {
    /// Number of folds.
    public let folds: Int
    /// The fold of each row, 0..<folds.
    public let foldOf: [Int]

    /// Assigns rows to folds: positives and negatives are each shuffled (Fisher–Yates driven
    /// by SplitMix64 from `seed`) and dealt round-robin, negatives continuing where the
    /// positives stopped so fold sizes differ by at most one.
    ///
    /// - Parameters:
    ///   - labels: The outcome of each row.
    ///   - folds: k ≥ 2.
    ///   - seed: Shuffle seed.
    public init(labels: [Bool], folds: Int, seed: UInt64 = 1) {
        precondition(folds >= 2, "cross-validation needs at least 2 folds")
        self.folds = folds
        var rng = SplitMix64(seed: seed)
        var foldOf = [Int](repeating: 0, count: labels.count)
        var dealt = 0
        for outcome in [true, false] {
            var rows = labels.indices.filter { labels[$0] == outcome }
            if rows.count > 1 {
                for i in stride(from: rows.count - 1, to: 0, by: -1) {
                    let j = Int(rng.next() % UInt64(i + 1))
                    rows.swapAt(i, j)
                }
            }
            for r in rows {
                foldOf[r] = dealt % folds
                dealt += 1
            }
        }
        self.foldOf = foldOf
    }

    /// Rows used to train the model that predicts fold `k`.
    public func trainingRows(_ k: Int) -> [Int] { foldOf.indices.filter { foldOf[$0] != k } }
    /// Rows of fold `k`.
    public func testRows(_ k: Int) -> [Int] { foldOf.indices.filter { foldOf[$0] == k } }

    /// Out-of-fold probabilities: each row scored by the model fitted without its fold.
    ///
    /// - Parameters:
    ///   - design: The rows.
    ///   - l2: The penalty for every fold's fit.
    ///   - starts: Optional warm start per fold (intercept and weights), e.g. the previous
    ///     fits when one column was added (pass its weight as 0).
    /// - Returns: One probability per row, and each fold's fit.
    /// - Complexity: k fits on (k−1)/k of the rows.
    public func outOfFold(_ design: DesignMatrix, l2: Double, starts: [(bias: Double, weights: [Double])]? = nil)
        -> (probabilities: [Double], fits: [LogisticFit]) {
        var probabilities = [Double](repeating: 0, count: design.rowCount)
        var fits: [LogisticFit] = []
        for k in 0..<folds {
            let test = testRows(k)
            let fit = LogisticFit(design: design, rows: trainingRows(k), l2: l2, start: starts?[k])
            let predicted = design.probabilities(bias: fit.bias, weights: fit.weights, rows: test)
            for (i, row) in test.enumerated() { probabilities[row] = predicted[i] }
            fits.append(fit)
        }
        return (probabilities, fits)
    }
}
