import Foundation
import Testing
@testable import FraudModel

@Suite("LogisticFit")
struct LogisticFitTests {
    /// Rows of a 2×2 table: (x, label, count).
    static func table(_ cells: [(Double, Bool, Int)]) -> DesignMatrix {
        var d = DesignMatrix(columns: ["x"])
        for (x, y, n) in cells { for _ in 0..<n { d.append(id: "", row: [x], label: y) } }
        return d
    }

    /// A reproducible design: `rows` × `columns`, mixed binary and continuous, logistic labels.
    static func random(rows: Int, columns: Int, seed: UInt64) -> DesignMatrix {
        var rng = SplitMix64(seed: seed)
        func unit() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        var d = DesignMatrix(columns: (0..<columns).map { "r\($0)" })
        for _ in 0..<rows {
            var row: [Double] = []
            var z = -1.0
            for j in 0..<columns {
                let v = j % 2 == 0 ? (unit() < 0.3 ? 1 : 0) : log1p(10 * unit())
                row.append(v)
                z += Double(j % 3 - 1) * 0.8 * v
            }
            d.append(id: "", row: row, label: unit() < LogisticModel.sigmoid(z))
        }
        return d
    }

    @Test func twoByTwoTableGivesTheLogOddsOfTheCells() {
        // x = 0: 10 positives of 40; x = 1: 15 of 20. Unpenalised MLE: bias = ln(10/30),
        // weight = ln(15/5) − ln(10/30).
        let d = Self.table([(0, true, 10), (0, false, 30), (1, true, 15), (1, false, 5)])
        let fit = LogisticFit(design: d, l2: 0)
        #expect(fit.converged)
        #expect(abs(fit.bias - log(10.0 / 30)) < 1e-10)
        #expect(abs(fit.weights[0] - (log(3.0) - log(10.0 / 30))) < 1e-10)
        // Its standard error is the textbook sqrt(1/a + 1/b + 1/c + 1/d).
        #expect(abs(fit.standardError(1) - (1.0 / 10 + 1.0 / 30 + 1.0 / 15 + 1.0 / 5).squareRoot()) < 1e-8)
    }

    @Test func penaltyShrinksTheWeightButNotTheIntercept() {
        // With an enormous λ the weight is ~0 and the intercept is the overall log-odds (25/60).
        let d = Self.table([(0, true, 10), (0, false, 30), (1, true, 15), (1, false, 5)])
        let fit = LogisticFit(design: d, l2: 1e9)
        #expect(abs(fit.weights[0]) < 1e-6)
        #expect(abs(fit.bias - log(25.0 / 35)) < 1e-6)
    }

    @Test func separableDataStaysFiniteUnderL2() {
        // x perfectly predicts y: the unpenalised MLE is infinite; with λ = 1 the optimum is
        // finite and found.
        let d = Self.table([(0, false, 20), (1, true, 20)])
        let fit = LogisticFit(design: d, l2: 1)
        #expect(fit.converged)
        #expect(fit.weights[0].isFinite && fit.weights[0] > 2 && fit.weights[0] < 20)
        #expect(fit.gradientNorm < 1e-8)
        // Symmetric data: the decision point sits half-way, bias = −weight / 2.
        #expect(abs(fit.bias + fit.weights[0] / 2) < 1e-8)
    }

    @Test func gradientIsZeroAtTheSolution() {
        for seed: UInt64 in [1, 2, 3] {
            let d = Self.random(rows: 3_000, columns: 8, seed: seed)
            let fit = LogisticFit(design: d, l2: 0.5)
            #expect(fit.converged)
            // Recompute the penalised gradient independently of the fit's own bookkeeping.
            let p = d.probabilities(bias: fit.bias, weights: fit.weights)
            var g = [Double](repeating: 0, count: 9)
            for i in 0..<d.rowCount {
                let r = p[i] - (d.labels[i] ? 1 : 0)
                g[0] += r
                for j in 0..<8 { g[j + 1] += r * d[row: i, column: j] }
            }
            for j in 0..<8 { g[j + 1] += 0.5 * fit.weights[j] }
            #expect(g.map(abs).max() ?? 1 < 1e-8, "seed \(seed): \(g)")
        }
    }

    @Test func deterministicAndSubsetsMatchCopies() {
        let d = Self.random(rows: 20_000, columns: 5, seed: 9)      // several parallel chunks
        let a = LogisticFit(design: d, l2: 1), b = LogisticFit(design: d, l2: 1)
        #expect(a.bias == b.bias && a.weights == b.weights)
        let rows = Array(stride(from: 0, to: d.rowCount, by: 3))
        let sub = LogisticFit(design: d, rows: rows, l2: 1)
        var copy = DesignMatrix(columns: d.columns)
        for i in rows { copy.append(id: "", row: Array(d.row(i)), label: d.labels[i]) }
        let direct = LogisticFit(design: copy, l2: 1)
        #expect(abs(sub.bias - direct.bias) < 1e-12)
        for j in 0..<5 { #expect(abs(sub.weights[j] - direct.weights[j]) < 1e-12) }
    }

    @Test func choleskySolvesAndInverts() throws {
        let a: [Double] = [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]
        let c = try #require(Cholesky(a, n: 3))
        let x = c.solve([1, 2, 3])
        for i in 0..<3 {
            let row = (0..<3).map { a[i * 3 + $0] * x[$0] }.reduce(0, +)
            #expect(abs(row - Double(i + 1)) < 1e-12)
        }
        let inv = c.inverse()
        for i in 0..<3 { for j in 0..<3 {
            let v = (0..<3).map { a[i * 3 + $0] * inv[$0 * 3 + j] }.reduce(0, +)
            #expect(abs(v - (i == j ? 1 : 0)) < 1e-12)
        } }
        #expect(Cholesky([1, 2, 2, 1], n: 2) == nil)              // not positive definite
    }

    /// scikit-learn on the same design matrix agrees to 1e-4 (test-only Python; CI installs
    /// scikit-learn in .ci/run). Fails, with the script's message, when it is missing.
    @Test func matchesScikitLearn() throws {
        let d = Self.random(rows: 2_000, columns: 6, seed: 42)
        let l2 = 0.7
        let path = NSTemporaryDirectory() + "fraud-score-design-\(getpid()).csv"
        var text = "label," + d.columns.joined(separator: ",") + "\n"
        for i in 0..<d.rowCount {
            text += (d.labels[i] ? "1" : "0") + "," + d.row(i).map { "\($0)" }.joined(separator: ",") + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TuningTestSupport.root + "/scripts/check_logistic.py", path, "\(l2)"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "scripts/check_logistic.py failed: \(message)")
        let sk = output.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(sk.count == 7, "unexpected output: \(output)")
        let fit = LogisticFit(design: d, l2: l2)
        let ours = [fit.bias] + fit.weights
        for k in 0..<7 { #expect(abs(ours[k] - sk[k]) < 1e-4, "coefficient \(k): ours \(ours[k]), scikit-learn \(sk[k])") }
    }
}
