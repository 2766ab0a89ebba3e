import Foundation
import Testing
@testable import Notebook

/// Sweeps of any setting: `sweep lr`, `sweep activation`, `sweep l2` (as `sweep hidden`): a row per value equal to
/// what init + train with that setting gives, a boundary grid and a cost chart, the session's model untouched.
@Suite struct SweepSettingsTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "shallow-sweep-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The final cost `train` prints for one setting, from a fresh init with the same seed.
    func trainedCost(_ setting: String) throws -> String {
        var h = Harness()
        let lines = try h.run("load flower; \(setting); init random scale=0.01 seed=2; train 300")
        let last = try #require(lines.last { $0.hasPrefix("final cost after 300 iterations: ") })
        return String(last.dropFirst("final cost after 300 iterations: ".count).prefix { $0 != " " })
    }

    @Test func eachRowIsTheRunThatSettingGives() throws {
        let dir = try folder()
        var h = Harness()
        _ = try h.run("load flower; init random scale=0.01 seed=2; train 10")
        let before = try #require(h.session.model?.network)
        let lines = try h.run("sweep activation sigmoid tanh relu iters=300 to \(dir)/a.png")
        #expect(lines.contains("wrote \(dir)/a.png") && lines.contains("wrote \(dir)/a-cost.png"))
        for (name, setting) in [("sigmoid", "set activation sigmoid"), ("tanh", "set activation tanh"), ("relu", "set activation relu")] {
            let row = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(name + " ") })
            let cost = row.split(separator: " ").map(String.init)[1]
            #expect(cost == (try trainedCost(setting)), "\(name): \(row)")
        }
        let rates = try h.run("sweep lr 0.5 2 iters=300 to \(dir)/l.png")
        let row = try #require(rates.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("2 ") })
        #expect(row.split(separator: " ").map(String.init)[1] == (try trainedCost("set lr 2")))
        #expect(FileManager.default.fileExists(atPath: "\(dir)/l-cost.png"))
        // Mini-batches: each row is what 'set batch N; init; train' gives, shuffles included.
        let batches = try h.run("sweep batch full 100 iters=300 to \(dir)/b.png")
        for (size, setting) in [("full", "set batch full"), ("100", "set batch 100")] {
            let row = try #require(batches.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(size + " ") })
            #expect(row.split(separator: " ").map(String.init)[1] == (try trainedCost(setting)), "\(size): \(row)")
        }
        #expect(FileManager.default.fileExists(atPath: "\(dir)/b-cost.png"))
        _ = try h.run("sweep l2 0 0.5 iters=50 to \(dir)/r.png")
        #expect(h.session.model?.network.layers[0].W == before.layers[0].W, "the session's model is not touched")
        #expect(h.session.model?.iteration == 10)
    }

    @Test func badValuesAreRefusedByName() throws {
        var h = Harness()
        _ = try h.run("load flower")
        #expect(h.failure("sweep activation tanh swish") == "sweep activation: found 'swish', expected sigmoid, tanh, relu, leaky, leaky=A (0 ≤ A < 1) or linear")
        #expect(h.failure("sweep activation leaky=2") == "sweep activation: found 'leaky=2', expected sigmoid, tanh, relu, leaky, leaky=A (0 ≤ A < 1) or linear")
        #expect(h.failure("sweep lr 0.1 -1") == "sweep lr: found -1, expected learning rates from 0 (exclusive) to 1000000")
        #expect(h.failure("sweep batch full 0") == "sweep batch: found '0', expected batch sizes: full or a whole number from 1 to 10000000")
        #expect(h.failure("sweep l2 -0.5") == "sweep l2: found -0.5, expected penalties from 0 to 1000000")
        // The words of a parameter stop at the command's own options and 'to', nowhere else.
        #expect(try h.run("help set lr").first?.contains("set lr") == true)
    }
}
