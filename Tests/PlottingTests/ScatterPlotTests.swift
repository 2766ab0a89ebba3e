import Foundation
import Plotting
import Testing

@Suite struct ScatterPlotTests {
    @Test func byClassWritesPNGOfRequestedSize() throws {
        let folder = try TemporaryFolder("scatter")
        defer { folder.remove() }
        let plot = ScatterPlot(points: FlowerPattern.points(400, seed: 1), classNames: ["red", "blue"],
                               test: FlowerPattern.points(100, seed: 3), title: "flower: 400 points (m = 400), 2 classes")
        let result = try plot.render(to: folder.file("data.png"), options: PlotOptions(width: 640, height: 480))
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 640, height: 480))
        _ = try? plot.render(to: showcasePath("scatter-classes.png"))
    }

    @Test func byValueWritesPNG() throws {
        let folder = try TemporaryFolder("scatter-values")
        defer { folder.remove() }
        let points = FlowerPattern.points(500, seed: 2)
        let values = zip(points.x, points.y).map { tanh($0 * 0.8 - $1 * 0.5) }
        let plot = ScatterPlot(x: points.x, y: points.y, values: values, valueLabel: "activation of hidden unit 3",
                               title: "hidden unit 3: tanh(w·x + b)")
        let result = try plot.render(to: folder.file("values.png"))
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 900, height: 700))
        _ = try? plot.render(to: showcasePath("scatter-values.png"))
    }
}
