import Foundation
import Testing
@testable import Notebook
import Datasets
import NeuralNet

/// Feature crosses (`set features x1^2 x2^2 x1*x2 sin(x1)`): the network's inputs as functions of the data's
/// features. Checked against hand computations, and against the TensorFlow Playground demonstration they
/// exist for: one neuron cannot separate a disc from a ring with the raw inputs, and can with x1² and x2².
@Suite struct FeatureCrossTests {
    /// The accuracy `accuracy` prints, as a share.
    func accuracy(_ lines: [String]) throws -> Double {
        let line = try #require(lines.last { $0.hasPrefix("training accuracy: ") })
        let percent = try #require(Double(line.dropFirst("training accuracy: ".count).prefix { $0 != " " }))
        return percent / 100
    }

    @Test func termsAreEvaluatedAsWritten() throws {
        // Hand-computed: every term on three examples of two features named area and ratio. The products and
        // powers are exact in binary for these values; sin and cos are compared with Foundation's, the same
        // functions (tolerance 0: the same operations in the same order).
        let X = Matrix([[1, 2, -3], [0.5, -1, 2]])
        let crosses = try FeatureCrosses(["x1^2", "x1*x2", "ratio", "sin(x1)", "cos(area*ratio)^2", "area^3*x2"])
        let out = try crosses.apply(X, featureNames: ["area", "ratio"])
        #expect(out.rows == 6 && out.cols == 3)
        #expect(out.row(0) == [1, 4, 9])
        #expect(out.row(1) == [0.5, -2, -6])
        #expect(out.row(2) == [0.5, -1, 2])
        #expect(out.row(3) == [sin(1.0), sin(2.0), sin(-3.0)])
        #expect(out.row(4) == [cos(0.5) * cos(0.5), cos(-2.0) * cos(-2.0), cos(-6.0) * cos(-6.0)])
        #expect(out.row(5) == [0.5, -8, -54])
        #expect(try crosses.usedFeatures(["area", "ratio"]) == [0, 1])
    }

    @Test func badTermsAreRefusedNamingTheTerm() throws {
        func message(_ words: [String], names: [String] = ["x1", "x2"]) -> String? {
            do {
                try FeatureCrosses(words).check(against: names)
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(message(["x1^20"]) == "'x1^20': power 20 is out of range, expected a whole power from 1 to 16")
        #expect(message(["x1^"]) == "'x1^': found the end, expected a whole power from 1 to 16 after '^' (terms look like x1, x1^2, x1*x2, sin(x1))")
        #expect(message(["x1*(x2"]) == "'x1*(x2': found the end, expected ')' (terms look like x1, x1^2, x1*x2, sin(x1))")
        #expect(message(["tan(x1)"]) == "'tan(x1)': found 't' at character 1, expected sin( or cos( (the only functions) (terms look like x1, x1^2, x1*x2, sin(x1))")
        #expect(message(["x1)"]) == "'x1)': a ')' at character 3 without its '('")
        #expect(message(["x1", "x1^1"]) == "'x1^1' repeats term 1 (x1); each term once")
        #expect(message(["x3"]) == "unknown feature 'x3'; the data has 2 features: x1…x2")
        #expect(message(["x0"]) == "unknown feature 'x0'; the data has 2 features: x1…x2")
        #expect(message(["price"], names: ["area", "mean radius"]) == "unknown feature 'price'; the data has 2 features: x1…x2, area")
        // Hostile input: deep nesting cannot exhaust the parser's stack; a huge term is refused before parsing.
        let deep = String(repeating: "sin(", count: 20) + "x1" + String(repeating: ")", count: 20)
        #expect(message([deep]) == "'\(deep)': brackets and functions nested more than 16 deep")
        #expect(message([String(repeating: "x1*", count: 100_000) + "x1"]) == "a term of 300002 characters; at most 200")
        #expect(message(["x1^2^2"]) == "'x1^2^2': found '^' at character 5, expected '*' or the end of the term (one power per factor: (x1^2)^2 is x1^4) (terms look like x1, x1^2, x1*x2, sin(x1))")
        #expect(message(["(x1^2)^2"]) == nil)
        #expect(message([]) == "expected at least one term, e.g. x1 x2 x1^2 x2^2 x1*x2 sin(x1)")
        var h = Harness()
        _ = try h.run("load circle")
        let before = h.session.settings
        #expect(h.failure("set features x1 x9") == "set features: unknown feature 'x9'; the data has 2 features: x1…x2")
        #expect(h.session.settings == before, "a refused list changes nothing")
    }

    /// The TensorFlow Playground demonstration as a fact: one neuron (no hidden layer) on the circle data.
    @Test func oneNeuronDrawsACircleGivenSquares() throws {
        var h = Harness()
        let raw = try accuracy(try h.run("load circle; set hidden 0; init; train 2000; accuracy"))
        // A line through a disc inside a ring: at best one side holds a little more of one class. 500 examples,
        // 250 each: anything above 65 % would mean the line separates something, which it cannot.
        #expect(raw < 0.65, "raw inputs: \(raw)")
        let crossed = try accuracy(try h.run("set features x1^2 x2^2; init; train 2000; accuracy"))
        #expect(crossed >= 0.95, "x1^2 x2^2: \(crossed)")
        #expect(h.session.model?.architecture.inputCount == 2)
        // xor: class 1 where x·y ≥ 0; the single product x1*x2 is the whole answer.
        let xorRaw = try accuracy(try h.run("load xor; set features raw; init; train 2000; accuracy"))
        let xorCrossed = try accuracy(try h.run("set features x1*x2; init; train 2000; accuracy"))
        #expect(xorRaw < 0.7, "xor raw: \(xorRaw)")
        #expect(xorCrossed >= 0.95, "xor x1*x2: \(xorCrossed)")
    }

    @Test func predictEqualsAHandComputationWithScaling() throws {
        var h = Harness()
        _ = try h.run("load circle; set hidden 0; set features x1^2 x2^2 x1*x2; scale standard; init; train 300")
        let model = try #require(h.session.model)
        let dataset = try #require(h.session.dataset)
        // The scaling is fitted on the crossed inputs (x1² has its own mean and spread): by hand.
        let scaler = try #require(model.scaler)
        let x1 = dataset.X.row(0), x2 = dataset.X.row(1)
        let columns = [x1.map { $0 * $0 }, x2.map { $0 * $0 }, zip(x1, x2).map { $0 * $1 }]
        for (i, column) in columns.enumerated() {
            let mean = column.reduce(0, +) / Double(column.count)
            let sd = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(column.count)).squareRoot()
            // Summation order may differ from the scaler's: a few ulps of the mean (values ≤ 25, m = 500).
            #expect(abs(scaler.offset[i] - mean) <= 1e-12 * max(1, abs(mean)))
            #expect(abs(scaler.scale[i] - sd) <= 1e-12 * sd)
        }
        // predict 1.5 -0.5: z = W·((cross(x) − offset) / scale) + b, p = σ(z).
        let x = (1.5, -0.5)
        let crossed = [x.0 * x.0, x.1 * x.1, x.0 * x.1]
        let W = model.network.layers[0].W, b = model.network.layers[0].b
        var z = b[0, 0]
        for i in 0..<3 { z += W[0, i] * (crossed[i] - scaler.offset[i]) / scaler.scale[i] }
        let p = 1 / (1 + exp(-z))
        let line = try #require(try h.run("predict 1.5 -0.5").first)
        #expect(line.hasSuffix(String(format: "p(1) = %.6f", p)), "\(line) vs p = \(p)")
        // One value per feature of the data, not per input of the network.
        #expect(h.failure("predict 1 2 3") == "predict: found 3 values, expected 2 (one per feature: x1, x2)")
    }

    @Test func theModelFileKeepsTheListAndPredictsTheSame() throws {
        let folder = NSTemporaryDirectory() + "shallow-crosses-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var h = Harness()
        _ = try h.run("load circle; set hidden 3; set features x1 x2 x1^2 x2^2 sin(x1); scale standard; init; train 200")
        let expected = try h.run("predict 0.5 2.5")
        _ = try h.run("save model \(folder)/m.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/m.json"))) as? [String: Any]
        #expect(json?["featureCrosses"] as? [String] == ["x1", "x2", "x1^2", "x2^2", "sin(x1)"])
        #expect(json?["features"] as? [String] == ["x1", "x2"])
        #expect(json?["version"] as? Int == 3)
        // A fresh session, no data: the file alone predicts the same, and later 'init's build the same inputs.
        var fresh = Harness()
        _ = try fresh.run("load model \(folder)/m.json")
        #expect(try fresh.run("predict 0.5 2.5") == expected)
        #expect(fresh.session.settings.features?.terms == ["x1", "x2", "x1^2", "x2^2", "sin(x1)"])
        #expect(fresh.session.model?.architecture.inputCount == 5)
        // A model without crosses still writes version 2 (readable by earlier shallow).
        _ = try fresh.run("load circle; set features raw; init; save model \(folder)/plain.json")
        let plain = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/plain.json"))) as? [String: Any]
        #expect(plain?["version"] as? Int == 2 && plain?["featureCrosses"] == nil)
        // A file whose terms do not match its inputs is refused as a whole.
        var text = try String(contentsOfFile: "\(folder)/m.json", encoding: .utf8)
        text = text.replacingOccurrences(of: "\"sin(x1)\"", with: "\"sin(x7)\"")
        try text.write(toFile: "\(folder)/bad.json", atomically: true, encoding: .utf8)
        #expect(fresh.failure("load model \(folder)/bad.json") == "\(folder)/bad.json: featureCrosses: unknown feature 'x7'; the data has 2 features: x1…x2")
    }

    @Test func theModelKeepsItsInputsWhenTheSettingsChange() throws {
        let folder = NSTemporaryDirectory() + "shallow-crosses-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var h = Harness()
        _ = try h.run("load circle; set hidden 0; set features x1^2 x2^2; scale standard; init; train 500")
        let cost = try h.run("cost")
        let accuracyBefore = try h.run("accuracy")
        // New settings apply at the next init; the trained model goes on with the inputs it learned on.
        _ = try h.run("set features x1 x2 x1*x2")
        #expect(try h.run("cost") == cost)
        #expect(try h.run("accuracy") == accuracyBefore)
        let boundary = try h.run("plot boundary res=60 to \(folder)/b.png")
        #expect(boundary.contains("wrote \(folder)/b.png"))
        let shapes = try h.run("show shapes")
        #expect(shapes.last == "(X's 2 rows are the feature crosses x1^2 x2^2 of circle's 2 features)")
        _ = try h.run("init")
        #expect(h.session.model?.architecture.inputCount == 3)
        #expect(h.session.model?.scaler?.featureCount == 3)
    }
}
