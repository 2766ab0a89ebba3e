// `set preview image`: the plot drawn a second time, by gnuplot's `sixelgd` terminal, as a sixel
// image (DEC's bitmap format: DCS `ESC P … q`, the pixels, ST `ESC \`) for terminals that show
// them inline. It is the same script as the file's, with the terminal swapped, so the image says
// what the file shows; only its size follows the terminal. Multi-format kinds draw their PNG
// version (a GIF animation is shown as its still).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension Plot {
    /// This plot as a sixel image of `width` × `height` pixels (each 200...10,000), ready to write to a
    /// terminal. Fonts and line widths are those of `options` scaled by the width against `options.width`,
    /// so a small image keeps the file's proportions.
    /// - Throws: `PlotError` as `render` does; `.noSixelTerminal` when this gnuplot has no sixelgd terminal.
    public func sixel(width: Int, height: Int, options: PlotOptions = PlotOptions()) throws -> [UInt8] {
        var scaled = options
        scaled.fontSize = max(7, min(options.fontSize, options.fontSize * Double(width) / Double(options.width)).rounded())
        scaled.width = width
        scaled.height = height
        try scaled.validate()
        var body = GnuplotScript()
        try draw(into: &body, options: scaled, format: .png)
        let gnuplot = try GnuplotProcess.locate(executable: options.gnuplotExecutable, searchPath: options.searchPath)
        let (fd, output) = try GnuplotProcess.makeTemporaryFile(prefix: "shallow-sixel", suffix: ".six")
        close(fd)
        defer { unlink(output) }
        var script = PlotStyle.preamble(output: output, format: .png, options: scaled,
                                        terminal: "sixelgd truecolor rounded size \(width),\(height)")
        script.append(contentsOf: body)
        PlotStyle.finish(&script)
        do {
            _ = try gnuplot.run(script)
        } catch let error as PlotError {
            // gnuplot built without libgd's sixel support: "unknown or ambiguous terminal type".
            if error.description.contains("unknown or ambiguous terminal type") { throw PlotError.noSixelTerminal }
            throw error
        }
        guard let data = FileManager.default.contents(atPath: output), data.starts(with: [0x1B, 0x50]) else {
            throw PlotError.system("gnuplot wrote no sixel image")
        }
        return [UInt8](data)
    }
}
