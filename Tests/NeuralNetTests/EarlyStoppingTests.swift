import Testing
@testable import NeuralNet

/// Early stopping (Keras' EarlyStopping with restore_best_weights): training stops once `patience` validation
/// evaluations in a row have not lowered the validation cost, and keeps the parameters of the lowest one.
@Suite struct EarlyStoppingTests {
    @Test func stopsAndRestoresTheBestValidationParameters() throws {
        // A wide network on few, noisy examples overfits: the validation cost falls, then rises.
        let train = Fixtures.problem(inputs: 2, examples: 24, output: .sigmoid, seed: 11)
        let held = Fixtures.problem(inputs: 2, examples: 40, output: .sigmoid, seed: 12)
        let data = TrainingData(X: train.X, T: train.T), validation = TrainingData(X: held.X, T: held.T)
        let start = Fixtures.network(inputs: 2, hidden: [40], activation: .tanh, output: .sigmoid, scale: 1, seed: 5)
        var network = start
        var state = OptimizerState(for: network.architecture)
        var shuffle = NumpyRandom(seed: 0)
        let settings = TrainingSettings(learningRate: 0.5)
        let outcome = Trainer.train(&network, data: data, epochs: 20_000, settings: settings, optimizerState: &state,
                                    shuffle: &shuffle, testEvery: 10, validation: validation, patience: 20)
        guard case .stoppedEarly(let iteration, let best, let bestCost) = outcome.stop else {
            Issue.record("expected an early stop, got \(outcome.stop)")
            return
        }
        #expect(best < iteration && iteration < 20_000)
        #expect(iteration - best == 20 * 10, "20 evaluations 10 iterations apart without improvement")
        // The best is the lowest validation cost recorded, and the history ends there.
        #expect(bestCost == outcome.validationCosts.map(\.cost).min())
        #expect(outcome.lastIteration == best)
        #expect(outcome.costs.count == best + 1)
        // Independent check: training a fresh copy for exactly `best` iterations gives the same parameters, bit for bit.
        var replay = start
        var replayState = OptimizerState(for: replay.architecture)
        var replayShuffle = NumpyRandom(seed: 0)
        _ = Trainer.train(&replay, data: data, epochs: best, settings: settings, optimizerState: &replayState, shuffle: &replayShuffle)
        #expect(replay == network)
    }

    @Test func withoutPatienceTheValidationCostIsOnlyRecorded() {
        let train = Fixtures.problem(inputs: 2, examples: 12, output: .sigmoid, seed: 1)
        var network = Fixtures.network(inputs: 2, hidden: [3], activation: .tanh, output: .sigmoid, seed: 2)
        var state = OptimizerState(for: network.architecture)
        var shuffle = NumpyRandom(seed: 0)
        let data = TrainingData(X: train.X, T: train.T)
        let outcome = Trainer.train(&network, data: data, epochs: 50, settings: TrainingSettings(), optimizerState: &state,
                                    shuffle: &shuffle, testEvery: 10, validation: data)
        #expect(outcome.stop == .completed)
        #expect(outcome.validationCosts.map(\.iteration) == [0, 10, 20, 30, 40, 50])
        // The validation data equal to the training data: the same cost (no regularization).
        for (iteration, cost) in outcome.validationCosts { #expect(abs(cost - outcome.costs[iteration]) < 1e-12) }
    }
}
