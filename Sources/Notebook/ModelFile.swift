import Foundation
import NeuralNet
import Datasets

/// The JSON model file: architecture, activations, output, every parameter (round-trip exact: Swift
/// writes the shortest digits that read back to the same double), class and feature names, training
/// settings and a format version. Reading validates everything before anything is used.
struct ModelFile: Codable, Equatable {
    static let formatName = "shallow-model"
    /// Version 2 added `task`, `history` and `training.validation`; version 3 `featureCrosses` (written only
    /// by a model that has them, so files without stay readable by version-2 readers); all still load.
    static let currentVersion = 3
    static let readableVersions = 1...3
    /// The most cost-history entries a file keeps (the end of the history): 100,000 numbers are about 2 MB.
    static let historyLimit = 100_000

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
        /// The share held out for validation while training (`set validation F`), if any.
        var validation: Double?
    }
    /// The cost history (the end of it, at most `historyLimit` entries): the training cost at iterations
    /// `start`, `start` + 1, …, and the validation and test costs as [iteration, cost] pairs. A cost that
    /// was not finite (a diverging step) is null.
    struct HistoryRecord: Codable, Equatable {
        var start: Int
        var costs: [Double?]
        var validation: [[Double?]]?
        var test: [[Double?]]?
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
    /// The network's inputs as terms over `features` (`set features`), version 3; nil: the features.
    var featureCrosses: [String]?
    var label: String
    /// "classify" or "regress" (version 2; for version 1 it follows from `classes`).
    var task: String?
    var classes: [String]?
    var scaling: ScalingRecord?
    var architecture: ArchitectureRecord
    var layers: [LayerRecord]
    var training: TrainingRecord
    var history: HistoryRecord?

    init(model: Model, dataset: Dataset, settings: Settings, scaling: ScalingRecord?) {
        let a = model.architecture
        var slope: Double? = nil
        if case .leaky(let s) = a.hiddenActivation { slope = s }
        format = ModelFile.formatName
        version = model.features == nil ? 2 : ModelFile.currentVersion
        self.dataset = dataset.name
        features = model.featureNames
        featureCrosses = model.features?.terms
        label = dataset.labelName
        classes = dataset.classNames
        task = dataset.isClassification ? "classify" : "regress"
        self.scaling = scaling
        architecture = ArchitectureRecord(inputs: a.inputCount, hidden: a.hiddenSizes, outputs: a.outputCount,
                                          activation: a.hiddenActivation.name, leakySlope: slope, output: a.output.rawValue)
        layers = model.network.layers.map { layer in
            LayerRecord(W: (0..<layer.W.rows).map { layer.W.row($0) }, b: layer.b.elements)
        }
        training = TrainingRecord(iterations: model.iteration, learningRate: settings.learningRate,
                                  optimizer: settings.optimizer.description, batch: settings.batch.description,
                                  l2: settings.l2, l1: settings.l1, initialization: model.initialization,
                                  finalCost: model.costs.last.flatMap { $0.isFinite ? $0 : nil },
                                  validation: settings.validation)
        if !model.costs.isEmpty {
            let kept = model.costs.suffix(ModelFile.historyLimit)
            let start = model.costsStart + (model.costs.count - kept.count)
            func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
            func pairs(_ list: [(iteration: Int, cost: Double)]) -> [[Double?]]? {
                let shown = list.filter { $0.iteration >= start && $0.iteration <= model.iteration }
                return shown.isEmpty ? nil : shown.map { [Double($0.iteration), finite($0.cost)] }
            }
            history = HistoryRecord(start: start, costs: kept.map(finite),
                                    validation: pairs(model.validationCosts), test: pairs(model.testCosts))
        }
    }

    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads and checks a model file; every problem is one message naming the file (and, for JSON syntax,
    /// the line and column) and what was expected.
    static func decode(_ text: String, path: String) throws -> ModelFile {
        // The decoder's working memory grows with the text (numbers become doubles, arrays of arrays):
        // refuse a file whose decoding the machine cannot hold, before starting.
        do {
            try MemoryBudget.check(bytes: MemoryBudget.bytes(text.utf8.count, 8), what: "\(path): decoding the model file")
        } catch {
            throw NotebookError(error.description)
        }
        let file: ModelFile
        do {
            file = try JSONDecoder().decode(ModelFile.self, from: Data(text.utf8))
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw NotebookError(syntaxMessage(context, text: text, path: path))
        } catch let DecodingError.dataCorrupted(context) {
            throw NotebookError("\(path): \(pathText(context.codingPath)): \(context.debugDescription)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw NotebookError("\(path): missing \(pathText(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(type, context) {
            throw NotebookError("\(path): \(pathText(context.codingPath)) has the wrong type, expected \(typeName(type))")
        } catch let DecodingError.valueNotFound(type, context) {
            throw NotebookError("\(path): \(pathText(context.codingPath)) is null, expected \(typeName(type))")
        } catch {
            throw NotebookError("\(path): \(error)")
        }
        try file.validate(path: path)
        return file
    }

    /// `FILE:LINE:COLUMN: not valid JSON (Invalid value at 'x')`. JSONDecoder on Linux says only "not valid
    /// JSON", so the text is parsed again with JSONSerialization for the reason; the position comes from its
    /// message (`around line 3, column 7`, or `around character 42`, a 0-based byte offset), is the end of the
    /// text for an unexpected end, or is where an unrepresentable number (`1e999`) first appears.
    static func syntaxMessage(_ context: DecodingError.Context, text: String, path: String) -> String {
        var detail = context.debugDescription
        do {
            _ = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            if let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String { detail = description }
        }
        while detail.hasSuffix(".") { detail.removeLast() }
        var position: (line: Int, column: Int)?
        if let range = detail.range(of: " around line ") {
            let numbers = detail[range.upperBound...].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            if numbers.count >= 2 { position = (numbers[0], numbers[1]) }
            detail = String(detail[..<range.lowerBound])
        } else if let range = detail.range(of: " around character "), let offset = Int(detail[range.upperBound...]) {
            position = lineAndColumn(ofByte: offset, in: text)
            detail = String(detail[..<range.lowerBound])
            let utf8 = Array(text.utf8)
            if offset < utf8.count {
                let character = String(decoding: utf8[offset..<min(offset + 4, utf8.count)], as: UTF8.self).prefix(1)
                detail += " at " + (character == "'" ? "\"'\"" : "'\(shown(String(character)))'")
            }
        } else if detail.hasPrefix("Unexpected end of file") {
            position = lineAndColumn(ofByte: text.utf8.count, in: text)
            detail = "Unexpected end of file"
        } else if detail.hasPrefix("Number "), let token = detail.split(separator: " ").dropFirst().first,
                  let found = text.range(of: String(token)) {
            position = lineAndColumn(ofByte: text.utf8.distance(from: text.utf8.startIndex, to: found.lowerBound), in: text)
        }
        let truncated = detail.hasPrefix("Unexpected end of file") ? "; was it truncated?" : ""
        let location = position.map { ":\($0.line):\($0.column)" } ?? ""
        return "\(path)\(location): not valid JSON (\(detail))\(truncated)"
    }

    /// 1-based line and character column of the byte at `offset` (`\n` ends a line; a column counts
    /// Unicode scalars, as an editor does).
    static func lineAndColumn(ofByte offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for (index, byte) in text.utf8.enumerated() {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// A name from the file as shown in a message: control characters escaped, at most 40 characters.
    static func shown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(40) {
            if scalar.properties.generalCategory == .control { out += scalar.escaped(asASCII: true) } else { out.unicodeScalars.append(scalar) }
        }
        return text.unicodeScalars.count > 40 ? out + "…" : out
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        case is String.Type: return "a string"
        case is [Double].Type, is [[Double]].Type, is [Int].Type, is [String].Type: return "a list"
        default: return "an object"
        }
    }

    private static func pathText(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    /// The limits a model file must respect (the command language's own limits where it has them).
    enum Limits {
        static let maximumWidth = 100_000          // `set hidden` takes widths up to 100,000
        static let maximumInputs = 10_000_000
        static let maximumHiddenLayers = 1_000
        static let maximumIterations = 1_000_000_000_000  // 10¹²: `train N` can add to it without overflow
        static let maximumNameLength = 1_000
    }

    /// The hidden activation a file names, or nil for an unknown name.
    static func activation(named name: String, leakySlope: Double?) -> Activation? {
        try? Activation.named(name, parameter: leakySlope)
    }

    /// Checks every field's range and its consistency with the others, so that nothing a later command does
    /// with the model can trap (a sigmoid output with 3 units, no class names, an iteration count that
    /// overflows, a W of the wrong shape, a zero scale).
    func validate(path: String) throws {
        func fail(_ what: String) -> NotebookError { NotebookError("\(path): \(what)") }
        func list(_ names: [String]) -> String { names.joined(separator: ", ") }
        func number(_ value: Double) -> String { formatShort(value) }
        func counted(_ n: Int, _ noun: String, plural: String? = nil) -> String {
            "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
        }
        guard format == ModelFile.formatName else {
            throw fail("format is \"\(ModelFile.shown(format))\", expected \"\(ModelFile.formatName)\" (a file written by 'save model')")
        }
        guard ModelFile.readableVersions.contains(version) else {
            throw fail("format version \(version) is not supported (this shallow reads versions \(ModelFile.readableVersions.lowerBound) to \(ModelFile.readableVersions.upperBound))")
        }

        // The architecture: widths in range, names known, output units consistent with the output kind.
        let a = architecture
        guard (1...Limits.maximumInputs).contains(a.inputs) else {
            throw fail("architecture.inputs is \(a.inputs), expected a width from 1 to \(Limits.maximumInputs)")
        }
        guard a.hidden.count <= Limits.maximumHiddenLayers else {
            throw fail("architecture.hidden has \(a.hidden.count) layers, expected at most \(Limits.maximumHiddenLayers)")
        }
        for (index, width) in a.hidden.enumerated() where !(1...Limits.maximumWidth).contains(width) {
            throw fail("architecture.hidden[\(index)] is \(width), expected a width from 1 to \(Limits.maximumWidth)")
        }
        guard (1...Limits.maximumWidth).contains(a.outputs) else {
            throw fail("architecture.outputs is \(a.outputs), expected a width from 1 to \(Limits.maximumWidth)")
        }
        guard ModelFile.activation(named: a.activation, leakySlope: nil) != nil else {
            throw fail("architecture.activation is \"\(ModelFile.shown(a.activation))\", expected one of \(list(Activation.names))")
        }
        if let slope = a.leakySlope {
            guard a.activation == "leaky" else {
                throw fail("architecture.leakySlope is given for \(a.activation), expected it only with leaky")
            }
            guard slope.isFinite, slope >= 0, slope < 1 else {
                throw fail("architecture.leakySlope is \(number(slope)), expected a number from 0 to 1 (exclusive)")
            }
        }
        guard let output = OutputKind(rawValue: a.output) else {
            throw fail("architecture.output is \"\(ModelFile.shown(a.output))\", expected one of \(list(OutputKind.allCases.map(\.rawValue)))")
        }
        switch output {
        case .sigmoid, .linear:
            guard a.outputs == 1 else {
                throw fail("architecture.outputs is \(a.outputs) with output \(output.rawValue), expected 1")
            }
        case .softmax:
            guard a.outputs >= 2 else {
                throw fail("architecture.outputs is \(a.outputs) with output softmax, expected 2 or more (one per class)")
            }
        }
        let n = [a.inputs] + a.hidden + [a.outputs]
        var parameters = 0
        for l in 1..<n.count {
            parameters = min(parameters + MemoryBudget.bytes(n[l], n[l - 1] + 1), Int.max / 64)
        }
        // Weights, gradients and two optimizer averages (Adam), 8 bytes each.
        do {
            try MemoryBudget.check(bytes: MemoryBudget.bytes(parameters, 4 * 8),
                                   what: "\(path): a network of \(parameters) parameters")
        } catch {
            throw NotebookError(error.description)
        }

        // The parameters: one layer record per layer, each of the architecture's shape, finite numbers.
        guard layers.count == n.count - 1 else {
            throw fail("layers has \(counted(layers.count, "entry", plural: "entries")), expected \(n.count - 1) (one per layer of \(n.map(String.init).joined(separator: " → ")))")
        }
        for (l, layer) in layers.enumerated() {
            let shape = "(\(n[l + 1]), \(n[l]))"
            guard layer.W.count == n[l + 1] else {
                throw fail("layers[\(l)].W (W\(l + 1)) has \(counted(layer.W.count, "row")), expected \(shape)")
            }
            if let row = layer.W.firstIndex(where: { $0.count != n[l] }) {
                throw fail("layers[\(l)].W (W\(l + 1)) row \(row + 1) has \(counted(layer.W[row].count, "value")), expected \(shape)")
            }
            guard layer.b.count == n[l + 1] else {
                throw fail("layers[\(l)].b (b\(l + 1)) has \(counted(layer.b.count, "value")), expected \(n[l + 1])")
            }
            for (row, values) in layer.W.enumerated() {
                if let column = values.firstIndex(where: { !$0.isFinite }) {
                    throw fail("layers[\(l)].W (W\(l + 1)) [\(row + 1), \(column + 1)] is not a finite number, expected a finite number")
                }
            }
            if let row = layer.b.firstIndex(where: { !$0.isFinite }) {
                throw fail("layers[\(l)].b (b\(l + 1)) [\(row + 1)] is not a finite number, expected a finite number")
            }
        }

        // Names: one per input; class names consistent with the output.
        if let index = features.firstIndex(where: { $0.isEmpty || $0.count > Limits.maximumNameLength }) {
            throw fail("features[\(index)] is \(features[index].isEmpty ? "empty" : "longer than \(Limits.maximumNameLength) characters"), expected a feature name")
        }
        if let featureCrosses {
            // The network's inputs are terms over the features: one term per input, each naming features the
            // file lists.
            guard version >= 3 else { throw fail("featureCrosses needs format version 3, found version \(version)") }
            guard featureCrosses.count == a.inputs else {
                throw fail("featureCrosses has \(counted(featureCrosses.count, "term")), expected \(a.inputs) (one per input)")
            }
            guard (1...Limits.maximumInputs).contains(features.count) else {
                throw fail("features has \(counted(features.count, "name")), expected 1 to \(Limits.maximumInputs)")
            }
            do {
                try FeatureCrosses(featureCrosses).check(against: features)
            } catch let error as FeatureCrossError {
                throw fail("featureCrosses: \(error.description)")
            }
        } else {
            guard features.count == a.inputs else {
                throw fail("features has \(counted(features.count, "name")), expected \(a.inputs) (one per input)")
            }
        }
        if let classes {
            if let index = classes.firstIndex(where: { $0.isEmpty || $0.count > Limits.maximumNameLength }) {
                throw fail("classes[\(index)] is \(classes[index].isEmpty ? "empty" : "longer than \(Limits.maximumNameLength) characters"), expected a class name")
            }
            if Set(classes).count != classes.count {
                throw fail("classes has a name twice, expected distinct class names")
            }
        }
        switch output {
        case .sigmoid:
            guard let classes, classes.count == 2 else {
                throw fail("classes has \(classes.map { counted($0.count, "name") } ?? "no names") with output sigmoid, expected 2 (the classes of p < 0.5 and p > 0.5)")
            }
        case .softmax:
            guard let classes, classes.count == a.outputs else {
                throw fail("classes has \(classes.map { counted($0.count, "name") } ?? "no names") for \(a.outputs) softmax output units, expected \(a.outputs) (one per unit)")
            }
        case .linear:
            // A linear output predicts a number; class names are kept when the model was trained on class
            // labels with 'set output linear' (the lecture's counter-example), and are then never indexed.
            if let classes, classes.isEmpty { throw fail("classes is an empty list, expected class names or no classes entry") }
        }
        guard label.count <= Limits.maximumNameLength, dataset.count <= Limits.maximumNameLength else {
            throw fail("label or dataset name is longer than \(Limits.maximumNameLength) characters")
        }

        // Task: required from version 2, and consistent with the class names.
        if let task {
            guard task == "classify" || task == "regress" else {
                throw fail("task is \"\(ModelFile.shown(task))\", expected classify or regress")
            }
            guard (task == "classify") == (classes != nil) else {
                throw fail(task == "classify" ? "task is classify but there is no classes entry, expected class names"
                                              : "task is regress but classes are given, expected no classes entry")
            }
        } else if version >= 2 {
            throw fail("missing task, expected classify or regress (version \(version) files have it)")
        }

        // Scaling: one finite offset and one finite, positive scale per input.
        if let scaling {
            guard Scaler.Method(rawValue: scaling.method) != nil else {
                throw fail("scaling.method is \"\(ModelFile.shown(scaling.method))\", expected one of \(list(Scaler.Method.allCases.map(\.rawValue)))")
            }
            guard scaling.offset.count == a.inputs else {
                throw fail("scaling.offset has \(counted(scaling.offset.count, "value")), expected \(a.inputs) (one per input)")
            }
            guard scaling.scale.count == a.inputs else {
                throw fail("scaling.scale has \(counted(scaling.scale.count, "value")), expected \(a.inputs) (one per input)")
            }
            if let index = scaling.offset.firstIndex(where: { !$0.isFinite }) {
                throw fail("scaling.offset[\(index)] is not a finite number, expected a finite number")
            }
            if let index = scaling.scale.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
                throw fail("scaling.scale[\(index)] is \(number(scaling.scale[index])), expected a finite number greater than 0")
            }
        }

        // Training record: counts and rates in range, names known.
        let t = training
        guard (0...Limits.maximumIterations).contains(t.iterations) else {
            throw fail("training.iterations is \(t.iterations), expected a count from 0 to \(Limits.maximumIterations)")
        }
        guard t.learningRate.isFinite, t.learningRate >= 0 else {
            throw fail("training.learningRate is \(number(t.learningRate)), expected a finite number ≥ 0")
        }
        guard t.l2.isFinite, t.l2 >= 0 else { throw fail("training.l2 is \(number(t.l2)), expected a finite number ≥ 0") }
        guard t.l1.isFinite, t.l1 >= 0 else { throw fail("training.l1 is \(number(t.l1)), expected a finite number ≥ 0") }
        if let cost = t.finalCost, !(cost.isFinite && cost >= 0) {
            throw fail("training.finalCost is \(number(cost)), expected a finite number ≥ 0")
        }
        if let fraction = t.validation, !(fraction.isFinite && fraction > 0 && fraction < 1) {
            throw fail("training.validation is \(number(fraction)), expected a share between 0 and 1 (exclusive)")
        }
        if let history {
            guard history.start >= 0, history.costs.count <= ModelFile.historyLimit,
                  history.start + history.costs.count - 1 == t.iterations || history.costs.isEmpty else {
                throw fail("history covers iterations \(history.start) to \(history.start + history.costs.count - 1) (at most \(ModelFile.historyLimit)), expected it to end at training.iterations (\(t.iterations))")
            }
            if let index = history.costs.firstIndex(where: { $0.map { !($0.isFinite && $0 >= 0) } ?? false }) {
                throw fail("history.costs[\(index)] is \(number(history.costs[index]!)), expected a finite number ≥ 0 or null")
            }
            for (name, list) in [("validation", history.validation), ("test", history.test)] {
                for (index, pair) in (list ?? []).enumerated() {
                    guard pair.count == 2, let iteration = pair[0], iteration == iteration.rounded(),
                          iteration >= Double(history.start), iteration <= Double(t.iterations),
                          pair[1].map({ $0.isFinite && $0 >= 0 }) ?? true else {
                        throw fail("history.\(name)[\(index)] is not [iteration, cost] with an iteration from \(history.start) to \(t.iterations) and a cost ≥ 0 or null")
                    }
                }
            }
        }
        let optimizerName = String(t.optimizer.prefix { $0 != "=" && $0 != " " })
        guard Optimizer.names.contains(optimizerName) else {
            throw fail("training.optimizer is \"\(ModelFile.shown(t.optimizer))\", expected one of \(list(Optimizer.names))")
        }
        guard t.batch == "full" || (Int(t.batch).map { $0 >= 1 } ?? false) else {
            throw fail("training.batch is \"\(ModelFile.shown(t.batch))\", expected full or a number of examples ≥ 1")
        }
        let initializerName = String(t.initialization.prefix { $0 != " " })
        guard Initializer.names.contains(initializerName), t.initialization.count <= Limits.maximumNameLength else {
            throw fail("training.initialization is \"\(ModelFile.shown(t.initialization))\", expected one of \(list(Initializer.names))")
        }
    }

    /// The network this file describes (call after `validate`, which refuses unknown names and bad shapes).
    func network() -> Network {
        let a = architecture
        guard let activation = ModelFile.activation(named: a.activation, leakySlope: a.leakySlope),
              let output = OutputKind(rawValue: a.output) else {
            preconditionFailure("ModelFile.network() called on a file that validate() refuses")
        }
        let architecture = Architecture(inputCount: a.inputs, hiddenSizes: a.hidden, outputCount: a.outputs,
                                        hiddenActivation: activation, output: output)
        let layers = self.layers.map { record in
            DenseLayer(W: Matrix(record.W), b: Matrix(rows: record.b.count, cols: 1, elements: record.b))
        }
        return Network(architecture: architecture, layers: layers)
    }
}
