import NeuralNet
import Datasets

/// A network and everything learned about it so far in this session.
public struct Model: Sendable {
    public var network: Network
    /// How many epochs it has been trained for.
    public var iteration: Int = 0
    /// Training cost after `costsStart`, `costsStart` + 1, …, `iteration` epochs (the start is 0 unless the
    /// model was loaded from a file that kept only the end of its history, or none).
    public var costs: [Double] = []
    public var costsStart: Int = 0
    /// Test cost at some iterations (when a split was active during training).
    public var testCosts: [(iteration: Int, cost: Double)] = []
    /// Validation cost at some iterations (when a validation part was held out during training).
    public var validationCosts: [(iteration: Int, cost: Double)] = []
    public var optimizerState: OptimizerState
    /// The mini-batch shuffle's generator, continued across `train` commands.
    public var shuffle: NumpyRandom
    /// How it was initialised, for titles and `show settings` (`random scale=0.01 seed=2`).
    public var initialization: String
    /// The initializer and seed that made it (a sweep starts its networks the same way).
    public var initializer: Initializer = .random(scale: Initializer.defaultScale)
    public var initSeed: UInt32 = 2
    /// What the inputs and outputs mean, taken from the data it was built for (so a saved model can
    /// predict without that data).
    public var featureNames: [String]
    /// The inputs the network takes, as functions of those features (`set features`); nil: the features.
    public var features: FeatureCrosses?
    public var classNames: [String]?
    public var labelName: String
    /// The feature scaling fitted on its training data when it was built: applied unchanged to every later
    /// data set, test part, grid and `predict` input, whatever data is loaded afterwards.
    public var scaler: Scaler?
    /// The number of the run its training is recorded as (`runs`); nil until its first `train`.
    public var runNumber: Int?

    public init(network: Network, seed: UInt32, initialization: String, featureNames: [String],
                classNames: [String]?, labelName: String) {
        self.network = network
        self.featureNames = featureNames
        self.classNames = classNames
        self.labelName = labelName
        self.optimizerState = OptimizerState(for: network.architecture)
        self.shuffle = NumpyRandom(seed: seed)
        self.initialization = initialization
    }

    public var architecture: Architecture { network.architecture }

    /// How many features of the data it takes (before any feature crosses).
    public var dataFeatureCount: Int { features == nil ? architecture.inputCount : featureNames.count }

    /// The network's inputs from features in the model's order (rows named `featureNames`), before scaling.
    func crossed(_ X: Matrix) throws -> Matrix {
        guard let features else { return X }
        do { return try features.apply(X, featureNames: featureNames) } catch let error as FeatureCrossError {
            throw NotebookError("features: \(error.description)")
        }
    }
}
