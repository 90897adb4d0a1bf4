// MARK: - Cholesky factorisation

/// The Cholesky factor L (A = L·Lᵀ) of a symmetric positive-definite matrix, written by hand so
/// the fit needs no LAPACK and gives the same bits on every machine.
///
/// Matrices are small (one row and column per rule, plus the intercept), dense and row-major.
struct Cholesky: Sendable {
    /// Dimension.
    let n: Int
    /// Lower triangle of L, row-major n × n (the upper part is zero).
    let lower: [Double]

    /// Factorises `matrix` (row-major n × n; only the lower triangle is read).
    ///
    /// - Parameters:
    ///   - matrix: The symmetric matrix.
    ///   - n: Its dimension.
    /// - Returns: nil when the matrix is not (numerically) positive definite.
    /// - Complexity: O(n³ / 3).
    init?(_ matrix: [Double], n: Int) {
        precondition(matrix.count == n * n)
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[i * n + i] = sum.squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        self.n = n
        self.lower = l
    }

    /// Solves A·x = b.
    ///
    /// - Parameter b: The right-hand side, length n.
    /// - Returns: x.
    /// - Complexity: O(n²).
    func solve(_ b: [Double]) -> [Double] {
        precondition(b.count == n)
        var y = b
        for i in 0..<n {                                   // L·y = b
            var sum = y[i]
            for k in 0..<i { sum -= lower[i * n + k] * y[k] }
            y[i] = sum / lower[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) { // Lᵀ·x = y
            var sum = y[i]
            for k in (i + 1)..<n { sum -= lower[k * n + i] * y[k] }
            y[i] = sum / lower[i * n + i]
        }
        return y
    }

    /// A⁻¹, row-major n × n (column by column through ``solve(_:)``).
    ///
    /// - Complexity: O(n³).
    func inverse() -> [Double] {
        var inv = [Double](repeating: 0, count: n * n)
        var e = [Double](repeating: 0, count: n)
        for j in 0..<n {
            e[j] = 1
            let column = solve(e)
            e[j] = 0
            for i in 0..<n { inv[i * n + j] = column[i] }
        }
        return inv
    }
}
