// Several small plots on one page (gnuplot's multiplot): how many rows and columns, and where
// each panel's frame goes.
//
// Panels are placed by explicit margins in screen fractions rather than by `set multiplot
// layout r,c`, so that frames line up exactly, keep the data's aspect ratio, and leave known
// room for panel titles, tic labels, axis labels and colour bars. Room is measured in pixels
// from the font size (a point is one pixel on the raster terminals), then converted to screen
// fractions for the canvas at hand.

/// A rectangle in screen fractions: (0, 0) is the bottom left of the canvas, (1, 1) the top right.
struct ScreenRect: Equatable {
    var left: Double, right: Double, bottom: Double, top: Double

    var width: Double { right - left }
    var height: Double { top - bottom }

    /// The commands that put a plot's frame exactly here.
    func marginCommands() -> [String] {
        ["set lmargin at screen \(ScreenRect.short(left))", "set rmargin at screen \(ScreenRect.short(right))",
         "set bmargin at screen \(ScreenRect.short(bottom))", "set tmargin at screen \(ScreenRect.short(top))"]
    }

    /// A screen fraction with five decimals: exact enough for any canvas, readable in a script.
    static func short(_ fraction: Double) -> String {
        GnuplotText.number((fraction * 100_000).rounded() / 100_000)
    }
}

/// The room around one panel's frame, in pixels: for its title (top), tic labels and axis labels.
struct PanelInsets: Equatable {
    var left: Double, right: Double, bottom: Double, top: Double

    var width: Double { left + right }
    var height: Double { top + bottom }

    /// Title above, tic labels left and below, and optionally an axis label on each of those sides.
    /// `colourBar` adds room on the right for a thin colour bar with its tic labels.
    static func standard(fontSize: Double, xLabel: Bool, yLabel: Bool, colourBar: Bool = false) -> PanelInsets {
        PanelInsets(left: fontSize * (yLabel ? 5.8 : 4.0),
                    right: fontSize * (colourBar ? 5.2 : 1.6),
                    bottom: fontSize * (xLabel ? 5.0 : 2.2),
                    top: fontSize * 2.7)
    }
}

enum PanelLayout {
    /// The arrangement of `count` panels in rows × columns that gives the largest frames of
    /// aspect `aspect` (height / width) in `width` × `height` pixels, each panel needing `insets`
    /// around its frame. On a tie, fewer empty cells win.
    static func shape(count: Int, width: Double, height: Double, aspect: Double,
                      insets: PanelInsets) -> (rows: Int, columns: Int) {
        precondition(count >= 1 && aspect > 0)
        var best = (rows: 1, columns: count)
        var bestSide = -Double.infinity
        var bestEmpty = Int.max
        for columns in 1...count {
            let rows = (count + columns - 1) / columns
            let frameWidth = width / Double(columns) - insets.left - insets.right
            let frameHeight = height / Double(rows) - insets.top - insets.bottom
            let side = min(frameWidth, frameHeight / aspect)  // the frame's width at the aspect
            let empty = rows * columns - count
            if side > bestSide + 0.5 || (abs(side - bestSide) <= 0.5 && empty < bestEmpty) {
                best = (rows, columns)
                bestSide = side
                bestEmpty = empty
            }
        }
        return best
    }

    /// The frames of a rows × columns layout inside `area` (screen fractions) of a canvas of
    /// `width` × `height` pixels, row by row from the top left. Each frame leaves `insets`
    /// around it. With an `aspect` (height / width, in pixels) every frame is the largest of
    /// that shape that fits, and the cells shrink around their frames, the block of them
    /// centred horizontally at the top of `area` (so that panels sit together under the page
    /// title rather than float in wide gaps).
    static func frames(rows: Int, columns: Int, count: Int? = nil, in area: ScreenRect, width: Double, height: Double,
                       insets: PanelInsets, aspect: Double?) -> [ScreenRect] {
        // Cell size in pixels.
        var cellWidth = area.width * width / Double(columns), cellHeight = area.height * height / Double(rows)
        var blockLeft = area.left * width, blockTop = area.top * height
        if let aspect {
            let frameWidth = max(0, min(cellWidth - insets.left - insets.right,
                                        (cellHeight - insets.top - insets.bottom) / aspect))
            let tightWidth = frameWidth + insets.left + insets.right
            let tightHeight = frameWidth * aspect + insets.top + insets.bottom
            blockLeft += (cellWidth - tightWidth) * Double(columns) / 2  // centred across, at the top
            cellWidth = tightWidth
            cellHeight = tightHeight
        }
        var frames: [ScreenRect] = []
        for index in 0..<(count ?? rows * columns) {
            let row = index / columns, column = index % columns
            let left = blockLeft + Double(column) * cellWidth, top = blockTop - Double(row) * cellHeight
            frames.append(ScreenRect(left: (left + insets.left) / width, right: (left + cellWidth - insets.right) / width,
                                     bottom: (top - cellHeight + insets.bottom) / height, top: (top - insets.top) / height))
        }
        return frames
    }

    /// A data range's aspect (y span / x span) for frames that keep shapes undistorted, or nil
    /// when the spans differ so much that equal units would squash the panel to a strip (the
    /// same rule as the single plots: equal units only for aspects 0.5 ... 2).
    static func equalUnitsAspect(xSpan: Double, ySpan: Double) -> Double? {
        guard xSpan > 0, ySpan > 0 else { return nil }
        let aspect = ySpan / xSpan
        return aspect >= 0.5 && aspect <= 2 ? aspect : nil
    }
}

/// The commands around a multiplot: the page title, panel titles at the base font size (the
/// page title keeps the larger title font of single plots), and the end.
enum Multiplot {
    /// Height in pixels of the page title's band at the top.
    static func titleBand(_ options: PlotOptions) -> Double { options.fontSize * 3.2 }

    /// `panelTitles` and `panelWidth` (pixels, frame plus insets): panel titles shrink (to no
    /// less than 70 % of the base size) when the longest would be wider than a panel.
    static func begin(title: String, options: PlotOptions, panelTitles: [String] = [], panelWidth: Double = .infinity,
                      into script: inout GnuplotScript) {
        // The page title shrinks (down to the panel font's floor) rather than run off the page.
        let titleSize = (options.fontSize * 1.25).rounded()
        let titleWidth = textWidth(title, fontSize: titleSize)
        let fittedTitle = titleWidth > 0 ? min(titleSize, titleSize * Double(options.width) * 0.97 / titleWidth) : titleSize
        let titleFont = GnuplotText.quoted("\(options.fontName),\(GnuplotText.number(max(fittedTitle, options.fontSize * 0.75).rounded()))")
        let longest = panelTitles.map { textWidth($0, fontSize: options.fontSize) }.max() ?? 0
        let fitting = longest > 0 ? options.fontSize * panelWidth / longest : options.fontSize
        let panelSize = max(min(options.fontSize, fitting), options.fontSize * 0.7)
        let panelFont = GnuplotText.quoted("\(options.fontName),\(GnuplotText.number((panelSize * 2).rounded() / 2))")
        script.command("set multiplot title \(GnuplotText.quoted(title)) font \(titleFont)")
        script.command("set title font \(panelFont) offset 0,-0.3")
    }

    static func end(into script: inout GnuplotScript) {
        script.command("unset multiplot")
    }
}

/// One entry of a legend drawn by hand (see `Multiplot.legendRow`).
struct LegendEntry {
    enum Sample {
        /// A filled marker with an outline, as ClassMarkers draws points.
        case point(RGB)
        /// A line segment.
        case line(RGB, width: Double)
    }

    var sample: Sample
    var title: String
}

extension Multiplot {
    /// A legend in one row, centred at height `y` (screen fraction), for a whole multiplot page.
    ///
    /// gnuplot's own key cannot do this: a horizontal key gives every entry the width of the
    /// longest and wraps at the width of the current panel. So the entries are labels with a
    /// marker, or an arrow without head for a line, placed from an estimate of each title's
    /// width (`textWidth`), and drawn by an empty plot spanning the page. Call it after the last
    /// panel: labels and arrows would appear on every later panel.
    static func legendRow(_ entries: [LegendEntry], y: Double, options: PlotOptions, into script: inout GnuplotScript) {
        guard !entries.isEmpty else { return }
        legendLabels(entries, y: y, options: options, into: &script)
        // The empty plot that draws them: no frame, no tics, nothing in range.
        script.command("unset border")
        script.command("unset tics")
        script.command("unset title")
        script.command("unset xlabel")
        script.command("unset ylabel")
        script.command("unset key")
        script.command("unset colorbox")
        script.command("set lmargin at screen 0.01")
        script.command("set rmargin at screen 0.99")
        script.command("set bmargin at screen 0.01")
        script.command("set tmargin at screen 0.02")
        script.command("set xrange [0:1]")
        script.command("set yrange [0:1]")
        script.command("plot -1 with lines linecolor bgnd notitle")
    }

    /// The labels and arrows of `legendRow`, without the plot that draws them: every later plot
    /// shows them (as every frame of an animation should). Entries that do not fit in one row
    /// continue in rows below it, each row centred.
    static func legendLabels(_ entries: [LegendEntry], y: Double, options: PlotOptions, into script: inout GnuplotScript) {
        let width = Double(options.width), height = Double(options.height), font = options.fontSize
        let sampleWidth = font * 2.2, gap = font * 0.6, spacing = font * 2
        let widths = entries.map { sampleWidth + gap + textWidth($0.title, fontSize: font) }
        // Greedy rows within the page (less a margin).
        var rows: [[Int]] = [[]], rowWidth = 0.0
        for (k, w) in widths.enumerated() {
            if !rows[rows.count - 1].isEmpty && rowWidth + spacing + w > width - 2 * font {
                rows.append([])
                rowWidth = 0
            }
            rowWidth += (rows[rows.count - 1].isEmpty ? 0 : spacing) + w
            rows[rows.count - 1].append(k)
        }
        for (r, row) in rows.enumerated() {
            let total = row.map { widths[$0] }.reduce(0, +) + spacing * Double(row.count - 1)
            var x = max(font, (width - total) / 2)
            let rowY = ScreenRect.short(y - Double(r) * font * 1.6 / height)
            for k in row {
                let entry = entries[k]
                switch entry.sample {
                case .point(let colour):
                    let centre = ScreenRect.short((x + sampleWidth / 2) / width)
                    script.command("set label \(2 * k + 101) '' at screen \(centre), \(rowY)"
                                    + " point pointtype 7 pointsize 1.2 linecolor \(GnuplotText.rgb(colour)) front")
                    script.command("set label \(2 * k + 102) '' at screen \(centre), \(rowY)"
                                    + " point pointtype 6 pointsize 1.2 linewidth 0.6 linecolor \(GnuplotText.rgb(Palette.ink)) front")
                case .line(let colour, let lineWidth):
                    script.command("set arrow \(k + 101) from screen \(ScreenRect.short(x / width)), \(rowY)"
                                    + " to screen \(ScreenRect.short((x + sampleWidth) / width)), \(rowY)"
                                    + " nohead front linewidth \(GnuplotText.number(lineWidth)) linecolor \(GnuplotText.rgb(colour))")
                }
                script.command("set label \(2 * k + 1101) \(GnuplotText.quoted(entry.title))"
                                + " at screen \(ScreenRect.short((x + sampleWidth + gap) / width)), \(rowY) left front")
                x += widths[k] + spacing
            }
        }
    }

    /// An estimate of `text`'s width in pixels in a sans-serif font of `fontSize` points (DejaVu
    /// Sans metrics, roughly: narrow letters and spaces a third of an em, capitals and symbols
    /// such as @ % & most of one). pngcairo draws an em of 'Sans,13' as 16.9 pixels (measured),
    /// so an em is 1.3 pixels per point. Generous rather than tight, so that entries never overlap.
    static func textWidth(_ text: String, fontSize: Double) -> Double {
        let pixelsPerEm = fontSize * 1.3
        let narrow = Set("iljtfr'.,:;|!() []"), wide = Set("mwMW@%&")
        return text.reduce(0.0) { total, c in
            let em: Double = narrow.contains(c) ? 0.38 : wide.contains(c) ? 0.95
                : c.isUppercase ? 0.75 : c.isNumber ? 0.65 : 0.6
            return total + em * pixelsPerEm
        }
    }
}
