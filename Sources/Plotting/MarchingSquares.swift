// Contour lines of a function sampled on a regular grid, by marching squares.
//
// Why compute them here rather than with gnuplot's `set contour`: this gives exactly the
// requested level (p = 0.5) on exactly the grid the heat map shows, as plain lines that draw in
// any plot, with no 3-D `splot` machinery and no table round trip.
//
// Method: each grid cell is classified by which of its four corners are ≥ level (16 cases).
// Where an edge has one corner on each side, the crossing point is found by linear
// interpolation along that edge, so the line is the level set of the piecewise-linear
// interpolant. The two ambiguous "saddle" cases are decided by the cell's mean value. Segments
// are then chained into polylines through their shared edges, so lines are drawn with proper
// joins and a closed curve closes. Cells with a non-finite corner are skipped.
// Cost: one pass over the cells (most are uniform and cost a comparison or four), plus work
// proportional to the length of the contour.

enum MarchingSquares {
    /// A point in grid-index coordinates: (i, j) = (column, row), fractional along an edge.
    struct Point: Equatable {
        var i: Double
        var j: Double
    }

    /// The polylines along which the interpolant of `values` (ny × nx, row-major) equals `level`.
    /// A closed curve is returned with its first point repeated at the end.
    static func contour(_ values: [Double], nx: Int, ny: Int, level: Double) -> [[Point]] {
        precondition(values.count == nx * ny && nx >= 2 && ny >= 2)
        // Edge ids: the horizontal edge from corner (i,j) to (i+1,j) is 2·(j·nx+i); the vertical
        // edge from (i,j) to (i,j+1) is 2·(j·nx+i)+1. Two cells that share an edge share its id.
        var starts: [Int] = [], ends: [Int] = []
        values.withUnsafeBufferPointer { v in
            for j in 0..<(ny - 1) {
                for i in 0..<(nx - 1) {
                    let k = j * nx + i
                    let v00 = v[k], v10 = v[k + 1], v01 = v[k + nx], v11 = v[k + nx + 1]
                    var index = 0
                    if v00 >= level { index |= 1 }
                    if v10 >= level { index |= 2 }
                    if v11 >= level { index |= 4 }
                    if v01 >= level { index |= 8 }
                    if index == 0 || index == 15 { continue }  // the common case: no crossing
                    guard v00.isFinite, v10.isFinite, v01.isFinite, v11.isFinite else { continue }
                    let bottom = 2 * k, left = 2 * k + 1, top = 2 * (k + nx), right = 2 * (k + 1) + 1
                    func segment(_ a: Int, _ b: Int) {
                        starts.append(a)
                        ends.append(b)
                    }
                    switch index {
                    case 1, 14: segment(left, bottom)
                    case 2, 13: segment(bottom, right)
                    case 3, 12: segment(left, right)
                    case 4, 11: segment(right, top)
                    case 6, 9: segment(bottom, top)
                    case 7, 8: segment(left, top)
                    case 5:  // corners 00 and 11 above
                        if (v00 + v10 + v01 + v11) / 4 >= level {
                            segment(bottom, right); segment(left, top)
                        } else {
                            segment(left, bottom); segment(right, top)
                        }
                    case 10:  // corners 10 and 01 above
                        if (v00 + v10 + v01 + v11) / 4 >= level {
                            segment(left, bottom); segment(right, top)
                        } else {
                            segment(bottom, right); segment(left, top)
                        }
                    default: break
                    }
                }
            }
        }
        let chains = chain(starts: starts, ends: ends)
        return chains.map { edges in edges.map { crossing(on: $0, values: values, nx: nx, level: level) } }
    }

    /// Where the interpolant crosses `level` on edge `edge`.
    static func crossing(on edge: Int, values: [Double], nx: Int, level: Double) -> Point {
        let k = edge >> 1
        let i = Double(k % nx), j = Double(k / nx)
        let vertical = edge & 1 == 1
        let a = values[k], b = values[vertical ? k + nx : k + 1]
        let t = (level - a) / (b - a)  // b ≠ a: one corner is ≥ level and the other is not
        return vertical ? Point(i: i, j: j + t) : Point(i: i + t, j: j)
    }

    /// Joins segments (pairs of edge ids) that share an edge into sequences of edge ids.
    static func chain(starts: [Int], ends: [Int]) -> [[Int]] {
        // Each edge borders at most two cells, so it belongs to at most two segments.
        var onEdge: [Int: (Int, Int)] = [:]
        onEdge.reserveCapacity(starts.count * 2)
        for s in starts.indices {
            for edge in [starts[s], ends[s]] {
                if let (first, _) = onEdge[edge] { onEdge[edge] = (first, s) } else { onEdge[edge] = (s, -1) }
            }
        }
        var used = [Bool](repeating: false, count: starts.count)

        // Follows unused segments from `edge`, having arrived through segment `from`.
        func walk(from start: Int, at edge: Int) -> [Int] {
            var path: [Int] = []
            var previous = start, current = edge
            while let (a, b) = onEdge[current] {
                let next = a == previous ? b : a
                guard next >= 0, !used[next] else { break }
                used[next] = true
                current = starts[next] == current ? ends[next] : starts[next]
                path.append(current)
                previous = next
            }
            return path
        }

        var lines: [[Int]] = []
        for s in starts.indices where !used[s] {
            used[s] = true
            let forward = walk(from: s, at: ends[s])
            let backward = walk(from: s, at: starts[s])
            lines.append(backward.reversed() + [starts[s], ends[s]] + forward)
        }
        return lines
    }
}
