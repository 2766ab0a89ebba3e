import Foundation
import NeuralNet
import Datasets
import Plotting

/// The typed arguments of these commands.
private enum SweepKeys {
    static let sizes = ArgumentKey<[Int]>("SIZES")
    static let iterations = ArgumentKey<Int>("iters")
}

extension CommandCatalog {
    static let sweep: [CommandSpec] = [
        CommandSpec(
            ["sweep", "hidden"], group: .training,
            parameters: [Parameter(SweepKeys.sizes, .integers(min: 1, max: 10_000))],
            options: [Option(SweepKeys.iterations, .integer(min: 1, max: 10_000_000), "iterations per network (default 5000)")],
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
                let dataset = try session.requireDataset("sweep hidden")
                let sizes = try args.value(SweepKeys.sizes)
                // Each size is a trained network and a panel of the picture: beyond a few dozen the grid is
                // unreadable and the run endless (a generated line once asked for 3,000).
                guard sizes.count <= maximumSweepSizes else {
                    throw NotebookError("sweep hidden: \(sizes.count) sizes; at most \(maximumSweepSizes) in one sweep")
                }
                let iterations = args[SweepKeys.iterations] ?? 5_000
                let initializer = session.model?.initializer ?? .random(scale: Initializer.defaultScale)
                let seed = session.model?.initSeed ?? session.settings.seed
                var settings = session.settings
                context.say("sweep: \(sizes.count) networks, \(iterations) iterations each, \(settings.activation) units, init \(initializer.description) seed=\(seed)")
                let header = session.split == nil ? " n_h  final cost  training accuracy  time" : " n_h  final cost  training accuracy  test accuracy  time"
                context.say(header)
                var panels: [DecisionBoundaryPlot] = []
                let plotable = dataset.featureCount == 2 && dataset.isClassification
                let grid = plotable ? try boundaryGrid(dataset.X, h: nil, resolution: 300) : nil
                for size in sizes {
                    settings.hidden = [size]
                    var scratch = session
                    scratch.settings = settings
                    let architecture = try scratch.architecture("sweep hidden")
                    try Session.checkMemory(architecture, examples: scratch.trainingPart(dataset).m, iterations: iterations, command: "sweep hidden")
                    var network = initializer.makeNetwork(architecture, seed: seed)
                    var probe = Model(network: network, seed: seed, initialization: "", featureNames: dataset.featureNames,
                                      classNames: dataset.classNames, labelName: dataset.labelName)
                    probe.scaler = session.scaler   // as 'init' would build it now
                    scratch.model = probe
                    let data = try scratch.trainingData(probe, dataset)
                    var state = OptimizerState(for: architecture)
                    var shuffle = NumpyRandom(seed: seed)
                    let started = context.now()
                    let outcome = Trainer.train(&network, data: data, epochs: iterations, settings: settings.training,
                                                optimizerState: &state, shuffle: &shuffle, shouldStop: context.shouldStop,
                                                progress: { iteration, cost in
                                                    context.progress?("n_h = \(size): iteration \(iteration)/\(iterations) · cost \(Format.cost(cost))")
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
                    var row = Format.pad(String(size), 4) + "  " + Format.pad(Format.cost(outcome.finalCost), 10) + "  " + Format.padRight(train.1, 17)
                    if let test = scratch.testPart(dataset) { row += "  " + Format.padRight(try accuracy(test).1, 13) }
                    row += "  " + Format.duration(seconds)
                    if case .cancelled(let at) = outcome.stop {
                        context.say(row + "  (interrupted at iteration \(at))")
                        context.say("sweep interrupted; the session's model is unchanged")
                        return
                    }
                    if case .diverged(let at, _, _) = outcome.stop { row += "  (diverged at iteration \(at))" }
                    context.say(row)
                    if let grid {
                        let title = "n_h = \(size): \(Format.percent(train.0))"
                        panels.append(try boundaryPlot(network, session: scratch, dataset: dataset, grid: grid, title: title))
                    }
                }
                if !panels.isEmpty {
                    let plot = BoundaryGridPlot(panels: panels, title: "\(dataset.name): \(settings.activation) hidden layer of n_h units, \(iterations) iterations each")
                    try render(plot, kind: "sweep", args: args, session: session, context: context, command: "sweep hidden",
                               minimumSize: (1400, 1000))
                } else {
                    context.say("(no plot: a boundary grid needs two features and classes)")
                }
            }),
    ]

    /// The most hidden sizes one `sweep hidden` trains and draws.
    static let maximumSweepSizes = 48
}
