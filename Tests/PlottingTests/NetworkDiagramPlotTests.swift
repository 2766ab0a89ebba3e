import Foundation
@testable import Plotting
import Testing

/// `plot network`: the lecture's diagram, every weight a line whose width is proportional to |w|.
@Suite struct NetworkDiagramPlotTests {
    /// A 2 → 3 → 1 network with hand-picked weights: the largest |w| is 4, so it gets `widestLine`.
    static let small = NetworkDiagramPlot(
        inputNames: ["x1", "x2"],
        layers: [NetworkDiagramLayer(weights: [[1, -2], [0.5, 4], [-0.25, 0]], biases: [0.1, -0.2, 0], activation: "tanh"),
                 NetworkDiagramLayer(weights: [[2, -1, 3]], biases: [0.3], activation: "sigmoid")],
        outputNames: ["ŷ = p(blue)"], title: "2 → 3 tanh → 1 sigmoid")

    /// The `set arrow` lines of a script: (x0, y0, x1, y1, linewidth, colour).
    static func arrows(_ text: String) -> [(width: Double, colour: String)] {
        text.split(separator: "\n").filter { $0.hasPrefix("set arrow ") }.map { line in
            let words = line.split(separator: " ").map(String.init)
            let width = Double(words[words.firstIndex(of: "linewidth")! + 1])!
            let colour = words[words.firstIndex(of: "linecolor")! + 2]
            return (width, colour)
        }
    }

    @Test func lineWidthsAreProportionalToTheWeightsAndColouredBySign() throws {
        let edges = Self.small.edges
        #expect(edges.count == 2 * 3 + 3 * 1)
        let widths = Dictionary(uniqueKeysWithValues: edges.map { ("\($0.layer):\($0.to):\($0.from)", $0.width) })
        // width = widestLine · |w| / max|w| with max|w| = 4 (W1[1][1]); exact in binary for these weights.
        #expect(widths["0:1:1"] == NetworkDiagramPlot.widestLine)
        #expect(widths["0:0:1"] == NetworkDiagramPlot.widestLine * 2 / 4)
        #expect(widths["0:2:0"] == NetworkDiagramPlot.widestLine * 0.25 / 4)
        #expect(widths["0:2:1"] == 0)
        #expect(widths["1:0:2"] == NetworkDiagramPlot.widestLine * 3 / 4)

        // The data sent: one `set arrow` per weight, in the same order, width to 3 decimals, orange for w ≥ 0.
        let text = try Self.small.script(output: "/tmp/network.png").text
        let sent = Self.arrows(text)
        #expect(sent.count == edges.count)
        for (edge, arrow) in zip(edges, sent) {
            #expect(abs(arrow.width - edge.width) <= 0.0005 + 1e-12, "rounded to 3 decimals (half a unit of the last place, plus binary rounding)")
            #expect(arrow.colour == (edge.weight >= 0 ? "'\(Palette.classColour(1).hex)'" : "'\(Palette.classColour(0).hex)'"))
        }
        // Ratios of widths equal ratios of |w| (to the 3-decimal rounding of the script).
        let first = try #require(sent.first), firstWeight = abs(edges[0].weight)
        for (edge, arrow) in zip(edges, sent) where edge.weight != 0 {
            #expect(abs(arrow.width / first.width - abs(edge.weight) / firstWeight) < 0.002)
        }
        // The lecture's shapes and the biases are on the picture.
        #expect(text.contains("'W1 (3, 2)  b1 (3, 1)'"))
        #expect(text.contains("'W2 (1, 3)  b2 (1, 1)'"))
        #expect(text.contains("'b = -0.20'"))
        #expect(text.contains("'a[1]_3'"))
    }

    @Test func aWideLayerShowsItsStrongestUnitsAndSaysHowManyAreLeftOut() throws {
        // 2 → 40 → 1: unit k's outgoing weight is k, so the strongest 15 are units 25…39.
        let hidden = NetworkDiagramLayer(weights: (0..<40).map { k in [Double(k) / 40, -1] }, biases: Array(repeating: 0, count: 40),
                                         activation: "relu")
        let output = NetworkDiagramLayer(weights: [(0..<40).map(Double.init)], biases: [0], activation: "sigmoid")
        let plot = NetworkDiagramPlot(inputNames: ["a", "b"], layers: [hidden, output], outputNames: ["p"], title: "wide")
        #expect(plot.shownUnits(column: 1) == Array(25..<40))
        #expect(plot.edges.count == 2 * 15 + 15)
        let text = try plot.script(output: "/tmp/wide.png").text
        #expect(text.contains("'… 25 more units'"))
    }

    @Test func badShapesAndNonFiniteWeightsAreRefused() {
        let bad = NetworkDiagramPlot(inputNames: ["x1"], layers: [NetworkDiagramLayer(weights: [[1, 2]], biases: [0], activation: "tanh")],
                                     outputNames: ["y"], title: "t")
        #expect(throws: PlotError.self) { try bad.script(output: "/tmp/x.png") }
        let nan = NetworkDiagramPlot(inputNames: ["x1"], layers: [NetworkDiagramLayer(weights: [[.nan]], biases: [0], activation: "tanh")],
                                     outputNames: ["y"], title: "t")
        #expect(throws: PlotError.self) { try nan.script(output: "/tmp/x.png") }
    }

    @Test func writesAPNG() throws {
        let folder = try TemporaryFolder("network")
        defer { folder.remove() }
        let result = try Self.small.render(to: folder.file("network.png"), options: PlotOptions(width: 900, height: 700))
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 900, height: 700))
        _ = try? Self.small.render(to: showcasePath("network.png"), options: PlotOptions(width: 900, height: 700))
    }
}

/// One palette, one meaning: p(class 1) is drawn with the same blue–white–orange stops by the boundary and by
/// the output panel of the neuron grid; classes and signed weights use the class colours everywhere.
@Suite struct SharedPaletteTests {
    @Test func probabilityPanelsShareTheBoundaryPalette() throws {
        let probability = Palette.definition(Palette.probability)
        let neurons = try NeuronPattern.plot(side: 20).script(output: "/tmp/n.png").text
        let grid = PlotGrid(xMin: -1, xMax: 1, nx: 4, yMin: -1, yMax: 1, ny: 4)
        let boundary = try DecisionBoundaryPlot(grid: grid, surface: .probability(Array(repeating: 0.3, count: 16)),
                                                training: ClassPoints(x: [0], y: [0], classes: [1]), title: "t")
            .script(output: "/tmp/b.png").text
        #expect(boundary.contains(probability))
        #expect(neurons.contains(probability), "the output panel p(blue) uses the boundary's palette")
        // A softmax class's panel goes from white to that class's colour.
        let towards = NeuronGridPlot.stops(.towards(Palette.classColour(2), low: 0, high: 1))
        #expect(towards.first?.colour == RGB(255, 255, 255))
        #expect(towards.last?.colour == Palette.classColour(2).mixed(with: RGB(255, 255, 255), 0.45))
        #expect(Palette.probability.last?.colour == Palette.classColour(1).mixed(with: RGB(255, 255, 255), 0.45))
        // Positive weights in plot network are the colour of high p (class 1), negative of low p (class 0).
        let text = try NetworkDiagramPlotTests.small.script(output: "/tmp/w.png").text
        #expect(text.contains("linecolor rgb '\(Palette.classColour(1).hex)'") && text.contains("linecolor rgb '\(Palette.classColour(0).hex)'"))
    }
}

/// One style module: every plot kind draws with the palette's colours only — class colours (Okabe–Ito), the
/// diverging, sequential and confusion stops, the declared neutrals — or a blend of two of them (a class
/// colour lightened towards white, a unit's fill between neutral and a class colour). A colour picked ad hoc
/// in one plot kind fails here.
@Suite struct OneStyleTests {
    static var bases: [RGB] {
        Palette.classColours + Palette.neutrals + Palette.probability.map(\.colour) + Palette.sequential.map(\.colour)
            + Palette.confusion.map(\.colour)
    }

    /// Whether `c` is a base colour or a blend a + (b − a)·t of two (each channel within 1 of it: rounding).
    static func inPalette(_ c: RGB) -> Bool {
        let channels = { (x: RGB) in [Double(x.red), Double(x.green), Double(x.blue)] }
        let target = channels(c)
        for a in bases {
            for b in bases {
                let (pa, pb) = (channels(a), channels(b))
                for step in 0...200 {
                    let t = Double(step) / 200
                    if zip(zip(pa, pb), target).allSatisfy({ abs($0.0 + ($0.1 - $0.0) * t - $1) <= 1.5 }) { return true }
                }
            }
        }
        return false
    }

    @Test func everyPlotKindUsesOnlyThePalette() throws {
        let grid = PlotGrid(xMin: -1, xMax: 1, nx: 8, yMin: -1, yMax: 1, ny: 8)
        let points = ClassPoints(x: [0, 0.5, -0.5], y: [0, 0.5, 0.2], classes: [0, 1, 2])
        let three = ["a", "b", "c"]
        let kinds: [(String, any Plot)] = [
            ("cost", CostPlot(iterations: [0, 1, 2], trainingCost: [0.7, 0.5, 0.4], testCost: [0.7, 0.6, 0.5], title: "c")),
            ("boundary", DecisionBoundaryPlot(grid: grid, surface: .probability(Array(repeating: 0.3, count: 64)),
                                              training: ClassPoints(x: [0], y: [0], classes: [1]), title: "b", note: ["why"])),
            ("boundary classes", DecisionBoundaryPlot(grid: grid, surface: .classes(Array(repeating: 2, count: 64), confidence: Array(repeating: 0.9, count: 64)),
                                                      classNames: three, training: points, title: "b")),
            ("boundary grid", BoundaryGridPlot(panels: SweepPattern.panels(side: 10), title: "g")),
            ("scatter", ScatterPlot(points: points, classNames: three, title: "s")),
            ("scatter values", ScatterPlot(x: [0, 1], y: [1, 0], values: [0.2, 3], valueLabel: "y", title: "s")),
            ("neurons", NeuronPattern.plot(side: 12)),
            ("network", NetworkDiagramPlotTests.small),
            ("hidden 2", HiddenSpacePlotTests.planePlot()),
            ("hidden 3", HiddenSpacePlotTests.spacePlot()),
            ("output", ClassHistogramPlot(values: [[-1, -2], [1, 2], [0.5]], classNames: three, title: "o", xLabel: "z")),
            ("confusion", ConfusionMatrixPlot(counts: [[3, 1], [0, 4]], classNames: ["a", "b"], title: "m")),
            ("activations", ActivationPlot(z: LectureActivations.z, curves: LectureActivations.curves())),
            ("transform", TransformPlotTests.plot(points: 50)),
            ("film", TrainingFilmPlotTests.film(frames: 2)),
            ("runs", CostComparisonPlot(series: [.init(name: "1", iterations: [0, 1], costs: [0.7, 0.6]),
                                                 .init(name: "2", iterations: [0, 1], costs: [0.7, 0.5])], title: "r")),
        ]
        var wide = HiddenSpacePlotTests.planePlot()
        wide.outputView = ClassHistogramPlot(values: [[-1, -2], [1, 2]], classNames: ["red", "blue"], title: "", xLabel: "z")
        let all = kinds + [("hidden + output", wide)]
        // '#rrggbb', or '#aarrggbb' (translucent): the colour is the last six digits.
        let hex = try Regex("#([0-9a-fA-F]{2})?[0-9a-fA-F]{6}")
        for (name, plot) in all {
            for format in ["png", "gif"] {
                let text = try plot.script(output: "/tmp/kind.\(format)").text
                var colours = Set<String>()
                for match in text.matches(of: hex) { colours.insert("#" + String(text[match.range].suffix(6)).lowercased()) }
                #expect(!colours.isEmpty, "\(name): draws in some colour")
                for colour in colours {
                    let value = Int(colour.dropFirst(), radix: 16)!
                    let rgb = RGB(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
                    #expect(Self.inPalette(rgb), "\(name) (\(format)): \(colour) is not a palette colour or a blend of two")
                }
            }
        }
        // The check can fail: an off-palette red is neither a palette colour nor a blend of two.
        #expect(!Self.inPalette(RGB(0xFF, 0x00, 0x00)))
        #expect(Self.inPalette(Palette.classColour(3).mixed(with: .white, 0.37)))
    }
}
