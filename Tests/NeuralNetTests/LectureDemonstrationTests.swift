import Testing
@testable import NeuralNet

/// The lecture's claims as tested facts: the hidden-size table, the logistic-regression baseline, what zero
/// initialization does, and why a linear activation gives a linear model.
@Suite struct LectureDemonstrationTests {
    /// The notebook's table (`nn_model(X, Y, n_h, num_iterations = 5000)`, lr 1.2, seed-2 weights × 0.01):
    /// n_h = 1, 2, 3, 4, 5 → 67.50, 67.25, 90.75, 90.50, 91.25 %. Exact counts out of 400 — no tolerance: the
    /// run is deterministic and reproduces the assignment's rounding path (same generator, numpy's pairwise
    /// sums). `scripts/bench_flower.py --iterations 5000 --hidden N --accuracy` (plain numpy) gives the same
    /// five counts on this machine.
    @Test(arguments: zip([1, 2, 3, 4, 5], [270, 269, 363, 362, 365]))
    func hiddenSizeSweep(hidden: Int, correct: Int) {
        var network = Fixtures.lectureNetwork(hidden: [hidden])
        let outcome = Fixtures.train(&network, Fixtures.flower, epochs: 5_000)
        #expect(outcome.stop == .completed)
        let count = Fixtures.correctCount(network, X: Fixtures.flower.X, labels: Fixtures.labels(ofBinary: Fixtures.flower.T))
        #expect(count == correct, "n_h = \(hidden): \(count)/400")
    }

    /// A single sigmoid neuron (`set hidden 0`) on flower: 188/400 = 47.00 %, the notebook's "about 47 %"
    /// baseline. Same loop and settings as the sweep (lr 1.2, 5,000 iterations, seed-2 weights × 0.01); the plain
    /// numpy version (`scripts/bench_flower.py --hidden 0 --iterations 5000 --accuracy`) also gets 188 — after
    /// 1,000, 5,000 and 10,000 iterations alike, so the count is not a knife-edge. Exact, as above.
    @Test func logisticRegressionBaseline() {
        var network = Fixtures.lectureNetwork(hidden: [])
        #expect(network.layers.count == 1 && network.layers[0].W.shape == Shape(1, 2))
        Fixtures.train(&network, Fixtures.flower, epochs: 5_000)
        let count = Fixtures.correctCount(network, X: Fixtures.flower.X, labels: Fixtures.labels(ofBinary: Fixtures.flower.T))
        #expect(count == 188)
    }

    /// "What happens when we initialize W to zero?" Every hidden unit computes the same function, receives the
    /// same gradient and so stays identical: W[l] has identical rows, b[l] identical entries, and the next
    /// layer identical columns, after any amount of training.
    ///
    /// Identical up to 1e-12·max(1, |w|), not bit for bit: OpenBLAS computes some rows of a product in SIMD
    /// lanes with FMA and the leftover rows (the 5th of 5, the 3rd of 3) another way, so units can differ in the
    /// last bit (observed: 1 ulp, ~1e-16, after 1,000 iterations with hidden [5, 3]; the single [4] layer stays
    /// bit-identical). The contrast below shows the bound discriminates: after random initialization the rows
    /// differ by more than 1e-3.
    ///
    /// With tanh (and ReLU) W = 0 is also a fixed point — g(0) = 0 gives every weight a zero gradient — so the
    /// claim would hold trivially; it runs with sigmoid too, where A = ½ ≠ 0 and the weights do move, in
    /// lockstep. The data is flower's first 300 points (200 of class 0, 100 of class 1): on the balanced full
    /// set mean(A − Y) = ½ − ½ = 0 exactly at the start, and even the sigmoid network would never move.
    @Test(arguments: [Activation.tanh, .sigmoid, .relu], [[4], [5, 3]])
    func zeroInitializationNeverBreaksSymmetry(activation: Activation, hidden: [Int]) {
        let flower = Fixtures.flower
        let unbalanced = TrainingData(X: flower.X.columns(Array(0..<300)), T: flower.T.columns(Array(0..<300)))
        func largestUnitDifference(_ network: Network) -> Double {
            var worst = 0.0
            func compare(_ a: [Double], _ b: [Double]) {
                for (x, y) in zip(a, b) { worst = max(worst, abs(x - y) / max(1, abs(x))) }
            }
            for l in 0..<hidden.count {
                let W = network.layers[l].W, b = network.layers[l].b, next = network.layers[l + 1].W
                for i in 1..<W.rows { compare(W.row(i), W.row(0)); compare([b[i, 0]], [b[0, 0]]) }
                for j in 1..<next.cols { compare(next.column(j), next.column(0)) }
            }
            return worst
        }

        var network = Fixtures.lectureNetwork(hidden: hidden, activation: activation, initializer: .zeros)
        #expect(network.flattenedParameters.allSatisfy { $0 == 0 })
        Fixtures.train(&network, unbalanced, epochs: 1_000)
        #expect(largestUnitDifference(network) <= 1e-12)
        if activation == .sigmoid {
            // Not the trivial fixed point: the weights moved, all in lockstep.
            #expect(network.layers[0].W.elements.contains { abs($0) > 0.1 })
        }

        var random = Fixtures.lectureNetwork(hidden: hidden, activation: activation)
        Fixtures.train(&random, unbalanced, epochs: 1_000)
        #expect(largestUnitDifference(random) > 1e-3)
    }

    /// "Why non-linear activations?" With g(z) = z, Z[L] = W3(W2(W1·x + b1) + b2) + b3 = w·x + c with
    /// w = W3·W2·W1 and c = W3·(W2·b1 + b2) + b3: however many layers, the pre-sigmoid output is affine in x and
    /// the boundary a straight line. Checked after training, at 200 seeded points of the plane.
    ///
    /// Tolerance 1e-12·max(1, |z|): both sides are the same affine map, evaluated in a different association
    /// order; with |W|, |x| of order 1–10 the rounding differences are a few ulps of the intermediate values
    /// (observed: ≤ 7e-16 for |z| ≤ 2).
    @Test func linearActivationGivesAnAffineModel() {
        var network = Fixtures.lectureNetwork(hidden: [5, 3], activation: .linear, initializer: .random(scale: 0.5))
        let outcome = Fixtures.train(&network, Fixtures.flower, epochs: 1_000, settings: TrainingSettings(learningRate: 0.1))
        #expect(outcome.stop == .completed)

        let W1 = network.layers[0].W, W2 = network.layers[1].W, W3 = network.layers[2].W
        let w = W3 * (W2 * W1)                                                        // (1, 2)
        let c = W3 * (W2 * network.layers[0].b + network.layers[1].b) + network.layers[2].b  // (1, 1)
        #expect(w.shape == Shape(1, 2) && c.shape == Shape(1, 1))

        var random = NumpyRandom(seed: 9)
        let X = Fixtures.gaussianMatrix(2, 200, scale: 3, random: &random)
        let workspace = Workspace(architecture: network.architecture, m: X.cols)
        network.forward(X, into: workspace)
        let Z = workspace.Z[2]
        for j in 0..<X.cols {
            let affine = w[0, 0] * X[0, j] + w[0, 1] * X[1, j] + c[0, 0]
            #expect(abs(Z[0, j] - affine) <= 1e-12 * max(1, abs(affine)), "point \(j)")
        }

        // The same predictions as one sigmoid neuron with weights w and bias c (logistic regression). A point
        // within 1e-9 of the boundary could round either way; none of the 200 is (checked).
        let single = Network(architecture: Architecture(inputCount: 2, hiddenSizes: [], output: .sigmoid),
                             layers: [DenseLayer(W: w, b: c)])
        let zSingle = single.predict(X)
        #expect((0..<X.cols).allSatisfy { abs(Activation.sigmoid.value(0) - zSingle[0, $0]) > 1e-9 })
        #expect(network.predictClasses(X) == single.predictClasses(X))
    }
}

extension Matrix {
    /// Element-wise sum of same-shaped matrices (test convenience).
    static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.shape == rhs.shape)
        return Matrix(rows: lhs.rows, cols: lhs.cols, elements: zip(lhs.elements, rhs.elements).map { $0 + $1 })
    }
}
