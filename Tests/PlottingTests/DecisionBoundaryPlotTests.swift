import Foundation
import Plotting
import Testing

/// A flower-like test pattern: four petals, p = σ(3·sin(2θ)·min(r, 1.5)) in polar coordinates,
/// with points sampled from it.
enum FlowerPattern {
    static func probability(_ x: Double, _ y: Double) -> Double {
        let r = (x * x + y * y).squareRoot(), theta = atan2(y, x)
        return 1 / (1 + exp(-3 * sin(2 * theta + 0.4 * r) * min(r, 1.5)))
    }

    static func grid(step: Double) -> PlotGrid {
        PlotGrid(xMin: -5, xMax: 5, yMin: -5, yMax: 5, step: step)
    }

    static func values(on grid: PlotGrid) -> [Double] {
        let (xs, ys) = grid.samplePoints()
        return zip(xs, ys).map { probability($0, $1) }
    }

    /// `count` points on a deterministic spiral, labelled by the pattern (with a little noise).
    static func points(_ count: Int, seed: Int) -> ClassPoints {
        var xs: [Double] = [], ys: [Double] = [], labels: [Int] = []
        for n in 0..<count {
            let t = Double(n * 7 + seed) * 2.399963  // golden angle: an even spread
            let r = 4.6 * sqrt(Double(n) / Double(count))
            let x = r * cos(t), y = r * sin(t)
            xs.append(x)
            ys.append(y)
            let flip = (n * 37 + seed) % 23 == 0
            labels.append((probability(x, y) >= 0.5) != flip ? 1 : 0)
        }
        return ClassPoints(x: xs, y: ys, classes: labels)
    }
}

@Suite struct DecisionBoundaryPlotTests {
    @Test func binaryBoundaryWritesPNGOfRequestedSize() throws {
        let folder = try TemporaryFolder("boundary")
        defer { folder.remove() }
        let grid = FlowerPattern.grid(step: 0.05)
        let plot = DecisionBoundaryPlot(
            grid: grid, surface: .probability(FlowerPattern.values(on: grid)), classNames: ["red", "blue"],
            training: FlowerPattern.points(320, seed: 1), test: FlowerPattern.points(80, seed: 5),
            title: "flower: tanh, 4 hidden units, 10000 iterations", xLabel: "x1", yLabel: "x2")
        let result = try plot.render(to: folder.file("boundary.png"), options: PlotOptions(width: 1000, height: 800))
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 1000, height: 800))
        _ = try? plot.render(to: showcasePath("boundary.png"))
    }

    /// The lecture's resolution (h = 0.01, ≈ 670,000 cells) renders to a PNG of the asked size. How fast is
    /// measured by `scripts/bench boundary` against numpy in the same run, not here: a timed unit test fails
    /// whenever the machine is busy (it did, under a second full test run).
    @Test func lectureResolutionRenders() throws {
        let folder = try TemporaryFolder("boundary-fast")
        defer { folder.remove() }
        let grid = PlotGrid(xMin: -4.1, xMax: 4.1, yMin: -4.1, yMax: 4.1, step: 0.01)  // 820 × 820
        #expect(grid.count >= 670_000)
        let plot = DecisionBoundaryPlot(
            grid: grid, surface: .probability(FlowerPattern.values(on: grid)),
            training: FlowerPattern.points(400, seed: 1), title: "flower at h = 0.01 (\(grid.count) cells)")
        _ = try plot.render(to: folder.file("fine.png"))
        #expect(PNGHeader(path: folder.file("fine.png")) == PNGHeader(width: 900, height: 700))
        _ = try? plot.render(to: showcasePath("boundary-fine.png"))
    }
}

/// Three classes in 120° sectors that twist outwards; confidence falls towards the borders.
enum ThreeClassPattern {
    static func predict(_ x: Double, _ y: Double) -> (label: Int, confidence: Double) {
        let r = (x * x + y * y).squareRoot()
        var angle = atan2(y, x) + 0.35 * r
        angle = angle - 2 * .pi * (angle / (2 * .pi)).rounded(.down)  // 0 ..< 2π
        let sector = angle / (2 * .pi / 3)
        let label = min(Int(sector), 2)
        let distanceToBorder = min(sector - Double(label), Double(label + 1) - sector)  // 0 ... 0.5
        let confidence = 1.0 / 3 + (2.0 / 3) * min(1, 2 * distanceToBorder * min(r, 2) / 2)
        return (label, confidence)
    }

    static func points(_ count: Int) -> ClassPoints {
        var xs: [Double] = [], ys: [Double] = [], labels: [Int] = []
        for n in 0..<count {
            let t = Double(n) * 2.399963, r = 4.5 * sqrt(Double(n + 1) / Double(count))
            xs.append(r * cos(t))
            ys.append(r * sin(t))
            labels.append(predict(r * cos(t), r * sin(t)).label)
        }
        return ClassPoints(x: xs, y: ys, classes: labels)
    }
}

extension DecisionBoundaryPlotTests {
    @Test func multiClassRegionsWritePNG() throws {
        let folder = try TemporaryFolder("classes")
        defer { folder.remove() }
        let grid = PlotGrid(xMin: -5, xMax: 5, yMin: -5, yMax: 5, step: 0.02)
        var labels = [Int](), confidence = [Double]()
        for j in 0..<grid.ny {
            for i in 0..<grid.nx {
                let prediction = ThreeClassPattern.predict(grid.x(i), grid.y(j))
                labels.append(prediction.label)
                confidence.append(prediction.confidence)
            }
        }
        let plot = DecisionBoundaryPlot(
            grid: grid, surface: .classes(labels, confidence: confidence), classNames: ["setosa", "versicolor", "virginica"],
            training: ThreeClassPattern.points(300), title: "spiral: softmax, 3 classes, 20 hidden units",
            xLabel: "petal length (scaled)", yLabel: "petal width (scaled)")
        let result = try plot.render(to: folder.file("classes.png"), options: PlotOptions(width: 800, height: 640))
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 800, height: 640))
        _ = try? plot.render(to: showcasePath("classes.png"))
    }

    @Test func rejectsMismatchedGridBeforeTouchingTheDisk() throws {
        let folder = try TemporaryFolder("mismatch")
        defer { folder.remove() }
        let grid = PlotGrid(xMin: 0, xMax: 1, nx: 10, yMin: 0, yMax: 1, ny: 10)
        let plot = DecisionBoundaryPlot(grid: grid, surface: .probability([0.5, 0.5]),
                                        training: ClassPoints(x: [], y: [], classes: []), title: "t")
        #expect(throws: PlotError.self) { try plot.render(to: folder.file("sub/never.png")) }
        #expect(!FileManager.default.fileExists(atPath: folder.file("sub")))
        let unnamed = DecisionBoundaryPlot(grid: grid, surface: .probability(Array(repeating: 0.2, count: 100)),
                                           training: ClassPoints(x: [0], y: [0], classes: [2]), title: "t")
        #expect(throws: PlotError.invalidData("training points: point 1 has class 2, but there are only 2 class names")) {
            try unnamed.render(to: folder.file("never.png"))
        }
    }
}
