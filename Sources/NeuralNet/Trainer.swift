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
    /// Early stopping: the validation cost had not improved for `patience` evaluations at `iteration`; the
    /// parameters were restored to those of `best`, where the validation cost was lowest (`bestCost`).
    case stoppedEarly(iteration: Int, best: Int, bestCost: Double)
}

/// What one call to `Trainer.train` did. Iteration numbers continue the network's own count.
public struct TrainingOutcome: Sendable {
    /// Training cost J at iterations `firstIteration`, `firstIteration + 1`, …, `lastIteration`
    /// (cost after that many epochs, before the next update — the assignment's convention).
    public var costs: [Double]
    /// Test cost at the iterations listed, when test data was given.
    public var testCosts: [(iteration: Int, cost: Double)]
    /// Validation cost at the iterations listed, when validation data was given.
    public var validationCosts: [(iteration: Int, cost: Double)] = []
    public var firstIteration: Int
    public var stop: TrainingStop
    /// The iteration count the network has reached (its parameters are those after this many epochs; after
    /// early stopping, those of the best validation cost).
    public var lastIteration: Int {
        if case .stoppedEarly(_, let best, _) = stop { return best }
        return firstIteration + costs.count - 1
    }
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
    /// - `validation`, `patience`: the validation cost is recorded like the test cost; with a patience of K,
    ///   training stops once K evaluations in a row have not lowered it, and the parameters of the lowest one
    ///   are restored (Keras' EarlyStopping with restore_best_weights). The returned costs then end at that
    ///   best iteration, so the history matches the parameters kept.
    /// - `shouldStop`: checked once per epoch; returning true ends the run after the current epoch.
    /// - `progress`: called once per epoch with (iteration, cost).
    /// - `observe`: called after `progress` with the iteration and a function that returns the parameters
    ///   the cost was computed with (a copy, made only when called: a live view asks a few times a second,
    ///   `train N animate=` at its frames' iterations). Copying touches nothing the training uses, so the run is
    ///   the same with and without it.
    ///
    /// The training inputs and targets are read where they are (no copy of X: on an MNIST-sized set that is
    /// 376 MB the run does not need).
    public static func train(_ network: inout Network, data: TrainingData, test: TrainingData? = nil,
                             epochs: Int, startIteration: Int = 0, settings: TrainingSettings,
                             optimizerState: inout OptimizerState, shuffle: inout NumpyRandom,
                             testEvery: Int = 1,
                             validation: TrainingData? = nil, patience: Int? = nil,
                             shouldStop: () -> Bool = { false },
                             progress: (Int, Double) -> Void = { _, _ in },
                             observe: (Int, () -> Network) -> Void = { _, _ in }) -> TrainingOutcome {
        data.X.elements.withUnsafeBufferPointer { xs in
            data.T.elements.withUnsafeBufferPointer { ts in
                let X = xs.baseAddress.map { RawMatrix(borrowing: $0, rows: data.X.rows, cols: data.X.cols) }
                    ?? RawMatrix(rows: data.X.rows, cols: data.X.cols)
                let T = ts.baseAddress.map { RawMatrix(borrowing: $0, rows: data.T.rows, cols: data.T.cols) }
                    ?? RawMatrix(rows: data.T.rows, cols: data.T.cols)
                return run(&network, X: X, T: T, data: data, test: test, epochs: epochs, startIteration: startIteration,
                           settings: settings, optimizerState: &optimizerState, shuffle: &shuffle, testEvery: testEvery,
                           validation: validation, patience: patience, shouldStop: shouldStop, progress: progress,
                           observe: observe)
            }
        }
    }

    /// `train` on inputs X and targets T already in raw form (borrowed from `data`'s arrays, which outlive it).
    private static func run(_ network: inout Network, X: RawMatrix, T: RawMatrix, data: TrainingData, test: TrainingData?,
                            epochs: Int, startIteration: Int, settings: TrainingSettings,
                            optimizerState: inout OptimizerState, shuffle: inout NumpyRandom,
                            testEvery: Int, validation: TrainingData?, patience: Int?,
                            shouldStop: () -> Bool, progress: (Int, Double) -> Void,
                            observe: (Int, () -> Network) -> Void) -> TrainingOutcome {
        precondition(epochs >= 0)
        let architecture = network.architecture
        let hidden = architecture.hiddenActivation, output = architecture.output
        let regularization = settings.regularization
        let m = data.m
        let full = Workspace(architecture: architecture, m: m)
        let testWorkspace = test.map { Workspace(architecture: architecture, m: $0.m) }
        let validationWorkspace = validation.map { Workspace(architecture: architecture, m: $0.m) }
        let validationX = validation.map { RawMatrix($0.X) }, validationT = validation.map { RawMatrix($0.T) }
        var bestValidation = (iteration: startIteration, cost: Double.infinity)
        var sinceBest = 0
        let best = patience != nil && validation != nil ? ParameterBuffer(architecture: architecture) : nil
        let batchSize: Int = {
            if case .examples(let n) = settings.batch, n < m { return n }
            return m
        }()
        let miniBatches = batchSize < m
        // Mini-batch buffers, sized once: a full batch and (when m is not a multiple) the last, shorter one.
        let batchWorkspace = miniBatches ? Workspace(architecture: architecture, m: batchSize) : full
        let remainder = m % batchSize
        let tailWorkspace = miniBatches && remainder > 0 ? Workspace(architecture: architecture, m: remainder) : nil
        // The loop runs on raw copies of the data and on two parameter buffers: the update writes the new
        // parameters into the spare buffer and the two swap, so the previous parameters (restored when a
        // run diverges) are kept without a copy, and no Swift array is touched per iteration.
        let testX = test.map { RawMatrix($0.X) }, testT = test.map { RawMatrix($0.T) }
        let batchX = RawMatrix(rows: data.X.rows, cols: miniBatches ? batchSize : 0)
        let batchT = RawMatrix(rows: data.T.rows, cols: miniBatches ? batchSize : 0)
        let tailX = RawMatrix(rows: data.X.rows, cols: miniBatches ? remainder : 0)
        let tailT = RawMatrix(rows: data.T.rows, cols: miniBatches ? remainder : 0)
        var current = ParameterBuffer(architecture: architecture)
        var spare = ParameterBuffer(architecture: architecture)
        // Mini-batches make several updates per epoch; the epoch's starting parameters are copied here.
        let epochStart = miniBatches ? ParameterBuffer(architecture: architecture) : spare
        current.load(network)
        let parameterCount = current.count
        var order = Array(0..<m)

        var costs: [Double] = []
        costs.reserveCapacity(epochs + 1)
        var testCosts: [(iteration: Int, cost: Double)] = []
        var validationCosts: [(iteration: Int, cost: Double)] = []
        var stop = TrainingStop.completed
        var startCost = 0.0
        var restoreFrom: ParameterBuffer? = nil

        for epoch in 0...epochs {
            let iteration = startIteration + epoch
            // The lecture's shape takes the fused sweep (cost and gradients at once: `FusedShallowStep`); other
            // shapes the layer-by-layer passes, whose forward cache the backward pass then reuses.
            let fusedCost = miniBatches ? nil : full.fusedCostAndGradients(X.base, targets: T.base, parameters: current,
                                                                           hidden: hidden, regularization: regularization)
            let (dataCost, deltaReady) = fusedCost.map { ($0, true) }
                ?? full.forwardAndCost(X.base, targets: T.base, parameters: current, hidden: hidden, output: output)
            let cost = dataCost + regularization.penalty(current, m: m)
            if epoch == 0 { startCost = cost }
            if !cost.isFinite || cost > explosionFactor * max(startCost, 1) || !current.isFinite {
                if epoch > 0 {
                    restoreFrom = miniBatches ? epochStart : spare
                    stop = .diverged(iteration: iteration, cost: cost, restoredTo: iteration - 1)
                } else {
                    stop = .diverged(iteration: iteration, cost: cost, restoredTo: iteration)
                }
                break
            }
            costs.append(cost)
            if let testX, let testT, let testWorkspace, (epoch % max(testEvery, 1) == 0 || epoch == epochs) {
                testWorkspace.forward(testX.base, parameters: current, hidden: hidden, output: output)
                let testCost = testWorkspace.dataCost(targets: testT.base, output: output)
                    + regularization.penalty(current, m: testWorkspace.m)
                testCosts.append((iteration, testCost))
            }
            if let validationX, let validationT, let validationWorkspace, (epoch % max(testEvery, 1) == 0 || epoch == epochs) {
                validationWorkspace.forward(validationX.base, parameters: current, hidden: hidden, output: output)
                let validationCost = validationWorkspace.dataCost(targets: validationT.base, output: output)
                    + regularization.penalty(current, m: validationWorkspace.m)
                validationCosts.append((iteration, validationCost))
                if let best, let patience {
                    if validationCost < bestValidation.cost {
                        bestValidation = (iteration, validationCost)
                        best.base.update(from: current.base, count: current.count)
                        sinceBest = 0
                    } else {
                        sinceBest += 1
                        if sinceBest >= patience {
                            stop = .stoppedEarly(iteration: iteration, best: bestValidation.iteration, bestCost: bestValidation.cost)
                            restoreFrom = best
                            costs.removeLast(iteration - bestValidation.iteration)
                            testCosts.removeAll { $0.iteration > bestValidation.iteration }
                            progress(iteration, cost)
                            break
                        }
                    }
                }
            }
            progress(iteration, cost)
            observe(iteration) {
                var copy = network
                current.store(into: &copy)
                return copy
            }
            if epoch == epochs { break }
            if shouldStop() {
                stop = .cancelled(iteration: iteration)
                break
            }
            if !miniBatches {
                // The forward cache of the cost evaluation is this update's forward pass (the fused sweep has
                // already left the gradients).
                if fusedCost == nil {
                    full.backward(X.base, targets: T.base, parameters: current, hidden: hidden,
                                  regularization: regularization, deltaReady: deltaReady)
                }
                optimizerState.apply(settings.optimizer, learningRate: settings.learningRate, gradients: full.gradientBase,
                                     current: current.base, next: spare.base, count: parameterCount)
                swap(&current, &spare)
            } else {
                epochStart.base.update(from: current.base, count: parameterCount)
                // A fresh permutation each epoch (the course's `np.random.permutation(m)`), not a shuffle of the
                // previous epoch's order: the order then depends only on the generator, which the caller keeps,
                // so a run resumed from a later `train` call continues exactly as an uninterrupted one.
                for k in 0..<m { order[k] = k }
                shuffle.shuffle(&order)
                var start = 0
                while start < m {
                    let count = min(batchSize, m - start)
                    let workspace = count == batchSize ? batchWorkspace : tailWorkspace!
                    let (bx, bt) = count == batchSize ? (batchX, batchT) : (tailX, tailT)
                    gather(X, order: order, from: start, count: count, into: bx)
                    gather(T, order: order, from: start, count: count, into: bt)
                    if workspace.fusedCostAndGradients(bx.base, targets: bt.base, parameters: current, hidden: hidden,
                                                       regularization: regularization) == nil {
                        workspace.forward(bx.base, parameters: current, hidden: hidden, output: output)
                        workspace.backward(bx.base, targets: bt.base, parameters: current, hidden: hidden,
                                           regularization: regularization, deltaReady: false)
                    }
                    optimizerState.apply(settings.optimizer, learningRate: settings.learningRate,
                                         gradients: workspace.gradientBase, current: current.base, next: spare.base,
                                         count: parameterCount)
                    swap(&current, &spare)
                    start += count
                }
            }
        }
        (restoreFrom ?? current).store(into: &network)
        return TrainingOutcome(costs: costs, testCosts: testCosts, validationCosts: validationCosts,
                               firstIteration: startIteration, stop: stop)
    }

    /// Copies the examples order[from ..< from+count] (columns of source) into destination.
    private static func gather(_ source: RawMatrix, order: [Int], from start: Int, count: Int, into destination: RawMatrix) {
        let m = source.cols, src = source.base, dst = destination.base
        for i in 0..<source.rows {
            for k in 0..<count { dst[i * count + k] = src[i * m + order[start + k]] }
        }
    }
}

/// A row-major matrix in a raw buffer owned by this object: the training loop's copy of X and T.
final class RawMatrix {
    let rows: Int, cols: Int
    let base: UnsafeMutablePointer<Double>
    /// Whether `base` is this object's to free (false: borrowed from an array that outlives it, read only).
    private let owned: Bool

    init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        base = .allocate(capacity: max(rows * cols, 1))
        base.initialize(repeating: 0, count: max(rows * cols, 1))
        owned = true
    }

    /// A read-only view of `rows × cols` doubles owned elsewhere (the training data's own array, inside its
    /// `withUnsafeBufferPointer`): nothing is copied and nothing may be written through it.
    init(borrowing pointer: UnsafePointer<Double>, rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        base = UnsafeMutablePointer(mutating: pointer)
        owned = false
    }

    convenience init(_ matrix: Matrix) {
        self.init(rows: matrix.rows, cols: matrix.cols)
        matrix.elements.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: $0.count) }
    }

    deinit { if owned { base.deallocate() } }
}
