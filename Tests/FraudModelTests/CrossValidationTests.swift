import Testing
@testable import FraudModel

@Suite("CrossValidation")
struct CrossValidationTests {
    static let labels: [Bool] = (0..<103).map { $0 % 10 == 3 }      // 10 positives, 93 negatives

    @Test func foldsAreStratifiedAndBalanced() {
        let cv = CrossValidation(labels: Self.labels, folds: 5, seed: 7)
        for k in 0..<5 {
            let rows = cv.testRows(k)
            #expect(rows.filter { Self.labels[$0] }.count == 2)
            #expect(rows.count == 20 || rows.count == 21)
            #expect(Set(rows).isDisjoint(with: cv.trainingRows(k)))
            #expect(rows.count + cv.trainingRows(k).count == 103)
        }
    }

    @Test func seededFolds() {
        let a = CrossValidation(labels: Self.labels, folds: 5, seed: 7)
        #expect(a.foldOf == CrossValidation(labels: Self.labels, folds: 5, seed: 7).foldOf)
        #expect(a.foldOf != CrossValidation(labels: Self.labels, folds: 5, seed: 8).foldOf)
    }

    @Test func outOfFoldPredictionsComeFromModelsThatDidNotSeeTheRow() {
        var d = DesignMatrix(columns: ["x"])
        for (i, y) in Self.labels.enumerated() { d.append(id: "\(i)", row: [Double(i % 7)], label: y) }
        let cv = CrossValidation(labels: d.labels, folds: 4, seed: 1)
        let (p, fits) = cv.outOfFold(d, l2: 1)
        #expect(fits.count == 4)
        for i in [0, 13, 50, 102] {
            let f = fits[cv.foldOf[i]]
            #expect(abs(p[i] - LogisticModel.sigmoid(f.bias + f.weights[0] * d[row: i, column: 0])) < 1e-12)
            #expect(f.rowCount == cv.trainingRows(cv.foldOf[i]).count)
        }
    }
}
