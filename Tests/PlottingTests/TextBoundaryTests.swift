import Foundation
@testable import Plotting
import Testing

/// The decision boundary as text: a pure function of the plot (no gnuplot), checked on hand-made grids.
@Suite struct TextBoundaryTests {
    /// A 4 × 4 grid over [0, 3]²: class 1 where `isOne(x, y)`, with p 0.9 there and 0.1 elsewhere.
    static func plot(points: ClassPoints = ClassPoints(x: [], y: [], classes: []), _ isOne: (Double, Double) -> Bool) -> DecisionBoundaryPlot {
        let grid = PlotGrid(xMin: 0, xMax: 3, nx: 4, yMin: 0, yMax: 3, ny: 4)
        let (xs, ys) = grid.samplePoints()
        return DecisionBoundaryPlot(grid: grid, surface: .probability(zip(xs, ys).map { isOne($0, $1) ? 0.9 : 0.1 }),
                                    classNames: ["no", "yes"], training: points, title: "hand-made")
    }

    /// The map's lines (between the title and the legend), without the centring indent.
    static func map(_ text: String) -> [String] {
        let lines = text.split(separator: "\n").map(String.init)
        return lines.dropFirst().prefix { !$0.hasPrefix("region") }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func leftAndRightHalves() throws {
        let text = try Self.plot { x, _ in x >= 1.5 }.preview(columns: 40, rows: 14)
        print(text)
        let map = Self.map(text)
        // Equal units: a square range is twice as many columns as rows; 11 rows fit under the title, above the legend.
        #expect(map.count == 11 && map.allSatisfy { $0.count == 22 })
        #expect(map.allSatisfy { $0 == "...........###########" })
        #expect(text.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) == "hand-made")
        #expect(text.contains("region, point: . o no # x yes"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 40 })
        #expect(!text.contains("\u{1B}"))
    }

    @Test func upperClassIsDrawnAtTheTopAndPointsOnTop() throws {
        let points = ClassPoints(x: [0.1, 2.9], y: [2.9, 0.1], classes: [0, 1])
        let text = try Self.plot(points: points) { _, y in y >= 1.5 }.preview(columns: 40, rows: 14)
        print(text)
        let map = Self.map(text)
        #expect(map.count == 11)
        // y grows upwards: class 1 ('#') in the top half; the class-0 point top left ('o', an error you can see),
        // the class-1 point bottom right ('x').
        #expect(map.first == "o" + String(repeating: "#", count: 21))
        #expect(map[1...4].allSatisfy { $0 == String(repeating: "#", count: 22) })
        #expect(map[6...9].allSatisfy { $0 == String(repeating: ".", count: 22) })
        #expect(map.last == String(repeating: ".", count: 21) + "x")
    }

    @Test func colourUsesHalfBlocks() throws {
        let text = try Self.plot { x, _ in x >= 1.5 }.preview(columns: 40, rows: 14, colour: true)
        let map = text.split(separator: "\n").dropFirst().prefix { !$0.contains("region") }
        #expect(map.count == 11)
        #expect(map.allSatisfy { $0.filter { $0 == "▀" }.count == 22 && $0.hasSuffix("\u{1B}[0m") })
        #expect(text.contains("\u{1B}[38;2;") && text.contains("\u{1B}[48;2;"))
        // Both regions' colours appear: the class colours over white.
        let blue = TextBoundary.regionColour((0, 0.8)), orange = TextBoundary.regionColour((1, 0.8))
        #expect(text.contains("\(blue.red);\(blue.green);\(blue.blue)m") && text.contains("\(orange.red);\(orange.green);\(orange.blue)m"))
    }

    @Test func classSurfaceAndBadInput() throws {
        let grid = PlotGrid(xMin: 0, xMax: 3, nx: 4, yMin: 0, yMax: 3, ny: 4)
        let predicted = (0..<16).map { $0 % 4 < 2 ? 0 : 2 }
        let plot = DecisionBoundaryPlot(grid: grid, surface: .classes(predicted, confidence: Array(repeating: 0.9, count: 16)),
                                        classNames: ["a", "b", "c"], training: ClassPoints(x: [], y: [], classes: []), title: "three")
        let map = Self.map(try plot.preview(columns: 40, rows: 14))
        #expect(map.count >= 8)
        #expect(map.allSatisfy { $0.prefix($0.count / 2).allSatisfy { $0 == "." } && $0.suffix($0.count / 2).allSatisfy { $0 == ":" } })
        var bad = plot
        bad.surface = .classes([0], confidence: [1])
        #expect(throws: PlotError.self) { try bad.preview() }
        #expect(throws: PlotError.self) { try plot.preview(columns: 10) }
    }
}
