// The cost curve: how the cost J falls over the training iterations, for the training set and
// optionally the test set recorded at the same iterations. A log scale shows the slow tail.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cost against iteration.
public struct CostPlot: Plot {
    /// The iterations at which the costs were recorded (x axis).
    public var iterations: [Int]
    /// Training cost at each iteration; non-finite values (a diverged run) are left out.
    public var trainingCost: [Double]
    /// Test cost, if there is a test set: at the same iterations, or at `testIterations` when given
    /// (the test cost is usually recorded less often than the training cost).
    public var testCost: [Double]?
    public var testIterations: [Int]?
    /// Validation cost (`set validation F`), at `validationIterations`.
    public var validationCost: [Double]? = nil
    public var validationIterations: [Int]? = nil
    public var title: String
    /// Logarithmic cost axis; costs ≤ 0 cannot be shown on it and are left out.
    public var logScale: Bool
    /// Logarithmic iteration axis (from iteration 1): a long run's early fall, squeezed against the y axis on
    /// a linear axis, gets as much room as its slow tail.
    public var logIterations = false
    public var xLabel: String
    public var yLabel: String

    public init(
        iterations: [Int], trainingCost: [Double], testCost: [Double]? = nil, testIterations: [Int]? = nil,
        title: String, logScale: Bool = false, xLabel: String = "iteration", yLabel: String = "cost"
    ) {
        self.iterations = iterations
        self.trainingCost = trainingCost
        self.testCost = testCost
        self.testIterations = testIterations
        self.title = title
        self.logScale = logScale
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions) throws {
        guard !iterations.isEmpty else { throw PlotError.invalidData("the cost history is empty (train first)") }
        guard trainingCost.count == iterations.count else {
            throw PlotError.invalidData("\(iterations.count) iterations but \(trainingCost.count) training costs")
        }
        let testIterationList = testIterations ?? iterations
        if let testCost, testCost.count != testIterationList.count {
            throw PlotError.invalidData("\(testIterationList.count) test iterations but \(testCost.count) test costs")
        }
        if let validationCost, validationCost.count != (validationIterations?.count ?? -1) {
            throw PlotError.invalidData("\(validationIterations?.count ?? 0) validation iterations but \(validationCost.count) validation costs")
        }
        // Values the axis cannot show become NaN, which gnuplot skips (and breaks the line at).
        let drawable = { (cost: Double) in cost.isFinite && (!logScale || cost > 0) ? cost : .nan }
        let training = trainingCost.map(drawable)
        let test = testCost?.map(drawable)
        let validation = validationCost?.map(drawable)
        guard training.contains(where: { !$0.isNaN }) || (test?.contains(where: { !$0.isNaN }) ?? false) else {
            throw PlotError.invalidData(logScale
                ? "no positive finite cost to show on a log scale"
                : "no finite cost to show (the training diverged)")
        }

        // On a log axis iteration 0 has no place: every series starts at iteration 1.
        func kept(_ its: [Int], _ values: [Double]) -> (iterations: [Int], costs: [Double]) {
            guard logIterations else { return (its, values) }
            let pairs = zip(its, values).filter { $0.0 >= 1 }
            return (pairs.map(\.0), pairs.map(\.1))
        }
        let trainingSeries = kept(iterations, training)
        let testSeries = test.map { kept(testIterationList, $0) }
        let validationSeries = validation.map { kept(validationIterations ?? [], $0) }
        guard !trainingSeries.iterations.isEmpty else {
            throw PlotError.invalidData("a logarithmic iteration axis starts at iteration 1; nothing was trained past 0")
        }
        let first = Double(trainingSeries.iterations.min() ?? 0), last = Double(trainingSeries.iterations.max() ?? 0)
        // A million iterations are a million lines for gnuplot to parse (29 s, 1.2 GB); no image
        // shows more than a few points per pixel column, so send only those (spikes survive).
        let shownTraining = CostPlot.reduce(iterations: trainingSeries.iterations, costs: trainingSeries.costs, columns: options.width,
                                            logIterations: logIterations)
        let shownTest = testSeries.map { CostPlot.reduce(iterations: $0.iterations, costs: $0.costs, columns: options.width, logIterations: logIterations) }
        let shownValidation = validationSeries.map { CostPlot.reduce(iterations: $0.iterations, costs: $0.costs, columns: options.width,
                                                                     logIterations: logIterations) }
        script.command("set title \(GnuplotText.quoted(title))")
        script.command("set xlabel \(GnuplotText.quoted(xLabel))")
        script.command("set ylabel \(GnuplotText.quoted(logScale ? yLabel + " (log scale)" : yLabel))")
        // A single recorded iteration would make an empty x range; give it some width.
        script.command(first == last
            ? "set xrange [\(GnuplotText.number(first - 1)):\(GnuplotText.number(last + 1))]"
            : "set xrange [\(GnuplotText.number(first)):\(GnuplotText.number(last))]")
        if logIterations {
            script.command("set logscale x 10")
            script.command("set xlabel \(GnuplotText.quoted(xLabel + " (log scale)"))")
            script.command("set xtics (" + CostPlot.logTics(from: first, to: last).map { GnuplotText.number($0) }.joined(separator: ", ") + ")")
            script.command("set format x '%.0f'")
        } else {
            script.command("set xtics \(GnuplotText.number(CostPlot.iterationTicStep(span: last - first)))")
            script.command("set format x '%.0f'")
        }
        let shown = (training + (test ?? []) + (validation ?? [])).filter { !$0.isNaN }
        let low = shown.min() ?? 1, high = shown.max() ?? 1
        CostPlot.costAxis(low: low, high: high, logScale: logScale, into: &script)
        script.command("set key top right box opaque")

        // Few points: mark them, or a two-point history would look like a mere line.
        let style = iterations.count <= 30 ? "linespoints pointtype 7 pointsize 0.8" : "lines"
        var plot = PlotCommand()
        plot.add("using 1:2 with \(style) linewidth 2 linecolor \(GnuplotText.rgb(Palette.trainingLine))"
                    + " title \(GnuplotText.quoted("training cost"))",
                 points: PointData(columns: [shownTraining.map { Double($0.iteration) }, shownTraining.map(\.cost)]))
        if let shownValidation {
            plot.add("using 1:2 with \(style) linewidth 2 dashtype 3 linecolor \(GnuplotText.rgb(Palette.validationLine))"
                        + " title \(GnuplotText.quoted("validation cost"))",
                     points: PointData(columns: [shownValidation.map { Double($0.iteration) }, shownValidation.map(\.cost)]))
        }
        if let shownTest {
            plot.add("using 1:2 with \(style) linewidth 2 dashtype 2 linecolor \(GnuplotText.rgb(Palette.testLine))"
                        + " title \(GnuplotText.quoted("test cost"))",
                     points: PointData(columns: [shownTest.map { Double($0.iteration) }, shownTest.map(\.cost)]))
        }
        plot.emit(into: &script)
    }

    /// A few points per pixel column (at most 5), chosen so that the drawn line looks the same: the
    /// costs are cut into `columns` equal spans of iteration and each span keeps its first and
    /// last point and its lowest and highest finite cost (the M4 reduction: every vertical
    /// extent, hence every spike, survives). A span holding non-finite costs (gaps the plot
    /// leaves out) also keeps its first one (the 5th), so the line still breaks there. Points come back
    /// in their original order. Histories of at most 4 × `columns` points come back unchanged.
    /// With `logIterations` the spans are equal on a logarithmic iteration axis (iterations ≥ 1).
    public static func reduce(iterations: [Int], costs: [Double], columns: Int,
                              logIterations: Bool = false) -> [(iteration: Int, cost: Double)] {
        precondition(iterations.count == costs.count, "one cost per iteration")
        precondition(!logIterations || iterations.allSatisfy { $0 >= 1 }, "a log axis starts at iteration 1")
        let columns = max(1, columns)
        guard costs.count > 4 * columns, let low = iterations.min(), let high = iterations.max(), high > low else {
            return Array(zip(iterations, costs)).map { (iteration: $0.0, cost: $0.1) }
        }
        let position = { (iteration: Int) in logIterations ? log(Double(iteration)) : Double(iteration) }
        let span = position(high) - position(low)
        var firstIndex = [Int](repeating: -1, count: columns), lastIndex = firstIndex
        var lowIndex = firstIndex, highIndex = firstIndex, gapIndex = firstIndex
        for (index, iteration) in iterations.enumerated() {
            let column = min(columns - 1, Int((position(iteration) - position(low)) / span * Double(columns)))
            if firstIndex[column] < 0 { firstIndex[column] = index }
            lastIndex[column] = index
            let cost = costs[index]
            if !cost.isFinite {
                if gapIndex[column] < 0 { gapIndex[column] = index }
                continue
            }
            if lowIndex[column] < 0 || cost < costs[lowIndex[column]] { lowIndex[column] = index }
            if highIndex[column] < 0 || cost > costs[highIndex[column]] { highIndex[column] = index }
        }
        var keep = Set<Int>()
        for list in [firstIndex, lastIndex, lowIndex, highIndex, gapIndex] {
            for index in list where index >= 0 { keep.insert(index) }
        }
        return keep.sorted().map { (iteration: iterations[$0], cost: costs[$0]) }
    }

    /// `reduce(iterations:costs:columns:)` for costs recorded at iterations 0, 1, 2, ...
    static func reduce(_ costs: [Double], columns: Int) -> [(iteration: Int, cost: Double)] {
        reduce(iterations: Array(costs.indices), costs: costs, columns: columns)
    }

    /// The cost axis for costs from `low` to `high` (shared with CostComparisonPlot).
    static func costAxis(low: Double, high: Double, logScale: Bool, into script: inout GnuplotScript) {
        if logScale {
            // gnuplot's own log tics label only powers of ten, often just "0.1" and "1" for a
            // cost curve; label 1-2-5 steps (finer when the range is narrow) instead.
            script.command("set logscale y 10")
            script.command("set yrange [\(GnuplotText.number(low / 1.15)):\(GnuplotText.number(high * 1.15))]")
            let tics = CostPlot.logTics(from: low / 1.15, to: high * 1.15)
            script.command("set ytics (" + tics.map { GnuplotText.number($0) }.joined(separator: ", ") + ")")
            script.command("set format y '%g'")
        } else if low == high {
            // A constant cost would make an empty y range; centre it in a visible one.
            let pad = max(abs(low) * 0.1, 0.1)
            script.command("set yrange [\(GnuplotText.number(low - pad)):\(GnuplotText.number(high + pad))]")
        }
    }

    /// A whole-number tic step (1, 2 or 5 × 10^k) giving about 5–10 tics over `span` iterations:
    /// gnuplot's own choice could be 0.5, which `%.0f` would print as repeated labels.
    static func iterationTicStep(span: Double) -> Double {
        guard span > 5 else { return 1 }
        let rough = span / 6
        let power = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        return max(1, step)
    }

    /// Tic positions m·10^k in [low, high] with mantissas m from a 1-2-5 style series: more
    /// mantissas for a narrow range so that at least a few tics are labelled.
    static func logTics(from low: Double, to high: Double) -> [Double] {
        guard low > 0, high > low else { return [] }
        let decades = log10(high / low)
        let mantissas: [Double] = decades <= 1.5 ? [1, 1.5, 2, 3, 4, 5, 6, 7, 8] : decades <= 4 ? [1, 2, 5] : [1]
        var tics: [Double] = []
        var exponent = Int(floor(log10(low)))
        while pow(10, Double(exponent)) <= high {
            for m in mantissas {
                // Divide by an exact power of ten rather than multiply by an inexact 10^-k, so
                // that labels read 0.3, not 0.30000000000000004.
                let scale = pow(10, Double(abs(exponent)))
                let value = exponent >= 0 ? m * scale : m / scale
                if value >= low && value <= high { tics.append(value) }
            }
            exponent += 1
        }
        return tics
    }
}
