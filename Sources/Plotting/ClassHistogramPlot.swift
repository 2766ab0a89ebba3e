// How the output layer separates the classes, as one number per example (`plot output`): a histogram of the
// output's pre-activation z = W·a + b for each class, with the decision threshold z = 0 (p = 0.5) as a line.
// Where the classes' histograms overlap, no threshold separates them; where they are apart, the last hidden
// layer has made them linearly separable — the lecture's point, shown for a layer of any width (a scatter of
// the hidden layer can only show 2 or 3 units, or a projection).

/// Overlaid histograms of one value, one per class.
public struct ClassHistogramPlot: Plot {
    /// `values[k]`: the value for every example of class k.
    public var values: [[Double]]
    public var classNames: [String]
    /// Where the decision changes (drawn as a vertical line), e.g. 0 for z.
    public var threshold: Double?
    public var thresholdTitle: String
    public var title: String
    public var xLabel: String
    /// Bins over the range of all values.
    public var bins: Int
    /// Why the picture says little (e.g. one value for every example), over the middle of the plot.
    public var note: [String] = []

    public init(values: [[Double]], classNames: [String], threshold: Double? = 0, thresholdTitle: String = "z = 0 (p = 0.5)",
                title: String, xLabel: String, bins: Int = 40) {
        self.values = values
        self.classNames = classNames
        self.threshold = threshold
        self.thresholdTitle = thresholdTitle
        self.title = title
        self.xLabel = xLabel
        self.bins = bins
    }

    /// The counts per bin of each class, and the bins' left edge and width.
    public func counts() -> (low: Double, width: Double, counts: [[Int]]) {
        let all = values.flatMap { $0 }.filter(\.isFinite)
        var low = all.min() ?? -1, high = all.max() ?? 1
        if let threshold { low = min(low, threshold); high = max(high, threshold) }
        if high <= low { low -= 0.5; high += 0.5 }
        let width = (high - low) / Double(bins)
        let counts = values.map { classValues in
            var c = [Int](repeating: 0, count: bins)
            for v in classValues where v.isFinite { c[min(bins - 1, max(0, Int((v - low) / width)))] += 1 }
            return c
        }
        return (low, width, counts)
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions) throws {
        try validate()
        script.pageTitle(title, options: options)
        script.command("set tmargin at screen 0.90")
        script.command("set key below horizontal")  // under the chart: never over a bar
        drawBars(into: &script)
    }

    /// As a panel of another plot's page (`plot hidden`'s second panel): inside `frame`, with `title` above
    /// it and the legend in its top-left corner.
    func drawPanel(into script: inout GnuplotScript, frame: ScreenRect, title: String) throws {
        try validate()
        frame.marginCommands().forEach { script.command($0) }
        script.command("set title \(GnuplotText.quoted(title)) offset 0,-0.3")
        script.command("set key default")  // not at the first panel's place
        script.command("set key inside top left box opaque samplen 1.5")
        drawBars(into: &script)
    }

    private func validate() throws {
        guard values.count == classNames.count, !values.isEmpty else {
            throw PlotError.invalidData("\(values.count) classes of values but \(classNames.count) class names")
        }
        guard (2...1000).contains(bins) else { throw PlotError.invalidData("bins must be 2...1000, got \(bins)") }
        guard values.contains(where: { $0.contains(where: \.isFinite) }) else { throw PlotError.invalidData("no finite value to show") }
    }

    private func drawBars(into script: inout GnuplotScript) {
        let (low, width, counts) = counts()
        script.command("set xlabel \(GnuplotText.quoted(xLabel))")
        script.command("set ylabel 'examples'")
        script.command("set xrange [\(GnuplotText.number(low)):\(GnuplotText.number(low + width * Double(bins)))]")
        script.command("set yrange [0:*]")
        script.command("set offsets 0, 0, graph 0.06, 0")  // the tallest bar does not touch the frame
        script.command("set style fill transparent solid 0.45 border")
        script.command("set boxwidth \(GnuplotText.number(width)) absolute")
        script.centredNote(note)
        var plot = PlotCommand()
        let centres = (0..<bins).map { low + width * (Double($0) + 0.5) }
        for (k, name) in classNames.enumerated() {
            plot.add("using 1:2 with boxes linecolor \(GnuplotText.rgb(Palette.classColour(k))) title \(GnuplotText.quoted(name))",
                     points: PointData(columns: [centres, counts[k].map(Double.init)]))
        }
        if let threshold {
            script.command("set arrow 1 from \(GnuplotText.number(threshold)), graph 0 to \(GnuplotText.number(threshold)), graph 1 nohead"
                           + " linewidth 2.5 linecolor \(GnuplotText.rgb(Palette.ink)) front")
            plot.add(clause: "keyentry with lines linewidth 2.5 linecolor \(GnuplotText.rgb(Palette.ink)) title \(GnuplotText.quoted(thresholdTitle))")
        }
        plot.emit(into: &script)
    }
}
