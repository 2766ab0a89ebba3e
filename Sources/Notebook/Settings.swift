import NeuralNet

/// The output layer the user asked for; `auto` resolves from the data.
public enum OutputChoice: String, Sendable, Equatable, CaseIterable {
    case auto, sigmoid, softmax, linear
}

/// Every `set` value, with the lecture's defaults (n_h = 4, tanh, lr 1.2, full batch, plain GD).
public struct Settings: Sendable, Equatable {
    public var hidden: [Int] = [4]
    public var activation: Activation = .tanh
    public var output: OutputChoice = .auto
    public var learningRate: Double = 1.2
    public var l2: Double = 0
    public var l1: Double = 0
    public var batch: BatchSize = .full
    public var optimizer: Optimizer = .gradientDescent
    /// Seed for `init` (and mini-batch shuffles) when the command gives none: the assignment's 2.
    public var seed: UInt32 = 2
    public var plotDirectory: String = "plots"
    public var plotWidth: Int = 900
    public var plotHeight: Int = 700
    /// nil: decided by whether stdout is a terminal.
    public var preview: Bool? = nil

    public init() {}

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
