import NeuralNet
import Datasets
import Plotting

/// One training run, kept to compare with others (`runs`, `plot cost runs=`, `plot boundary runs=`): a model
/// from its `init` through every `train` on it. What made it (data, network, activation, learning rate,
/// optimizer, …) is recorded as the settings of its last `train`; its cost history is kept at plotting
/// resolution, and its parameters when they are small enough to keep many.
public struct TrainingRun: Sendable {
    public var number: Int
    /// The data it was trained on: name and number of training examples (a boundary needs the same data).
    public var data: String
    public var examples: Int
    public var featureCount: Int
    public var hidden: [Int]
    public var activation: String
    public var output: String
    public var learningRate: Double
    public var optimizer: String
    public var l2: Double
    public var l1: Double
    public var batch: String
    public var initialization: String
    public var iterations: Int
    public var finalCost: Double
    /// Share of the training part classified right; nil for a real-valued target.
    public var trainingAccuracy: Double?
    /// The cost history, reduced for plotting (first, last, min and max per column: spikes survive).
    public var costs: [(iteration: Int, cost: Double)]
    /// The parameters at the end of the run, when at most `keptParameterLimit`, and the scaling they expect.
    public var network: Network?
    public var scaler: Scaler?
    /// The feature crosses its inputs were made with (`set features`), nil: the data's features.
    public var features: FeatureCrosses?

    /// Columns of the kept cost history (a plot is at most a few thousand pixels wide).
    static let costColumns = 4000
    /// Larger networks are listed and their costs kept, but not their parameters.
    static let keptParameterLimit = 1_000_000
    /// The most runs a session keeps (the oldest go first).
    static let limit = 100

    /// `tanh 4 lr=1.2 gd` — the attributes that name a run.
    var attributes: [(key: String, value: String)] {
        [("data", data), ("activation", activation),
         ("n_h", hidden.isEmpty ? "0" : hidden.map(String.init).joined(separator: " ")),
         ("lr", Format.number(learningRate)), ("optimizer", optimizer), ("l2", Format.number(l2)), ("l1", Format.number(l1)),
         ("batch", batch), ("init", initialization)]
    }

    /// The runs' names for a legend: `run 3` and what differs between them (`tanh`, `n_h 4`, `lr=0.5`).
    static func labels(_ runs: [TrainingRun]) -> [String] {
        guard let first = runs.first else { return [] }
        let differing = first.attributes.indices.filter { k in runs.contains { $0.attributes[k].value != first.attributes[k].value } }
        return runs.map { run in
            let parts = differing.map { k -> String in
                let (key, value) = run.attributes[k]
                switch key {
                case "activation", "data", "optimizer": return value
                case "n_h": return "n_h \(value)"
                case "init":
                    // Only the words that differ: "random scale=0.5 seed=2" against "… scale=0.01 seed=2" is "scale=0.5".
                    let words = value.split(separator: " ")
                    let others = runs.map { $0.initialization.split(separator: " ") }
                    let differing = words.enumerated().filter { i, word in others.contains { i >= $0.count || $0[i] != word } }
                    return differing.map { String($0.element) }.joined(separator: " ")
                default: return "\(key)=\(value)"
                }
            }
            return (["run \(run.number)"] + parts).joined(separator: " ")
        }
    }
}

extension Session {
    /// Records (or updates) the run of the current model after a `train`.
    mutating func recordRun(_ model: inout Model, dataset: Dataset) {
        if model.runNumber == nil {
            model.runNumber = nextRunNumber
            nextRunNumber += 1
        }
        let number = model.runNumber!
        let part = trainingPart(dataset)
        var accuracy: Double?
        if dataset.isClassification, model.architecture.output != .linear, part.m > 0,
           let correct = try? correctCount(model.network, on: part) {
            accuracy = Double(correct) / Double(part.m)
        }
        let iterations = Array(model.costsStart..<(model.costsStart + model.costs.count))
        let run = TrainingRun(
            number: number, data: dataset.name, examples: part.m, featureCount: dataset.featureCount,
            hidden: model.architecture.hiddenSizes, activation: CommandCatalog.curveName(model.architecture.hiddenActivation),
            output: model.architecture.output.rawValue, learningRate: settings.learningRate, optimizer: settings.optimizer.name,
            l2: settings.l2, l1: settings.l1, batch: settings.batch.description, initialization: model.initialization,
            iterations: model.iteration, finalCost: model.costs.last ?? .nan, trainingAccuracy: accuracy,
            costs: CostPlot.reduce(iterations: iterations, costs: model.costs, columns: TrainingRun.costColumns),
            network: model.architecture.parameterCount <= TrainingRun.keptParameterLimit ? model.network : nil, scaler: model.scaler,
            features: model.features)
        if let index = runs.firstIndex(where: { $0.number == number }) {
            runs[index] = run
        } else {
            runs.append(run)
            if runs.count > TrainingRun.limit { runs.removeFirst(runs.count - TrainingRun.limit) }
        }
    }

    /// The runs named by `all` or `1,3,4` (refusing numbers that are not kept).
    func selectRuns(_ text: String, command: String) throws -> [TrainingRun] {
        guard !runs.isEmpty else { throw NotebookError("\(command): no runs yet; each 'init' followed by 'train N' is one") }
        if text == "all" { return runs }
        var chosen: [TrainingRun] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let number = Int(piece.trimmingCharacters(in: .whitespaces)) else {
                throw NotebookError("\(command): found runs=\(Format.shown(text)), expected all or run numbers separated by commas, e.g. runs=1,3")
            }
            guard let run = runs.first(where: { $0.number == number }) else {
                throw NotebookError("\(command): there is no run \(number); 'runs' lists them (\(runs.map { String($0.number) }.joined(separator: ", ")))")
            }
            if !chosen.contains(where: { $0.number == number }) { chosen.append(run) }
        }
        return chosen
    }
}
