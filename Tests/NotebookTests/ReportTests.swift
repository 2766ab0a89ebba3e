import Testing
@testable import Notebook

/// `report`: the numbers of scikit-learn's confusion_matrix and classification_report, computed here by hand.
@Suite struct ReportTests {
    @Test func aHandComputedCaseMatchesScikitLearnsFormulas() {
        // true 0 0 0 1 1 2, predicted 0 1 0 1 1 0: class 2 is never predicted (precision 0, zero_division=0).
        let r = ClassificationReport(actual: [0, 0, 0, 1, 1, 2], predicted: [0, 1, 0, 1, 1, 0], classNames: ["a", "b", "c"])
        #expect(r.counts == [[2, 1, 0], [0, 2, 0], [1, 0, 0]])
        let close = { (x: Double, y: Double) in abs(x - y) < 1e-12 }
        #expect(close(r.precision(0), 2.0 / 3) && close(r.recall(0), 2.0 / 3) && close(r.f1(0), 2.0 / 3))
        #expect(close(r.precision(1), 2.0 / 3) && close(r.recall(1), 1) && close(r.f1(1), 0.8))
        #expect(r.precision(2) == 0 && r.recall(2) == 0 && r.f1(2) == 0)
        #expect(close(r.accuracy, 4.0 / 6))
        #expect(close(r.average(r.precision, weighted: false), 4.0 / 9))
        #expect(close(r.average(r.recall, weighted: false), 5.0 / 9))
        #expect(close(r.average(r.f1, weighted: false), (2.0 / 3 + 0.8) / 3))
        #expect(close(r.average(r.precision, weighted: true), (2.0 / 3 * 3 + 2.0 / 3 * 2) / 6))
        #expect(close(r.average(r.recall, weighted: true), 4.0 / 6))
        #expect(close(r.average(r.f1, weighted: true), (2.0 / 3 * 3 + 0.8 * 2) / 6))
        let lines = r.lines(data: "x")
        #expect(lines.contains("           a     2     1     0"))
        #expect(lines.contains("           b      0.67      1.00      0.80         2"))
        #expect(lines.contains("   macro avg      0.44      0.56      0.49         6"))
        #expect(lines.contains("weighted avg      0.56      0.67      0.60         6"))
    }

    @Test func regressionFigures() {
        let r = RegressionReport(actual: [1, 2, 3, 4], predicted: [1.5, 2, 2.5, 5])
        #expect(r.mse == 0.375 && r.mae == 0.5 && abs(r.r2 - 0.7) < 1e-15)
    }

    @Test func reportDefaultsToTheTestSetAndSaysWhichDataItIs() throws {
        var h = Harness()
        let lines = try h.run("load blobs centers=3 seed=2; split 0.7; init; train 100; report")
        #expect(lines.contains("confusion matrix on the test set of blobs (150 examples) (rows: true class, columns: predicted)"))
        #expect(try h.run("report train").first == "confusion matrix on the training part of blobs (350 examples) (rows: true class, columns: predicted)")
    }

    @Test func predictNamesTheClassWhoseProbabilityItShows() throws {
        var h = Harness()
        let line = try #require(try h.run("load blobs centers=3 seed=2; init; train 200; predict 0 0").last)
        let match = try #require(line.firstMatch(of: /^class (\w+) · p\((\w+)\) = (0\.\d{6}|1\.000000)$/), "\(line)")
        #expect(match.1 == match.2)
        #expect(Double(match.3)! > 1.0 / 3)
    }
}
