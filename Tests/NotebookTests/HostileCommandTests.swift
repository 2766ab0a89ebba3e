import Foundation
import Testing
@testable import Notebook
import NeuralNet

/// Command sequences that used to kill the process (issue "Hostile input"): each now ends with one clear
/// message and leaves the session exactly as it was before the failing command.
@Suite struct HostileCommandTests {
    /// Runs `setup`, then `failing`, and returns the failure message; checks that the failing command
    /// changed nothing (data, model parameters, settings).
    func refusal(_ setup: String, _ failing: String) throws -> String? {
        var h = Harness()
        if !setup.isEmpty { _ = try h.run(setup) }
        let dataset = h.session.dataset, network = h.session.model?.network, settings = h.session.settings
        let message = h.failure(failing)
        #expect(h.session.dataset == dataset)
        #expect(h.session.model?.network == network)
        #expect(h.session.settings == settings)
        return message
    }

    @Test func oneClassDataIsRefusedAtInitWithAReason() throws {
        #expect(try refusal("load blobs centers=1 n=5", "init")
                == "init: blobs has 1 class (0): nothing to learn; a classifier needs examples of at least 2 classes")
        #expect(try refusal("load blobs centers=1 n=5; set output softmax", "init random scale=5 seed=3")?.contains("nothing to learn") == true)
        #expect(try refusal("load blobs centers=1 n=5", "sweep hidden 1 2 iters=5")?.contains("nothing to learn") == true)
    }

    @Test func aModelUsedOnOneClassDataDoesNotTrap() throws {
        // A model from two-class data, then data with one class: predictions and plots name classes safely.
        var h = Harness()
        let plots = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-hostile-\(UUID().uuidString)").path
        _ = try h.run("set plotdir \(plots); load flower; init; load blobs centers=1 n=5")
        #expect(try h.run("predict 10 10").first?.hasPrefix("class ") == true)
        _ = try? h.run("plot neurons")
        _ = try? h.run("accuracy")
    }

    @Test func theModelKeepsItsScalingWhateverDataIsLoadedAfter() throws {
        // Used to trap: the session refitted its scaling on the new 3-feature data. The model owns its scaling
        // (fitted on the flower), so predicting after loading other data gives the same answer as before.
        var h = Harness()
        _ = try h.run("load flower; init; scale standard")
        let before = try h.run("predict 1 2")
        _ = try h.run("load blobs features=3")
        #expect(try h.run("predict 1 2") == before)
        #expect(h.failure("accuracy")?.hasPrefix("accuracy: the model takes 2 features but blobs has 3") == true)
    }

    @Test func aClassifierMeetingARealValuedTargetIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var csv = "a,b,y\n"
        for i in 0..<12 { csv += "\(i),\(i % 5),\(Double(i) * 0.37 + 0.01)\n" }
        try csv.write(to: folder.appendingPathComponent("reg.csv"), atomically: true, encoding: .utf8)
        let message = try refusal("load blobs centers=3; init; load \(folder.path)/reg.csv", "cost")
        #expect(message == "cost: the model has a softmax output for classes but reg.csv has a real-valued target; run 'init' to build a model for this data")
        var linear = Harness()   // a linear model may learn class labels as numbers
        _ = try linear.run("load blobs centers=3; set output linear; init; load flower; train 5")
        #expect(linear.session.model?.iteration == 5)
        #expect(try refusal("load flower; init; load blobs centers=3", "cost")
                == "cost: the model has one sigmoid output (2 classes) but blobs has 3 classes; run 'init'")
    }

    @Test func workBeyondTheMachinesMemoryIsRefusedWithTheEstimate() throws {
        let message = try #require(try refusal("load flower; set hidden 100000 100000", "init"))
        #expect(message.hasPrefix("init: a 2 → 100000 → 100000 → 1 network on 400 examples needs "))
        #expect(message.contains(" GB, this machine has "))
        #expect(try refusal("load flower n=1000000; set hidden 50000", "init xavier")?.contains(" TB, this machine has ") == true)
        #expect(try refusal("load flower", "sweep hidden " + Array(repeating: "3", count: 49).joined(separator: " ") + " iters=1")
                == "sweep hidden: 49 sizes; at most 48 in one sweep")
        #expect(try refusal("load flower n=1000000", "sweep hidden 10000 iters=2")?.hasPrefix("sweep hidden: a 2 → 10000 → 1 network on 1000000 examples for 2 iterations needs ") == true)
    }

    /// The estimate itself, checked by hand: 2 → 4 → 1 on 400 examples for 10 iterations.
    @Test func theMemoryEstimateCountsWhatTrainingHolds() throws {
        let architecture = Architecture(inputCount: 2, hiddenSizes: [4], outputCount: 1, hiddenActivation: .tanh, output: .sigmoid)
        // P = 4·3 + 1·5 = 17; 5·P = 85; 3·(4+1)·400 = 6000; (2+1)·400 = 1200; + 10 costs = 7295 doubles.
        #expect(Session.memoryEstimate(architecture, examples: 400, iterations: 10) == 7295 * 8)
        try Session.checkMemory(architecture, examples: 400, iterations: 10, command: "train")
        let huge = Architecture(inputCount: 2, hiddenSizes: [Int.max / 4, Int.max / 4], outputCount: 1,
                                hiddenActivation: .tanh, output: .sigmoid)
        #expect(throws: NotebookError.self) { try Session.checkMemory(huge, examples: 400, iterations: 10, command: "init") }
    }
}
