@testable import NeuralNet
import Datasets

/// Small seeded problems and helpers shared by the engine's tests.
enum Fixtures {
    static let activations: [Activation] = [.sigmoid, .tanh, .relu, .leaky(slope: 0.01), .linear]
    static let outputs: [OutputKind] = [.sigmoid, .softmax, .linear]
    static let depths: [[Int]] = [[5], [5, 3]]

    /// Output units used for each output kind: one sigmoid unit (0/1 labels), three softmax classes,
    /// two linear outputs (so regression is checked with more than one target row).
    static func outputCount(_ kind: OutputKind) -> Int {
        switch kind {
        case .sigmoid: return 1
        case .softmax: return 3
        case .linear: return 2
        }
    }

    /// A (rows, cols) matrix of standard normal samples × scale, drawn row-major.
    static func gaussianMatrix(_ rows: Int, _ cols: Int, scale: Double = 1, random: inout NumpyRandom) -> Matrix {
        Matrix(rows: rows, cols: cols, elements: random.gaussians(rows * cols).map { $0 * scale })
    }

    /// Seeded inputs X (n_x, m) and targets T for the output kind: 0/1 labels for sigmoid (both classes
    /// present), one-hot columns over three classes for softmax, real values for linear.
    static func problem(inputs nx: Int = 3, examples m: Int = 7, output: OutputKind, seed: UInt32) -> (X: Matrix, T: Matrix) {
        var random = NumpyRandom(seed: seed)
        let X = gaussianMatrix(nx, m, random: &random)
        let T: Matrix
        switch output {
        case .sigmoid:
            var labels = (0..<m).map { _ in random.nextDouble() < 0.5 ? 1.0 : 0.0 }
            labels[0] = 0
            labels[m - 1] = 1
            T = Matrix(rows: 1, cols: m, elements: labels)
        case .softmax:
            var labels = (0..<m).map { _ in random.nextInt(upTo: 2) }
            labels[0] = 0; labels[1] = 1; labels[2] = 2
            T = Targets.oneHot(labels: labels, classCount: 3)
        case .linear:
            T = gaussianMatrix(outputCount(output), m, random: &random)
        }
        return (X, T)
    }

    /// A network with weights randn × scale (seeded) and biases drawn too, so no bias starts at exactly 0.
    static func network(inputs nx: Int = 3, hidden: [Int], activation: Activation, output: OutputKind,
                        scale: Double = 0.5, seed: UInt32) -> Network {
        let architecture = Architecture(inputCount: nx, hiddenSizes: hidden, outputCount: outputCount(output),
                                        hiddenActivation: activation, output: output)
        var network = Initializer.random(scale: scale).makeNetwork(architecture, seed: seed)
        var random = NumpyRandom(seed: seed &+ 1000)
        for l in network.layers.indices {
            network.layers[l].b.elements = random.gaussians(network.layers[l].b.count).map { $0 * 0.1 }
        }
        return network
    }

    /// The flower data as training data (X (2, 400), Y (1, 400) with labels 0/1).
    static let flower: TrainingData = {
        let d = FlowerDataset.make()
        return TrainingData(X: d.X, T: d.Y)
    }()

    /// The lecture's network: 2 → n_h tanh → 1 sigmoid, `init random scale=0.01 seed=2`.
    static func lectureNetwork(hidden: [Int] = [4], activation: Activation = .tanh,
                               initializer: Initializer = .random(scale: 0.01)) -> Network {
        initializer.makeNetwork(Architecture(inputCount: 2, hiddenSizes: hidden, hiddenActivation: activation,
                                             output: .sigmoid), seed: 2)
    }

    /// Trains with the given settings from a fresh optimizer state and shuffle seed 0.
    @discardableResult
    static func train(_ network: inout Network, _ data: TrainingData, epochs: Int,
                      settings: TrainingSettings = TrainingSettings(learningRate: 1.2),
                      shuffleSeed: UInt32 = 0) -> TrainingOutcome {
        var state = OptimizerState(for: network.architecture)
        var shuffle = NumpyRandom(seed: shuffleSeed)
        return Trainer.train(&network, data: data, epochs: epochs, settings: settings,
                             optimizerState: &state, shuffle: &shuffle)
    }

    /// Correctly classified examples: `predictClasses` (p > 0.5, or argmax for softmax) against class labels.
    static func correctCount(_ network: Network, X: Matrix, labels: [Int]) -> Int {
        zip(network.predictClasses(X), labels).filter { $0 == $1 }.count
    }

    static func labels(ofBinary T: Matrix) -> [Int] { T.elements.map { Int($0) } }

    /// Forward + backward on (X, T): the vectorized gradients and the cost.
    static func vectorized(_ network: Network, X: Matrix, T: Matrix,
                           regularization: Regularization = .none) -> (cost: Double, gradients: [DenseLayer]) {
        let workspace = Workspace(architecture: network.architecture, m: X.cols)
        network.forward(X, into: workspace)
        let cost = network.cost(of: workspace, targets: T, regularization: regularization)
        network.backward(X, targets: T, workspace: workspace, regularization: regularization)
        return (cost, workspace.gradients)
    }

    /// The smallest |z| over every hidden pre-activation Z[l] for the columns of X.
    static func smallestHiddenPreActivation(_ network: Network, X: Matrix) -> Double {
        let workspace = Workspace(architecture: network.architecture, m: X.cols)
        network.forward(X, into: workspace)
        return workspace.Z.dropLast().flatMap { $0.elements.map(abs) }.min() ?? .infinity
    }
}
