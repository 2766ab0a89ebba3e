import Foundation
import NeuralNet
import Datasets

/// The JSON model file: architecture, activations, output, every parameter (round-trip exact: Swift
/// writes the shortest digits that read back to the same double), class and feature names, training
/// settings and a format version. Reading validates everything before anything is used.
struct ModelFile: Codable, Equatable {
    static let formatName = "shallow-model"
    static let currentVersion = 1

    struct ArchitectureRecord: Codable, Equatable {
        var inputs: Int
        var hidden: [Int]
        var outputs: Int
        var activation: String
        var leakySlope: Double?
        var output: String
    }
    struct LayerRecord: Codable, Equatable {
        /// W as rows: (n[l], n[l−1]).
        var W: [[Double]]
        /// b as a column, written flat: n[l] values.
        var b: [Double]
    }
    struct TrainingRecord: Codable, Equatable {
        var iterations: Int
        var learningRate: Double
        var optimizer: String
        var batch: String
        var l2: Double
        var l1: Double
        var initialization: String
        var finalCost: Double?
    }
    struct ScalingRecord: Codable, Equatable {
        var method: String
        var offset: [Double]
        var scale: [Double]
    }

    var format: String
    var version: Int
    var dataset: String
    var features: [String]
    var label: String
    var classes: [String]?
    var scaling: ScalingRecord?
    var architecture: ArchitectureRecord
    var layers: [LayerRecord]
    var training: TrainingRecord

    init(model: Model, dataset: Dataset, settings: Settings, scaling: ScalingRecord?) {
        let a = model.architecture
        var slope: Double? = nil
        if case .leaky(let s) = a.hiddenActivation { slope = s }
        format = ModelFile.formatName
        version = ModelFile.currentVersion
        self.dataset = dataset.name
        features = dataset.featureNames
        label = dataset.labelName
        classes = dataset.classNames
        self.scaling = scaling
        architecture = ArchitectureRecord(inputs: a.inputCount, hidden: a.hiddenSizes, outputs: a.outputCount,
                                          activation: a.hiddenActivation.name, leakySlope: slope, output: a.output.rawValue)
        layers = model.network.layers.map { layer in
            LayerRecord(W: (0..<layer.W.rows).map { layer.W.row($0) }, b: layer.b.elements)
        }
        training = TrainingRecord(iterations: model.iteration, learningRate: settings.learningRate,
                                  optimizer: settings.optimizer.description, batch: settings.batch.description,
                                  l2: settings.l2, l1: settings.l1, initialization: model.initialization,
                                  finalCost: model.costs.last)
    }

    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads and checks a model file; every problem is one message naming the file and what is wrong.
    static func decode(_ text: String, path: String) throws -> ModelFile {
        let file: ModelFile
        do {
            file = try JSONDecoder().decode(ModelFile.self, from: Data(text.utf8))
        } catch let DecodingError.dataCorrupted(context) {
            throw NotebookError("load model: \(path) is not valid JSON (\(context.debugDescription)); was it truncated?")
        } catch let DecodingError.keyNotFound(key, context) {
            throw NotebookError("load model: \(path): missing '\(pathText(context.codingPath + [key]))'")
        } catch let DecodingError.typeMismatch(_, context) {
            throw NotebookError("load model: \(path): '\(pathText(context.codingPath))' has the wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw NotebookError("load model: \(path): '\(pathText(context.codingPath))' is null")
        } catch {
            throw NotebookError("load model: \(path): \(error)")
        }
        try file.validate(path: path)
        return file
    }

    private static func pathText(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    func validate(path: String) throws {
        func fail(_ what: String) -> NotebookError { NotebookError("load model: \(path): \(what)") }
        guard format == ModelFile.formatName else { throw fail("format is '\(format)', expected '\(ModelFile.formatName)'") }
        guard version == ModelFile.currentVersion else { throw fail("format version \(version) is not supported (this shallow reads version \(ModelFile.currentVersion))") }
        let a = architecture
        guard a.inputs > 0, a.outputs > 0, a.hidden.allSatisfy({ $0 > 0 }) else { throw fail("layer widths must be positive") }
        guard Activation.names.contains(a.activation) else { throw fail("unknown activation '\(a.activation)'") }
        guard OutputKind(rawValue: a.output) != nil else { throw fail("unknown output '\(a.output)'") }
        let n = [a.inputs] + a.hidden + [a.outputs]
        guard layers.count == n.count - 1 else { throw fail("\(layers.count) layers of parameters, expected \(n.count - 1)") }
        for (l, layer) in layers.enumerated() {
            guard layer.W.count == n[l + 1], layer.W.allSatisfy({ $0.count == n[l] }) else {
                throw fail("W\(l + 1) must be (\(n[l + 1]), \(n[l]))")
            }
            guard layer.b.count == n[l + 1] else { throw fail("b\(l + 1) must have \(n[l + 1]) values") }
            guard layer.W.allSatisfy({ $0.allSatisfy(\.isFinite) }), layer.b.allSatisfy(\.isFinite) else {
                throw fail("W\(l + 1) or b\(l + 1) holds a value that is not a finite number")
            }
        }
        guard features.count == a.inputs else { throw fail("\(features.count) feature names for \(a.inputs) inputs") }
        if let classes, a.output == "softmax", classes.count > a.outputs { throw fail("\(classes.count) classes for \(a.outputs) outputs") }
        if let scaling {
            guard Scaler.Method(rawValue: scaling.method) != nil else { throw fail("unknown scaling '\(scaling.method)'") }
            guard scaling.offset.count == a.inputs, scaling.scale.count == a.inputs,
                  scaling.offset.allSatisfy(\.isFinite), scaling.scale.allSatisfy({ $0.isFinite && $0 != 0 }) else {
                throw fail("scaling must have \(a.inputs) finite offsets and non-zero scales")
            }
        }
    }

    /// The network this file describes (call after `validate`).
    func network() -> Network {
        let a = architecture
        let activation: Activation
        switch a.activation {
        case "sigmoid": activation = .sigmoid
        case "tanh": activation = .tanh
        case "relu": activation = .relu
        case "leaky": activation = .leaky(slope: a.leakySlope ?? Activation.defaultLeakySlope)
        default: activation = .linear
        }
        let architecture = Architecture(inputCount: a.inputs, hiddenSizes: a.hidden, outputCount: a.outputs,
                                        hiddenActivation: activation, output: OutputKind(rawValue: a.output)!)
        let layers = self.layers.map { record in
            DenseLayer(W: Matrix(record.W), b: Matrix(rows: record.b.count, cols: 1, elements: record.b))
        }
        return Network(architecture: architecture, layers: layers)
    }
}
