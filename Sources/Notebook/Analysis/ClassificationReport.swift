/// The confusion matrix and per-class scores of a classifier on labelled examples, laid out as scikit-learn's
/// `confusion_matrix` and `classification_report` (precision, recall, F1, support; accuracy; macro and
/// support-weighted averages). A class that is never predicted has precision 0 (sklearn's zero_division=0).
struct ClassificationReport: Equatable {
    let classNames: [String]
    /// counts[t][p]: examples of true class t predicted as p.
    let counts: [[Int]]

    init(actual: [Int], predicted: [Int], classNames: [String]) {
        self.classNames = classNames
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classNames.count), count: classNames.count)
        for (t, p) in zip(actual, predicted) where t >= 0 && t < classNames.count && p >= 0 && p < classNames.count {
            counts[t][p] += 1
        }
        self.counts = counts
    }

    var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    func support(_ k: Int) -> Int { counts[k].reduce(0, +) }
    func predictedCount(_ k: Int) -> Int { counts.reduce(0) { $0 + $1[k] } }
    func precision(_ k: Int) -> Double { predictedCount(k) == 0 ? 0 : Double(counts[k][k]) / Double(predictedCount(k)) }
    func recall(_ k: Int) -> Double { support(k) == 0 ? 0 : Double(counts[k][k]) / Double(support(k)) }
    func f1(_ k: Int) -> Double {
        let p = precision(k), r = recall(k)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
    var accuracy: Double { total == 0 ? 0 : Double((0..<classNames.count).reduce(0) { $0 + counts[$1][$1] }) / Double(total) }

    /// Mean of `score` over classes: plain (macro) or weighted by support.
    func average(_ score: (Int) -> Double, weighted: Bool) -> Double {
        let classes = 0..<classNames.count
        if weighted {
            return total == 0 ? 0 : classes.reduce(0) { $0 + score($1) * Double(support($1)) } / Double(total)
        }
        return classNames.isEmpty ? 0 : classes.reduce(0) { $0 + score($1) } / Double(classNames.count)
    }

    /// The confusion matrix (rows: true class, columns: predicted) and the report, as text lines.
    func lines(data: String) -> [String] {
        let names = classNames.map { Format.shown($0, limit: 16) }
        let nameWidth = max(12, (names.map(\.count).max() ?? 0))
        let cell = max(6, (names.map(\.count).max() ?? 0) + 1, String(total).count + 1)
        var out = ["confusion matrix on \(data) (rows: true class, columns: predicted)"]
        out.append(Format.pad("", nameWidth) + names.map { Format.pad($0, cell) }.joined())
        for (t, row) in counts.enumerated() {
            out.append(Format.pad(names[t], nameWidth) + row.map { Format.pad(String($0), cell) }.joined())
        }
        out.append("")
        func number(_ x: Double) -> String { Format.pad(String(format: "%.2f", x), 10) }
        out.append(Format.pad("", nameWidth) + Format.pad("precision", 10) + Format.pad("recall", 10) + Format.pad("f1-score", 10) + Format.pad("support", 10))
        for k in classNames.indices {
            out.append(Format.pad(names[k], nameWidth) + number(precision(k)) + number(recall(k)) + number(f1(k)) + Format.pad(String(support(k)), 10))
        }
        out.append("")
        out.append(Format.pad("accuracy", nameWidth) + Format.pad("", 20) + number(accuracy) + Format.pad(String(total), 10))
        for (label, weighted) in [("macro avg", false), ("weighted avg", true)] {
            out.append(Format.pad(label, nameWidth) + number(average(precision, weighted: weighted)) + number(average(recall, weighted: weighted))
                       + number(average(f1, weighted: weighted)) + Format.pad(String(total), 10))
        }
        return out
    }
}

/// Regression quality on labelled examples: mean squared error, mean absolute error and R².
struct RegressionReport: Equatable {
    let mse: Double
    let mae: Double
    let r2: Double
    let count: Int

    init(actual: [Double], predicted: [Double]) {
        let n = Double(max(actual.count, 1))
        let mean = actual.reduce(0, +) / n
        let residual = zip(predicted, actual).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let total = actual.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        mse = residual / n
        mae = zip(predicted, actual).reduce(0) { $0 + abs($1.0 - $1.1) } / n
        r2 = total > 0 ? 1 - residual / total : 0
        count = actual.count
    }
}
