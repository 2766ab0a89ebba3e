import Foundation
@testable import Plotting
import Testing

/// A hidden layer for the tests: A1 = tanh(W1·x + b1) of the flower-like points, labelled by the
/// output unit's side (with a few points flipped, as a trained network misclassifies some).
enum HiddenLayerPattern {
    static let w1: [[Double]] = [[0.9, -0.6], [0.4, 0.8], [-0.7, 0.5]]
    static let b1: [Double] = [0.2, -0.3, 0.1]

    static func activations(units: Int, count: Int = 400) -> [[Double]] {
        let x = FlowerPattern.points(count, seed: 1)
        return (0..<units).map { k in
            zip(x.x, x.y).map { tanh(w1[k][0] * $0 / 2 + w1[k][1] * $1 / 2 + b1[k]) }
        }
    }

    static func labels(_ a: [[Double]], w: [Double], b: Double) -> [Int] {
        (0..<a[0].count).map { n in
            let value = zip(w, a).reduce(b) { $0 + $1.0 * $1.1[n] }
            return (value > 0) != (n % 17 == 0) ? 1 : 0
        }
    }
}

@Suite struct HiddenSpacePlotTests {
    static let line = SeparatingLine(w1: 2.5, w2: -1.8, b: 0.3)

    static func planePlot(line: SeparatingLine = line) -> HiddenSpacePlot {
        let a = HiddenLayerPattern.activations(units: 2)
        let points = ClassPoints(x: a[0], y: a[1], classes: HiddenLayerPattern.labels(a, w: [2.5, -1.8], b: 0.3))
        return HiddenSpacePlot.plane(points, line: line, classNames: ["red", "blue"],
                                     title: "flower: the data as 2 tanh hidden units see it (A1)")
    }

    /// The test: for n_h = 2 the drawn line is where W2·a + b2 = 0, across the plot.
    @Test func separatingLineIsWhereTheOutputIsOneHalf() throws {
        let plot = Self.planePlot()
        let script = try plot.script(output: "hidden.png").text
        let arrow = try #require(script.split(separator: "\n").first { $0.hasPrefix("set arrow 1 from ") })
        let numbers = arrow.replacingOccurrences(of: ",", with: " ").split(separator: " ").compactMap { Double($0) }
        try #require(numbers.count >= 5)  // "arrow 1" then x1 y1 x2 y2
        let (x1, y1, x2, y2) = (numbers[1], numbers[2], numbers[3], numbers[4])
        let range = plot.plotRange()
        for (x, y) in [(x1, y1), (x2, y2)] {
            #expect(abs(Self.line.value(x, y)) < 1e-12)
            #expect(range.x.contains(x) && range.y.contains(y))
            // On the border of the plotted box: the line crosses the whole view.
            let onBorder = [x - range.x.lowerBound, range.x.upperBound - x, y - range.y.lowerBound, range.y.upperBound - y]
                .contains { abs($0) < 1e-12 }
            #expect(onBorder)
        }
        #expect(hypot(x2 - x1, y2 - y1) > 0.5)
        // The same segment as the public function gives.
        let segment = try #require(Self.line.segment(x: range.x, y: range.y))
        #expect([segment.x1, segment.y1, segment.x2, segment.y2] == [x1, y1, x2, y2])
    }

    @Test func segmentHandlesDiagonalVerticalHorizontalAndMissingLines() throws {
        let box = (x: 0.0...1.0, y: 0.0...2.0)
        let diagonal = try #require(SeparatingLine(w1: 1, w2: 1, b: -1).segment(x: box.x, y: box.y))
        #expect(Set([[diagonal.x1, diagonal.y1], [diagonal.x2, diagonal.y2]]) == Set([[1, 0], [0, 1]]))
        let vertical = try #require(SeparatingLine(w1: 4, w2: 0, b: -1).segment(x: box.x, y: box.y))  // a1 = 0.25
        #expect(vertical.x1 == 0.25 && vertical.x2 == 0.25)
        #expect(Set([vertical.y1, vertical.y2]) == Set([0, 2]))
        let horizontal = try #require(SeparatingLine(w1: 0, w2: -2, b: 3).segment(x: box.x, y: box.y))  // a2 = 1.5
        #expect(horizontal.y1 == 1.5 && horizontal.y2 == 1.5)
        #expect(Set([horizontal.x1, horizontal.x2]) == Set([0, 1]))
        #expect(SeparatingLine(w1: 1, w2: 1, b: 5).segment(x: box.x, y: box.y) == nil)       // misses the box
        #expect(SeparatingLine(w1: 1, w2: 0, b: -3).segment(x: box.x, y: box.y) == nil)      // vertical, outside
        #expect(SeparatingLine(w1: 0, w2: 0, b: 1).segment(x: box.x, y: box.y) == nil)      // no line at all
        #expect(SeparatingLine(w1: 1, w2: 1, b: 0).segment(x: box.x, y: box.y) == nil)      // touches a corner only
        // Steep and shallow lines, far from the origin: still on the line, inside the box.
        for (w1, w2, b) in [(1e-9, 1.0, -1.0), (1.0, 1e-9, -0.5), (-3.0, 7.0, -5.0), (1e6, 1, -5e5)] {
            let line = SeparatingLine(w1: w1, w2: w2, b: b)
            let s = try #require(line.segment(x: box.x, y: box.y), "\(line)")
            for (x, y) in [(s.x1, s.y1), (s.x2, s.y2)] {
                #expect(abs(line.value(x, y)) <= 1e-9 * (abs(w1) + abs(w2) + abs(b)), "\(line)")
                #expect(box.x.contains(x) && box.y.contains(y))
            }
        }
    }

    @Test func planeWritesPNGWithoutWarnings() throws {
        let folder = try TemporaryFolder("hidden")
        defer { folder.remove() }
        let result = try Self.planePlot().render(to: folder.file("hidden.png"), options: PlotOptions(width: 900, height: 700))
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 900, height: 700))
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        _ = try? Self.planePlot().render(to: showcasePath("hidden-2d.png"))
        // A vertical line and one outside the view draw as well.
        for (name, line) in [("vertical", SeparatingLine(w1: 3, w2: 0, b: 0.6)), ("outside", SeparatingLine(w1: 1, w2: 1, b: 9))] {
            let result = try Self.planePlot(line: line).render(to: folder.file(name + ".png"))
            #expect(result.warnings.isEmpty, "\(name): \(result.warnings)")
            _ = try? Self.planePlot(line: line).render(to: showcasePath("hidden-2d-\(name).png"))
        }
        let outside = try Self.planePlot(line: SeparatingLine(w1: 1, w2: 1, b: 9)).script(output: "x.png").text
        #expect(outside.contains("(outside this view)"))
        #expect(!outside.contains("set arrow"))
    }

    static func spacePlot() -> HiddenSpacePlot {
        let a = HiddenLayerPattern.activations(units: 3)
        let w = [2.0, -1.5, 1.2], b = 0.2
        let points = ClassPoints3D(x: a[0], y: a[1], z: a[2], classes: HiddenLayerPattern.labels(a, w: w, b: b))
        return HiddenSpacePlot.space(points, plane: SeparatingPlane(w: w, b: b), classNames: ["red", "blue"],
                                     title: "flower: the data as 3 tanh hidden units see it (A1)")
    }

    @Test func spaceWritesPNGWithThePlaneInsideTheBox() throws {
        let folder = try TemporaryFolder("hidden3")
        defer { folder.remove() }
        let plot = Self.spacePlot()
        let result = try plot.render(to: folder.file("hidden3.png"), options: PlotOptions(width: 900, height: 700))
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 900, height: 700))
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        _ = try? plot.render(to: showcasePath("hidden-3d.png"))

        let range = plot.plotRange()
        let plane = SeparatingPlane(w: [2.0, -1.5, 1.2], b: 0.2)
        let section = plane.section(x: range.x, y: range.y, z: range.z)
        #expect((3...6).contains(section.count))
        for p in section {
            #expect(abs(plane.value(p)) < 1e-12)
            #expect(range.x.contains(p.x) && range.y.contains(p.y) && range.z.contains(p.z))
        }
        #expect(SeparatingPlane(w: [1, 1, 1], b: 50).section(x: range.x, y: range.y, z: range.z).isEmpty)
        // A cube cut through its centre perpendicular to a diagonal: a regular hexagon.
        #expect(SeparatingPlane(w: [1, 1, 1], b: 0).section(x: -1...1, y: -1...1, z: -1...1).count == 6)
    }

    @Test func projectionWritesPNGWithTheCallersAxisNames() throws {
        let folder = try TemporaryFolder("hidden-pca")
        defer { folder.remove() }
        let a = HiddenLayerPattern.activations(units: 2)
        let plot = HiddenSpacePlot.projection(ClassPoints(x: a[0], y: a[1], classes: HiddenLayerPattern.labels(a, w: [1, 1], b: 0)),
                                              classNames: ["red", "blue"], title: "flower: A1 of 8 hidden units, first two principal components",
                                              xLabel: "PC1 (71 % of variance)", yLabel: "PC2 (18 %)")
        let result = try plot.render(to: folder.file("pca.png"))
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 900, height: 700))
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(try plot.script(output: "p.png").text.contains("set xlabel 'PC1 (71 % of variance)'"))
        _ = try? plot.render(to: showcasePath("hidden-pca.png"))
    }
}
