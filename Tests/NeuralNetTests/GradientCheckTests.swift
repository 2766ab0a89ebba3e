import Testing
@testable import NeuralNet

/// One combination of the gradient-check matrix.
struct GradientCase: Sendable, CustomTestStringConvertible {
    var activation: Activation
    var output: OutputKind
    var regularization: Regularization
    var hidden: [Int]

    var testDescription: String {
        let reg = regularization == .none ? "none" : (regularization.l2 != 0 ? "l2=\(regularization.l2)" : "l1=\(regularization.l1)")
        return "\(activation) → \(output), reg \(reg), hidden \(hidden)"
    }

    /// hidden activation (5) × output (3) × regularization (none, L2 0.7, L1 0.1) × depth ([5], [5, 3]): 90 cases.
    static let all: [GradientCase] = Fixtures.activations.flatMap { activation in
        Fixtures.outputs.flatMap { output in
            [Regularization.none, Regularization(l2: 0.7), Regularization(l1: 0.1)].flatMap { regularization in
                Fixtures.depths.map { GradientCase(activation: activation, output: output, regularization: regularization, hidden: $0) }
            }
        }
    }
}

/// Backprop against central finite differences (the lecture's gradient checking), for every combination.
@Suite struct GradientCheckTests {
    /// The verdict is the lecture's: ‖g − n‖ / (‖g‖ + ‖n‖) < 1e-7 per parameter matrix (W1, b1, …).
    ///
    /// ε = 1e-5, not the command's default 1e-7. The numeric gradient's error is truncation ≈ ε²·|J‴|/6 plus
    /// rounding ≈ u·|J|/ε (u = 1.1e-16); at ε = 1e-7 the rounding term is ~1e-9 absolute, which is
    /// 3e-7…7e-7 relative for the W1 gradients of the two-hidden-layer sigmoid network (entries ~1e-4, behind
    /// two σ′ ≤ ¼ factors) — measured, and shrinking 10× per 10× larger ε, so it is noise and not a backprop
    /// error. At ε = 1e-5 the worst of all 90 cases measured 6e-9 (truncation stays < 1e-9), a margin of 15×,
    /// while a wrong derivative (off by a factor, a missing term) gives 1e-3 or more.
    ///
    /// Weights are drawn at scale 0.5 (biases at 0.1), not the lecture's 0.01, so gradients are large enough to
    /// measure. Kinks: θ ± ε moves a first-layer z by ≤ ε·max|x| and a second-layer z by ≤ ε·(|a| + |x|·|W|),
    /// under 1e-4 for this data; the test asserts every hidden |z| > 1e-3 (ReLU/leaky) and every |w| > 1e-3
    /// (L1, so |w| has a derivative throughout [w − ε, w + ε]) instead of relying on luck.
    @Test(arguments: GradientCase.all)
    func backpropMatchesCentralDifferences(_ c: GradientCase) throws {
        let seed: UInt32 = 11
        let network = Fixtures.network(hidden: c.hidden, activation: c.activation, output: c.output, scale: 0.5, seed: seed)
        let (X, T) = Fixtures.problem(output: c.output, seed: seed)
        let epsilon = 1e-5

        if c.activation == .relu || c.activation == .leaky(slope: 0.01) {
            #expect(Fixtures.smallestHiddenPreActivation(network, X: X) > 1e-3, "a pre-activation is near the kink")
        }
        if c.regularization.l1 != 0 {
            let smallest = network.layers.flatMap { $0.W.elements.map(abs) }.min()!
            #expect(smallest > 1e-3, "a weight is near 0, where |w| has no derivative")
        }

        let result = try #require(GradientCheck.run(network, X: X, T: T, regularization: c.regularization,
                                                    epsilon: epsilon, clock: { 0 }))
        #expect(result.checkedCount == network.architecture.parameterCount)
        #expect(result.entries.count == 2 * network.architecture.layerCount)
        for entry in result.entries {
            #expect(entry.checked == entry.total)
            #expect(entry.relativeDifference < GradientCheck.threshold,
                    "\(entry.name): relative difference \(entry.relativeDifference)")
        }
    }

    /// The measure itself: ‖a − b‖ / (‖a‖ + ‖b‖), 0 for identical or both-zero gradients, and large for a
    /// gradient that is off by a factor (the typical backprop bug), so the 1e-7 verdict means something.
    /// Values are exact in binary (or exact to the last bit of √2/2), so equality is tested exactly.
    @Test func relativeDifferenceIsTheAssignmentsMeasure() {
        #expect(GradientCheck.relativeDifference([1, -2, 3], [1, -2, 3]) == 0)
        #expect(GradientCheck.relativeDifference([0, 0], [0, 0]) == 0)
        #expect(GradientCheck.relativeDifference([3, 4], [0, 0]) == 1)
        #expect(GradientCheck.relativeDifference([1, 0], [0, 1]) == 2.0.squareRoot() / 2)
        // A gradient half its true size: ‖g/2‖ / (‖g‖ + ‖g/2‖) = 1/3.
        #expect(abs(GradientCheck.relativeDifference([0.5, 1], [1, 2]) - 1.0 / 3) <= 1e-15)
    }
}

/// The numeric side's work is bounded: a wide network on many examples checks fewer parameters.
@Suite struct GradientCheckBudgetTests {
    @Test func sampleShrinksWithTheWorkOfAForwardPass() {
        // The lecture's network on flower: every parameter (17), well under the budget.
        #expect(GradientCheck.sampleSize(parameters: 17, examples: 400) == 17)
        // Medium: 2,000 of 40,001 (2·400·40,001 = 3.2e7 per parameter → 312 affordable).
        #expect(GradientCheck.sampleSize(parameters: 40_001, examples: 400) == 312)
        // set hidden 100000 100000 on 60 examples: 10¹⁰ parameters; the floor of 50 holds.
        #expect(GradientCheck.sampleSize(parameters: 10_000_400_001, examples: 60) == 50)
        // Small networks with many examples: all 2,000 when affordable.
        #expect(GradientCheck.sampleSize(parameters: 3_000, examples: 100) == 2_000)
    }
}
