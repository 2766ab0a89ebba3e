/// Gradient checking: backprop against central finite differences — and the lecture's question "why is
/// backpropagation called fast?". One backward pass costs about as much as two forward passes; the
/// numeric gradient needs two forward passes *per parameter*.
public struct GradientCheckResult: Sendable {
    public struct Entry: Sendable {
        /// `W1`, `b1`, `W2`, …
        public var name: String
        public var checked: Int
        public var total: Int
        /// ‖g − n‖ / (‖g‖ + ‖n‖) over the checked entries of this matrix (the assignment's measure;
        /// 0 when both gradients are exactly 0).
        public var relativeDifference: Double
        /// max |g − n| over the checked entries: finite differences cannot resolve much below ulp(J)/ε ≈ 1e-9.
        public var maxAbsoluteDifference: Double
    }
    public var entries: [Entry]
    public var checkedCount: Int
    public var parameterCount: Int
    /// Seconds for one forward + backward pass, and for the whole finite-difference pass.
    public var backpropSeconds: Double
    public var numericSeconds: Double
    public var maxRelativeDifference: Double { entries.map(\.relativeDifference).max() ?? 0 }
    /// ‖g − n‖ / (‖g‖ + ‖n‖) over every checked parameter at once — the assignment's verdict measure.
    public var overallRelativeDifference: Double
}

public enum GradientCheck {
    /// Relative differences below this pass; the lecture's assignment uses 1e-7 for ε = 1e-7.
    public static let threshold = 1e-7
    public static let maxSampled = 2_000
    /// Below this absolute difference, central differences at ε = 1e-7 cannot tell: J is known to about
    /// one ulp (~1e-16 for J ≈ 0.5), and (J(θ+ε) − J(θ−ε)) / 2ε magnifies that by 1/2ε = 5·10⁶.
    public static let roundingFloor = 1e-8

    /// The multiply-adds the numeric side may spend: each checked parameter costs two forward passes of
    /// about m·P multiply-adds, so a wide network on many examples checks fewer parameters (a few seconds
    /// at most, instead of hours for `set hidden 100000`).
    public static let workBudget = 10_000_000_000.0
    /// The fewest parameters checked, whatever the cost: below this a sample says little.
    public static let minimumSampled = 50

    /// How many parameters a check samples: all of them up to `maxSampled`, fewer when two forward passes
    /// per parameter would exceed `workBudget`.
    public static func sampleSize(parameters: Int, examples: Int) -> Int {
        let perParameter = 2 * Double(max(examples, 1)) * Double(max(parameters, 1))
        let affordable = Int(min(Double(maxSampled), (workBudget / perParameter).rounded(.down)))
        return min(parameters, max(minimumSampled, affordable))
    }

    /// Checks ∂J/∂θ from backprop against (J(θ + ε) − J(θ − ε)) / 2ε for every parameter, or a seeded
    /// sample of `maxSampled` of them on large networks. `clock` returns seconds (injected: the engine
    /// reads no clock of its own). `shouldStop` is checked between parameters.
    public static func run(_ network: Network, X: Matrix, T: Matrix, regularization: Regularization = .none,
                           epsilon: Double = 1e-7, seed: UInt32 = 0, clock: () -> Double,
                           shouldStop: () -> Bool = { false }) -> GradientCheckResult? {
        let workspace = Workspace(architecture: network.architecture, m: X.cols)
        let t0 = clock()
        network.forward(X, into: workspace)
        network.backward(X, targets: T, workspace: workspace, regularization: regularization)
        let backpropSeconds = clock() - t0
        let analytic = workspace.gradients.flatMap { $0.W.elements + $0.b.elements }

        let theta = network.flattenedParameters
        let total = theta.count
        var indices = Array(0..<total)
        let sampled = sampleSize(parameters: total, examples: X.cols)
        if total > sampled {
            var random = NumpyRandom(seed: seed)
            random.shuffle(&indices)
            indices = Array(indices.prefix(sampled)).sorted()
        }
        var probe = network
        var numeric = [Double](repeating: .nan, count: total)
        var shifted = theta
        let t1 = clock()
        for k in indices {
            if shouldStop() { return nil }
            shifted[k] = theta[k] + epsilon
            probe.setFlattenedParameters(shifted)
            probe.forward(X, into: workspace)
            let plus = probe.cost(of: workspace, targets: T, regularization: regularization)
            shifted[k] = theta[k] - epsilon
            probe.setFlattenedParameters(shifted)
            probe.forward(X, into: workspace)
            let minus = probe.cost(of: workspace, targets: T, regularization: regularization)
            shifted[k] = theta[k]
            numeric[k] = (plus - minus) / (2 * epsilon)
        }
        let numericSeconds = clock() - t1

        var entries: [GradientCheckResult.Entry] = []
        var offset = 0
        for (l, layer) in network.layers.enumerated() {
            for (name, count) in [("W\(l + 1)", layer.W.count), ("b\(l + 1)", layer.b.count)] {
                let checkedIndices = (offset..<(offset + count)).filter { !numeric[$0].isNaN }
                let difference = relativeDifference(checkedIndices.map { analytic[$0] }, checkedIndices.map { numeric[$0] })
                let absolute = checkedIndices.map { abs(analytic[$0] - numeric[$0]) }.max() ?? 0
                entries.append(.init(name: name, checked: checkedIndices.count, total: count, relativeDifference: difference,
                                     maxAbsoluteDifference: absolute))
                offset += count
            }
        }
        let overall = relativeDifference(indices.map { analytic[$0] }, indices.map { numeric[$0] })
        return GradientCheckResult(entries: entries, checkedCount: indices.count, parameterCount: total,
                                   backpropSeconds: backpropSeconds, numericSeconds: numericSeconds,
                                   overallRelativeDifference: overall)
    }

    /// ‖a − b‖₂ / (‖a‖₂ + ‖b‖₂), the assignment's `gradient_check` measure; 0 when both are zero.
    /// A norm over a whole matrix rather than a per-entry ratio: an entry whose true gradient is ~0 has a
    /// finite-difference error of about ulp(J)/ε ≈ 1e-9 that would dominate a per-entry ratio.
    public static func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
        var difference = 0.0, normA = 0.0, normB = 0.0
        for (x, y) in zip(a, b) {
            difference += (x - y) * (x - y)
            normA += x * x
            normB += y * y
        }
        let denominator = normA.squareRoot() + normB.squareRoot()
        return denominator == 0 ? 0 : difference.squareRoot() / denominator
    }
}
