// The file formats a plot can be written in, chosen by the file name's extension, and the
// gnuplot terminal that writes each one.

/// An output file format. The cairo terminals give anti-aliased lines and proper fonts.
public enum OutputFormat: String, Sendable, CaseIterable {
    case png, svg, pdf, gif

    /// The format named by `path`'s extension (case-insensitive).
    /// - Throws: `PlotError.unsupportedFormat` for any other extension.
    public init(path: String) throws {
        let ext = OutputFormat.fileExtension(of: path)
        guard let format = OutputFormat(rawValue: ext.lowercased()) else {
            throw PlotError.unsupportedFormat(path: path, fileExtension: ext)
        }
        self = format
    }

    /// The extension of the last path component, without the dot; "" if there is none.
    static func fileExtension(of path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// The gnuplot terminal name.
    var terminal: String {
        switch self {
        case .png: return "pngcairo"
        case .svg: return "svg"
        case .pdf: return "pdfcairo"
        case .gif: return "gif"
        }
    }

    /// The `size` clause: pixels for raster and SVG, inches (at 100 px per inch) for PDF,
    /// so that a 900×700 plot has the same proportions and text size in every format.
    func sizeClause(width: Int, height: Int) -> String {
        switch self {
        case .pdf:
            // Fonts and markers are in points (1/72 in); scaled by 72/100 so that the PDF seen at
            // 100 px per inch matches the PNG, where a point is drawn as one pixel.
            return "size \(GnuplotText.number(Double(width) / 100))in,\(GnuplotText.number(Double(height) / 100))in"
                + " fontscale 0.72 pointscale 0.72"
        case .png, .svg, .gif: return "size \(width),\(height)"
        }
    }
}
