/// How the weights start. Biases always start at 0.
///
/// All random initializers draw from numpy's legacy generator in the order W1, W2, … (row-major), so
/// `init random scale=0.01 seed=2` gives the lecture assignment's weights bit for bit.
public enum Initializer: Sendable, Equatable {
    /// W = randn · scale (the assignment's `np.random.randn(n_h, n_x) * 0.01`).
    case random(scale: Double)
    /// W uniform in [−scale, scale).
    case uniform(scale: Double)
    /// W = randn · √(1/n[l−1]) (Xavier/Glorot for tanh, as in the course).
    case xavier
    /// W = randn · √(2/n[l−1]) (He, for ReLU).
    case he
    /// W = 0: the lecture's question "what happens when we initialize W to zero?" — every hidden unit
    /// computes the same function and receives the same gradient, so symmetry is never broken.
    case zeros

    public static let defaultScale = 0.01
    public static let names = ["random", "uniform", "xavier", "he", "zeros"]

    public var name: String {
        switch self {
        case .random: return "random"
        case .uniform: return "uniform"
        case .xavier: return "xavier"
        case .he: return "he"
        case .zeros: return "zeros"
        }
    }

    public var description: String {
        switch self {
        case .random(let s): return "random scale=\(formatShort(s))"
        case .uniform(let s): return "uniform scale=\(formatShort(s))"
        default: return name
        }
    }

    public var usesRandomness: Bool { self != .zeros }

    /// A fresh network for `architecture`, drawing from numpy's generator seeded with `seed`.
    public func makeNetwork(_ architecture: Architecture, seed: UInt32) -> Network {
        var network = Network(zerosFor: architecture)
        var random = NumpyRandom(seed: seed)
        let n = architecture.layerSizes
        for l in network.layers.indices {
            let count = network.layers[l].W.count
            let fanIn = Double(n[l])
            let values: [Double]
            switch self {
            case .zeros: values = Array(repeating: 0, count: count)
            case .random(let scale): values = random.gaussians(count).map { $0 * scale }
            case .uniform(let scale): values = random.uniforms(count).map { ($0 * 2 - 1) * scale }
            case .xavier: values = random.gaussians(count).map { $0 * (1 / fanIn).squareRoot() }
            case .he: values = random.gaussians(count).map { $0 * (2 / fanIn).squareRoot() }
            }
            network.layers[l].W.elements = values
        }
        return network
    }
}
