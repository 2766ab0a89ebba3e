import Foundation

// TensorFlow Playground's neuron view as one picture: a small heat map per hidden unit — its
// activation over the input plane — and a last one for the output, each titled by the caller
// (e.g. with the unit's incoming weights), with its own colour bar and, optionally, a level line
// (a tanh unit's w·x + b = 0, the output's p = 0.5) and the data points on top.
//
// The caller evaluates the network on a PlotGrid; each panel's values are sent as raw 32-bit
// floats through GnuplotIO's binary path (as DecisionBoundaryPlot does), so that many panels of
// 300 × 300 cells draw in well under a second.

/// A grid of heat maps over the input plane, one per unit.
public struct NeuronGridPlot: Plot {
    /// How values map to colours.
    public enum ColourScale: Sendable, Equatable {
        /// Light blue at `low`, white in the middle, light orange at `high` — the decision
        /// boundary's colours. For values with a natural middle: tanh (−1...1), sigmoid or the
        /// output's probability (0...1).
        case diverging(low: Double, high: Double)
        /// White at `low` to orange at `high`: for values that start at a floor, e.g. relu (0...max).
        case sequential(low: Double, high: Double)
        /// White at `low` to `colour` at `high`: a softmax class's p(k), in that class's colour.
        case towards(RGB, low: Double, high: Double)

        var bounds: (low: Double, high: Double) {
            switch self {
            case .diverging(let low, let high), .sequential(let low, let high), .towards(_, let low, let high): return (low, high)
            }
        }
    }

    /// One unit's panel.
    public struct Panel: Sendable, Equatable {
        public var title: String
        /// The unit's activation at each grid point (row-major, `grid.count` values).
        public var values: [Double]
        /// This panel's colours; nil uses the plot's shared `scale`.
        public var scale: ColourScale?
        /// If set, a dark line where the values cross this level (0 for a tanh unit: its line
        /// w·x + b = 0; 0.5 for a sigmoid output: the decision boundary).
        public var contourLevel: Double?

        public init(title: String, values: [Double], scale: ColourScale? = nil, contourLevel: Double? = nil) {
            self.title = title
            self.values = values
            self.scale = scale
            self.contourLevel = contourLevel
        }
    }

    public var grid: PlotGrid
    /// Hidden units, then the output, in reading order (row by row).
    public var panels: [Panel]
    /// The colours of panels that do not choose their own.
    public var scale: ColourScale
    /// Data points drawn small on every panel, by class; nil for none.
    public var points: ClassPoints?
    public var classNames: [String]
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// The legend's name for the level lines (shown when a panel has one).
    public var contourTitle: String

    public init(grid: PlotGrid, panels: [Panel], scale: ColourScale, points: ClassPoints? = nil,
                classNames: [String] = ["class 0", "class 1"], title: String, xLabel: String = "x1", yLabel: String = "x2",
                contourTitle: String = "level line: unit = 0, output p = 0.5") {
        self.grid = grid
        self.panels = panels
        self.scale = scale
        self.points = points
        self.classNames = classNames
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.contourTitle = contourTitle
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions) throws {
        guard !panels.isEmpty else { throw PlotError.invalidData("there are no units to plot") }
        for panel in panels {
            try grid.validate(valueCount: panel.values.count, what: "the panel '\(panel.title)'")
            let (low, high) = (panel.scale ?? scale).bounds
            guard low.isFinite, high.isFinite, low < high else {
                throw PlotError.invalidData("the colour range \(low)...\(high) of panel '\(panel.title)' is empty or not finite")
            }
        }
        try points?.validate("points", classCount: classNames.count)

        let width = Double(options.width), height = Double(options.height)
        let hasContours = panels.contains { $0.contourLevel != nil }
        let hasLegend = hasContours || (points.map { $0.count > 0 } ?? false)
        let legendBand = hasLegend ? options.fontSize * 2.4 : 0
        let area = ScreenRect(left: 0, right: 1, bottom: legendBand / height,
                              top: 1 - Multiplot.titleBand(options) / height)
        let insets = PanelInsets.standard(fontSize: options.fontSize, xLabel: true, yLabel: true, colourBar: true)
        let aspect = PanelLayout.equalUnitsAspect(xSpan: grid.xMax - grid.xMin, ySpan: grid.yMax - grid.yMin) ?? 1
        let shape = PanelLayout.shape(count: panels.count, width: area.width * width, height: area.height * height,
                                      aspect: aspect, insets: insets)
        let frames = PanelLayout.frames(rows: shape.rows, columns: shape.columns, count: panels.count, in: area,
                                        width: width, height: height, insets: insets, aspect: aspect)
        let markerScale = min(max((frames.first?.width ?? 1) * width / 550, 0.3), 1)

        let cellWidth = (frames.first?.width ?? 1) * width + insets.width
        Multiplot.begin(title: title, options: options, panelTitles: panels.map(\.title), panelWidth: cellWidth, into: &script)
        script.command("unset grid")  // grid lines would cut through the heat maps
        script.command("set tics front")
        script.command("set xrange [\(GnuplotText.number(grid.xMin)):\(GnuplotText.number(grid.xMax))]")
        script.command("set yrange [\(GnuplotText.number(grid.yMin)):\(GnuplotText.number(grid.yMax))]")
        // Small panels get at most about four ticks per axis, so their labels never run together ("-4024").
        let panelPixels = (frames.first?.width ?? 1) * width
        let tickCount = max(3, min(6, Int(panelPixels / (options.fontSize * 5))))
        script.command("set xtics \(GnuplotText.number(Self.tickStep(grid.xMax - grid.xMin, count: tickCount)))")
        script.command("set ytics \(GnuplotText.number(Self.tickStep(grid.yMax - grid.yMin, count: tickCount)))")
        script.command("set xlabel \(GnuplotText.quoted(xLabel)) offset 0,0.3")
        script.command("set ylabel \(GnuplotText.quoted(yLabel)) offset 0.8,0")
        script.command("set format cb '%.2g'")  // short labels: a colour bar sits close to the next panel
        for (panel, frame) in zip(panels, frames) {
            frame.marginCommands().forEach { script.command($0) }
            script.command("set title \(GnuplotText.quoted(panel.title))")
            let colours = panel.scale ?? scale
            let (low, high) = colours.bounds
            script.command(Palette.definition(NeuronGridPlot.stops(colours)))
            script.command("set cbrange [\(GnuplotText.number(low)):\(GnuplotText.number(high))]")
            script.command("set cbtics (" + [low, (low + high) / 2, high].map { GnuplotText.number($0) }.joined(separator: ", ") + ")")
            // A thin colour bar right of the frame, as tall as it.
            let gap = options.fontSize * 0.5 / width, barWidth = options.fontSize * 0.8 / width
            script.command("set colorbox vertical user origin screen \(ScreenRect.short(frame.right + gap)), \(ScreenRect.short(frame.bottom))"
                            + " size screen \(ScreenRect.short(barWidth)), \(ScreenRect.short(frame.height))")

            var plot = PlotCommand()
            try plot.add(grid.imageClause() + " with image notitle",
                         grid: GridData(nx: grid.nx, ny: grid.ny, channels: 1, values: .floats(panel.values)))
            if let level = panel.contourLevel {
                let lines = MarchingSquares.contour(panel.values, nx: grid.nx, ny: grid.ny, level: level)
                if !lines.isEmpty {
                    plot.add("using 1:2 with lines linewidth 2 linecolor \(GnuplotText.rgb(Palette.ink)) notitle",
                             points: grid.polylineData(lines))
                }
            }
            if let points { ClassMarkers.add(points, names: classNames, test: false, scale: markerScale, titled: false, to: &plot) }
            script.command("unset key")
            plot.emit(into: &script)
        }
        if hasLegend {
            // One legend for all panels, in a row below them.
            var entries: [LegendEntry] = []
            if let points {
                for (c, name) in classNames.enumerated() where points.classes.contains(c) {
                    entries.append(LegendEntry(sample: .point(Palette.classColour(c)), title: name))
                }
            }
            if hasContours { entries.append(LegendEntry(sample: .line(Palette.ink, width: 2), title: contourTitle)) }
            // Right under the panels (which sit at the top of the page), in the band kept for it.
            let blockBottom = (frames.map(\.bottom).min() ?? 0) - insets.bottom / height
            Multiplot.legendRow(entries, y: max(blockBottom - legendBand / 2 / height, legendBand / 2 / height),
                                options: options, into: &script)
        }
        Multiplot.end(into: &script)
    }

    /// A round tick step (1, 2 or 5 × 10^k) giving at most `count` intervals over `span`.
    static func tickStep(_ span: Double, count: Int) -> Double {
        guard span.isFinite, span > 0 else { return 1 }
        let raw = span / Double(max(count, 1))
        let power = pow(10, (log10(raw)).rounded(.down))
        return [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
    }

    /// Palette stops for a colour scale (positions 0...1 of the colour range).
    static func stops(_ scale: ColourScale) -> [(position: Double, colour: RGB)] {
        switch scale {
        case .diverging: return Palette.probability
        case .sequential:
            return stops(.towards(Palette.classColour(1), low: 0, high: 1))
        case .towards(let colour, _, _):
            // The upper half of the diverging scale, stretched: the same light colour at the top.
            return [(0, .white), (0.5, colour.mixed(with: .white, 0.72)), (1, colour.mixed(with: .white, 0.45))]
        }
    }
}
