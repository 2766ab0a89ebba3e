import Foundation
import Testing
@testable import Notebook

/// Hints where they change the outcome, once each (issue 10, item 8): unscaled features with large ranges,
/// and a cost that stopped moving while the model answers one class for everything.
@Suite struct HintsTests {
    /// 300 houses: area 143–2501 m², 1–5 rooms; "big" when area + 300·rooms > 1900. Unscaled, tanh units
    /// saturate and plain gradient descent sits at the majority class.
    func housesFile() throws -> String {
        var csv = "area,rooms,size\n"
        var state: UInt64 = 7
        func next() -> Double {   // a fixed linear congruential sequence: the same file every run
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<300 {
            let area = (143 + next() * (2501 - 143)).rounded()
            let rooms = 1 + Int(next() * 5)
            csv += "\(Int(area)),\(rooms),\(area + 300 * Double(rooms) > 1900 ? "big" : "small")\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shallow-houses-\(UUID().uuidString).csv").path
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func unscaledFeaturesGetOneHintAtInitAndAFlatCostOneAfterTraining() throws {
        let path = try housesFile()
        var h = Harness()
        let first = try h.run("load \(path); init")
        let hint = try #require(first.last)
        #expect(hint.hasPrefix("hint: the features are not scaled (feature 'area' ranges ") && hint.contains(", 'rooms' 1–5)")
                && hint.hasSuffix("try 'scale standard', then 'init'"))
        #expect(try h.run("init").allSatisfy { !$0.hasPrefix("hint:") }, "said once")

        let trained = try h.run("train 2000")
        let flat = try #require(trained.last)
        #expect(flat.hasPrefix("hint: the cost has stayed at ") && flat.contains("for the last 200 iterations and the model answers '")
                && flat.contains("the features are not scaled"))
        // The hint is right: the model learned nothing beyond the majority class.
        let accuracy = try h.run("accuracy")[0]
        let percents = accuracy.split(separator: " ").filter { $0.contains(".") && Double($0) != nil }
        #expect(accuracy.hasPrefix("training accuracy: ") && percents.count == 2 && percents[0] == percents[1], "\(accuracy)")
        #expect(try h.run("train 2000").allSatisfy { !$0.hasPrefix("hint:") }, "said once per model")

        // Following it: no hint, and the classes are learned.
        let scaled = try h.run("scale standard; init; train 2000")
        #expect(scaled.allSatisfy { !$0.hasPrefix("hint:") })
        let learned = try h.run("accuracy")[0]
        let share = Double(learned.dropFirst("training accuracy: ".count).prefix { $0 != " " }) ?? 0
        #expect(share >= 95, "\(learned)")
    }

    @Test func theLecturesDataGetsNoHint() throws {
        var h = Harness()
        let lines = try h.run("load flower; init; train 2000; load blobs centers=3; init; train 500; load moons; init; train 500")
        #expect(lines.allSatisfy { !$0.hasPrefix("hint:") })
    }

    @Test func flatnessIsMeasuredOverTheLastTenthOfTheRun() {
        #expect(Hints.window(iterations: 2000) == 200)
        #expect(Hints.window(iterations: 50) == 10)
        let flat = [0.9, 0.8] + [Double](repeating: 0.636514, count: 300)
        #expect(Hints.isFlat(flat[...], iterations: 301))
        let moving = (0..<301).map { 0.7 - Double($0) * 1e-4 }
        #expect(!Hints.isFlat(moving[...], iterations: 300))
        #expect(!Hints.isFlat(flat[...], iterations: 50), "too short a run to call flat")
        #expect(!Hints.isFlat([Double](repeating: .nan, count: 400)[...], iterations: 399))
    }
}
