#if canImport(Glibc)
import Glibc
#endif

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
        case .sigmoid: return 1.0 / (1.0 + exp(-z))
        case .tanh: return Glibc.tanh(z)
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
