import NeuralNet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// TensorFlow Playground's four classification datasets, with the formulas of its `dataset.ts`.
///
/// As in the Playground, points live in [−5, 5]² (radius 5), `noise` is a fraction from 0 to 0.5, and the two
/// classes are its "positive" (here class 1) and "negative" (class 0) examples. The Playground's `Math.random`
/// (seedrandom) is replaced by `NumpyRandom(seed)`: uniform U(a, b) = a + (b − a)·`nextDouble()`, normal draws
/// by `nextGaussian()`. Points come in the Playground's order (positives first), not shuffled.
/// These functions trust their arguments; `BuiltinDatasets.make` checks them.
public enum PlaygroundDatasets {
    public static let radius = 5.0

    /// `circle`: n/2 points uniform in radius in a disc r < 2.5, then n/2 in a ring 3.5 < r < 5. A point's
    /// class is whether it lies inside r = 2.5 *after* a noise offset U(−5, 5)·noise per coordinate — so the
    /// points stay where they are and noise flips labels near the boundary, as in the Playground.
    public static func circle(n: Int = 500, noise: Double = 0, seed: UInt32 = 0) -> Dataset {
        var random = NumpyRandom(seed: seed)
        var points: [(Double, Double, Int)] = []
        points.reserveCapacity(n)
        func label(_ x: Double, _ y: Double) -> Int { (x * x + y * y).squareRoot() < radius * 0.5 ? 1 : 0 }
        for (count, rMin, rMax) in [(n - n / 2, 0.0, radius * 0.5), (n / 2, radius * 0.7, radius)] {
            for _ in 0..<count {
                let r = uniform(&random, rMin, rMax)
                let angle = uniform(&random, 0, 2 * Double.pi)
                let x = r * sin(angle), y = r * cos(angle)
                let noiseX = uniform(&random, -radius, radius) * noise
                let noiseY = uniform(&random, -radius, radius) * noise
                points.append((x, y, label(x + noiseX, y + noiseY)))
            }
        }
        return dataset("circle", points)
    }

    /// `xor`: n points uniform in [−5, 5]², pushed 0.3 away from both axes; class 1 where x·y ≥ 0 (after a
    /// noise offset U(−5, 5)·noise per coordinate, labels only).
    public static func xor(n: Int = 500, noise: Double = 0, seed: UInt32 = 0) -> Dataset {
        var random = NumpyRandom(seed: seed)
        var points: [(Double, Double, Int)] = []
        points.reserveCapacity(n)
        let padding = 0.3
        for _ in 0..<n {
            var x = uniform(&random, -5, 5)
            x += x > 0 ? padding : -padding
            var y = uniform(&random, -5, 5)
            y += y > 0 ? padding : -padding
            let noiseX = uniform(&random, -5, 5) * noise
            let noiseY = uniform(&random, -5, 5) * noise
            points.append((x, y, (x + noiseX) * (y + noiseY) >= 0 ? 1 : 0))
        }
        return dataset("xor", points)
    }

    /// `gauss`: two Gaussian clouds, class 1 around (2, 2) and class 0 around (−2, −2), n/2 points each;
    /// the variance grows linearly with noise from 0.5 (noise 0) to 4 (noise 0.5).
    public static func gauss(n: Int = 500, noise: Double = 0, seed: UInt32 = 0) -> Dataset {
        var random = NumpyRandom(seed: seed)
        var points: [(Double, Double, Int)] = []
        points.reserveCapacity(n)
        let variance = 0.5 + (4 - 0.5) * noise / 0.5
        let sd = variance.squareRoot()
        for (count, center, label) in [(n - n / 2, 2.0, 1), (n / 2, -2.0, 0)] {
            for _ in 0..<count {
                let x = center + sd * random.nextGaussian()
                let y = center + sd * random.nextGaussian()
                points.append((x, y, label))
            }
        }
        return dataset("gauss", points)
    }

    /// `spiral`: two interleaved spirals of n/2 points each (class 1, then class 0 turned by π):
    /// for i = 0…k−1, r = 5·i/k, t = 1.75·2π·i/k + Δt, x = r·sin t + U(−1, 1)·noise, y = r·cos t + U(−1, 1)·noise.
    public static func spiral(n: Int = 500, noise: Double = 0, seed: UInt32 = 0) -> Dataset {
        var random = NumpyRandom(seed: seed)
        var points: [(Double, Double, Int)] = []
        points.reserveCapacity(n)
        for (count, deltaT, label) in [(n - n / 2, 0.0, 1), (n / 2, Double.pi, 0)] {
            let k = Double(count)
            for i in 0..<count {
                let r = Double(i) / k * radius
                let t = 1.75 * Double(i) / k * 2 * Double.pi + deltaT
                let x = r * sin(t) + uniform(&random, -1, 1) * noise
                let y = r * cos(t) + uniform(&random, -1, 1) * noise
                points.append((x, y, label))
            }
        }
        return dataset("spiral", points)
    }

    /// The Playground's `randUniform(a, b)`: a + (b − a)·U[0, 1).
    @inline(__always) static func uniform(_ random: inout NumpyRandom, _ a: Double, _ b: Double) -> Double {
        random.nextDouble() * (b - a) + a
    }

    static func dataset(_ name: String, _ points: [(Double, Double, Int)]) -> Dataset {
        let m = points.count
        var X = Matrix(rows: 2, cols: m)
        var Y = Matrix(rows: 1, cols: m)
        for (j, p) in points.enumerated() {
            X[0, j] = p.0
            X[1, j] = p.1
            Y[0, j] = Double(p.2)
        }
        return Dataset(name: name, X: X, Y: Y, classNames: ["0", "1"])
    }
}
