import NeuralNet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `nested`: the lecture's "topologically incapable" picture — class A, a disc r < 1/3, inside class B, a ring
/// 2/3 < r < 1. With two hidden units a tanh network cannot separate them; with three it can.
///
/// n − n/2 points of A, then n/2 of B, each uniform *in area*: r = √(r0² + u·(r1² − r0²)), angle = 2π·v with
/// u, v uniform from `NumpyRandom(seed)`; x = (r·cos angle, r·sin angle), plus, when `noise` > 0, Gaussian
/// jitter of that standard deviation on each coordinate (which can close the gap of 1/3 between the classes).
public enum NestedDataset {
    public static func make(n: Int = 500, noise: Double = 0, seed: UInt32 = 0) -> Dataset {
        var random = NumpyRandom(seed: seed)
        var X = Matrix(rows: 2, cols: n)
        var Y = Matrix(rows: 1, cols: n)
        var j = 0
        for (count, r0, r1, label) in [(n - n / 2, 0.0, 1.0 / 3, 0), (n / 2, 2.0 / 3, 1.0, 1)] {
            for _ in 0..<count {
                let r = (r0 * r0 + random.nextDouble() * (r1 * r1 - r0 * r0)).squareRoot()
                let angle = 2 * Double.pi * random.nextDouble()
                var x = r * cos(angle), y = r * sin(angle)
                if noise > 0 {
                    x += noise * random.nextGaussian()
                    y += noise * random.nextGaussian()
                }
                X[0, j] = x
                X[1, j] = y
                Y[0, j] = Double(label)
                j += 1
            }
        }
        return Dataset(name: "nested", X: X, Y: Y, classNames: ["A", "B"])
    }
}
