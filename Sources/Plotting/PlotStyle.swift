// The look every plot shares, written once: terminal (by file type), size, font, line widths,
// border, grid, and literal (non-enhanced) text. Plot kinds add only their own content.

enum PlotStyle {
    /// Commands that open the output and set the common style.
    /// `terminalOptions` (e.g. `animate delay 5 loop 0`) go right after the terminal's name.
    /// `terminal` replaces the format's terminal, name and size (the sixel preview: `sixelgd truecolor rounded size W,H`).
    static func preamble(output: String, format: OutputFormat, options: PlotOptions,
                         terminalOptions: String = "", terminal: String? = nil) -> GnuplotScript {
        var script = GnuplotScript()
        let font = GnuplotText.quoted("\(options.fontName),\(GnuplotText.number(options.fontSize))")
        let titleFont = GnuplotText.quoted("\(options.fontName),\(GnuplotText.number((options.fontSize * 1.25).rounded()))")
        // noenhanced: titles and names are drawn exactly as given (`x_1` is not a subscript).
        // Round joins: with the default butt ends, a thick curve made of many short segments
        // (a smooth activation, a cost curve) shows notches where the segments meet. (gif: libgd
        // has no such option.)
        let extra = (format == .gif ? "" : "rounded ") + (terminalOptions.isEmpty ? "" : terminalOptions + " ")
        script.command("set terminal \(terminal ?? format.terminal + " " + extra + format.sizeClause(width: options.width, height: options.height))"
            + " noenhanced font \(font) linewidth 1.5 background rgb 'white'")
        script.command("set output \(GnuplotText.quoted(output))")
        script.command("set encoding utf8")
        script.command("set title font \(titleFont)")
        script.command("set border linecolor \(GnuplotText.rgb(Palette.frame))")
        script.command("set tics out nomirror")
        script.command("set grid back linetype 1 linecolor \(GnuplotText.rgb(Palette.gridLine)) linewidth 0.8")
        script.command("set key noautotitle samplen 2.5 spacing 1.15")
        return script
    }

    /// gnuplot's stderr after a successful run, without the gif terminal's report of its own
    /// success ("61 frames in animation sequence"), which is not a warning.
    static func warnings(in output: String) -> String {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let words = line.split(separator: " ")
            return !(words.count == 5 && words[0].allSatisfy(\.isNumber)
                     && words[1...].joined(separator: " ") == "frames in animation sequence")
        }
        let isBlank = { (line: Substring) in line.allSatisfy(\.isWhitespace) }
        guard let first = lines.firstIndex(where: { !isBlank($0) }),
              let last = lines.lastIndex(where: { !isBlank($0) }) else { return "" }
        return lines[first...last].joined(separator: "\n")
    }

    /// Closes the output file (gnuplot would on exit too; this makes the end explicit).
    static func finish(_ script: inout GnuplotScript) {
        script.command("unset output")
    }
}

extension GnuplotScript {
    /// The "nothing to show" note every plot kind uses when its picture would be blank or misleading (a
    /// surface at p = 0.5 everywhere, all examples at one point, one value for every example): its lines on
    /// opaque boxes in the middle of the current plot, over the data, one label a line. Labels 990… are
    /// reserved for it.
    mutating func centredNote(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        command("set style textbox opaque noborder margins 1.5,1")
        for (k, line) in lines.enumerated() {
            let offset = (Double(lines.count - 1) / 2 - Double(k)) * 1.5
            command("set label \(990 + k) \(GnuplotText.quoted(line)) at graph 0.5, graph 0.5 center front boxed offset 0,\(GnuplotText.number(offset))")
        }
    }

    /// Removes a note set by `centredNote` (the next panel of a page must not inherit it).
    mutating func clearNote(_ lines: [String]) {
        for k in lines.indices { command("unset label \(990 + k)") }
    }

    /// The page title for single-panel plots whose legend sits at the right: centred on the page (gnuplot's
    /// own title is centred over the plot area, which the legend pushes left, so long titles were cut off),
    /// with the font shrunk so that a long title still fits the width. Text previews keep gnuplot's title,
    /// which the preview replaces with its own.
    mutating func pageTitle(_ title: String, options: PlotOptions) {
        if options.textPreview {
            command("set title \(GnuplotText.quoted(title))")
            return
        }
        // pngcairo draws 1 pt as about 1.3 px; an average character is about 0.55 em wide.
        let size = (options.fontSize * 1.25).rounded()
        let characterWidth = size * 1.3 * 0.55
        let fitting = Double(options.width) * 0.96 / max(Double(title.count), 1)
        let fitted = max(min(size, (size * fitting / characterWidth).rounded(.down)), (options.fontSize * 0.75).rounded())
        let font = GnuplotText.quoted("\(options.fontName),\(GnuplotText.number(fitted))")
        command("set label 1000 \(GnuplotText.quoted(title)) at screen 0.5, screen 0.955 center font \(font) front")
    }
}

