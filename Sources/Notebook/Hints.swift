import NeuralNet
import Datasets

/// Hints printed where they change the outcome, each once (`Session.hintsShown`): raw features with large
/// or very different ranges (tanh and sigmoid units saturate on inputs in the thousands, so training stalls at
/// the majority class), and a training run whose cost stopped moving while the model still answers one
/// class for everything.
enum Hints {
    /// A feature span above this, unscaled, puts z = w·x far into tanh's flat tails unless the weights are tiny.
    static let largeSpan = 100.0
    /// Spans differing by more than this factor: one feature dominates w·x and gradient descent zig-zags.
    static let spanRatio = 100.0

    /// `feature 'area' ranges 143–2501` when the training part's features need scaling, else nil.
    static func unscaledFeatures(_ part: Dataset) -> String? {
        guard part.m > 0, part.featureCount > 0 else { return nil }
        var spans: [(name: String, low: Double, high: Double)] = []
        for row in 0..<part.featureCount {
            var low = Double.infinity, high = -Double.infinity
            for value in part.X.row(row) where value.isFinite {
                low = min(low, value)
                high = max(high, value)
            }
            if low <= high { spans.append((part.featureNames[row], low, high)) }
        }
        guard let widest = spans.max(by: { $0.high - $0.low < $1.high - $1.low }) else { return nil }
        let width = widest.high - widest.low
        let narrowest = spans.map { $0.high - $0.low }.filter { $0 > 0 }.min() ?? width
        guard width > largeSpan || (narrowest > 0 && width / narrowest > spanRatio && width > 1) else { return nil }
        var text = "feature '\(Format.shown(widest.name))' ranges \(formatShort(widest.low))–\(formatShort(widest.high))"
        if let narrow = spans.min(by: { $0.high - $0.low < $1.high - $1.low }), narrow.name != widest.name, narrow.high > narrow.low {
            text += ", '\(Format.shown(narrow.name))' \(formatShort(narrow.low))–\(formatShort(narrow.high))"
        }
        return text
    }

    /// The iterations over which a flat cost is looked for: the last tenth of a run, at least 10.
    static func window(iterations: Int) -> Int { max(10, iterations / 10) }

    /// Whether the cost stayed put (relative change below 1e-5) over the last `window(iterations:)` entries of
    /// `costs`, the history of a run of `iterations` iterations (one entry per iteration, plus the start).
    static func isFlat(_ costs: ArraySlice<Double>, iterations: Int) -> Bool {
        let window = window(iterations: iterations)
        guard iterations >= 100, costs.count > window, let last = costs.last, last.isFinite else { return false }
        let start = costs[costs.endIndex - 1 - window]
        guard start.isFinite else { return false }
        return abs(last - start) <= 1e-5 * max(abs(start), 1e-12)
    }
}
