// What every plot shares: size, font, and where gnuplot is. Plot-specific content (titles,
// labels, data) lives in each plot's own type.

/// Options common to all plots.
public struct PlotOptions: Sendable, Equatable {
    /// Image size in pixels (PDF: in hundredths of an inch). The default is large enough to read
    /// on a projected slide; width and height must each be in `sizeRange`.
    public var width: Int
    public var height: Int
    /// Font family (fontconfig name) and base size in points. Titles are 1.25× this size.
    public var fontName: String
    public var fontSize: Double
    /// An explicit gnuplot executable; `nil` searches `searchPath`.
    public var gnuplotExecutable: String?
    /// The directories to search for `gnuplot`, colon-separated like `$PATH`; `nil` uses the
    /// process's `PATH`.
    public var searchPath: String?

    /// Set by `preview`: the plot is being drawn as text (gnuplot's dumb terminal), so markers
    /// are characters without an outline pass. Not part of the public options.
    var textPreview = false

    /// Accepted width and height.
    public static let sizeRange = 200...10_000

    public init(
        width: Int = 900, height: Int = 700, fontName: String = "Sans", fontSize: Double = 13,
        gnuplotExecutable: String? = nil, searchPath: String? = nil
    ) {
        self.width = width
        self.height = height
        self.fontName = fontName
        self.fontSize = fontSize
        self.gnuplotExecutable = gnuplotExecutable
        self.searchPath = searchPath
    }

    /// - Throws: `PlotError.invalidOptions` naming the bad value.
    func validate() throws {
        guard PlotOptions.sizeRange.contains(width), PlotOptions.sizeRange.contains(height) else {
            throw PlotError.invalidOptions(
                "plot size \(width)×\(height) is out of range (each side \(PlotOptions.sizeRange.lowerBound)–\(PlotOptions.sizeRange.upperBound) px)")
        }
        guard fontSize.isFinite, fontSize >= 4, fontSize <= 72 else {
            throw PlotError.invalidOptions("font size \(fontSize) is out of range (4–72)")
        }
    }
}
