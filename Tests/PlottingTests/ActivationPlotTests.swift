import Foundation
import Plotting
import Testing

/// The lecture's five activations on z ∈ [−5, 5], computed here (the engine owns the real ones).
enum LectureActivations {
    static let z = (0...400).map { -5 + Double($0) / 40 }

    static func curves() -> [ActivationPlot.Curve] {
        let sigmoid = { (z: Double) in 1 / (1 + exp(-z)) }
        return [
            ActivationPlot.Curve(name: "sigmoid", values: z.map(sigmoid), derivatives: z.map { sigmoid($0) * (1 - sigmoid($0)) }),
            ActivationPlot.Curve(name: "tanh", values: z.map(tanh), derivatives: z.map { 1 - tanh($0) * tanh($0) }),
            ActivationPlot.Curve(name: "relu", values: z.map { max($0, 0) }, derivatives: z.map { $0 > 0 ? 1 : 0 }),
            ActivationPlot.Curve(name: "leaky (0.01)", values: z.map { $0 > 0 ? $0 : 0.01 * $0 },
                                 derivatives: z.map { $0 > 0 ? 1 : 0.01 }),
            ActivationPlot.Curve(name: "linear", values: z, derivatives: z.map { _ in 1 }),
        ]
    }
}

@Suite struct ActivationPlotTests {
    @Test func onePanelPerActivationWritesPNGOfRequestedSize() throws {
        let folder = try TemporaryFolder("activations")
        defer { folder.remove() }
        let plot = ActivationPlot(z: LectureActivations.z, curves: LectureActivations.curves(), highlighted: "tanh",
                                  title: "activations: g(z) and g′(z) (current: tanh)")
        let result = try plot.render(to: folder.file("activations.png"), options: PlotOptions(width: 1200, height: 560))
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 1200, height: 560))
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        let script = try plot.script(output: "a.png").text
        #expect(script.contains("set title 'tanh (current)'"))
        #expect(script.components(separatedBy: "set title '").count - 1 == 5, "one panel per activation")
        #expect(script.contains("set multiplot"))
        _ = try? plot.render(to: showcasePath("activations.png"), options: PlotOptions(width: 1200, height: 560))
    }

    @Test func unknownHighlightOrMismatchedCurveIsRefused() {
        let z = [0.0, 1.0]
        let curve = ActivationPlot.Curve(name: "tanh", values: [0, 0.76], derivatives: [1, 0.42])
        #expect(throws: PlotError.invalidData("no activation curve is named 'relu' (to highlight)")) {
            try ActivationPlot(z: z, curves: [curve], highlighted: "relu").script(output: "a.png")
        }
        let short = ActivationPlot.Curve(name: "tanh", values: [0], derivatives: [1, 0.42])
        #expect(throws: PlotError.self) { try ActivationPlot(z: z, curves: [short]).script(output: "a.png") }
    }
}
