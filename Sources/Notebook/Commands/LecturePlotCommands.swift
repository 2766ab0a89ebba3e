import Foundation
import NeuralNet
import Datasets
import Plotting

/// The lecture's pictures: activation functions, the hidden layer's view of the data, each unit's
/// response, and a layer's transformation of the plane.
/// The typed arguments of these commands.
private enum LecturePlotKeys {
    static let resolution = ArgumentKey<Int>("res")
    static let layer = ArgumentKey<Int>("layer")
}

extension CommandCatalog {
    static let lecturePlots: [CommandSpec] = [
        CommandSpec(
            ["plot", "activations"], group: .plots,
            acceptsOutputPath: true,
            summary: "the lecture's slides: g(z) and g′(z) for sigmoid, tanh, relu, leaky, linear, a panel each; the current one highlighted",
            examples: ["plot activations", "plot activations to /tmp/activations.png"],
            handler: { session, args, context in
                var leakySlope = 0.1
                if case .leaky(let a) = session.settings.activation { leakySlope = a }
                let activations: [Activation] = [.sigmoid, .tanh, .relu, .leaky(slope: leakySlope), .linear]
                // Each over the range that shows its shape: sigmoid bends over ±6, tanh over ±3; relu's kink and
                // leaky's small slope need a close view.
                let half: [Double] = [8, 4, 2, 2, 2]
                let curves = zip(activations, half).map { g, r in
                    let z = (0...400).map { -r + Double($0) * r / 200 }
                    return ActivationPlot.Curve(name: curveName(g), z: z, values: z.map { g.value($0) },
                                                derivatives: z.map { g.derivative(z: $0, a: g.value($0)) })
                }
                let plot = ActivationPlot(z: curves[0].z ?? [], curves: curves, highlighted: curveName(session.settings.activation))
                try render(plot, kind: "activations", args: args, session: session, context: context, command: "plot activations",
                           minimumSize: (1200, 760))
            }),
        CommandSpec(
            ["plot", "network"], group: .plots,
            acceptsOutputPath: true,
            summary: "the network as the lecture draws it: inputs, units a[l]_i, output; each weight a line, width ∝ |w|, colour its sign",
            details: """
            Each layer is captioned with its activation and the shapes of W[l] and b[l]; each unit with its bias.
            A layer of more than 16 units shows the 15 with the largest outgoing weights and says how many are left out.
            Needs a model ('init'); no data is needed.
            """,
            examples: ["plot network", "plot network to /tmp/network.png"],
            handler: { session, args, context in
                let model = try session.requireModel("plot network")
                let architecture = model.architecture
                let hidden = "\(architecture.hiddenActivation)"
                let layers = model.network.layers.enumerated().map { l, layer in
                    NetworkDiagramLayer(weights: (0..<layer.W.rows).map { layer.W.row($0) }, biases: layer.b.elements,
                                        activation: l < architecture.hiddenSizes.count ? hidden : architecture.output.rawValue)
                }
                let classes = model.classNames ?? []
                let outputs: [String]
                switch architecture.output {
                case .sigmoid: outputs = ["ŷ = p(\(classes.count > 1 ? classes[1] : "1"))"]
                case .softmax: outputs = (0..<architecture.outputCount).map { "p(\($0 < classes.count ? classes[$0] : String($0)))" }
                case .linear: outputs = ["ŷ = \(model.labelName)"]
                }
                let inputs = model.features?.terms ?? (model.featureNames.count == architecture.inputCount
                    ? model.featureNames : (0..<architecture.inputCount).map { "x\($0 + 1)" })
                let plot = NetworkDiagramPlot(inputNames: inputs, layers: layers, outputNames: outputs,
                                              title: "the network: \(describe(architecture)) after \(model.iteration) iterations")
                // Tall enough for the fullest column (16 units and a note) to keep its labels apart.
                let rows = ([architecture.inputCount] + architecture.hiddenSizes + [architecture.outputCount])
                    .map { min($0, NetworkDiagramPlot.shownUnitLimit) }.max() ?? 1
                try render(plot, kind: "network", args: args, session: session, context: context, command: "plot network",
                           minimumSize: (900, max(700, 160 + 40 * rows)))
            }),
        CommandSpec(
            ["plot", "hidden"], group: .plots,
            acceptsOutputPath: true,
            summary: "the data as the last hidden layer sees it (A[l]), with the output layer's separating line or plane",
            details: """
            The lecture: "the neural network learns the new representation and thus separates the data with a
            hyperplane". 2 units: a scatter of (a1, a2) with the line W·a + b = 0 of the output layer; 3 units: a 3-D
            scatter with the plane; more: the first two principal components of A, with the output's hyperplane where it
            crosses that plane (two classes).
            """,
            examples: ["plot hidden", "plot hidden to /tmp/hidden.png"],
            handler: { session, args, context in
                let plot = try hiddenSpacePlot(session)
                try render(plot, kind: "hidden", args: args, session: session, context: context, command: "plot hidden",
                           minimumSize: plot.outputView == nil ? (0, 0) : (1500, 700))
            }),
        CommandSpec(
            ["plot", "output"], group: .plots,
            acceptsOutputPath: true,
            summary: "how the output layer separates the classes: a histogram of its z = W·a + b per class, with z = 0 (p = 0.5)",
            details: """
            For a hidden layer of any width: where the classes' histograms lie on either side of z = 0, the last hidden
            layer has made them linearly separable (the lecture's point). Softmax: the true class's z minus the largest
            other z (above 0: classified right). On the training part.
            """,
            examples: ["plot output", "plot output to /tmp/output.png"],
            handler: { session, args, context in
                let plot = try outputHistogramPlot(session)
                try render(plot, kind: "output", args: args, session: session, context: context, command: "plot output")
            }),
        CommandSpec(
            ["plot", "neurons"], group: .plots,
            options: [Option(LecturePlotKeys.resolution, .integer(min: 20, max: 600), "grid points per side of each panel (default 150)"),
                      Option(LecturePlotKeys.layer, .integer(min: 1, max: 1000), "the hidden layer to show (default: all when they fit, else 1)")],
            acceptsOutputPath: true,
            summary: "one small heat map per hidden unit (its activation over the input plane) and the output",
            details: """
            TensorFlow Playground's neuron view as one picture: each panel is titled with the unit's incoming weights and
            bias (the bias alone when there are many panels). At most 16 units of a layer are drawn: those with the
            largest outgoing weights, said in the title. Several hidden layers are drawn together when they have 16
            units in all, else layer 1; layer=N picks one.
            """,
            examples: ["plot neurons", "plot neurons res=80 to /tmp/neurons.png", "plot neurons layer=1"],
            handler: { session, args, context in
                let (model, dataset) = try session.modelMatchingData("plot neurons")
                guard dataset.featureCount == 2 else {
                    throw NotebookError("plot neurons: needs 2 input features to draw the input plane; \(dataset.name) has \(dataset.featureCount)")
                }
                let architecture = model.architecture
                guard !architecture.hiddenSizes.isEmpty else {
                    throw NotebookError("plot neurons: the network has no hidden layer (set hidden 0); 'plot boundary' shows its output")
                }
                let chosen: [Int]
                if let layer = args[LecturePlotKeys.layer] {
                    guard layer <= architecture.hiddenSizes.count else {
                        throw NotebookError("plot neurons: layer=\(layer), but the network has \(architecture.hiddenSizes.count) hidden layer\(architecture.hiddenSizes.count == 1 ? "" : "s")")
                    }
                    chosen = [layer - 1]
                } else {
                    chosen = architecture.hiddenSizes.reduce(0, +) <= neuronPanelLimit ? Array(architecture.hiddenSizes.indices) : [0]
                }
                let grid = try boundaryGrid(dataset.X, h: nil, resolution: args[LecturePlotKeys.resolution] ?? 150)
                let samples = grid.samplePoints()
                let inputs = try session.modelInputs(Matrix(rows: 2, cols: samples.x.count, elements: samples.x + samples.y))
                let workspace = Workspace(architecture: architecture, m: inputs.cols)
                model.network.forward(inputs, into: workspace)
                let g = architecture.hiddenActivation
                // Which units: all of a layer up to the limit, else the strongest by outgoing |w|, in their order.
                let units = chosen.map { l in strongestUnits(model.network, layer: l, limit: neuronPanelLimit) }
                let panelCount = units.map(\.count).reduce(0, +)
                let long = panelCount <= 9
                var panels: [NeuronGridPlot.Panel] = []
                for (l, shown) in zip(chosen, units) {
                    let layer = model.network.layers[l]
                    for unit in shown {
                        let weights = layer.W.row(unit).map { String(format: "%.2f", $0) }.joined(separator: ", ")
                        let bias = String(format: "%.2f", layer.b[unit, 0])
                        let name = "a[\(l + 1)]_\(unit + 1)"
                        let values = workspace.A[l].row(unit)
                        // A unit that is the same everywhere shows a blank panel: say why (a ReLU unit with z < 0 on the
                        // whole plane is dead: it gets no gradient and never learns again).
                        let flat = (values.max() ?? 0) - (values.min() ?? 0) <= 1e-12
                        let dead = flat && (g == .relu) && (values.first ?? 1) == 0
                        let note = dead ? " · dead (0 everywhere)" : flat ? String(format: " · constant %.3g", values.first ?? 0) : ""
                        panels.append(NeuronGridPlot.Panel(title: (long && layer.W.cols <= 4 ? "\(name): w = (\(weights)), b = \(bias)" : "\(name): b = \(bias)") + note,
                                                           values: values, scale: unitScale(g, values), contourLevel: g == .sigmoid ? 0.5 : 0))
                    }
                }
                // The output in the boundary's colours: p(class 1) from blue (0) through white to orange (1); a softmax
                // class's p(k) from white to that class's colour.
                let output = workspace.output
                if architecture.output == .sigmoid {
                    panels.append(NeuronGridPlot.Panel(title: "output: p(\(className(dataset, 1)))", values: output.row(0),
                                                       scale: .diverging(low: 0, high: 1), contourLevel: 0.5))
                } else if architecture.output == .softmax {
                    for k in 0..<min(output.rows, 8) {
                        panels.append(NeuronGridPlot.Panel(title: "output: p(\(className(dataset, k)))", values: output.row(k),
                                                           scale: .towards(Palette.classColour(k), low: 0, high: 1), contourLevel: 0.5))
                    }
                } else {
                    let values = output.row(0)
                    panels.append(NeuronGridPlot.Panel(title: "output: \(dataset.labelName)", values: values,
                                                       scale: .sequential(low: values.min()!, high: max(values.max()!, values.min()! + 1e-9))))
                }
                let capped = zip(chosen, units).filter { architecture.hiddenSizes[$0.0] > $0.1.count }
                    .map { "layer \($0.0 + 1): \($0.1.count) of \(architecture.hiddenSizes[$0.0]) units, largest outgoing |w|" }
                let which = architecture.hiddenSizes.count > 1 && chosen.count == 1 ? "hidden layer \(chosen[0] + 1) of \(architecture.hiddenSizes.count)" : "what each unit computes"
                let softmaxNote = architecture.output == .softmax && output.rows > 8 ? "; the first 8 of \(output.rows) classes" : ""
                let (train, _) = classPoints(session, dataset)
                let plot = NeuronGridPlot(grid: grid, panels: panels, scale: .diverging(low: -1, high: 1),
                                          points: dataset.isClassification ? train : nil, classNames: dataset.classNames ?? ["0", "1"],
                                          title: "\(dataset.name): \(which) (\(networkTitle(model)), \(model.iteration) iterations"
                                              + (capped.isEmpty ? "" : "; " + capped.joined(separator: "; ")) + softmaxNote + ")",
                                          xLabel: dataset.featureNames[0], yLabel: dataset.featureNames[1])
                try render(plot, kind: "neurons", args: args, session: session, context: context, command: "plot neurons",
                           minimumSize: (1400, 1000))
            }),
        CommandSpec(
            ["plot", "transform"], group: .plots,
            acceptsOutputPath: true,
            summary: "a 2-unit layer reshaping the plane: the data and a grid after W·x, after W·x + b, after g(W·x + b)",
            details: """
            The lecture: "each layer changes the data representation by 1. a linear transformation by W, 2. a
            translation by b, 3. a point-wise application of the activation". Needs a first hidden layer with 2
            inputs and 2 units (set hidden 2). 'to FILE.gif' writes an animation that deforms the plane smoothly.
            """,
            examples: ["plot transform", "plot transform to /tmp/transform.gif"],
            handler: { session, args, context in
                let (model, dataset) = try session.modelMatchingData("plot transform")
                let architecture = model.architecture
                guard architecture.inputCount == 2, architecture.hiddenSizes.first == 2 else {
                    let found = architecture.hiddenSizes.first.map { "\(architecture.inputCount) inputs and \($0) units" } ?? "no hidden layer"
                    throw NotebookError("plot transform: needs a first hidden layer with 2 inputs and 2 units (found \(found)); try set hidden 2 and init")
                }
                let layer = model.network.layers[0]
                let part = session.trainingPart(dataset)
                let X = try session.modelInputs(part.X)
                let g = architecture.hiddenActivation
                let plot = TransformPlot(points: ClassPoints(x: X.row(0), y: X.row(1), classes: part.Y.elements.map { Int($0) }),
                                         classNames: dataset.classNames ?? ["0", "1"],
                                         weights: [layer.W.row(0), layer.W.row(1)], bias: layer.b.elements,
                                         activation: { g.value($0) }, activationName: g.name,
                                         title: "\(dataset.name): how layer 1 (2 \(g) units, \(model.iteration) iterations) reshapes the plane"
                                                + (session.scaler != nil ? " (scaled inputs)" : ""))
                try render(plot, kind: "transform", args: args, session: session, context: context, command: "plot transform",
                           minimumSize: (1100, 1000))
            }),
    ]

    static func curveName(_ g: Activation) -> String {
        if case .leaky(let a) = g { return "leaky (a = \(formatShort(a)))" }
        return g.name
    }

    /// The most hidden-unit panels `plot neurons` draws per layer (and in all, when layers are drawn together).
    static let neuronPanelLimit = 16

    /// Layer `layer`'s units, all of them up to `limit`, else the `limit` with the largest outgoing weights
    /// (sum of |w| into the next layer), in their own order.
    static func strongestUnits(_ network: Network, layer: Int, limit: Int) -> [Int] {
        let count = network.layers[layer].W.rows
        guard count > limit else { return Array(0..<count) }
        let next = network.layers[layer + 1].W
        let strength = (0..<count).map { j in (0..<next.rows).reduce(0.0) { $0 + abs(next[$1, j]) } }
        return (0..<count).sorted { strength[$0] > strength[$1] || (strength[$0] == strength[$1] && $0 < $1) }.prefix(limit).sorted()
    }

    /// The colour range for one hidden unit: tanh −1…1, sigmoid 0…1, otherwise its own range (symmetric for linear).
    static func unitScale(_ g: Activation, _ values: [Double]) -> NeuronGridPlot.ColourScale {
        switch g {
        case .tanh: return .diverging(low: -1, high: 1)
        case .sigmoid: return .sequential(low: 0, high: 1)
        case .relu, .leaky:
            let low = min(values.min() ?? 0, 0), high = max(values.max() ?? 1, 1e-9)
            return low < 0 ? .diverging(low: -max(-low, high), high: max(-low, high)) : .sequential(low: 0, high: high)
        case .linear:
            let bound = max(values.map(abs).max() ?? 1, 1e-9)
            return .diverging(low: -bound, high: bound)
        }
    }

    /// Class `k`'s name, or its number when the data names fewer classes than the model has outputs.
    /// `plot hidden`: the training part at the last hidden layer's activations — a scatter with the output's line
    /// (2 units), a 3-D scatter with its plane (3), or a PCA projection beside the output's z per class (more);
    /// a note when every example lands on one point.
    static func hiddenSpacePlot(_ session: Session) throws -> HiddenSpacePlot {
        let (model, dataset) = try session.modelMatchingData("plot hidden")
        let architecture = model.architecture
        guard let width = architecture.hiddenSizes.last else {
            throw NotebookError("plot hidden: the model has no hidden layer (set hidden 0); try set hidden 2 and init")
        }
        guard width >= 2 else { throw NotebookError("plot hidden: the last hidden layer has 1 unit; it needs at least 2 (set hidden 2)") }
        guard dataset.isClassification else { throw NotebookError("plot hidden: needs class labels; \(dataset.name) has a real-valued target") }
        let layer = architecture.hiddenSizes.count
        let part = session.trainingPart(dataset)
        let A = model.network.hiddenActivations(try session.modelInputs(part.X), layer: layer)
        let classes = part.Y.elements.map { Int($0) }
        let names = dataset.classNames ?? []
        let output = model.network.layers[layer]
        let binary = architecture.output == .sigmoid
        let title = "\(dataset.name) seen by hidden layer \(layer): \(width) \(architecture.hiddenActivation) units, \(model.iteration) iterations"
        var plot: HiddenSpacePlot
        switch width {
        case 2:
            let line = binary ? SeparatingLine(w1: output.W[0, 0], w2: output.W[0, 1], b: output.b[0, 0]) : nil
            plot = HiddenSpacePlot.plane(ClassPoints(x: A.row(0), y: A.row(1), classes: classes), line: line, classNames: names,
                                         title: title, xLabel: "a\(layer)_1", yLabel: "a\(layer)_2")
        case 3:
            let plane = binary ? SeparatingPlane(w: output.W.row(0), b: output.b[0, 0]) : nil
            plot = HiddenSpacePlot.space(ClassPoints3D(x: A.row(0), y: A.row(1), z: A.row(2), classes: classes), plane: plane,
                                         classNames: names, title: title, labels: (1...3).map { "a\(layer)_\($0)" })
        default:
            let pca = PrincipalComponents(A)
            let share = String(format: "%.0f %%", (pca.explained.prefix(2).reduce(0, +)) * 100)
            let points = ClassPoints(x: pca.scores[0], y: pca.scores[1], classes: classes)
            if binary, let cut = pca.section(w: output.W.row(0), b: output.b[0, 0]) {
                // The output layer's hyperplane where it crosses the PCA plane: exact for points in that plane,
                // a guide for the rest (the title says how much variance the plane holds).
                plot = HiddenSpacePlot.plane(points, line: SeparatingLine(w1: cut.w1, w2: cut.w2, b: cut.b), classNames: names,
                                             title: title + ", PCA (\(share) of variance); line: W·a + b = 0 in this plane",
                                             xLabel: "principal component 1", yLabel: "principal component 2")
            } else {
                plot = HiddenSpacePlot.projection(points, classNames: names, title: title + ", PCA (\(share) of variance)",
                                                  xLabel: "principal component 1", yLabel: "principal component 2")
            }
            // A projection only suggests what the output's hyperplane does with all the units: beside it, the
            // output's own view (z per class), which is exact whatever the width.
            do {
                let (values, xLabel) = try outputValues(model: model, session: session, part: part, names: names)
                plot.outputView = ClassHistogramPlot(values: values, classNames: names, threshold: 0,
                                                     thresholdTitle: binary ? "z = 0 (p = 0.5)" : "margin 0 (decision)",
                                                     title: "", xLabel: xLabel, bins: 30)
            }
        }
        // The output layer is layer L = hidden layers + 1.
        plot.separatorTitle = "W\(layer + 1)·a + b\(layer + 1) = 0"
        // Every example at one point (W = 0, or units saturated alike): the picture would be one dot.
        let spread = (0..<A.rows).map { i in A.row(i).max()! - A.row(i).min()! }.max() ?? 0
        if spread < 1e-9 {
            plot.note = ["every example at one point:", "all \(width) units give one value for every input",
                         "(W\(layer) = 0: the zero-init lesson, or units saturated alike)"]
        }
        return plot
    }

    /// `plot output`: the output layer's z per class, with a note when it is one value for every example.
    static func outputHistogramPlot(_ session: Session) throws -> ClassHistogramPlot {
        let (model, dataset) = try session.modelMatchingData("plot output")
        guard dataset.isClassification, model.architecture.output != .linear else {
            throw NotebookError("plot output: needs a classifier; \(dataset.name) has a real-valued target")
        }
        let part = session.trainingPart(dataset)
        let classCount = model.architecture.output == .sigmoid ? 2 : model.architecture.outputCount
        let names = (0..<classCount).map { className(dataset, $0) }
        let (values, xLabel) = try outputValues(model: model, session: session, part: part, names: names)
        var plot = ClassHistogramPlot(
            values: values, classNames: names, threshold: 0,
            thresholdTitle: model.architecture.output == .softmax ? "margin 0 (decision)" : "z = 0 (p = 0.5)",
            title: "\(dataset.name): the output layer's view (\(networkTitle(model)), \(model.iteration) iterations, \(part.m) training examples)",
            xLabel: xLabel)
        let all = values.flatMap { $0 }
        if let low = all.min(), let high = all.max(), high - low < 1e-9 {
            plot.note = ["z = \(String(format: "%.3g", low)) for every example: the output ignores the input",
                         "(W = 0: the zero-init lesson, or every hidden unit saturated)"]
        }
        return plot
    }

    /// The output layer's view of each class for `plot output` and `plot hidden`: z = W·a + b of the output unit
    /// (sigmoid), or the true class's z minus the largest other z (softmax), per training example by class; and
    /// the axis label saying which. Z from the engine's forward pass.
    static func outputValues(model: Model, session: Session, part: Dataset, names: [String]) throws -> (values: [[Double]], xLabel: String) {
        let network = model.network
        let labels = try session.modelLabels(part, for: model).map { Int($0) }
        let outputZ = network.outputPreActivations(try session.modelInputs(part.X))
        let Z = (0..<outputZ.rows).map { outputZ.row($0) }
        let classCount = names.count
        var values = [[Double]](repeating: [], count: classCount)
        let softmax = model.architecture.output == .softmax
        for (j, label) in labels.enumerated() where label >= 0 && label < classCount {
            if softmax {
                let others = (0..<classCount).filter { $0 != label }.map { Z[$0][j] }.max() ?? 0
                values[label].append(Z[label][j] - others)
            } else {
                values[label].append(Z[0][j])
            }
        }
        let L = network.layers.count
        let xLabel = softmax ? "z of the true class − largest other z" : "z = W\(L)·a + b\(L) (p(\(names[min(1, names.count - 1)])) = σ(z))"
        return (values, xLabel)
    }

    static func className(_ dataset: Dataset, _ k: Int) -> String {
        guard let names = dataset.classNames, k < names.count else { return String(k) }
        return names[k]
    }
}
