import Foundation
@testable import Plotting
import Testing

@Suite struct TerminalPreviewTests {
    @Test func costCurveAsText() throws {
        let history = CostPlotTests.lectureLikeHistory()
        let plot = CostPlot(iterations: history.iterations, trainingCost: history.training, testCost: history.test,
                            title: "flower: tanh, 4 hidden units")
        let text = try plot.preview(columns: 79, rows: 24)
        print(text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(text.contains("flower: tanh, 4 hidden units"))
        #expect(text.contains("training cost") && text.contains("test cost"))
        #expect(text.contains("iteration"))
        #expect(lines.count <= 24 && lines.count >= 18)
        #expect(lines.allSatisfy { $0.count <= 79 && $0.last != " " })
        #expect(text.contains("+-----"))  // the frame
        #expect(text.filter { "*#$%@&".contains($0) }.count > 20 || text.contains("***"))  // the curves
        #expect(!text.contains("\u{1B}["))
        #expect(!text.contains("\u{0C}"))  // no form feed
    }

    @Test func scatterAsTextWithColours() throws {
        let plot = ScatterPlot(points: FlowerPattern.points(200, seed: 1), classNames: ["red", "blue"],
                               test: FlowerPattern.points(40, seed: 3), title: "flower: 200 points")
        let text = try plot.preview(columns: 79, rows: 24, colour: true)
        print(text)
        #expect(text.contains("flower: 200 points"))
        #expect(text.contains("red") && text.contains("blue (test)"))
        #expect(text.contains("\u{1B}["))  // ANSI colours
        #expect(text.hasSuffix("\u{1B}[0m"))
        let plain = try plot.preview(columns: 60, rows: 20)
        print(plain)
        #expect(plain.filter { $0 == "o" }.count > 10 && plain.filter { $0 == "x" }.count > 10)
        #expect(plain.contains("O") || plain.contains("X"))
    }

    @Test func valueScatterAndHostileTitlePreviewSafely() throws {
        let folder = try TemporaryFolder("preview-hostile")
        defer { folder.remove() }
        let marker = folder.file("pwned")
        let points = FlowerPattern.points(100, seed: 2)
        let plot = ScatterPlot(x: points.x, y: points.y, values: points.x, valueLabel: "a1'; system('touch \(marker)'); '",
                               title: "t'; system(\"touch \(marker)\"); ' `touch \(marker)`")
        let text = try plot.preview()
        print(text)
        let lines = text.split(separator: "\n")
        #expect(lines[0].trimmingCharacters(in: .whitespaces) == "t'; system(\"touch")  // literally, wrapped to the width
        #expect(lines[2].hasSuffix("..."))  // at most three lines of title
        #expect(lines.count <= 24 && lines.allSatisfy { $0.count <= 79 })
        #expect(!FileManager.default.fileExists(atPath: marker))
        let short = try ScatterPlot(points: points, classNames: ["a'b", "c"], title: "it's `x` @y").preview()
        #expect(short.contains("it's `x` @y"))
        #expect(short.contains("a'b"))
    }

    @Test func tidyTrimsBlanksAndColourCodes() {
        #expect(TerminalPreview.tidy("\n  \nab  \n\u{1B}[0;39m  c \u{1B}[0;39m   \n\n") == "ab\n\u{1B}[0;39m  c\u{1B}[0m")
        #expect(TerminalPreview.tidy("x") == "x")
        #expect(TerminalPreview.wrap("flower: tanh, 4 hidden units", width: 14) == ["flower: tanh,", "4 hidden units"])
        #expect(TerminalPreview.wrap("abcdefghij k\nl", width: 4) == ["abcd", "efgh", "ij k", "l"])
        #expect(TerminalPreview.wrap("", width: 10).isEmpty)
        #expect(throws: PlotError.self) { try CostPlot(iterations: [0, 1], trainingCost: [1, 0.5], title: "t").preview(columns: 5) }
    }
}
