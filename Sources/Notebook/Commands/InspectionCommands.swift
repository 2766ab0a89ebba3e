import Foundation
import NeuralNet
import Datasets

/// The typed arguments of these commands.
private enum InspectionKeys {
    static let part = ArgumentKey<Choice>("PART")
    static let values = ArgumentKey<NumberList>("X")
    static let epsilon = ArgumentKey<Double>("eps")
}

extension CommandCatalog {
    static let inspection: [CommandSpec] = [
        CommandSpec(
            ["show", "shapes"], group: .inspection,
            summary: "shapes of X, W[l], b[l], Z[l], A[l] with the lecture's dimension equations",
            details: "Z[l] = W[l]·A[l−1] + b[l] is (n[l], m) = (n[l], n[l−1])·(n[l−1], m) + (n[l], 1); b is broadcast over the m columns.",
            examples: ["show shapes"],
            handler: { session, _, context in
                let dataset = try session.requireDataset("show shapes")
                let architecture = try session.model?.architecture ?? session.architecture("show shapes")
                for line in shapeLines(architecture, m: dataset.m) { context.say(line) }
                if session.model == nil { context.say("(from the settings; no model yet)") }
            }),
        CommandSpec(
            ["show", "settings"], group: .inspection,
            summary: "every setting with its value, and the data and model in use",
            examples: ["show settings"],
            handler: { session, _, context in
                for line in settingsLines(session) { context.say(line) }
            }),
        CommandSpec(
            ["show", "history"], group: .inspection,
            summary: "the model's cost history: about ten evenly spaced iterations, the lowest cost, and test costs",
            examples: ["show history"],
            handler: { session, _, context in
                let model = try session.requireModel("show history")
                guard model.costs.count > 1 else { throw NotebookError("show history: nothing trained yet; run 'train N' first") }
                let last = model.costs.count - 1
                let step = max(1, last / 10)
                let tests = Dictionary(model.testCosts.map { ($0.iteration, $0.cost) }, uniquingKeysWith: { a, _ in a })
                context.say(tests.isEmpty ? "iteration  cost" : "iteration  cost      test cost")
                var shown = Array(stride(from: 0, through: last, by: step))
                if shown.last != last { shown.append(last) }
                for i in shown {
                    context.say(Format.pad(String(i), 9) + "  " + Format.cost(model.costs[i]) + (tests[i].map { "  " + Format.cost($0) } ?? ""))
                }
                if let best = model.costs.indices.min(by: { model.costs[$0] < model.costs[$1] }) {
                    context.say("lowest cost \(Format.cost(model.costs[best])) at iteration \(best) of \(last)")
                }
            }),
        CommandSpec(
            ["show", "params"], group: .inspection,
            summary: "the weights and biases of every layer (8 decimals)",
            examples: ["show params"],
            handler: { session, _, context in
                let model = try session.requireModel("show params")
                for (l, layer) in model.network.layers.enumerated() {
                    for line in Format.matrix("W\(l + 1)", layer.W) { context.say(line) }
                    for line in Format.matrix("b\(l + 1)", layer.b) { context.say(line) }
                }
                if model.architecture.hiddenSizes.count >= 1 {
                    let W1 = model.network.layers[0].W
                    let identical = (1..<W1.rows).allSatisfy { W1.row($0) == W1.row(0) }
                    if W1.rows > 1 && identical {
                        context.say("note: all \(W1.rows) hidden units of layer 1 have identical weights — symmetry is not broken, so they compute the same function")
                    }
                }
            }),
        CommandSpec(
            ["cost"], group: .inspection,
            summary: "the cost J of the current model on the training data",
            examples: ["cost"],
            handler: { session, _, context in
                let (model, dataset) = try session.modelMatchingData("cost")
                let data = try session.trainingData(model, dataset)
                let cost = model.network.cost(data.X, targets: data.T, regularization: session.settings.regularization)
                context.say("cost (\(model.architecture.output.costName)) after \(model.iteration) iterations: \(Format.cost(cost))")
            }),
        CommandSpec(
            ["accuracy"], group: .inspection,
            parameters: [Parameter(InspectionKeys.part, .choice(["train", "test"]), optional: true)],
            summary: "share of examples classified correctly (p > 0.5 for sigmoid, argmax for softmax)",
            details: "Without PART: the training part, and the test part too when a split is active.",
            examples: ["accuracy", "accuracy train"],
            handler: { session, args, context in
                let (model, dataset) = try session.modelMatchingData("accuracy")
                guard dataset.isClassification, model.architecture.output != .linear else {
                    throw NotebookError("accuracy: \(dataset.name) has a real-valued target; use 'score'")
                }
                let part = args[InspectionKeys.part]?.word
                if part == "test" && session.testPart(dataset) == nil {
                    throw NotebookError("accuracy: no test set; run 'split 0.8' or 'load test FILE.csv' first")
                }
                var parts: [(String, Dataset)] = []
                if part != "test" { parts.append(("training", session.trainingPart(dataset))) }
                if part == nil, let validation = session.validationPart(dataset) { parts.append(("validation", validation)) }
                if part != "train", let test = session.testPart(dataset) { parts.append(("test", test)) }
                // The majority-class baseline: always answering the training part's most frequent class.
                let trainingLabels = try session.modelLabels(session.trainingPart(dataset), for: model)
                let counts = Dictionary(trainingLabels.map { ($0, 1) }, uniquingKeysWith: +)
                let majority = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
                for (name, data) in parts {
                    let correct = try session.correctCount(model.network, on: data)
                    let labels = try session.modelLabels(data, for: model)
                    let baseline = majority.map { label in Double(labels.filter { $0 == label }.count) / Double(max(labels.count, 1)) }
                    context.say("\(name) accuracy: \(Format.percent(Double(correct) / Double(data.m))) (\(correct)/\(data.m))"
                                + (baseline.map { " · majority class \(Format.percent($0))" } ?? ""))
                }
            }),
        CommandSpec(
            ["report"], group: .inspection,
            parameters: [Parameter(InspectionKeys.part, .choice(["train", "test"]), optional: true)],
            summary: "confusion matrix and per-class precision, recall, F1 (scikit-learn's layout); MSE, MAE, R² for regression",
            details: "Without PART: the test part when there is one (a split or 'load test'), else the training part.",
            examples: ["report", "report train"],
            handler: { session, args, context in
                let (model, dataset) = try session.modelMatchingData("report")
                let wanted = args[InspectionKeys.part]?.word
                if wanted == "test" && session.testPart(dataset) == nil {
                    throw NotebookError("report: no test set; run 'split 0.8' or 'load test FILE.csv' first")
                }
                let useTest = wanted == "test" || (wanted == nil && session.testPart(dataset) != nil)
                let (name, part) = useTest ? ("test", session.testPart(dataset)!) : ("training", session.trainingPart(dataset))
                let what = "the \(name) \(name == "test" ? "set" : "part") of \(dataset.name) (\(part.m) examples)"
                if dataset.isClassification && model.architecture.output != .linear {
                    let actual = try session.modelLabels(part, for: model).map { Int($0) }
                    let predicted = model.network.predictClasses(try session.modelInputs(part.X))
                    let names = model.classNames ?? dataset.classNames ?? (0..<model.architecture.outputCount).map(String.init)
                    let classCount = model.architecture.output == .sigmoid ? 2 : model.architecture.outputCount
                    let shown = names.count >= classCount ? names : names + (names.count..<classCount).map(String.init)
                    for line in ClassificationReport(actual: actual, predicted: predicted, classNames: Array(shown.prefix(classCount))).lines(data: what) {
                        context.say(line)
                    }
                } else {
                    let predicted = model.network.predict(try session.modelInputs(part.X)).row(0)
                    let report = RegressionReport(actual: part.Y.elements, predicted: predicted)
                    context.say("\(name): MSE = \(String(format: "%.6g", report.mse)), MAE = \(String(format: "%.6g", report.mae)), R² = \(String(format: "%.4f", report.r2)) on \(what)")
                }
            }),
        CommandSpec(
            ["score"], group: .inspection,
            summary: "regression quality: R² and RMSE on the training part (and the test part with a split)",
            examples: ["score"],
            handler: { session, _, context in
                let (model, dataset) = try session.modelMatchingData("score")
                guard !dataset.isClassification || model.architecture.output == .linear else {
                    throw NotebookError("score: \(dataset.name) has classes; use 'accuracy'")
                }
                var parts: [(String, Dataset)] = [("training", session.trainingPart(dataset))]
                if let test = session.testPart(dataset) { parts.append(("test", test)) }
                for (name, data) in parts {
                    let predicted = model.network.predict(try session.modelInputs(data.X)).row(0)
                    let y = data.Y.elements
                    let mean = y.reduce(0, +) / Double(y.count)
                    let residual = zip(predicted, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                    let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                    let r2 = total > 0 ? 1 - residual / total : 0
                    let rmse = (residual / Double(y.count)).squareRoot()
                    context.say("\(name): R² = \(String(format: "%.4f", r2)), RMSE = \(String(format: "%.6g", rmse)) \(dataset.labelName) (\(data.m) examples)")
                }
            }),
        CommandSpec(
            ["predict"], group: .inspection,
            parameters: [Parameter(InspectionKeys.values, .numbers)],
            summary: "the model's output for one example given by its feature values",
            examples: ["predict 1.5 -0.3"],
            handler: { session, args, context in
                let model = try session.requireModel("predict")
                let x = try args.value(InspectionKeys.values).values
                let names = model.featureNames
                guard x.count == model.architecture.inputCount else {
                    throw NotebookError("predict: found \(x.count) value\(x.count == 1 ? "" : "s"), expected \(names.count) (one per feature: \(names.joined(separator: ", ")))")
                }
                let a = model.network.predict(try session.modelInputs(modelOrdered: Matrix(rows: x.count, cols: 1, elements: x)))
                context.say(describePrediction(a, model: model))
            }),
        CommandSpec(
            ["gradcheck"], group: .inspection,
            options: [Option(InspectionKeys.epsilon, .number(min: 1e-12, max: 1e-2), "finite-difference step ε (default 1e-7)")],
            summary: "check backprop against central finite differences, and time both",
            details: """
            For each parameter θ: (J(θ+ε) − J(θ−ε)) / 2ε against backprop's ∂J/∂θ; prints ‖g − n‖/(‖g‖ + ‖n‖) per
            matrix and over all parameters (the assignment's test: below 1e-7 passes). Large networks check a
            seeded sample of 2,000 parameters.
            "Why is backpropagation fast?": one backward pass gives every derivative; the numeric way needs two
            forward passes per parameter.
            """,
            examples: ["gradcheck", "gradcheck eps=1e-6"],
            handler: { session, args, context in
                let (model, dataset) = try session.modelMatchingData("gradcheck")
                let data = try session.trainingData(model, dataset)
                guard let result = GradientCheck.run(model.network, X: data.X, T: data.T,
                                                     regularization: session.settings.regularization,
                                                     epsilon: args[InspectionKeys.epsilon] ?? 1e-7, seed: session.settings.seed,
                                                     clock: context.now, shouldStop: context.shouldStop) else {
                    context.say("interrupted; no verdict")
                    return
                }
                if result.checkedCount < result.parameterCount {
                    context.say("checking a seeded sample of \(result.checkedCount) of \(result.parameterCount) parameters")
                }
                context.say("matrix  checked  relative difference  largest |backprop − numeric|")
                for entry in result.entries {
                    context.say(Format.padRight(entry.name, 6) + "  " + Format.pad("\(entry.checked)/\(entry.total)", 7) + "  "
                                + Format.padRight(String(format: "%.2e", entry.relativeDifference), 19) + "  "
                                + String(format: "%.2e", entry.maxAbsoluteDifference))
                }
                let overall = result.overallRelativeDifference
                let largestAbsolute = result.entries.map(\.maxAbsoluteDifference).max() ?? 0
                let relation = "relative difference \(String(format: "%.2e", overall)) \(overall < GradientCheck.threshold ? "<" : "≥") \(String(format: "%.0e", GradientCheck.threshold))"
                if overall < GradientCheck.threshold {
                    context.say("all parameters: \(relation): backprop is correct")
                } else if largestAbsolute < GradientCheck.roundingFloor {
                    context.say("all parameters: \(relation), but every difference is below \(String(format: "%.0e", GradientCheck.roundingFloor)), the rounding floor of finite differences at this ε: inconclusive, not wrong — try gradcheck eps=1e-5")
                } else {
                    context.say("all parameters: \(relation): backprop and finite differences DISAGREE")
                }
                if overall < GradientCheck.threshold && result.maxRelativeDifference >= GradientCheck.threshold {
                    context.say("(a matrix whose gradient is tiny shows a larger relative difference: finite differences cannot resolve much below 1e-9)")
                }
                let ratio = result.backpropSeconds > 0 ? result.numericSeconds / result.backpropSeconds : 0
                context.say("backprop \(Format.duration(result.backpropSeconds)) · numeric \(Format.duration(result.numericSeconds)) for \(result.checkedCount) parameters (\(Int(ratio.rounded()))× slower; grows with the parameter count)")
            }),
    ]

    /// `class dog · p(dog) = 0.973210` (naming the class whose probability is shown), or `y = 3.2` for regression.
    static func describePrediction(_ a: Matrix, model: Model) -> String {
        let classes = model.classNames
        switch model.architecture.output {
        case .sigmoid:
            let p = a[0, 0]
            let k = p > 0.5 ? 1 : 0
            let name = classes.flatMap { k < $0.count ? $0[k] : nil } ?? String(k)
            return "class \(name) · p(\(name)) = \(String(format: "%.6f", k == 1 ? p : 1 - p))"
        case .softmax:
            let k = Network.classes(fromOutput: a, kind: .softmax)[0]
            let name = classes.flatMap { k < $0.count ? $0[k] : nil } ?? String(k)
            return "class \(name) · p(\(name)) = \(String(format: "%.6f", a[k, 0]))"
        case .linear:
            return "\(model.labelName) = \(String(format: "%.6g", a[0, 0]))"
        }
    }

    static func settingsLines(_ session: Session) -> [String] {
        let s = session.settings
        var rows: [(String, String)] = [
            ("hidden", describeHidden(s.hidden)),
            ("activation", s.activation.description),
            ("output", s.output.rawValue + (session.dataset.flatMap { try? session.resolvedOutput(for: $0) }.map { s.output == .auto ? " (\($0.rawValue) for this data)" : "" } ?? "")),
            ("lr", formatShort(s.learningRate)),
            ("l2", formatShort(s.l2)),
            ("l1", formatShort(s.l1)),
            ("batch", s.batch.description),
            ("optimizer", s.optimizer.description),
            ("seed", String(s.seed)),
            ("plotdir", s.plotDirectory),
            ("plotsize", "\(s.plotWidth),\(s.plotHeight)"),
            ("preview", s.preview.map { $0 ? "on" : "off" } ?? "auto (on at a terminal)"),
        ]
        rows.append(("data", session.dataset.map { describe($0) } ?? "none"))
        if let model = session.model {
            rows.append(("model", "\(describe(model.architecture)), \(model.initialization), \(model.iteration) iterations"))
        } else {
            rows.append(("model", "none (run 'init')"))
        }
        rows.append(("blas", LinearAlgebraBackend.description))
        return rows.map { Format.padRight($0.0, 11) + $0.1 }
    }

    /// The lecture's shape table: `Z1 = W1·X + b1    (4, 400) = (4, 2)·(2, 400) + (4, 1)`.
    static func shapeLines(_ architecture: Architecture, m: Int) -> [String] {
        let n = architecture.layerSizes
        let L = architecture.layerCount
        var rows: [(String, String)] = [("X = A0", "(\(n[0]), \(m))")]
        for l in 1...L {
            let previous = l == 1 ? "X" : "A\(l - 1)"
            let g = l == L ? architecture.output.rawValue : architecture.hiddenActivation.name
            rows.append(("W\(l)", "(\(n[l]), \(n[l - 1]))"))
            rows.append(("b\(l)", "(\(n[l]), 1)"))
            rows.append(("Z\(l) = W\(l)·\(previous) + b\(l)", "(\(n[l]), \(m)) = (\(n[l]), \(n[l - 1]))·(\(n[l - 1]), \(m)) + (\(n[l]), 1)"))
            rows.append(("A\(l) = \(g)(Z\(l))", "(\(n[l]), \(m))"))
        }
        let width = rows.map { $0.0.count }.max() ?? 0
        return rows.map { Format.padRight($0.0, width) + "    " + $0.1 }
    }
}
