import Foundation
import NeuralNet
import Datasets
import Plotting

/// The typed arguments of the data commands.
private enum DataKeys {
    static let dataset = ArgumentKey<String>("DATASET")
    static let n = ArgumentKey<Int>("n")
    static let noise = ArgumentKey<Double>("noise")
    static let seed = ArgumentKey<Int>("seed")
    static let factor = ArgumentKey<Double>("factor")
    static let centers = ArgumentKey<Double>("centers")
    static let features = ArgumentKey<Double>("features")
    static let classes = ArgumentKey<Double>("classes")
    static let label = ArgumentKey<String>("label")
    static let header = ArgumentKey<Choice>("header")
    static let separator = ArgumentKey<Choice>("sep")
    static let task = ArgumentKey<Choice>("task")
    static let indices = ArgumentKey<String>("indices")
    static let fraction = ArgumentKey<NumberOrWord>("FRACTION")
    static let method = ArgumentKey<Choice>("METHOD")
    static let file = ArgumentKey<String>("FILE")
}

extension CommandCatalog {
    static let data: [CommandSpec] = [
        CommandSpec(
            ["load"], group: .data,
            parameters: [Parameter(DataKeys.dataset, .datasetOrPath)],
            options: [Option(DataKeys.n, .integer(min: 2, max: BuiltinDatasets.maximumCount), "number of examples (built-in data)"),
                      Option(DataKeys.noise, .number(min: 0, max: 10), "noise level (built-in data; range depends on the dataset)"),
                      Option(DataKeys.seed, .integer(min: 0, max: Int(UInt32.max)), "random seed (built-in data; flower: 1, as in the lecture)"),
                      Option(DataKeys.factor, .number(min: 0, max: 1), "circles: inner radius relative to the outer (0.5)"),
                      Option(DataKeys.centers, .integer(min: 1, max: 20), "blobs: number of clusters, one class each (3)"),
                      Option(DataKeys.features, .integer(min: 1, max: 1000), "blobs, quantiles: number of features (2)"),
                      Option(DataKeys.classes, .integer(min: 2, max: 20), "quantiles: number of classes (2)"),
                      Option(DataKeys.label, .text("a column name, a column number (1 = first) or last"), "CSV: the label column (default last)"),
                      Option(DataKeys.header, .choice(["auto", "yes", "no"]), "CSV: whether the first row names the columns (auto: detected)"),
                      Option(DataKeys.separator, .choice(["auto", ",", ";", "tab"]), "CSV: field separator (auto: sniffed from , ; and tab)"),
                      Option(DataKeys.task, .choice(["auto", "classify", "regress"]), "CSV: classes or a real-valued label (auto: text or ≤ 20 whole numbers are classes)")],
            summary: "load a built-in dataset or a CSV file as X (n_x, m) and Y (1, m)",
            details: """
            Built-in: \(BuiltinDatasets.specs.map(\.name).joined(separator: ", ")) (each seeded: the same seed gives the same data).
            \(BuiltinDatasets.specs.map { "  \($0.name): \($0.summary) — options: \($0.optionNames.joined(separator: ", "))" }.joined(separator: "\n"))
            CSV: RFC 4180 quoting, UTF-8 BOM, CRLF or LF. The label column is the last unless label= names another.
            Text or integer labels (at most 20 distinct) are classes; other numbers make a regression target.
            A broken file is refused with FILE:LINE:COLUMN and the data loaded before stays as it was.
            Loading new data removes the split and refits the scaling.
            """,
            examples: ["load flower", "load flower n=200 seed=3", "load moons n=300 noise=0.2 seed=1", "load blobs centers=3 seed=2",
                       "load nested n=400", "load /tmp/shallow-example.csv label=last header=auto sep=auto", "load /tmp/shallow-example.csv task=classify"],
            handler: { session, args, context in
                let name = try args.value(DataKeys.dataset)
                let csvOptions = [DataKeys.label.name, DataKeys.header.name, DataKeys.separator.name, DataKeys.task.name].filter(args.isGiven)
                let builtinOptions = [DataKeys.n.name, DataKeys.noise.name, DataKeys.seed.name, DataKeys.factor.name, DataKeys.centers.name,
                                      DataKeys.features.name, DataKeys.classes.name].filter(args.isGiven)
                let dataset: Dataset
                let summary: String
                if BuiltinDatasets.spec(named: name) != nil {
                    if let option = csvOptions.first { throw NotebookError("load: \(option)= applies to CSV files, not to the built-in \(name)") }
                    var extra: [String: Double] = [:]
                    for key in [DataKeys.factor, DataKeys.centers, DataKeys.features, DataKeys.classes] { if let v = args[key] { extra[key.name] = v } }
                    do {
                        // X (features × n), Y, and a copy while it is built: refused before generating.
                        let n = args[DataKeys.n] ?? 400, features = args[DataKeys.features].map { Int($0) } ?? 2
                        try MemoryBudget.check(bytes: MemoryBudget.bytes(8, 3, n, features + 1),
                                               what: "load \(name): \(n) examples × \(features) features")
                        dataset = try BuiltinDatasets.make(name: name, n: args[DataKeys.n], noise: args[DataKeys.noise],
                                                           seed: args[DataKeys.seed], options: extra)
                    } catch let error as DataError {
                        throw NotebookError("load \(name): \(error.description)")
                    }
                    summary = describe(dataset)
                } else if name.contains("/") || name.contains(".") || FileManager.default.fileExists(atPath: name) {
                    if let option = builtinOptions.first { throw NotebookError("load: \(option)= applies to built-in datasets, not to CSV files") }
                    let loaded = try readCSV(name, args: args)
                    dataset = loaded.dataset
                    summary = loaded.summary + (loaded.regressionReason.map { "\n(a real-valued target: \($0); task=classify makes them classes)" } ?? "")
                } else {
                    let suggestion = nearest(name, among: BuiltinDatasets.names).map { "; did you mean '\($0)'?" } ?? ""
                    throw NotebookError("load: unknown dataset '\(name)', expected one of \(BuiltinDatasets.names.joined(separator: ", ")) or a FILE.csv\(suggestion)")
                }
                let hadSplit = session.split != nil
                session.dataset = dataset
                session.split = nil
                session.refitScaler()
                for line in summary.split(separator: "\n") { context.say(String(line)) }
                if hadSplit { context.say("(the split was removed: run 'split' again to hold out a test set)") }
                if let test = session.testSet, test.featureNames != dataset.featureNames || test.classNames != dataset.classNames {
                    session.testSet = nil
                    context.say("(the test set \(test.name) was removed: its features or classes differ; load it again with 'load test')")
                }
                if let model = session.model, model.dataFeatureCount != dataset.featureCount {
                    context.say("(the model takes \(model.dataFeatureCount) feature\(model.dataFeatureCount == 1 ? "" : "s"): run 'init' to build one for this data)")
                }
            }),
        CommandSpec(
            ["load", "test"], group: .data,
            parameters: [Parameter(DataKeys.file, .path(extensions: ["csv"]))],
            options: [Option(DataKeys.label, .text("a column name, a column number (1 = first) or last"), "the label column (default last)"),
                      Option(DataKeys.header, .choice(["auto", "yes", "no"]), "whether the first row names the columns (auto: detected)"),
                      Option(DataKeys.separator, .choice(["auto", ",", ";", "tab"]), "field separator (auto: sniffed from , ; and tab)"),
                      Option(DataKeys.task, .choice(["auto", "classify", "regress"]), "classes or a real-valued label (as for load)")],
            summary: "load a held-out test set from a CSV file, matched to the training data (or the model) by names",
            details: """
            The file's features are matched to the training data's (or, with no data loaded, the model's) by name:
            columns in another order are reordered, and said so; a missing or an extra feature is refused, naming it.
            Its classes are matched by name; a class the training data does not have is refused, naming it and its row.
            The test set replaces a split's test part: 'accuracy test', 'score', 'train' (test cost) use it.
            """,
            examples: ["load test /tmp/shallow-example.csv"],
            handler: { session, args, context in
                let path = try args.value(DataKeys.file)
                guard let names = session.dataset?.featureNames ?? session.model?.featureNames else {
                    throw NotebookError("load test: load the training data (or a model) first, so the test set can be matched to it")
                }
                let classes = session.dataset.map { $0.classNames } ?? session.model?.classNames
                let loaded = try readCSV(path, args: args)
                var test = loaded.dataset
                let X: Matrix
                do {
                    X = try Session.reorder(test.X, from: test.featureNames, to: names)
                } catch let error as NotebookError {
                    throw NotebookError("load test: \(FileIOName.last(path)): \(error.message)")
                }
                let reordered = test.featureNames != names
                switch (classes, test.classNames) {
                case (let reference?, let own?):
                    let mapping: [Double]
                    switch Session.classMapping(own, into: reference) {
                    case .success(let found): mapping = found
                    case .failure(let unknown):
                        let row = test.Y.elements.firstIndex { Int($0) == unknown.index }.map { " (first in row \($0 + 1))" } ?? ""
                        throw NotebookError("load test: \(FileIOName.last(path)) has class '\(Format.shown(unknown.name))'\(row), which the training data does not have (it has \(reference.prefix(10).map { Format.shown($0) }.joined(separator: ", ")))")
                    }
                    test = Dataset(name: test.name, X: X, Y: Matrix(rows: 1, cols: test.m, elements: test.Y.elements.map { mapping[Int($0)] }),
                                   featureNames: names, classNames: reference, labelName: test.labelName)
                case (nil, nil):
                    test = Dataset(name: test.name, X: X, Y: test.Y, featureNames: names, classNames: nil, labelName: test.labelName)
                case (.some, nil):
                    throw NotebookError("load test: \(FileIOName.last(path)) has a real-valued label but the training data has classes; is label= the right column?")
                case (nil, .some):
                    throw NotebookError("load test: \(FileIOName.last(path)) has class labels but the training data has a real-valued target; is label= the right column?")
                }
                session.testSet = test
                context.say("test set: " + loaded.summary)
                if reordered {
                    // Name the first column that moved, so the user can see what "matched" means here.
                    let moved = loaded.dataset.featureNames.indices.first { loaded.dataset.featureNames[$0] != names[$0] } ?? 0
                    let target = names.firstIndex(of: loaded.dataset.featureNames[moved]) ?? moved
                    context.say("(\(FileIOName.last(path)): columns in another order, matched by name: its feature \(moved + 1) '\(Format.shown(loaded.dataset.featureNames[moved]))' is the training data's feature \(target + 1))")
                }
                if session.split != nil { context.say("(the test set replaces the split's test part)") }
            }),
        CommandSpec(
            ["split"], group: .data,
            parameters: [Parameter(DataKeys.fraction, .numberOr(["off"], min: 0, max: 1), optional: true)],
            options: [Option(DataKeys.seed, .integer(min: 0, max: Int(UInt32.max)), "shuffle seed (default 0)"),
                      Option(DataKeys.indices, .path(extensions: ["txt", "csv"]),
                             "a file of 0-based row numbers that form the test set (as numpy.savetxt writes them)")],
            summary: "hold out a test set: split 0.8 keeps 80 % for training (stratified by class); split off undoes it",
            details: """
            Classes keep their proportions in both parts. The scaling is refitted on the training part; 'train' then
            records the test cost beside the training cost, and 'accuracy test' / 'score' report held-out figures.
            """,
            examples: ["split 0.8", "split 0.7 seed=3", "split off", "split indices=/tmp/shallow-test-rows.txt"],
            handler: { session, args, context in
                let dataset = try session.requireDataset("split")
                if let path = args[DataKeys.indices] {
                    if args[DataKeys.fraction] != nil || args[DataKeys.seed] != nil {
                        throw NotebookError("split: indices= gives the test rows itself; it takes no fraction or seed=")
                    }
                    let test = try testRows(path, count: dataset.m)
                    let isTest = Set(test)
                    session.split = DataSplit(train: (0..<dataset.m).filter { !isTest.contains($0) }, test: test,
                                              fraction: Double(dataset.m - test.count) / Double(dataset.m), seed: 0)
                    session.refitScaler()
                    let scalingNote = session.scalingChanged()
                    context.say("split: \(dataset.m - test.count) training, \(test.count) test examples, test rows from \(FileIOName.last(path))")
                    if let scalingNote { context.say(scalingNote) }
                    return
                }
                guard let choice = args[DataKeys.fraction] else {
                    throw NotebookError("split: expected a training fraction (split 0.8), off, or indices=FILE")
                }
                guard case .number(let fraction) = choice else {
                    session.split = nil
                    session.refitScaler()
                    let scalingNote = session.scalingChanged()
                    context.say("no split: training on all \(dataset.m) examples")
                    if let scalingNote { context.say(scalingNote) }
                    return
                }
                let seed = UInt32(truncatingIfNeeded: args[DataKeys.seed] ?? 0)
                do {
                    session.split = try dataset.split(fraction: fraction, seed: seed)
                } catch let error as DataError {
                    throw NotebookError("split: \(error.description)")
                }
                session.refitScaler()
                let scalingNote = session.scalingChanged()
                let split = session.split!
                context.say("split: \(split.train.count) training, \(split.test.count) test examples" + (dataset.isClassification ? " (stratified by class)" : "") + ", seed \(seed)")
                if let scalingNote { context.say(scalingNote) }
            }),
        CommandSpec(
            ["scale"], group: .data,
            parameters: [Parameter(DataKeys.method, .choice(["standard", "minmax", "off"]))],
            summary: "scale the features: standard (mean 0, variance 1), minmax (to [0, 1]) or off",
            details: """
            Fitted on the training part only (the test part never leaks into it). 'init' gives the fit to the model,
            which applies it unchanged to everything it sees from then on — training and test data, data loaded later,
            'predict' inputs and plot grids — whatever the order of commands. An untrained model takes a new fit; a
            trained one keeps its own until the next 'init'. Plots and 'predict' stay in original units.
            Raw features in the thousands saturate tanh and sigmoid units; scaling is the cure.
            """,
            examples: ["scale standard", "scale minmax", "scale off"],
            handler: { session, args, context in
                let word = try args.value(DataKeys.method).word
                session.scaling = word == "off" ? nil : Scaler.Method(rawValue: word)
                session.refitScaler()
                let scalingNote = session.scalingChanged()
                if let scaler = session.scaler, let dataset = session.dataset {
                    let fit = session.split.map { "the \($0.train.count) training examples" } ?? "all \(dataset.m) examples"
                    context.say("scaling: \(word), fitted on \(fit) (\(scaler.featureCount) features)")
                } else {
                    context.say("scaling: \(word)" + (session.dataset == nil && word != "off" ? " (fitted when data is loaded)" : ""))
                }
                if let scalingNote { context.say(scalingNote) }
            }),
        CommandSpec(
            ["show", "data"], group: .data,
            summary: "m, n_x, classes and counts (or target range), per-feature min / mean / max, split and scaling",
            examples: ["show data"],
            handler: { session, _, context in
                let dataset = try session.requireDataset("show data")
                for line in DataSummary(dataset).lines { context.say(line) }
                if let split = session.split {
                    context.say("split: \(split.train.count) training, \(split.test.count) test (fraction \(formatShort(split.fraction)), seed \(split.seed))")
                } else {
                    context.say("split: none (all examples train)")
                }
                if let test = session.testSet { context.say("test set: \(test.name), \(test.m) examples (loaded with 'load test')") }
                context.say("scaling: \(session.scaling?.rawValue ?? "off")")
            }),
        CommandSpec(
            ["save", "data"], group: .data,
            parameters: [Parameter(DataKeys.file, .path(extensions: ["csv"]))],
            summary: "write the current dataset (original units, all examples) as CSV, atomically",
            examples: ["save data /tmp/flower.csv"],
            handler: { session, args, context in
                let dataset = try session.requireDataset("save data")
                let path = try args.value(DataKeys.file)
                do {
                    try CSVWriter.write(dataset, to: path)
                } catch let error as DataError {
                    throw NotebookError("save data: \(error.description)")
                }
                context.wrote(path)
                context.say("wrote \(path): \(dataset.m) rows × \(dataset.featureCount + 1) columns")
            }),
        CommandSpec(
            ["plot", "data"], group: .plots,
            acceptsOutputPath: true,
            summary: "the dataset: points by class (or coloured by the target), test points marked apart",
            examples: ["plot data", "plot data to /tmp/data.png"],
            handler: { session, args, context in
                let dataset = try session.requireDataset("plot data")
                guard dataset.featureCount >= 2 else { throw NotebookError("plot data: needs at least 2 features; \(dataset.name) has \(dataset.featureCount)") }
                let title = "\(dataset.name): \(dataset.m) examples" + (dataset.featureCount > 2 ? " (features 1 and 2 of \(dataset.featureCount))" : "")
                let plot: ScatterPlot
                if let names = dataset.classNames {
                    let (train, test) = classPoints(session, dataset)
                    plot = ScatterPlot(points: train, classNames: names, test: test, title: title,
                                       xLabel: dataset.featureNames[0], yLabel: dataset.featureNames[1])
                } else {
                    plot = ScatterPlot(x: dataset.X.row(0), y: dataset.X.row(1), values: dataset.Y.elements, valueLabel: dataset.labelName,
                                       title: title, xLabel: dataset.featureNames[0], yLabel: dataset.featureNames[1])
                }
                try render(plot, kind: "data", args: args, session: session, context: context, command: "plot data")
            }),
    ]

    /// Training and test points (features 1 and 2, original units) by class.
    static func classPoints(_ session: Session, _ dataset: Dataset, features: (Int, Int) = (0, 1)) -> (ClassPoints, ClassPoints?) {
        func points(_ part: Dataset) -> ClassPoints {
            ClassPoints(x: part.X.row(features.0), y: part.X.row(features.1), classes: part.Y.elements.map { Int($0) })
        }
        return (points(session.trainingPart(dataset)), session.testPart(dataset).map(points))
    }

    /// The one-line summary `load` prints for built-in data.
    static func describe(_ dataset: Dataset) -> String {
        var line = "\(dataset.name): \(dataset.m) examples × \(dataset.featureCount) features"
        if let names = dataset.classNames {
            let counts = dataset.classCounts
            line += "; \(names.count) class\(names.count == 1 ? "" : "es") (" + zip(names, counts).map { "\($0): \($1)" }.joined(separator: ", ") + ")"
        } else {
            let y = dataset.Y.elements
            line += "; target \(dataset.labelName) from \(formatShort(y.min() ?? 0)) to \(formatShort(y.max() ?? 0))"
        }
        return line
    }

    /// The test rows named by a file of 0-based row numbers separated by blanks, commas or line breaks
    /// (numpy.savetxt's `1.000000000000000000e+00` is accepted: a whole number written as a float). Every
    /// number must be a whole number, in range, and not repeated; at least one row must stay for training.
    static func testRows(_ path: String, count m: Int) throws -> [Int] {
        let text = try FileOutput.read(path, what: "split")
        var rows: [Int] = []
        var seen = Set<Int>()
        for (lineIndex, line) in Interpreter.lines(text).enumerated() {
            let trimmed = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            for token in trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) {
                let where_ = "\(FileIOName.last(path)):\(lineIndex + 1)"
                guard let value = Double(token), value.isFinite, value.rounded() == value, abs(value) < 1e15 else {
                    throw NotebookError("split: \(where_): found '\(Format.shown(String(token)))', expected a 0-based row number")
                }
                let row = Int(value)
                guard row >= 0 && row < m else {
                    throw NotebookError("split: \(where_): row \(row) is out of range, expected 0 to \(m - 1) (the data has \(m) examples)")
                }
                guard seen.insert(row).inserted else {
                    throw NotebookError("split: \(where_): row \(row) is listed twice")
                }
                rows.append(row)
            }
        }
        guard !rows.isEmpty else { throw NotebookError("split: \(FileIOName.last(path)) lists no rows") }
        guard rows.count < m else { throw NotebookError("split: \(FileIOName.last(path)) lists every row; at least one must stay for training") }
        return rows.sorted()
    }

    /// Reads a CSV file with the `label=`, `header=` and `sep=` options of `load` and `load test`.
    static func readCSV(_ path: String, args: Arguments) throws -> CSVLoader.Loaded {
        let label: CSVLoader.Label
        let labelText = args[DataKeys.label] ?? "last"
        if labelText == "last" {
            label = .last
        } else if let index = Int(labelText) {
            label = .index(index)
        } else {
            label = .name(labelText)
        }
        let header: CSVLoader.Header = ["yes": .yes, "no": .no][args[DataKeys.header]?.word ?? "auto"] ?? .auto
        let separator: CSVLoader.Separator = [",": .comma, ";": .semicolon, "tab": .tab][args[DataKeys.separator]?.word ?? "auto"] ?? .auto
        let target: CSVLoader.Target = ["classify": .classes, "regress": .regression][args[DataKeys.task]?.word ?? "auto"] ?? .auto
        do {
            return try CSVLoader.read(path: path, label: label, header: header, separator: separator, target: target)
        } catch {
            throw NotebookError(error.description)
        }
    }
}

/// The last component of a path, for messages (`data/test.csv` → `test.csv`).
enum FileIOName {
    static func last(_ path: String) -> String { Format.shown((path as NSString).lastPathComponent, limit: 80) }
}