// Labelled points (training or test examples) and how they are drawn on every plot that shows
// them: a filled marker in the class's Okabe–Ito colour with a dark outline, so that points stay
// visible on any background (including a heat map of the same hue). Training points are
// circles, test points triangles.

/// Points with a class index each: point n is (x[n], y[n]) of class classes[n].
public struct ClassPoints: Sendable, Equatable {
    public var x: [Double]
    public var y: [Double]
    public var classes: [Int]

    public init(x: [Double], y: [Double], classes: [Int]) {
        self.x = x
        self.y = y
        self.classes = classes
    }

    public var count: Int { x.count }

    /// - Throws: `PlotError.invalidData` for mismatched lengths or an unnamed class.
    func validate(_ what: String, classCount: Int) throws {
        guard y.count == x.count, classes.count == x.count else {
            throw PlotError.invalidData("\(what): \(x.count) x values, \(y.count) y values and \(classes.count) labels")
        }
        if let n = classes.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw PlotError.invalidData("\(what): point \(n + 1) has class \(classes[n]), but there are only \(classCount) class names")
        }
    }
}

enum ClassMarkers {
    /// Adds one legend entry per class present in `points` (plus an outline pass without one).
    /// `scale` shrinks the markers (small panels); `titled: false` leaves them out of the legend.
    /// `text`: for gnuplot's dumb terminal, one character per class (o x + * ...; test points
    /// upper case or other symbols) and no outline pass, which would overwrite it.
    static func add(_ points: ClassPoints, names: [String], test: Bool, scale: Double = 1, titled: Bool = true,
                    text: Bool = false, outlined: Bool = true, to plot: inout PlotCommand) {
        let fill = test ? 9 : 7       // filled triangle / filled circle
        let outline = test ? 8 : 6    // the same shapes, open
        let size = scale == 1 ? pointSize(points.count) : GnuplotText.number(pointSizeValue(points.count) * scale)
        for (k, name) in names.enumerated() {
            let members = points.classes.indices.filter { points.classes[$0] == k }
            guard !members.isEmpty else { continue }
            let data = PointData(columns: [members.map { points.x[$0] }, members.map { points.y[$0] }])
            let title = test ? "\(name) (test)" : name
            let marker = text ? "pointtype \(GnuplotText.quoted(textMarker(k, test: test)))" : "pointtype \(fill) pointsize \(size)"
            plot.add("using 1:2 with points \(marker) linecolor \(GnuplotText.rgb(Palette.classColour(k)))"
                        + (titled ? " title \(GnuplotText.quoted(title))" : " notitle"), points: data)
            guard !text, outlined else { continue }
            plot.add("using 1:2 with points pointtype \(outline) pointsize \(size) linewidth \(scale < 0.75 ? "0.4" : "0.6")"
                        + " linecolor \(GnuplotText.rgb(Palette.ink)) notitle", points: data)
        }
    }

    /// The character that marks class `k` in a text preview.
    static func textMarker(_ k: Int, test: Bool) -> String {
        let training = ["o", "x", "+", "*", "#", "@", "%", "&"], tests = ["O", "X", "=", "$", "H", "A", "V", "W"]
        return (test ? tests : training)[((k % 8) + 8) % 8]
    }

    /// Smaller markers for more points, so that a dense cloud does not become one blob.
    static func pointSize(_ count: Int) -> String {
        count > 5000 ? "0.5" : count > 1500 ? "0.7" : count > 500 ? "0.9" : "1.2"
    }

    static func pointSizeValue(_ count: Int) -> Double {
        Double(pointSize(count)) ?? 1
    }
}
