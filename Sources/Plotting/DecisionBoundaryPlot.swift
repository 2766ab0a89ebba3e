// The decision boundary: what the classifier predicts everywhere in the plane, with the data
// on top. Plotting receives only numbers — the caller evaluates its model on a `PlotGrid`.
//
// Two kinds of surface:
// - binary: p(class 1) at each grid point, drawn as a heat map (light blue → white → light
//   orange) with the decision boundary p = 0.5 as a dark line;
// - multi-class: the predicted class and its confidence at each grid point, drawn in the class
//   colours (paler = less confident) with the borders between predicted classes.
//
// Speed: the lecture's resolution (h = 0.01 over flower's padded range, about 670,000 cells) is
// sent as raw 32-bit floats (or RGB bytes) through GnuplotIO's binary path, about 2.7 MB, instead
// of ~20 MB of text; gnuplot's `with image` draws it as one bitmap.

/// A decision-boundary plot over a grid, with training (and optionally test) points.
public struct DecisionBoundaryPlot: Plot {
    /// What the model says at each grid point (row-major, `grid.count` values).
    public enum Surface: Sendable, Equatable {
        /// p(class 1) for a two-class model, in [0, 1].
        case probability([Double])
        /// The predicted class index and its probability (confidence) for a multi-class model.
        case classes([Int], confidence: [Double])
    }

    /// The level of p(class 1) at which a binary classifier switches class.
    public static let boundaryLevel = 0.5

    public var grid: PlotGrid
    public var surface: Surface
    /// Class names, index = class. Two for a `.probability` surface.
    public var classNames: [String]
    public var training: ClassPoints
    public var test: ClassPoints?
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Lines written across the middle of the plot, e.g. why a surface is blank ("p = 0.500 everywhere", …).
    public var note: [String]

    public init(
        grid: PlotGrid, surface: Surface, classNames: [String] = ["class 0", "class 1"],
        training: ClassPoints, test: ClassPoints? = nil, title: String,
        xLabel: String = "x1", yLabel: String = "x2", note: [String] = []
    ) {
        self.note = note
        self.grid = grid
        self.surface = surface
        self.classNames = classNames
        self.training = training
        self.test = test
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions) throws {
        try validatePoints()

        script.pageTitle(title, options: options)
        script.command("set xlabel \(GnuplotText.quoted(xLabel))")
        script.command("set ylabel \(GnuplotText.quoted(yLabel))")
        script.command("set xrange [\(GnuplotText.number(grid.xMin)):\(GnuplotText.number(grid.xMax))]")
        script.command("set yrange [\(GnuplotText.number(grid.yMin)):\(GnuplotText.number(grid.yMax))]")
        // Equal units on both axes keep shapes (circles, spirals) undistorted — unless the
        // features have very different ranges, when it would squash the plot to a strip.
        let aspect = (grid.yMax - grid.yMin) / (grid.xMax - grid.xMin)
        if aspect >= 0.5 && aspect <= 2 { script.command("set size ratio -1") }
        script.command("unset grid")  // grid lines would cut through the heat map
        script.command("set tics front")
        // Layout in screen fractions: the plot on the left, the legend top right and the colour
        // bar below it, so neither covers data and long class names have room.
        script.command("set lmargin at screen 0.09")
        script.command("set rmargin at screen 0.69")
        script.command("set bmargin at screen 0.10")
        script.command("set tmargin at screen 0.90")
        script.command("set key at screen 0.72, 0.88 left top vertical Left reverse samplen 1.5 spacing 1.3")
        script.command("set colorbox vertical user origin screen 0.735, 0.10 size screen 0.025, 0.42")

        script.centredNote(note)
        var plot = PlotCommand()
        try addLayers(script: &script, plot: &plot)
        plot.emit(into: &script)
    }

    /// Everything this plot draws except its frame and layout: the surface (with its palette
    /// and colour-bar settings), the boundary and the points. Shared with BoundaryGridPlot,
    /// whose small panels use smaller markers (`markerScale`) and one legend for all
    /// (`titled: false` leaves a panel's layers out of it).
    /// `outlined: false` leaves out the dark rings round the markers (GIF frames: gd draws them too heavy).
    func addLayers(script: inout GnuplotScript, plot: inout PlotCommand, markerScale: Double = 1,
                   titled: Bool = true, outlined: Bool = true) throws {
        switch surface {
        case .probability(let p):
            try drawProbability(p, script: &script, plot: &plot, titled: titled)
        case .classes(let predicted, let confidence):
            try drawClasses(predicted, confidence: confidence, script: &script, plot: &plot, titled: titled)
        }
        ClassMarkers.add(training, names: classNames, test: false, scale: markerScale, titled: titled, outlined: outlined, to: &plot)
        if let test { ClassMarkers.add(test, names: classNames, test: true, scale: markerScale, titled: titled, outlined: outlined, to: &plot) }
    }

    /// The data checks that come before any drawing.
    func validatePoints() throws {
        try training.validate("training points", classCount: classNames.count)
        try test?.validate("test points", classCount: classNames.count)
    }

    /// Heat map of p(class 1) plus the p = 0.5 contour.
    private func drawProbability(_ p: [Double], script: inout GnuplotScript, plot: inout PlotCommand,
                                 titled: Bool) throws {
        guard classNames.count == 2 else {
            throw PlotError.invalidData("a probability surface needs exactly 2 class names, got \(classNames.count)")
        }
        try grid.validate(valueCount: p.count, what: "the probability grid")
        script.command(Palette.definition(Palette.probability))
        script.command("set cbrange [0:1]")
        script.command("set cbtics 0.25")
        script.command("set cblabel \(GnuplotText.quoted("p(\(classNames[1]))"))")
        try plot.add(grid.imageClause() + " with image notitle",
                     grid: GridData(nx: grid.nx, ny: grid.ny, channels: 1, values: .floats(p)))
        let lines = MarchingSquares.contour(p, nx: grid.nx, ny: grid.ny, level: DecisionBoundaryPlot.boundaryLevel)
        if !lines.isEmpty {
            plot.add("using 1:2 with lines linewidth 2.5 linecolor \(GnuplotText.rgb(Palette.ink))"
                        + (titled ? " title \(GnuplotText.quoted("boundary p = 0.5"))" : " notitle"),
                     points: grid.polylineData(lines))
        }
    }

    /// Class colours by predicted class, paler where less confident, plus class borders.
    private func drawClasses(_ predicted: [Int], confidence: [Double], script: inout GnuplotScript,
                             plot: inout PlotCommand, titled: Bool) throws {
        let classCount = classNames.count
        guard classCount >= 2 else { throw PlotError.invalidData("a class surface needs at least 2 class names") }
        try grid.validate(valueCount: predicted.count, what: "the predicted-class grid")
        try grid.validate(valueCount: confidence.count, what: "the confidence grid")
        if let n = predicted.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw PlotError.invalidData("grid point \(n + 1) predicts class \(predicted[n]), but there are only \(classCount) class names")
        }
        script.command("unset colorbox")

        // Confidence runs from 1/K (a guess) to 1 (certain); map that to 20 %...75 % of the class
        // colour over white, so even certain regions stay light enough for the points on top.
        let chance = 1 / Double(classCount)
        var rgb = [UInt8](repeating: 255, count: predicted.count * 3)
        for n in predicted.indices {
            let certainty = confidence[n].isFinite ? (confidence[n] - chance) / (1 - chance) : 0
            let colour = RGB.white.mixed(with: Palette.classColour(predicted[n]), 0.2 + 0.55 * min(max(certainty, 0), 1))
            rgb[3 * n] = colour.red
            rgb[3 * n + 1] = colour.green
            rgb[3 * n + 2] = colour.blue
        }
        try plot.add(grid.imageClause() + " with rgbimage notitle",
                     grid: GridData(nx: grid.nx, ny: grid.ny, channels: 3, values: .bytes(rgb)))

        // Borders: where the indicator of a class crosses 1/2. Every border touches at least one
        // class other than the last, so the last class needs no pass of its own.
        var lines: [[MarchingSquares.Point]] = []
        for k in 0..<(classCount - 1) where predicted.contains(k) {
            let indicator = predicted.map { $0 == k ? 1.0 : 0.0 }
            lines += MarchingSquares.contour(indicator, nx: grid.nx, ny: grid.ny, level: 0.5)
        }
        if !lines.isEmpty {
            plot.add("using 1:2 with lines linewidth 2 linecolor \(GnuplotText.rgb(Palette.ink))"
                        + (titled ? " title \(GnuplotText.quoted("class borders"))" : " notitle"),
                     points: grid.polylineData(lines))
        }
    }
}
