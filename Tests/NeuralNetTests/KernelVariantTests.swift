import Testing
@testable import NeuralNet

/// The kernels are one C source compiled for three CPU levels; the machine runs the highest it supports. Each
/// variant is forced here on the same inputs — ordinary values, the tails where the functions saturate, ±0,
/// subnormals, ±∞ and NaN — and must give the baseline's bits (any NaN counting as NaN: its sign and payload are
/// no result), so a number never depends on the CPU.
@Suite struct KernelVariantTests {
    @Test func everyVariantGivesTheBaselinesBits() {
        var random = NumpyRandom(seed: 11)
        var z: [Double] = (0..<4000).map { _ in random.nextGaussian() * 3 }
        z += (0..<2000).map { _ in random.nextGaussian() * 300 }
        z += [0, -0.0, Double(bitPattern: 0x000F_0000_0000_0000), -Double(bitPattern: 0x000F_0000_0000_0000), .leastNonzeroMagnitude, 19.999, 20, 20.001, -20, 706.9, 707, 707.1, -707, -709.78, 709.78,
              709.79, 1e308, -1e308, .infinity, -.infinity, .nan, 1e-8, -1e-8, 0.5, 36.7, -36.7]
        while z.count % 4 != 0 { z.append(random.nextGaussian()) }
        let y = z.indices.map { Double($0 % 2) }
        let result = KernelVariants.check(z: z, y: y)
        #expect(result == 0, "variant \(result / 100) (\(KernelVariants.names[min(max(result / 100, 0), 2)])), kernel \(result % 100)")
        // Which variants this machine could force (the baseline always; on this project's SkylakeX all three).
        #expect(KernelVariants.supported(0))
        let forced = (0...2).filter(KernelVariants.supported).map { KernelVariants.names[$0] }
        #expect(!forced.isEmpty, "forced: \(forced)")
    }
}
