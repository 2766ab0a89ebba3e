// What every plot kind added for the lecture's pictures must do, checked for all of them at
// once: write every format without a gnuplot warning, and keep hostile text inside strings.

import Foundation
@testable import Plotting
import Testing

enum NewPlotKinds {
    /// One small instance of each new kind, with `text` in every title, label and name.
    static func all(text: String = "", side: Int = 40) -> [(name: String, plot: any Plot)] {
        let names = ["red" + text, "blue" + text]
        let points = FlowerPattern.points(120, seed: 3)
        let a = HiddenLayerPattern.activations(units: 3, count: 120)
        var neurons = NeuronPattern.plot(side: side)
        neurons.title += text
        neurons.classNames = names
        neurons.xLabel += text
        neurons.contourTitle += text
        for k in neurons.panels.indices { neurons.panels[k].title += text }
        let boundaries = SweepPattern.panels(side: side).prefix(3).map { panel -> DecisionBoundaryPlot in
            var panel = panel
            panel.title += text
            panel.classNames = names
            panel.yLabel += text
            return panel
        }
        let curves = LectureActivations.curves().map { ActivationPlot.Curve(name: $0.name + text, values: $0.values, derivatives: $0.derivatives) }
        return [
            ("activations", ActivationPlot(z: LectureActivations.z, curves: curves, highlighted: curves[1].name,
                                           title: "activations" + text, valueTitle: "g(z)" + text, zLabel: "z" + text)),
            ("hidden-2d", HiddenSpacePlot.plane(ClassPoints(x: a[0], y: a[1], classes: points.classes),
                                                line: SeparatingLine(w1: 1, w2: -1, b: 0.1), classNames: names,
                                                title: "hidden" + text, xLabel: "a1" + text, yLabel: "a2" + text)),
            ("hidden-2d-outside", HiddenSpacePlot.plane(ClassPoints(x: a[0], y: a[1], classes: points.classes),
                                                        line: SeparatingLine(w1: 0, w2: 0, b: 1), classNames: names,
                                                        title: "no line" + text)),
            ("hidden-3d", HiddenSpacePlot(content: .space(ClassPoints3D(x: a[0], y: a[1], z: a[2], classes: points.classes),
                                                          plane: SeparatingPlane(w: [1, -1, 0.5], b: 0)),
                                          classNames: names, title: "hidden 3-D" + text,
                                          labels: ["a1" + text, "a2", "a3" + text], separatorTitle: "plane" + text)),
            ("hidden-3d-outside", HiddenSpacePlot.space(ClassPoints3D(x: a[0], y: a[1], z: a[2], classes: points.classes),
                                                        plane: SeparatingPlane(w: [1, 1, 1], b: 40), classNames: names,
                                                        title: "plane outside" + text)),
            ("projection", HiddenSpacePlot.projection(ClassPoints(x: a[0], y: a[1], classes: points.classes), classNames: names,
                                                      title: "projection" + text, xLabel: "PC1" + text, yLabel: "PC2" + text)),
            ("neurons", neurons),
            ("sweep", BoundaryGridPlot(panels: Array(boundaries), title: "sweep" + text)),
            ("transform", TransformPlot(points: points, classNames: names, weights: [[0.5, 0.2], [-0.1, 0.6]], bias: [0.3, -0.2],
                                        activation: { max($0, 0) }, activationName: "relu" + text, title: "transform" + text,
                                        framesPerStep: 3, pauseFrames: 1)),
        ]
    }
}

@Suite struct NewPlotKindsTests {
    /// Every new kind, in every format, succeeds without a single gnuplot warning.
    @Test(arguments: OutputFormat.allCases)
    func everyNewKindWithoutWarnings(format: OutputFormat) throws {
        let folder = try TemporaryFolder("new-kinds")
        defer { folder.remove() }
        for (name, plot) in NewPlotKinds.all() {
            let result = try plot.render(to: folder.file("\(name).\(format.rawValue)"), options: PlotOptions(width: 1000, height: 760))
            #expect(result.warnings.isEmpty, "\(name) as \(format): \(result.warnings)")
            if format == .png {
                #expect(PNGHeader(path: result.path) == PNGHeader(width: 1000, height: 760), "\(name)")
            }
        }
    }

    @Test func hostileTextStaysInsideStringsInEveryNewKind() throws {
        let hostile = "'; system(\"touch pwned\"); print '`touch pwned` @x\nsystem(\"touch pwned\")"
        for (name, plot) in NewPlotKinds.all(text: hostile, side: 10) {
            for output in ["/tmp/" + EscapingTests.hostile + ".png", "/tmp/x.gif"] {
                let script = try plot.script(output: output).text
                let outside = unquotedText(of: script)
                #expect(outside.balanced, "\(name)")
                #expect(!outside.text.contains("system"), "\(name)")
                #expect(!outside.text.contains("touch"), "\(name)")
                #expect(!outside.text.contains("`"), "\(name)")
            }
        }
    }

    /// The real thing, for the new kinds: gnuplot draws the hostile titles and runs nothing.
    @Test func hostileTitlesRunNothing() throws {
        let folder = try TemporaryFolder("new-kinds-hostile")
        defer { folder.remove() }
        let marker = folder.file("pwned")
        let hostile = "'; system(\"touch \(marker)\"); print '`touch \(marker)2`\nsystem(\"touch \(marker)3\")"
        for (name, plot) in NewPlotKinds.all(text: hostile, side: 10) {
            let result = try plot.render(to: folder.file(name + "'; system(\"touch \(marker)4\"); '.png"))
            #expect(PNGHeader(path: result.path) != nil, "\(name)")
        }
        for suffix in ["", "2", "3", "4"] {
            #expect(!FileManager.default.fileExists(atPath: marker + suffix), "gnuplot ran injected code (\(suffix))")
        }
        _ = try? NewPlotKinds.all(text: " it's x_1^2 @{a} & 100%")[6].plot.render(to: showcasePath("neurons-literal-titles.png"))
    }
}
