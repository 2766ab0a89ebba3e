import Foundation
@testable import Plotting
import Testing

/// A 4-unit tanh hidden layer and a sigmoid output over the flower-like plane.
enum NeuronPattern {
    static let w: [(Double, Double)] = [(1.2, -0.4), (-0.3, 1.1), (0.8, 0.9), (-1.0, 0.6)]
    static let b: [Double] = [0.1, -0.5, 0.3, 0.0]
    static let w2: [Double] = [2.1, -1.7, 1.4, -2.2]

    static func plot(side: Int, units: Int = 4) -> NeuronGridPlot {
        let grid = PlotGrid(xMin: -5, xMax: 5, nx: side, yMin: -5, yMax: 5, ny: side)
        let (xs, ys) = grid.samplePoints()
        let hidden: [[Double]] = (0..<units).map { k in
            let (w1, w2, bias) = (w[k % 4].0, w[k % 4].1, b[k % 4])
            return zip(xs, ys).map { x, y in tanh((w1 * x + w2 * y) / 2 + bias) }
        }
        let output: [Double] = (0..<grid.count).map { n in
            var z = 0.2
            for k in 0..<units { z += w2[k % 4] * hidden[k][n] }
            return 1 / (1 + exp(-z))
        }
        var panels = (0..<units).map { k in
            NeuronGridPlot.Panel(title: "unit \(k + 1): w = (\(w[k % 4].0), \(w[k % 4].1)), b = \(b[k % 4])",
                                 values: hidden[k], contourLevel: 0)
        }
        panels.append(NeuronGridPlot.Panel(title: "output: p(blue)", values: output,
                                           scale: .diverging(low: 0, high: 1), contourLevel: 0.5))
        return NeuronGridPlot(grid: grid, panels: panels, scale: .diverging(low: -1, high: 1),
                              points: FlowerPattern.points(400, seed: 1), classNames: ["red", "blue"],
                              title: "flower: the 4 tanh hidden units and the output over the input plane")
    }
}

@Suite struct NeuronGridPlotTests {
    @Test func fivePanelsWritePNGOfRequestedSizeQuickly() throws {
        let folder = try TemporaryFolder("neurons")
        defer { folder.remove() }
        let plot = NeuronPattern.plot(side: 300)
        let options = PlotOptions(width: 1400, height: 900)
        let clock = ContinuousClock()
        var result: PlotResult?
        let elapsed = try clock.measure { result = try plot.render(to: folder.file("neurons.png"), options: options) }
        print("neuron grid, 5 panels of 300 × 300: \(elapsed)")
        let written = try #require(result)
        #expect(PNGHeader(path: written.path) == PNGHeader(width: 1400, height: 900))
        #expect(written.warnings.isEmpty, "\(written.warnings)")
        let script = try plot.script(output: "n.png", options: options).text
        #expect(script.components(separatedBy: "with image").count - 1 == 5)
        #expect(script.contains("# <inline binary data: 300 × 300 cells × 1 values>"))
        _ = try? plot.render(to: showcasePath("neurons.png"), options: options)
        _ = try? plot.render(to: showcasePath("neurons-default-size.png"))
    }

    @Test func reluPanelsAndManyUnitsWithoutPointsDraw() throws {
        let folder = try TemporaryFolder("neurons-relu")
        defer { folder.remove() }
        var plot = NeuronPattern.plot(side: 120, units: 8)
        let top = plot.panels.dropLast().map { $0.values.max() ?? 1 }.max() ?? 1
        for k in 0..<(plot.panels.count - 1) {
            plot.panels[k].values = plot.panels[k].values.map { max($0, 0) }
            plot.panels[k].contourLevel = nil
        }
        plot.scale = .sequential(low: 0, high: top)
        plot.points = nil
        plot.title = "relu units (8) and the output"
        let result = try plot.render(to: folder.file("relu.png"), options: PlotOptions(width: 1200, height: 800))
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 1200, height: 800))
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        _ = try? plot.render(to: showcasePath("neurons-relu.png"), options: PlotOptions(width: 1200, height: 800))
    }

    @Test func wrongValueCountOrEmptyRangeIsRefused() {
        var plot = NeuronPattern.plot(side: 20)
        plot.panels[1].values.removeLast()
        #expect(throws: PlotError.self) { try plot.script(output: "x.png") }
        var flat = NeuronPattern.plot(side: 20)
        flat.scale = .sequential(low: 0, high: 0)
        #expect(throws: PlotError.self) { try flat.script(output: "x.png") }
    }
}
