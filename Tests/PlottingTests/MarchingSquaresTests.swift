// The decision boundary line must lie exactly on the requested level.

import Foundation
@testable import Plotting
import Testing

@Suite struct MarchingSquaresTests {
    @Test func linearFieldGivesOneStraightLine() {
        let nx = 11, ny = 7
        let values = (0..<ny).flatMap { _ in (0..<nx).map { Double($0) / 10 } }  // = i / 10
        let lines = MarchingSquares.contour(values, nx: nx, ny: ny, level: 0.45)
        #expect(lines.count == 1)
        #expect(lines[0].count == ny)
        for point in lines[0] { #expect(abs(point.i - 4.5) < 1e-12) }
        #expect(Set(lines[0].map(\.j)) == Set((0..<ny).map(Double.init)))
    }

    @Test func circleIsOneClosedLoop() {
        let n = 101
        let values = (0..<n).flatMap { j in (0..<n).map { i in hypot(Double(i) - 50, Double(j) - 50) } }
        let lines = MarchingSquares.contour(values, nx: n, ny: n, level: 30)
        #expect(lines.count == 1)
        let loop = lines[0]
        #expect(loop.first == loop.last)
        for point in loop { #expect(abs(hypot(point.i - 50, point.j - 50) - 30) < 0.05) }
    }

    /// Every vertex is where linear interpolation along its grid edge gives exactly 0.5.
    @Test func boundaryIsExactlyAtOneHalf() {
        let grid = FlowerPattern.grid(step: 0.05)
        let p = FlowerPattern.values(on: grid)
        let lines = MarchingSquares.contour(p, nx: grid.nx, ny: grid.ny, level: 0.5)
        #expect(!lines.isEmpty)
        for point in lines.joined() {
            let i0 = Int(point.i.rounded(.down)), j0 = Int(point.j.rounded(.down))
            let ti = point.i - Double(i0), tj = point.j - Double(j0)
            let value: Double
            if ti == 0 {  // on a vertical edge
                value = tj == 0 ? p[j0 * grid.nx + i0] : p[j0 * grid.nx + i0] * (1 - tj) + p[(j0 + 1) * grid.nx + i0] * tj
            } else {      // on a horizontal edge
                value = p[j0 * grid.nx + i0] * (1 - ti) + p[j0 * grid.nx + i0 + 1] * ti
            }
            #expect(abs(value - 0.5) < 1e-12)
        }
    }

    @Test func uniformOrNaNFieldHasNoContour() {
        #expect(MarchingSquares.contour([Double](repeating: 0.9, count: 16), nx: 4, ny: 4, level: 0.5).isEmpty)
        #expect(MarchingSquares.contour([0, .nan, 1, 1], nx: 2, ny: 2, level: 0.5).isEmpty)
    }

    @Test func lectureGridSize() {
        // Flower's range padded by 1, as in the lecture: about [-4.9, 5.1] × [-4.2, 4.4] at h = 0.01.
        // numpy: len(np.arange(-4.9, 5.1, 0.01)) == 1000, len(np.arange(-4.2, 4.4, 0.01)) == 861
        // (8.6 / 0.01 is 860.0000000000001 in floating point).
        let grid = PlotGrid(xMin: -4.9, xMax: 5.1, yMin: -4.2, yMax: 4.4, step: 0.01)
        #expect(grid.nx == 1000)
        #expect(grid.ny == 861)
        #expect(abs(grid.x(1) - (-4.89)) < 1e-12 && abs(grid.xMax - 5.09) < 1e-9)
    }
}
