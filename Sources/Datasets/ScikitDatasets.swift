import NeuralNet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// scikit-learn's toy generators, following `sklearn.datasets` step by step with numpy's legacy generator.
///
/// `moons(n, noise, seed)` equals `make_moons(n_samples=n, noise=noise, random_state=seed)`, and likewise
/// `circles` (`make_circles(…, factor=)`), `blobs` (`make_blobs(…, centers=, cluster_std=, n_features=)`)
/// and `quantiles` (`make_gaussian_quantiles(n_samples=, n_features=, n_classes=, random_state=)`): same
/// draws in the same order (shuffle by `RandomState.shuffle`, noise by `normal`), so the same points up to the
/// last bit or two of numpy's own `sin`/`cos` (numpy may use SIMD versions that differ from the C library's
/// by an ulp). The tests compare with values printed by scikit-learn 1.9 to 1e-12.
/// These functions trust their arguments; `BuiltinDatasets.make` checks them.
public enum ScikitDatasets {
    /// `moons`: two interleaving half circles, class 0 on top (center (0, 0)), class 1 below (center (1, 0.5)),
    /// n/2 and n − n/2 points, shuffled, plus Gaussian noise of standard deviation `noise`.
    public static func moons(n: Int = 500, noise: Double = 0.1, seed: UInt32 = 0) -> Dataset {
        let nOut = n / 2, nIn = n - nOut
        let outer = linspace(0, Double.pi, nOut, endpoint: true)
        let inner = linspace(0, Double.pi, nIn, endpoint: true)
        var rows: [[Double]] = outer.map { [cos($0), sin($0)] }
        rows += inner.map { [1 - cos($0), 1 - sin($0) - 0.5] }
        let y = Array(repeating: 0, count: nOut) + Array(repeating: 1, count: nIn)
        var random = NumpyRandom(seed: seed)
        return finish("moons", rows, y, classes: 2, noise: noise, random: &random)
    }

    /// `circles`: a large circle (class 0, radius 1) around a small one (class 1, radius `factor`), n/2 and
    /// n − n/2 points evenly spaced in angle, shuffled, plus Gaussian noise of standard deviation `noise`.
    public static func circles(n: Int = 500, noise: Double = 0.05, factor: Double = 0.5, seed: UInt32 = 0) -> Dataset {
        let nOut = n / 2, nIn = n - nOut
        let outer = linspace(0, 2 * Double.pi, nOut, endpoint: false)
        let inner = linspace(0, 2 * Double.pi, nIn, endpoint: false)
        var rows: [[Double]] = outer.map { [cos($0), sin($0)] }
        rows += inner.map { [cos($0) * factor, sin($0) * factor] }
        let y = Array(repeating: 0, count: nOut) + Array(repeating: 1, count: nIn)
        var random = NumpyRandom(seed: seed)
        return finish("circles", rows, y, classes: 2, noise: noise, random: &random)
    }

    /// `blobs`: `centers` isotropic Gaussian clusters (one class each) with standard deviation `std`, centres
    /// drawn uniformly in [−10, 10]^features; n/centers points each (the first n mod centers get one more), shuffled.
    public static func blobs(n: Int = 500, centers: Int = 3, std: Double = 1.0, features: Int = 2,
                             seed: UInt32 = 0) -> Dataset {
        var random = NumpyRandom(seed: seed)
        let centerPoints = (0..<centers).map { _ in (0..<features).map { _ in -10 + 20 * random.nextDouble() } }
        let counts = (0..<centers).map { n / centers + ($0 < n % centers ? 1 : 0) }
        // scikit-learn draws every point, then shuffles them. Holding the points and then the shuffled matrix
        // would need the data twice (752 MB for 60,000 × 784); instead the draws are made once to reach the
        // shuffle, and made again from the saved state straight into each point's shuffled column.
        let pointsStart = random
        for count in counts {
            for _ in 0..<(count * features) { _ = random.nextGaussian() }
        }
        var order = Array(0..<n)
        random.shuffle(&order)
        var column = [Int](repeating: 0, count: n)
        for (j, source) in order.enumerated() { column[source] = j }
        var X = Matrix(rows: features, cols: n)
        var Y = Matrix(rows: 1, cols: n)
        var replay = pointsStart
        var source = 0
        for (c, count) in counts.enumerated() {
            for _ in 0..<count {
                let j = column[source]
                for i in 0..<features { X[i, j] = centerPoints[c][i] + std * replay.nextGaussian() }
                Y[0, j] = Double(c)
                source += 1
            }
        }
        return Dataset(name: "blobs", X: X, Y: Y, classNames: (0..<centers).map(String.init))
    }

    /// `quantiles`: n standard-normal points in `features` dimensions, sorted by squared distance from the
    /// origin and cut into `classes` equal groups (class 0 innermost; the remainder joins the last class),
    /// shuffled — concentric shells of equal probability.
    public static func quantiles(n: Int = 500, classes: Int = 2, features: Int = 2, seed: UInt32 = 0) -> Dataset {
        var random = NumpyRandom(seed: seed)
        let points = (0..<n).map { _ in (0..<features).map { _ in random.nextGaussian() } }
        let radii = points.map { p in p.reduce(0) { $0 + $1 * $1 } }
        let order = points.indices.sorted { radii[$0] < radii[$1] || (radii[$0] == radii[$1] && $0 < $1) }
        let rows = order.map { points[$0] }
        let step = n / classes
        let y = (0..<n).map { min($0 / step, classes - 1) }
        return finish("quantiles", rows, y, classes: classes, noise: 0, random: &random)
    }

    /// numpy's `linspace`: `arange(num) · step + start`; with `endpoint`, step = (stop − start)/(num − 1)
    /// and the last element is `stop`; without, step = (stop − start)/num.
    static func linspace(_ start: Double, _ stop: Double, _ num: Int, endpoint: Bool) -> [Double] {
        guard num > 0 else { return [] }
        let div = endpoint ? num - 1 : num
        guard div > 0 else { return [start] }
        let step = (stop - start) / Double(div)
        var values = (0..<num).map { Double($0) * step + start }
        if endpoint { values[num - 1] = stop }
        return values
    }

    /// scikit-learn's tail: `util_shuffle` (a `RandomState.shuffle` of the row indices), then
    /// `X += normal(scale=noise, size=X.shape)` in row-major order when there is noise.
    static func finish(_ name: String, _ rows: [[Double]], _ y: [Int], classes: Int, noise: Double,
                       random: inout NumpyRandom) -> Dataset {
        let m = rows.count
        let features = rows.first?.count ?? 2
        var indices = Array(0..<m)
        random.shuffle(&indices)
        var X = Matrix(rows: features, cols: m)
        var Y = Matrix(rows: 1, cols: m)
        for (j, source) in indices.enumerated() {
            for i in 0..<features { X[i, j] = rows[source][i] }
            Y[0, j] = Double(y[source])
        }
        if noise > 0 {
            for j in 0..<m {
                for i in 0..<features { X[i, j] += noise * random.nextGaussian() }
            }
        }
        return Dataset(name: name, X: X, Y: Y, classNames: (0..<classes).map(String.init))
    }
}
