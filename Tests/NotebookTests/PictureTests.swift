import Foundation
import Testing
@testable import Notebook
@testable import Plotting
import NeuralNet

/// Issue "Pictures that teach on any network": plot neurons on wide and deep nets, plot network.
@Suite struct PictureTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "shallow-pictures-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func plotNeuronsOnAWideDeepNetDrawsAtMostTheCapAndTheStrongestUnits() throws {
        let dir = try folder()
        var h = Harness()
        _ = try h.run("load spiral n=100; set hidden 32 16; init random scale=0.5 seed=1; train 20")
        let network = try #require(h.session.model?.network)
        // The 16 units of layer 1 with the largest outgoing |w| (column sums of |W2|), found independently.
        let W2 = network.layers[1].W
        let strength = (0..<32).map { j in (0..<16).map { abs(W2[$0, j]) }.reduce(0, +) }
        let expected = Array((0..<32).sorted { strength[$0] > strength[$1] }.prefix(16)).sorted()
        #expect(CommandCatalog.strongestUnits(network, layer: 0, limit: 16) == expected)
        #expect(CommandCatalog.strongestUnits(network, layer: 1, limit: 16) == Array(0..<16), "a layer within the cap is drawn whole")
        #expect(CommandCatalog.neuronPanelLimit == 16)
        // 32 + 16 units do not fit together: layer 1 alone (16 panels + the output), or the layer asked for.
        for command in ["plot neurons res=30", "plot neurons layer=2 res=30"] {
            let lines = try h.run("\(command) to \(dir)/n.png")
            #expect(lines.last == "wrote \(dir)/n.png")
            #expect(FileManager.default.fileExists(atPath: "\(dir)/n.png"))
        }
        #expect(h.failure("plot neurons layer=3") == "plot neurons: layer=3, but the network has 2 hidden layers")
        _ = try h.run("set hidden 0; init")
        #expect(h.failure("plot neurons")?.hasPrefix("plot neurons: the network has no hidden layer") == true)
    }

    @Test func tickStepsAreRoundAndFew() {
        #expect(NeuronGridPlot.tickStep(10, count: 3) == 5)
        #expect(NeuronGridPlot.tickStep(2.4, count: 3) == 1)
        #expect(NeuronGridPlot.tickStep(0.03, count: 4) == 0.01)
        for span in [0.7, 3.0, 13.0, 2500.0] {
            for count in 3...6 { #expect(span / NeuronGridPlot.tickStep(span, count: count) <= Double(count) + 1e-9) }
        }
    }

    @Test func plotNetworkNeedsOnlyAModelAndNamesTheFeaturesAndClasses() throws {
        let dir = try folder()
        var h = Harness()
        #expect(h.failure("plot network") == "plot network: no model yet; run 'init' first (e.g. init random scale=0.01 seed=2)")
        _ = try h.run("load blobs centers=3; set hidden 5; init")
        #expect(try h.run("plot network to \(dir)/net.png").last == "wrote \(dir)/net.png")
        let png = try #require(FileManager.default.contents(atPath: "\(dir)/net.png"))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func aBlankBoundaryAfterZeroInitSaysWhy() throws {
        var h = Harness()
        _ = try h.run("load flower; init zeros; train 50")
        let network = try #require(h.session.model?.network)
        let grid = PlotGrid(xMin: -4, xMax: 4, nx: 30, yMin: -4, yMax: 4, ny: 30)
        let plot = try CommandCatalog.boundaryPlot(network, session: h.session, dataset: try #require(h.session.dataset), grid: grid, title: "t")
        // W1 = 0 stays 0 (dZ1 = W2ᵀ dZ2 ∘ g′ with W2 = 0 at the first step, then equal rows): p is the same everywhere.
        #expect(plot.note == ["p = 0.500 everywhere:", "every hidden unit computes the same thing",
                              "(equal weights, as after init zeros: the symmetry is never broken)"])
        let text = try plot.script(output: "/tmp/zero.png").text
        #expect(text.contains("'every hidden unit computes the same thing' at graph 0.5, graph 0.5 center front boxed"))
        _ = try h.run("init random seed=2; train 50")
        let trained = try CommandCatalog.boundaryPlot(try #require(h.session.model?.network), session: h.session,
                                                      dataset: try #require(h.session.dataset), grid: grid, title: "t")
        #expect(trained.note.isEmpty)
    }

    @Test func aWideHiddenLayerIsShownWithTheOutputsOwnView() throws {
        var h = Harness()
        _ = try h.run("load spiral; set hidden 32 16; init random scale=0.5 seed=2; train 300")
        let plot = try CommandCatalog.hiddenSpacePlot(h.session)
        let output = try #require(plot.outputView, "more than 3 units: the z histogram beside the projection")
        // Its values are plot output's, example for example: z of the output unit, by class.
        let alone = try CommandCatalog.outputHistogramPlot(h.session)
        #expect(output.values == alone.values)
        #expect(output.values.map(\.count).reduce(0, +) == 500)
        #expect(plot.separatorTitle == "W3·a + b3 = 0", "the output layer is layer 3 of a 32 16 network")
        let script = try plot.script(output: "/tmp/hidden.png", options: PlotOptions(width: 1500, height: 700)).text
        #expect(script.contains("set multiplot") && script.contains("the output layer's z = W·a + b, per class"))
        #expect(plot.note.isEmpty && alone.note.isEmpty)
        // 2 and 3 units keep their exact views, without the second panel.
        _ = try h.run("set hidden 2; init random scale=0.5 seed=2; train 10")
        #expect(try CommandCatalog.hiddenSpacePlot(h.session).outputView == nil)
    }

    @Test func pointsAllInOnePlaceSayWhy() throws {
        var h = Harness()
        _ = try h.run("load flower; set hidden 8; init zeros; train 20")
        // W1 = 0 stays 0 (see the boundary's test): every example has the same hidden activations, and z is one value.
        let hidden = try CommandCatalog.hiddenSpacePlot(h.session)
        #expect(hidden.note == ["every example at one point:", "all 8 units give one value for every input",
                                "(W1 = 0: the zero-init lesson, or units saturated alike)"])
        #expect(try hidden.script(output: "/tmp/h.png").text.contains("'every example at one point:' at graph 0.5, graph 0.5 center front boxed"))
        let output = try CommandCatalog.outputHistogramPlot(h.session)
        #expect(output.note.first?.hasSuffix("for every example: the output ignores the input") == true)
        _ = try h.run("set hidden 3; init zeros")
        #expect(try CommandCatalog.hiddenSpacePlot(h.session).note.count == 3)
        _ = try h.run("set hidden 8; init random scale=0.5 seed=2")
        #expect(try CommandCatalog.hiddenSpacePlot(h.session).note.isEmpty)
        #expect(try CommandCatalog.outputHistogramPlot(h.session).note.isEmpty)
    }

    @Test func theOutputHyperplaneCutByThePCAPlaneIsExactForPointsInThatPlane() throws {
        // 4-D points that lie in a 2-D plane (rank 2 after centring): there, w·a + b equals the section's value.
        let m = 60
        var elements = [Double](repeating: 0, count: 4 * m)
        for j in 0..<m {
            let s = sin(Double(j)) * 3, t = cos(Double(j) * 0.7)
            let a = [1 + s + 2 * t, -2 + 0.5 * s, 3 - t, 0.25 * s + t]
            for i in 0..<4 { elements[i * m + j] = a[i] }
        }
        let A = Matrix(rows: 4, cols: m, elements: elements)
        let pca = PrincipalComponents(A)
        #expect(abs(pca.explained[0] + pca.explained[1] - 1) < 1e-9)
        let w = [0.7, -1.3, 0.4, 2.2], b = -0.6
        let cut = try #require(pca.section(w: w, b: b))
        for j in 0..<m {
            let direct = (0..<4).reduce(b) { $0 + w[$1] * A[$1, j] }
            let viaPlane = cut.w1 * pca.scores[0][j] + cut.w2 * pca.scores[1][j] + cut.b
            #expect(abs(direct - viaPlane) < 1e-9, "power iteration converges to 1e-13; sums of a few terms of size ≤ 10")
        }
    }

    @Test func plotOutputHistogramsTheOutputsZPerClassAndItsSignIsTheDecision() throws {
        let plot = ClassHistogramPlot(values: [[-1, -0.9, 0.2], [0.5, 1]], classNames: ["a", "b"], title: "t", xLabel: "z", bins: 4)
        let (low, width, counts) = plot.counts()
        #expect(low == -1 && width == 0.5)
        #expect(counts == [[2, 0, 1, 0], [0, 0, 0, 2]], "bins [-1,-0.5) [-0.5,0) [0,0.5) [0.5,1]; the maximum in the last")
        let dir = NSTemporaryDirectory() + "shallow-output-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var h = Harness()
        _ = try h.run("load blobs centers=3 n=150; set hidden 5; init; train 200")
        #expect(try h.run("plot output to \(dir)/o.png").last == "wrote \(dir)/o.png")
        _ = try h.run("load flower; set hidden 0; init; train 100")
        #expect(try h.run("plot output to \(dir)/o2.png").last == "wrote \(dir)/o2.png", "no hidden layer: z of the inputs")
    }
}
