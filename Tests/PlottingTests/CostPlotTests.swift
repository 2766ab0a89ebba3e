import Foundation
import Plotting
import Testing

@Suite struct CostPlotTests {
    static func lectureLikeHistory() -> (iterations: [Int], training: [Double], test: [Double]) {
        let iterations = Array(stride(from: 0, through: 10_000, by: 100))
        let training = iterations.map { 0.2 + 0.493 * exp(-Double($0) / 600) }
        let test = iterations.map { 0.24 + 0.453 * exp(-Double($0) / 700) + Double($0) * 2e-6 }
        return (iterations, training, test)
    }

    @Test func writesPNGOfRequestedSize() throws {
        let folder = try TemporaryFolder("cost")
        defer { folder.remove() }
        let history = Self.lectureLikeHistory()
        let plot = CostPlot(iterations: history.iterations, trainingCost: history.training, testCost: history.test,
                            title: "flower: tanh, 4 hidden units, lr 1.2, 10000 iterations")
        let result = try plot.render(to: folder.file("cost.png"), options: PlotOptions(width: 900, height: 700))
        #expect(result.path == folder.file("cost.png"))
        #expect(PNGHeader(path: result.path) == PNGHeader(width: 900, height: 700))
        _ = try? plot.render(to: showcasePath("cost.png"))
        _ = try? CostPlot(iterations: history.iterations, trainingCost: history.training, testCost: history.test,
                          title: "flower: cost (log scale)", logScale: true).render(to: showcasePath("cost-log.png"))
    }
}
