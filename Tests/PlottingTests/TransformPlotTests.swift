import Foundation
@testable import Plotting
import Testing

@Suite struct TransformPlotTests {
    static func plot(points: Int = 300) -> TransformPlot {
        let data = FlowerPattern.points(points, seed: 1)
        return TransformPlot(points: ClassPoints(x: data.x.map { $0 / 2 }, y: data.y.map { $0 / 2 }, classes: data.classes),
                             classNames: ["red", "blue"], weights: [[1.3, 0.8], [-0.4, 1.1]], bias: [0.6, -0.9],
                             activation: { tanh($0) }, activationName: "tanh",
                             title: "flower: how the hidden layer (2 tanh units) moves the plane")
    }

    @Test func fourPanelsWritePNGOfRequestedSize() throws {
        let folder = try TemporaryFolder("transform")
        defer { folder.remove() }
        let plot = Self.plot()
        let options = PlotOptions(width: 1100, height: 1000)
        let result = try plot.render(to: folder.file("transform.png"), options: options)
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 1100, height: 1000))
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        let script = try plot.script(output: "t.png", options: options).text
        let b = plot.bias.map { String(format: "%.2f", $0) }.joined(separator: ", ")
        for title in ["input x", "1. linear transformation: W·x", "2. translation by b = (\(b)): z = W·x + b", "3. activation: a = tanh(z)"] {
            #expect(script.contains("set title '\(title)"), "\(title)")
        }
        // The share of saturated activations, counted here from the points.
        let a = plot.transformedPoints(.activated)
        let saturated = (a.x + a.y).filter { abs($0) > 0.95 }.count
        let share = Double(saturated) / Double(a.x.count * 2)
        if share >= 0.05 { #expect(script.contains(String(format: "a = tanh(z) · %.0f %% of values saturated'", share * 100))) }
        _ = try? plot.render(to: showcasePath("transform.png"), options: options)
        _ = try? plot.render(to: showcasePath("transform-default-size.png"))
        var relu = plot
        relu.activation = { max($0, 0) }
        relu.activationName = "relu"
        relu.title = "flower: how a layer of 2 relu units moves the plane"
        let reluResult = try relu.render(to: folder.file("relu.png"), options: options)
        #expect(reluResult.warnings.isEmpty, "\(reluResult.warnings)")
        _ = try? relu.render(to: showcasePath("transform-relu.png"), options: options)
    }

    @Test func stagesAreTheLayersMaths() {
        let plot = Self.plot(points: 5)
        let x = plot.points.x[3], y = plot.points.y[3]
        let linear = plot.transformedPoints(.linear), translated = plot.transformedPoints(.translated)
        let activated = plot.transformedPoints(.activated)
        #expect(abs(linear.x[3] - (1.3 * x + 0.8 * y)) < 1e-12 && abs(linear.y[3] - (-0.4 * x + 1.1 * y)) < 1e-12)
        #expect(abs(translated.x[3] - (linear.x[3] + 0.6)) < 1e-12 && abs(translated.y[3] - (linear.y[3] - 0.9)) < 1e-12)
        #expect(activated.x[3] == tanh(translated.x[3]) && activated.y[3] == tanh(translated.y[3]))
        #expect(plot.transformedPoints(.input) == TransformPlot.Coordinates(x: plot.points.x, y: plot.points.y))
    }

    @Test func gifIsAnAnimationThatLoops() throws {
        let folder = try TemporaryFolder("transform-gif")
        defer { folder.remove() }
        let plot = Self.plot()
        let clock = ContinuousClock()
        var result: PlotResult?
        let elapsed = try clock.measure { result = try plot.render(to: folder.file("transform.gif"), options: PlotOptions(width: 800, height: 700)) }
        print("transform animation, \(plot.frameCount) frames: \(elapsed)")
        let written = try #require(result)
        #expect(written.format == .gif)
        #expect(written.warnings.isEmpty, "\(written.warnings)")  // gnuplot's "N frames in animation sequence" is not a warning
        let gif = try #require(GIFStructure(path: written.path))
        #expect(gif.version == "GIF89a")
        #expect(gif.width == 800 && gif.height == 700)
        #expect(gif.loops)
        #expect(gif.complete)
        #expect(gif.frames == plot.frameCount)
        #expect(plot.frameCount == 4 * plot.pauseFrames + 3 * plot.framesPerStep)  // the view follows each stage: no zoom frames
        // Each stage is framed at its own extent: the input's x range, then W·x's (larger here), in the frames' axes.
        let gifScript = try plot.script(output: "t.gif").text
        let ranges = gifScript.split(separator: "\n").filter { $0.hasPrefix("set xrange") }
        #expect(Set(ranges).count > 10, "the view moves with the content")
        let script = try plot.script(output: "t.gif").text
        #expect(script.hasPrefix("set terminal gif animate delay 5 loop 0 size 800,700") || script.contains("set terminal gif animate delay 5 loop 0 "))
        _ = try? plot.render(to: showcasePath("transform.gif"))
        // The same plot to PNG is the still picture, not an animation.
        #expect(!(try plot.script(output: "t.png").text.contains("animate")))
    }

    @Test func wrongShapesAreRefused() {
        var plot = Self.plot(points: 10)
        plot.weights = [[1, 2, 3], [4, 5, 6]]
        #expect(throws: PlotError.self) { try plot.script(output: "x.png") }
        plot = Self.plot(points: 10)
        plot.bias = [1]
        #expect(throws: PlotError.invalidData("the translation b needs 2 values, got 1")) { try plot.script(output: "x.png") }
    }
}
