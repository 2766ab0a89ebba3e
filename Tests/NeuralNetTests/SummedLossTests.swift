import Testing
@testable import NeuralNet
import NeuralNetKernels
#if canImport(Glibc)
import Glibc
#endif

/// `nn_sigmoid_bce_total`, the training step's output pass: Σ softplus(z) − y·z with one logarithm per lane of
/// products of u = 1 + e^−|z|, against the per-example losses of `nn_sigmoid_bce` summed pairwise.
@Suite struct SummedLossTests {
    /// Runs both kernels on the same inputs: (the reference total, its Σ|loss|, the new total), after checking that
    /// z, a and δ come out with the same bits.
    func both(_ z: [Double], _ y: [Double], bias: Double) -> (reference: Double, magnitude: Double, total: Double) {
        let m = z.count
        var z1 = z, a1 = [Double](repeating: .nan, count: m), loss = a1, d1 = a1
        var z2 = z, a2 = a1, d2 = a1
        nn_sigmoid_bce(&z1, &a1, y, &loss, &d1, bias, m)
        let total = nn_sigmoid_bce_total(&z2, &a2, y, &d2, bias, m)
        #expect(z1.map(\.bitPattern) == z2.map(\.bitPattern))
        #expect(a1.map(\.bitPattern) == a2.map(\.bitPattern))
        #expect(d1.map(\.bitPattern) == d2.map(\.bitPattern))
        return (nn_pairwise_sum(loss, m), loss.map { abs($0) }.reduce(0, +), total)
    }

    /// Each factor's rounding moves its lane's product by at most ε/2 relatively, i.e. the log-sum by ε/2, so the
    /// products part is off by at most m·ε/2; both sums of m terms (pairwise for the reference, 8 lanes for the new
    /// one) by at most ~(m/8 + 3)·ε·Σ|loss| — bounded here by 64·ε·Σ|loss| for m ≤ 400 and m·ε·Σ|loss| beyond.
    /// Dropping an example, or a lane's power of two, is off by ≥ 1e-8 on these inputs.
    @Test func agreesWithThePerExampleLosses() {
        var random = NumpyRandom(seed: 5)
        for m in [1, 7, 8, 9, 400, 5_000, 100_000] {
            for scale in [0.5, 3.0, 40.0] {
                let z = (0..<m).map { _ in random.nextGaussian() * scale }
                let y = (0..<m).map { k in k % 3 == 0 ? 0.25 : Double(k % 2) }
                let (reference, magnitude, total) = both(z, y, bias: 0.125)
                let epsilon = Double.ulpOfOne
                let bound = Double(m) * epsilon / 2 + max(64, Double(m)) * epsilon * magnitude
                #expect(abs(total - reference) <= bound, "m = \(m), scale \(scale): \(total) vs \(reference) (bound \(bound))")
            }
        }
    }

    /// z = 0 makes every factor 2: without bringing the products back to [1, 2) every 512 factors they would
    /// overflow at 1,024 examples per lane. The total is m·ln 2.
    @Test func longRunsOfLargeFactorsDoNotOverflow() {
        for m in [8 * 1_024 + 3, 200_000] {
            let (_, _, total) = both([Double](repeating: 0, count: m), [Double](repeating: 0, count: m), bias: 0)
            let exact = Double(m) * Glibc.log(2.0)
            // m·ε/2 from the factors (each exactly 2 here, so in fact none), 8·ε·total from the last additions.
            #expect(abs(total - exact) <= 8 * Double.ulpOfOne * exact + Double(m) * Double.ulpOfOne,
                    "m = \(m): \(total) vs \(exact)")
        }
    }

    /// Special inputs give what the per-example losses give: NaN where they give NaN (a NaN z, or 0·∞ for an
    /// infinite z — a diverged run must not report a finite cost), the same infinity, or a close finite total.
    @Test func specialValuesAsThePerExampleLosses() {
        for special in [Double.nan, .infinity, -.infinity, 800, -800, 1e300, -1e300] {
            for target in [0.0, 1.0] {
                var z = [Double](repeating: 0.5, count: 20)
                z[13] = special
                let (reference, magnitude, total) = both(z, [Double](repeating: target, count: 20), bias: 0)
                if reference.isNaN || !reference.isFinite {
                    #expect(total.isNaN == reference.isNaN && (total.isNaN || total == reference),
                            "z = \(special), y = \(target): \(total) vs \(reference)")
                } else {
                    #expect(abs(total - reference) <= 64 * Double.ulpOfOne * magnitude + 20 * Double.ulpOfOne,
                            "z = \(special), y = \(target): \(total) vs \(reference)")
                }
            }
        }
    }
}
