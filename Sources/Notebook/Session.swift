import NeuralNet
import Datasets

/// One executed command, for `history`, `save script` and `save notebook`.
public struct Cell: Sendable {
    public var number: Int
    public var text: String
    public var output: [String]
    public var files: [String]
    public var succeeded: Bool
    /// Why it failed, as reported.
    public var error: String?
    /// `FILE:LINE` for a statement from a script (or `run`), nil at the prompt.
    public var source: String?
    /// A remark on what happened (an interrupted `train`).
    public var note: String?

    public init(number: Int, text: String, output: [String], files: [String], succeeded: Bool,
                error: String? = nil, source: String? = nil, note: String? = nil) {
        self.number = number
        self.text = text
        self.output = output
        self.files = files
        self.succeeded = succeeded
        self.error = error
        self.source = source
        self.note = note
    }
}

/// All the state of a notebook session. A value: the interpreter runs each command on a copy and keeps
/// the copy only if the command succeeds, so a failing command never changes anything.
public struct Session: Sendable {
    public var settings = Settings()
    /// The loaded dataset, in original units.
    public var dataset: Dataset?
    /// The train/test split, if any (indices into the dataset's columns).
    public var split: DataSplit?
    /// The scaling asked for (nil: off) and its fit on the training part.
    public var scaling: Scaler.Method?
    public var scaler: Scaler?
    public var model: Model?
    /// A held-out test set loaded with `load test` (features in the training data's order, classes numbered
    /// as the training data's); it replaces a split's test part.
    public var testSet: Dataset?
    public var cells: [Cell] = []
    /// The hints already given (see `Hints`): each is said once.
    public var hintsShown: Set<String> = []
    /// Training runs kept for comparison (see `TrainingRun`), and the number the next one gets.
    public var runs: [TrainingRun] = []
    public var nextRunNumber = 1

    public init() {}

    // MARK: - What commands need

    func requireDataset(_ command: String) throws -> Dataset {
        guard let dataset else {
            throw NotebookError("\(command): no data loaded; run 'load flower' (or another dataset, or a CSV file) first")
        }
        return dataset
    }

    func requireModel(_ command: String) throws -> Model {
        guard let model else {
            throw NotebookError("\(command): no model yet; run 'init' first (e.g. init random scale=0.01 seed=2)")
        }
        return model
    }

    /// The output layer for the current data: `auto` is sigmoid for two classes, softmax for more,
    /// linear for a real-valued target.
    func resolvedOutput(for dataset: Dataset) throws -> OutputKind {
        switch settings.output {
        case .auto:
            if !dataset.isClassification { return .linear }
            return dataset.classCount > 2 ? .softmax : .sigmoid
        case .sigmoid:
            guard dataset.isClassification, dataset.classCount <= 2 else {
                throw NotebookError("output sigmoid needs two classes; \(dataset.name) has \(dataset.isClassification ? "\(dataset.classCount) classes" : "a real-valued target"): use 'set output auto'")
            }
            return .sigmoid
        case .softmax:
            guard dataset.isClassification else {
                throw NotebookError("output softmax needs class labels; \(dataset.name) has a real-valued target: use 'set output linear'")
            }
            return .softmax
        case .linear: return .linear
        }
    }

    /// The architecture the settings describe for the loaded data. Data with a single class is refused:
    /// every example has the answer already, so there is nothing to learn (and no boundary to draw).
    func architecture(_ command: String) throws -> Architecture {
        let dataset = try requireDataset(command)
        if dataset.isClassification && dataset.classCount < 2 {
            let only = dataset.classNames?.first.map { " (\(Format.shown($0)))" } ?? ""
            throw NotebookError("\(command): \(dataset.name) has 1 class\(only): nothing to learn; a classifier needs examples of at least 2 classes")
        }
        let output = try resolvedOutput(for: dataset)
        let outputs = output == .softmax ? max(dataset.classCount, 2) : 1
        var inputs = dataset.featureCount
        if let features = settings.features {
            do { try features.check(against: dataset.featureNames) } catch let error as FeatureCrossError {
                throw NotebookError("\(command): features: \(error.description); 'set features raw' uses the data's own")
            }
            inputs = features.count
        }
        return Architecture(inputCount: inputs, hiddenSizes: settings.hidden, outputCount: outputs,
                            hiddenActivation: settings.activation, output: output)
    }

    /// The targets the output layer is compared with: labels (as the model numbers its classes) for sigmoid
    /// and linear, one-hot for softmax.
    func targets(_ part: Dataset, for model: Model) throws -> Matrix {
        let labels = try modelLabels(part, for: model)
        switch model.architecture.output {
        case .softmax:
            return Targets.oneHot(labels: labels.map { Int($0) }, classCount: model.architecture.outputCount)
        case .sigmoid, .linear:
            return Matrix(rows: 1, cols: labels.count, elements: labels)
        }
    }

    /// Refuses work whose memory would exceed what the machine has, with the estimate, before allocating.
    /// For a network with layer widths n[0]…n[L] and P parameters, training on m examples for `iterations`
    /// holds: the parameters, their gradients, a backup for divergence and two optimizer moments (5·P);
    /// Z, A and dZ for every layer (3·Σn[l]·m); the scaled inputs and the targets (n[0]·m + n[L]·m); and
    /// one cost per iteration. All doubles (8 bytes). The estimate errs high: refusing is cheap, dying is not.
    static func checkMemory(_ architecture: Architecture, examples m: Int, iterations: Int, command: String) throws {
        let widths = [architecture.inputCount] + architecture.hiddenSizes + [architecture.outputCount]
        let shape = widths.map(String.init).joined(separator: " → ")
        do {
            try MemoryBudget.check(bytes: memoryEstimate(architecture, examples: m, iterations: iterations),
                                   what: "\(command): a \(shape) network on \(m) example\(m == 1 ? "" : "s")\(iterations > 0 ? " for \(iterations) iterations" : "")")
        } catch {
            throw NotebookError(error.description)
        }
    }

    /// The bytes `checkMemory` compares with what the machine has (saturating at Int.max).
    static func memoryEstimate(_ architecture: Architecture, examples m: Int, iterations: Int) -> Int {
        let widths = [architecture.inputCount] + architecture.hiddenSizes + [architecture.outputCount]
        var parameters = 0, units = 0
        for l in 1..<widths.count {
            parameters = parameters.addingSaturating(MemoryBudget.bytes(widths[l], widths[l - 1] + 1))
            units = units.addingSaturating(widths[l])
        }
        let doubles = MemoryBudget.bytes(5, parameters)
            .addingSaturating(MemoryBudget.bytes(3, units, m))
            .addingSaturating(MemoryBudget.bytes(widths[0] + widths[widths.count - 1], m))
            .addingSaturating(iterations)
        return MemoryBudget.bytes(8, doubles)
    }

    /// The model, checked against the current data and settings (what `train` and friends use).
    func modelMatchingData(_ command: String) throws -> (Model, Dataset) {
        let dataset = try requireDataset(command)
        let model = try requireModel(command)
        let architecture = model.architecture
        if model.dataFeatureCount != dataset.featureCount {
            throw NotebookError("\(command): the model takes \(model.dataFeatureCount) features but \(dataset.name) has \(dataset.featureCount); run 'init' to build a model for this data")
        }
        if architecture.output != .linear && !dataset.isClassification {
            throw NotebookError("\(command): the model has a \(architecture.output) output for classes but \(dataset.name) has a real-valued target; run 'init' to build a model for this data")
        }
        if architecture.output == .sigmoid, dataset.classCount > 2 {
            throw NotebookError("\(command): the model has one sigmoid output (2 classes) but \(dataset.name) has \(dataset.classCount) classes; run 'init'")
        }
        if architecture.output == .softmax, dataset.classCount > architecture.outputCount {
            throw NotebookError("\(command): the model has \(architecture.outputCount) output units but \(dataset.name) has \(dataset.classCount) classes; run 'init'")
        }
        do {
            _ = try Self.reorder(Matrix(rows: dataset.featureCount, cols: 0), from: dataset.featureNames, to: model.featureNames)
        } catch let error as NotebookError {
            throw NotebookError("\(command): \(error.message)")
        }
        return (model, dataset)
    }

    /// The examples the model learns from: the training part of the split (all of it without one), less the
    /// validation part when one is held out.
    func trainingPart(_ dataset: Dataset) -> Dataset {
        dataset.subset(trainingIndices(dataset))
    }

    /// Column indices of the training part (see `trainingPart`).
    func trainingIndices(_ dataset: Dataset) -> [Int] {
        let base = split?.train ?? Array(0..<dataset.m)
        guard let (train, _) = validationSplit(dataset, base: base) else { return base }
        return train
    }

    /// The validation part (`set validation F`): a stratified share F of the training part, seed 0, so the
    /// same data and settings always hold out the same examples.
    func validationPart(_ dataset: Dataset) -> Dataset? {
        let base = split?.train ?? Array(0..<dataset.m)
        return validationSplit(dataset, base: base).map { dataset.subset($0.validation) }
    }

    private func validationSplit(_ dataset: Dataset, base: [Int]) -> (train: [Int], validation: [Int])? {
        guard let fraction = settings.validation else { return nil }
        let part = dataset.subset(base)
        guard let inner = try? part.split(fraction: 1 - fraction, seed: 0) else { return nil }
        return (inner.train.map { base[$0] }, inner.test.map { base[$0] })
    }

    func validationData(_ model: Model, _ dataset: Dataset) throws -> TrainingData? {
        try validationPart(dataset).map { TrainingData(X: try modelInputs($0.X), T: try targets($0, for: model)) }
    }

    /// The held-out examples, when a split is active.
    func testPart(_ dataset: Dataset) -> Dataset? {
        testSet ?? split.map { dataset.subset($0.test) }
    }

    /// How a report names the part it was computed on: "the test set test.csv (114 examples)" for a loaded
    /// test file, "the test part of flower (80 examples)" for a split's.
    func describePart(_ name: String, of dataset: Dataset, _ part: Dataset) -> String {
        if name == "test", let testSet { return "the test set \(testSet.name) (\(part.m) examples)" }
        return "the \(name) part of \(dataset.name) (\(part.m) examples)"
    }

    /// The parts of the data a figure can be computed on, named as figures print them: `wanted` is "train",
    /// "validation" or "test" (that part, refused when absent), or nil for every part that exists.
    func evaluationParts(_ dataset: Dataset, wanted: String?, command: String) throws -> [(name: String, data: Dataset)] {
        let validation = validationPart(dataset), test = testPart(dataset)
        switch wanted {
        case "train"?:
            return [("training", trainingPart(dataset))]
        case "validation"?:
            guard let validation else {
                throw NotebookError("\(command): no validation part; hold one out first, e.g. 'set validation 0.1'")
            }
            return [("validation", validation)]
        case "test"?:
            guard let test else {
                throw NotebookError("\(command): no test set; run 'split 0.8' or 'load test FILE.csv' first")
            }
            return [("test", test)]
        default:
            return [("training", trainingPart(dataset))] + (validation.map { [("validation", $0)] } ?? [])
                + (test.map { [("test", $0)] } ?? [])
        }
    }

    /// Inputs as the model sees them, from columns of the loaded data (X in the data's feature order): the
    /// features matched to the model's by name, then scaled with the model's own scaling (fitted on its
    /// training data). Without a model, the session's scaling. Everything downstream (test set, predict,
    /// plot grids) goes through here, so the order of commands never changes a number.
    func modelInputs(_ X: Matrix) throws -> Matrix {
        guard let model else { return try scaled(try settingsCrossed(X), with: scaler) }
        let names = dataset?.featureNames ?? model.featureNames
        return try scaled(try model.crossed(try Self.reorder(X, from: names, to: model.featureNames)), with: model.scaler)
    }

    /// Inputs given in the model's own feature order (`predict 1.5 -0.3`), crossed and scaled as the model
    /// expects.
    func modelInputs(modelOrdered X: Matrix) throws -> Matrix {
        guard let model else { return try scaled(try settingsCrossed(X), with: scaler) }
        return try scaled(try model.crossed(X), with: model.scaler)
    }

    /// The data's features (rows of the loaded data's `X`) crossed as `set features` says: what the next
    /// 'init' builds its network for, and what the session's scaling is fitted on.
    func settingsCrossed(_ X: Matrix) throws -> Matrix {
        guard let features = settings.features, let dataset else { return X }
        do { return try features.apply(X, featureNames: dataset.featureNames) } catch let error as FeatureCrossError {
            throw NotebookError("features: \(error.description)")
        }
    }

    private func scaled(_ X: Matrix, with scaler: Scaler?) throws -> Matrix {
        guard let scaler else { return X }
        guard scaler.featureCount == X.rows else {
            throw NotebookError("the scaling was fitted on \(scaler.featureCount) feature\(scaler.featureCount == 1 ? "" : "s") of \(dataset?.name ?? "the data"), but the model takes \(X.rows); run 'init' to build a model for this data, or 'scale off'")
        }
        return scaler.transform(X)
    }

    /// The rows of `X` (named `names`) in the order `wanted`: the same features in another column order are
    /// matched by name; a missing or an extra feature is refused, naming it.
    static func reorder(_ X: Matrix, from names: [String], to wanted: [String]) throws -> Matrix {
        if names == wanted || X.rows != names.count { return X }
        let index = Dictionary(names.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        if let missing = wanted.first(where: { index[$0] == nil }) {
            throw NotebookError("the model needs feature '\(Format.shown(missing))', which the data does not have (it has \(names.prefix(8).map { Format.shown($0) }.joined(separator: ", "))\(names.count > 8 ? ", …" : ""))")
        }
        if let extra = names.first(where: { !wanted.contains($0) }) {
            throw NotebookError("the data has feature '\(Format.shown(extra))', which the model was not trained on; the model takes \(wanted.prefix(8).map { Format.shown($0) }.joined(separator: ", "))\(wanted.count > 8 ? ", …" : "")")
        }
        var out = Matrix(rows: wanted.count, cols: X.cols)
        for (row, name) in wanted.enumerated() {
            let from = index[name]!   // present: checked above
            out.elements.replaceSubrange((row * X.cols)..<((row + 1) * X.cols), with: X.elements[(from * X.cols)..<((from + 1) * X.cols)])
        }
        return out
    }

    /// The labels of `part` as the model numbers its classes: matched by name, so a file whose classes come in
    /// another order, or with only some of them, is scored correctly. A class the model never saw is refused.
    func modelLabels(_ part: Dataset, for model: Model) throws -> [Double] {
        guard let dataClasses = part.classNames, let modelClasses = model.classNames, dataClasses != modelClasses else {
            return part.Y.elements
        }
        switch Self.classMapping(dataClasses, into: modelClasses) {
        case .success(let mapping):
            return part.Y.elements.map { mapping[Int($0)] }
        case .failure(let unknown):
            let first = part.Y.elements.firstIndex { Int($0) == unknown.index }.map { " (first at example \($0 + 1))" } ?? ""
            throw NotebookError("\(part.name) has class '\(Format.shown(unknown.name))'\(first), which the model never saw; it knows \(modelClasses.prefix(10).map { Format.shown($0) }.joined(separator: ", "))")
        }
    }

    /// A class that a mapping by name could not place: its index and name in the data.
    struct UnknownClass: Error {
        var index: Int
        var name: String
    }

    /// For each of `own` class names, its index among `reference` (as the Double a label holds), or the first
    /// name `reference` does not have. Shared by scoring a model on data and by `load test`.
    static func classMapping(_ own: [String], into reference: [String]) -> Result<[Double], UnknownClass> {
        let index = Dictionary(reference.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var mapping: [Double] = []
        for (k, name) in own.enumerated() {
            guard let target = index[name] else { return .failure(UnknownClass(index: k, name: name)) }
            mapping.append(Double(target))
        }
        return .success(mapping)
    }

    /// Training data in the engine's layout (scaled inputs, encoded targets).
    func trainingData(_ model: Model, _ dataset: Dataset) throws -> TrainingData {
        let part = trainingPart(dataset)
        return TrainingData(X: try modelInputs(part.X), T: try targets(part, for: model))
    }

    func testData(_ model: Model, _ dataset: Dataset) throws -> TrainingData? {
        try testPart(dataset).map { TrainingData(X: try modelInputs($0.X), T: try targets($0, for: model)) }
    }

    /// How many examples of `part` the network classifies correctly (p > 0.5 for sigmoid, argmax for softmax).
    func correctCount(_ network: Network, on part: Dataset) throws -> Int {
        let predicted = network.predictClasses(try modelInputs(part.X))
        let labels = try model.map { try modelLabels(part, for: $0) } ?? part.Y.elements
        return zip(predicted, labels).filter { Double($0) == $1 }.count
    }

    /// After the scaling method or the split changed: an untrained model takes the new fit (nothing was
    /// learned with the old one); a trained one keeps the scaling it learned with, and the note says so.
    mutating func scalingChanged() -> String? {
        guard var model, model.features == settings.features else { return nil }
        if model.iteration == 0 {
            model.scaler = scaler
            self.model = model
            return nil
        }
        guard model.scaler?.offset != scaler?.offset || model.scaler?.scale != scaler?.scale else { return nil }
        let kept = model.scaler.map { "\($0.method.rawValue) scaling" } ?? "unscaled inputs"
        return "(the trained model keeps the \(kept) it learned with; 'init' builds one with this scaling)"
    }

    /// Refits the scaler on the training part after the data, the split or the method changed.
    mutating func refitScaler() {
        guard let method = scaling, let dataset else {
            scaler = nil
            return
        }
        // Fitted on the inputs the next network takes: crossed features when 'set features' asks for them
        // (x1² has its own mean and spread). Crosses the data cannot make leave the raw fit; 'init' says why.
        let X = (try? settingsCrossed(dataset.X)) ?? dataset.X
        guard X.rows > 0, dataset.m > 0 else {
            scaler = nil
            return
        }
        scaler = Scaler(method: method, fittedOn: X, columns: split == nil && settings.validation == nil ? nil : trainingIndices(dataset))
    }
}

extension Int {
    /// `self + other`, or `Int.max` instead of trapping on overflow (for estimates that are then refused).
    func addingSaturating(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
