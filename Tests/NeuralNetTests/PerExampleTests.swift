import Testing
@testable import NeuralNet

/// The lecture's "for i = 1 to m" loop against the vectorized pass: same cost, same gradients.
@Suite struct PerExampleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var activation: Activation
        var output: OutputKind
        var hidden: [Int]
        var testDescription: String { "\(activation) → \(output), hidden \(hidden)" }
    }

    /// Every activation × output × depth, including logistic/softmax/linear regression without a hidden layer.
    static let cases: [Case] = Fixtures.activations.flatMap { activation in
        Fixtures.outputs.flatMap { output in
            ([[]] + Fixtures.depths).map { Case(activation: activation, output: output, hidden: $0) }
        }
    }

    /// Tolerance: |vectorized − per-example| ≤ 1e-12 · max(1, |value|), i.e. relative for values above 1 and
    /// absolute below. Both sides compute the same sums in different orders (BLAS and pairwise sums vs a
    /// running sum over examples), so they differ only by rounding: at most ~m·u·Σ|terms| ≈ 300 · 1.1e-16 ≈
    /// 3e-14 for m = 300 and terms of order 1 (observed: ≤ 6e-16 for gradients, 9e-16 for costs). An absolute
    /// floor is needed because a gradient entry that is ~0 (a dead ReLU unit, a cancelling sum) has no
    /// meaningful relative error.
    /// m = 300 takes numpy's pairwise summation through its recursive branch (blocks of 128).
    @Test(arguments: cases)
    func vectorizedAgreesWithPerExample(_ c: Case) {
        let seed: UInt32 = 5
        let network = Fixtures.network(hidden: c.hidden, activation: c.activation, output: c.output, scale: 0.5, seed: seed)
        let (X, T) = Fixtures.problem(examples: 300, output: c.output, seed: seed)
        for regularization in [Regularization.none, Regularization(l2: 0.7, l1: 0.1)] {
            let vectorized = Fixtures.vectorized(network, X: X, T: T, regularization: regularization)
            let perExample = network.perExampleGradients(X, targets: T, regularization: regularization)
            #expect(close(vectorized.cost, perExample.cost), "cost \(vectorized.cost) vs \(perExample.cost)")
            for l in network.layers.indices {
                let pairs = zip(vectorized.gradients[l].W.elements + vectorized.gradients[l].b.elements,
                                perExample.gradients[l].W.elements + perExample.gradients[l].b.elements)
                let worst = pairs.map { abs($0 - $1) / max(1, abs($0)) }.max() ?? 0
                #expect(worst <= 1e-12, "layer \(l + 1): largest scaled difference \(worst)")
            }
        }
    }

    /// Training with the per-example loop follows the vectorized trainer (plain GD) step for step: after 50
    /// iterations on flower the costs agree to 1e-12 (the same rounding argument, compounded over 50 small
    /// steps; observed: 1.2e-15 for costs, 2.2e-16 for parameters).
    @Test func perExampleTrainerFollowsTheVectorizedTrainer() {
        var vectorized = Fixtures.lectureNetwork()
        var perExample = vectorized
        let outcome = Fixtures.train(&vectorized, Fixtures.flower, epochs: 50)
        let loop = PerExampleTrainer.train(&perExample, data: Fixtures.flower, epochs: 50, learningRate: 1.2)
        #expect(loop.stop == .completed)
        #expect(loop.costs.count == outcome.costs.count)
        for (a, b) in zip(outcome.costs, loop.costs) { #expect(abs(a - b) <= 1e-12) }
        for (a, b) in zip(vectorized.flattenedParameters, perExample.flattenedParameters) {
            #expect(abs(a - b) <= 1e-12 * max(1, abs(a)))
        }
    }

    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(a)) }
}
