import Testing
@testable import NeuralNet
import NeuralNetKernels
#if canImport(Glibc)
import Glibc
#endif

/// The engine's vectorizable exp, tanh, σ and softplus (`Elementary`) against glibc's.
@Suite struct ElementaryFunctionTests {
    /// |a − b| in units in the last place of b (b ≠ 0).
    func ulps(_ a: Double, _ b: Double) -> Double { a == b ? 0 : abs(a - b) / b.ulp }

    /// The largest ulp difference from `reference` over `count` + 1 evenly spaced points of [lo, hi].
    func worst(_ f: (Double) -> Double, _ reference: (Double) -> Double, _ lo: Double, _ hi: Double,
               count: Int = 100_000) -> Double {
        (0...count).map { lo + (hi - lo) * Double($0) / Double(count) }.map { ulps(f($0), reference($0)) }.max()!
    }

    /// Bounds against glibc (itself within ~0.5 ulp of the exact value): exp 1 ulp, tanh 4, σ and softplus 5.
    /// These are the measured maxima over millions of points (exp 1, tanh 4, σ 4, softplus 4) rounded up where
    /// the measured value sat on the bound; they allow no systematic error — a wrong coefficient or a lost
    /// correction term shows up as thousands of ulps.
    @Test func accuracyAgainstGlibc() {
        #expect(worst(Elementary.exp, Glibc.exp, -707, 709.78) <= 1)
        #expect(worst(Elementary.exp, Glibc.exp, -1, 1) <= 1)
        #expect(worst(Elementary.tanh, Glibc.tanh, -20, 20) <= 4)
        #expect(worst(Elementary.tanh, Glibc.tanh, -0.5, 0.5) <= 4)
        #expect(worst(Elementary.tanh, Glibc.tanh, -1e-6, 1e-6) <= 4, "tanh keeps full relative accuracy near 0")
        #expect(worst(Elementary.sigmoid, { 1 / (1 + Glibc.exp(-$0)) }, -40, 40) <= 5)
        #expect(worst(Elementary.softplus, { max($0, 0) + Glibc.log1p(Glibc.exp(-abs($0))) }, -50, 50) <= 5)
        #expect(worst(Elementary.log1pUnit, Glibc.log1p, 0, 1) <= 2)
        #expect(worst(Elementary.log1pUnit, Glibc.log1p, 0, 1e-10) <= 1)
    }

    /// Values that must be exact: the saturation ends, the zeros, and the overflow threshold.
    @Test func specialValues() {
        #expect(Elementary.exp(0) == 1)
        #expect(Elementary.exp(710) == .infinity && Elementary.exp(.infinity) == .infinity)
        #expect(Elementary.exp(-800) == 0 && Elementary.exp(-.infinity) == 0)
        #expect(Elementary.exp(Elementary.expOverflow) == Glibc.exp(Elementary.expOverflow))
        #expect(Elementary.tanh(0) == 0 && Elementary.tanh(-0.0).sign == .minus)
        #expect(Elementary.tanh(25) == 1 && Elementary.tanh(-25) == -1)
        #expect(Elementary.tanh(.infinity) == 1 && Elementary.tanh(-.infinity) == -1)
        #expect(Elementary.sigmoid(0) == 0.5)
        #expect(Elementary.sigmoid(800) == 1 && Elementary.sigmoid(-800) == 0)
        #expect(Elementary.softplus(800) == 800 && Elementary.softplus(-800) == 0)
        #expect(Elementary.softplus(0) == Glibc.log(2))
    }

    /// NaN must come out as NaN, or a diverging run with NaN parameters could report a finite cost.
    @Test func nanPropagates() {
        for f in [Elementary.exp, Elementary.tanh, Elementary.sigmoid, Elementary.softplus] {
            #expect(f(.nan).isNaN)
        }
    }

    /// The C kernels (the variant the CPU selected at load time: AVX-512, AVX2 + FMA or baseline) give exactly the
    /// bits of the Swift functions — tanh, and the fused output pass's σ and softplus, which share one e^−|z| and
    /// one division — over the whole range, the saturation ends and the subnormal neighbourhood of 0.
    @Test func kernelsGiveTheSwiftFunctionsBits() {
        let n = 40_000
        let x = (0...n).map { -60 + 120 * Double($0) / Double(n) } + [0, -0.0, 1e-300, -1e-300, .leastNonzeroMagnitude, 707.5, -707.5, 800, -800]
        let count = x.count
        var z = x, a = [Double](repeating: .nan, count: count)
        let y = [Double](repeating: 0, count: count)
        var loss = a, delta = a
        nn_tanh_bias(&z, &a, [0.0], 1, count)
        // z[k] = x[k] + 0 (the bias), which turns −0 into +0.
        for k in 0..<count { #expect(a[k].bitPattern == Elementary.tanh(z[k]).bitPattern, "tanh(\(z[k]))") }
        z = x
        nn_sigmoid_bce(&z, &a, y, &loss, &delta, 0, count)
        for k in 0..<count {
            #expect(a[k].bitPattern == Elementary.sigmoid(z[k]).bitPattern, "σ(\(z[k]))")
            #expect(loss[k] == Elementary.softplus(z[k]), "softplus(\(z[k]))")
        }
    }

    /// The vectorized hidden-layer pass (`Activation.forward`, the loop the compiler vectorizes) gives exactly
    /// the scalar `Activation.value` for every entry, and adds the bias as numpy broadcasts it.
    @Test(arguments: Fixtures.activations)
    func fusedForwardEqualsScalarValue(_ g: Activation) {
        let rows = 3, m = 37
        var random = NumpyRandom(seed: 21)
        var z = random.gaussians(rows * m).map { $0 * 4 }
        let original = z
        let bias = [0.5, -1.25, 3]
        var a = [Double](repeating: .nan, count: rows * m)
        z.withUnsafeMutableBufferPointer { zp in
            a.withUnsafeMutableBufferPointer { ap in
                bias.withUnsafeBufferPointer { bp in
                    g.forward(z: zp.baseAddress!, a: ap.baseAddress!, bias: bp.baseAddress!, rows: rows, m: m)
                }
            }
        }
        for i in 0..<rows {
            for j in 0..<m {
                let k = i * m + j
                #expect(z[k] == original[k] + bias[i])
                #expect(a[k] == g.value(z[k]))
            }
        }
    }
}
