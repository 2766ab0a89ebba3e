import Testing
@testable import NeuralNet

/// `Trainer.train(observe:)`, which `train N animate=` films from: the copy taken at iteration i is the network a run
/// of i iterations ends with, and taking copies changes nothing of the run.
@Suite struct SnapshotTests {
    @Test(arguments: [BatchSize.full, .examples(64)])
    func aSnapshotIsTheNetworkOfThatIteration(batch: BatchSize) {
        let settings = TrainingSettings(learningRate: 0.5, batch: batch)
        var plain = Fixtures.lectureNetwork()
        let plainOutcome = Fixtures.train(&plain, Fixtures.flower, epochs: 300, settings: settings)
        var filmed = Fixtures.lectureNetwork()
        var state = OptimizerState(for: filmed.architecture)
        var shuffle = NumpyRandom(seed: 0)
        var taken: [(Int, Double, Network)] = []
        var costs: [Int: Double] = [:]
        let outcome = Trainer.train(&filmed, data: Fixtures.flower, epochs: 300, settings: settings,
                                    optimizerState: &state, shuffle: &shuffle,
                                    progress: { costs[$0] = $1 },
                                    observe: { iteration, parameters in
                                        if [0, 7, 120, 300].contains(iteration) { taken.append((iteration, costs[iteration]!, parameters())) }
                                    })
        #expect(filmed == plain && outcome.costs == plainOutcome.costs, "the run is the same to the bit")
        #expect(taken.map(\.0) == [0, 7, 120, 300])
        for (iteration, cost, network) in taken {
            var shorter = Fixtures.lectureNetwork()
            let short = Fixtures.train(&shorter, Fixtures.flower, epochs: iteration, settings: settings)
            #expect(network == shorter, "iteration \(iteration)")
            #expect(cost == short.costs.last, "iteration \(iteration)")
        }
    }
}

/// `Network.outputPreActivations`: Z[L] from the forward pass equals W[L]·A[L−1] + b[L] summed by hand from the
/// hidden activations, for one and two hidden layers and for none (A[0] = X).
@Suite struct OutputPreActivationTests {
    @Test(arguments: [[Int](), [5], [5, 3]])
    func zIsTheOutputLayersWeightedSum(hidden: [Int]) {
        var random = NumpyRandom(seed: 4)
        let network = Fixtures.network(inputs: 3, hidden: hidden, activation: .tanh, output: .softmax, seed: 7)
        let X = Fixtures.gaussianMatrix(3, 11, random: &random)
        let Z = network.outputPreActivations(X)
        let L = network.layers.count
        let A = L == 1 ? X : network.hiddenActivations(X, layer: L - 1)
        let W = network.layers[L - 1].W, b = network.layers[L - 1].b
        #expect(Z.rows == W.rows && Z.cols == 11)
        for i in 0..<W.rows {
            for j in 0..<11 {
                let byHand = (0..<A.rows).reduce(b[i, 0]) { $0 + W[i, $1] * A[$1, j] }
                // BLAS may sum in another order: a few ulps of the terms' magnitude (|terms| < 10).
                #expect(abs(Z[i, j] - byHand) <= 1e-13, "Z[\(i), \(j)]")
            }
        }
    }
}
