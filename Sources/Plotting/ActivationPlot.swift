// The lecture's activation slides: one small panel per activation with g(z) (solid) and its slope g′(z)
// (dashed) together, each over the z range that shows its shape (sigmoid saturates later than tanh; relu's
// kink needs a close view), the network's current activation marked "(current)" and drawn thicker. One panel
// each, because overlaid curves hide each other: relu, leaky and linear agree for z > 0 and their slopes are
// all 1 there. Plotting only draws: the caller evaluates the functions (the engine owns their formulas).

/// Activation functions and their derivatives, one panel per activation.
public struct ActivationPlot: Plot {
    /// One activation: its name and, at each z, g(z) and g′(z).
    public struct Curve: Sendable, Equatable {
        public var name: String
        /// This curve's own z samples; nil uses the plot's `z`.
        public var z: [Double]?
        public var values: [Double]
        public var derivatives: [Double]

        public init(name: String, z: [Double]? = nil, values: [Double], derivatives: [Double]) {
            self.name = name
            self.z = z
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
        guard !curves.isEmpty else { throw PlotError.invalidData("there are no activation curves to plot") }
        for curve in curves {
            let samples = curve.z ?? z
            guard samples.count >= 2 else { throw PlotError.invalidData("activation curves need at least 2 z values, got \(samples.count)") }
            guard samples.allSatisfy(\.isFinite) else { throw PlotError.invalidData("some z values of '\(curve.name)' are not finite numbers") }
            guard curve.values.count == samples.count, curve.derivatives.count == samples.count else {
                throw PlotError.invalidData("activation '\(curve.name)' has \(curve.values.count) values and"
                                                + " \(curve.derivatives.count) derivatives for \(samples.count) z values")
            }
        }
        let current = try highlighted.map { name in
            guard let index = curves.firstIndex(where: { $0.name == name }) else {
                throw PlotError.invalidData("no activation curve is named '\(name)' (to highlight)")
            }
            return index
        }

        let width = Double(options.width), height = Double(options.height)
        let area = ScreenRect(left: 0, right: 1, bottom: 0, top: 1 - Multiplot.titleBand(options) / height)
        let insets = PanelInsets.standard(fontSize: options.fontSize, xLabel: true, yLabel: false)
        let shape = PanelLayout.shape(count: curves.count, width: area.width * width, height: area.height * height,
                                      aspect: 0.75, insets: insets)
        let frames = PanelLayout.frames(rows: shape.rows, columns: shape.columns, count: curves.count, in: area,
                                        width: width, height: height, insets: insets, aspect: nil)

        Multiplot.begin(title: title, options: options, panelTitles: curves.map { $0.name + " (current)" },
                        panelWidth: (frames.first?.width ?? 1) * width, into: &script)
        for (k, (curve, frame)) in zip(curves, frames).enumerated() {
            let samples = curve.z ?? z
            let isCurrent = k == current
            frame.marginCommands().forEach { script.command($0) }
            script.command("set title \(GnuplotText.quoted(isCurrent ? curve.name + " (current)" : curve.name))")
            script.command("set xlabel \(GnuplotText.quoted(zLabel)) offset 0,0.3")
            script.command("unset ylabel")
            script.command("set xrange [\(GnuplotText.number(samples.first!)):\(GnuplotText.number(samples.last!))]")
            let (low, high) = ActivationPlot.paddedRange((curve.values + curve.derivatives).filter(\.isFinite))
            script.command("set yrange [\(GnuplotText.number(low)):\(GnuplotText.number(high))]")
            script.command("set xzeroaxis linetype 1 linecolor \(GnuplotText.rgb(Palette.axis)) linewidth 1")
            script.command("set yzeroaxis linetype 1 linecolor \(GnuplotText.rgb(Palette.axis)) linewidth 1")
            // Every activation is small for z ≪ 0, so the top left is free for the key.
            script.command("set key top left box opaque samplen 2 spacing 1.1 width 0")
            let colour = GnuplotText.rgb(Palette.classColour(k))
            var plot = PlotCommand()
            plot.add("using 1:2 with lines linewidth \(isCurrent ? "4" : "2.5") linecolor \(colour) title \(GnuplotText.quoted(valueTitle))",
                     points: PointData(columns: [samples, ActivationPlot.drawable(curve.values)]))
            plot.add("using 1:2 with lines linewidth \(isCurrent ? "3" : "2") dashtype (6,4) linecolor \(GnuplotText.rgb(Palette.ink))"
                        + " title \(GnuplotText.quoted(derivativeTitle))",
                     points: PointData(columns: [samples, ActivationPlot.drawable(curve.derivatives)]))
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
