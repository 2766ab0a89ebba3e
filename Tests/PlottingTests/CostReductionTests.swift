// plot cost after a million iterations: CostPlot sends at most 4 points per pixel column, and
// the line still shows what the whole history shows (extremes, spikes, gaps).

import Foundation
@testable import Plotting
import Testing

@Suite struct CostReductionTests {
    static func decaying(_ count: Int) -> [Double] {
        (0..<count).map { 0.2 + 0.5 * exp(-Double($0) / Double(max(count / 10, 1))) + 0.001 * sin(Double($0)) }
    }

    @Test func shortHistoriesComeBackUnchanged() {
        for count in [0, 1, 2, 30, 4 * 900] {
            let costs = Self.decaying(count)
            let reduced = CostPlot.reduce(costs, columns: 900)
            #expect(reduced.map(\.iteration) == Array(0..<count))
            #expect(reduced.map(\.cost) == costs)
        }
    }

    @Test func longHistoriesStayUnderTheCapWithTheirExtremes() {
        for (count, columns) in [(1_000_000, 900), (3601, 900), (50_000, 1), (12_345, 200)] {
            var costs = Self.decaying(count)
            costs[count / 3] = 7.5  // a single spike
            costs[count / 2] = -1   // a single dip
            let reduced = CostPlot.reduce(costs, columns: columns)
            #expect(reduced.count <= 4 * columns + columns, "\(count) points in \(columns) columns gave \(reduced.count)")
            #expect(reduced.contains { $0.iteration == count / 3 && $0.cost == 7.5 })
            #expect(reduced.contains { $0.iteration == count / 2 && $0.cost == -1 })
            #expect(reduced.map(\.cost).min() == costs.min())
            #expect(reduced.map(\.cost).max() == costs.max())
            #expect(reduced.first?.iteration == 0 && reduced.last?.iteration == count - 1)
            #expect(zip(reduced, reduced.dropFirst()).allSatisfy { $0.iteration < $1.iteration })
            #expect(reduced.allSatisfy { costs[$0.iteration] == $0.cost })  // points are real points
        }
    }

    @Test func gapsSurviveSoTheLineStillBreaks() {
        var costs = Self.decaying(100_000)
        costs[40_000] = .nan
        let reduced = CostPlot.reduce(costs, columns: 500)
        #expect(reduced.contains { $0.iteration == 40_000 && $0.cost.isNaN })
    }

    @Test func sparseIterationsAreBinnedByIteration() {
        let iterations = Array(stride(from: 0, to: 2_000_000, by: 100))  // 20,000 records
        var costs = Self.decaying(iterations.count)
        costs[777] = 3
        let reduced = CostPlot.reduce(iterations: iterations, costs: costs, columns: 300)
        #expect(reduced.count <= 1500)
        #expect(reduced.contains { $0.iteration == 77_700 && $0.cost == 3 })
    }

    /// The whole plot: a million iterations render quickly and send a small script.
    @Test func aMillionIterationsRenderQuickly() throws {
        let folder = try TemporaryFolder("cost-million")
        defer { folder.remove() }
        let count = 1_000_000
        let plot = CostPlot(iterations: Array(0..<count), trainingCost: Self.decaying(count),
                            testCost: Self.decaying(count / 10), testIterations: Array(stride(from: 0, to: count, by: 10)),
                            title: "a million iterations")
        var script = GnuplotScript()
        try plot.draw(into: &script, options: PlotOptions())
        let sent = script.pieces.reduce(0) { total, piece in
            if case .points(let data) = piece { return total + data.rows }
            return total
        }
        #expect(sent <= 2 * 5 * 900)
        let start = Date()
        let result = try plot.render(to: folder.file("cost.png"))
        #expect(PNGHeader(path: result.path) != nil)
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
