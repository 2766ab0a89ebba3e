// The hidden-size sweep on one page, as in the lecture's notebook: one small decision-boundary
// panel per network (e.g. n_h = 1, 2, 3, 4, 5, 20, 50), each titled with its size and accuracy.
// Each panel is a DecisionBoundaryPlot and is drawn by the same code (heat map, p = 0.5 line or
// class borders, points); this file only lays the panels out and gives them one shared legend
// and colour bar: in the empty cells of the last row when there are some, else on the right as on
// the single plot.

/// Several decision boundaries in a grid of panels.
public struct BoundaryGridPlot: Plot {
    /// The panels, in reading order (row by row). Each panel's title, axis labels, grid, surface
    /// and points are used; the first panel's class names name the legend's markers.
    public var panels: [DecisionBoundaryPlot]
    public var title: String

    public init(panels: [DecisionBoundaryPlot], title: String) {
        self.panels = panels
        self.title = title
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions) throws {
        guard let first = panels.first else { throw PlotError.invalidData("there are no decision boundaries to plot") }
        for panel in panels { try panel.validatePoints() }

        let width = Double(options.width), height = Double(options.height)
        let insets = PanelInsets.standard(fontSize: options.fontSize, xLabel: true, yLabel: true)
        let grid = first.grid
        let aspect = PanelLayout.equalUnitsAspect(xSpan: grid.xMax - grid.xMin, ySpan: grid.yMax - grid.yMin) ?? 1
        let top = 1 - Multiplot.titleBand(options) / height
        // The shared legend and colour bar go in the empty cells of the last row when the grid has some (7
        // panels in 3 × 3: beside the last panel, not far off to the right); else in a band on the right.
        let whole = ScreenRect(left: 0, right: 1, bottom: 0, top: top)
        let wholeShape = PanelLayout.shape(count: panels.count, width: whole.width * width, height: whole.height * height,
                                           aspect: aspect, insets: insets)
        let sideBand = min(max(options.fontSize * 17, width * 0.16), width * 0.3)
        let inEmptyCells = wholeShape.rows * wholeShape.columns - panels.count >= 1 && wholeShape.columns >= 2
        let area = inEmptyCells ? whole : ScreenRect(left: 0, right: 1 - sideBand / width, bottom: 0, top: top)
        let shape = inEmptyCells ? wholeShape
            : PanelLayout.shape(count: panels.count, width: area.width * width, height: area.height * height, aspect: aspect, insets: insets)
        let frames = PanelLayout.frames(rows: shape.rows, columns: shape.columns, count: panels.count, in: area,
                                        width: width, height: height, insets: insets, aspect: aspect)
        // Markers shrink with the panels (full size at about 550 px wide).
        let frameWidth = (frames.first?.width ?? 1) * width
        let markerScale = min(max(frameWidth / 550, 0.4), 1)
        let last = frames.last ?? area
        let bandLeft = inEmptyCells ? last.right + (insets.right + insets.left) / width
            : 1 - sideBand / width + options.fontSize * 0.8 / width
        let keyTop = inEmptyCells ? last.top : area.top
        let barBottom = inEmptyCells ? last.bottom : area.top * 0.12
        let barHeight = inEmptyCells ? last.height * 0.5 : area.top * 0.4

        let cellWidth = (frames.first?.width ?? 1) * width + insets.width
        Multiplot.begin(title: title, options: options, panelTitles: panels.map(\.title), panelWidth: cellWidth, into: &script)
        script.command("unset grid")  // grid lines would cut through the heat maps
        script.command("set tics front")
        for (k, (panel, frame)) in zip(panels, frames).enumerated() {
            frame.marginCommands().forEach { script.command($0) }
            script.command("set title \(GnuplotText.quoted(panel.title))")
            script.command("set xlabel \(GnuplotText.quoted(panel.xLabel)) offset 0,0.3")
            script.command("set ylabel \(GnuplotText.quoted(panel.yLabel)) offset 0.8,0")
            script.command("set xrange [\(GnuplotText.number(panel.grid.xMin)):\(GnuplotText.number(panel.grid.xMax))]")
            script.command("set yrange [\(GnuplotText.number(panel.grid.yMin)):\(GnuplotText.number(panel.grid.yMax))]")

            var plot = PlotCommand()
            try panel.addLayers(script: &script, plot: &plot, markerScale: markerScale, titled: false)
            if k == 0 {
                // The shared legend and colour bar, drawn with the first panel.
                script.command("set key at screen \(ScreenRect.short(bandLeft)), \(ScreenRect.short(keyTop))"
                                + " left top vertical Left reverse samplen 1.5 spacing 1.3")
                if case .probability = first.surface {
                    script.command("set colorbox vertical user origin screen \(ScreenRect.short(bandLeft + options.fontSize * 0.3 / width)),"
                                    + " \(ScreenRect.short(barBottom)) size screen \(ScreenRect.short(options.fontSize * 1.4 / width)),"
                                    + " \(ScreenRect.short(barHeight))")
                }
                addLegend(first, to: &plot)
            } else {
                script.command("unset key")
                script.command("unset colorbox")
            }
            plot.emit(into: &script)
        }
        Multiplot.end(into: &script)
    }

    /// Legend entries that do not depend on any one panel's data: the classes (and test
    /// markers if any panel has test points) and the boundary line.
    private func addLegend(_ first: DecisionBoundaryPlot, to plot: inout PlotCommand) {
        let hasTest = panels.contains { $0.test.map { $0.count > 0 } ?? false }
        for (k, name) in first.classNames.enumerated() {
            plot.add(clause: "keyentry with points pointtype 7 pointsize 1.2 linecolor \(GnuplotText.rgb(Palette.classColour(k)))"
                                + " title \(GnuplotText.quoted(name))")
        }
        if hasTest {
            for (k, name) in first.classNames.enumerated() {
                plot.add(clause: "keyentry with points pointtype 9 pointsize 1.2 linecolor \(GnuplotText.rgb(Palette.classColour(k)))"
                                    + " title \(GnuplotText.quoted(name + " (test)"))")
            }
        }
        let isProbability = { if case .probability = first.surface { return true } else { return false } }()
        plot.add(clause: "keyentry with lines linewidth 2.5 linecolor \(GnuplotText.rgb(Palette.ink))"
                            + " title \(GnuplotText.quoted(isProbability ? "boundary p = 0.5" : "class borders"))")
    }
}
