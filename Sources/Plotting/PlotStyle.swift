// The look every plot shares, written once: terminal (by file type), size, font, line widths,
// border, grid, and literal (non-enhanced) text. Plot kinds add only their own content.

enum PlotStyle {
    /// Commands that open the output and set the common style.
    static func preamble(output: String, format: OutputFormat, options: PlotOptions) -> GnuplotScript {
        var script = GnuplotScript()
        let font = GnuplotText.quoted("\(options.fontName),\(GnuplotText.number(options.fontSize))")
        let titleFont = GnuplotText.quoted("\(options.fontName),\(GnuplotText.number((options.fontSize * 1.25).rounded()))")
        // noenhanced: titles and names are drawn exactly as given (`x_1` is not a subscript).
        script.command("set terminal \(format.terminal) \(format.sizeClause(width: options.width, height: options.height))"
            + " noenhanced font \(font) linewidth 1.5 background rgb 'white'")
        script.command("set output \(GnuplotText.quoted(output))")
        script.command("set encoding utf8")
        script.command("set title font \(titleFont)")
        script.command("set border linecolor rgb '#333333'")
        script.command("set tics out nomirror")
        script.command("set grid back linetype 1 linecolor rgb '#dcdcdc' linewidth 0.8")
        script.command("set key noautotitle samplen 2.5 spacing 1.15")
        return script
    }

    /// Closes the output file (gnuplot would on exit too; this makes the end explicit).
    static func finish(_ script: inout GnuplotScript) {
        script.command("unset output")
    }
}
