// The lecture's slide "each layer changes the data representation by 1. a linear transformation
// by W, 2. a translation by b, 3. a point-wise activation", for a layer with two inputs and two
// units: the data and a square grid of lines in the input plane, after x ↦ W·x, after W·x + b
// and after g(W·x + b).
//
// - As a picture (.png, .svg, .pdf): four panels, each with equal units on both axes so that
//   angles and lengths are shown truthfully (a shear looks like a shear).
// - As an animation (.gif): the plane deforms smoothly from the identity through the three
//   steps, each step by linear interpolation of every point's coordinates between the two
//   stages, with fixed axes so that the motion is visible, and a pause at every stage.
//
// The grid lines are sampled densely (200 points each), so that they bend smoothly where the
// activation bends them; the activation is the caller's function, so this file knows no network.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How one 2-unit layer moves the plane.
public struct TransformPlot: Plot {
    public var points: ClassPoints
    public var classNames: [String]
    /// W, 2 × 2, row-major: weights[i][j] multiplies input j for unit i.
    public var weights: [[Double]]
    /// b, 2 values.
    public var bias: [Double]
    /// The activation g, applied to each coordinate.
    public var activation: @Sendable (Double) -> Double
    /// g's name for titles, e.g. "tanh".
    public var activationName: String
    public var title: String
    /// Grid lines in each direction (about; the spacing is rounded to 1, 2 or 5 × 10^k).
    public var gridLines: Int
    /// Points along each grid line.
    public var samplesPerLine: Int
    /// Animation: frames per step, frames to rest at each stage, and the delay per frame in
    /// hundredths of a second (5: 20 frames per second).
    public var framesPerStep: Int
    public var pauseFrames: Int
    public var frameDelay: Int

    public init(points: ClassPoints, classNames: [String] = ["class 0", "class 1"], weights: [[Double]], bias: [Double],
                activation: @escaping @Sendable (Double) -> Double, activationName: String, title: String,
                gridLines: Int = 11, samplesPerLine: Int = 1000, framesPerStep: Int = 20, pauseFrames: Int = 10,
                frameDelay: Int = 5) {
        self.points = points
        self.classNames = classNames
        self.weights = weights
        self.bias = bias
        self.activation = activation
        self.activationName = activationName
        self.title = title
        self.gridLines = gridLines
        self.samplesPerLine = samplesPerLine
        self.framesPerStep = framesPerStep
        self.pauseFrames = pauseFrames
        self.frameDelay = frameDelay
    }

    /// The four stages of the transformation.
    public enum Stage: Int, Sendable, CaseIterable {
        case input, linear, translated, activated
    }

    /// Points in one stage: (x[n], y[n]).
    public struct Coordinates: Sendable, Equatable {
        public var x: [Double]
        public var y: [Double]
    }

    /// The data points as they are at `stage`.
    public func transformedPoints(_ stage: Stage) -> Coordinates {
        map(Coordinates(x: points.x, y: points.y), to: stage)
    }

    /// Maps input-plane coordinates to `stage`: x, W·x, W·x + b or g(W·x + b).
    func map(_ input: Coordinates, to stage: Stage) -> Coordinates {
        guard stage != .input else { return input }
        let (w, b) = (weights, stage == .linear ? [0.0, 0.0] : bias)
        var x = [Double](), y = [Double]()
        x.reserveCapacity(input.x.count)
        y.reserveCapacity(input.x.count)
        for (u, v) in zip(input.x, input.y) {
            var z1 = w[0][0] * u + w[0][1] * v + b[0], z2 = w[1][0] * u + w[1][1] * v + b[1]
            if stage == .activated {
                z1 = activation(z1)
                z2 = activation(z2)
            }
            x.append(z1.isFinite ? z1 : .nan)
            y.append(z2.isFinite ? z2 : .nan)
        }
        return Coordinates(x: x, y: y)
    }

    public func terminalOptions(for format: OutputFormat) -> String {
        format == .gif ? "animate delay \(max(frameDelay, 1)) loop 0" : ""
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions) throws {
        try draw(into: &script, options: options, format: .png)
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions, format: OutputFormat) throws {
        try validate()
        if format == .gif {
            drawAnimation(into: &script, options: options)
        } else {
            drawPanels(into: &script, options: options)
        }
    }

    private func validate() throws {
        guard weights.count == 2, weights.allSatisfy({ $0.count == 2 }) else {
            throw PlotError.invalidData("the transformation needs a 2 × 2 weight matrix W (a layer with 2 inputs and 2 units),"
                                            + " got \(weights.count) × \(weights.first?.count ?? 0)")
        }
        guard bias.count == 2 else { throw PlotError.invalidData("the translation b needs 2 values, got \(bias.count)") }
        guard (weights.flatMap { $0 } + bias).allSatisfy(\.isFinite) else {
            throw PlotError.invalidData("W and b must be finite numbers")
        }
        guard points.count > 0 else { throw PlotError.invalidData("there are no points to transform") }
        try points.validate("points", classCount: classNames.count)
        guard (points.x + points.y).allSatisfy(\.isFinite) else {
            throw PlotError.invalidData("some point coordinates are not finite numbers")
        }
        guard (2...100).contains(gridLines), (2...10_000).contains(samplesPerLine) else {
            throw PlotError.invalidData("grid lines must be 2...100 and samples per line 2...10000")
        }
        guard (1...500).contains(framesPerStep), (0...500).contains(pauseFrames) else {
            throw PlotError.invalidData("frames per step must be 1...500 and pause frames 0...500")
        }
    }

    // MARK: - The grid of lines

    /// The square grid in the input plane: lines x1 = const (first) and x2 = const, each sampled
    /// at `samples` points, covering the data with a little room. `blockEnds` separates lines.
    func gridLinesInInput(samples: Int) -> (lines: Coordinates, blockEnds: [Int], verticalCount: Int, step: Double) {
        let xRange = HiddenSpacePlot.padded(points.x), yRange = HiddenSpacePlot.padded(points.y)
        let span = max(xRange.upperBound - xRange.lowerBound, yRange.upperBound - yRange.lowerBound)
        let step = TransformPlot.niceStep(span / Double(gridLines - 1))
        func ticks(_ range: ClosedRange<Double>) -> [Double] {
            let first = (range.lowerBound / step).rounded(.down), last = (range.upperBound / step).rounded(.up)
            return stride(from: first, through: last, by: 1).map { $0 * step }
        }
        let xs = ticks(xRange), ys = ticks(yRange)
        let (x0, x1, y0, y1) = (xs.first ?? 0, xs.last ?? 1, ys.first ?? 0, ys.last ?? 1)
        var lineX: [Double] = [], lineY: [Double] = [], ends: [Int] = []
        for x in xs {  // x1 = const: vertical in the input plane
            for s in 0..<samples {
                lineX.append(x)
                lineY.append(y0 + (y1 - y0) * Double(s) / Double(samples - 1))
            }
            ends.append(lineX.count)
        }
        for y in ys {  // x2 = const
            for s in 0..<samples {
                lineX.append(x0 + (x1 - x0) * Double(s) / Double(samples - 1))
                lineY.append(y)
            }
            ends.append(lineX.count)
        }
        return (Coordinates(x: lineX, y: lineY), ends, xs.count, step)
    }

    /// 1, 2 or 5 × 10^k, the nearest to `rough` by ratio.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, floor(log10(rough)))
        return [1.0, 2, 5, 10].map { $0 * power }.min { abs(log($0 / rough)) < abs(log($1 / rough)) } ?? power
    }

    // MARK: - Four panels

    /// A panel's caption. The translation names b (beside a W·x of size 10 or more, a shift by 0.4 is not visible,
    /// so the caption says what it is); the activation says how many points it saturates (tanh, sigmoid), which
    /// is why they pile up on the square's border.
    private func stageTitle(_ stage: Stage) -> String {
        switch stage {
        case .input: return "input x"
        case .linear: return "1. linear transformation: W·x"
        case .translated:
            let b = bias.map { String(format: "%.2f", $0) }.joined(separator: ", ")
            return "2. translation by b = (\(b)): z = W·x + b"
        case .activated:
            let a = transformedPoints(.activated)
            let values = a.x + a.y
            let saturated = values.filter { v in
                activationName == "tanh" ? abs(v) > 0.95 : activationName == "sigmoid" ? (v < 0.05 || v > 0.95) : false
            }.count
            let share = values.isEmpty ? 0 : Double(saturated) / Double(values.count)
            return "3. activation: a = \(activationName)(z)"
                + (share >= 0.05 ? String(format: " · %.0f %% of values saturated", share * 100) : "")
        }
    }

    private static func axisLabels(_ stage: Stage) -> (String, String) {
        switch stage {
        case .input: return ("x1", "x2")
        case .linear: return ("(W·x)1", "(W·x)2")
        case .translated: return ("z1", "z2")
        case .activated: return ("a1", "a2")
        }
    }

    private func drawPanels(into script: inout GnuplotScript, options: PlotOptions) {
        let width = Double(options.width), height = Double(options.height)
        let legendBand = options.fontSize * 2.4
        let area = ScreenRect(left: 0, right: 1, bottom: legendBand / height, top: 1 - Multiplot.titleBand(options) / height)
        let insets = PanelInsets.standard(fontSize: options.fontSize, xLabel: true, yLabel: true)
        let shape = PanelLayout.shape(count: 4, width: area.width * width, height: area.height * height, aspect: 1, insets: insets)
        let frames = PanelLayout.frames(rows: shape.rows, columns: shape.columns, in: area, width: width, height: height,
                                        insets: insets, aspect: 1)
        let grid = gridLinesInInput(samples: samplesPerLine)
        let titles = Stage.allCases.map { stageTitle($0) }
        let cellWidth = (frames.first?.width ?? 1) * width + insets.width
        let markerScale = min(max((frames.first?.width ?? 1) * width / 550, 0.4), 1)

        Multiplot.begin(title: title, options: options, panelTitles: titles, panelWidth: cellWidth, into: &script)
        script.command("unset key")
        script.command("unset grid")  // the transformed grid lines are the grid
        for (stage, frame) in zip(Stage.allCases, frames) {
            let lines = map(grid.lines, to: stage)
            let data = transformedPoints(stage)
            frame.marginCommands().forEach { script.command($0) }
            script.command("set title \(GnuplotText.quoted(titles[stage.rawValue]))")
            let (xLabel, yLabel) = TransformPlot.axisLabels(stage)
            script.command("set xlabel \(GnuplotText.quoted(xLabel)) offset 0,0.3")
            script.command("set ylabel \(GnuplotText.quoted(yLabel)) offset 0.8,0")
            let range = TransformPlot.squareRange(x: lines.x + data.x, y: lines.y + data.y)
            script.command("set xrange [\(GnuplotText.number(range.x.lowerBound)):\(GnuplotText.number(range.x.upperBound))]")
            script.command("set yrange [\(GnuplotText.number(range.y.lowerBound)):\(GnuplotText.number(range.y.upperBound))]")
            var plot = PlotCommand()
            addGrid(lines, grid: grid, to: &plot)
            ClassMarkers.add(ClassPoints(x: data.x, y: data.y, classes: points.classes), names: classNames, test: false,
                             scale: markerScale, titled: false, to: &plot)
            plot.emit(into: &script)
        }
        Multiplot.legendRow(legendEntries(), y: legendBand / 2 / height, options: options, into: &script)
        Multiplot.end(into: &script)
    }

    private func legendEntries() -> [LegendEntry] {
        classNames.enumerated().filter { points.classes.contains($0.offset) }
            .map { LegendEntry(sample: .point(Palette.classColour($0.offset)), title: $0.element) }
            + [LegendEntry(sample: .line(TransformPlot.verticalLines, width: 1.5), title: "grid line x1 = const"),
               LegendEntry(sample: .line(TransformPlot.horizontalLines, width: 1.5), title: "x2 = const"),
               LegendEntry(sample: .line(Palette.ink, width: 2), title: "x1 = 0, x2 = 0")]
    }

    /// The two families of grid lines in two soft colours (Okabe–Ito bluish green and reddish
    /// purple, lightened), so that a shear or a fold shows which way each line went; the lines
    /// through the origin dark.
    static let verticalLines = Palette.classColour(2).mixed(with: .white, 0.35)
    static let horizontalLines = Palette.classColour(3).mixed(with: .white, 0.35)

    private func addGrid(_ lines: Coordinates, grid: (lines: Coordinates, blockEnds: [Int], verticalCount: Int, step: Double),
                         bold: Bool = false, to plot: inout PlotCommand) {
        // `bold`: the full Okabe–Ito colours rather than their lightened versions (for GIF).
        // Split into the two families, and the axes (x1 = 0, x2 = 0) if they are grid lines.
        var families: [(values: [Double], ends: [Int])] = [([], []), ([], [])]
        var axes: (values: [Double], ends: [Int]) = ([], [])
        var start = 0
        for (k, end) in grid.blockEnds.enumerated() {
            let vertical = k < grid.verticalCount
            let constant = vertical ? grid.lines.x[start] : grid.lines.y[start]
            let isAxis = abs(constant) < grid.step * 1e-9
            for n in start..<end {
                if isAxis { axes.values += [lines.x[n], lines.y[n]] } else {
                    families[vertical ? 0 : 1].values += [lines.x[n], lines.y[n]]
                }
            }
            if isAxis { axes.ends.append(axes.values.count / 2) } else {
                families[vertical ? 0 : 1].ends.append(families[vertical ? 0 : 1].values.count / 2)
            }
            start = end
        }
        let colours = bold ? [Palette.classColour(2), Palette.classColour(3)] : [TransformPlot.verticalLines, TransformPlot.horizontalLines]
        for (family, colour) in zip(families, colours) where !family.values.isEmpty {
            plot.add("using 1:2 with lines linewidth 1 linecolor \(GnuplotText.rgb(colour)) notitle",
                     points: PointData(columns: 2, values: family.values, blockEnds: family.ends))
        }
        if !axes.values.isEmpty {
            plot.add("using 1:2 with lines linewidth 2 linecolor \(GnuplotText.rgb(Palette.ink)) notitle",
                     points: PointData(columns: 2, values: axes.values, blockEnds: axes.ends))
        }
    }

    /// The bounding box of the finite coordinates, 5 % larger, widened to a square (equal units
    /// in a square frame).
    static func squareRange(x: [Double], y: [Double]) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let xs = x.filter(\.isFinite), ys = y.filter(\.isFinite)
        let (x0, x1) = (xs.min() ?? -1, xs.max() ?? 1), (y0, y1) = (ys.min() ?? -1, ys.max() ?? 1)
        let half = max(x1 - x0, y1 - y0, 1e-9) * 1.05 / 2
        let (cx, cy) = ((x0 + x1) / 2, (y0 + y1) / 2)
        return ((cx - half)...(cx + half), (cy - half)...(cy + half))
    }

    // MARK: - Animation

    /// The number of frames the animation has: a pause at the input, then each step's moving
    /// frames and a pause after it, and, when the activation squeezes the data into a much
    /// smaller region (tanh, sigmoid), a zoom onto that region with its own pause.
    public var frameCount: Int {
        pauseFrames + 3 * (framesPerStep + pauseFrames)
    }

    /// The grid, the four stages, and the frame of the animation.
    private func animationPlan(options: PlotOptions) -> (
        grid: (lines: Coordinates, blockEnds: [Int], verticalCount: Int, step: Double),
        stages: [(lines: Coordinates, points: Coordinates)], frame: ScreenRect
    ) {
        // Half the samples of the still picture: a GIF frame shows no difference, and the ~100
        // frames stay quick to write and small.
        let grid = gridLinesInInput(samples: max(2, samplesPerLine / 2))
        let stages = Stage.allCases.map { (lines: map(grid.lines, to: $0), points: transformedPoints($0)) }
        let width = Double(options.width), height = Double(options.height)
        let insets = PanelInsets.standard(fontSize: options.fontSize, xLabel: true, yLabel: true)
        let area = ScreenRect(left: 0, right: 1, bottom: options.fontSize * 2.4 / height,
                              top: 1 - Multiplot.titleBand(options) / height)
        let frame = PanelLayout.frames(rows: 1, columns: 1, in: area, width: width, height: height,
                                       insets: insets, aspect: nil)[0]
        return (grid, stages, frame)
    }

    /// The frames: a pause at the input, then for each step frames that move every point of
    /// the grid lines and the data from one stage to the next, and a pause at its end, the view
    /// moving from one stage's extent to the next's.
    private func drawAnimation(into script: inout GnuplotScript, options: PlotOptions) {
        let (grid, stages, frameBox) = animationPlan(options: options)
        // The camera follows the content: each stage at its own scale (the input at ±5, W·x at ±60, tanh at ±1),
        // moving between them with the step, so no stage is a tiny blob in a frame sized for another.
        let aspect = frameBox.height * Double(options.height) / (frameBox.width * Double(options.width))
        let views = stages.map { TransformPlot.range(x: $0.lines.x + $0.points.x, y: $0.lines.y + $0.points.y, aspect: aspect) }
        let height = Double(options.height)
        let titleBand = Multiplot.titleBand(options)  // the page title; the step's caption is the plot's title

        frameBox.marginCommands().forEach { script.command($0) }
        script.command("unset grid")  // the transformed grid lines are the grid
        script.command("unset key")
        let titleFont = GnuplotText.quoted("\(options.fontName),\(GnuplotText.number((options.fontSize * 1.25).rounded()))")
        script.command("set label 99 \(GnuplotText.quoted(title)) at screen 0.5, \(ScreenRect.short(1 - titleBand * 0.45 / height))"
                        + " center font \(titleFont)")
        script.command("set title offset 0,-0.3")
        Multiplot.legendLabels(legendEntries(), y: options.fontSize * 1.2 / height, options: options, into: &script)

        func axes(_ r: (x: ClosedRange<Double>, y: ClosedRange<Double>)) {
            script.command("set xrange [\(GnuplotText.number(r.x.lowerBound)):\(GnuplotText.number(r.x.upperBound))]")
            script.command("set yrange [\(GnuplotText.number(r.y.lowerBound)):\(GnuplotText.number(r.y.upperBound))]")
        }
        func frame(_ t: Double, from a: Int, to b: Int, caption: String) {
            let mix = { (p: [Double], q: [Double]) in zip(p, q).map { $0 + t * ($1 - $0) } }
            let lines = Coordinates(x: mix(stages[a].lines.x, stages[b].lines.x), y: mix(stages[a].lines.y, stages[b].lines.y))
            let data = Coordinates(x: mix(stages[a].points.x, stages[b].points.x), y: mix(stages[a].points.y, stages[b].points.y))
            script.command("set title \(GnuplotText.quoted(caption))")
            let (xLabel, yLabel) = TransformPlot.axisLabels(Stage.allCases[b])
            script.command("set xlabel \(GnuplotText.quoted(xLabel)) offset 0,0.3")
            // Nudged right: libgd's rotated text otherwise starts left of the canvas.
            script.command("set ylabel \(GnuplotText.quoted(yLabel)) offset 1.5,0")
            let lerp = { (u: Double, v: Double) in u + t * (v - u) }
            axes((lerp(views[a].x.lowerBound, views[b].x.lowerBound)...lerp(views[a].x.upperBound, views[b].x.upperBound),
                  lerp(views[a].y.lowerBound, views[b].y.lowerBound)...lerp(views[a].y.upperBound, views[b].y.upperBound)))
            var plot = PlotCommand()
            // libgd draws lines without anti-aliasing, so the light colours would look broken:
            // full colours instead. (Thicker lines would cost libgd far more time per frame.)
            addGrid(lines, grid: grid, bold: true, to: &plot)
            ClassMarkers.add(ClassPoints(x: data.x, y: data.y, classes: points.classes), names: classNames, test: false,
                             scale: 0.8, titled: false, to: &plot)
            plot.emit(into: &script)
        }
        let captions = Stage.allCases.map { stageTitle($0) }
        for _ in 0..<pauseFrames { frame(0, from: 0, to: 0, caption: captions[0]) }
        for step in 1...3 {
            for k in 1...framesPerStep {
                frame(TransformPlot.ease(Double(k) / Double(framesPerStep)), from: step - 1, to: step, caption: captions[step])
            }
            for _ in 0..<pauseFrames { frame(1, from: step - 1, to: step, caption: captions[step]) }
        }
    }

    /// Smooth start and stop (smoothstep), so each step glides rather than jerks.
    static func ease(_ t: Double) -> Double { t * t * (3 - 2 * t) }

    /// The bounding box, 5 % larger, widened to the frame's `aspect` (height / width) so that
    /// both axes have the same units.
    static func range(x: [Double], y: [Double], aspect: Double) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let xs = x.filter(\.isFinite), ys = y.filter(\.isFinite)
        let (x0, x1) = (xs.min() ?? -1, xs.max() ?? 1), (y0, y1) = (ys.min() ?? -1, ys.max() ?? 1)
        var halfX = max(x1 - x0, 1e-9) * 1.05 / 2, halfY = max(y1 - y0, 1e-9) * 1.05 / 2
        if halfY / halfX < aspect { halfY = halfX * aspect } else { halfX = halfY / aspect }
        let (cx, cy) = ((x0 + x1) / 2, (y0 + y1) / 2)
        return ((cx - halfX)...(cx + halfX), (cy - halfY)...(cy + halfY))
    }
}
