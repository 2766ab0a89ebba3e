import Foundation
import NeuralNet
import Datasets
import Plotting

extension CommandCatalog {
    static let plots: [CommandSpec] = [
        CommandSpec(
            ["set", "plotdir"], group: .plots,
            parameters: [Parameter("DIR", .path(extensions: []))],
            summary: "folder for plots written without 'to FILE' (default plots; created when needed)",
            examples: ["set plotdir plots"],
            handler: { session, args, context in
                session.settings.plotDirectory = args.text("DIR")!
                context.say("plot folder: \(session.settings.plotDirectory)")
            }),
        CommandSpec(
            ["set", "plotsize"], group: .plots,
            parameters: [Parameter("W,H", .text("width,height in pixels, e.g. 1200,900"))],
            summary: "plot size in pixels (default 900,700)",
            examples: ["set plotsize 1200,900"],
            handler: { session, args, context in
                let text = args.text("W,H")!
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
            parameters: [Parameter("MODE", .choice(["on", "off"]))],
            summary: "also draw line and scatter plots in the terminal (default: on at a terminal, off in scripts)",
            examples: ["set preview off"],
            handler: { session, args, context in
                session.settings.preview = args.choice("MODE")!.word == "on"
                context.say("preview: \(session.settings.preview! ? "on" : "off")")
            }),
        CommandSpec(
            ["plot", "cost"], group: .plots,
            flags: ["log"], acceptsOutputPath: true,
            summary: "the cost J against iteration for everything trained so far (log: logarithmic cost axis)",
            examples: ["plot cost", "plot cost log to /tmp/cost-log.png"],
            handler: { session, args, context in
                let model = try session.requireModel("plot cost")
                guard model.costs.count > 1 else { throw NotebookError("plot cost: nothing trained yet; run 'train N' first") }
                let testCosts = model.testCosts.filter { $0.iteration < model.costs.count }
                let plot = CostPlot(iterations: Array(0..<model.costs.count), trainingCost: model.costs,
                                    testCost: testCosts.isEmpty ? nil : testCosts.map(\.cost),
                                    testIterations: testCosts.isEmpty ? nil : testCosts.map(\.iteration),
                                    title: "\(session.dataset?.name ?? "model"): \(networkTitle(model)), cost after \(model.iteration) iterations",
                                    logScale: args.has("log"), yLabel: "cost J (\(model.architecture.output.costName))")
                try render(plot, kind: "cost", args: args, session: session, context: context, command: "plot cost")
            }),
        CommandSpec(
            ["plot", "boundary"], group: .plots,
            options: [Option("h", .number(min: 1e-4, max: 10), "grid step in data units (default 0.01, the lecture's)"),
                      Option("res", .integer(min: 10, max: 4000), "grid points along the wider axis instead of h=")],
            acceptsOutputPath: true,
            summary: "the decision boundary: p(class) as a heat map, the p = 0.5 line, and the data",
            details: """
            As the lecture's plot_decision_boundary: the model is evaluated on a grid with step h = 0.01 over the
            data's range padded by 1 on each side (≈ 670,000 points on flower), drawn as a heat map with the
            p = 0.5 contour and the training points by class. Softmax models show the predicted class, shaded by confidence.
            """,
            examples: ["plot boundary", "plot boundary res=300 to /tmp/boundary.png"],
            handler: { session, args, context in
                let (model, dataset) = try session.modelMatchingData("plot boundary")
                guard dataset.isClassification, model.architecture.output != .linear else {
                    throw NotebookError("plot boundary: needs a classifier; \(dataset.name) has a real-valued target")
                }
                guard dataset.featureCount == 2 else {
                    throw NotebookError("plot boundary: needs 2 features; \(dataset.name) has \(dataset.featureCount)")
                }
                let grid = try boundaryGrid(dataset.X, h: args.number("h"), resolution: args.integer("res"))
                let points = grid.samplePoints()
                let inputs = Matrix(rows: 2, cols: points.x.count, elements: points.x + points.y)
                let output = model.network.predict(session.modelInputs(inputs))
                let surface: DecisionBoundaryPlot.Surface
                if model.architecture.output == .softmax {
                    let classes = Network.classes(fromOutput: output, kind: .softmax)
                    surface = .classes(classes, confidence: classes.enumerated().map { output[$0.element, $0.offset] })
                } else {
                    surface = .probability(output.elements)
                }
                let names = dataset.classNames ?? []
                let (train, test) = classPoints(session, dataset)
                let plot = DecisionBoundaryPlot(
                    grid: grid, surface: surface, classNames: names, training: train, test: test,
                    title: "\(dataset.name): \(networkTitle(model)), \(model.iteration) iterations\(accuracyText(model, dataset, session))",
                    xLabel: dataset.featureNames[0], yLabel: dataset.featureNames[1])
                try render(plot, kind: "boundary", args: args, session: session, context: context, command: "plot boundary")
            }),
    ]

    /// `tanh, 4 hidden units` / `relu, hidden 8 4` / `logistic regression`.
    static func networkTitle(_ model: Model) -> String {
        let a = model.architecture
        switch a.hiddenSizes.count {
        case 0: return "logistic regression (no hidden layer)"
        case 1: return "\(a.hiddenActivation), \(a.hiddenSizes[0]) hidden unit\(a.hiddenSizes[0] == 1 ? "" : "s")"
        default: return "\(a.hiddenActivation), hidden layers \(a.hiddenSizes.map(String.init).joined(separator: " "))"
        }
    }

    static func accuracyText(_ model: Model, _ dataset: Dataset, _ session: Session) -> String {
        guard dataset.isClassification, model.architecture.output != .linear else { return "" }
        func accuracy(_ part: Dataset) -> Double {
            let predicted = model.network.predictClasses(session.modelInputs(part.X))
            return Double(zip(predicted, part.Y.elements).filter { Double($0) == $1 }.count) / Double(part.m)
        }
        let train = accuracy(session.trainingPart(dataset))
        if let test = session.testPart(dataset) {
            return ", accuracy \(Format.percent(train)) train, \(Format.percent(accuracy(test))) test"
        }
        return ", accuracy \(Format.percent(train))"
    }

    /// The lecture's grid: the data's range padded by 1 on each side, step h (0.01), or `res` points
    /// along the wider side.
    static func boundaryGrid(_ X: Matrix, h: Double?, resolution: Int?) throws -> PlotGrid {
        let xs = X.row(0), ys = X.row(1)
        let xMin = xs.min()! - 1, xMax = xs.max()! + 1, yMin = ys.min()! - 1, yMax = ys.max()! + 1
        let step = h ?? resolution.map { max(xMax - xMin, yMax - yMin) / Double($0) } ?? 0.01
        let count = ((xMax - xMin) / step).rounded(.up) * ((yMax - yMin) / step).rounded(.up)
        guard count <= Double(PlotGrid.maximumCount) else {
            throw NotebookError("plot boundary: h=\(formatShort(step)) gives \(Int(count)) grid points, more than \(PlotGrid.maximumCount); use a larger h= or res=")
        }
        return PlotGrid(xMin: xMin, xMax: xMax, yMin: yMin, yMax: yMax, step: step)
    }

    /// Writes a plot to `to FILE` or the default `plotdir/KIND.png`, and says where.
    static func render(_ plot: some Plot, kind: String, args: Arguments, session: Session, context: Context, command: String) throws {
        let path = args.outputPath ?? (session.settings.plotDirectory as NSString).appendingPathComponent("\(kind).png")
        let options = PlotOptions(width: session.settings.plotWidth, height: session.settings.plotHeight)
        do {
            let result = try plot.render(to: path, options: options)
            context.wrote(result.path)
            context.say("wrote \(result.path)")
            for warning in result.warnings.split(separator: "\n") where !warning.isEmpty {
                context.say("gnuplot: \(warning)")
            }
        } catch let error as PlotError {
            throw NotebookError("\(command): \(error.description)")
        }
    }
}
