// `train N animate=FILE.gif`: the film of a training run. Each frame shows the model at one
// iteration — the decision boundary (or, for a real-valued target, the prediction) on the left and
// the cost curve drawn up to that iteration on the right — with the iteration and accuracy in the
// title. Frames are taken at logarithmically spaced iterations by the caller (the early changes
// are the interesting ones), so the cost panel's iteration axis is logarithmic too: every frame
// moves the curve on by about the same distance. Axes stay fixed across frames so that only the
// model moves. The last frame is held (its delay set in the file) so the end result can be read.
//
// As a still (.png, .svg, .pdf) the plot is the last frame.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A training run as an animation of its model and cost curve.
public struct TrainingFilmPlot: Plot {
    /// What the left panel shows at one iteration.
    public enum Panel: Sendable {
        /// A classifier: the decision boundary over the plane (its title and legend are not used).
        case boundary(DecisionBoundaryPlot)
        /// A real-valued target with one feature: the data (x, y) and the model's curve ŷ(x).
        case curve(x: [Double], y: [Double], curveX: [Double], curveY: [Double], xLabel: String, yLabel: String)
        /// A real-valued target over a plane: ŷ as a heat map, the examples coloured by their target.
        case surface(grid: PlotGrid, values: [Double], x: [Double], y: [Double], targets: [Double],
                     xLabel: String, yLabel: String, valueLabel: String)
    }

    public struct Frame: Sendable {
        public var iteration: Int
        /// The title line of this frame, e.g. "iteration 120 · training accuracy 85.25 %".
        public var caption: String
        public var panel: Panel

        public init(iteration: Int, caption: String, panel: Panel) {
            self.iteration = iteration
            self.caption = caption
            self.panel = panel
        }
    }

    public var frames: [Frame]
    /// The whole run's cost history (the cost panel's fixed axes, and the curve up to each frame).
    public var costIterations: [Int]
    public var costs: [Double]
    /// What is being trained, above every frame's caption, e.g. "flower: tanh, 4 hidden units".
    public var title: String
    /// Hundredths of a second per frame, and how long the last frame stays before the film loops.
    public var frameDelay: Int
    public var lastFrameDelay: Int

    public init(frames: [Frame], costIterations: [Int], costs: [Double], title: String,
                frameDelay: Int = 10, lastFrameDelay: Int = 300) {
        self.frames = frames
        self.costIterations = costIterations
        self.costs = costs
        self.title = title
        self.frameDelay = frameDelay
        self.lastFrameDelay = lastFrameDelay
    }

    public func terminalOptions(for format: OutputFormat) -> String {
        format == .gif ? "animate delay \(max(frameDelay, 1)) loop 0" : ""
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions) throws {
        try draw(into: &script, options: options, format: .png)
    }

    /// Settings one panel leaves behind that the next must not inherit (frames follow one another in one script).
    private static let reset = ["unset logscale", "set xtics autofreq", "set ytics autofreq", "set format x '% h'",
                                "set format y '% h'", "unset grid", "unset label"]

    public func draw(into script: inout GnuplotScript, options: PlotOptions, format: OutputFormat) throws {
        guard let last = frames.last else { throw PlotError.invalidData("the film has no frames (nothing was trained)") }
        guard costIterations.count == costs.count, !costs.isEmpty else {
            throw PlotError.invalidData("\(costIterations.count) iterations but \(costs.count) costs")
        }
        for frame in frames {
            if case .boundary(let plot) = frame.panel { try plot.validatePoints() }
        }
        // Fixed axes for the cost panel: iterations 1 … last on a log axis (iteration 0 has no place on it;
        // its cost is shown as the first frame's marker at 1), costs over the whole run.
        let finite = costs.filter(\.isFinite)
        guard let low = finite.min(), var high = finite.max() else { throw PlotError.invalidData("no finite cost to show") }
        // A spike far above the starting cost (a run on its way to diverging) would flatten the rest of the
        // curve to a line on the floor: the axis ends at 1.5 × the starting cost and the spike leaves it.
        if let start = finite.first, start > low, high > 1.5 * start { high = 1.5 * start }
        let firstIteration = costIterations.first ?? 0
        let lastIteration = max(costIterations.last ?? 1, firstIteration + 1, 2)
        let fromOne = zip(costIterations, costs).filter { $0.0 >= 1 }
        let reduced = CostPlot.reduce(iterations: fromOne.map(\.0), costs: fromOne.map(\.1), columns: options.width, logIterations: true)
            .filter { $0.cost.isFinite }
        let shown = format == .gif ? frames : [last]
        for frame in shown {
            try drawFrame(frame, curve: reduced.filter { $0.iteration <= frame.iteration }, low: low, high: high,
                          firstIteration: firstIteration, lastIteration: lastIteration, options: options, outlined: format != .gif, into: &script)
        }
    }

    /// Sets the last frame's delay in the written GIF (gnuplot gives every frame the same one).
    public func finish(fileAt path: String, format: OutputFormat) throws {
        guard format == .gif else { return }
        try GIFAnimation.setLastFrameDelay(lastFrameDelay, inFileAt: path)
    }

    private func drawFrame(_ frame: Frame, curve: [(iteration: Int, cost: Double)], low: Double, high: Double,
                           firstIteration: Int, lastIteration: Int,
                           options: PlotOptions, outlined: Bool, into script: inout GnuplotScript) throws {
        let width = Double(options.width), height = Double(options.height)
        let fontSize = options.fontSize
        Multiplot.begin(title: title + " — " + frame.caption, options: options, into: &script)
        Self.reset.forEach { script.command($0) }
        script.command("set tics front")
        // Laid out in pixels from the font size, so that labels fit at any film size: the model's picture on
        // the left, its legend and colour bar in a band beside it, the cost curve on the right (a little
        // narrower: it needs no equal units).
        let insets = PanelInsets.standard(fontSize: fontSize, xLabel: true, yLabel: true)
        let legendTexts: [String] = {
            switch frame.panel {
            case .boundary(let plot): return plot.classNames + ["boundary p = 0.5"]
            case .curve: return ["model ŷ", "data"]
            case .surface(_, _, _, _, _, _, _, let label): return [label]
            }
        }()
        let band = max((legendTexts.map { Multiplot.textWidth($0, fontSize: fontSize) }.max() ?? 0) + fontSize * 4.5, fontSize * 8)
        let free = width - 2 * insets.width - band
        let bottom = insets.bottom / height, top = 1 - (Multiplot.titleBand(options) + fontSize) / height
        let left = ScreenRect(left: insets.left / width, right: (insets.left + free * 0.56) / width, bottom: bottom, top: top)
        left.marginCommands().forEach { script.command($0) }
        script.command("unset title")
        let bandLeft = left.right + fontSize * 1.2 / width
        var plot = PlotCommand()
        switch frame.panel {
        case .boundary(let boundary):
            script.command("set xlabel \(GnuplotText.quoted(boundary.xLabel)) offset 0,0.3")
            script.command("set ylabel \(GnuplotText.quoted(boundary.yLabel)) offset 0.8,0")
            script.command("set xrange [\(GnuplotText.number(boundary.grid.xMin)):\(GnuplotText.number(boundary.grid.xMax))]")
            script.command("set yrange [\(GnuplotText.number(boundary.grid.yMin)):\(GnuplotText.number(boundary.grid.yMax))]")
            script.command("set key at screen \(ScreenRect.short(bandLeft)), \(ScreenRect.short(left.top)) left top vertical Left reverse samplen 1.5 spacing 1.2")
            script.command("set colorbox vertical user origin screen \(ScreenRect.short(bandLeft + fontSize * 0.3 / width)), \(ScreenRect.short(left.bottom))"
                            + " size screen \(ScreenRect.short(fontSize * 1.2 / width)), \(ScreenRect.short(left.height * 0.45))")
            // gd (the GIF terminal) draws small filled circles as stars: larger ones stay round.
            try boundary.addLayers(script: &script, plot: &plot, markerScale: outlined ? 0.8 : 1.4, titled: true, outlined: outlined)
        case .curve(let x, let y, let curveX, let curveY, let xLabel, let yLabel):
            guard x.count == y.count, curveX.count == curveY.count, !curveX.isEmpty else {
                throw PlotError.invalidData("the prediction curve needs as many x as y values")
            }
            script.command("set xlabel \(GnuplotText.quoted(xLabel)) offset 0,0.3")
            script.command("set ylabel \(GnuplotText.quoted(yLabel)) offset 0.8,0")
            script.command("set xrange [\(GnuplotText.number(curveX.first!)):\(GnuplotText.number(curveX.last!))]")
            let values = (y + curveY).filter(\.isFinite)
            let yLow = values.min() ?? 0, yHigh = values.max() ?? 1
            let pad = max((yHigh - yLow) * 0.08, 1e-9)
            script.command("set yrange [\(GnuplotText.number(yLow - pad)):\(GnuplotText.number(yHigh + pad))]")
            script.command("set key at screen \(ScreenRect.short(bandLeft)), \(ScreenRect.short(left.top)) left top vertical Left reverse samplen 1.5 spacing 1.2")
            plot.add("using 1:2 with points pointtype 7 pointsize \(outlined ? "0.8" : "1.3") linecolor \(GnuplotText.rgb(Palette.classColour(0))) title \(GnuplotText.quoted("data"))",
                     points: PointData(columns: [x, y]))
            plot.add("using 1:2 with lines linewidth 2.5 linecolor \(GnuplotText.rgb(Palette.ink)) title \(GnuplotText.quoted("model ŷ"))",
                     points: PointData(columns: [curveX, curveY]))
        case .surface(let grid, let values, let x, let y, let targets, let xLabel, let yLabel, let valueLabel):
            try grid.validate(valueCount: values.count, what: "the prediction grid")
            guard x.count == y.count, y.count == targets.count else { throw PlotError.invalidData("one target per point") }
            script.command("set xlabel \(GnuplotText.quoted(xLabel)) offset 0,0.3")
            script.command("set ylabel \(GnuplotText.quoted(yLabel)) offset 0.8,0")
            script.command("set xrange [\(GnuplotText.number(grid.xMin)):\(GnuplotText.number(grid.xMax))]")
            script.command("set yrange [\(GnuplotText.number(grid.yMin)):\(GnuplotText.number(grid.yMax))]")
            // One colour scale for the targets and the model's values: where they agree the points vanish
            // into the surface. Fixed to the targets' range, so every frame uses the same colours.
            let finiteTargets = targets.filter(\.isFinite)
            let cLow = finiteTargets.min() ?? 0, cHigh = max(finiteTargets.max() ?? 1, (finiteTargets.min() ?? 0) + 1e-9)
            script.command(Palette.definition(Palette.sequential))
            script.command("set cbrange [\(GnuplotText.number(cLow)):\(GnuplotText.number(cHigh))]")
            script.command("set cblabel \(GnuplotText.quoted(valueLabel)) offset 1.5,0")
            script.command("set colorbox vertical user origin screen \(ScreenRect.short(bandLeft + fontSize * 0.3 / width)), \(ScreenRect.short(left.bottom))"
                            + " size screen \(ScreenRect.short(fontSize * 1.2 / width)), \(ScreenRect.short(left.height * 0.6))")
            script.command("unset key")
            let clipped = values.map { $0.isFinite ? min(max($0, cLow), cHigh) : cLow }
            try plot.add(grid.imageClause() + " with image notitle",
                         grid: GridData(nx: grid.nx, ny: grid.ny, channels: 1, values: .floats(clipped)))
            plot.add("using 1:2:3 with points pointtype 7 pointsize \(outlined ? "0.9" : "1.3") linecolor palette notitle",
                     points: PointData(columns: [x, y, targets]))
            if outlined {
                plot.add("using 1:2 with points pointtype 6 pointsize 0.9 linewidth 0.5 linecolor \(GnuplotText.rgb(Palette.ink)) notitle",
                         points: PointData(columns: [x, y]))
            }
        }
        plot.emit(into: &script)

        // Right: the cost so far, on the whole run's axes, with the current iteration marked.
        // The right inset leaves room for the last iteration tic label, centred on the frame's edge.
        let right = ScreenRect(left: (width - insets.right - free * 0.44) / width, right: 1 - (insets.right + fontSize * 1.5) / width,
                               bottom: bottom, top: top)
        right.marginCommands().forEach { script.command($0) }
        script.command("unset colorbox")
        script.command("unset key")
        script.command("set ylabel \(GnuplotText.quoted("cost")) offset 0.8,0")
        if firstIteration == 0 {
            script.command("set xlabel \(GnuplotText.quoted("iteration (log scale)")) offset 0,0.3")
            script.command("set logscale x 10")
            script.command("set xrange [1:\(GnuplotText.number(Double(lastIteration)))]")
            // Powers of ten only: the panel is narrow, and 1-2-5 steps would run into each other; every other
            // one when even those would touch (a small film of 10,000 iterations: 1, 100, 10000).
            var decades = (0...9).map { pow(10, Double($0)) }.filter { $0 <= Double(lastIteration) }
            let spacing = right.width * width / max(log10(Double(lastIteration)), 1)
            let label = Multiplot.textWidth(String(Int(decades.last ?? 1)), fontSize: fontSize) + fontSize
            if label > spacing { decades = decades.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) }
            script.command("set xtics (" + decades.map { GnuplotText.number($0) }.joined(separator: ", ") + ")")
        } else {
            // A run continued from an earlier 'train': its iterations do not start near 1, a log axis
            // would squeeze them into its last sliver.
            script.command("set xlabel \(GnuplotText.quoted("iteration")) offset 0,0.3")
            script.command("set xrange [\(firstIteration):\(lastIteration)]")
            script.command("set xtics \(GnuplotText.number(CostPlot.iterationTicStep(span: Double(lastIteration - firstIteration)) * 2))")
        }
        script.command("set format x '%.0f'")
        script.command("set grid xtics ytics linecolor \(GnuplotText.rgb(Palette.gridLine))")
        let pad = max((high - low) * 0.06, 1e-3 * max(abs(high), 1))
        script.command("set yrange [\(GnuplotText.number(low - pad)):\(GnuplotText.number(high + pad))]")
        var costPlot = PlotCommand()
        if curve.count >= 2 {
            costPlot.add("using 1:2 with lines linewidth 2 linecolor \(GnuplotText.rgb(Palette.trainingLine)) notitle",
                         points: PointData(columns: [curve.map { Double($0.iteration) }, curve.map(\.cost)]))
        }
        // The current iteration's cost as a dot (iteration 0 at 1, the axis' start).
        if let index = costIterations.lastIndex(where: { $0 <= frame.iteration }), costs[index].isFinite {
            costPlot.add("using 1:2 with points pointtype 7 pointsize 1.3 linecolor \(GnuplotText.rgb(Palette.ink)) notitle",
                         points: PointData(columns: [[Double(max(costIterations[index], 1))], [costs[index]]]))
        }
        if costPlot.isEmpty {
            costPlot.add("using 1:2 with points pointtype 7 pointsize 0 notitle", points: PointData(columns: [[1], [low]]))
        }
        costPlot.emit(into: &script)
        Multiplot.end(into: &script)
    }
}

/// Reads and edits the block structure of a GIF file (GIF89a: header, screen descriptor, optional
/// global colour table, then extensions and images, each made of length-prefixed sub-blocks).
public enum GIFAnimation {
    /// The delay (hundredths of a second) of every frame, in order; nil if `bytes` is not a complete GIF.
    public static func frameDelays(_ bytes: [UInt8]) -> [Int]? {
        var delays: [Int] = []
        var pending: Int? = nil
        guard walk(bytes, onControl: { offset in pending = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 },
                   onImage: { delays.append(pending ?? 0); pending = nil }) else { return nil }
        return delays
    }

    /// Sets the delay of the last frame of the GIF at `path` (rewritten in place: the caller writes to a
    /// temporary file that is renamed into place afterwards).
    public static func setLastFrameDelay(_ hundredths: Int, inFileAt path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlotError.invalidData("cannot read the animation back from \(path)")
        }
        var bytes = [UInt8](data)
        var lastControl: Int? = nil, controlBeforeLastImage: Int? = nil
        guard walk(bytes, onControl: { lastControl = $0 }, onImage: { controlBeforeLastImage = lastControl; lastControl = nil }),
              let offset = controlBeforeLastImage else {
            throw PlotError.invalidData("gnuplot's animation in \(path) has no frame delay to set")
        }
        let delay = min(max(hundredths, 0), 65_535)
        bytes[offset + 4] = UInt8(delay & 0xFF)
        bytes[offset + 5] = UInt8(delay >> 8)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw PlotError.invalidData("cannot write the animation to \(path)")
        }
    }

    /// Walks the blocks; `onControl(offset)` for each graphic control extension (offset of its 0x21),
    /// `onImage` for each image. False if the structure is broken or the trailer is missing.
    static func walk(_ bytes: [UInt8], onControl: (Int) -> Void, onImage: () -> Void) -> Bool {
        guard bytes.count >= 13, bytes[0] == 0x47, bytes[1] == 0x49, bytes[2] == 0x46 else { return false }
        var p = 13
        if bytes[10] & 0x80 != 0 { p += 3 << (Int(bytes[10] & 0x07) + 1) }
        func skipSubBlocks(_ p: inout Int) -> Bool {
            while p < bytes.count {
                let length = Int(bytes[p])
                p += 1
                if length == 0 { return true }
                p += length
            }
            return false
        }
        while p < bytes.count {
            switch bytes[p] {
            case 0x2C:
                guard p + 10 <= bytes.count else { return false }
                let packed = bytes[p + 9]
                p += 10
                if packed & 0x80 != 0 { p += 3 << (Int(packed & 0x07) + 1) }
                p += 1
                guard skipSubBlocks(&p) else { return false }
                onImage()
            case 0x21:
                guard p + 2 < bytes.count else { return false }
                if bytes[p + 1] == 0xF9 {
                    guard p + 8 <= bytes.count, bytes[p + 2] == 4 else { return false }
                    onControl(p)
                }
                p += 2
                guard skipSubBlocks(&p) else { return false }
            case 0x3B:
                return true
            default:
                return false
            }
        }
        return false
    }
}
