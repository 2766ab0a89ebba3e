// The lecture's activation slides: each activation g(z) and its slope g′(z), side by side, with
// the network's current activation drawn thicker and marked "(current)". Plotting only draws:
// the caller evaluates the functions (the engine owns their formulas).

/// Activation functions and their derivatives in two panels.
public struct ActivationPlot: Plot {
    /// One activation: its name and, at each z, g(z) and g′(z).
    public struct Curve: Sendable, Equatable {
        public var name: String
        public var values: [Double]
        public var derivatives: [Double]

        public init(name: String, values: [Double], derivatives: [Double]) {
            self.name = name
            self.values = values
            self.derivatives = derivatives
        }
    }

    /// The z samples (x axis of both panels), e.g. 401 points on [−5, 5].
    public var z: [Double]
    public var curves: [Curve]
    /// The name of the curve to highlight (thicker, "(current)" in the legend); nil for none.
    public var highlighted: String?
    public var title: String
    public var valueTitle: String
    public var derivativeTitle: String
    public var zLabel: String

    public init(z: [Double], curves: [Curve], highlighted: String? = nil,
                title: String = "activation functions g(z) and their slopes g′(z)",
                valueTitle: String = "g(z)", derivativeTitle: String = "g′(z)", zLabel: String = "z") {
        self.z = z
        self.curves = curves
        self.highlighted = highlighted
        self.title = title
        self.valueTitle = valueTitle
        self.derivativeTitle = derivativeTitle
        self.zLabel = zLabel
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions) throws {
        guard z.count >= 2 else { throw PlotError.invalidData("activation curves need at least 2 z values, got \(z.count)") }
        guard z.allSatisfy(\.isFinite) else { throw PlotError.invalidData("some z values are not finite numbers") }
        guard !curves.isEmpty else { throw PlotError.invalidData("there are no activation curves to plot") }
        for curve in curves where curve.values.count != z.count || curve.derivatives.count != z.count {
            throw PlotError.invalidData("activation '\(curve.name)' has \(curve.values.count) values and"
                                            + " \(curve.derivatives.count) derivatives for \(z.count) z values")
        }
        let current = try highlighted.map { name in
            guard let index = curves.firstIndex(where: { $0.name == name }) else {
                throw PlotError.invalidData("no activation curve is named '\(name)' (to highlight)")
            }
            return index
        }

        let width = Double(options.width), height = Double(options.height)
        let area = ScreenRect(left: 0, right: 1, bottom: 0, top: 1 - Multiplot.titleBand(options) / height)
        let insets = PanelInsets.standard(fontSize: options.fontSize, xLabel: true, yLabel: true)
        let frames = PanelLayout.frames(rows: 1, columns: 2, in: area, width: width, height: height,
                                        insets: insets, aspect: nil)
        let zMin = z.min() ?? -5, zMax = z.max() ?? 5

        Multiplot.begin(title: title, options: options, into: &script)
        for (panel, frame) in frames.enumerated() {
            let derivative = panel == 1
            frame.marginCommands().forEach { script.command($0) }
            script.command("set title \(GnuplotText.quoted(derivative ? derivativeTitle : valueTitle))")
            script.command("set xlabel \(GnuplotText.quoted(zLabel)) offset 0,0.3")
            script.command("set ylabel \(GnuplotText.quoted(derivative ? derivativeTitle : valueTitle))")
            script.command("set xrange [\(GnuplotText.number(zMin)):\(GnuplotText.number(zMax))]")
            let shown = curves.flatMap { derivative ? $0.derivatives : $0.values }.filter(\.isFinite)
            let (low, high) = ActivationPlot.paddedRange(shown)
            script.command("set yrange [\(GnuplotText.number(low)):\(GnuplotText.number(high))]")
            script.command("set xzeroaxis linetype 1 linecolor rgb '#888888' linewidth 1")
            script.command("set yzeroaxis linetype 1 linecolor rgb '#888888' linewidth 1")
            if derivative {
                script.command("unset key")
            } else {
                // One legend for both panels (the colours are the same), where g(z) leaves room:
                // every activation is small for z ≪ 0.
                script.command("set key top left box opaque samplen 2.5 spacing 1.2 width 1")
            }

            var plot = PlotCommand()
            for (k, curve) in curves.enumerated() {
                let isCurrent = k == current
                let name = isCurrent ? curve.name + " (current)" : curve.name
                // The highlighted curve is drawn here for its legend entry, and again on top.
                plot.add("using 1:2 with lines linewidth \(isCurrent ? "4" : "2") dashtype \(ActivationPlot.dashType(k))"
                            + " linecolor \(GnuplotText.rgb(Palette.classColour(k)))"
                            + (derivative ? " notitle" : " title \(GnuplotText.quoted(name))"),
                         points: PointData(columns: [z, ActivationPlot.drawable(derivative ? curve.derivatives : curve.values)]))
            }
            if let current {
                let curve = curves[current]
                plot.add("using 1:2 with lines linewidth 4 linecolor \(GnuplotText.rgb(Palette.classColour(current))) notitle",
                         points: PointData(columns: [z, ActivationPlot.drawable(derivative ? curve.derivatives : curve.values)]))
            }
            plot.emit(into: &script)
        }
        Multiplot.end(into: &script)
    }

    /// Activations overlap (relu, leaky and linear agree for z > 0; their slopes are all 1), so
    /// after the first three solid lines come dashed and dotted ones, through which the lines
    /// below stay visible.
    static func dashType(_ index: Int) -> String {
        ["1", "1", "1", "(7,6)", "(1,5)", "(12,5,1,5)"][index % 6]
    }

    /// Non-finite values become NaN, which gnuplot leaves out.
    static func drawable(_ values: [Double]) -> [Double] {
        values.map { $0.isFinite ? $0 : .nan }
    }

    /// The range of `values` with 8 % room above and below (so that flat lines such as a
    /// derivative of 0 or 1 do not run along the frame); [−1, 1] if there is nothing to show.
    static func paddedRange(_ values: [Double]) -> (Double, Double) {
        guard let low = values.min(), let high = values.max() else { return (-1, 1) }
        let span = high - low
        let pad = span > 0 ? span * 0.08 : max(abs(low) * 0.1, 0.5)
        return (low - pad, high + pad)
    }
}
