import Foundation
@testable import Plotting
import Testing

/// The lecture's hidden-size sweep, imitated: small networks draw a straight or slightly bent
/// boundary, larger ones the petals.
enum SweepPattern {
    static let sizes = [1, 2, 3, 4, 5, 20, 50]
    static let accuracies = ["67.50", "67.25", "90.75", "90.50", "91.25", "90.00", "90.75"]

    static func probability(hidden: Int, _ x: Double, _ y: Double) -> Double {
        switch hidden {
        case 1: return 1 / (1 + exp(-(0.9 * x - 0.4 * y)))
        case 2: return 1 / (1 + exp(-2 * (0.9 * x - 0.4 * y) * (0.2 * x + 0.8 * y + 0.5) / 4))
        default:
            let sharpness = hidden >= 20 ? 1.6 : 1.0
            let p = FlowerPattern.probability(x, y)
            return 1 / (1 + exp(-sharpness * log(p / (1 - p))))
        }
    }

    static func panels(side: Int) -> [DecisionBoundaryPlot] {
        let grid = PlotGrid(xMin: -5, xMax: 5, nx: side, yMin: -5, yMax: 5, ny: side)
        let (xs, ys) = grid.samplePoints()
        let points = FlowerPattern.points(400, seed: 1)
        return zip(sizes, accuracies).map { hidden, accuracy in
            DecisionBoundaryPlot(grid: grid, surface: .probability(zip(xs, ys).map { probability(hidden: hidden, $0, $1) }),
                                 classNames: ["red", "blue"], training: points,
                                 title: "n_h = \(hidden): \(accuracy) %")
        }
    }
}

@Suite struct BoundaryGridPlotTests {
    @Test func sweepOfSevenWritesPNGOfRequestedSize() throws {
        let folder = try TemporaryFolder("sweep")
        defer { folder.remove() }
        let plot = BoundaryGridPlot(panels: SweepPattern.panels(side: 300),
                                    title: "flower: tanh, hidden-size sweep, 5000 iterations each")
        let options = PlotOptions(width: 1400, height: 1000)
        let clock = ContinuousClock()
        var result: PlotResult?
        let elapsed = try clock.measure { result = try plot.render(to: folder.file("sweep.png"), options: options) }
        print("sweep grid, 7 panels of 300 × 300: \(elapsed)")
        let written = try #require(result)
        #expect(PNGHeader(path: written.path) == PNGHeader(width: 1400, height: 1000))
        #expect(written.warnings.isEmpty, "\(written.warnings)")
        let script = try plot.script(output: "sweep.png", options: options).text
        #expect(script.contains("set title 'n_h = 3: 90.75 %'"))
        #expect(script.components(separatedBy: "with image").count - 1 == 7)
        _ = try? plot.render(to: showcasePath("sweep.png"), options: options)
        _ = try? plot.render(to: showcasePath("sweep-default-size.png"))
    }

    @Test func multiClassPanelsShareOneLegend() throws {
        let folder = try TemporaryFolder("sweep-classes")
        defer { folder.remove() }
        let grid = PlotGrid(xMin: -5, xMax: 5, nx: 150, yMin: -5, yMax: 5, ny: 150)
        let panels = [3, 5, 20, 50].map { hidden -> DecisionBoundaryPlot in
            var labels = [Int](), confidence = [Double]()
            for j in 0..<grid.ny {
                for i in 0..<grid.nx {
                    let p = ThreeClassPattern.predict(grid.x(i) * Double(hidden + 10) / 60, grid.y(j))
                    labels.append(p.label)
                    confidence.append(p.confidence)
                }
            }
            return DecisionBoundaryPlot(grid: grid, surface: .classes(labels, confidence: confidence),
                                        classNames: ["setosa", "versicolor", "virginica"], training: ThreeClassPattern.points(200),
                                        title: "n_h = \(hidden)", xLabel: "petal length", yLabel: "petal width")
        }
        let plot = BoundaryGridPlot(panels: panels, title: "spiral: softmax, hidden-size sweep")
        let result = try plot.render(to: folder.file("classes.png"), options: PlotOptions(width: 1200, height: 900))
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 1200, height: 900))
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        let script = try plot.script(output: "c.png").text
        #expect(script.contains("title 'class borders'"))
        #expect(script.components(separatedBy: "title 'versicolor'").count - 1 == 1)  // one legend for all panels
        _ = try? plot.render(to: showcasePath("sweep-classes.png"), options: PlotOptions(width: 1200, height: 900))
    }

    @Test func layoutFitsSevenPanelsWithoutWaste() {
        let insets = PanelInsets.standard(fontSize: 13, xLabel: true, yLabel: true)
        let shape = PanelLayout.shape(count: 7, width: 1160, height: 950, aspect: 1, insets: insets)
        #expect(shape.rows * shape.columns >= 7)
        #expect(shape.rows * shape.columns - 7 < shape.columns)  // no empty row
        #expect(PanelLayout.shape(count: 1, width: 800, height: 600, aspect: 1, insets: insets) == (1, 1))
        #expect(PanelLayout.shape(count: 4, width: 800, height: 800, aspect: 1, insets: insets) == (2, 2))
        #expect(PanelLayout.shape(count: 3, width: 1500, height: 500, aspect: 1, insets: insets) == (1, 3))
    }

    @Test func emptySweepIsRefused() {
        #expect(throws: PlotError.invalidData("there are no decision boundaries to plot")) {
            try BoundaryGridPlot(panels: [], title: "t").script(output: "x.png")
        }
    }
}
