import Foundation
@testable import Plotting
import Testing

/// The film of a training run: one GIF frame per snapshot (counted by the tests' own GIF reader, not the
/// product's), the last held, a still as the last frame; fixed axes across frames.
@Suite struct TrainingFilmPlotTests {
    static func film(frames count: Int) -> TrainingFilmPlot {
        let data = FlowerPattern.points(200, seed: 1)
        let grid = PlotGrid(xMin: -5, xMax: 5, nx: 40, yMin: -5, yMax: 5, ny: 40)
        let costs = (0...100).map { 0.7 * exp(-Double($0) / 30) + 0.1 }
        let frames = (0..<count).map { k -> TrainingFilmPlot.Frame in
            // A boundary that turns with the iterations: p = σ(x·cos θ + y·sin θ).
            let theta = Double(k) / Double(max(count - 1, 1)) * .pi / 2
            let (xs, ys) = grid.samplePoints()
            let p = zip(xs, ys).map { 1 / (1 + exp(-($0 * cos(theta) + $1 * sin(theta)))) }
            let boundary = DecisionBoundaryPlot(grid: grid, surface: .probability(p), classNames: ["red", "blue"],
                                                training: ClassPoints(x: data.x, y: data.y, classes: data.classes), title: "")
            return TrainingFilmPlot.Frame(iteration: k * 100 / max(count - 1, 1), caption: "frame \(k)", panel: .boundary(boundary))
        }
        return TrainingFilmPlot(frames: frames, costIterations: Array(0...100), costs: costs, title: "a turning line")
    }

    @Test func everySnapshotIsAFrameAndTheLastIsHeld() throws {
        let folder = try TemporaryFolder("film")
        defer { folder.remove() }
        let plot = Self.film(frames: 7)
        let result = try plot.render(to: folder.file("film.gif"), options: PlotOptions(width: 1100, height: 520))
        let gif = try #require(GIFStructure(path: result.path))
        #expect(gif.frames == 7 && gif.loops && gif.complete)
        #expect(gif.width == 1100 && gif.height == 520)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: result.path)))
        let delays = try #require(GIFAnimation.frameDelays(bytes))
        #expect(delays == Array(repeating: plot.frameDelay, count: 6) + [plot.lastFrameDelay])
        // Each frame sets its own axes: the cost panel's log axis must not leak into the next boundary panel.
        let script = try plot.script(output: "film.gif", options: PlotOptions(width: 1100, height: 520)).text
        #expect(script.components(separatedBy: "set multiplot title").count - 1 == 7)
        #expect(script.components(separatedBy: "unset logscale").count - 1 == 7)
        #expect(script.contains("frame 6"))
    }

    @Test func aStillIsTheLastFrame() throws {
        let folder = try TemporaryFolder("film")
        defer { folder.remove() }
        let plot = Self.film(frames: 4)
        let result = try plot.render(to: folder.file("film.png"), options: PlotOptions(width: 1100, height: 520))
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 1100, height: 520))
        let script = try plot.script(output: "film.png", options: PlotOptions(width: 1100, height: 520)).text
        #expect(script.components(separatedBy: "set multiplot title").count - 1 == 1)
        #expect(script.contains("frame 3") && !script.contains("frame 2"))
    }

    @Test func badFilmsAreRefusedBeforeGnuplotRuns() {
        var empty = Self.film(frames: 2)
        empty.frames = []
        #expect(throws: PlotError.self) { try empty.script(output: "x.gif") }
        var mismatched = Self.film(frames: 2)
        mismatched.costs.removeLast()
        #expect(throws: PlotError.self) { try mismatched.script(output: "x.gif") }
        // A damaged GIF is not taken for one.
        #expect(GIFAnimation.frameDelays([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]) == nil)
    }
}
