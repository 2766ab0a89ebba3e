import NeuralNet
import Datasets

/// The output layer the user asked for; `auto` resolves from the data.
public enum OutputChoice: String, Sendable, Equatable, CaseIterable {
    case auto, sigmoid, softmax, linear
}

/// `set preview`: what a plot also draws in the terminal, besides writing its file. Terminal decoration only:
/// never part of a notebook.
public enum PreviewMode: String, Sendable, Equatable, CaseIterable {
    /// At an interactive terminal: an image when the terminal shows sixel graphics, else text; elsewhere nothing.
    case auto
    /// A text rendering (line and scatter plots, decision boundaries).
    case text
    /// Every plot as a sixel image (text where stdout is not a terminal).
    case image
    case off
}

/// Every `set` value, with the lecture's defaults (n_h = 4, tanh, lr 1.2, full batch, plain GD).
public struct Settings: Sendable, Equatable {
    public var hidden: [Int] = [4]
    public var activation: Activation = .tanh
    public var output: OutputChoice = .auto
    /// The network's inputs as functions of the data's features (`set features x1^2 x2^2`); nil: the
    /// features themselves (`set features raw`).
    public var features: FeatureCrosses? = nil
    /// The learning rate `set lr` chose; nil: the optimizer's default (`defaultLearningRate`).
    public var chosenLearningRate: Double? = nil
    /// α: what `set lr` chose, else the optimizer's own default.
    public var learningRate: Double {
        get { chosenLearningRate ?? Settings.defaultLearningRate(for: optimizer) }
        set { chosenLearningRate = newValue }
    }
    public var l2: Double = 0
    public var l1: Double = 0
    public var batch: BatchSize = .full
    public var optimizer: Optimizer = .gradientDescent
    /// Seed for `init` (and mini-batch shuffles) when the command gives none: the assignment's 2.
    public var seed: UInt32 = 2
    /// The share of the training part held out for validation (`set validation 0.1`), nil: none.
    public var validation: Double? = nil
    public var plotDirectory: String = "plots"
    public var plotWidth: Int = 900
    public var plotHeight: Int = 700
    /// What a plot also draws in the terminal (`set preview`).
    public var preview: PreviewMode = .auto

    public init() {}

    /// Each optimizer's default α: the lecture's 1.2 for plain gradient descent; momentum's accumulated steps
    /// are up to 1/(1 − β) = 10× longer, so 0.1; Adam's steps are ≈ α each, so its usual 0.001.
    public static func defaultLearningRate(for optimizer: Optimizer) -> Double {
        switch optimizer {
        case .gradientDescent: return 1.2
        case .momentum: return 0.1
        case .adam: return 0.001
        }
    }

    /// The initializer `init` uses when none is named: the lecture's random scale=0.01 for plain gradient
    /// descent (its figures depend on it); otherwise the scale-aware one for the activation — He for ReLU
    /// and leaky ReLU, Xavier for the others — since 0.01-scale weights stall adaptive optimizers.
    public var defaultInitializerName: String {
        guard optimizer != .gradientDescent else { return "random" }
        switch activation {
        case .relu, .leaky: return "he"
        case .sigmoid, .tanh, .linear: return "xavier"
        }
    }

    public var regularization: Regularization { Regularization(l2: l2, l1: l1) }
    public var training: TrainingSettings {
        TrainingSettings(learningRate: learningRate, optimizer: optimizer, batch: batch, regularization: regularization)
    }
}

extension OutputChoice {
    /// The one parser of output names (commands and files): an unknown name is an error listing the choices.
    public static func named(_ name: String) throws -> OutputChoice {
        guard let choice = OutputChoice(rawValue: name) else {
            throw NotebookError("unknown output '\(Format.shown(name))', expected one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return choice
    }
}
