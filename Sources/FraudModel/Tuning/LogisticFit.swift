#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Fit

/// An L2-regularised logistic regression fitted exactly by Newton's method (iteratively
/// reweighted least squares), with a hand-written Cholesky solve.
///
/// Minimises  Σᵢ [log(1 + e^zᵢ) − yᵢ·zᵢ] + (λ/2)·Σⱼ wⱼ²  with zᵢ = b + Σⱼ wⱼ·xᵢⱼ; the intercept b
/// is not penalised. This is scikit-learn's `LogisticRegression(C = 1/λ, fit_intercept=True)`.
///
/// Deterministic: rows are summed in fixed chunks of 8192 (in parallel), and the chunk sums
/// are added in chunk order, so the result has the same bits however many threads ran.
public struct LogisticFit: Sendable {
    /// The fitted intercept.
    public var bias: Double
    /// The fitted weight of each column, in column order.
    public var weights: [Double]
    /// The L2 strength λ used.
    public var l2: Double
    /// Newton steps taken.
    public var iterations: Int
    /// Whether the Newton step became negligible (< 1e-9 in every coordinate) within the limit.
    public var converged: Bool
    /// Gradient of the penalised objective at the solution: intercept first, then each weight.
    public var gradient: [Double]
    /// The penalised negative log-likelihood at the solution.
    public var objective: Double
    /// The inverse of the penalised Hessian at the solution, (columns + 1)² row-major,
    /// intercept first: the Laplace approximation of the weights' covariance.
    public var covariance: [Double]
    /// Rows the fit used.
    public var rowCount: Int

    /// Fits the model on `design` (or on some of its rows).
    ///
    /// - Parameters:
    ///   - design: The rows and outcomes.
    ///   - rows: Row indices to fit on (for cross-validation); nil for all rows.
    ///   - l2: λ ≥ 0, the penalty on the weights (not the intercept).
    ///   - start: Starting intercept and weights; by default the intercept is the log-odds of the
    ///     base rate and the weights are 0.
    ///   - maxIterations: Newton steps at most.
    /// - Returns: The fit; check ``converged`` (λ = 0 on separable data diverges).
    /// - Complexity: O(iterations × rows × columns²), in parallel over rows.
    public init(design: DesignMatrix, rows: [Int]? = nil, l2: Double = 1, start: (bias: Double, weights: [Double])? = nil,
                maxIterations: Int = 100) {
        let p = design.columnCount, m = p + 1
        let n = rows?.count ?? design.rowCount
        var beta = [Double](repeating: 0, count: m)
        if let start, start.weights.count == p {
            beta[0] = start.bias
            for j in 0..<p { beta[j + 1] = start.weights[j] }
        } else {
            var positives = 0
            if let rows { for i in rows where design.labels[i] { positives += 1 } } else { positives = design.positives }
            let rate = (Double(positives) + 0.5) / (Double(n) + 1)
            beta[0] = log(rate / (1 - rate))
        }
        var pass = Self.pass(design, rows: rows, beta: beta, l2: l2, hessian: true)
        var iterations = 0
        var converged = false
        while true {
            guard let step = Self.newtonStep(pass, m: m) else { break }
            let stepSize = step.map(abs).max() ?? 0
            if stepSize < 1e-9 { converged = true; break }        // quadratic convergence: done
            guard iterations < maxIterations else { break }
            iterations += 1
            let slope = zip(pass.gradient, step).reduce(0) { $0 + $1.0 * $1.1 }  // Newton decrement²
            if slope < 1e-10 * max(1, abs(pass.objective)) {
                // Inside the quadratic region the objective's rounding noise exceeds the decrease a
                // line search would test for; the full Newton step is safe and squares the error.
                for j in 0..<m { beta[j] -= step[j] }
                pass = Self.pass(design, rows: rows, beta: beta, l2: l2, hessian: true)
                continue
            }
            // Damped Newton: halve until the objective decreases enough (Armijo, c = 1e-4).
            // The full step is tried with the Hessian computed at once: it is almost always taken.
            var t = 1.0
            var candidate = beta
            var accepted = false
            var full: Pass? = nil
            for attempt in 0..<50 {
                for j in 0..<m { candidate[j] = beta[j] - t * step[j] }
                let trial = Self.pass(design, rows: rows, beta: candidate, l2: l2, hessian: attempt == 0)
                if trial.objective <= pass.objective - 1e-4 * t * slope {
                    accepted = true
                    if attempt == 0 { full = trial }
                    break
                }
                t /= 2
            }
            guard accepted else {
                // No decrease is representable: the optimum is within rounding of here.
                converged = stepSize < 1e-6
                break
            }
            beta = candidate
            pass = full ?? Self.pass(design, rows: rows, beta: beta, l2: l2, hessian: true)
        }
        bias = beta[0]
        weights = Array(beta[1...])
        self.l2 = l2
        self.iterations = iterations
        self.converged = converged
        gradient = pass.gradient
        objective = pass.objective
        covariance = Cholesky(Self.full(pass.hessian, m: m), n: m)?.inverse()
            ?? [Double](repeating: .nan, count: m * m)
        rowCount = n
    }

    /// Standard error of the intercept (index 0) or of weight j (index j + 1), from
    /// ``covariance``.
    public func standardError(_ index: Int) -> Double {
        let m = weights.count + 1
        return covariance[index * m + index].squareRoot()
    }

    /// A 95 % interval of weight `j` (±1.96 standard errors; under the penalty this is the
    /// Laplace approximation of the posterior with a Gaussian prior of variance 1/λ).
    public func interval(weight j: Int) -> ClosedRange<Double> {
        let se = standardError(j + 1)
        guard se.isFinite else { return weights[j]...weights[j] }
        return (weights[j] - 1.96 * se)...(weights[j] + 1.96 * se)
    }

    /// The largest |gradient| component: ~0 at an exact optimum.
    public var gradientNorm: Double { gradient.map(abs).max() ?? 0 }

    // MARK: - Newton pieces

    struct Pass {
        var objective: Double
        var gradient: [Double]
        /// Upper triangle, packed row by row.
        var hessian: [Double]
    }

    static let chunkRows = 8192

    /// Objective, gradient and (optionally) Hessian at `beta`, penalty included.
    static func pass(_ design: DesignMatrix, rows: [Int]?, beta: [Double], l2: Double, hessian: Bool) -> Pass {
        let p = design.columnCount, m = p + 1
        let n = rows?.count ?? design.rowCount
        let packed = m * (m + 1) / 2
        let stride = 1 + m + (hessian ? packed : 0)
        let chunks = max(1, (n + chunkRows - 1) / chunkRows)
        var partial = [Double](repeating: 0, count: chunks * stride)
        var rowStart = [Int](repeating: 0, count: m)
        for j in 0..<m { rowStart[j] = j * m - j * (j - 1) / 2 - j }   // packed[rowStart[j] + k], k ≥ j
        design.values.withUnsafeBufferPointer { x in
            design.labels.withUnsafeBufferPointer { y in
                partial.withUnsafeMutableBufferPointer { out in
                    let run = { (c: Int) in
                        accumulate(x: x, y: y, rows: rows, range: c * chunkRows..<min(n, (c + 1) * chunkRows), p: p,
                                   beta: beta, rowStart: rowStart, hessian: hessian,
                                   out: UnsafeMutableBufferPointer(rebasing: out[c * stride..<(c + 1) * stride]))
                    }
                    parallelChunks(chunks, run)
                }
            }
        }
        var total = [Double](repeating: 0, count: stride)
        for c in 0..<chunks {
            for k in 0..<stride { total[k] += partial[c * stride + k] }
        }
        var objective = total[0]
        var gradient = Array(total[1..<(1 + m)])
        var h = hessian ? Array(total[(1 + m)...]) : []
        for j in 1..<m {
            objective += 0.5 * l2 * beta[j] * beta[j]
            gradient[j] += l2 * beta[j]
            if hessian { h[rowStart[j] + j] += l2 }
        }
        return Pass(objective: objective, gradient: gradient, hessian: h)
    }

    /// Sums one chunk of rows into `out` = [loss, gradient (m), packed Hessian].
    @inline(__always)
    private static func accumulate(x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Bool>, rows: [Int]?,
                                   range: Range<Int>, p: Int, beta: [Double], rowStart: [Int], hessian: Bool,
                                   out: UnsafeMutableBufferPointer<Double>) {
        let m = p + 1
        var a = [Double](repeating: 1, count: m)
        beta.withUnsafeBufferPointer { b in
            rowStart.withUnsafeBufferPointer { rs in
                a.withUnsafeMutableBufferPointer { a in
                    var loss = 0.0
                    for k in range {
                        let i = rows?[k] ?? k
                        let base = i * p
                        var z = b[0]
                        for j in 0..<p {
                            let v = x[base + j]
                            a[j + 1] = v
                            z += b[j + 1] * v
                        }
                        let label = y[i]
                        loss += softplus(z) - (label ? z : 0)
                        let prob = LogisticModel.sigmoid(z)
                        let r = prob - (label ? 1 : 0)
                        let w = prob * (1 - prob)
                        for j in 0..<m where a[j] != 0 {
                            out[1 + j] += r * a[j]
                            guard hessian else { continue }
                            let wa = w * a[j]
                            let row = 1 + m + rs[j]
                            for c in j..<m { out[row + c] += wa * a[c] }
                        }
                    }
                    out[0] = loss
                }
            }
        }
    }

    /// log(1 + e^z) without overflow.
    @inline(__always)
    static func softplus(_ z: Double) -> Double {
        max(z, 0) + log1p(exp(-abs(z)))
    }

    /// The packed upper triangle as a full symmetric row-major matrix.
    static func full(_ packed: [Double], m: Int) -> [Double] {
        var a = [Double](repeating: 0, count: m * m)
        var k = 0
        for i in 0..<m {
            for j in i..<m {
                a[i * m + j] = packed[k]
                a[j * m + i] = packed[k]
                k += 1
            }
        }
        return a
    }

    /// H⁻¹·g, with a tiny ridge added if H is numerically singular (λ = 0 and a column that
    /// never varies); nil if even that fails.
    private static func newtonStep(_ pass: Pass, m: Int) -> [Double]? {
        var h = full(pass.hessian, m: m)
        if let c = Cholesky(h, n: m) { return c.solve(pass.gradient) }
        let scale = max(1e-300, (0..<m).map { h[$0 * m + $0] }.max() ?? 1)
        for j in 0..<m { h[j * m + j] += 1e-10 * scale }
        return Cholesky(h, n: m)?.solve(pass.gradient)
    }
}
