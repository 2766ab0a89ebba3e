import Foundation
@testable import Plotting
import Testing

/// `plot cost logx`: a logarithmic iteration axis, reduced in log space so the early fall keeps its detail.
@Suite struct LogIterationAxisTests {
    @Test func aMillionCostsOnALogAxisKeepTheEarlyIterationsAndTheExtremes() throws {
        let n = 1_000_000
        var costs = (0...n).map { 0.7 * exp(-Double($0) / 50) + 0.2 }
        costs[777_777] = 5  // a spike late in the run
        let iterations = Array(1...n), kept = Array(costs[1...])
        let reduced = CostPlot.reduce(iterations: iterations, costs: kept, columns: 900, logIterations: true)
        #expect(reduced.count <= 5 * 900)
        // Log-spaced columns: the first 100 iterations span a third of the width, so every one of them is kept
        // (a linear reduction would keep about 4 of them).
        #expect(Set(reduced.map(\.iteration)).isSuperset(of: 1...100))
        #expect(reduced.contains { $0.iteration == 777_777 && $0.cost == 5 }, "the spike survives")
        #expect(reduced.map(\.cost).min() == kept.min())
        let linear = CostPlot.reduce(iterations: iterations, costs: kept, columns: 900)
        #expect(linear.filter { $0.iteration <= 100 }.count < 10)

        var plot = CostPlot(iterations: Array(0...n), trainingCost: costs, title: "t")
        plot.logIterations = true
        let text = try plot.script(output: "/tmp/x.png").text
        #expect(text.contains("set logscale x 10"))
        #expect(text.contains("set xrange [1.0:1000000.0]"), "iteration 0 has no place on a log axis")
        let tooShort = CostPlot(iterations: [0], trainingCost: [0.7], title: "t")
        var single = tooShort
        single.logIterations = true
        #expect(throws: PlotError.self) { try single.script(output: "/tmp/x.png") }
    }
}
