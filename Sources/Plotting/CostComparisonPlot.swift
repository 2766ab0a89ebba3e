// Several training runs' cost curves on one chart (`plot cost runs=…`), each in its own colour and dash,
// named in the legend by what differs between them (`run 2 tanh`, `run 3 relu lr=0.5`), so the effect of
// one setting — the activation, n_h, the learning rate, the optimizer — is read off one picture. Each curve
// arrives already reduced to a few points per pixel column (CostPlot.reduce).

/// Cost curves of several runs.
public struct CostComparisonPlot: Plot {
    public struct Series: Sendable {
        public var name: String
        public var iterations: [Int]
        public var costs: [Double]
        public init(name: String, iterations: [Int], costs: [Double]) {
            self.name = name
            self.iterations = iterations
            self.costs = costs
        }
    }

    public var series: [Series]
    public var title: String
    public var logScale: Bool
    public var yLabel: String

    public init(series: [Series], title: String, logScale: Bool = false, yLabel: String = "cost") {
        self.series = series
        self.title = title
        self.logScale = logScale
        self.yLabel = yLabel
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions) throws {
        guard !series.isEmpty else { throw PlotError.invalidData("there are no runs to compare") }
        for s in series where s.iterations.count != s.costs.count {
            throw PlotError.invalidData("run '\(s.name)': \(s.iterations.count) iterations but \(s.costs.count) costs")
        }
        let drawable = { (cost: Double) in cost.isFinite && (!logScale || cost > 0) ? cost : .nan }
        let shown = series.map { s in CostPlot.reduce(iterations: s.iterations, costs: s.costs.map(drawable), columns: options.width) }
        let values = shown.flatMap { $0.map(\.cost) }.filter { !$0.isNaN }
        guard let low = values.min(), let high = values.max() else {
            throw PlotError.invalidData(logScale ? "no positive finite cost to show on a log scale" : "no finite cost to show (every run diverged)")
        }
        let iterations = series.flatMap(\.iterations)
        let first = Double(iterations.min() ?? 0), last = Double(iterations.max() ?? 1)
        script.pageTitle(title, options: options)
        script.command("set xlabel 'iteration'")
        script.command("set ylabel \(GnuplotText.quoted(logScale ? yLabel + " (log scale)" : yLabel))")
        script.command(first == last
            ? "set xrange [\(GnuplotText.number(first - 1)):\(GnuplotText.number(last + 1))]"
            : "set xrange [\(GnuplotText.number(first)):\(GnuplotText.number(last))]")
        script.command("set xtics \(GnuplotText.number(CostPlot.iterationTicStep(span: last - first)))")
        script.command("set format x '%.0f'")
        CostPlot.costAxis(low: low, high: high, logScale: logScale, into: &script)
        // The legend under the chart, one run a line, so long run names never cover a curve or get cut.
        script.command("set tmargin at screen 0.90")
        script.command("set key below left Left reverse samplen 3 spacing 1.2 maxcols 1")
        var plot = PlotCommand()
        for (k, (s, points)) in zip(series, shown).enumerated() {
            plot.add("using 1:2 with lines linewidth 2.5 dashtype \(ActivationPlot.dashType(k)) linecolor \(GnuplotText.rgb(Palette.classColour(k)))"
                        + " title \(GnuplotText.quoted(s.name))",
                     points: PointData(columns: [points.map { Double($0.iteration) }, points.map(\.cost)]))
        }
        plot.emit(into: &script)
    }
}
