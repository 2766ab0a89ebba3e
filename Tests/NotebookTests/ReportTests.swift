import Foundation
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
        #expect(lines.contains("confusion matrix on the test part of blobs (150 examples) (rows: true class, columns: predicted)"))
        #expect(try h.run("report train").first == "confusion matrix on the training part of blobs (350 examples) (rows: true class, columns: predicted)")
    }

    @Test func predictNamesTheClassWhoseProbabilityItShows() throws {
        var h = Harness()
        let line = try #require(try h.run("load blobs centers=3 seed=2; init; train 200; predict 0 0").last)
        let match = try #require(line.firstMatch(of: /^class (\w+) · p\((\w+)\) = (0\.\d{6}|1\.000000)$/), "\(line)")
        #expect(match.1 == match.2)
        #expect(Double(match.3)! > 1.0 / 3)
    }

    @Test func predictAFileRoundTrips() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-predict-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Columns in another order than the model's (x1, x2), plus the true label, kept in the output.
        try "x2,label,x1\n-0.3,1,1.5\n3.25,0,-2\n0,1,0\n".write(toFile: "\(folder)/in.csv", atomically: true, encoding: .utf8)
        var h = Harness()
        _ = try h.run("load flower; scale standard; init; train 300")
        let written = try h.run("predict \(folder)/in.csv to \(folder)/out.csv")
        #expect(written.first == "wrote \(folder)/out.csv: 3 predictions for in.csv")
        let out = try String(contentsOfFile: "\(folder)/out.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(out[0] == "x1,x2,label,predicted,p(0),p(1)")
        #expect(out.count == 4)
        // Each row agrees with `predict x1 x2` (same scaling, same class, same probability to 6 decimals).
        for (row, point) in zip(out.dropFirst(), ["1.5 -0.3", "-2 3.25", "0 0"]) {
            let fields = row.split(separator: ",").map(String.init)
            let single = try #require(try h.run("predict \(point)").first)   // class K · p(K) = P
            let parts = single.components(separatedBy: " · p(")
            let k = String(parts[0].dropFirst("class ".count))
            #expect(fields[3] == k)
            let p = parts[1].components(separatedBy: ") = ")[1]
            #expect(fields[k == "1" ? 5 : 4] == p)
        }
        #expect(out.dropFirst().map { $0.split(separator: ",")[2] } == ["1", "0", "1"])
        // Without `to`: the rows and a count per class.
        let shown = try h.run("predict \(folder)/in.csv")
        #expect(shown.first == "x1,x2,label,predicted,p(0),p(1)")
        #expect(shown.last?.hasPrefix("predicted classes for 3 rows of in.csv: ") == true)
        // A column the model does not take is refused by name.
        try "x1,x2,weight,label\n1,2,7,0\n".write(toFile: "\(folder)/bad.csv", atomically: true, encoding: .utf8)
        #expect(h.failure("predict \(folder)/bad.csv") == "predict: bad.csv has columns the model does not take: weight, label; it takes x1, x2")
        try "x1,x2,colour,label\n1,2,red,0\n".write(toFile: "\(folder)/text.csv", atomically: true, encoding: .utf8)
        #expect(h.failure("predict \(folder)/text.csv") == "predict: \(folder)/text.csv:2:5: found \"red\" in field 3 (colour), expected a number")
    }
}
