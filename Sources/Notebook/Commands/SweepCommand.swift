import Foundation
import NeuralNet
import Datasets
import Plotting

/// The typed arguments of these commands.
private enum SweepKeys {
    static let sizes = ArgumentKey<[Int]>("SIZES")
    static let iterations = ArgumentKey<Int>("iters")
    static let numbers = ArgumentKey<NumberList>("VALUES")
    static let words = ArgumentKey<String>("ACTIVATIONS")
    static let batches = ArgumentKey<String>("SIZES")
}

/// `iters=`, the same for every sweep.
private let iterationsOption = Option(SweepKeys.iterations, .integer(min: 1, max: 10_000_000), "iterations per network (default 5000)")

extension CommandCatalog {
    static let sweep: [CommandSpec] = [
        CommandSpec(
            ["sweep", "hidden"], group: .training,
            parameters: [Parameter(SweepKeys.sizes, .integers(min: 1, max: 10_000))],
            options: [iterationsOption],
            acceptsOutputPath: true,
            summary: "train one network per hidden size and compare them: a table and a grid of boundaries",
            details: """
            The assignment's "tuning hidden layer size": each network is built from the current settings with one
            hidden layer of the given width, initialised like the current model (or random scale=0.01 with the
            set seed), and trained with the current optimizer and learning rate. The session's own model is not
            touched. Writes plots/sweep.png (or 'to FILE'), one boundary per size titled with its accuracy.
            """,
            examples: ["sweep hidden 1 2 3 iters=200 to /tmp/sweep.png"],
            handler: { session, args, context in
                let sizes = try args.value(SweepKeys.sizes)
                try runSweep("hidden", column: "n_h", values: sizes.map(String.init), args: args, session: session, context: context) { settings, k in
                    settings.hidden = [sizes[k]]
                }
            }),
        CommandSpec(
            ["sweep", "lr"], group: .training,
            parameters: [Parameter(SweepKeys.numbers, .numbers)],
            options: [iterationsOption],
            acceptsOutputPath: true,
            summary: "train one network per learning rate: the table, a grid of boundaries and one chart of their costs",
            details: """
            As 'sweep hidden', with the current hidden sizes and one learning rate α per network (0 < α ≤ 1e6). A rate
            too large diverges: the row says at which iteration (the parameters before it are kept for its panel).
            Writes plots/sweep.png and plots/sweep-cost.png (or FILE and FILE-cost).
            """,
            examples: ["sweep lr 0.1 1.2 5 iters=200 to /tmp/sweep-lr.png"],
            handler: { session, args, context in
                let rates = try args.value(SweepKeys.numbers).values
                for rate in rates where !(rate > 0 && rate <= 1e6) {
                    throw NotebookError("sweep lr: found \(formatShort(rate)), expected learning rates from 0 (exclusive) to 1000000")
                }
                try runSweep("lr", column: "lr", values: rates.map(formatShort), args: args, session: session, context: context) { settings, k in
                    settings.learningRate = rates[k]
                }
            }),
        CommandSpec(
            ["sweep", "activation"], group: .training,
            parameters: [Parameter(SweepKeys.words, .words)],
            options: [iterationsOption],
            acceptsOutputPath: true,
            summary: "train one network per hidden activation (sigmoid tanh relu leaky[=a] linear): table, boundaries, costs",
            details: """
            As 'sweep hidden', with the current hidden sizes, learning rate and initialisation for every activation.
            Writes plots/sweep.png and plots/sweep-cost.png (or FILE and FILE-cost).
            """,
            examples: ["sweep activation sigmoid tanh relu iters=200 to /tmp/sweep-activation.png"],
            handler: { session, args, context in
                let words = try args.value(SweepKeys.words).split(separator: " ").map(String.init)
                let activations = try words.map { word -> Activation in
                    let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                    let parameter = parts.count == 2 ? Double(parts[1]) : nil
                    if parts.count == 2 && (parameter == nil || parts[0] != "leaky" || !(parameter! >= 0 && parameter! < 1)) {
                        throw NotebookError("sweep activation: found '\(Format.shown(word))', expected sigmoid, tanh, relu, leaky, leaky=A (0 ≤ A < 1) or linear")
                    }
                    do { return try Activation.named(parts[0], parameter: parameter) } catch {
                        throw NotebookError("sweep activation: found '\(Format.shown(word))', expected sigmoid, tanh, relu, leaky, leaky=A (0 ≤ A < 1) or linear")
                    }
                }
                try runSweep("activation", column: "activation", values: activations.map(curveName), args: args, session: session,
                             context: context) { settings, k in
                    settings.activation = activations[k]
                }
            }),
        CommandSpec(
            ["sweep", "l2"], group: .training,
            parameters: [Parameter(SweepKeys.numbers, .numbers)],
            options: [iterationsOption],
            acceptsOutputPath: true,
            summary: "train one network per L2 penalty λ: table, boundaries, costs (overfitting against smoothness)",
            details: "As 'sweep hidden', with the current network and one λ (0 ≤ λ ≤ 1e6) per network. The cost includes the penalty.",
            examples: ["sweep l2 0 0.1 1 iters=200 to /tmp/sweep-l2.png"],
            handler: { session, args, context in
                let lambdas = try args.value(SweepKeys.numbers).values
                for lambda in lambdas where !(lambda >= 0 && lambda <= 1e6) {
                    throw NotebookError("sweep l2: found \(formatShort(lambda)), expected penalties from 0 to 1000000")
                }
                try runSweep("l2", column: "λ", values: lambdas.map(formatShort), args: args, session: session, context: context) { settings, k in
                    settings.l2 = lambdas[k]
                }
            }),
        CommandSpec(
            ["sweep", "batch"], group: .training,
            parameters: [Parameter(SweepKeys.batches, .words)],
            options: [iterationsOption],
            acceptsOutputPath: true,
            summary: "train one network per batch size (full or N examples): table, boundaries, costs (noise against speed)",
            details: """
            As 'sweep hidden', with the current network and one batch size per network; mini-batches are shuffled each
            epoch with the init seed, as 'init' and 'train' would. An iteration is an epoch: N = 1 makes m updates per iteration.
            """,
            examples: ["sweep batch full 100 10 iters=50 to /tmp/sweep-batch.png"],
            handler: { session, args, context in
                let words = try args.value(SweepKeys.batches).split(separator: " ").map(String.init)
                var sizes: [BatchSize] = []
                for word in words {
                    if word == "full" {
                        sizes.append(.full)
                    } else if let n = Int(word), (1...10_000_000).contains(n) {
                        sizes.append(.examples(n))
                    } else {
                        throw NotebookError("sweep batch: found '\(Format.shown(word))', expected batch sizes: full or a whole number from 1 to 10000000")
                    }
                }
                try runSweep("batch", column: "batch", values: sizes.map(\.description), args: args, session: session, context: context) { settings, k in
                    settings.batch = sizes[k]
                }
            }),
    ]

    /// One network per value of a setting (`apply` sets value k), each from the same initial weights and seed,
    /// trained with the current settings otherwise: a table row per value, a grid of boundaries (two features and
    /// classes) and, except for hidden sizes, one chart of the cost curves. The session's model is not touched.
    static func runSweep(_ kind: String, column: String, values: [String], args: Arguments, session: Session, context: Context,
                         apply: (inout Settings, Int) -> Void) throws {
        let command = "sweep \(kind)"
        let dataset = try session.requireDataset(command)
        // Each value is a trained network and a panel of the picture: beyond a few dozen the grid is
        // unreadable and the run endless (a generated line once asked for 3,000).
        guard values.count <= maximumSweepSizes else {
            let noun = kind == "hidden" ? "sizes" : "values"
            throw NotebookError("\(command): \(values.count) \(noun); at most \(maximumSweepSizes) in one sweep")
        }
        let iterations = args[SweepKeys.iterations] ?? 5_000
        let initializer = session.model?.initializer ?? .random(scale: Initializer.defaultScale)
        let seed = session.model?.initSeed ?? session.settings.seed
        let base = session.settings
        let what = kind == "hidden" ? "\(base.activation) units" : kind == "activation" ? "hidden \(base.hidden.map(String.init).joined(separator: " "))"
            : "\(base.activation), hidden \(base.hidden.map(String.init).joined(separator: " "))"
        context.say("sweep: \(values.count) networks, \(iterations) iterations each, \(what), init \(initializer.description) seed=\(seed)")
        let width = max(column.count, values.map(\.count).max() ?? 1, 4)
        let header = Format.pad(column, width) + "  final cost  training accuracy" + (session.testPart(dataset) == nil ? "" : "  test accuracy") + "  time"
        context.say(header)
        var panels: [DecisionBoundaryPlot] = []
        var series: [CostComparisonPlot.Series] = []
        let plotable = dataset.featureCount == 2 && dataset.isClassification
        let grid = plotable ? try boundaryGrid(dataset.X, h: nil, resolution: 300) : nil
        for (k, value) in values.enumerated() {
            var settings = base
            apply(&settings, k)
            var scratch = session
            scratch.settings = settings
            let architecture = try scratch.architecture(command)
            try Session.checkMemory(architecture, examples: scratch.trainingPart(dataset).m, iterations: iterations, command: command)
            var network = initializer.makeNetwork(architecture, seed: seed)
            var probe = Model(network: network, seed: seed, initialization: "", featureNames: dataset.featureNames,
                              classNames: dataset.classNames, labelName: dataset.labelName)
            probe.scaler = session.scaler   // as 'init' would build it now
            probe.features = session.settings.features
            scratch.model = probe
            let data = try scratch.trainingData(probe, dataset)
            var state = OptimizerState(for: architecture)
            var shuffle = NumpyRandom(seed: seed)
            let started = context.now()
            let outcome = Trainer.train(&network, data: data, epochs: iterations, settings: settings.training,
                                        optimizerState: &state, shuffle: &shuffle, shouldStop: context.shouldStop,
                                        progress: { iteration, cost in
                                            context.progress?("\(column) = \(value): iteration \(iteration)/\(iterations) · cost \(Format.cost(cost))")
                                        })
            context.progress?(nil)
            let seconds = context.now() - started
            func accuracy(_ part: Dataset) throws -> (Double, String) {
                guard part.isClassification, architecture.output != .linear else { return (.nan, "—") }
                let correct = try scratch.correctCount(network, on: part)
                let fraction = Double(correct) / Double(part.m)
                return (fraction, "\(Format.percent(fraction)) (\(correct)/\(part.m))")
            }
            let train = try accuracy(scratch.trainingPart(dataset))
            var row = Format.pad(value, width) + "  " + Format.pad(Format.cost(outcome.finalCost), 10) + "  " + Format.padRight(train.1, 17)
            if let test = scratch.testPart(dataset) { row += "  " + Format.padRight(try accuracy(test).1, 13) }
            row += "  " + Format.duration(seconds)
            if case .cancelled(let at) = outcome.stop {
                context.say(row + "  (interrupted at iteration \(at))")
                context.say("sweep interrupted; the session's model is unchanged")
                return
            }
            if case .diverged(let at, _, _) = outcome.stop { row += "  (diverged at iteration \(at))" }
            context.say(Format.row(row))
            series.append(CostComparisonPlot.Series(name: "\(column) = \(value)", iterations: Array(outcome.costs.indices), costs: outcome.costs))
            if let grid {
                let title = "\(column) = \(value): \(Format.percent(train.0))"
                panels.append(try boundaryPlot(network, session: scratch, dataset: dataset, grid: grid, title: title))
            }
        }
        let subject = kind == "hidden" ? "\(base.activation) hidden layer of n_h units" : "\(what), by \(column)"
        if !panels.isEmpty {
            let plot = BoundaryGridPlot(panels: panels, title: "\(dataset.name): \(subject), \(iterations) iterations each")
            try render(plot, kind: "sweep", args: args, session: session, context: context, command: command, minimumSize: (1400, 1000))
        } else {
            context.say("(no boundary grid: it needs two features and classes)")
        }
        if kind != "hidden" {
            // The cost chart beside the grid: FILE-cost.EXT (plots/sweep-cost.png by default).
            let path = args.outputPath.map { path -> String in
                let ext = (path as NSString).pathExtension
                return ext.isEmpty ? path + "-cost" : (path as NSString).deletingPathExtension + "-cost." + ext
            } ?? (session.settings.plotDirectory as NSString).appendingPathComponent("sweep-cost.png")
            let plot = CostComparisonPlot(series: series, title: "\(dataset.name): cost by \(column) (\(what))", yLabel: "cost J")
            try render(plot, kind: "sweep-cost", args: args, session: session, context: context, command: command, path: path)
        }
    }

    /// The most values (hidden sizes, learning rates, …) one sweep trains and draws.
    static let maximumSweepSizes = 48
}
