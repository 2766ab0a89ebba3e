import NeuralNet
#if canImport(Glibc)
import Glibc
#endif

/// The lecture's "flower": two interleaved classes on the rose curve r = a·sin(4t), a = 4.
///
/// Reproduces the numpy assignment's `load_planar_dataset()` bit for bit (numpy's legacy generator):
/// for class j ∈ {0, 1}: t = linspace(3.12·j, 3.12·(j+1), N) + 0.2·randn(N);
/// r = a·sin(4t) + 0.2·randn(N); x = (r·sin t, r·cos t). N = m/2 examples per class.
public enum FlowerDataset {
    public static let defaultCount = 400
    public static let defaultSeed: UInt32 = 1

    public static func make(count m: Int = defaultCount, seed: UInt32 = defaultSeed) -> Dataset {
        precondition(m >= 2 && m % 2 == 0, "flower needs an even number of points")
        var random = NumpyRandom(seed: seed)
        let n = m / 2
        let a = 4.0
        var X = Matrix(rows: 2, cols: m)
        var Y = Matrix(rows: 1, cols: m)
        for j in 0..<2 {
            let t0 = linspace(3.12 * Double(j), 3.12 * Double(j + 1), n)
            let noiseT = random.gaussians(n)
            let t = zip(t0, noiseT).map { $0 + $1 * 0.2 }
            let noiseR = random.gaussians(n)
            for i in 0..<n {
                let r = a * sin(4 * t[i]) + noiseR[i] * 0.2
                let column = n * j + i
                X[0, column] = r * sin(t[i])
                X[1, column] = r * cos(t[i])
                Y[0, column] = Double(j)
            }
        }
        return Dataset(name: "flower", X: X, Y: Y, classNames: ["0", "1"])
    }

    /// numpy's `linspace(start, stop, num)`: `arange(num) · step + start`, last element set to `stop`.
    static func linspace(_ start: Double, _ stop: Double, _ num: Int) -> [Double] {
        guard num > 1 else { return num == 1 ? [start] : [] }
        let step = (stop - start) / Double(num - 1)
        var values = (0..<num).map { Double($0) * step + start }
        values[num - 1] = stop
        return values
    }
}
