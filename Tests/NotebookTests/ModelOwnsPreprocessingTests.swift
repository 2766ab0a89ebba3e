import Foundation
import Testing
@testable import Notebook
import NeuralNet

/// Issue "Honest numbers on your own data", item 1: the model owns its preprocessing. Scaling fitted on the
/// training data, feature names and class names travel with the model; every later data set is matched to
/// them by name and scaled with them. Loading data after a model or a model after data, in any order, gives
/// the same numbers — and the numbers a numpy computation of the same model on the same data gives.
@Suite(.serialized) struct ModelOwnsPreprocessingTests {
    let folder: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-owns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        folder = url.path
        // Features on very different scales; the test file has other statistics (so refitting the scaling on
        // it would change every prediction), its columns in another order, and fewer "cat" rows.
        var generator = SystemRandomNumberGenerator()
        func rows(_ count: Int, shift: Double, catShare: Double) -> [(area: Double, ratio: Double, price: Double, label: String)] {
            (0..<count).map { _ in
                let cat = Double.random(in: 0..<1, using: &generator) < catShare
                let area = (cat ? 120.0 : 180.0) + shift * 40 + Double.random(in: -50..<50, using: &generator)
                let ratio = (cat ? -0.5 : 0.5) + Double.random(in: -1..<1, using: &generator)
                let price = (cat ? 300.0 : 700.0) + shift * 100 + Double.random(in: -350..<350, using: &generator)
                return (area, ratio, price, cat ? "cat" : "dog")
            }
        }
        var train = "area,ratio,price,kind\n"
        for r in rows(240, shift: 0, catShare: 0.5) { train += "\(r.area),\(r.ratio),\(r.price),\(r.label)\n" }
        var test = "price,kind,area,ratio\n"
        for r in rows(90, shift: 1, catShare: 0.2) { test += "\(r.price),\(r.label),\(r.area),\(r.ratio)\n" }
        try train.write(toFile: "\(folder)/train.csv", atomically: true, encoding: .utf8)
        try test.write(toFile: "\(folder)/test.csv", atomically: true, encoding: .utf8)
    }

    /// The accuracy line and the network's outputs on the loaded (test) data, after `commands`.
    func evaluate(_ commands: String) throws -> (line: String, outputs: [Double]) {
        var h = Harness()
        let lines = try h.run(commands + "; accuracy")
        let session = h.session
        let model = try #require(session.model)
        let outputs = model.network.predict(try session.modelInputs(try #require(session.dataset).X)).elements
        return (try #require(lines.last), outputs)
    }

    @Test func everyCommandOrderGivesTheNumbersNumpyGives() throws {
        let train = "load \(folder)/train.csv label=kind; scale standard; set hidden 3; init xavier seed=7; train 300 every=300"
        let inSession = try evaluate("\(train); save model \(folder)/m.json; load \(folder)/test.csv label=kind")
        let dataThenModel = try evaluate("load \(folder)/test.csv label=kind; load model \(folder)/m.json")
        let modelThenData = try evaluate("load model \(folder)/m.json; load \(folder)/test.csv label=kind")
        // Even with a scaling asked for on the test data, the model applies its own.
        let rescaled = try evaluate("load model \(folder)/m.json; load \(folder)/test.csv label=kind; scale minmax")
        #expect(inSession.outputs == dataThenModel.outputs)
        #expect(inSession.outputs == modelThenData.outputs)
        #expect(inSession.outputs == rescaled.outputs)
        #expect(inSession.line == dataThenModel.line && inSession.line == modelThenData.line && inSession.line == rescaled.line)

        // numpy: the saved parameters and scaling, the test file's columns picked by name, classes by name.
        let script = """
        import json, sys, numpy as np
        m = json.load(open(sys.argv[1]))
        header, *rows = [l.split(',') for l in open(sys.argv[2]).read().split()]
        cols = {name: i for i, name in enumerate(header)}
        X = np.array([[float(r[cols[f]]) for r in rows] for f in m['features']])
        X = (X - np.array(m['scaling']['offset'])[:, None]) / np.array(m['scaling']['scale'])[:, None]
        A = X
        for k, layer in enumerate(m['layers']):
            Z = np.array(layer['W']) @ A + np.array(layer['b'])[:, None]
            A = np.tanh(Z) if k < len(m['layers']) - 1 else 1 / (1 + np.exp(-Z))
        y = np.array([m['classes'].index(r[cols['kind']]) for r in rows])
        print(int(((A[0] > 0.5).astype(int) == y).sum()), len(y))
        for p in A[0]: print(repr(float(p)))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, "\(folder)/m.json", "\(folder)/test.csv"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "numpy reference failed (is numpy installed?)")
        let lines = text.split(separator: "\n")
        let counts = lines[0].split(separator: " ").compactMap { Int($0) }
        let reference = lines.dropFirst().compactMap { Double($0) }
        #expect(inSession.line.contains("(\(counts[0])/\(counts[1]))"), "\(inSession.line) vs numpy \(counts)")
        try #require(reference.count == inSession.outputs.count)
        // 1e-12: the same doubles through the same operations, except numpy's exp/tanh and BLAS summation
        // order, which differ from ours by a few ulps at most (outputs are in (0, 1)).
        for (ours, theirs) in zip(inSession.outputs, reference) { #expect(abs(ours - theirs) <= 1e-12) }
    }

    @Test func aTestFileIsMatchedByNameAndEveryFigureSaysWhichDataItIs() throws {
        var h = Harness()
        _ = try h.run("load \(folder)/train.csv label=kind; scale standard; init xavier seed=7; train 200 every=200")
        let loaded = try h.run("load test \(folder)/test.csv label=kind")
        #expect(loaded.first?.hasPrefix("test set: test.csv: 90 examples × 3 features; label \"kind\" (field 2): 2 classes: cat ") == true)
        #expect(loaded.contains("(test.csv: columns in another order, matched by name: its feature 1 'price' is the training data's feature 3)"))
        let lines = try h.run("accuracy")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("training accuracy: ") && lines[0].contains("/240) · majority class "))
        #expect(lines[1].hasPrefix("test accuracy: ") && lines[1].contains("/90) · majority class "))
        // The same figure as loading the file as data for a saved model (the model's scaling either way).
        _ = try h.run("save model \(folder)/m3.json")
        var other = Harness()
        _ = try other.run("load model \(folder)/m3.json; load \(folder)/test.csv label=kind")
        let direct = try other.run("accuracy")[0]
        #expect(direct.replacingOccurrences(of: "training accuracy", with: "test accuracy").prefix(28) == lines[1].prefix(28))
        // Refusals name what is wrong.
        try "area,ratio,price,kind\n1,2,3,cat\n3,4,5,bird\n".write(toFile: "\(folder)/bird2.csv", atomically: true, encoding: .utf8)
        #expect(h.failure("load test \(folder)/bird2.csv label=kind")
                == "load test: bird2.csv has class 'bird' (first in row 2), which the training data does not have (it has cat, dog)")
        try "area,price,kind\n1,3,cat\n".write(toFile: "\(folder)/short.csv", atomically: true, encoding: .utf8)
        #expect(h.failure("load test \(folder)/short.csv label=kind")?.hasPrefix("load test: short.csv: the model needs feature 'ratio'") == true)
        #expect(h.session.testSet?.name == "test.csv", "a refused test file changes nothing")
    }

    @Test func featuresAndClassesAreMatchedByName() throws {
        let train = "load \(folder)/train.csv label=kind; scale standard; init xavier seed=7; train 50 every=50"
        var h = Harness()
        _ = try h.run("\(train); save model \(folder)/m2.json")
        // A file missing a feature is refused, naming it; so is an extra one and an unseen class.
        try "area,ratio,kind\n1,2,cat\n3,4,dog\n".write(toFile: "\(folder)/missing.csv", atomically: true, encoding: .utf8)
        _ = try h.run("load \(folder)/missing.csv label=kind")
        #expect(h.failure("accuracy") == "accuracy: the model takes 3 features but missing.csv has 2; run 'init' to build a model for this data")
        try "area,ratio,weight,kind\n1,2,3,cat\n3,4,5,dog\n".write(toFile: "\(folder)/renamed.csv", atomically: true, encoding: .utf8)
        _ = try h.run("load \(folder)/renamed.csv label=kind")
        #expect(h.failure("accuracy")?.hasPrefix("accuracy: the model needs feature 'price', which the data does not have") == true)
        try "area,ratio,price,kind\n1,2,3,cat\n3,4,5,bird\n".write(toFile: "\(folder)/bird.csv", atomically: true, encoding: .utf8)
        _ = try h.run("load \(folder)/bird.csv label=kind")
        #expect(h.failure("accuracy") == "bird.csv has class 'bird' (first at example 2), which the model never saw; it knows cat, dog")
        // A file with only one of the classes scores by name (its only class is index 0 in the file, 1 in the model).
        try "area,ratio,price,kind\n180,0.5,700,dog\n190,0.6,720,dog\n170,0.4,690,dog\n".write(toFile: "\(folder)/dogs.csv", atomically: true, encoding: .utf8)
        _ = try h.run("load \(folder)/dogs.csv label=kind")
        let predicted = h.session.model!.network.predictClasses(try h.session.modelInputs(h.session.dataset!.X))
        let correct = predicted.filter { $0 == 1 }.count
        #expect(try h.run("accuracy").last?.hasPrefix("training accuracy: \(Format.percent(Double(correct) / 3)) (\(correct)/3) · majority class ") == true)
    }
}
