import Testing
@testable import NeuralNet

/// Each activation's derivative, against the lecture's figures and against its own function.
@Suite struct ActivationTests {
    /// DESIGN.md: sigmoid′(z) at −1, −0.5, 0, 0.5, 1 is 0.196612, 0.235004, 0.25, 0.235004, 0.196612. Those are
    /// printed to 6 decimals, so the derivative must be within half a unit of the 6th decimal (5e-7).
    @Test func sigmoidDerivativeMatchesTheLecture() {
        let expected: [(z: Double, d: Double)] = [(-1, 0.196612), (-0.5, 0.235004), (0, 0.25), (0.5, 0.235004), (1, 0.196612)]
        for (z, d) in expected {
            let g = Activation.sigmoid
            let derivative = g.derivative(z: z, a: g.value(z))
            #expect(abs(derivative - d) <= 5e-7, "σ′(\(z)) = \(derivative)")
        }
        #expect(Activation.sigmoid.derivative(z: 0, a: Activation.sigmoid.value(0)) == 0.25)
    }

    /// g′(z) against the central difference (g(z + h) − g(z − h)) / 2h with h = 1e-5, at points away from the
    /// kink of ReLU/leaky (|z| ≥ 0.1 ≫ h). Tolerance 1e-9: the truncation error is h²·|g‴|/6 ≤ 1e-10·0.7 for
    /// these functions (|g‴| ≤ 2 for tanh, ≤ 1/8 for σ, 0 for the piecewise-linear ones), and rounding adds
    /// ≈ ulp(g)/h ≤ 2e-16/1e-5 = 2e-11.
    @Test(arguments: Fixtures.activations)
    func derivativeMatchesCentralDifferences(_ g: Activation) {
        let h = 1e-5
        for z in [-3.0, -1.2, -0.5, -0.1, 0.1, 0.3, 0.9, 2.5] {
            let numeric = (g.value(z + h) - g.value(z - h)) / (2 * h)
            let analytic = g.derivative(z: z, a: g.value(z))
            #expect(abs(numeric - analytic) <= 1e-9, "\(g)′(\(z)): \(analytic) vs numeric \(numeric)")
        }
    }

    /// The lecture's slide defines ReLU′ and leaky′ as 1 for z ≥ 0, so the value at the kink is 1; and 0 resp. the
    /// slope below it. These are exact by definition.
    @Test func piecewiseDerivativesFollowTheSlideConvention() {
        #expect(Activation.relu.derivative(z: 0, a: 0) == 1)
        #expect(Activation.relu.derivative(z: -1e-300, a: 0) == 0)
        #expect(Activation.relu.derivative(z: 2, a: 2) == 1)
        let leaky = Activation.leaky(slope: 0.01)
        #expect(leaky.derivative(z: 0, a: 0) == 1)
        #expect(leaky.derivative(z: -3, a: leaky.value(-3)) == 0.01)
        #expect(leaky.value(-3) == -0.03)
        #expect(Activation.linear.derivative(z: -7, a: -7) == 1)
        #expect(Activation.tanh.derivative(z: 0, a: 0) == 1)
    }

    /// Values at a few points, exact where the function is exact in binary.
    @Test func values() {
        #expect(Activation.sigmoid.value(0) == 0.5)
        #expect(Activation.tanh.value(0) == 0)
        #expect(Activation.relu.value(-2) == 0)
        #expect(Activation.relu.value(2.5) == 2.5)
        #expect(Activation.linear.value(-4.25) == -4.25)
        #expect(Activation.sigmoid.value(-800) == 0 && Activation.sigmoid.value(800) == 1)
        #expect(Activation.tanh.value(-800) == -1 && Activation.tanh.value(800) == 1)
    }
}
