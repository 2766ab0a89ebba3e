// The confusion matrix as a heat map (`plot confusion`): rows are the true classes (the first at the top,
// as scikit-learn's ConfusionMatrixDisplay), columns the predicted ones. Each cell is coloured by the share
// of its true class (the row's recall), so a small class's mistakes are as visible as a large one's, and
// labelled with its count, so the picture and the printed matrix of `report` read the same.

/// A confusion matrix: counts[t][p] examples of true class t predicted as p.
public struct ConfusionMatrixPlot: Plot {
    public var counts: [[Int]]
    public var classNames: [String]
    public var title: String

    /// More classes than this: cells are too small for their counts to be read, so only colours are drawn.
    static let labelledClassLimit = 25
    /// More classes than this: every n-th class is named on the axes.
    static let namedTickLimit = 30

    public init(counts: [[Int]], classNames: [String], title: String) {
        self.counts = counts
        self.classNames = classNames
        self.title = title
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions) throws {
        let k = classNames.count
        guard k >= 1 else { throw PlotError.invalidData("a confusion matrix needs at least one class") }
        guard counts.count == k, counts.allSatisfy({ $0.count == k }) else {
            throw PlotError.invalidData("a confusion matrix for \(k) classes needs \(k)×\(k) counts")
        }
        guard counts.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
            throw PlotError.invalidData("a confusion matrix cannot hold a negative count")
        }

        var xs: [Double] = [], ys: [Double] = [], shares: [Double] = [], values: [Double] = []
        for t in 0..<k {
            let support = counts[t].reduce(0, +)
            for p in 0..<k {
                xs.append(Double(p))
                ys.append(Double(t))
                shares.append(support == 0 ? 0 : Double(counts[t][p]) / Double(support))
                values.append(Double(counts[t][p]))
            }
        }

        script.command("set title \(GnuplotText.quoted(title))")
        script.command("unset grid")
        script.command("set tics front")
        script.command("set size ratio -1")   // square cells
        let low = Double(-0.5), high = Double(k) - 0.5
        script.command("set xrange [\(GnuplotText.number(low)):\(GnuplotText.number(high))]")
        // The first true class at the top, as the printed matrix reads.
        script.command("set yrange [\(GnuplotText.number(high)):\(GnuplotText.number(low))]")
        let step = k > Self.namedTickLimit ? (k + Self.namedTickLimit - 1) / Self.namedTickLimit : 1
        let ticks = stride(from: 0, to: k, by: step).map { "\(GnuplotText.quoted(classNames[$0])) \($0)" }.joined(separator: ", ")
        let longest = classNames.map(\.count).max() ?? 0
        script.command("set xtics (\(ticks))" + (longest > 4 || k > 8 ? " rotate by -35 left" : ""))
        script.command("set ytics (\(ticks))")
        script.command("set xlabel \(GnuplotText.quoted("predicted class"))")
        script.command("set ylabel \(GnuplotText.quoted("true class"))")
        script.command(Palette.definition(Palette.confusion))
        script.command("set cbrange [0:1]")
        script.command("set cbtics 0.25")
        script.command("set cblabel \(GnuplotText.quoted("share of the true class"))")

        var plot = PlotCommand()
        plot.add("using 1:2:3 with image notitle", points: PointData(columns: [xs, ys, shares]))
        if k <= Self.labelledClassLimit {
            // Dark text on pale cells, white on dark ones.
            for (dark, colour) in [(false, Palette.ink), (true, RGB.white)] {
                let chosen = shares.indices.filter { (shares[$0] > 0.55) == dark }
                guard !chosen.isEmpty else { continue }
                plot.add("using 1:2:(sprintf('%d', $3)) with labels textcolor \(GnuplotText.rgb(colour)) notitle",
                         points: PointData(columns: [chosen.map { xs[$0] }, chosen.map { ys[$0] }, chosen.map { values[$0] }]))
            }
        }
        plot.emit(into: &script)
    }
}
