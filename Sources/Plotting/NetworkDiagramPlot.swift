// The lecture's picture of a network (`plot network`): input nodes x1…xn on the left, each hidden layer's
// units a[l]_i, the output on the right, and every weight as a line between two nodes — its width
// proportional to |w|, its colour its sign (orange positive, blue negative, as the heat maps' high and low),
// TensorFlow Playground's view. Each unit is labelled with its bias; each layer with its activation and the
// shapes of W[l] and b[l], as the lecture writes them.
//
// A wide layer would be a wall of lines: at most `shownUnitLimit` units of a layer are drawn — those with the
// largest outgoing weights (sum of |w| into the next layer; for the output layer, every unit), kept in their
// order — and a last label says how many are left out. Lines are `set arrow` objects, one per weight, since
// gnuplot 5.4 has no per-row line width.

/// One layer of weights: `weights[i][j]` is W[l] row i (unit i of this layer), column j (unit j before it).
public struct NetworkDiagramLayer: Sendable, Equatable {
    public var weights: [[Double]]
    public var biases: [Double]
    /// The activation's name ("tanh", "sigmoid", "softmax", "linear" …).
    public var activation: String

    public init(weights: [[Double]], biases: [Double], activation: String) {
        self.weights = weights
        self.biases = biases
        self.activation = activation
    }
}

public struct NetworkDiagramPlot: Plot {
    public var inputNames: [String]
    public var layers: [NetworkDiagramLayer]
    /// The output units' names, e.g. `p(red)`, or `ŷ`.
    public var outputNames: [String]
    public var title: String

    /// The most units drawn per layer (the lecture's slides are readable up to about 16).
    public static let shownUnitLimit = 16
    /// The widest line, for the largest |w| of the network.
    public static let widestLine = 7.0

    public init(inputNames: [String], layers: [NetworkDiagramLayer], outputNames: [String], title: String) {
        self.inputNames = inputNames
        self.layers = layers
        self.outputNames = outputNames
        self.title = title
    }

    /// One line of the drawing: weight W[layer+1][to][from] between two drawn units.
    public struct Edge: Sendable, Equatable {
        public var layer: Int, from: Int, to: Int
        public var weight: Double
        public var width: Double
    }

    /// The units drawn in column `column` (0 = inputs, l = hidden layer l, last = output): all of them when
    /// there are at most `shownUnitLimit`, else those with the largest outgoing |w|, in their order.
    public func shownUnits(column: Int) -> [Int] {
        let count = column == 0 ? inputNames.count : layers[column - 1].biases.count
        guard count > Self.shownUnitLimit, column < layers.count else { return Array(0..<min(count, Self.shownUnitLimit)) }
        let next = layers[column].weights
        let strength = (0..<count).map { j in next.reduce(0) { $0 + abs($1[j]) } }
        let strongest = (0..<count).sorted { strength[$0] > strength[$1] || (strength[$0] == strength[$1] && $0 < $1) }
        return Array(strongest.prefix(Self.shownUnitLimit - 1)).sorted()
    }

    /// Every weight between drawn units, with its line width: `widestLine` · |w| / max |w| over the network.
    public var edges: [Edge] {
        let largest = layers.flatMap { $0.weights.flatMap { $0 } }.map(abs).max() ?? 0
        let shown = (0...layers.count).map(shownUnits(column:))
        var edges: [Edge] = []
        for (l, layer) in layers.enumerated() {
            for to in shown[l + 1] {
                for from in shown[l] {
                    let w = layer.weights[to][from]
                    edges.append(Edge(layer: l, from: from, to: to, weight: w,
                                      width: largest > 0 ? Self.widestLine * abs(w) / largest : 0))
                }
            }
        }
        return edges
    }

    public func draw(into script: inout GnuplotScript, options: PlotOptions) throws {
        guard !inputNames.isEmpty, !layers.isEmpty else { throw PlotError.invalidData("a network needs inputs and at least one layer") }
        var previous = inputNames.count
        for (l, layer) in layers.enumerated() {
            guard !layer.biases.isEmpty, layer.weights.count == layer.biases.count,
                  layer.weights.allSatisfy({ $0.count == previous }) else {
                throw PlotError.invalidData("layer \(l + 1)'s W is not (\(layer.biases.count), \(previous))")
            }
            guard layer.weights.allSatisfy({ $0.allSatisfy(\.isFinite) }), layer.biases.allSatisfy(\.isFinite) else {
                throw PlotError.invalidData("layer \(l + 1) has a weight or bias that is not a finite number")
            }
            previous = layer.biases.count
        }
        guard outputNames.count == previous else { throw PlotError.invalidData("\(previous) output units but \(outputNames.count) names") }

        let columns = layers.count + 1
        let shown = (0..<columns).map(shownUnits(column:))
        let counts = (0..<columns).map { $0 == 0 ? inputNames.count : layers[$0 - 1].biases.count }
        // Rows: a drawn unit per row, plus one for the "… more units" note of a capped layer; centred columns.
        let rows = zip(shown, counts).map { $0.count + ($0.count < $1 ? 1 : 0) }.max() ?? 1
        func y(_ column: Int, _ index: Int) -> Double {
            let used = shown[column].count + (shown[column].count < counts[column] ? 1 : 0)
            return Double(rows - 1) / 2 + Double(used - 1) / 2 - Double(index)
        }
        let position = (0..<columns).map { column in
            Dictionary(uniqueKeysWithValues: shown[column].enumerated().map { ($0.element, y(column, $0.offset)) })
        }

        script.pageTitle(title, options: options)
        script.command("unset border")
        script.command("unset tics")
        script.command("unset grid")
        script.command("unset key")
        // The page title on top, then two caption lines per column, then the network; a note at the bottom.
        let lineHeight = options.fontSize * 1.35 / Double(options.height)
        script.command("set tmargin at screen \(ScreenRect.short(0.955 - 4.6 * lineHeight))")
        script.command("set bmargin at screen \(ScreenRect.short(2.4 * lineHeight))")
        script.command("set lmargin at screen 0.02; set rmargin at screen 0.98")
        // Room for the input names on the left (as wide as the longest shown, names cut at 24 characters) and
        // the output names on the right: with k pixels for the whole x range, a left part of L units takes
        // L·k / (span + L) pixels, so L = t·span / (k − t) for a name t pixels wide.
        let shownName = { (name: String) in name.count > 24 ? String(name.prefix(23)) + "…" : name }
        let right = Double(columns - 1) + 0.75
        let namePixels = (shown[0].map { Multiplot.textWidth(shownName(inputNames[$0]), fontSize: options.fontSize) }.max() ?? 0)
            + options.fontSize * 2.5
        let pixels = 0.96 * Double(options.width)
        let left = -max(0.75, namePixels < pixels * 0.6 ? namePixels * right / (pixels - namePixels) : 0.75)
        script.command("set xrange [\(GnuplotText.number(left)):\(GnuplotText.number(right))]")
        script.command("set yrange [\(GnuplotText.number(-0.6)):\(GnuplotText.number(Double(rows) - 0.4))]")

        let small = GnuplotText.quoted("\(options.fontName),\(GnuplotText.number((options.fontSize * 0.8).rounded()))")
        var arrow = 1
        for edge in edges {
            let x0 = Double(edge.layer), x1 = Double(edge.layer + 1)
            let colour = edge.weight >= 0 ? Palette.classColour(1) : Palette.classColour(0)
            script.command("set arrow \(arrow) from \(GnuplotText.number(x0)),\(GnuplotText.number(position[edge.layer][edge.from]!))"
                           + " to \(GnuplotText.number(x1)),\(GnuplotText.number(position[edge.layer + 1][edge.to]!))"
                           + " nohead back linewidth \(GnuplotText.number((edge.width * 1000).rounded() / 1000))"
                           + " linecolor \(GnuplotText.rgb(colour))")
            arrow += 1
        }

        var label = 1
        // Unit labels sit on an opaque box so the lines that pass behind them do not cross the text.
        script.command("set style textbox opaque noborder margins 1,1")
        /// A label at (x, y), moved by `down` lines of text, optionally on its opaque box.
        func text(_ string: String, _ x: Double, _ y: Double, _ align: String, font: String? = nil, colour: RGB = Palette.ink,
                  down: Double = 0, offsetX: Double = 0, boxed: Bool = false) {
            script.command("set label \(label) \(GnuplotText.quoted(string)) at \(GnuplotText.number(x)),\(GnuplotText.number(y)) \(align)"
                           + (font.map { " font \($0)" } ?? "") + " textcolor \(GnuplotText.rgb(colour)) front"
                           + (down == 0 && offsetX == 0 ? "" : " offset \(GnuplotText.number(offsetX)),\(GnuplotText.number(-down))") + (boxed ? " boxed" : ""))
            label += 1
        }
        /// A caption `line` text lines above the top of the drawing, centred on column x.
        func caption(_ string: String, _ x: Double, line: Double, font: String? = nil) {
            script.command("set label \(label) \(GnuplotText.quoted(string)) at first \(GnuplotText.number(x)), graph 1 center"
                           + (font.map { " font \($0)" } ?? "") + " textcolor \(GnuplotText.rgb(Palette.ink)) front offset 0,\(GnuplotText.number(line))")
            label += 1
        }
        // Dense columns: one short label per unit (its bias is the node's colour); sparse ones also print b.
        let dense = rows > 8
        for column in 0..<columns {
            let x = Double(column)
            // Two lines (a label cannot hold a newline): what the column is, then its shapes as the lecture writes them.
            if column == 0 {
                caption("input", x, line: 2.6)
                caption("x (\(counts[0]), m)", x, line: 1.2, font: small)
            } else {
                let kind = column == columns - 1 ? "output" : "hidden layer \(column)"
                caption("\(kind): \(layers[column - 1].activation)", x, line: 2.6)
                caption("W\(column) (\(counts[column]), \(counts[column - 1]))  b\(column) (\(counts[column]), 1)", x, line: 1.2, font: small)
            }
            for unit in shown[column] {
                let yy = position[column][unit]!
                if column == 0 {
                    text(shownName(inputNames[unit]), x, yy, "right", down: 0, offsetX: -1.2)
                } else {
                    let name = column == columns - 1 ? outputNames[unit] : "a[\(column)]_\(unit + 1)"
                    if dense {
                        text(name, x + 0.08, yy, "left", font: small, boxed: true)
                    } else {
                        text(name, x + 0.1, yy, "left", font: small, down: -0.6, boxed: true)
                        text("b = " + String(format: "%.2f", layers[column - 1].biases[unit]), x + 0.1, yy, "left", font: small,
                             colour: Palette.caption, down: 0.6, boxed: true)
                    }
                }
            }
            if shown[column].count < counts[column] {
                let left = counts[column] - shown[column].count
                text("… \(left) more \(column == 0 ? "input" : "unit")\(left == 1 ? "" : "s")", x, y(column, shown[column].count), "center", font: small)
            }
        }
        let largestBias = layers.flatMap(\.biases).map(abs).max() ?? 0
        let widest = String(format: "%.3g", edges.map { abs($0.weight) }.max() ?? 0)
        let note = "line width ∝ |w| (widest: |w| = \(widest)); orange w > 0, blue w < 0;"
            + "  a unit's fill: its bias, the same colours (strongest: |b| = \(String(format: "%.3g", largestBias)))"
        script.command("set label \(label) \(GnuplotText.quoted(note)) at screen 0.5, screen \(ScreenRect.short(1.0 * lineHeight))"
                       + " center font \(small) textcolor \(GnuplotText.rgb(Palette.ink)) front")
        label += 1

        // The nodes: filled discs with a dark outline, drawn over the lines.
        var xs: [Double] = [], ys: [Double] = [], fills: [Double] = []
        for column in 0..<columns {
            for unit in shown[column] {
                xs.append(Double(column))
                ys.append(position[column][unit]!)
                var fill = Palette.neutralFill
                if column > 0, largestBias > 0 {
                    let b = layers[column - 1].biases[unit]
                    fill = RGB.white.mixed(with: b >= 0 ? Palette.classColour(1) : Palette.classColour(0), abs(b) / largestBias)
                }
                fills.append(Double(Int(fill.red) << 16 | Int(fill.green) << 8 | Int(fill.blue)))
            }
        }
        let size = GnuplotText.number(max(1.2, min(3.2, 30.0 / Double(max(rows, 1)))))
        var plot = PlotCommand()
        plot.add("using 1:2:3 with points pointtype 7 pointsize \(size) linecolor rgb variable", points: PointData(columns: [xs, ys, fills]))
        plot.add("using 1:2 with points pointtype 6 pointsize \(size) linewidth 1.5 linecolor \(GnuplotText.rgb(Palette.ink))",
                 points: PointData(columns: [xs, ys]))
        plot.emit(into: &script)
    }
}
