import Foundation
import NeuralNet
import Datasets
import Plotting

/// `train N live`: the cost curve so far (and, for two-feature classification, the decision boundary of the
/// parameters being trained) redrawn in place a few times a second, above the progress line. Terminal
/// decoration only (`Context.live`): the table, the costs and the record are those of `train N`.
///
/// Time: the cost curve is drawn by gnuplot's dumb terminal (a process start, ~15–40 ms), the boundary by
/// `TextBoundary` on a grid of ~60 × 60 points (a forward pass of 3,600 examples, ~1 ms). Drawing waits at
/// least 0.25 s, and five times as long as the last drawing took, so it takes at most ~20 % of the wall time
/// whatever the machine's load.
final class LiveView {
    private let context: Context
    private let session: Session
    private let dataset: Dataset
    private let title: String
    /// The boundary's grid, nil when the data is not two-feature classification.
    private let grid: PlotGrid?
    private var iterations: [Int] = []
    private var costs: [Double] = []
    private var lastDrawn: Double
    private var interval = LiveView.minimumInterval
    private var failed = false
    /// Seconds spent drawing, for the measurement in the notes.
    private(set) var drawingSeconds = 0.0
    private(set) var drawings = 0

    static let minimumInterval = 0.25
    /// The share of wall time drawing may take.
    static let budget = 0.2

    init(context: Context, session: Session, model: Model, dataset: Dataset, title: String) {
        self.context = context
        self.session = session
        self.dataset = dataset
        self.title = title
        lastDrawn = context.now()
        if dataset.featureCount == 2, dataset.isClassification, model.architecture.output != .linear {
            grid = try? CommandCatalog.boundaryGrid(dataset.X, h: nil, resolution: 60)
        } else {
            grid = nil
        }
    }

    /// Records the cost of `iteration` (every iteration: the curve is the whole run so far).
    func record(_ iteration: Int, _ cost: Double) {
        iterations.append(iteration)
        costs.append(cost)
    }

    /// Redraws when the time has come; `parameters` gives the network being trained (nil: the cost only).
    func tick(parameters: () -> Network?) {
        let start = context.now()
        guard !failed, start - lastDrawn >= interval, let show = context.live else { return }
        do {
            if let text = try picture(network: grid == nil ? nil : parameters()) { show(text) }
        } catch {
            failed = true  // gnuplot missing or failing: the file plots will say so; training goes on
        }
        let end = context.now()
        drawingSeconds += end - start
        drawings += 1
        interval = max(LiveView.minimumInterval, (end - start) / LiveView.budget)
        lastDrawn = end
    }

    /// Removes the view (the run is over).
    func finish() {
        context.live?(nil)
    }

    /// The cost curve, and beside it or under it the boundary; nil when the terminal is too small.
    private func picture(network: Network?) throws -> String? {
        guard iterations.count > 1 else { return nil }
        let columns = context.columns - 1, available = context.rows - 3
        guard columns >= 40, available >= 8 else { return nil }
        let cost = { (width: Int, height: Int) throws -> String in
            let title = "\(self.title): cost \(Format.cost(self.costs.last!)) at iteration \(self.iterations.last!)"
            var plot: CostPlot
            if let last = self.iterations.last, last >= 1_000 {
                // A long run: on a linear axis its whole fall is squeezed into the first column and the rest
                // is a line along the floor; a log axis gives each decade the same room (as the film does).
                let pairs = zip(self.iterations, self.costs).filter { $0.0 >= 1 }
                let kept = CostPlot.reduce(iterations: pairs.map(\.0), costs: pairs.map(\.1), columns: 200, logIterations: true)
                plot = CostPlot(iterations: kept.map(\.iteration), trainingCost: kept.map(\.cost), title: title)
                plot.logIterations = true
            } else {
                // At most ~1,000 points: the dumb terminal has 80 columns, and a long run must not slow the drawing.
                let step = max(1, self.iterations.count / 1000)
                var picked = Array(stride(from: 0, to: self.iterations.count, by: step))
                if picked.last != self.iterations.count - 1 { picked.append(self.iterations.count - 1) }
                plot = CostPlot(iterations: picked.map { self.iterations[$0] }, trainingCost: picked.map { self.costs[$0] }, title: title)
            }
            return try plot.preview(columns: width, rows: height, colour: self.context.colour, options: PlotOptions())
        }
        guard let network, let grid else { return try cost(min(columns, 79), min(available, 22)) }
        let boundary = { (width: Int, height: Int) throws -> String in
            try CommandCatalog.boundaryPlot(network, session: self.session, dataset: self.dataset, grid: grid,
                                            title: "decision boundary at iteration \(self.iterations.last!)")
                .preview(columns: width, rows: height, colour: self.context.colour)
        }
        if columns >= 100 {
            let width = min((columns - 2) / 2, 79), height = min(available, 24)
            return LiveView.sideBySide(try cost(width, height), try boundary(width, height), width: width)
        }
        let costHeight = max(8, available * 2 / 5), boundaryHeight = available - costHeight
        let width = min(columns, 79)
        guard boundaryHeight >= 8 else { return try cost(width, min(available, 22)) }
        return try cost(width, costHeight) + "\n" + boundary(width, boundaryHeight)
    }

    /// Two blocks of text side by side, the left one padded to `width` visible columns (colour codes take none).
    static func sideBySide(_ left: String, _ right: String, width: Int) -> String {
        let a = left.split(separator: "\n", omittingEmptySubsequences: false), b = right.split(separator: "\n", omittingEmptySubsequences: false)
        return (0..<max(a.count, b.count)).map { k in
            let l = k < a.count ? String(a[k]) : "", r = k < b.count ? String(b[k]) : ""
            return l + String(repeating: " ", count: max(0, width - visibleWidth(l)) + 2) + r
        }.joined(separator: "\n")
    }

    /// Characters shown, ANSI colour codes (ESC [ … m) not counted.
    static func visibleWidth(_ text: String) -> Int {
        var count = 0, inCode = false
        for scalar in text.unicodeScalars {
            if inCode {
                if scalar == "m" { inCode = false }
            } else if scalar == "\u{1B}" {
                inCode = true
            } else {
                count += 1
            }
        }
        return count
    }
}
