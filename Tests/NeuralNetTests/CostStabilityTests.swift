import Testing
@testable import NeuralNet

/// Costs stay finite — and exact — when the outputs saturate (issue: "none becomes NaN when outputs saturate").
///
/// Each case is a network without hidden layers on the single input x = 1, so Z[L] = W·1 + 0 is exactly the
/// pre-activation we want. The expected costs are exact in binary: for |z| = 800, e^−800 underflows to 0, so
/// log1p(e^−800) = 0 and every loss is exactly 0, 800 or 1600; the means below are exact too. The tests
/// therefore compare with `==`.
@Suite struct CostStabilityTests {
    /// A single-layer network on inputs of 1: column j's pre-activations are the entries of `z[j]`.
    func saturated(_ output: OutputKind, z: [[Double]]) -> (Network, Matrix) {
        let k = z[0].count
        let m = z.count
        // One input row per example, X = identity (m, m), so Z = W·X picks W's column j for example j.
        var X = Matrix(rows: m, cols: m)
        for j in 0..<m { X[j, j] = 1 }
        var W = Matrix(rows: k, cols: m)
        for j in 0..<m { for i in 0..<k { W[i, j] = z[j][i] } }
        let architecture = Architecture(inputCount: m, hiddenSizes: [], outputCount: k, output: output)
        return (Network(architecture: architecture, layers: [DenseLayer(W: W, b: Matrix(rows: k, cols: 1))]), X)
    }

    @Test func sigmoidCrossEntropyAtZPlusMinus800() {
        // σ(800) is exactly 1 and σ(−800) exactly 0 in float64: the lecture's formula would take log(0).
        let (network, X) = saturated(.sigmoid, z: [[800], [800], [-800], [-800]])
        let Y = Matrix([[0, 1, 1, 0]])
        let workspace = Workspace(architecture: network.architecture, m: 4)
        network.forward(X, into: workspace)
        #expect(workspace.output.elements == [1, 1, 0, 0])
        // Losses: wrong-side 800, right-side 0, wrong-side 800, right-side 0 → mean 400.
        #expect(network.cost(of: workspace, targets: Y) == 400)
        #expect(network.perExampleGradients(X, targets: Y).cost == 400)
        // Backprop stays finite too: dZ = A − Y ∈ {1, 0, −1, 0}.
        network.backward(X, targets: Y, workspace: workspace)
        #expect(workspace.dZ[0].elements == [1, 0, -1, 0])
        #expect(workspace.gradients.allSatisfy { $0.W.elements.allSatisfy(\.isFinite) })
    }

    @Test func softmaxCrossEntropyAtZPlusMinus800() {
        // Column 0 puts all mass on class 0 and is labelled 0 (loss 0); column 1 is labelled 2, whose z is
        // −800 against a top of 800: loss = logsumexp(z) − z₂ = 800 − (−800) = 1600. Mean 800.
        let (network, X) = saturated(.softmax, z: [[800, 0, -800], [800, 0, -800]])
        let T = Targets.oneHot(labels: [0, 2], classCount: 3)
        let workspace = Workspace(architecture: network.architecture, m: 2)
        network.forward(X, into: workspace)
        #expect(workspace.output.elements == [1, 1, 0, 0, 0, 0])
        #expect(network.cost(of: workspace, targets: T) == 800)
        #expect(network.perExampleGradients(X, targets: T).cost == 800)
        network.backward(X, targets: T, workspace: workspace)
        #expect(workspace.gradients.allSatisfy { $0.W.elements.allSatisfy(\.isFinite) })
    }

    @Test func softmaxWithEqualHugeLogitsIsUniform() {
        // Without the max shift, e^1000 overflows to inf and inf/inf is NaN.
        let (network, X) = saturated(.softmax, z: [[1000, 1000]])
        let T = Targets.oneHot(labels: [1], classCount: 2)
        let workspace = Workspace(architecture: network.architecture, m: 1)
        network.forward(X, into: workspace)
        #expect(workspace.output.elements == [0.5, 0.5])
        // logsumexp = 1000 + log 2; minus z₁ = 1000 → log 2 (to rounding of 1000 + log 2: |error| ≤ ulp(1000) ≈ 1.1e-13).
        #expect(abs(network.cost(of: workspace, targets: T) - 0.6931471805599453) <= 2.3e-13)
    }

    @Test func linearSquaredErrorAtLargeOutputs() {
        // ½·mean squared error with no activation to saturate: ½·((800 − 0)² + (−800 − 1)²)/2, exact in binary.
        let (network, X) = saturated(.linear, z: [[800], [-800]])
        let Y = Matrix([[0, 1]])
        let expected = 0.5 * (800.0 * 800 + 801.0 * 801) / 2
        #expect(network.cost(X, targets: Y) == expected)
        #expect(network.perExampleGradients(X, targets: Y).cost == expected)
    }

    @Test func saturatedHiddenUnitsKeepTheCostFinite() {
        // Hidden tanh and sigmoid units at z = ±800 are exactly ±1 / 0, 1 with derivative exactly 0; the cost
        // and every gradient must still be finite numbers.
        for activation in [Activation.tanh, .sigmoid] {
            var network = Fixtures.network(inputs: 1, hidden: [2], activation: activation, output: .sigmoid, seed: 3)
            network.layers[0].W = Matrix([[800], [-800]])
            network.layers[0].b = Matrix([[0], [0]])
            let X = Matrix([[1, -1]])
            let Y = Matrix([[1, 0]])
            let (cost, gradients) = Fixtures.vectorized(network, X: X, T: Y)
            #expect(cost.isFinite)
            #expect(gradients[0].W.elements == [0, 0], "g′ is exactly 0 at saturation")
            #expect(gradients.allSatisfy { $0.W.elements.allSatisfy(\.isFinite) && $0.b.elements.allSatisfy(\.isFinite) })
        }
    }
}
