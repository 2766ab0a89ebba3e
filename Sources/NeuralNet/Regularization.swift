/// Weight penalties added to the cost. Biases are never penalised.
///
/// L2: J += λ/(2m)·Σ w²,  ∂/∂w = (λ/m)·w.   L1: J += λ/m·Σ |w|,  ∂/∂w = (λ/m)·sign(w) (0 at w = 0).
public struct Regularization: Sendable, Equatable, Hashable {
    public var l2: Double
    public var l1: Double
    public init(l2: Double = 0, l1: Double = 0) {
        self.l2 = l2
        self.l1 = l1
    }
    public static let none = Regularization()
    public var isActive: Bool { l2 != 0 || l1 != 0 }

    /// The penalty term for m examples.
    public func penalty(_ network: Network, m: Int) -> Double {
        guard isActive else { return 0 }
        var squares = 0.0, absolutes = 0.0
        for layer in network.layers {
            for w in layer.W.elements { squares += w * w; absolutes += abs(w) }
        }
        return l2 / (2 * Double(m)) * squares + l1 / Double(m) * absolutes
    }

    /// The same penalty over a parameter buffer (the trainer's), in the same order.
    func penalty(_ parameters: ParameterBuffer, m: Int) -> Double {
        guard isActive else { return 0 }
        var squares = 0.0, absolutes = 0.0
        for l in 0..<parameters.W.count {
            let w = parameters.W[l]
            for k in 0..<parameters.wCount[l] { squares += w[k] * w[k]; absolutes += abs(w[k]) }
        }
        return l2 / (2 * Double(m)) * squares + l1 / Double(m) * absolutes
    }
}
