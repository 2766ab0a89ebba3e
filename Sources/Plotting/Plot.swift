// What every plot kind is: a value that can describe itself as a gnuplot script. `render`
// (shared by all kinds) adds the common style, runs gnuplot and puts the file in place.

/// The outcome of writing a plot.
public struct PlotResult: Sendable, Equatable {
    /// The file written, as requested (with ".png" added if the name had no extension).
    public let path: String
    public let format: OutputFormat
    /// Anything gnuplot printed while succeeding (warnings); usually empty.
    public let warnings: String
}

/// A plot kind: cost curve, decision boundary, scatter, ...
public protocol Plot: Sendable {
    /// Appends this plot's own commands and data after the common preamble. Checks the data
    /// and throws `PlotError.invalidData` before anything is written.
    func draw(into script: inout GnuplotScript, options: PlotOptions) throws

    /// The same for a known output format. Kinds that draw differently per format implement it
    /// (TransformPlot writes an animation to .gif); the default calls `draw(into:options:)`.
    func draw(into script: inout GnuplotScript, options: PlotOptions, format: OutputFormat) throws

    /// Words added to the `set terminal` command for `format`, e.g. `animate delay 5 loop 0`
    /// for an animated GIF. The default adds nothing.
    func terminalOptions(for format: OutputFormat) -> String

    /// Edits the file gnuplot wrote (still the temporary file, before it is put in place), e.g. to hold an
    /// animation's last frame. The default does nothing.
    func finish(fileAt path: String, format: OutputFormat) throws
}

extension Plot {
    public func draw(into script: inout GnuplotScript, options: PlotOptions, format: OutputFormat) throws {
        try draw(into: &script, options: options)
    }

    public func terminalOptions(for format: OutputFormat) -> String { "" }

    public func finish(fileAt path: String, format: OutputFormat) throws {}
}

extension Plot {
    /// The complete gnuplot script that writes this plot to `output`, without running gnuplot.
    /// (`render` sends the same script, except that `output` is a temporary file next to the
    /// destination.)
    public func script(output: String, options: PlotOptions = PlotOptions()) throws -> GnuplotScript {
        try options.validate()
        let output = OutputFormat.fileExtension(of: output).isEmpty ? output + ".png" : output  // as render does
        let format = try OutputFormat(path: output)
        var script = PlotStyle.preamble(output: output, format: format, options: options,
                                        terminalOptions: terminalOptions(for: format))
        try draw(into: &script, options: options, format: format)
        PlotStyle.finish(&script)
        return script
    }

    /// Draws the plot into the file at `path` (format from its extension: .png, .svg, .pdf,
    /// .gif; none means .png) and returns once the file is complete.
    ///
    /// The folder is created if missing. The file appears atomically: gnuplot writes a temporary
    /// file in the same folder, which is renamed into place only after gnuplot has exited
    /// successfully.
    /// - Throws: `PlotError` — bad data or options, gnuplot missing or failing (with its own
    ///   message), or a folder/file that cannot be written (naming it).
    @discardableResult
    public func render(to path: String, options: PlotOptions = PlotOptions()) throws -> PlotResult {
        try options.validate()
        // The format as OutputFile.prepare will find it; a bad name is reported by prepare, after
        // the data has been checked.
        let format = (try? OutputFormat(path: OutputFormat.fileExtension(of: path).isEmpty ? path + ".png" : path)) ?? .png
        var body = GnuplotScript()
        try draw(into: &body, options: options, format: format)  // data errors first: nothing touched yet
        let gnuplot = try GnuplotProcess.locate(executable: options.gnuplotExecutable, searchPath: options.searchPath)
        let output = try OutputFile.prepare(path)
        defer { output.discard() }

        var script = PlotStyle.preamble(output: output.temporaryPath, format: output.format, options: options,
                                        terminalOptions: terminalOptions(for: output.format))
        script.append(contentsOf: body)
        PlotStyle.finish(&script)
        let warnings = PlotStyle.warnings(in: try gnuplot.run(script))
        try finish(fileAt: output.temporaryPath, format: output.format)
        try output.commit()
        return PlotResult(path: output.path, format: output.format, warnings: warnings)
    }
}
