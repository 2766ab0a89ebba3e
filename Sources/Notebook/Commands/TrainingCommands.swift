import Foundation
import NeuralNet
import Datasets

/// The typed arguments of the training commands.
private enum TrainingKeys {
    static let loop = FlagKey("loop")
    static let live = FlagKey("live")
    static let alpha = ArgumentKey<Double>("ALPHA")
    static let lambda = ArgumentKey<Double>("LAMBDA")
    static let batch = ArgumentKey<IntegerOrWord>("SIZE")
    static let optimizer = ArgumentKey<Choice>("NAME")
    static let beta1 = ArgumentKey<Double>("beta1")
    static let beta2 = ArgumentKey<Double>("beta2")
    static let epsilon = ArgumentKey<Double>("eps")
    static let iterations = ArgumentKey<Int>("N")
    static let every = ArgumentKey<Int>("every")
    static let patience = ArgumentKey<Int>("patience")
    static let animate = ArgumentKey<String>("animate")
    static let frames = ArgumentKey<Int>("frames")
    static let features = ArgumentKey<String>("features")
    static let validation = ArgumentKey<NumberOrWord>("FRACTION")
}

extension CommandCatalog {
    static let training: [CommandSpec] = [
        CommandSpec(
            ["set", "lr"], group: .training,
            parameters: [Parameter(TrainingKeys.alpha, .number(min: 0, max: 1e6))],
            summary: "learning rate α in θ ← θ − α·dθ (the lecture uses 1.2)",
            examples: ["set lr 1.2"],
            handler: { session, args, context in
                session.settings.learningRate = try args.value(TrainingKeys.alpha)
                context.say("learning rate: \(formatShort(session.settings.learningRate))")
            }),
        CommandSpec(
            ["set", "l2"], group: .training,
            parameters: [Parameter(TrainingKeys.lambda, .number(min: 0, max: 1e6))],
            summary: "L2 penalty λ: J += λ/(2m)·Σw² over weights (not biases)",
            examples: ["set l2 0.7", "set l2 0"],
            handler: { session, args, context in
                session.settings.l2 = try args.value(TrainingKeys.lambda)
                context.say("L2 penalty: \(formatShort(session.settings.l2))")
            }),
        CommandSpec(
            ["set", "l1"], group: .training,
            parameters: [Parameter(TrainingKeys.lambda, .number(min: 0, max: 1e6))],
            summary: "L1 penalty λ: J += λ/m·Σ|w| over weights (not biases)",
            examples: ["set l1 0.01", "set l1 0"],
            handler: { session, args, context in
                session.settings.l1 = try args.value(TrainingKeys.lambda)
                context.say("L1 penalty: \(formatShort(session.settings.l1))")
            }),
        CommandSpec(
            ["set", "batch"], group: .training,
            parameters: [Parameter(TrainingKeys.batch, .integerOr(["full"], min: 1))],
            summary: "examples per update: full (one update per epoch) or N (mini-batches, shuffled each epoch)",
            examples: ["set batch full", "set batch 64"],
            handler: { session, args, context in
                switch try args.value(TrainingKeys.batch) {
                case .integer(let n): session.settings.batch = .examples(n)
                case .word: session.settings.batch = .full
                }
                context.say("batch: \(session.settings.batch)")
            }),
        CommandSpec(
            ["set", "optimizer"], group: .training,
            parameters: [Parameter(TrainingKeys.optimizer, .choice(Optimizer.names, parameterised: ["momentum"]))],
            options: [Option(TrainingKeys.beta1, .number(min: 0, max: 0.999999), "Adam's first-moment decay (0.9)"),
                      Option(TrainingKeys.beta2, .number(min: 0, max: 0.999999999), "Adam's second-moment decay (0.999)"),
                      Option(TrainingKeys.epsilon, .number(min: 0, max: 1), "Adam's ε (1e-8)")],
            summary: "gd (plain gradient descent), momentum[=β] (0.9), adam [beta1=] [beta2=] [eps=]",
            details: "momentum (heavy ball): v ← βv + dθ, θ ← θ − αv.  adam: bias-corrected first and second moments, θ ← θ − α·m̂/(√ŝ + ε).",
            examples: ["set optimizer gd", "set optimizer momentum=0.9", "set optimizer adam beta1=0.9 beta2=0.999 eps=1e-8"],
            handler: { session, args, context in
                let choice = try args.value(TrainingKeys.optimizer)
                let (word, parameter) = (choice.word, choice.parameter)
                let adamOptions = [TrainingKeys.beta1.name, TrainingKeys.beta2.name, TrainingKeys.epsilon.name].filter(args.isGiven)
                if word != "adam", let first = adamOptions.first { throw NotebookError("set optimizer: \(first)= applies to adam only") }
                if word == "gd", parameter != nil { throw NotebookError("set optimizer: gd takes no parameter") }
                if word == "adam", parameter != nil { throw NotebookError("set optimizer: adam takes beta1=, beta2=, eps= options, not adam=") }
                if word == "momentum", let beta = parameter, !(beta >= 0 && beta < 1) {
                    throw NotebookError("set optimizer: momentum \(formatShort(beta)) is out of range, expected a number from 0 to 1 (exclusive)")
                }
                do {
                    session.settings.optimizer = try Optimizer.named(word, parameter: parameter, beta1: args[TrainingKeys.beta1],
                                                                     beta2: args[TrainingKeys.beta2], epsilon: args[TrainingKeys.epsilon])
                } catch {
                    throw NotebookError("set optimizer: \(error)")
                }
                if var model = session.model {
                    // Velocities and moments of another optimizer mean nothing to this one.
                    model.optimizerState = OptimizerState(for: model.architecture)
                    session.model = model
                }
                let lr = session.settings.chosenLearningRate == nil
                    ? " (learning rate \(formatShort(session.settings.learningRate)), its default; 'set lr' to change)" : ""
                context.say("optimizer: \(session.settings.optimizer)" + lr)
            }),
        CommandSpec(
            ["train"], group: .training,
            parameters: [Parameter(TrainingKeys.iterations, .integer(min: 0, max: 100_000_000))],
            options: [Option(TrainingKeys.every, .integer(min: 1, max: Int.max), "print the cost every K iterations (default N/10)"),
                      Option(TrainingKeys.patience, .integer(min: 1, max: 1_000_000),
                             "early stopping: stop when the validation cost has not improved for K evaluations, keep the best"),
                      Option(TrainingKeys.animate, .path(extensions: ["gif"]), "write the film of the run: boundary and cost curve at log-spaced iterations"),
                      Option(TrainingKeys.frames, .integer(min: 2, max: 500), "frames of the film (default 60)"),
                      Option(TrainingKeys.features, .text("two feature numbers I,J (1 = first), e.g. 1,3"), "with more than 2 features: the plane the film shows")],
            flags: [TrainingKeys.loop.name, TrainingKeys.live.name],
            summary: "run N epochs of gradient descent, printing the cost table",
            details: """
            Each iteration: forward pass, cost, backward pass, update (one epoch; with mini-batches, one update per batch).
            The cost at iteration i is J after i updates — the assignment's convention. Iterations continue across
            'train' commands. Ctrl-C stops after the current iteration and keeps what was learned.
            'loop' trains with the per-example implementation (the lecture's 'for i = 1 to m') and compares its time.
            With 'set validation F' the validation cost is recorded beside the training cost ('show history', 'plot cost').
            A hint, once per initialisation, when the cost stayed flat and the model answers one class for every example.
            animate=FILE.gif films the run: the boundary (or the prediction, for a real-valued target) beside the cost
            curve so far, at K log-spaced iterations (the early changes are the interesting ones), the last frame held.
            It is drawn afterwards from copies of the parameters: the numbers printed are the same without it.
            'live' (at an interactive terminal) redraws the cost curve — and the decision boundary, for two-feature
            classes — in place a few times a second while training; the table and the costs are those of 'train N'.
            """,
            examples: ["train 10000 every=1000", "train 100", "train 50 loop", "set validation 0.2; train 2000 patience=5",
                       "train 2000 live", "train 300 animate=/tmp/shallow-train.gif frames=12"],
            handler: { session, args, context in
                let iterations = try args.value(TrainingKeys.iterations)
                let perExample = args.has(TrainingKeys.loop)
                var film: FilmRequest? = nil
                if [TrainingKeys.animate.name, TrainingKeys.frames.name, TrainingKeys.features.name].contains(where: args.isGiven) {
                    film = try filmRequest(path: args[TrainingKeys.animate], frames: args[TrainingKeys.frames], features: args[TrainingKeys.features],
                                           session: session, dataset: try session.requireDataset("train"), perExample: perExample)
                }
                try runTraining(&session, iterations: iterations, every: args[TrainingKeys.every],
                                perExample: perExample, patience: args[TrainingKeys.patience], live: args.has(TrainingKeys.live),
                                film: film, args: args, context: context)
            }),
        CommandSpec(
            ["set", "validation"], group: .training,
            parameters: [Parameter(TrainingKeys.validation, .numberOr(["off"], min: 0, max: 1))],
            summary: "hold out a share of the training part for validation (stratified), or off",
            details: """
            The validation part is taken from the training part (after any split), seed 0. 'train' records its cost
            beside the training cost, 'train N patience=K' stops early on it, and 'accuracy' reports it.
            """,
            examples: ["set validation 0.1", "set validation off"],
            handler: { session, args, context in
                switch try args.value(TrainingKeys.validation) {
                case .number(let fraction): session.settings.validation = fraction
                case .word: session.settings.validation = nil
                }
                session.refitScaler()
                _ = session.scalingChanged()
                if let dataset = session.dataset, let part = session.validationPart(dataset) {
                    context.say("validation: \(part.m) examples held out of the training part (\(session.trainingPart(dataset).m) remain for training)")
                } else {
                    context.say("validation: \(session.settings.validation.map { formatShort($0) } ?? "off")")
                }
            }),
    ]

    static func runTraining(_ session: inout Session, iterations: Int, every: Int?, perExample: Bool, patience: Int? = nil,
                            live: Bool = false, film: FilmRequest? = nil, args: Arguments? = nil, context: Context) throws {
        var (model, dataset) = try session.modelMatchingData("train")
        try Session.checkMemory(model.architecture, examples: session.trainingPart(dataset).m, iterations: iterations, command: "train")
        let filmAt = film.map { filmIterations(first: model.iteration, total: iterations, frames: $0.frames) } ?? []
        if !filmAt.isEmpty {
            // A copy of the parameters per frame.
            do {
                try MemoryBudget.check(bytes: MemoryBudget.bytes(8, filmAt.count, model.architecture.parameterCount),
                                       what: "train: \(filmAt.count) frames of a network of \(model.architecture.parameterCount) parameters")
            } catch {
                throw NotebookError(error.description)
            }
        }
        let filmSet = Set(filmAt)
        var snapshots: [(iteration: Int, network: Network)] = []
        let data = try session.trainingData(model, dataset)
        let test = perExample ? nil : try session.testData(model, dataset)
        let validation = perExample ? nil : try session.validationData(model, dataset)
        if patience != nil && validation == nil {
            throw NotebookError("train: patience= stops on the validation cost; hold out a validation part first, e.g. 'set validation 0.1'")
        }
        let explicitEvery = every
        let every = every ?? max(1, iterations / 10)
        let settings = session.settings.training
        if perExample {
            guard case .gradientDescent = settings.optimizer, settings.batch == .full else {
                throw NotebookError("train: 'loop' runs plain full-batch gradient descent; use 'set optimizer gd' and 'set batch full'")
            }
        }
        // With a test set the table has a test column, printed once training ends; the training cost
        // alone streams as it goes.
        let streaming = test == nil && validation == nil
        context.say(streaming ? "iteration  cost" : "iteration  cost      " + [validation != nil ? "validation" : nil, test != nil ? "test cost" : nil].compactMap { $0 }.joined(separator: "  "))
        var liveView: LiveView?
        if live {
            if context.isInteractive, context.isTerminal, context.live != nil {
                liveView = LiveView(context: context, session: session, model: model, dataset: dataset,
                                    title: "\(dataset.name): \(networkTitle(model))")
            } else if !session.hintsShown.contains("live") {
                session.hintsShown.insert("live")
                context.say("live view needs an interactive terminal; training without it")
            }
        }
        var lastShown = context.now()
        let started = context.now()
        let first = model.iteration
        var network = model.network
        var optimizerState = model.optimizerState
        var shuffle = model.shuffle
        let onProgress: (Int, Double) -> Void = { iteration, cost in
            report(iteration, cost, first: first, total: iterations, every: every, started: started,
                   printRows: streaming, lastShown: &lastShown, context: context)
            liveView?.record(iteration, cost)
            if perExample { liveView?.tick { nil } }
        }
        let outcome: TrainingOutcome
        if perExample {
            outcome = PerExampleTrainer.train(&network, data: data, epochs: iterations, startIteration: first,
                                              learningRate: settings.learningRate, regularization: settings.regularization,
                                              shouldStop: context.shouldStop, progress: onProgress)
        } else {
            outcome = Trainer.train(&network, data: data, test: test, epochs: iterations, startIteration: first, settings: settings,
                                    optimizerState: &optimizerState, shuffle: &shuffle,
                                    testEvery: testInterval(every: every, iterations: iterations),
                                    validation: validation, patience: patience,
                                    shouldStop: context.shouldStop, progress: onProgress,
                                    observe: { iteration, parameters in
                                        liveView?.tick { parameters() }
                                        if filmSet.contains(iteration) { snapshots.append((iteration, parameters())) }
                                    })
        }
        liveView?.finish()
        context.progress?(nil)
        if let liveView, ProcessInfo.processInfo.environment["SHALLOW_LIVE_TIMING"] != nil {
            // For measuring the view's cost (not part of the record): drawings and their share of the run.
            context.emit("live view: \(liveView.drawings) drawings, \(Format.duration(liveView.drawingSeconds)) of \(Format.duration(context.now() - started))")
        }
        let seconds = context.now() - started
        if !streaming {
            let testCosts = Dictionary(outcome.testCosts.map { ($0.iteration, $0.cost) }, uniquingKeysWith: { a, _ in a })
            let validationCosts = Dictionary(outcome.validationCosts.map { ($0.iteration, $0.cost) }, uniquingKeysWith: { a, _ in a })
            for (k, cost) in outcome.costs.enumerated() where k % every == 0 || k == outcome.costs.count - 1 {
                let iteration = first + k
                let validationText = validation == nil ? "" : "  " + (validationCosts[iteration].map { Format.padRight(Format.cost($0), 10) } ?? String(repeating: " ", count: 10))
                let testText = testCosts[iteration].map { "  " + Format.cost($0) } ?? ""
                context.say(Format.row(Format.pad(String(iteration), 9) + "  " + Format.cost(cost) + validationText + testText))
            }
        }
        model.network = network
        model.optimizerState = optimizerState
        model.shuffle = shuffle
        // The history holds one cost per iteration; a resumed run starts by re-evaluating the last one.
        if model.costs.isEmpty {
            model.costsStart = first
            model.costs = outcome.costs
        } else {
            model.costs += outcome.costs.dropFirst()
        }
        model.testCosts += outcome.testCosts.filter { entry in !model.testCosts.contains { $0.iteration == entry.iteration } }
        model.validationCosts += outcome.validationCosts.filter { $0.iteration <= outcome.lastIteration && !model.validationCosts.map(\.iteration).contains($0.iteration) }
        model.iteration = outcome.lastIteration
        let done = outcome.lastIteration - first
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let summary = "\(done) iterations in \(Format.duration(seconds)) (\(Int(rate.rounded())) it/s)"
        switch outcome.stop {
        case .completed:
            let validationText = outcome.validationCosts.last.map { "; validation cost \(Format.cost($0.cost))" } ?? ""
            let testText = outcome.testCosts.last.map { "; test cost \(Format.cost($0.cost))" } ?? ""
            context.say("final cost after \(outcome.lastIteration) iterations: \(Format.cost(outcome.finalCost))\(validationText)\(testText) · \(summary)")
            flatCostHint(&session, model: model, dataset: dataset, data: data, iterations: done, context: context)
        case .cancelled(let iteration):
            context.say("interrupted at iteration \(iteration); cost \(Format.cost(outcome.finalCost)); parameters kept · \(summary)")
            // Recorded as what happened, so `save script` replays to the same parameters.
            var replay = "train \(done)"
            if let every = explicitEvery { replay += " every=\(every)" }
            if perExample { replay += " loop" }
            context.record(as: replay, note: "interrupted at iteration \(iteration); typed: train \(iterations)")
        case .diverged(let iteration, let cost, let restoredTo):
            context.say("diverged at iteration \(iteration) (cost = \(Format.cost(cost))); parameters restored to iteration \(restoredTo); try a smaller learning rate")
        case .stoppedEarly(let iteration, let best, let bestCost):
            context.say("stopped early at iteration \(iteration): the validation cost had not improved for \(patience ?? 0) evaluations; parameters restored to iteration \(best) (validation cost \(Format.cost(bestCost))) · \(summary)")
        }
        if perExample, done > 0, case .completed = outcome.stop {
            // The lecture's "justification for vectorized implementation", measured: the same iterations vectorized.
            var vectorized = model.network
            var state = OptimizerState(for: vectorized.architecture)
            var unused = NumpyRandom(seed: 0)
            let start = context.now()
            _ = Trainer.train(&vectorized, data: data, epochs: done, settings: settings, optimizerState: &state, shuffle: &unused)
            let vectorSeconds = context.now() - start
            let ratio = vectorSeconds > 0 ? seconds / vectorSeconds : 0
            context.say("per-example loop \(Format.duration(seconds)) · vectorized \(Format.duration(vectorSeconds)) for the same \(done) iterations (the loop is \(String(format: "%.0f", ratio))× slower)")
        }
        if let film, let args {
            // Frames past a stop (early, diverged, Ctrl-C) were never reached; the film ends where the run did.
            let kept = snapshots.filter { $0.iteration <= outcome.lastIteration }
                .map { (iteration: $0.iteration, cost: outcome.costs[$0.iteration - first], network: $0.network) }
            try writeFilm(film, snapshots: kept, costs: outcome.costs, firstIteration: first, model: model, dataset: dataset,
                          session: session, args: args, context: context)
            context.say("(\(kept.count) frames at log-spaced iterations \(kept.first?.iteration ?? first) to \(kept.last?.iteration ?? first))")
        }
        if done > 0 { session.recordRun(&model, dataset: dataset) }
        session.model = model
    }

    /// After a run whose cost stopped moving while the model answers one class for every training example:
    /// says so once per model, with the likely cause (unscaled features) or what to try.
    static func flatCostHint(_ session: inout Session, model: Model, dataset: Dataset, data: TrainingData, iterations: Int, context: Context) {
        let key = "flat:\(model.initialization)"
        guard dataset.isClassification, model.architecture.output != .linear, !session.hintsShown.contains(key),
              Hints.isFlat(model.costs[...], iterations: iterations) else { return }
        let predicted = model.network.predictClasses(data.X)
        guard let only = predicted.first, predicted.allSatisfy({ $0 == only }) else { return }
        let name = model.classNames.flatMap { only < $0.count ? $0[only] : nil } ?? String(only)
        var text = "hint: the cost has stayed at \(Format.cost(model.costs.last ?? 0)) for the last \(Hints.window(iterations: iterations)) iterations and the model answers '\(Format.shown(name))' for every example"
        if model.scaler == nil, let ranges = Hints.unscaledFeatures(session.trainingPart(dataset)) {
            text += ": the features are not scaled (\(ranges)); try 'scale standard', then 'init'"
        } else {
            text += ": try a larger learning rate, 'init xavier', or more hidden units"
        }
        context.say(text)
        session.hintsShown.insert(key)
    }

    /// The test cost is recorded at a divisor of the print interval (so every printed row has one),
    /// about 200 times per run at most, which keeps its cost small and the test curve smooth.
    static func testInterval(every: Int, iterations: Int) -> Int {
        let target = max(1, iterations / 200)
        return stride(from: min(target, every), through: 1, by: -1).first { every % $0 == 0 } ?? 1
    }

    /// Prints table rows every `every` iterations and the last one; refreshes the progress line ≤ 10×/s.
    static func report(_ iteration: Int, _ cost: Double, first: Int, total: Int, every: Int, started: Double,
                       printRows: Bool, lastShown: inout Double, context: Context) {
        let done = iteration - first
        if printRows && (done % every == 0 || done == total) {
            context.progress?(nil)
            context.say(Format.pad(String(iteration), 9) + "  " + Format.cost(cost))
        }
        if let progress = context.progress {
            let now = context.now()
            if now - lastShown >= 0.1 {
                lastShown = now
                let elapsed = now - started
                let rate = elapsed > 0 ? Double(done) / elapsed : 0
                let eta = rate > 0 ? Double(total - done) / rate : 0
                progress("iteration \(iteration)/\(first + total) · cost \(Format.cost(cost)) · \(Int(rate)) it/s · ETA \(Format.duration(eta))")
            }
        }
    }
}
