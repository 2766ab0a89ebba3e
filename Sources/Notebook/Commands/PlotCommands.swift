import Foundation
import NeuralNet
import Datasets
import Plotting

/// The typed arguments of these commands.
private enum PlotKeys {
    static let log = FlagKey("log")
    static let logIterations = FlagKey("logx")
    static let folder = ArgumentKey<String>("DIR")
    static let size = ArgumentKey<String>("W,H")
    static let mode = ArgumentKey<Choice>("MODE")
    static let step = ArgumentKey<Double>("h")
    static let resolution = ArgumentKey<Int>("res")
    static let features = ArgumentKey<String>("features")
    static let part = ArgumentKey<Choice>("PART")
    static let runs = ArgumentKey<String>("runs")
}

extension CommandCatalog {
    static let plots: [CommandSpec] = [
        CommandSpec(
            ["set", "plotdir"], group: .plots,
            parameters: [Parameter(PlotKeys.folder, .path(extensions: []))],
            summary: "folder for plots written without 'to FILE' (default plots; created when needed)",
            examples: ["set plotdir plots"],
            handler: { session, args, context in
                session.settings.plotDirectory = try args.value(PlotKeys.folder)
                context.say("plot folder: \(session.settings.plotDirectory)")
            }),
        CommandSpec(
            ["set", "plotsize"], group: .plots,
            parameters: [Parameter(PlotKeys.size, .text("width,height in pixels, e.g. 1200,900"))],
            summary: "plot size in pixels (default 900,700)",
            examples: ["set plotsize 1200,900"],
            handler: { session, args, context in
                let text = try args.value(PlotKeys.size)
                let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard parts.count == 2, let width = parts[0], let height = parts[1] else {
                    throw NotebookError("set plotsize: found '\(text)', expected width,height in pixels, e.g. 1200,900")
                }
                guard PlotOptions.sizeRange.contains(width), PlotOptions.sizeRange.contains(height) else {
                    throw NotebookError("set plotsize: \(width),\(height) is out of range, expected each from \(PlotOptions.sizeRange.lowerBound) to \(PlotOptions.sizeRange.upperBound)")
                }
                session.settings.plotWidth = width
                session.settings.plotHeight = height
                context.say("plot size: \(width)×\(height) px")
            }),
        CommandSpec(
            ["set", "preview"], group: .plots,
            parameters: [Parameter(PlotKeys.mode, .choice(PreviewMode.allCases.map(\.rawValue) + ["on"]))],
            summary: "what plots also draw in the terminal: text, image (sixel), off, or auto (the default)",
            details: """
            auto: at an interactive terminal, an image when the terminal shows sixel graphics (it is asked once), \
            else text; nothing in scripts and pipes. SHALLOW_PREVIEW=text|image|off in the environment decides \
            instead of asking. text: line and scatter plots and decision boundaries as text. image: every plot \
            as a sixel image, sized to the terminal (text where stdout is not a terminal). 'on' means text.
            """,
            examples: ["set preview off", "set preview text", "set preview auto"],
            handler: { session, args, context in
                let word = try args.value(PlotKeys.mode).word
                session.settings.preview = word == "on" ? .text : PreviewMode(rawValue: word) ?? .auto
                let note = session.settings.preview == .image && context.drawOnTerminal == nil ? " (not a terminal here: text)" : ""
                context.say("preview: \(session.settings.preview.rawValue)\(note)")
            }),
        CommandSpec(
            ["plot", "cost"], group: .plots,
            options: [Option(PlotKeys.runs, .text("all or run numbers, e.g. 1,3,4"), "overlay these runs' cost curves ('runs' lists them)")],
            flags: [PlotKeys.log.name, PlotKeys.logIterations.name], acceptsOutputPath: true,
            summary: "the cost J against iteration for everything trained so far (log: logarithmic cost axis; logx: iteration axis)",
            details: "logx gives a long run's early fall as much room as its slow tail (the axis starts at iteration 1). runs=all or runs=1,3 draws several runs on one chart, named by what differs between them (activation, n_h, lr, optimizer …).",
            examples: ["plot cost", "plot cost log to /tmp/cost-log.png", "plot cost log logx to /tmp/cost-loglog.png",
                       "plot cost runs=all to /tmp/runs.png"],
            handler: { session, args, context in
                if let text = args[PlotKeys.runs] {
                    let runs = try session.selectRuns(text, command: "plot cost")
                    let names = TrainingRun.labels(runs)
                    let series = zip(runs, names).map { run, name in
                        CostComparisonPlot.Series(name: name, iterations: run.costs.map(\.iteration), costs: run.costs.map(\.cost))
                    }
                    let data = Set(runs.map(\.data)).sorted().joined(separator: ", ")
                    let plot = CostComparisonPlot(series: series, title: "\(data): cost of \(runs.count == 1 ? "run \(runs[0].number)" : "\(runs.count) runs")",
                                                  logScale: args.has(PlotKeys.log), yLabel: "cost J")
                    try render(plot, kind: "cost-runs", args: args, session: session, context: context, command: "plot cost")
                    return
                }
                let model = try session.requireModel("plot cost")
                guard model.costs.count > 1 else { throw NotebookError("plot cost: nothing trained yet; run 'train N' first") }
                let recorded = model.costsStart..<(model.costsStart + model.costs.count)
                let testCosts = model.testCosts.filter { recorded.contains($0.iteration) }
                let validationCosts = model.validationCosts.filter { recorded.contains($0.iteration) }
                var plot = CostPlot(iterations: Array(recorded), trainingCost: model.costs,
                                    testCost: testCosts.isEmpty ? nil : testCosts.map(\.cost),
                                    testIterations: testCosts.isEmpty ? nil : testCosts.map(\.iteration),
                                    title: "\(session.dataset?.name ?? "model"): \(networkTitle(model)), cost after \(model.iteration) iterations",
                                    logScale: args.has(PlotKeys.log), yLabel: "cost J (\(model.architecture.output.costName))")
                plot.logIterations = args.has(PlotKeys.logIterations)
                if !validationCosts.isEmpty {
                    plot.validationCost = validationCosts.map(\.cost)
                    plot.validationIterations = validationCosts.map(\.iteration)
                }
                try render(plot, kind: "cost", args: args, session: session, context: context, command: "plot cost")
            }),
        CommandSpec(
            ["plot", "confusion"], group: .plots,
            parameters: [Parameter(PlotKeys.part, .choice(["train", "validation", "test"]), optional: true)],
            acceptsOutputPath: true,
            summary: "the confusion matrix as a heat map with counts (rows: true class, columns: predicted)",
            details: """
            Without PART: the test part when there is one, else the training part (as 'report'). Each cell is
            coloured by its share of the true class, so the diagonal shows every class's recall.
            """,
            examples: ["plot confusion", "plot confusion train to /tmp/confusion.png"],
            handler: { session, args, context in
                let (model, dataset) = try session.modelMatchingData("plot confusion")
                guard dataset.isClassification, model.architecture.output != .linear else {
                    throw NotebookError("plot confusion: \(dataset.name) has a real-valued target; a confusion matrix needs classes")
                }
                let (name, part) = try reportPart(session, dataset, wanted: args[PlotKeys.part]?.word, command: "plot confusion")
                let report = try classification(of: part, model: model, session: session)
                let plot = ConfusionMatrixPlot(
                    counts: report.counts, classNames: report.classNames,
                    title: "\(session.describePart(name, of: dataset, part)), accuracy \(Format.percent(report.accuracy))")
                try render(plot, kind: "confusion", args: args, session: session, context: context, command: "plot confusion")
            }),
        CommandSpec(
            ["plot", "boundary"], group: .plots,
            options: [Option(PlotKeys.step, .number(min: 1e-4, max: 10), "grid step in data units (default 0.01, the lecture's)"),
                      Option(PlotKeys.resolution, .integer(min: 10, max: 4000), "grid points along the wider axis instead of h="),
                      Option(PlotKeys.features, .text("two feature numbers I,J (1 = first), e.g. 1,3"), "with more than 2 features: the two to plot against"),
                      Option(PlotKeys.runs, .text("all or run numbers, e.g. 1,3,4"), "these runs' boundaries side by side ('runs' lists them)")],
            acceptsOutputPath: true,
            summary: "the decision boundary: p(class) as a heat map, the p = 0.5 line, and the data",
            details: """
            As the lecture's plot_decision_boundary: the model is evaluated on a grid with step h = 0.01 over the
            data's range padded by 1 on each side (≈ 670,000 points on flower), drawn as a heat map with the
            p = 0.5 contour, the training points by class and test points as triangles. Softmax models show the
            predicted class, shaded by confidence. With more than two features, features=I,J picks the plane;
            the other features are held at their training mean (the title says so).
            """,
            examples: ["plot boundary", "plot boundary res=300 to /tmp/boundary.png", "plot boundary runs=all res=100 to /tmp/runs-boundary.png"],
            handler: { session, args, context in
                if let text = args[PlotKeys.runs] {
                    try runBoundaries(text, args: args, session: session, context: context)
                    return
                }
                let (model, dataset) = try session.modelMatchingData("plot boundary")
                guard dataset.isClassification, model.architecture.output != .linear else {
                    throw NotebookError("plot boundary: needs a classifier; \(dataset.name) has a real-valued target")
                }
                let features = try planeFeatures(args[PlotKeys.features], dataset: dataset, command: "plot boundary")
                let grid = try boundaryGrid(dataset.X, features: features, h: args[PlotKeys.step], resolution: args[PlotKeys.resolution])
                var title = "\(dataset.name): \(networkTitle(model)), \(model.iteration) iterations\(try accuracyText(model, dataset, session))"
                if dataset.featureCount > 2 { title += "; other features at training mean" }
                let plot = try boundaryPlot(model.network, session: session, dataset: dataset, grid: grid, features: features, title: title)
                try render(plot, kind: "boundary", args: args, session: session, context: context, command: "plot boundary")
            }),
    ]

    /// `plot boundary runs=…`: each run's boundary on the current data, side by side (one grid of panels).
    static func runBoundaries(_ text: String, args: Arguments, session: Session, context: Context) throws {
        let command = "plot boundary"
        let dataset = try session.requireDataset(command)
        let runs = try session.selectRuns(text, command: command)
        guard dataset.isClassification else { throw NotebookError("\(command): needs a classifier; \(dataset.name) has a real-valued target") }
        let features = try planeFeatures(args[PlotKeys.features], dataset: dataset, command: command)
        let grid = try boundaryGrid(dataset.X, features: features, h: args[PlotKeys.step], resolution: args[PlotKeys.resolution] ?? 200)
        var panels: [DecisionBoundaryPlot] = []
        for (run, name) in zip(runs, TrainingRun.labels(runs)) {
            guard run.data == dataset.name, run.examples == session.trainingPart(dataset).m, run.featureCount == dataset.featureCount else {
                throw NotebookError("\(command): run \(run.number) was trained on \(run.data) (\(run.examples) examples), not on the data loaded now (\(dataset.name))")
            }
            guard let network = run.network, run.output != "linear" else {
                throw NotebookError("\(command): run \(run.number)'s parameters were not kept (more than \(TrainingRun.keptParameterLimit) parameters)")
            }
            // Evaluated as that run's model: its own parameters and scaling.
            var view = session
            if view.model == nil {
                view.model = Model(network: network, seed: 0, initialization: run.initialization, featureNames: dataset.featureNames,
                                   classNames: dataset.classNames, labelName: dataset.labelName)
            }
            view.model?.network = network
            view.model?.scaler = run.scaler
            view.model?.features = run.features
            let accuracy = run.trainingAccuracy.map { ": \(Format.percent($0))" } ?? ""
            panels.append(try boundaryPlot(network, session: view, dataset: dataset, grid: grid, features: features, title: name + accuracy))
        }
        let plot = BoundaryGridPlot(panels: panels, title: "\(dataset.name): \(runs.count) runs, training accuracy in each title")
        try render(plot, kind: "boundary-runs", args: args, session: session, context: context, command: command, minimumSize: (1400, 1000))
    }

    /// The two features a plane plot shows: 1 and 2 for two-feature data, `features=I,J` otherwise.
    static func planeFeatures(_ text: String?, dataset: Dataset, command: String) throws -> (Int, Int) {
        guard let text else {
            guard dataset.featureCount == 2 else {
                throw NotebookError("\(command): \(dataset.name) has \(dataset.featureCount) features; choose two with features=I,J (e.g. features=1,2)")
            }
            return (0, 1)
        }
        let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let i = parts[0], let j = parts[1], (1...dataset.featureCount).contains(i),
              (1...dataset.featureCount).contains(j), i != j else {
            throw NotebookError("\(command): found features=\(text), expected two different feature numbers from 1 to \(dataset.featureCount), e.g. features=1,2")
        }
        return (i - 1, j - 1)
    }

    /// The grid's points as examples of the data (in its units and feature order): features I and J from the
    /// grid, the others at their training mean.
    static func planeInputs(_ grid: PlotGrid, session: Session, dataset: Dataset, features: (Int, Int)) -> Matrix {
        let points = grid.samplePoints()
        let count = points.x.count
        let part = session.trainingPart(dataset)
        var inputs = Matrix(rows: dataset.featureCount, cols: count)
        for f in 0..<dataset.featureCount {
            let row: [Double]
            if f == features.0 { row = points.x } else if f == features.1 { row = points.y } else {
                let mean = part.X.row(f).reduce(0, +) / Double(max(part.m, 1))
                row = Array(repeating: mean, count: count)
            }
            inputs.elements.replaceSubrange((f * count)..<((f + 1) * count), with: row)
        }
        return inputs
    }

    /// The model's picture over a grid of the (I, J) plane, other features at their training mean.
    static func boundaryPlot(_ network: Network, session: Session, dataset: Dataset, grid: PlotGrid,
                             features: (Int, Int) = (0, 1), title: String) throws -> DecisionBoundaryPlot {
        let output = network.predict(try session.modelInputs(planeInputs(grid, session: session, dataset: dataset, features: features)))
        let surface: DecisionBoundaryPlot.Surface
        if network.architecture.output == .softmax {
            let classes = Network.classes(fromOutput: output, kind: .softmax)
            surface = .classes(classes, confidence: classes.enumerated().map { output[$0.element, $0.offset] })
        } else {
            surface = .probability(output.elements)
        }
        let (train, test) = classPoints(session, dataset, features: features)
        return DecisionBoundaryPlot(grid: grid, surface: surface, classNames: dataset.classNames ?? [], training: train, test: test,
                                    title: title, xLabel: dataset.featureNames[features.0], yLabel: dataset.featureNames[features.1],
                                    note: constantSurfaceNote(network, output: output))
    }

    /// Why a boundary picture is blank: the model's output is the same everywhere on the grid. When the hidden
    /// units are copies of each other (W = 0 at init, and gradient descent keeps them equal), that is the
    /// lecture's zero-initialisation lesson, and the note says so.
    static func constantSurfaceNote(_ network: Network, output: Matrix) -> [String] {
        guard output.rows > 0, output.cols > 0 else { return [] }
        for k in 0..<output.rows {
            let row = output.row(k)
            guard let low = row.min(), let high = row.max(), high - low <= 1e-9 else { return [] }
        }
        let value = network.architecture.output == .softmax ? "each p(class)" : "p = " + String(format: "%.3f", output[0, 0])
        let symmetric = network.layers.dropLast().allSatisfy { layer in
            (1..<max(layer.W.rows, 1)).allSatisfy { i in layer.W.row(i) == layer.W.row(0) && layer.b[i, 0] == layer.b[0, 0] }
        }
        if !network.layers.dropLast().isEmpty && symmetric {
            return ["\(value) everywhere:", "every hidden unit computes the same thing", "(equal weights, as after init zeros: the symmetry is never broken)"]
        }
        return ["\(value) everywhere:", "the model gives the same answer at every point"]
    }

    /// `tanh, 4 hidden units` / `relu, hidden 8 4` / `logistic regression`.
    static func networkTitle(_ model: Model) -> String {
        let a = model.architecture
        let inputs = model.features.map { " on " + $0.terms.joined(separator: " ") } ?? ""
        switch a.hiddenSizes.count {
        case 0: return "logistic regression (no hidden layer)" + inputs
        case 1: return "\(a.hiddenActivation), \(a.hiddenSizes[0]) hidden unit\(a.hiddenSizes[0] == 1 ? "" : "s")" + inputs
        default: return "\(a.hiddenActivation), hidden layers \(a.hiddenSizes.map(String.init).joined(separator: " "))" + inputs
        }
    }

    static func accuracyText(_ model: Model, _ dataset: Dataset, _ session: Session) throws -> String {
        guard dataset.isClassification, model.architecture.output != .linear else { return "" }
        func accuracy(_ part: Dataset) throws -> Double {
            Double(try session.correctCount(model.network, on: part)) / Double(part.m)
        }
        let train = try accuracy(session.trainingPart(dataset))
        if let test = session.testPart(dataset) {
            return ", accuracy \(Format.percent(train)) train, \(Format.percent(try accuracy(test))) test"
        }
        return ", accuracy \(Format.percent(train))"
    }

    /// The lecture's grid: the data's range padded by 1 on each side, step h (0.01), or `res` points
    /// along the wider side.
    static func boundaryGrid(_ X: Matrix, features: (Int, Int) = (0, 1), h: Double?, resolution: Int?) throws -> PlotGrid {
        let xs = X.row(features.0), ys = X.row(features.1)
        let xMin = xs.min()! - 1, xMax = xs.max()! + 1, yMin = ys.min()! - 1, yMax = ys.max()! + 1
        let step = h ?? resolution.map { max(xMax - xMin, yMax - yMin) / Double($0) } ?? 0.01
        let count = ((xMax - xMin) / step).rounded(.up) * ((yMax - yMin) / step).rounded(.up)
        guard count <= Double(PlotGrid.maximumCount) else {
            throw NotebookError("plot boundary: h=\(formatShort(step)) gives \(Int(count)) grid points, more than \(PlotGrid.maximumCount); use a larger h= or res=")
        }
        return PlotGrid(xMin: xMin, xMax: xMax, yMin: yMin, yMax: yMax, step: step)
    }

    /// Writes a plot to `to FILE` or the default `plotdir/KIND.png`, and says where.
    /// `minimumSize` enlarges multi-panel plots so each panel stays readable.
    static func render(_ plot: some Plot, kind: String, args: Arguments, session: Session, context: Context, command: String,
                       minimumSize: (Int, Int) = (0, 0), size: (Int, Int)? = nil, path explicitPath: String? = nil) throws {
        let path = explicitPath ?? args.outputPath ?? (session.settings.plotDirectory as NSString).appendingPathComponent("\(kind).png")
        let options = PlotOptions(width: size?.0 ?? max(session.settings.plotWidth, minimumSize.0),
                                  height: size?.1 ?? max(session.settings.plotHeight, minimumSize.1))
        do {
            let result = try plot.render(to: path, options: options)
            context.wrote(result.path)
            context.say("wrote \(result.path)")
            try preview(plot, mode: previewMode(session.settings.preview, context: context), options: options, context: context)
            for warning in result.warnings.split(separator: "\n") where !warning.isEmpty {
                context.say("gnuplot: \(warning)")
            }
        } catch let error as PlotError {
            throw NotebookError("\(command): \(error.description)")
        }
    }

    /// What `set preview` means here and now: `auto` asks the environment (SHALLOW_PREVIEW), then the terminal,
    /// and previews nothing unless a person is at a terminal; `image` falls back to text off a terminal.
    static func previewMode(_ setting: PreviewMode, context: Context) -> PreviewMode {
        var mode = setting
        if mode == .auto {
            if let chosen = context.previewOverride, context.isTerminal {
                mode = chosen
            } else if context.isInteractive && context.isTerminal {
                mode = context.terminalShowsImages() ? .image : .text
            } else {
                mode = .off
            }
        }
        if mode == .image && (context.drawOnTerminal == nil || context.imagesUnavailable) { mode = .text }
        return mode
    }

    /// The preview under a written plot: terminal decoration, never part of the notebook's record.
    static func preview(_ plot: some Plot, mode: PreviewMode, options: PlotOptions, context: Context) throws {
        if mode == .image, let draw = context.drawOnTerminal {
            let (width, height) = imageSize(context: context, aspect: Double(options.height) / Double(options.width))
            do {
                draw(try plot.sixel(width: width, height: height, options: options) + Array("\n".utf8))
                return
            } catch PlotError.noSixelTerminal {
                context.imagesUnavailable = true
                context.emit("note: \(PlotError.noSixelTerminal.description)")
            }
        }
        guard mode != .off, let text = try textPreview(plot, options: options, context: context) else { return }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { context.emit(String(line)) }
    }

    /// The text rendering of the kinds that read as text, nil for the others.
    static func textPreview(_ plot: some Plot, columns: Int = 79, rows: Int = 22, options: PlotOptions, context: Context) throws -> String? {
        let colour = context.isTerminal && context.colour
        if let previewable = plot as? any TerminalPreviewable {
            return try previewable.preview(columns: columns, rows: rows, colour: colour, options: options)
        }
        return nil
    }

    /// The image's size in pixels: the plot's proportions in the terminal's width and 3/4 of its height
    /// (pixels as it reports them, else about 10 × 20 per character cell), at most 800 × 600.
    static func imageSize(context: Context, aspect: Double) -> (Int, Int) {
        let pixels = context.terminalPixels() ?? (context.columns * 10, context.rows * 20)
        let boxWidth = Double(min(pixels.width, 800)), boxHeight = Double(min(pixels.height * 3 / 4, 600))
        var width = boxWidth, height = boxWidth * aspect
        if height > boxHeight { (width, height) = (boxHeight / aspect, boxHeight) }
        let range = PlotOptions.sizeRange
        return (min(max(Int(width), range.lowerBound), range.upperBound), min(max(Int(height), range.lowerBound), range.upperBound))
    }
}
