import Foundation
import NeuralNet
import Datasets

/// The typed arguments of these commands.
private enum InspectionKeys {
    static let part = ArgumentKey<Choice>("PART")
    static let input = ArgumentKey<NumberList>("X")
    static let inputFile = ArgumentKey<String>("X")
    static let epsilon = ArgumentKey<Double>("eps")
}

extension CommandCatalog {
    static let inspection: [CommandSpec] = [
        CommandSpec(
            ["runs"], group: .inspection,
            summary: "the training runs of this session: data, network, learning rate, optimizer, iterations, final cost, accuracy",
            details: """
            A run is a model from its 'init' through every 'train' on it, numbered in order. 'plot cost runs=all' overlays
            their cost curves and 'plot boundary runs=1,3' draws their boundaries side by side. The last 100 are kept.
            """,
            examples: ["runs"],
            handler: { session, _, context in
                guard !session.runs.isEmpty else {
                    context.say("no runs yet; each 'init' followed by 'train N' is one")
                    return
                }
                let rows = session.runs.map { run -> [String] in
                    let network = ([String(run.featureCount)] + run.hidden.map(String.init) + [run.output]).joined(separator: "→")
                    return [String(run.number), run.data, network, run.activation, Format.number(run.learningRate), run.optimizer,
                            String(run.iterations), Format.cost(run.finalCost), run.trainingAccuracy.map(Format.percent) ?? "-"]
                }
                let header = ["run", "data", "network", "activation", "lr", "optimizer", "iterations", "final cost", "training accuracy"]
                let widths = header.indices.map { k in ([header[k]] + rows.map { $0[k] }).map(\.count).max() ?? 0 }
                let format = { (cells: [String]) in
                    Format.row(cells.enumerated().map { k, cell in
                        k == 0 || k >= 6 ? Format.pad(cell, widths[k]) : Format.padRight(cell, widths[k])
                    }.joined(separator: "  "))
                }
                context.say(format(header))
                for row in rows { context.say(format(row)) }
            }),
        CommandSpec(
            ["show", "shapes"], group: .inspection,
            summary: "shapes of X, W[l], b[l], Z[l], A[l] with the lecture's dimension equations",
            details: "Z[l] = W[l]·A[l−1] + b[l] is (n[l], m) = (n[l], n[l−1])·(n[l−1], m) + (n[l], 1); b is broadcast over the m columns.",
            examples: ["show shapes"],
            handler: { session, _, context in
                let dataset = try session.requireDataset("show shapes")
                let architecture = try session.model?.architecture ?? session.architecture("show shapes")
                for line in shapeLines(architecture, m: dataset.m) { context.say(line) }
                if let features = session.model.map({ $0.features }) ?? session.settings.features {
                    context.say("(X's \(features.count) rows are the feature crosses \(features.terms.joined(separator: " ")) of \(dataset.name)'s \(dataset.featureCount) features)")
                }
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
                let start = model.costsStart
                let last = model.costs.count - 1
                let step = max(1, last / 10)
                let tests = Dictionary(model.testCosts.map { ($0.iteration, $0.cost) }, uniquingKeysWith: { a, _ in a })
                let validations = Dictionary(model.validationCosts.map { ($0.iteration, $0.cost) }, uniquingKeysWith: { a, _ in a })
                context.say("iteration  cost" + (validations.isEmpty ? "" : "      validation") + (tests.isEmpty ? "" : "  test cost"))
                var shown = Array(stride(from: 0, through: last, by: step))
                if shown.last != last { shown.append(last) }
                for i in shown {
                    let validation = validations.isEmpty ? "" : "  " + (validations[start + i].map { Format.padRight(Format.cost($0), 10) } ?? String(repeating: " ", count: 10))
                    context.say(Format.row(Format.pad(String(start + i), 9) + "  " + Format.cost(model.costs[i]) + validation + (tests[start + i].map { "  " + Format.cost($0) } ?? "")))
                }
                if let best = model.costs.indices.min(by: { model.costs[$0] < model.costs[$1] }) {
                    context.say("lowest cost \(Format.cost(model.costs[best])) at iteration \(start + best) of \(start + last)"
                                + (start > 0 ? " (the history kept starts at iteration \(start))" : ""))
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
            parameters: [Parameter(InspectionKeys.part, .choice(["train", "validation", "test"]), optional: true)],
            summary: "the cost J of the current model on the training part (and the validation and test parts)",
            details: "Without PART: every part that exists. The cost includes the L2/L1 penalty when one is set, as in training.",
            examples: ["cost", "cost train"],
            handler: { session, args, context in
                let (model, dataset) = try session.modelMatchingData("cost")
                let penalty = session.settings.regularization == Regularization() ? "" : " + penalty"
                for (name, part) in try session.evaluationParts(dataset, wanted: args[InspectionKeys.part]?.word, command: "cost") {
                    let data = TrainingData(X: try session.modelInputs(part.X), T: try session.targets(part, for: model))
                    let cost = model.network.cost(data.X, targets: data.T, regularization: session.settings.regularization)
                    context.say("\(name) cost: \(Format.cost(cost)) (\(model.architecture.output.costName)\(penalty), \(part.m) examples) after \(model.iteration) iterations")
                }
            }),
        CommandSpec(
            ["accuracy"], group: .inspection,
            parameters: [Parameter(InspectionKeys.part, .choice(["train", "validation", "test"]), optional: true)],
            summary: "share of examples classified correctly (p > 0.5 for sigmoid, argmax for softmax)",
            details: "Without PART: every part that exists (training, validation, test). Beside each: the majority-class baseline (always answering the training part's most frequent class).",
            examples: ["accuracy", "accuracy train"],
            handler: { session, args, context in
                let (model, dataset) = try session.modelMatchingData("accuracy")
                guard dataset.isClassification, model.architecture.output != .linear else {
                    throw NotebookError("accuracy: \(dataset.name) has a real-valued target; use 'score'")
                }
                let parts = try session.evaluationParts(dataset, wanted: args[InspectionKeys.part]?.word, command: "accuracy")
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
            parameters: [Parameter(InspectionKeys.part, .choice(["train", "validation", "test"]), optional: true)],
            summary: "confusion matrix and per-class precision, recall, F1 (scikit-learn's layout); MSE, MAE, R² for regression",
            details: "Without PART: the test part when there is one (a split or 'load test'), else the training part.",
            examples: ["report", "report train"],
            handler: { session, args, context in
                let (model, dataset) = try session.modelMatchingData("report")
                let (name, part) = try reportPart(session, dataset, wanted: args[InspectionKeys.part]?.word, command: "report")
                let what = session.describePart(name, of: dataset, part)
                if dataset.isClassification && model.architecture.output != .linear {
                    for line in try classification(of: part, model: model, session: session).lines(data: what) {
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
            parameters: [Parameter(InspectionKeys.part, .choice(["train", "validation", "test"]), optional: true)],
            summary: "regression quality: R² and RMSE on the training part (and the validation and test parts)",
            details: "Without PART: every part that exists. RMSE is in the target's own units.",
            examples: ["score", "score train"],
            handler: { session, args, context in
                let (model, dataset) = try session.modelMatchingData("score")
                guard !dataset.isClassification || model.architecture.output == .linear else {
                    throw NotebookError("score: \(dataset.name) has classes; use 'accuracy'")
                }
                for (name, data) in try session.evaluationParts(dataset, wanted: args[InspectionKeys.part]?.word, command: "score") {
                    let predicted = model.network.predict(try session.modelInputs(data.X)).row(0)
                    let report = RegressionReport(actual: data.Y.elements, predicted: predicted)
                    context.say("\(name) score: R² = \(String(format: "%.4f", report.r2)), RMSE = \(String(format: "%.6g", report.mse.squareRoot())) \(dataset.labelName) (\(data.m) examples)")
                }
            }),
        CommandSpec(
            ["predict"], group: .inspection,
            parameters: [Parameter(InspectionKeys.input, .numbersOrPath(extensions: ["csv"]))],
            acceptsOutputPath: true,
            summary: "the model's output for one example (its feature values), or for every row of a CSV file",
            details: """
            predict FILE.csv [to OUT.csv]: the file's columns are matched to the model's features by name (one other
            column, such as the true label, may be present and is kept); each row gets the predicted class and the
            probability of every class (or the predicted value), in the model's own scaling. With 'to', the rows
            are written as CSV, atomically; without, the first 10 are shown with a count per predicted class.
            """,
            examples: ["predict 1.5 -0.3", "predict /tmp/shallow-predict.csv to /tmp/shallow-predicted.csv"],
            handler: { session, args, context in
                let model = try session.requireModel("predict")
                if let path = args[InspectionKeys.inputFile] {
                    try predictFile(path, to: args.outputPath, model: model, session: session, context: context)
                    return
                }
                if args.outputPath != nil { throw NotebookError("predict: 'to FILE' writes the predictions of a CSV file; give one: predict FILE.csv to OUT.csv") }
                let x = try args.value(InspectionKeys.input).values
                let names = model.featureNames
                guard x.count == model.dataFeatureCount else {
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
            seeded sample of 2,000 parameters, fewer when the network is wide and the data large (two forward passes per parameter, about 10¹⁰ multiply-adds at most).
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

    /// The one part `report` and `plot confusion` describe: the one asked for, else the test part when there
    /// is one, else the training part.
    static func reportPart(_ session: Session, _ dataset: Dataset, wanted: String?, command: String) throws -> (name: String, data: Dataset) {
        if let wanted { return try session.evaluationParts(dataset, wanted: wanted, command: command)[0] }
        if let test = session.testPart(dataset) { return ("test", test) }
        return ("training", session.trainingPart(dataset))
    }

    /// The model's classes against the true ones on `part`, the classes named as the model names them.
    static func classification(of part: Dataset, model: Model, session: Session) throws -> ClassificationReport {
        let actual = try session.modelLabels(part, for: model).map { Int($0) }
        let predicted = model.network.predictClasses(try session.modelInputs(part.X))
        let classCount = model.architecture.output == .sigmoid ? 2 : model.architecture.outputCount
        let names = model.classNames ?? part.classNames ?? []
        let shown = (0..<classCount).map { $0 < names.count ? names[$0] : String($0) }
        return ClassificationReport(actual: actual, predicted: predicted, classNames: shown)
    }

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
            ("features", describeFeatures(s.features)),
            ("output", s.output.rawValue + (session.dataset.flatMap { try? session.resolvedOutput(for: $0) }.map { s.output == .auto ? " (\($0.rawValue) for this data)" : "" } ?? "")),
            ("lr", formatShort(s.learningRate)),
            ("l2", formatShort(s.l2)),
            ("l1", formatShort(s.l1)),
            ("batch", s.batch.description),
            ("optimizer", s.optimizer.description),
            ("seed", String(s.seed)),
            ("plotdir", s.plotDirectory),
            ("plotsize", "\(s.plotWidth),\(s.plotHeight)"),
            ("preview", s.preview == .auto ? "auto (at a terminal: image if it shows sixel graphics, else text)" : s.preview.rawValue),
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

    /// `predict FILE.csv [to OUT.csv]`: the model's output for every row of a file whose columns include the
    /// model's features (by name, in any order) and at most one other column (kept, e.g. the true label).
    static func predictFile(_ path: String, to output: String?, model: Model, session: Session, context: Context) throws {
        let features = model.featureNames
        // First read: the header (the last column taken as the label, whatever it holds).
        let first = try readCSV(path, label: .last, target: .classes)
        let columns = first.dataset.featureNames + [first.dataset.labelName]
        let others = columns.filter { !features.contains($0) }
        guard others.count <= 1 else {
            throw NotebookError("predict: \(FileIOName.last(path)) has columns the model does not take: \(others.prefix(5).map { Format.shown($0) }.joined(separator: ", ")); it takes \(features.prefix(8).joined(separator: ", "))")
        }
        var X: Matrix
        var names: [String]
        var kept: (name: String, values: [String])?
        if let other = others.first {
            // The one other column is the label (or any tag): read it as text, the rest as the features.
            let loaded = try readCSV(path, label: .name(other), target: .classes)
            X = loaded.dataset.X
            names = loaded.dataset.featureNames
            let classNames = loaded.dataset.classNames ?? []
            kept = (other, loaded.dataset.Y.elements.map { classNames.indices.contains(Int($0)) ? classNames[Int($0)] : String($0) })
        } else {
            // Only features: the last column is a feature too; read it as numbers and put it back.
            let loaded = try readCSV(path, label: .last, target: .regression)
            X = Matrix(rows: loaded.dataset.X.rows + 1, cols: loaded.dataset.m,
                       elements: loaded.dataset.X.elements + loaded.dataset.Y.elements)
            names = loaded.dataset.featureNames + [loaded.dataset.labelName]
        }
        do {
            X = try Session.reorder(X, from: names, to: features)
        } catch let error as NotebookError {
            throw NotebookError("predict: \(FileIOName.last(path)): \(error.message)")
        }
        let a = model.network.predict(try session.modelInputs(modelOrdered: X))
        let m = X.cols
        let output_ = model.architecture.output
        let classNames = model.classNames ?? (0..<max(model.architecture.outputCount, 2)).map(String.init)
        let predicted = output_ == .linear ? [] : Network.classes(fromOutput: a, kind: output_)
        func probabilities(_ j: Int) -> [Double] {
            switch output_ {
            case .sigmoid: return [1 - a[0, j], a[0, j]]
            case .softmax: return (0..<a.rows).map { a[$0, j] }
            case .linear: return [a[0, j]]
            }
        }
        var header = features.map { quoteCSV($0) }
        if let kept { header.append(quoteCSV(kept.name)) }
        header += output_ == .linear ? ["predicted " + quoteCSV(model.labelName)]
            : ["predicted"] + classNames.prefix(output_ == .sigmoid ? 2 : a.rows).map { quoteCSV("p(\($0))") }
        var rows: [String] = []
        rows.reserveCapacity(m)
        for j in 0..<m {
            var fields = (0..<X.rows).map { formatShort(X[$0, j]) }
            if let kept { fields.append(quoteCSV(kept.values[j])) }
            if output_ == .linear {
                fields.append(String(format: "%.10g", a[0, j]))
            } else {
                let k = predicted[j]
                fields.append(quoteCSV(k < classNames.count ? classNames[k] : String(k)))
                fields += probabilities(j).map { String(format: "%.6f", $0) }
            }
            rows.append(fields.joined(separator: ","))
        }
        if let output {
            do {
                try FileIO.writeAtomically(path: output, bytes: Array(([header.joined(separator: ",")] + rows).joined(separator: "\n").utf8) + [0x0A])
            } catch {
                throw NotebookError("predict: \(error.description)")
            }
            context.wrote(output)
            context.say("wrote \(output): \(m) predictions for \(FileIOName.last(path))")
        } else {
            context.say(header.joined(separator: ","))
            for row in rows.prefix(10) { context.say(row) }
            if m > 10 { context.say("… \(m - 10) more rows; 'predict \(quoteIfNeeded(path)) to OUT.csv' writes them all") }
        }
        if output_ != .linear {
            let counts = Dictionary(predicted.map { ($0, 1) }, uniquingKeysWith: +)
            let summary = counts.sorted { $0.key < $1.key }.map { "\($0.key < classNames.count ? classNames[$0.key] : String($0.key)) \($0.value)" }
            context.say("predicted classes for \(m) rows of \(FileIOName.last(path)): " + summary.joined(separator: ", "))
        }
    }

    /// A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180).
    static func quoteCSV(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Reads a CSV file for `predict`, with the label column and target given.
    static func readCSV(_ path: String, label: CSVLoader.Label, target: CSVLoader.Target) throws -> CSVLoader.Loaded {
        do {
            return try CSVLoader.read(path: path, label: label, header: .auto, separator: .auto, target: target)
        } catch {
            throw NotebookError("predict: \(error.description)")
        }
    }
}
