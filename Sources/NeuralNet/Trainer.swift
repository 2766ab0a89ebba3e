/// Examples and their targets in the engine's layout: X is (n_x, m), T is (n[L], m).
public struct TrainingData: Sendable {
    public var X: Matrix
    public var T: Matrix
    public init(X: Matrix, T: Matrix) {
        precondition(X.cols == T.cols, "X and T must have the same number of columns")
        self.X = X
        self.T = T
    }
    public var m: Int { X.cols }
}

/// Mini-batch size: the whole training set per update, or N examples per update.
public enum BatchSize: Sendable, Equatable, CustomStringConvertible {
    case full
    case examples(Int)
    public var description: String {
        switch self {
        case .full: return "full"
        case .examples(let n): return String(n)
        }
    }
}

/// Everything that shapes an update, apart from the network itself.
public struct TrainingSettings: Sendable, Equatable {
    public var learningRate: Double
    public var optimizer: Optimizer
    public var batch: BatchSize
    public var regularization: Regularization
    public init(learningRate: Double = 1.2, optimizer: Optimizer = .gradientDescent, batch: BatchSize = .full,
                regularization: Regularization = .none) {
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.batch = batch
        self.regularization = regularization
    }
}

/// Why a training run ended.
public enum TrainingStop: Sendable, Equatable {
    case completed
    /// The cancellation check said stop; parameters are those after `iteration` epochs.
    case cancelled(iteration: Int)
    /// The cost at `iteration` was not finite or exploded; parameters were restored to `restoredTo`.
    case diverged(iteration: Int, cost: Double, restoredTo: Int)
}

/// What one call to `Trainer.train` did. Iteration numbers continue the network's own count.
public struct TrainingOutcome: Sendable {
    /// Training cost J at iterations `firstIteration`, `firstIteration + 1`, …, `lastIteration`
    /// (cost after that many epochs, before the next update — the assignment's convention).
    public var costs: [Double]
    /// Test cost at the iterations listed, when test data was given.
    public var testCosts: [(iteration: Int, cost: Double)]
    public var firstIteration: Int
    public var stop: TrainingStop
    /// The iteration count the network has reached (its parameters are those after this many epochs).
    public var lastIteration: Int { firstIteration + costs.count - 1 }
    public var finalCost: Double { costs.last ?? .nan }
}

/// The training loop: forward, cost, backward, update — the lecture's gradient descent — with
/// mini-batches, optimizers, cancellation, progress and divergence handling.
public enum Trainer {
    /// A cost is "exploding" when it exceeds this multiple of max(starting cost, 1).
    public static let explosionFactor = 1_000.0

    /// Trains `network` for `epochs` epochs (one update per epoch with full batches).
    ///
    /// - `startIteration`: the network's iteration count so far; reported iterations continue it.
    /// - `shuffle`: the generator for the per-epoch shuffle of mini-batches (kept by the caller so a
    ///   resumed run continues the same sequence).
    /// - `testEvery`: the test cost is recorded every this many iterations (and at the last one).
    /// - `shouldStop`: checked once per epoch; returning true ends the run after the current epoch.
    /// - `progress`: called once per epoch with (iteration, cost).
    public static func train(_ network: inout Network, data: TrainingData, test: TrainingData? = nil,
                             epochs: Int, startIteration: Int = 0, settings: TrainingSettings,
                             optimizerState: inout OptimizerState, shuffle: inout NumpyRandom,
                             testEvery: Int = 1,
                             shouldStop: () -> Bool = { false },
                             progress: (Int, Double) -> Void = { _, _ in }) -> TrainingOutcome {
        precondition(epochs >= 0)
        let m = data.m
        let full = Workspace(architecture: network.architecture, m: m)
        let testWorkspace = test.map { Workspace(architecture: network.architecture, m: $0.m) }
        let batchSize: Int = {
            if case .examples(let n) = settings.batch, n < m { return n }
            return m
        }()
        let miniBatches = batchSize < m
        // Mini-batch buffers, sized once: a full batch and (when m is not a multiple) the last, shorter one.
        let batchWorkspace = miniBatches ? Workspace(architecture: network.architecture, m: batchSize) : full
        let remainder = m % batchSize
        let tailWorkspace = miniBatches && remainder > 0 ? Workspace(architecture: network.architecture, m: remainder) : nil
        var batchX = Matrix(rows: data.X.rows, cols: miniBatches ? batchSize : 0)
        var batchT = Matrix(rows: data.T.rows, cols: miniBatches ? batchSize : 0)
        var tailX = Matrix(rows: data.X.rows, cols: remainder > 0 && miniBatches ? remainder : 0)
        var tailT = Matrix(rows: data.T.rows, cols: remainder > 0 && miniBatches ? remainder : 0)
        var order = Array(0..<m)

        var costs: [Double] = []
        costs.reserveCapacity(epochs + 1)
        var testCosts: [(iteration: Int, cost: Double)] = []
        var previous = network
        var stop = TrainingStop.completed
        var startCost = 0.0

        for epoch in 0...epochs {
            let iteration = startIteration + epoch
            network.forward(data.X, into: full)
            let cost = network.cost(of: full, targets: data.T, regularization: settings.regularization)
            if epoch == 0 { startCost = cost }
            if !cost.isFinite || cost > explosionFactor * max(startCost, 1) || !network.isFinite {
                if epoch > 0 {
                    network = previous
                    stop = .diverged(iteration: iteration, cost: cost, restoredTo: iteration - 1)
                } else {
                    stop = .diverged(iteration: iteration, cost: cost, restoredTo: iteration)
                }
                break
            }
            costs.append(cost)
            if let test, let testWorkspace, (epoch % max(testEvery, 1) == 0 || epoch == epochs) {
                network.forward(test.X, into: testWorkspace)
                testCosts.append((iteration, network.cost(of: testWorkspace, targets: test.T, regularization: settings.regularization)))
            }
            progress(iteration, cost)
            if epoch == epochs { break }
            if shouldStop() {
                stop = .cancelled(iteration: iteration)
                break
            }
            previous.layers.withUnsafeMutableBufferPointer { saved in
                for l in 0..<saved.count {
                    saved[l].W.elements.withUnsafeMutableBufferPointer { dst in
                        network.layers[l].W.elements.withUnsafeBufferPointer { src in dst.baseAddress!.update(from: src.baseAddress!, count: src.count) }
                    }
                    saved[l].b.elements.withUnsafeMutableBufferPointer { dst in
                        network.layers[l].b.elements.withUnsafeBufferPointer { src in dst.baseAddress!.update(from: src.baseAddress!, count: src.count) }
                    }
                }
            }
            if !miniBatches {
                // The forward cache of the cost evaluation is this update's forward pass.
                network.backward(data.X, targets: data.T, workspace: full, regularization: settings.regularization)
                optimizerState.apply(settings.optimizer, learningRate: settings.learningRate, gradients: full.gradients, to: &network)
            } else {
                // A fresh permutation each epoch (the course's `np.random.permutation(m)`), not a shuffle of the
                // previous epoch's order: the order then depends only on the generator, which the caller keeps,
                // so a run resumed from a later `train` call continues exactly as an uninterrupted one.
                for k in 0..<m { order[k] = k }
                shuffle.shuffle(&order)
                var start = 0
                while start < m {
                    let count = min(batchSize, m - start)
                    let workspace = count == batchSize ? batchWorkspace : tailWorkspace!
                    if count == batchSize {
                        gather(data, order: order, from: start, count: count, X: &batchX, T: &batchT)
                        network.forward(batchX, into: workspace)
                        network.backward(batchX, targets: batchT, workspace: workspace, regularization: settings.regularization)
                    } else {
                        gather(data, order: order, from: start, count: count, X: &tailX, T: &tailT)
                        network.forward(tailX, into: workspace)
                        network.backward(tailX, targets: tailT, workspace: workspace, regularization: settings.regularization)
                    }
                    optimizerState.apply(settings.optimizer, learningRate: settings.learningRate, gradients: workspace.gradients, to: &network)
                    start += count
                }
            }
        }
        return TrainingOutcome(costs: costs, testCosts: testCosts, firstIteration: startIteration, stop: stop)
    }

    /// Copies the examples order[from ..< from+count] into the batch buffers.
    private static func gather(_ data: TrainingData, order: [Int], from start: Int, count: Int, X: inout Matrix, T: inout Matrix) {
        gatherColumns(data.X, order: order, from: start, count: count, into: &X)
        gatherColumns(data.T, order: order, from: start, count: count, into: &T)
    }

    private static func gatherColumns(_ source: Matrix, order: [Int], from start: Int, count: Int, into destination: inout Matrix) {
        let m = source.cols, rows = source.rows
        source.elements.withUnsafeBufferPointer { src in
            destination.elements.withUnsafeMutableBufferPointer { dst in
                for i in 0..<rows {
                    for k in 0..<count { dst[i * count + k] = src[i * m + order[start + k]] }
                }
            }
        }
    }
}
