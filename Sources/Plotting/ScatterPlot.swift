// The data itself: points coloured by class (with names in the legend), or coloured by a real
// value (with a colour bar) — e.g. a regression target or one hidden unit's activation.

/// A scatter plot of two features.
public struct ScatterPlot: Plot {
    /// How the points are coloured.
    public enum Marks: Sendable, Equatable {
        /// By class, with the class names in the legend; optional test points as triangles.
        case classes(ClassPoints, names: [String], test: ClassPoints?)
        /// By a real value at each point, on a sequential (viridis) colour scale.
        case values(x: [Double], y: [Double], values: [Double], label: String)
    }

    public var marks: Marks
    public var title: String
    public var xLabel: String
    public var yLabel: String

    public init(marks: Marks, title: String, xLabel: String = "x1", yLabel: String = "x2") {
        self.marks = marks
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// Points by class.
    public init(points: ClassPoints, classNames: [String], test: ClassPoints? = nil, title: String,
                xLabel: String = "x1", yLabel: String = "x2") {
        self.init(marks: .classes(points, names: classNames, test: test), title: title, xLabel: xLabel, yLabel: yLabel)
    }

    /// Points coloured by `values`, whose meaning `valueLabel` names on the colour bar.
    public init(x: [Double], y: [Double], values: [Double], valueLabel: String, title: String,
                xLabel: String = "x1", yLabel: String = "x2") {
        self.init(marks: .values(x: x, y: y, values: values, label: valueLabel), title: title, xLabel: xLabel, yLabel: yLabel)
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions) throws {
        script.pageTitle(title, options: options)
        script.command("set xlabel \(GnuplotText.quoted(xLabel))")
        script.command("set ylabel \(GnuplotText.quoted(yLabel))")
        // Same layout as the decision boundary (legend or colour bar to the right), so the two
        // plots of one data set can sit side by side on a slide.
        script.command("set lmargin at screen 0.09")
        script.command("set rmargin at screen 0.69")
        script.command("set bmargin at screen 0.10")
        script.command("set tmargin at screen 0.90")
        script.command("set key at screen 0.72, 0.88 left top vertical Left reverse samplen 1.5 spacing 1.3")
        script.command("set offsets graph 0.03, graph 0.03, graph 0.03, graph 0.03")  // no point on the frame

        // Equal units on both axes, as on the decision boundary, unless the ranges differ a lot.
        if let aspect = dataAspect(), aspect >= 0.5 && aspect <= 2 { script.command("set size ratio -1") }

        var plot = PlotCommand()
        switch marks {
        case .classes(let points, let names, let test):
            guard points.count + (test?.count ?? 0) > 0 else { throw PlotError.invalidData("there are no points to plot") }
            try points.validate("points", classCount: names.count)
            try test?.validate("test points", classCount: names.count)
            try ScatterPlot.requireFinite(points.x + points.y + (test.map { $0.x + $0.y } ?? []))
            ClassMarkers.add(points, names: names, test: false, text: options.textPreview, to: &plot)
            if let test { ClassMarkers.add(test, names: names, test: true, text: options.textPreview, to: &plot) }
        case .values(let x, let y, let values, let label):
            guard !x.isEmpty else { throw PlotError.invalidData("there are no points to plot") }
            guard y.count == x.count, values.count == x.count else {
                throw PlotError.invalidData("\(x.count) x values, \(y.count) y values and \(values.count) colour values")
            }
            try ScatterPlot.requireFinite(x + y)
            script.command(Palette.definition(Palette.sequential))
            if options.textPreview {
                script.command("unset colorbox")  // text cannot show a colour scale
            } else {
                script.command("set cblabel \(GnuplotText.quoted(label))")
                script.command("set colorbox vertical user origin screen 0.735, 0.10 size screen 0.025, 0.42")
            }
            let size = ClassMarkers.pointSize(x.count)
            let data = PointData(columns: [x, y, values])
            plot.add("using 1:2:3 with points \(options.textPreview ? "pointtype 'o'" : "pointtype 7 pointsize \(size)")"
                        + " linecolor palette notitle", points: data)
            if !options.textPreview {
                plot.add("using 1:2 with points pointtype 6 pointsize \(size) linewidth 0.6"
                            + " linecolor \(GnuplotText.rgb(Palette.ink)) notitle", points: data)
            }
        }
        plot.emit(into: &script)
    }

    /// (y range) / (x range) of all points, nil if either range is empty or not finite.
    private func dataAspect() -> Double? {
        let xs: [Double], ys: [Double]
        switch marks {
        case .classes(let points, _, let test):
            xs = points.x + (test?.x ?? [])
            ys = points.y + (test?.y ?? [])
        case .values(let x, let y, _, _):
            xs = x
            ys = y
        }
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max(), x1 > x0, y1 > y0 else { return nil }
        let aspect = (y1 - y0) / (x1 - x0)
        return aspect.isFinite ? aspect : nil
    }

    private static func requireFinite(_ coordinates: [Double]) throws {
        guard coordinates.allSatisfy(\.isFinite) else {
            throw PlotError.invalidData("some point coordinates are not finite numbers")
        }
    }
}
