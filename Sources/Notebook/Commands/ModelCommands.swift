import NeuralNet
import Datasets

/// The typed arguments of the model commands.
private enum ModelKeys {
    static let sizes = ArgumentKey<[Int]>("SIZES")
    static let activation = ArgumentKey<Choice>("NAME")
    static let output = ArgumentKey<Choice>("KIND")
    static let seedValue = ArgumentKey<Int>("N")
    static let method = ArgumentKey<Choice>("METHOD")
    static let scale = ArgumentKey<Double>("scale")
    static let seed = ArgumentKey<Int>("seed")
    static let file = ArgumentKey<String>("FILE")
    static let terms = ArgumentKey<String>("TERMS")
}

extension CommandCatalog {
    static let model: [CommandSpec] = [
        CommandSpec(
            ["set", "hidden"], group: .model,
            parameters: [Parameter(ModelKeys.sizes, .integers(min: 0, max: 100_000))],
            summary: "hidden layer widths: 4 (one layer), 8 4 (two layers), 0 (no hidden layer: logistic regression)",
            details: "Takes effect at the next 'init'. n[1] = 4 is the lecture's network.",
            examples: ["set hidden 4", "set hidden 8 4", "set hidden 0"],
            handler: { session, args, context in
                let sizes = try args.value(ModelKeys.sizes)
                if sizes.count > 1 && sizes.contains(0) {
                    throw NotebookError("set hidden: 0 means no hidden layer and cannot be combined with other widths; found \(sizes.map(String.init).joined(separator: " "))")
                }
                session.settings.hidden = sizes == [0] ? [] : sizes
                context.say("hidden layers: \(describeHidden(session.settings.hidden))" + pendingInit(session))
            }),
        CommandSpec(
            ["set", "activation"], group: .model,
            parameters: [Parameter(ModelKeys.activation, .choice(Activation.names, parameterised: ["leaky"]))],
            summary: "hidden activation g: tanh, sigmoid, relu, leaky[=slope], linear",
            details: """
            sigmoid σ(z) = 1/(1+e^−z), σ′ = σ(1−σ);  tanh, tanh′ = 1 − tanh²;  relu max(0,z), relu′ = 0 if z < 0 else 1;
            leaky: z if z ≥ 0 else a·z (a = 0.01 unless given), leaky′ = a if z < 0 else 1;  linear g(z) = z, g′ = 1.
            Takes effect at the next 'init'.
            """,
            examples: ["set activation tanh", "set activation leaky=0.02"],
            handler: { session, args, context in
                let choice = try args.value(ModelKeys.activation)
                let (word, parameter) = (choice.word, choice.parameter)
                if let slope = parameter, word == "leaky", !(slope >= 0 && slope < 1) {
                    throw NotebookError("set activation: leaky slope \(formatShort(slope)) is out of range, expected a number from 0 to 1 (exclusive)")
                }
                let activation: Activation
                do { activation = try Activation.named(word, parameter: parameter) } catch { throw NotebookError("set activation: \(error)") }
                if parameter != nil && word != "leaky" { throw NotebookError("set activation: \(word) takes no parameter") }
                session.settings.activation = activation
                context.say("activation: \(activation)" + pendingInit(session))
            }),
        CommandSpec(
            ["set", "output"], group: .model,
            parameters: [Parameter(ModelKeys.output, .choice(OutputChoice.allCases.map(\.rawValue)))],
            summary: "output layer: auto, sigmoid (binary cross-entropy), softmax (categorical cross-entropy), linear (½·MSE)",
            details: "auto picks sigmoid for two classes, softmax for more, linear for a real-valued target. Takes effect at the next 'init'.",
            examples: ["set output auto", "set output sigmoid"],
            handler: { session, args, context in
                session.settings.output = try OutputChoice.named(try args.value(ModelKeys.output).word)
                context.say("output: \(session.settings.output.rawValue)" + pendingInit(session))
            }),
        CommandSpec(
            ["set", "features"], group: .model,
            parameters: [Parameter(ModelKeys.terms, .words)],
            summary: "the network's inputs as functions of the data's features (feature crosses), or raw",
            details: """
            Terms: products and whole powers of the features, sin and cos: x1 x2 x1^2 x2^2 x1*x2 sin(x1) cos(x1*x2).
            Features are x1, x2, … by position, or by their CSV header name (area^2, area*perimeter). One neuron
            (set hidden 0) draws a line in the plane it is given: given x1^2 and x2^2, that line is a circle in the
            original plane. Plots still draw over the original features; the model file keeps the list and
            'predict' applies it. 'set features raw' goes back to the data's own features. Takes effect at 'init'.
            """,
            examples: ["set features x1 x2 x1^2 x2^2 x1*x2", "set features x1^2 x2^2", "set features raw"],
            handler: { session, args, context in
                let words = try args.value(ModelKeys.terms).split(separator: " ").map(String.init)
                if words == ["raw"] {
                    session.settings.features = nil
                } else {
                    let features: FeatureCrosses
                    do { features = try FeatureCrosses(words) } catch let error as FeatureCrossError {
                        throw NotebookError("set features: \(error.description)")
                    }
                    if let dataset = session.dataset {
                        do { try features.check(against: dataset.featureNames) } catch let error as FeatureCrossError {
                            throw NotebookError("set features: \(error.description)")
                        }
                    }
                    session.settings.features = features
                }
                session.refitScaler()
                context.say("features: \(describeFeatures(session.settings.features))" + pendingInit(session))
            }),
        CommandSpec(
            ["set", "seed"], group: .model,
            parameters: [Parameter(ModelKeys.seedValue, .integer(min: 0, max: Int(UInt32.max)))],
            summary: "default seed for init and mini-batch shuffles (numpy-compatible)",
            examples: ["set seed 3"],
            handler: { session, args, context in
                session.settings.seed = UInt32(truncatingIfNeeded: try args.value(ModelKeys.seedValue))
                context.say("seed: \(session.settings.seed)")
            }),
        CommandSpec(
            ["init"], group: .model,
            parameters: [Parameter(ModelKeys.method, .choice(Initializer.names), optional: true)],
            options: [Option(ModelKeys.scale, .number(min: 0, max: 1e6), "weight scale for random and uniform (default 0.01)"),
                      Option(ModelKeys.seed, .integer(min: 0, max: Int(UInt32.max)), "numpy seed (default: set seed, 2)")],
            summary: "build the network from the settings and initialise its weights (biases start at 0)",
            details: """
            random: W = randn·scale (the assignment's np.random.randn(n_h, n_x) * 0.01);  uniform: W in [−scale, scale);
            xavier: randn·√(1/n[l−1]);  he: randn·√(2/n[l−1]);  zeros: W = 0 (symmetry is never broken — try it).
            Draws from numpy's legacy generator in the order W1, W2, …: equal seeds give the assignment's numbers.
            Without a kind: random scale=0.01 for gd (the lecture), xavier (tanh, sigmoid) or he (relu, leaky) for
            momentum and adam. A hint, once per data set, when features are unscaled with very different ranges.
            """,
            examples: ["init random scale=0.01 seed=2", "init", "init zeros", "init he seed=1"],
            handler: { session, args, context in
                let architecture = try session.architecture("init")
                let dataset = try session.requireDataset("init")
                try Session.checkMemory(architecture, examples: session.trainingPart(dataset).m, iterations: 0, command: "init")
                let named = args[ModelKeys.method]?.word
                let method = named ?? session.settings.defaultInitializerName
                let scale = args[ModelKeys.scale]
                if scale != nil && method != "random" && method != "uniform" {
                    throw NotebookError("init: scale= applies to random and uniform, not \(method)")
                }
                let initializer: Initializer
                do { initializer = try Initializer.named(method, scale: scale) } catch { throw NotebookError("init: \(error)") }
                let seed = args[ModelKeys.seed].map { UInt32(truncatingIfNeeded: $0) } ?? session.settings.seed
                let network = initializer.makeNetwork(architecture, seed: seed)
                let description = initializer.usesRandomness ? "\(initializer.description) seed=\(seed)" : initializer.description
                session.model = Model(network: network, seed: seed, initialization: description,
                                      featureNames: dataset.featureNames, classNames: dataset.classNames,
                                      labelName: dataset.labelName)
                session.model?.features = session.settings.features
                session.model?.initializer = initializer
                session.model?.initSeed = seed
                // The scaling fitted now, on the training part, belongs to the model from here on.
                session.model?.scaler = session.scaler
                context.say("initialised \(describe(architecture)) with \(description): \(architecture.parameterCount) parameters"
                            + (named == nil && method != "random" ? " (\(method): the default for \(session.settings.optimizer.name) with \(session.settings.activation.name))" : ""))
                let key = "scaling:\(dataset.name):\(dataset.m)"
                if session.scaler == nil, !session.hintsShown.contains(key), let ranges = Hints.unscaledFeatures(session.trainingPart(dataset)) {
                    context.say("hint: the features are not scaled (\(ranges)): large inputs saturate the units and training stalls; try 'scale standard', then 'init'")
                    session.hintsShown.insert(key)
                }
            }),
    ]

    static let modelFiles: [CommandSpec] = [
        CommandSpec(
            ["save", "model"], group: .model,
            parameters: [Parameter(ModelKeys.file, .path(extensions: ["json"]))],
            summary: "write the model (architecture, parameters, names, settings) as JSON, atomically",
            details: "Parameters are written with the shortest digits that read back to the same double: loading gives identical predictions.",
            examples: ["save model /tmp/flower-model.json"],
            handler: { session, args, context in
                let model = try session.requireModel("save model")
                let dataset = try session.requireDataset("save model")
                let path = try args.value(ModelKeys.file)
                let scaling = model.scaler.map { ModelFile.ScalingRecord(method: $0.method.rawValue, offset: $0.offset, scale: $0.scale) }
                let file = ModelFile(model: model, dataset: dataset, settings: session.settings, scaling: scaling)
                try FileOutput.write(try file.encoded(), to: path, what: "model")
                context.wrote(path)
                context.say("wrote \(path): \(describe(model.architecture)), \(model.architecture.parameterCount) parameters, \(model.iteration) iterations")
            }),
        CommandSpec(
            ["load", "model"], group: .model,
            parameters: [Parameter(ModelKeys.file, .path(extensions: ["json"]))],
            summary: "read a model saved with 'save model'; it is checked completely before it replaces anything",
            examples: ["load model /tmp/flower-model.json"],
            handler: { session, args, context in
                let path = try args.value(ModelKeys.file)
                let file = try ModelFile.decode(try FileOutput.read(path, what: "load model"), path: path)
                if let dataset = session.dataset, dataset.featureCount != file.features.count {
                    throw NotebookError("load model: \(path) takes \(file.features.count) features but the loaded data (\(dataset.name)) has \(dataset.featureCount)")
                }
                let network = file.network()
                var model = Model(network: network, seed: session.settings.seed, initialization: file.training.initialization,
                                  featureNames: file.features, classNames: file.classes, labelName: file.label)
                model.iteration = file.training.iterations
                model.features = try file.featureCrosses.map { try FeatureCrosses($0) }   // checked by decode
                // The cost history the file kept (its end), so 'plot cost' and 'show history' go on from it;
                // without one, the history starts again at the file's iteration.
                model.costsStart = file.training.iterations
                if let history = file.history, !history.costs.isEmpty {
                    model.costsStart = history.start
                    model.costs = history.costs.map { $0 ?? .nan }
                    func pairs(_ list: [[Double?]]?) -> [(iteration: Int, cost: Double)] {
                        (list ?? []).map { (Int($0[0]!), $0[1] ?? .nan) }   // shapes checked by validate
                    }
                    model.validationCosts = pairs(history.validation)
                    model.testCosts = pairs(history.test)
                }
                // The model expects inputs scaled as they were in training: its scaler comes with it, and is
                // applied unchanged to whatever data is loaded before or after. The session's scaling method
                // follows it, so a later 'init' scales the same way (fitted on the data then loaded).
                if let record = file.scaling {
                    let method = Scaler.Method(rawValue: record.method) ?? .standard
                    model.scaler = Scaler(method: method, offset: record.offset, scale: record.scale)
                    session.scaling = method
                } else {
                    session.scaling = nil
                }
                session.model = model
                session.settings.features = model.features   // a later 'init' builds the same inputs
                session.refitScaler()
                context.say("loaded \(path): \(describe(network.architecture)), \(network.architecture.parameterCount) parameters, trained \(file.training.iterations) iterations on \(file.dataset)")
            }),
    ]

    /// `x1 x2 x1^2 (3 inputs)` or `raw (the data's own)`.
    static func describeFeatures(_ features: FeatureCrosses?) -> String {
        guard let features else { return "raw (the data's own)" }
        return features.terms.joined(separator: " ") + " (\(features.count) input\(features.count == 1 ? "" : "s"))"
    }

    static func describeHidden(_ hidden: [Int]) -> String {
        hidden.isEmpty ? "none (a single neuron: logistic regression)" : hidden.map(String.init).joined(separator: " ")
    }

    /// `2 → 4 tanh → 1 sigmoid`.
    static func describe(_ architecture: Architecture) -> String {
        var parts = [String(architecture.inputCount)]
        for h in architecture.hiddenSizes { parts.append("\(h) \(architecture.hiddenActivation)") }
        parts.append("\(architecture.outputCount) \(architecture.output.rawValue)")
        return parts.joined(separator: " → ")
    }

    static func pendingInit(_ session: Session) -> String {
        session.model == nil ? "" : " (run 'init' to rebuild the model with it)"
    }
}
