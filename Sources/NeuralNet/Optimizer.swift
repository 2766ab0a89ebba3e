import NeuralNetKernels
#if canImport(Glibc)
import Glibc
#endif

/// How a gradient becomes a parameter update.
public enum Optimizer: Sendable, Equatable, CustomStringConvertible {
    /// θ ← θ − α·dθ (the lecture's update rule).
    case gradientDescent
    /// v ← β·v + dθ;  θ ← θ − α·v  (heavy-ball momentum, as in PyTorch, Keras and scikit-learn).
    ///
    /// Not the course's averaged form v ← β·v + (1 − β)·dθ: that one only smooths the gradient, so its steps
    /// settle at α·dθ — the same as plain GD — and it cannot train faster than GD at the same α. Accumulating
    /// the raw gradient lengthens consistent steps up to α/(1 − β) (10× at β = 0.9) while oscillating
    /// components still cancel.
    case momentum(beta: Double)
    /// Adam: m ← β1·m + (1 − β1)·dθ;  s ← β2·s + (1 − β2)·dθ²;  θ ← θ − α·m̂/(√ŝ + ε), with bias-corrected m̂, ŝ.
    case adam(beta1: Double, beta2: Double, epsilon: Double)

    public static let defaultMomentum = 0.9
    public static let defaultAdam = Optimizer.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    public static let names = ["gd", "momentum", "adam"]

    public var description: String {
        switch self {
        case .gradientDescent: return "gd"
        case .momentum(let beta): return "momentum=\(formatShort(beta))"
        case .adam(let b1, let b2, let eps): return "adam beta1=\(formatShort(b1)) beta2=\(formatShort(b2)) eps=\(formatShort(eps))"
        }
    }
}

/// What an optimizer remembers between updates (velocities, squared-gradient averages, step count).
/// Kept by the caller so training can resume where it stopped. The averages are flat, in the layout of
/// `Network.flattenedParameters` (W1, b1, W2, b2, …).
public struct OptimizerState: Sendable {
    var first: [Double]
    var second: [Double]
    public internal(set) var step: Int = 0

    public init(for architecture: Architecture) {
        first = Array(repeating: 0, count: architecture.parameterCount)
        second = first
    }

    /// One update: next = current − (step from `gradients`), over `count` parameters in the flat layout.
    /// Writing into another buffer (rather than in place) leaves `current` as the previous parameters.
    mutating func apply(_ optimizer: Optimizer, learningRate alpha: Double, gradients g: UnsafePointer<Double>,
                        current p: UnsafePointer<Double>, next: UnsafeMutablePointer<Double>, count: Int) {
        precondition(first.count == count, "optimizer state is for another shape")
        step += 1
        switch optimizer {
        case .gradientDescent:
            nn_gradient_step(next, p, g, alpha, count)
        case .momentum(let beta):
            first.withUnsafeMutableBufferPointer { v in
                for k in 0..<count {
                    v[k] = beta * v[k] + g[k]
                    next[k] = p[k] - alpha * v[k]
                }
            }
        case .adam(let beta1, let beta2, let epsilon):
            let correction1 = 1 - pow(beta1, Double(step))
            let correction2 = 1 - pow(beta2, Double(step))
            first.withUnsafeMutableBufferPointer { v in
                second.withUnsafeMutableBufferPointer { s in
                    for k in 0..<count {
                        v[k] = beta1 * v[k] + (1 - beta1) * g[k]
                        s[k] = beta2 * s[k] + (1 - beta2) * g[k] * g[k]
                        let vHat = v[k] / correction1, sHat = s[k] / correction2
                        next[k] = p[k] - alpha * vHat / (sHat.squareRoot() + epsilon)
                    }
                }
            }
        }
    }
}
