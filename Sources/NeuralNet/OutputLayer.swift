/// The output layer's activation and the cost that goes with it.
///
/// Each pair is chosen so that δ^L = ∂J/∂Z^L = (A^L − Y)/m per example — the lecture's
/// "especially for cross-entropy" result `dZ2 = A2 − Y` — which also holds for softmax with
/// categorical cross-entropy and for a linear output with ½·squared error.
public enum OutputKind: String, Sendable, Equatable, Hashable, CaseIterable {
    /// σ(z) with binary cross-entropy: one output unit, Y ∈ {0, 1}.
    case sigmoid
    /// softmax with categorical cross-entropy: k output units, Y one-hot (labels 0…k−1).
    case softmax
    /// identity with ½·mean squared error: regression.
    case linear

    public var costName: String {
        switch self {
        case .sigmoid: return "binary cross-entropy"
        case .softmax: return "categorical cross-entropy"
        case .linear: return "½·mean squared error"
        }
    }
}

extension OutputKind {
    /// Softplus log(1 + e^x), computed so it neither overflows nor loses precision:
    /// max(x, 0) + log1p(e^−|x|).
    @inline(__always)
    static func softplus(_ x: Double) -> Double {
        Elementary.softplus(x)
    }

    /// The loss of one binary example from its pre-activation z and label y ∈ {0, 1}:
    /// L = −y·log σ(z) − (1 − y)·log(1 − σ(z)) = softplus(z) − y·z.
    /// Written this way it stays finite when σ(z) rounds to exactly 0 or 1, where the lecture's
    /// formula evaluates log(0) and gives inf or NaN.
    @inline(__always)
    static func binaryCrossEntropy(z: Double, y: Double) -> Double {
        softplus(z) - y * z
    }
}
