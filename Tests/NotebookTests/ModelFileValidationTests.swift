import Foundation
import Testing
@testable import Notebook
import NeuralNet

/// `load model` on hostile model files: every field is checked (range, and consistency with the others)
/// before anything is used, so a file that would trap later (`cost`, `predict`, `train 1`) is refused
/// with one line that starts with the path, and the session keeps its model.
@Suite struct ModelFileValidationTests {
    func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// A session with a model, and a good model file (flower, 2 → 4 tanh → 1 sigmoid, standard scaling).
    func setUp(_ folder: String, hidden: String = "4", output: String = "auto") throws -> (Harness, [String: Any]) {
        var h = Harness()
        _ = try h.run("load flower; scale standard; set hidden \(hidden); set output \(output); init; train 5; save model \(folder)/good.json")
        let data = try #require(FileManager.default.contents(atPath: "\(folder)/good.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        _ = try h.run("set output auto; set hidden 2; init zeros")
        return (h, json)
    }

    func write(_ json: [String: Any], to path: String) throws {
        let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// Edits `json[section][key]` (or `json[key]` when section is nil).
    func edited(_ json: [String: Any], _ section: String?, _ key: String, _ value: Any?) -> [String: Any] {
        var copy = json
        if let section {
            var inner = copy[section] as! [String: Any]
            inner[key] = value
            copy[section] = inner
        } else {
            copy[key] = value
        }
        return copy
    }

    /// A layer list of the given widths, every weight 0.5, every bias 0.
    func layers(_ widths: [Int]) -> [[String: Any]] {
        (1..<widths.count).map { l in
            ["W": Array(repeating: Array(repeating: 0.5, count: widths[l - 1]), count: widths[l]),
             "b": Array(repeating: 0.0, count: widths[l])]
        }
    }

    func expectRefused(_ h: inout Harness, _ json: [String: Any], _ expected: String, folder: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = "\(folder)/bad.json"
        try write(json, to: path)
        let before = h.session.model!.network
        let message = h.failure("load model \(path)")
        #expect(message == "\(path): \(expected)", sourceLocation: sourceLocation)
        #expect(h.session.model!.network == before, "the session keeps its model", sourceLocation: sourceLocation)
    }

    @Test func outputUnitsMustMatchTheOutputKind() throws {
        let folder = try temporaryFolder()
        var (h, good) = try setUp(folder)
        // sigmoid with 3 units (the layers agree with the architecture, so only the output rule can object).
        var json = edited(good, "architecture", "outputs", 3)
        json["layers"] = layers([2, 4, 3])
        try expectRefused(&h, json, "architecture.outputs is 3 with output sigmoid, expected 1", folder: folder)
        json = edited(json, "architecture", "output", "linear")
        try expectRefused(&h, json, "architecture.outputs is 3 with output linear, expected 1", folder: folder)
        json = edited(good, "architecture", "output", "softmax")
        try expectRefused(&h, json, "architecture.outputs is 1 with output softmax, expected 2 or more (one per class)", folder: folder)
        json = edited(good, "architecture", "output", "auto")
        try expectRefused(&h, json, "architecture.output is \"auto\", expected one of sigmoid, softmax, linear", folder: folder)
    }

    @Test func classNamesMustMatchTheOutput() throws {
        let folder = try temporaryFolder()
        var (h, good) = try setUp(folder)
        try expectRefused(&h, edited(good, nil, "classes", [String]()),
                          "classes has 0 names with output sigmoid, expected 2 (the classes of p < 0.5 and p > 0.5)", folder: folder)
        try expectRefused(&h, edited(good, nil, "classes", ["a", "b", "c"]),
                          "classes has 3 names with output sigmoid, expected 2 (the classes of p < 0.5 and p > 0.5)", folder: folder)
        try expectRefused(&h, edited(good, nil, "classes", nil),
                          "classes has no names with output sigmoid, expected 2 (the classes of p < 0.5 and p > 0.5)", folder: folder)
        try expectRefused(&h, edited(good, nil, "classes", ["a", "a"]),
                          "classes has a name twice, expected distinct class names", folder: folder)
        try expectRefused(&h, edited(good, nil, "classes", ["a", ""]),
                          "classes[1] is empty, expected a class name", folder: folder)
        var softmax = edited(good, "architecture", "output", "softmax")
        softmax = edited(softmax, "architecture", "outputs", 3)
        softmax["layers"] = layers([2, 4, 3])
        try expectRefused(&h, edited(softmax, nil, "classes", ["a", "b"]),
                          "classes has 2 names for 3 softmax output units, expected 3 (one per unit)", folder: folder)
    }

    @Test func countsAndWidthsAreBounded() throws {
        let folder = try temporaryFolder()
        var (h, good) = try setUp(folder)
        try expectRefused(&h, edited(good, "training", "iterations", Int64.max),
                          "training.iterations is 9223372036854775807, expected a count from 0 to 1000000000000", folder: folder)
        try expectRefused(&h, edited(good, "training", "iterations", -1),
                          "training.iterations is -1, expected a count from 0 to 1000000000000", folder: folder)
        try expectRefused(&h, edited(good, "architecture", "hidden", [0]),
                          "architecture.hidden[0] is 0, expected a width from 1 to 100000", folder: folder)
        try expectRefused(&h, edited(good, "architecture", "hidden", [4, 2_000_000]),
                          "architecture.hidden[1] is 2000000, expected a width from 1 to 100000", folder: folder)
        try expectRefused(&h, edited(good, "architecture", "inputs", 0),
                          "architecture.inputs is 0, expected a width from 1 to 10000000", folder: folder)
        try expectRefused(&h, edited(good, "architecture", "hidden", [5]),
                          "layers[0].W (W1) has 4 rows, expected (5, 2)", folder: folder)
        try expectRefused(&h, edited(good, "architecture", "hidden", [4, 4]),
                          "layers has 2 entries, expected 3 (one per layer of 2 → 4 → 4 → 1)", folder: folder)
        try expectRefused(&h, edited(good, nil, "features", ["x1"]),
                          "features has 1 name, expected 2 (one per input)", folder: folder)
    }

    @Test func namesMustBeKnownAndChoicesAreListed() throws {
        let folder = try temporaryFolder()
        var (h, good) = try setUp(folder)
        try expectRefused(&h, edited(good, "architecture", "activation", "swish"),
                          "architecture.activation is \"swish\", expected one of sigmoid, tanh, relu, leaky, linear", folder: folder)
        try expectRefused(&h, edited(good, "training", "optimizer", "sgd"),
                          "training.optimizer is \"sgd\", expected one of gd, momentum, adam", folder: folder)
        try expectRefused(&h, edited(good, "training", "initialization", "magic seed=1"),
                          "training.initialization is \"magic seed=1\", expected one of random, uniform, xavier, he, zeros", folder: folder)
        try expectRefused(&h, edited(good, "training", "batch", "0"),
                          "training.batch is \"0\", expected full or a number of examples ≥ 1", folder: folder)
        try expectRefused(&h, edited(good, "training", "learningRate", -1.5),
                          "training.learningRate is -1.5, expected a finite number ≥ 0", folder: folder)
        try expectRefused(&h, edited(good, "scaling", "method", "robust\n"),
                          "scaling.method is \"robust\\n\", expected one of standard, minmax", folder: folder)
        var leaky = edited(good, "architecture", "activation", "leaky")
        leaky = edited(leaky, "architecture", "leakySlope", 2)
        try expectRefused(&h, leaky, "architecture.leakySlope is 2, expected a number from 0 to 1 (exclusive)", folder: folder)
        try expectRefused(&h, edited(good, "architecture", "leakySlope", 0.1),
                          "architecture.leakySlope is given for tanh, expected it only with leaky", folder: folder)
    }

    @Test func scalingMustHaveOnePositiveFiniteScalePerInput() throws {
        let folder = try temporaryFolder()
        var (h, good) = try setUp(folder)
        try expectRefused(&h, edited(good, "scaling", "scale", [1.0, 0.0]),
                          "scaling.scale[1] is 0, expected a finite number greater than 0", folder: folder)
        try expectRefused(&h, edited(good, "scaling", "scale", [1.0, -2.5]),
                          "scaling.scale[1] is -2.5, expected a finite number greater than 0", folder: folder)
        try expectRefused(&h, edited(good, "scaling", "scale", [1.0]),
                          "scaling.scale has 1 value, expected 2 (one per input)", folder: folder)
        try expectRefused(&h, edited(good, "scaling", "offset", [1.0, 2.0, 3.0]),
                          "scaling.offset has 3 values, expected 2 (one per input)", folder: folder)
        // A huge but finite scale is a legal (if odd) scaling.
        let path = "\(folder)/huge-scale.json"
        try write(edited(good, "scaling", "scale", [1e300, 1.0]), to: path)
        #expect(h.failure("load model \(path)") == nil)
    }

    /// JSON cannot hold NaN or infinity; a number too large for a double is a syntax error with its position.
    @Test func syntaxErrorsGiveLineAndColumn() throws {
        let folder = try temporaryFolder()
        var (h, _) = try setUp(folder)
        let good = try String(contentsOfFile: "\(folder)/good.json", encoding: .utf8)
        let lines = good.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        let truncated = "\(folder)/truncated.json"
        let cut = lines.prefix(5).joined(separator: "\n")
        try cut.write(toFile: truncated, atomically: true, encoding: .utf8)
        let lastLine = cut.split(separator: "\n", omittingEmptySubsequences: false).last!
        #expect(h.failure("load model \(truncated)")
                == "\(truncated):5:\(lastLine.count + 1): not valid JSON (Unexpected end of file); was it truncated?")

        let garbage = "\(folder)/garbage.json"
        try "{\n  \"format\" : \"shallow-model\",\n  x\n}\n".write(toFile: garbage, atomically: true, encoding: .utf8)
        #expect(h.failure("load model \(garbage)") == "\(garbage):3:3: not valid JSON (Invalid value at 'x')")

        let overflow = "\(folder)/overflow.json"
        let index = try #require(lines.firstIndex { $0.contains("\"b\"") })
        var edited = lines
        edited[index + 1] = "        1e999,"
        try edited.joined(separator: "\n").write(toFile: overflow, atomically: true, encoding: .utf8)
        #expect(h.failure("load model \(overflow)") == "\(overflow):\(index + 2):9: not valid JSON (Number 1e999 is not representable in Swift)")
    }

    @Test func wrongTypesAndMissingKeysNameTheField() throws {
        let folder = try temporaryFolder()
        var (h, good) = try setUp(folder)
        try expectRefused(&h, edited(good, "training", "iterations", "many"),
                          "training.iterations has the wrong type, expected an integer", folder: folder)
        try expectRefused(&h, edited(good, "architecture", "inputs", nil), "missing architecture.inputs", folder: folder)
    }

    /// Special files are refused at once (a FIFO with no writer would block `load model` forever).
    @Test(.timeLimit(.minutes(1))) func specialFilesAreRefused() throws {
        let folder = try temporaryFolder()
        var h = Harness()
        // A private zero device (major 1, minor 5) where we may create one: the shared /dev/zero can be
        // replaced by a regular file by another process running an unhardened 'save'.
        let zero = mknod("\(folder)/zero.json", S_IFCHR | 0o666, dev_t(1 << 8 | 5)) == 0 ? "\(folder)/zero.json" : "/dev/zero"
        #expect(h.failure("load model \(zero)") == "\(zero): not a regular file (a character device)")
        let fifo = "\(folder)/model.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(h.failure("load model \(fifo)") == "\(fifo): not a regular file (a FIFO)")
        #expect(h.failure("run \(fifo)") == "\(fifo): not a regular file (a FIFO)")
        #expect(h.failure("load model \(folder)") == "\(folder): not a regular file (a directory)")
        #expect(h.failure("load model \(folder)/missing.json") == "\(folder)/missing.json: cannot read: No such file or directory")
    }

    /// What `save model` writes is always accepted back, including the lecture's counter-example of a
    /// linear output trained on class labels (class names kept, never indexed) and a softmax model.
    @Test func savedModelsOfEveryOutputKindReload() throws {
        for output in ["linear", "softmax", "sigmoid"] {
            let folder = try temporaryFolder()
            var h = Harness()
            _ = try h.run("load flower; set output \(output); init; train 3; save model \(folder)/m.json")
            let network = h.session.model!.network
            _ = try h.run("reset; load model \(folder)/m.json")
            #expect(h.session.model!.network == network, "\(output)")
        }
    }
}
