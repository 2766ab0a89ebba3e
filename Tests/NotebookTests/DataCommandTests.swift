import Foundation
import Testing
@testable import Notebook
import NeuralNet
import Datasets

@Suite struct DataCommandTests {
    func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func aBrokenFileAfterAGoodOneLeavesTheGoodOneInUse() throws {
        let folder = try temporaryFolder()
        try "a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n".write(toFile: "\(folder)/good.csv", atomically: true, encoding: .utf8)
        try "a,b,label\n1,2,0\n3,x,1\n".write(toFile: "\(folder)/broken.csv", atomically: true, encoding: .utf8)
        var h = Harness()
        _ = try h.run("load \(folder)/good.csv; set hidden 3; init; train 20")
        let message = h.failure("load \(folder)/broken.csv")
        #expect(message?.hasPrefix("\(folder)/broken.csv:3:3: ") == true, "got \(message ?? "nil")")
        #expect(h.session.dataset?.name == "good.csv")
        // Still trains and predicts on the good data.
        _ = try h.run("train 10; accuracy; predict 1 2")
    }

    @Test func scalingLetsRawFeaturesInTheThousandsTrain() throws {
        // 30 features spanning 0…5,000 with a linear rule behind the labels: raw, tanh units saturate
        // at once and lr 1.2 cannot move them; standardised, the lecture's settings learn it.
        var random = NumpyRandom(seed: 11)
        let m = 300, n = 30
        var X = Matrix(rows: n, cols: m)
        var Y = Matrix(rows: 1, cols: m)
        for j in 0..<m {
            var score = 0.0
            for i in 0..<n {
                let value = random.nextDouble() * 5_000
                X[i, j] = value
                if i < 3 { score += value - 2_500 }
            }
            Y[0, j] = score > 0 ? 1 : 0
        }
        let dataset = Dataset(name: "wide", X: X, Y: Y, classNames: ["0", "1"])
        func accuracy(scaled: Bool) throws -> Double {
            var h = Harness()
            h.session.dataset = dataset
            _ = try h.run((scaled ? "scale standard; " : "") + "set hidden 4; set lr 1.2; init random seed=2; train 1000")
            let line = try h.run("accuracy").first!
            return Double(line.split(separator: " ")[2])!
        }
        let raw = try accuracy(scaled: false)
        let scaled = try accuracy(scaled: true)
        #expect(scaled >= 95, "scaled: \(scaled) %")
        #expect(raw < 80, "raw: \(raw) %")
    }

    @Test func splitGivesTestFiguresAndTheTestColumn() throws {
        var h = Harness()
        _ = try h.run("load moons n=400 noise=0.2 seed=1; split 0.75 seed=2; scale standard; set hidden 5; init random seed=3")
        let table = try h.run("train 200 every=100")
        #expect(table[0] == "iteration  cost      test cost")
        #expect(table[1].split(separator: " ").count == 3)
        #expect(table.last!.contains("; test cost "))
        let accuracy = try h.run("accuracy")
        #expect(accuracy.count == 2)
        #expect(accuracy[0].hasPrefix("training accuracy: ") && accuracy[0].contains("/300) · majority class "))
        #expect(accuracy[1].hasPrefix("test accuracy: ") && accuracy[1].contains("/100) · majority class "))
        #expect(h.session.model!.testCosts.count >= 3)
        // The scaler was fitted on the training part only.
        let train = h.session.dataset!.subset(h.session.split!.train)
        #expect(h.session.scaler == Scaler(method: .standard, fittedOn: train.X))
    }

    @Test func builtinOptionsAreCheckedAndNamed() {
        var h = Harness()
        #expect(h.failure("load circle noise=0.8")?.contains("noise=0.8") == true)
        #expect(h.failure("load flower n=3")?.contains("even") == true)
        #expect(h.failure("load flower label=2") == "load: label= applies to CSV files, not to the built-in flower")
        #expect(h.failure("load flwer") == "load: unknown dataset 'flwer', expected one of \(BuiltinDatasets.names.joined(separator: ", ")) or a FILE.csv; did you mean 'flower'?")
    }

    @Test func softmaxOnThreeBlobsAndRegressionScore() throws {
        var h = Harness()
        _ = try h.run("load blobs centers=3 seed=2; set hidden 6; init random scale=0.5 seed=1; train 300")
        #expect(h.session.model!.architecture.output == .softmax)
        let line = try h.run("accuracy")[0]
        #expect(Double(line.split(separator: " ")[2])! >= 95)
        let folder = try temporaryFolder()
        var csv = "x,y\n"
        for i in 0..<50 { let x = Double(i) / 10; csv += "\(x),\(3 * x + 1)\n" }
        try csv.write(toFile: "\(folder)/line.csv", atomically: true, encoding: .utf8)
        var r = Harness()
        _ = try r.run("load \(folder)/line.csv; set hidden 0; set lr 0.1; init; train 2000")
        #expect(r.session.model!.architecture.output == .linear)
        let score = try r.run("score")[0]
        #expect(score.hasPrefix("training score: R² = 1.0000") || score.hasPrefix("training score: R² = 0.999"))
        #expect(r.failure("accuracy") == "accuracy: line.csv has a real-valued target; use 'score'")
    }

    @Test func saveDataWritesWhatLoadReads() throws {
        let folder = try temporaryFolder()
        var h = Harness()
        _ = try h.run("load spiral n=100 seed=4; save data \(folder)/spiral.csv")
        let original = h.session.dataset!
        _ = try h.run("load \(folder)/spiral.csv")
        #expect(h.session.dataset!.X == original.X)
        #expect(h.session.dataset!.Y == original.Y)
    }
}

@Suite struct SweepTests {
    @Test func sweepLeavesTheSessionsModelUnchangedAndReproducesTheAssignment() throws {
        var h = Harness()
        _ = try h.run("load flower; set hidden 4; init random scale=0.01 seed=2; train 10")
        let before = h.session.model!
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-sweep-\(UUID().uuidString)").path
        let lines = try h.run("set plotdir \(folder); sweep hidden 1 3 iters=5000")
        // The assignment's table: n_h = 1 → 67.50 %, n_h = 3 → 90.75 % after 5,000 iterations.
        #expect(lines.contains { $0.hasPrefix("   1 ") && $0.contains("67.50 % (270/400)") })
        #expect(lines.contains { $0.hasPrefix("   3 ") && $0.contains("90.75 % (363/400)") })
        #expect(lines.contains("wrote \(folder)/sweep.png"))
        #expect(h.session.model!.network == before.network)
        #expect(h.session.model!.iteration == 10)
        #expect(h.session.settings.hidden == [4])
    }
}
