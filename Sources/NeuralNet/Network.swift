/// The shape of a network: input width, hidden layer widths, output layer.
///
/// `hiddenSizes` may be empty (a single neuron: logistic regression, the lecture's "a neuron and a
/// hyperplane") or hold several widths (`set hidden 8 4`). In the lecture's counting, a network with one
/// hidden layer is a "2-layer NN": the input layer is not counted.
public struct Architecture: Sendable, Equatable, Hashable {
    public var inputCount: Int
    public var hiddenSizes: [Int]
    public var outputCount: Int
    public var hiddenActivation: Activation
    public var output: OutputKind

    public init(inputCount: Int, hiddenSizes: [Int], outputCount: Int = 1,
                hiddenActivation: Activation = .tanh, output: OutputKind = .sigmoid) {
        precondition(inputCount > 0 && outputCount > 0 && hiddenSizes.allSatisfy { $0 > 0 })
        self.inputCount = inputCount
        self.hiddenSizes = hiddenSizes
        self.outputCount = outputCount
        self.hiddenActivation = hiddenActivation
        self.output = output
    }

    /// Layer widths n[0], n[1], …, n[L].
    public var layerSizes: [Int] { [inputCount] + hiddenSizes + [outputCount] }
    /// L, the number of layers with parameters.
    public var layerCount: Int { hiddenSizes.count + 1 }
    public var parameterCount: Int {
        let n = layerSizes
        return (1..<n.count).reduce(0) { $0 + n[$1] * n[$1 - 1] + n[$1] }
    }
}

/// One layer's parameters: `W` is (n[l], n[l−1]), `b` is (n[l], 1).
public struct DenseLayer: Sendable, Equatable {
    public var W: Matrix
    public var b: Matrix
    public init(W: Matrix, b: Matrix) {
        precondition(b.rows == W.rows && b.cols == 1, "b must be (n[l], 1)")
        self.W = W
        self.b = b
    }
}

/// A network: its architecture and the parameters of each layer 1…L.
public struct Network: Sendable, Equatable {
    public private(set) var architecture: Architecture
    public var layers: [DenseLayer]

    public init(architecture: Architecture, layers: [DenseLayer]) {
        let n = architecture.layerSizes
        precondition(layers.count == architecture.layerCount, "expected \(architecture.layerCount) layers")
        for (l, layer) in layers.enumerated() {
            precondition(layer.W.shape == Shape(n[l + 1], n[l]), "W\(l + 1) must be (\(n[l + 1]), \(n[l]))")
        }
        self.architecture = architecture
        self.layers = layers
    }

    /// A network with every parameter zero.
    public init(zerosFor architecture: Architecture) {
        let n = architecture.layerSizes
        self.architecture = architecture
        self.layers = (1..<n.count).map { DenseLayer(W: Matrix(rows: n[$0], cols: n[$0 - 1]), b: Matrix(rows: n[$0], cols: 1)) }
    }

    /// Activation g[l] of layer l (1-based, as in the lecture): hidden layers share one; the last is the output's.
    public func activationName(layer l: Int) -> String {
        l == architecture.layerCount ? architecture.output.rawValue : architecture.hiddenActivation.name
    }

    /// Changes the hidden activation (parameters are kept: the same weights under another g).
    public mutating func setHiddenActivation(_ activation: Activation) {
        architecture.hiddenActivation = activation
    }

    /// All parameters flattened in order W1, b1, W2, b2, … (row-major), for gradient checking.
    public var flattenedParameters: [Double] {
        layers.flatMap { $0.W.elements + $0.b.elements }
    }

    public mutating func setFlattenedParameters(_ values: [Double]) {
        var offset = 0
        for l in layers.indices {
            let wc = layers[l].W.count, bc = layers[l].b.count
            layers[l].W.elements = Array(values[offset..<(offset + wc)]); offset += wc
            layers[l].b.elements = Array(values[(offset)..<(offset + bc)]); offset += bc
        }
    }

    /// Whether every parameter is a finite number.
    public var isFinite: Bool { layers.allSatisfy { $0.W.elements.allSatisfy(\.isFinite) && $0.b.elements.allSatisfy(\.isFinite) } }
}
