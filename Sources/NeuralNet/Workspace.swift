/// Preallocated buffers for one batch size m: the forward cache Z[l], A[l], the backward δ's, the
/// gradients and the per-example losses. Sized once per shape so the training loop never allocates.
///
/// Shapes (lecture notation): Z[l], A[l], dZ[l] are (n[l], m); dW[l] is (n[l], n[l−1]); db[l] is (n[l], 1).
///
/// The buffers are one raw allocation owned by this object (freed in `deinit`), addressed through
/// pointers fixed at creation: the hot loop then touches no Swift array, so it does no reference counting
/// and no copy-on-write uniqueness checks. The `Matrix` views below copy out, for tests and inspection.
public final class Workspace {
    public let architecture: Architecture
    public let m: Int
    /// Layer widths n[0], n[1], …, n[L].
    let sizes: [Int]
    /// Z[l], A[l], δ[l] = ∂J/∂Z[l]·m (the lecture's dZ[l]), ∂J/∂W[l], ∂J/∂b[l] for l = 1…L, at index l − 1.
    let z: [UnsafeMutablePointer<Double>]
    let a: [UnsafeMutablePointer<Double>]
    let dz: [UnsafeMutablePointer<Double>]
    let dW: [UnsafeMutablePointer<Double>]
    let db: [UnsafeMutablePointer<Double>]
    /// dW1, db1, dW2, db2, … contiguous, in `ParameterBuffer`'s layout.
    let gradientBase: UnsafeMutablePointer<Double>
    /// Per-example losses of the last cost evaluation, summed pairwise.
    let losses: UnsafeMutablePointer<Double>
    /// The parameters the public `forward`/`backward` copy the network into (the trainer uses its own).
    let parameters: ParameterBuffer
    private let storage: UnsafeMutablePointer<Double>
    /// The fused training step, for architectures it computes (made on first use).
    private(set) lazy var fused: FusedShallowStep? =
        FusedShallowStep.applies(to: architecture, m: m) ? FusedShallowStep(architecture: architecture, m: m) : nil

    public init(architecture: Architecture, m: Int) {
        let n = architecture.layerSizes
        self.architecture = architecture
        self.m = m
        sizes = n
        let L = n.count - 1
        var total = m
        for l in 1...L { total += 3 * n[l] * m + n[l] * n[l - 1] + n[l] }
        let block = UnsafeMutablePointer<Double>.allocate(capacity: max(total, 1))
        block.initialize(repeating: 0, count: max(total, 1))
        storage = block
        var offset = 0
        func take(_ count: Int) -> UnsafeMutablePointer<Double> {
            defer { offset += count }
            return block + offset
        }
        z = (1...L).map { take(n[$0] * m) }
        a = (1...L).map { take(n[$0] * m) }
        dz = (1...L).map { take(n[$0] * m) }
        // The gradients in the parameters' layout (dW1, db1, dW2, db2, …), so an update is one flat loop.
        gradientBase = block + offset
        var weights: [UnsafeMutablePointer<Double>] = [], biases: [UnsafeMutablePointer<Double>] = []
        for l in 1...L {
            weights.append(take(n[l] * n[l - 1]))
            biases.append(take(n[l]))
        }
        dW = weights
        db = biases
        losses = take(m)
        parameters = ParameterBuffer(architecture: architecture)
    }

    deinit { storage.deallocate() }

    private func matrix(_ p: UnsafeMutablePointer<Double>, _ rows: Int, _ cols: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, elements: Array(UnsafeBufferPointer(start: p, count: rows * cols)))
    }

    /// Z[l] and A[l] for l = 1…L, at index l − 1 (copies).
    public var Z: [Matrix] { (0..<z.count).map { matrix(z[$0], sizes[$0 + 1], m) } }
    public var A: [Matrix] { (0..<a.count).map { matrix(a[$0], sizes[$0 + 1], m) } }
    /// Z[l] and A[l] of one layer l (1…L), copies: only that layer is copied.
    public func Z(layer l: Int) -> Matrix { matrix(z[l - 1], sizes[l], m) }
    public func A(layer l: Int) -> Matrix { matrix(a[l - 1], sizes[l], m) }
    /// δ[l] = ∂J/∂Z[l]·m (the lecture's dZ[l]), index l − 1 (copies).
    public var dZ: [Matrix] { (0..<dz.count).map { matrix(dz[$0], sizes[$0 + 1], m) } }
    /// ∂J/∂W[l] and ∂J/∂b[l], index l − 1 (copies).
    public var gradients: [DenseLayer] {
        (0..<dW.count).map { l in
            DenseLayer(W: matrix(dW[l], sizes[l + 1], sizes[l]), b: matrix(db[l], sizes[l + 1], 1))
        }
    }

    /// The network's output A[L] (ŷ) after the last forward pass.
    public var output: Matrix { matrix(a[a.count - 1], sizes[sizes.count - 1], m) }
}

/// All of a network's parameters in one raw buffer, laid out W1, b1, W2, b2, … (row-major), as
/// `Network.flattenedParameters`. The trainer keeps two and swaps them, so keeping the previous
/// iteration's parameters (for divergence) costs no copy.
final class ParameterBuffer {
    let count: Int
    let base: UnsafeMutablePointer<Double>
    /// W[l] and b[l] at index l − 1.
    let W: [UnsafeMutablePointer<Double>]
    let b: [UnsafeMutablePointer<Double>]
    /// The number of entries of W[l], index l − 1 (for the weight penalties).
    let wCount: [Int]

    init(architecture: Architecture) {
        let n = architecture.layerSizes
        count = architecture.parameterCount
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
        var w: [UnsafeMutablePointer<Double>] = [], bias: [UnsafeMutablePointer<Double>] = [], counts: [Int] = []
        var offset = 0
        for l in 1..<n.count {
            w.append(base + offset); counts.append(n[l] * n[l - 1]); offset += n[l] * n[l - 1]
            bias.append(base + offset); offset += n[l]
        }
        W = w
        b = bias
        wCount = counts
    }

    deinit { base.deallocate() }

    /// Copies the network's parameters in.
    func load(_ network: Network) {
        for l in network.layers.indices {
            network.layers[l].W.elements.withUnsafeBufferPointer { W[l].update(from: $0.baseAddress!, count: $0.count) }
            network.layers[l].b.elements.withUnsafeBufferPointer { b[l].update(from: $0.baseAddress!, count: $0.count) }
        }
    }

    /// Copies the parameters out into the network.
    func store(into network: inout Network) {
        for l in network.layers.indices {
            let w = W[l], bias = b[l]
            network.layers[l].W.elements.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: w, count: $0.count) }
            network.layers[l].b.elements.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: bias, count: $0.count) }
        }
    }

    /// Whether every parameter is a finite number.
    var isFinite: Bool {
        for k in 0..<count where !base[k].isFinite { return false }
        return true
    }
}
