#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - HTML report

/// One self-contained HTML page about a tuning run: ROC and PR curves, a calibration plot,
/// score distributions of positives and others, each rule's weight with its interval, and the
/// tier table. Charts are inline SVG; no script, no network, any browser.
public struct TuningReport: Sendable {
    /// A scored set of labelled rows to draw (e.g. out-of-fold tuned, rules as given).
    public struct Series: Sendable {
        public var name: String
        public var scores: [Double]
        public var labels: [Bool]
        public init(name: String, scores: [Double], labels: [Bool]) {
            self.name = name
            self.scores = scores
            self.labels = labels
        }
    }

    /// Page title.
    public var title: String
    /// Lines describing the data and settings.
    public var notes: [String]
    /// Series to draw; the first is the main one (calibration and distributions use it).
    public var series: [Series]
    /// The tuned model (weights and intervals).
    public var tuning: ModelTuning
    /// Tier statistics.
    public var tiers: [TierStatistics]
    /// The name of a period (`day`).
    public var per: String
    /// What a positive row is called (`victims`, `fraud numbers`).
    public var positiveName: String

    /// Creates a report.
    public init(title: String, notes: [String], series: [Series], tuning: ModelTuning, tiers: [TierStatistics],
                per: String, positiveName: String) {
        self.title = title
        self.notes = notes
        self.series = series
        self.tuning = tuning
        self.tiers = tiers
        self.per = per
        self.positiveName = positiveName
    }

    private static let colours = ["#c0392b", "#2c3e50", "#27ae60", "#8e44ad"]

    /// The page.
    public var html: String {
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(Self.escape(title))</title>
        <style>
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1040px;color:#222;padding:0 16px}
        h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
        table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:right}
        td:first-child,th:first-child{text-align:left}th{background:#f6f6f6}
        .charts{display:flex;flex-wrap:wrap;gap:18px}.chart{flex:0 0 auto}.chart p{margin:2px 0 0;font-size:12px;color:#555;max-width:480px}
        svg text{font:11px system-ui,sans-serif;fill:#333}.note{color:#555}code{background:#f3f3f3;padding:0 3px}
        </style></head><body>
        <h1>\(Self.escape(title))</h1>

        """
        for n in notes { h += "<p class=\"note\">\(Self.escape(n))</p>\n" }
        h += "<h2>Quality</h2>\n" + metricsTable
        h += "<div class=\"charts\">\n"
        h += chart(rocChart, "ROC curve: share of \(positiveName) found against share of others flagged, as the cut-off falls.")
        h += chart(prChart, "Precision–recall: of those flagged, the share that are \(positiveName), against the share of \(positiveName) found.")
        h += chart(calibrationChart, "Calibration (\(Self.escape(series.first?.name ?? ""))): observed rate against mean predicted probability in ten bins; on the diagonal the probabilities mean what they say. Dot area ∝ rows.")
        h += chart(distributionChart, "Scores (\(Self.escape(series.first?.name ?? ""))): share of \(positiveName) and of others in each score band (log scale).")
        h += "</div>\n<h2>Rule weights</h2>\n"
        h += "<p class=\"note\">Each weight is a log-odds contribution per unit of the rule's value, with a 95% interval (±1.96 standard errors from the inverse penalised Hessian).</p>\n"
        h += weightsChart
        h += "<h2>Tiers</h2>\n" + tierTable
        h += "</body></html>\n"
        return h
    }

    // MARK: - Tables

    private var metricsTable: String {
        var h = "<table><tr><th>metric</th>" + series.map { "<th>\(Self.escape($0.name))</th>" }.joined() + "</tr>\n"
        let metrics = series.map { BinaryMetrics(scores: $0.scores, labels: $0.labels) }
        for (name, value, digits) in [("ROC-AUC", \BinaryMetrics.rocAUC, 4), ("PR-AUC", \.prAUC, 4),
                                      ("log-loss", \.logLoss, 5), ("Brier", \.brier, 5)] {
            h += "<tr><td>\(name)</td>" + metrics.map { "<td>\(NumberText.fixed($0[keyPath: value], digits))</td>" }.joined() + "</tr>\n"
        }
        h += "<tr><td>rows / \(positiveName)</td>" + metrics.map { "<td>\(NumberText.grouped($0.count)) / \(NumberText.grouped($0.positives))</td>" }.joined() + "</tr>\n"
        return h + "</table>\n"
    }

    private var tierTable: String {
        var h = "<table><tr><th>tier</th><th>threshold</th><th>count</th><th>per \(per)</th><th>labelled</th><th>\(positiveName)</th><th>precision</th><th>recall</th><th>expected precision</th></tr>\n"
        for s in tiers {
            let cells = ["\(s.tier.rawValue) (\(s.tier.action))", s.threshold.map { NumberText.fixed($0, 4) } ?? "rules",
                         NumberText.grouped(s.count), NumberText.fixed(s.perPeriod, 1), NumberText.grouped(s.labelled),
                         NumberText.grouped(s.positives), NumberText.fixed(s.precision, 3), NumberText.fixed(s.recall, 3),
                         NumberText.fixed(s.expectedPrecision, 3)]
            h += "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        return h + "</table>\n<p class=\"note\">Counts: every row the scorer lists, with the written model. Precision and recall: labelled rows with out-of-fold scores. Expected: the mean predicted probability in the tier.</p>\n"
    }

    private func chart(_ svg: String, _ caption: String) -> String {
        "<div class=\"chart\">\(svg)<p>\(caption)</p></div>\n"
    }

    // MARK: - Charts

    /// A square plot frame with axes 0…1 (or given labels).
    private static func frame(_ xLabel: String, _ yLabel: String, xTicks: [(Double, String)], yTicks: [(Double, String)]) -> String {
        var s = "<rect x=\"50\" y=\"20\" width=\"400\" height=\"300\" fill=\"#fff\" stroke=\"#999\"/>\n"
        for (v, label) in xTicks {
            let x = 50 + v * 400
            s += "<line x1=\"\(f(x))\" y1=\"320\" x2=\"\(f(x))\" y2=\"325\" stroke=\"#999\"/><text x=\"\(f(x))\" y=\"338\" text-anchor=\"middle\">\(label)</text>\n"
        }
        for (v, label) in yTicks {
            let y = 320 - v * 300
            s += "<line x1=\"45\" y1=\"\(f(y))\" x2=\"50\" y2=\"\(f(y))\" stroke=\"#999\"/><text x=\"42\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(label)</text>\n"
        }
        s += "<text x=\"250\" y=\"356\" text-anchor=\"middle\">\(xLabel)</text>"
        s += "<text x=\"14\" y=\"170\" text-anchor=\"middle\" transform=\"rotate(-90 14 170)\">\(yLabel)</text>\n"
        return s
    }

    private static let unitTicks: [(Double, String)] = [0, 0.25, 0.5, 0.75, 1].map { ($0, NumberText.fixed($0, 2)) }

    /// An SVG chart with the legend at (`left`, `top`), where the curves are not.
    private func svg(_ body: String, legend: Bool = true, left: Int = 300, top: Int = 270) -> String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"470\" height=\"370\" viewBox=\"0 0 470 370\">\n" + body
        if legend {
            for (k, item) in series.enumerated() {
                let y = top + k * 16
                s += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(left + 22)\" y2=\"\(y)\" stroke=\"\(Self.colours[k % 4])\" stroke-width=\"2\"\(k > 0 ? " stroke-dasharray=\"5 3\"" : "")/><text x=\"\(left + 28)\" y=\"\(y + 4)\">\(Self.escape(item.name))</text>\n"
            }
        }
        return s + "</svg>"
    }

    private func polyline(_ points: [(Double, Double)], _ k: Int) -> String {
        let text = Self.thinned(points).map { "\(Self.f(50 + $0.0 * 400)),\(Self.f(320 - $0.1 * 300))" }.joined(separator: " ")
        return "<polyline fill=\"none\" stroke=\"\(Self.colours[k % 4])\" stroke-width=\"2\"\(k > 0 ? " stroke-dasharray=\"5 3\"" : "") points=\"\(text)\"/>\n"
    }

    private var rocChart: String {
        var body = Self.frame("false-positive rate", "true-positive rate", xTicks: Self.unitTicks, yTicks: Self.unitTicks)
        body += "<line x1=\"50\" y1=\"320\" x2=\"450\" y2=\"20\" stroke=\"#ccc\" stroke-dasharray=\"2 3\"/>\n"
        for (k, s) in series.enumerated() {
            let p = Double(s.labels.lazy.filter { $0 }.count), n = Double(s.labels.count) - p
            guard p > 0, n > 0 else { continue }
            let points = [(0.0, 0.0)] + PRPoint.curve(scores: s.scores, labels: s.labels).map {
                (Double($0.falsePositives) / n, Double($0.truePositives) / p)
            }
            body += polyline(points, k)
        }
        return svg(body, top: 290 - 16 * series.count)
    }

    private var prChart: String {
        // Precision–recall curves fall from the top left: the legend sits bottom left.
        var body = Self.frame("recall", "precision", xTicks: Self.unitTicks, yTicks: Self.unitTicks)
        for (k, s) in series.enumerated() {
            let curve = PRPoint.curve(scores: s.scores, labels: s.labels)
            guard let first = curve.first else { continue }
            // A step curve, as average precision integrates it.
            var points: [(Double, Double)] = [(0, first.precision)]
            for q in curve {
                points.append((q.recall - q.recallStep, q.precision))
                points.append((q.recall, q.precision))
            }
            body += polyline(points, k)
        }
        return svg(body, left: 70, top: 290 - 16 * series.count)
    }

    private var calibrationChart: String {
        var body = Self.frame("mean predicted probability", "observed rate", xTicks: Self.unitTicks, yTicks: Self.unitTicks)
        body += "<line x1=\"50\" y1=\"320\" x2=\"450\" y2=\"20\" stroke=\"#ccc\" stroke-dasharray=\"2 3\"/>\n"
        guard let s = series.first else { return svg(body, legend: false) }
        var count = [Double](repeating: 0, count: 10), predicted = count, observed = count
        for (score, label) in zip(s.scores, s.labels) {
            let b = min(9, max(0, Int(score * 10)))
            count[b] += 1
            predicted[b] += score
            if label { observed[b] += 1 }
        }
        let most = count.max() ?? 1
        for b in 0..<10 where count[b] > 0 {
            let x = 50 + predicted[b] / count[b] * 400, y = 320 - observed[b] / count[b] * 300
            let r = 3 + 9 * (count[b] / most).squareRoot()
            body += "<circle cx=\"\(Self.f(x))\" cy=\"\(Self.f(y))\" r=\"\(Self.f(r))\" fill=\"\(Self.colours[0])\" fill-opacity=\"0.6\"><title>\(Int(count[b])) rows, predicted \(NumberText.fixed(predicted[b] / count[b], 3)), observed \(NumberText.fixed(observed[b] / count[b], 3))</title></circle>\n"
        }
        return svg(body, legend: false)
    }

    private var distributionChart: String {
        // Bands of log10(score) from -5 to 0, 20 bands; scores below 1e-5 go in the first.
        let bands = 20
        guard let s = series.first else { return svg("", legend: false) }
        var positives = [Double](repeating: 0, count: bands), others = positives
        for (score, label) in zip(s.scores, s.labels) {
            let v = log10(max(score, 1e-12))
            let b = min(bands - 1, max(0, Int((v + 5) / 5 * Double(bands))))
            if label { positives[b] += 1 } else { others[b] += 1 }
        }
        let pTotal = max(1, positives.reduce(0, +)), oTotal = max(1, others.reduce(0, +))
        let top = max(positives.map { $0 / pTotal }.max() ?? 0, others.map { $0 / oTotal }.max() ?? 0, 0.01)
        var body = Self.frame("score (log scale)", "share of group",
                              xTicks: [(0, "1e-5"), (0.2, "1e-4"), (0.4, "0.001"), (0.6, "0.01"), (0.8, "0.1"), (1, "1")],
                              yTicks: [0, 0.5, 1].map { ($0, NumberText.fixed($0 * top, 2)) })
        let w = 400.0 / Double(bands)
        for b in 0..<bands {
            for (k, share) in [(1, others[b] / oTotal), (0, positives[b] / pTotal)] where share > 0 {
                let h = share / top * 300
                let x = 50 + Double(b) * w + (k == 0 ? w / 2 : 0)
                body += "<rect x=\"\(Self.f(x))\" y=\"\(Self.f(320 - h))\" width=\"\(Self.f(w / 2 - 1))\" height=\"\(Self.f(h))\" fill=\"\(Self.colours[k])\" fill-opacity=\"0.75\"/>\n"
            }
        }
        body += "<rect x=\"300\" y=\"28\" width=\"12\" height=\"10\" fill=\"\(Self.colours[0])\"/><text x=\"318\" y=\"37\">\(positiveName)</text>\n"
        body += "<rect x=\"300\" y=\"44\" width=\"12\" height=\"10\" fill=\"\(Self.colours[1])\"/><text x=\"318\" y=\"53\">others</text>\n"
        return svg(body, legend: false)
    }

    private var weightsChart: String {
        let names = tuning.names
        let rows = names.count + 1
        let height = 30 + rows * 22
        var lo = 0.0, hi = 0.0
        var items: [(String, Double, ClosedRange<Double>)] = []
        let se = tuning.fit.standardError(0)
        items.append(("(bias)", tuning.bias, se.isFinite ? (tuning.fit.bias - 1.96 * se)...(tuning.fit.bias + 1.96 * se) : tuning.bias...tuning.bias))
        for j in names.indices { items.append((names[j], tuning.weights[j], tuning.fit.interval(weight: j))) }
        for item in items {
            lo = min(lo, item.2.lowerBound, item.1)
            hi = max(hi, item.2.upperBound, item.1)
        }
        let span = max(hi - lo, 1e-9)
        func x(_ v: Double) -> Double { 230 + (v - lo) / span * 560 }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"860\" height=\"\(height + 20)\" viewBox=\"0 0 860 \(height + 20)\">\n"
        s += "<line x1=\"\(Self.f(x(0)))\" y1=\"10\" x2=\"\(Self.f(x(0)))\" y2=\"\(height)\" stroke=\"#bbb\"/>\n"
        for (k, item) in items.enumerated() {
            let y = 24 + k * 22
            s += "<text x=\"220\" y=\"\(y + 4)\" text-anchor=\"end\">\(Self.escape(item.0))</text>\n"
            s += "<line x1=\"\(Self.f(x(item.2.lowerBound)))\" y1=\"\(y)\" x2=\"\(Self.f(x(item.2.upperBound)))\" y2=\"\(y)\" stroke=\"#555\" stroke-width=\"2\"/>\n"
            s += "<circle cx=\"\(Self.f(x(item.1)))\" cy=\"\(y)\" r=\"4\" fill=\"\(item.1 >= 0 ? Self.colours[0] : Self.colours[2])\"><title>\(Self.escape(item.0)): \(RuleSource.formatNumber(item.1)) [\(NumberText.fixed(item.2.lowerBound, 2)), \(NumberText.fixed(item.2.upperBound, 2))]</title></circle>\n"
            s += "<text x=\"800\" y=\"\(y + 4)\">\(RuleSource.formatNumber(item.1))</text>\n"
        }
        for v in [lo, 0, hi] {
            s += "<text x=\"\(Self.f(x(v)))\" y=\"\(height + 14)\" text-anchor=\"middle\">\(NumberText.fixed(v, 1))</text>\n"
        }
        return s + "</svg>\n"
    }

    // MARK: - Helpers

    /// At most about 600 points, always keeping the first and last.
    static func thinned(_ points: [(Double, Double)]) -> [(Double, Double)] {
        guard points.count > 600 else { return points }
        let step = points.count / 600 + 1
        var out = stride(from: 0, to: points.count, by: step).map { points[$0] }
        if let last = points.last { out.append(last) }
        return out
    }

    static func f(_ v: Double) -> String { NumberText.fixed(v, 1) }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
