/// A name that is not one of the choices: `unknown activation 'tanhh', expected one of sigmoid, tanh, …`.
public struct UnknownNameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being named: `activation`, `initializer`, `optimizer`, `output`.
    public var kind: String
    public var name: String
    public var choices: [String]
    public var description: String {
        "unknown \(kind) '\(name.count > 40 ? String(name.prefix(40)) + "…" : name)', expected one of \(choices.joined(separator: ", "))"
    }
}

// One parser for each engine value, shared by the command language and the model file. Each switch lists
// every name and nothing else: an unknown name is an error naming the choices, never a silent default.

extension Activation {
    /// `leaky` takes its slope from `parameter` (`leaky=0.02`), default 0.01; the others take none.
    public static func named(_ name: String, parameter: Double? = nil) throws(UnknownNameError) -> Activation {
        switch name {
        case "sigmoid": return .sigmoid
        case "tanh": return .tanh
        case "relu": return .relu
        case "leaky": return .leaky(slope: parameter ?? defaultLeakySlope)
        case "linear": return .linear
        default: throw UnknownNameError(kind: "activation", name: name, choices: names)
        }
    }
}

extension Initializer {
    /// `random` and `uniform` take a weight scale (default 0.01); the others ignore it.
    public static func named(_ name: String, scale: Double? = nil) throws(UnknownNameError) -> Initializer {
        switch name {
        case "random": return .random(scale: scale ?? defaultScale)
        case "uniform": return .uniform(scale: scale ?? defaultScale)
        case "xavier": return .xavier
        case "he": return .he
        case "zeros": return .zeros
        default: throw UnknownNameError(kind: "initializer", name: name, choices: names)
        }
    }
}

extension Optimizer {
    /// `momentum` takes β from `parameter` (default 0.9); `adam` its three constants (defaults 0.9, 0.999, 1e-8).
    public static func named(_ name: String, parameter: Double? = nil, beta1: Double? = nil, beta2: Double? = nil,
                             epsilon: Double? = nil) throws(UnknownNameError) -> Optimizer {
        switch name {
        case "gd": return .gradientDescent
        case "momentum": return .momentum(beta: parameter ?? defaultMomentum)
        case "adam": return .adam(beta1: beta1 ?? 0.9, beta2: beta2 ?? 0.999, epsilon: epsilon ?? 1e-8)
        default: throw UnknownNameError(kind: "optimizer", name: name, choices: names)
        }
    }
}

extension Optimizer {
    /// The optimizer's name as `set optimizer` takes it: gd, momentum, adam.
    public var name: String {
        switch self {
        case .gradientDescent: return "gd"
        case .momentum: return "momentum"
        case .adam: return "adam"
        }
    }
}

extension OutputKind {
    public static func named(_ name: String) throws(UnknownNameError) -> OutputKind {
        guard let kind = OutputKind(rawValue: name) else {
            throw UnknownNameError(kind: "output", name: name, choices: allCases.map(\.rawValue))
        }
        return kind
    }
}
