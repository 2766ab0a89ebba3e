import Foundation
import Testing
@testable import Notebook
@testable import Plotting

/// Every figure names its data and counts it (issue 10, item 4), `plot confusion` draws the matrix `report`
/// prints, the validation curve reaches `plot cost`, and model files (version 2) keep the history.
@Suite struct EvaluationPartsTests {
    func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-parts-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The value after `label` in `line` (e.g. the number after "test cost ").
    func number(after label: String, in line: String) -> Double? {
        guard let range = line.range(of: label) else { return nil }
        return Double(line[range.upperBound...].prefix { "0123456789.-e".contains($0) })
    }

    @Test func costAccuracyAndScoreNameEachPartWithItsCount() throws {
        var h = Harness()
        let trained = try h.run("load flower; split 0.8 seed=1; set validation 0.2; init; train 300")
        let final = try #require(trained.last { $0.hasPrefix("final cost after 300 iterations: ") })
        let costs = try h.run("cost")
        #expect(costs.count == 3)
        #expect(costs[0].hasPrefix("training cost: ") && costs[0].hasSuffix("(binary cross-entropy, 256 examples) after 300 iterations"))
        #expect(costs[1].hasPrefix("validation cost: ") && costs[1].contains("(binary cross-entropy, 64 examples)"))
        #expect(costs[2].hasPrefix("test cost: ") && costs[2].contains("(binary cross-entropy, 80 examples)"))
        // The trainer records the validation and test costs with its own workspace (another code path);
        // `cost` computes them through Network.cost. Both print 6 decimals, so they agree to the digit.
        #expect(number(after: "validation cost: ", in: costs[1]) == number(after: "validation cost ", in: final))
        #expect(number(after: "test cost: ", in: costs[2]) == number(after: "test cost ", in: final))
        #expect(number(after: "training cost: ", in: costs[0]) == number(after: "iterations: ", in: final))

        let accuracy = try h.run("accuracy")
        #expect(accuracy.map { String($0.prefix { $0 != ":" }) } == ["training accuracy", "validation accuracy", "test accuracy"])
        #expect(accuracy[0].contains("/256) · majority class 50.00 %") && accuracy[1].contains("/64) · majority class 50.00 %")
                && accuracy[2].contains("/80) · majority class 50.00 %"))
        #expect(try h.run("accuracy validation") == [accuracy[1]])
        #expect(try h.run("cost test") == [costs[2]])

        #expect(h.failure("set validation off; cost validation") == "cost: no validation part; hold one out first, e.g. 'set validation 0.1'")
        #expect(h.failure("split off; accuracy test") == "accuracy: no test set; run 'split 0.8' or 'load test FILE.csv' first")
        #expect(h.failure("score") == "score: flower has classes; use 'accuracy'")
    }

    @Test func scoreNamesItsPartsAndMatchesARecomputation() throws {
        let folder = try temporaryFolder()
        var csv = "x,y\n"
        for i in 0..<50 { csv += "\(Double(i) / 10),\(2 * Double(i) / 10 + 1)\n" }
        try csv.write(toFile: "\(folder)/line.csv", atomically: true, encoding: .utf8)
        var h = Harness()
        _ = try h.run("load \(folder)/line.csv; split 0.8 seed=3; init; train 200")
        let lines = try h.run("score")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("training score: R² = ") && lines[0].hasSuffix(" y (40 examples)"))
        #expect(lines[1].hasPrefix("test score: R² = ") && lines[1].hasSuffix(" y (10 examples)"))
        // R² recomputed here from the model's own predictions on the test part.
        let session = h.session
        let model = try #require(session.model)
        let dataset = try #require(session.dataset)
        let test = try #require(session.testPart(dataset))
        let predicted: [Double] = model.network.predict(try session.modelInputs(test.X)).row(0)
        let y: [Double] = test.Y.elements
        let mean: Double = y.reduce(0, +) / Double(y.count)
        var residual = 0.0, total = 0.0
        for (p, t) in zip(predicted, y) {
            residual += (p - t) * (p - t)
            total += (t - mean) * (t - mean)
        }
        let r2 = 1 - residual / total
        #expect(lines[1].hasPrefix("test score: R² = \(String(format: "%.4f", r2)),"))
    }

    @Test func plotConfusionDrawsTheCountsReportPrints() throws {
        let folder = try temporaryFolder()
        var h = Harness()
        _ = try h.run("load blobs centers=3 n=300 seed=4; split 0.7 seed=2; init; train 300")
        let report = try h.run("report")
        // Rows of the printed matrix: class name, then one count per predicted class.
        let rows = report[2...4].map { $0.split(separator: " ").dropFirst().compactMap { Int($0) } }
        #expect(rows.count == 3 && rows.allSatisfy { $0.count == 3 })
        #expect(rows.joined().reduce(0, +) == 90)

        let session = h.session
        let dataset = try #require(session.dataset)
        let part = try #require(session.testPart(dataset))
        let classified = try CommandCatalog.classification(of: part, model: try #require(session.model), session: session)
        #expect(classified.counts == rows)
        let plot = ConfusionMatrixPlot(counts: classified.counts, classNames: classified.classNames, title: "t")
        let script = try plot.script(output: "\(folder)/c.png").text
        #expect(script.contains("set ylabel 'true class'") && script.contains("with image") && script.contains("with labels"))

        let written = try h.run("plot confusion to \(folder)/confusion.png")
        #expect(written == ["wrote \(folder)/confusion.png"])
        let png = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/confusion.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(h.failure("plot confusion validation") == "plot confusion: no validation part; hold one out first, e.g. 'set validation 0.1'")
        var csv = "x,y\n"
        for i in 0..<20 { csv += "\(i),\(Double(i) * 0.5)\n" }
        try csv.write(toFile: "\(folder)/real.csv", atomically: true, encoding: .utf8)
        #expect(h.failure("load \(folder)/real.csv; init; plot confusion") == "plot confusion: real.csv has a real-valued target; a confusion matrix needs classes")
    }

    @Test func confusionPlotRefusesBadMatrices() {
        #expect(throws: PlotError.self) { try ConfusionMatrixPlot(counts: [[1, 2]], classNames: ["a", "b"], title: "t").script(output: "/tmp/x.png") }
        #expect(throws: PlotError.self) { try ConfusionMatrixPlot(counts: [[1, -2], [0, 1]], classNames: ["a", "b"], title: "t").script(output: "/tmp/x.png") }
        #expect(throws: PlotError.self) { try ConfusionMatrixPlot(counts: [], classNames: [], title: "t").script(output: "/tmp/x.png") }
    }

    @Test func plotCostDrawsTheValidationCurve() throws {
        let plot = CostPlot(iterations: [0, 1, 2, 3], trainingCost: [0.7, 0.5, 0.4, 0.3], title: "t")
        var withValidation = plot
        withValidation.validationCost = [0.7, 0.45]
        withValidation.validationIterations = [0, 2]
        #expect(try !plot.script(output: "/tmp/x.png").text.contains("validation cost"))
        #expect(try withValidation.script(output: "/tmp/x.png").text.contains("title 'validation cost'"))
        withValidation.validationIterations = [0]
        #expect(throws: PlotError.self) { try withValidation.script(output: "/tmp/x.png") }
    }

    @Test func modelFilesKeepTheHistoryAndOldFilesStillLoad() throws {
        let folder = try temporaryFolder()
        var h = Harness()
        _ = try h.run("load flower; split 0.8 seed=1; set validation 0.2; init; train 40 every=10; save model \(folder)/m.json")
        let history = try h.run("show history")
        let text = try String(contentsOfFile: "\(folder)/m.json", encoding: .utf8)
        #expect(text.contains("\"version\" : 2") && text.contains("\"task\" : \"classify\"") && text.contains("\"validation\" : 0.2"))

        var loaded = Harness()
        _ = try loaded.run("load flower; split 0.8 seed=1; load model \(folder)/m.json")
        #expect(try loaded.run("show history") == history)

        // A version 1 file (no task, no history): loads; its history starts again at its iteration.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        object["version"] = 1
        object["task"] = nil
        object["history"] = nil
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: "\(folder)/v1.json"))
        var old = Harness()
        _ = try old.run("load flower; load model \(folder)/v1.json")
        #expect(old.failure("show history") == "show history: nothing trained yet; run 'train N' first")
        _ = try old.run("train 5")
        let resumed = try old.run("show history")
        #expect(resumed[1].hasPrefix("       40  ") && resumed.last == "lowest cost \(resumed[resumed.count - 2].split(separator: " ")[1]) at iteration 45 of 45 (the history kept starts at iteration 40)")
    }
}
