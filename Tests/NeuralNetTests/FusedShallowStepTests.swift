import Testing
@testable import NeuralNet

/// The fused one-hidden-layer step (`FusedShallowStep`, C kernel `nn_shallow_sums_chunked`) against the layer-by-layer
/// passes it replaces on many examples, against finite differences, and against itself on other thread counts.
@Suite struct FusedShallowStepTests {
    static let activations: [Activation] = [.sigmoid, .tanh, .relu, .leaky(slope: 0.1), .linear]

    /// m = 2·4,096 + 37: two full chunks and a short third one whose last block is not a whole number of lanes.
    static let m = 2 * FusedShallowStep.targetChunk + 37

    struct Problem {
        var network: Network
        var X: Matrix
        var T: Matrix
    }

    static func problem(inputs: Int, hidden: Int, activation: Activation, m: Int = m, seed: UInt32 = 3) -> Problem {
        var random = NumpyRandom(seed: seed)
        let X = Matrix(rows: inputs, cols: m, elements: (0..<(inputs * m)).map { _ in random.nextGaussian() })
        let T = Matrix(rows: 1, cols: m, elements: (0..<m).map { _ in random.nextDouble() < 0.5 ? 0 : 1 })
        let architecture = Architecture(inputCount: inputs, hiddenSizes: [hidden], hiddenActivation: activation,
                                        output: .sigmoid)
        // Weights of order 1 (not the lecture's 0.01), so every activation works away from its linear part.
        let network = Initializer.random(scale: 0.7).makeNetwork(architecture, seed: seed + 1)
        var withBiases = network
        var values = withBiases.flattenedParameters
        for k in values.indices where values[k] == 0 { values[k] = random.nextGaussian() * 0.3 }
        withBiases.setFlattenedParameters(values)
        return Problem(network: withBiases, X: X, T: T)
    }

    /// The fused data cost and gradients (parameter layout), on `threads` threads.
    static func fused(_ p: Problem, threads: Int? = nil) -> (cost: Double, gradients: [Double]) {
        let architecture = p.network.architecture
        let step = FusedShallowStep(architecture: architecture, m: p.X.cols, threads: threads)
        let parameters = ParameterBuffer(architecture: architecture)
        parameters.load(p.network)
        var gradients = [Double](repeating: .nan, count: architecture.parameterCount)
        let cost = p.X.elements.withUnsafeBufferPointer { x in
            p.T.elements.withUnsafeBufferPointer { t in
                gradients.withUnsafeMutableBufferPointer { g in
                    step.costAndGradients(x.baseAddress!, targets: t.baseAddress!, parameters: parameters,
                                          activation: architecture.hiddenActivation, gradients: g.baseAddress!)
                }
            }
        }
        return (cost, gradients)
    }

    /// The layer-by-layer passes (public forward, cost, backward: BLAS products, separate element-wise passes).
    static func layered(_ p: Problem) -> (cost: Double, gradients: [Double]) {
        let workspace = Workspace(architecture: p.network.architecture, m: p.X.cols)
        p.network.forward(p.X, into: workspace)
        let cost = p.network.cost(of: workspace, targets: p.T)
        p.network.backward(p.X, targets: p.T, workspace: workspace)
        return (cost, workspace.gradients.flatMap { $0.W.elements + $0.b.elements })
    }

    @Test func takesOnlyTheShapesItComputes() {
        let lecture = Architecture(inputCount: 2, hiddenSizes: [4], hiddenActivation: .tanh, output: .sigmoid)
        #expect(FusedShallowStep.applies(to: lecture, m: 400_000))
        #expect(FusedShallowStep.applies(to: lecture, m: 4_000), "two chunks, one per core")
        #expect(!FusedShallowStep.applies(to: lecture, m: 400), "the lecture's run keeps numpy's order of sums")
        #expect(!FusedShallowStep.applies(to: lecture, m: FusedShallowStep.minimumExamples - 1))
        let wideInput = Architecture(inputCount: 784, hiddenSizes: [4], hiddenActivation: .tanh, output: .sigmoid)
        let deep = Architecture(inputCount: 2, hiddenSizes: [4, 4], hiddenActivation: .tanh, output: .sigmoid)
        let softmax = Architecture(inputCount: 2, hiddenSizes: [4], outputCount: 3, hiddenActivation: .tanh, output: .softmax)
        let wideHidden = Architecture(inputCount: 2, hiddenSizes: [64], hiddenActivation: .tanh, output: .sigmoid)
        for other in [wideInput, deep, softmax, wideHidden] { #expect(!FusedShallowStep.applies(to: other, m: 400_000)) }
        // A training workspace of the lecture's shape on many examples takes it.
        #expect(Workspace(architecture: lecture, m: 400_000).fused != nil)
        #expect(Workspace(architecture: lecture, m: 400).fused == nil)
    }

    /// Both paths add the same m per-example terms, in different orders (BLAS's and pairwise sums against
    /// NN_LANES lane sums over blocks and chunks). Each order's rounding error is at most about
    /// log2(m)·ε·Σ|terms|/m ≈ 14 · 1.1e-16 · (mean |term|); with |x| ≲ 5, |a| ≲ 5 and |δ| ≤ 1 here, mean |term| ≲ 25,
    /// so 1e-12 absolute is a bound with room to spare — and ~10⁴ times below any real error (a term dropped
    /// or counted twice moves a gradient by ~1/m ≈ 1e-4).
    @Test(arguments: activations)
    func agreesWithTheLayerByLayerPasses(activation: Activation) {
        // 1 to 4 inputs take the one-loop tanh rows (one per input count), 5 and 16 the general passes.
        for (inputs, hidden) in [(1, 1), (2, 4), (3, 2), (4, 5), (5, 3), (16, 16)] {
            let p = Self.problem(inputs: inputs, hidden: hidden, activation: activation)
            let (fusedCost, fusedGradients) = Self.fused(p)
            let (cost, gradients) = Self.layered(p)
            #expect(abs(fusedCost - cost) <= 1e-12, "\(activation) \(inputs)→\(hidden): cost \(fusedCost) vs \(cost)")
            #expect(fusedGradients.count == gradients.count)
            let worst = zip(fusedGradients, gradients).map { abs($0 - $1) }.max() ?? .nan
            #expect(worst <= 1e-12, "\(activation) \(inputs)→\(hidden): largest gradient difference \(worst)")
            #expect(gradients.contains { abs($0) > 1e-3 }, "the gradients are not trivially zero")
        }
    }

    /// The chunks are fixed by m and added in order, so the thread count cannot change a bit.
    @Test func sameBitsOnAnyNumberOfThreads() {
        // Flower's size (2 chunks) and many chunks, each run repeatedly: the pool hands chunks to whichever
        // thread is free first, so any dependence on who ran what would show up across the runs.
        for m in [FusedShallowStep.minimumExamples, 400, 9 * FusedShallowStep.targetChunk + 5] {
            let p = Self.problem(inputs: 2, hidden: 4, activation: .tanh, m: m)
            let one = Self.fused(p, threads: 1)
            for threads in [2, 3, 8, 2, 2] {
                let other = Self.fused(p, threads: threads)
                #expect(other.cost.bitPattern == one.cost.bitPattern, "m = \(m), \(threads) threads")
                #expect(other.gradients.map(\.bitPattern) == one.gradients.map(\.bitPattern), "m = \(m), \(threads) threads")
            }
        }
    }

    /// Central differences of the fused cost itself against its gradients (the assignment's check: relative
    /// difference ‖g − n‖/(‖g‖ + ‖n‖) below 1e-7 at ε = 1e-7).
    @Test(arguments: activations)
    func gradientsMatchFiniteDifferencesOfItsOwnCost(activation: Activation) {
        var p = Self.problem(inputs: 3, hidden: 5, activation: activation)
        let gradients = Self.fused(p).gradients
        let theta = p.network.flattenedParameters
        let epsilon = 1e-7
        var numeric: [Double] = []
        for k in theta.indices {
            var plus = theta, minus = theta
            plus[k] += epsilon
            minus[k] -= epsilon
            p.network.setFlattenedParameters(plus)
            let up = Self.fused(p).cost
            p.network.setFlattenedParameters(minus)
            let down = Self.fused(p).cost
            numeric.append((up - down) / (2 * epsilon))
        }
        func norm(_ v: [Double]) -> Double { v.map { $0 * $0 }.reduce(0, +).squareRoot() }
        let difference = norm(zip(gradients, numeric).map { $0 - $1 }) / (norm(gradients) + norm(numeric))
        #expect(difference < GradientCheck.threshold, "\(activation): relative difference \(difference)")
    }

    /// The trainer takes the fused step on many examples: its costs, with an L2 penalty, follow a plain loop of
    /// the layer-by-layer passes and gradient descent to within the same 1e-12 per step (3 steps).
    @Test func trainerRunsMatchTheLayerByLayerLoop() {
        let p = Self.problem(inputs: 2, hidden: 4, activation: .tanh)
        let regularization = Regularization(l2: 0.5)
        let learningRate = 0.5
        var network = p.network
        var state = OptimizerState(for: network.architecture)
        var shuffle = NumpyRandom(seed: 0)
        let outcome = Trainer.train(&network, data: TrainingData(X: p.X, T: p.T), epochs: 3,
                                    settings: TrainingSettings(learningRate: learningRate, regularization: regularization),
                                    optimizerState: &state, shuffle: &shuffle)

        var reference = p.network
        let workspace = Workspace(architecture: reference.architecture, m: p.X.cols)
        var costs: [Double] = []
        for epoch in 0...3 {
            reference.forward(p.X, into: workspace)
            costs.append(reference.cost(of: workspace, targets: p.T, regularization: regularization))
            if epoch == 3 { break }
            reference.backward(p.X, targets: p.T, workspace: workspace, regularization: regularization)
            let g = workspace.gradients.flatMap { $0.W.elements + $0.b.elements }
            reference.setFlattenedParameters(zip(reference.flattenedParameters, g).map { $0 - learningRate * $1 })
        }
        #expect(outcome.costs.count == 4)
        for (a, b) in zip(outcome.costs, costs) { #expect(abs(a - b) <= 1e-12, "\(a) vs \(b)") }
        let worst = zip(network.flattenedParameters, reference.flattenedParameters).map { abs($0 - $1) }.max() ?? .nan
        #expect(worst <= 1e-12, "parameters differ by \(worst)")
    }
}
