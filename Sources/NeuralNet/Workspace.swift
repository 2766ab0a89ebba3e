/// Preallocated buffers for one batch size m: the forward cache Z[l], A[l], the backward δ's and the
/// gradients. Sized once per shape so the training loop never allocates.
///
/// Shapes (lecture notation): Z[l], A[l], dZ[l] are (n[l], m); dW[l] is (n[l], n[l−1]); db[l] is (n[l], 1).
public final class Workspace {
    public let architecture: Architecture
    public let m: Int
    /// Z[l] and A[l] for l = 1…L, stored at index l − 1.
    public internal(set) var Z: [Matrix]
    public internal(set) var A: [Matrix]
    /// δ[l] = ∂J/∂Z[l]·m (the lecture's dZ[l]), index l − 1.
    public internal(set) var dZ: [Matrix]
    /// ∂J/∂W[l] and ∂J/∂b[l], index l − 1.
    public internal(set) var gradients: [DenseLayer]
    /// Per-example losses of the last cost evaluation, summed pairwise.
    var losses: [Double]

    public init(architecture: Architecture, m: Int) {
        let n = architecture.layerSizes
        self.architecture = architecture
        self.m = m
        Z = (1..<n.count).map { Matrix(rows: n[$0], cols: m) }
        A = Z
        dZ = Z
        gradients = (1..<n.count).map { DenseLayer(W: Matrix(rows: n[$0], cols: n[$0 - 1]), b: Matrix(rows: n[$0], cols: 1)) }
        losses = Array(repeating: 0, count: m)
    }

    /// The network's output A[L] (ŷ) after the last forward pass.
    public var output: Matrix { A[A.count - 1] }
}
