import NeuralNetKernels
/// A hidden layer's activation g(z) and its derivative g′(z), each exactly as on the lecture's slides.
///
/// Forward and backward sit side by side so each derivative can be checked against its function by eye.
/// The derivative takes both z and a = g(z): sigmoid and tanh are cheaper (and match the numpy assignment
/// bit for bit) from a, the piecewise ones need z.
public enum Activation: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// σ(z) = 1 / (1 + e^−z);  σ′(z) = σ(z)(1 − σ(z))  — 1/4 at z = 0.
    case sigmoid
    /// tanh(z) = (e^z − e^−z) / (e^z + e^−z);  tanh′(z) = 1 − tanh²(z)  — 1 at z = 0.
    case tanh
    /// ReLU(z) = max(0, z);  ReLU′(z) = 0 if z < 0, 1 if z ≥ 0 (the slide's convention at 0).
    case relu
    /// leaky(z) = z if z ≥ 0, a·z otherwise;  leaky′(z) = a if z < 0, 1 if z ≥ 0.
    case leaky(slope: Double)
    /// g(z) = z;  g′(z) = 1 — the lecture's "why non-linear activations" counter-example.
    case linear

    public static let defaultLeakySlope = 0.01
    /// The activation names the command language accepts.
    public static let names = ["sigmoid", "tanh", "relu", "leaky", "linear"]

    @inline(__always)
    public func value(_ z: Double) -> Double {
        switch self {
        case .sigmoid: return Elementary.sigmoid(z)
        case .tanh: return Elementary.tanh(z)
        case .relu: return z > 0 ? z : 0
        case .leaky(let a): return z >= 0 ? z : a * z
        case .linear: return z
        }
    }

    /// g′(z), given z and a = g(z).
    @inline(__always)
    public func derivative(z: Double, a: Double) -> Double {
        switch self {
        case .sigmoid: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .relu: return z >= 0 ? 1 : 0
        case .leaky(let slope): return z >= 0 ? 1 : slope
        case .linear: return 1
        }
    }

    /// The fused forward pass of a hidden layer, in place over its (rows, m) pre-activations:
    /// z ← z + b (b broadcast over the m columns, as numpy does), a ← g(z). The switch is decided once per row,
    /// so each inner loop is a plain loop over contiguous memory that the compiler vectorizes.
    @inline(__always)
    func forward(z: UnsafeMutablePointer<Double>, a: UnsafeMutablePointer<Double>, bias: UnsafePointer<Double>,
                 rows: Int, m: Int) {
        for i in 0..<rows {
            let b = bias[i]
            let zRow = z + i * m, aRow = a + i * m
            switch self {
            case .sigmoid:
                // The C kernel the output layer uses (the same maths as Elementary.sigmoid, vectorized): the scalar
                // Swift loop made sigmoid hidden units 24× slower than tanh ones.
                nn_sigmoid_bias(zRow, aRow, bias + i, 1, m)
            case .tanh:
                nn_tanh_bias(zRow, aRow, bias + i, 1, m)
            case .relu:
                for j in 0..<m { let v = zRow[j] + b; zRow[j] = v; aRow[j] = v > 0 ? v : 0 }
            case .leaky(let slope):
                for j in 0..<m { let v = zRow[j] + b; zRow[j] = v; aRow[j] = v >= 0 ? v : slope * v }
            case .linear:
                for j in 0..<m { let v = zRow[j] + b; zRow[j] = v; aRow[j] = v }
            }
        }
    }

    /// Its backward partner: dz ← dz ∗ g′(z) over `count` entries, given z and a = g(z) — the lecture's
    /// `dZ1 = W2ᵀ·dZ2 ∗ (1 − A1²)` for tanh. One loop per activation, as above.
    @inline(__always)
    func multiplyByDerivative(_ dz: UnsafeMutablePointer<Double>, z: UnsafePointer<Double>, a: UnsafePointer<Double>,
                              count: Int) {
        switch self {
        case .sigmoid: for k in 0..<count { dz[k] *= a[k] * (1 - a[k]) }
        case .tanh: nn_tanh_derivative(dz, a, count)
        case .relu: for k in 0..<count { dz[k] *= z[k] >= 0 ? 1 : 0 }
        case .leaky(let slope): for k in 0..<count { dz[k] *= z[k] >= 0 ? 1 : slope }
        case .linear: break
        }
    }

    public var name: String {
        switch self {
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .relu: return "relu"
        case .leaky: return "leaky"
        case .linear: return "linear"
        }
    }

    /// `leaky=0.01` for leaky ReLU (its slope matters), the bare name otherwise.
    public var description: String {
        if case .leaky(let a) = self { return "leaky=\(formatShort(a))" }
        return name
    }
}

/// Shortest round-trip text of a double, without a trailing `.0` for integers (`0.01`, `1.2`, `3`).
public func formatShort(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    return "\(x)"
}
