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
