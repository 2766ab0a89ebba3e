import Foundation
import Testing
@testable import Notebook

/// Runs to compare: each model from 'init' through its 'train's is one run; 'runs', 'plot cost runs=', 'plot boundary runs='.
@Suite struct RunsTests {
    @Test func eachInitAndItsTrainingIsOneRunNamedByWhatDiffers() throws {
        var h = Harness()
        _ = try h.run("load flower; set activation sigmoid; init random seed=2; train 30; train 20")
        #expect(h.session.runs.count == 1, "a second 'train' on the same model continues its run")
        let first = try #require(h.session.runs.first)
        #expect(first.iterations == 50)
        // Short histories are kept whole: the run's curve is the model's.
        #expect(first.costs.map(\.cost) == h.session.model?.costs)
        #expect(first.costs.map(\.iteration) == Array(0...50))
        _ = try h.run("set activation tanh; init random seed=2; train 50; set lr 0.5; init random scale=0.5 seed=2; train 50")
        #expect(h.session.runs.map(\.number) == [1, 2, 3])
        #expect(TrainingRun.labels(h.session.runs) == ["run 1 sigmoid lr=1.2 scale=0.01", "run 2 tanh lr=1.2 scale=0.01",
                                                       "run 3 tanh lr=0.5 scale=0.5"])
        #expect(h.session.runs[2].trainingAccuracy == Double(try h.session.correctCount(h.session.model!.network,
                                                                                          on: h.session.dataset!)) / 400)
        let table = try h.run("runs")
        #expect(table.first?.hasPrefix("run  data") == true)
        #expect(table.count == 4)
        #expect(table[3].contains("tanh") && table[3].contains("0.5") && table[3].contains("50"))
    }

    @Test func selectingRunsRefusesWhatIsNotThere() throws {
        var h = Harness()
        #expect(h.failure("plot cost runs=all") == "plot cost: no runs yet; each 'init' followed by 'train N' is one")
        _ = try h.run("load flower; init; train 5")
        #expect(h.failure("plot cost runs=1,7") == "plot cost: there is no run 7; 'runs' lists them (1)")
        #expect(h.failure("plot cost runs=one")?.hasPrefix("plot cost: found runs=one, expected all or run numbers") == true)
        // A run's boundary needs the data it was trained on.
        _ = try h.run("load blobs centers=2 n=50")
        #expect(h.failure("plot boundary runs=1") == "plot boundary: run 1 was trained on flower (400 examples), not on the data loaded now (blobs)")
    }

    @Test func runPlotsAreWritten() throws {
        let dir = NSTemporaryDirectory() + "shallow-runs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var h = Harness()
        _ = try h.run("load flower; init; train 20; set activation relu; init random scale=0.5; train 20")
        #expect(try h.run("plot cost runs=all to \(dir)/c.png").last == "wrote \(dir)/c.png")
        #expect(try h.run("plot boundary runs=1,2 res=40 to \(dir)/b.png").last == "wrote \(dir)/b.png")
        #expect(FileManager.default.fileExists(atPath: "\(dir)/b.png"))
    }
}
