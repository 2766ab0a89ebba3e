// How values on a PlotGrid reach gnuplot: as a bitmap placed over the grid's range, and
// contour lines (found in grid-index coordinates) turned back into data coordinates. Shared by
// every heat-map plot (decision boundary, neuron grid, boundary grid).

extension PlotGrid {
    /// ` origin=(x0,y0) dx=… dy=…`: places grid point (i, j) at (x(i), y(j)) in a `binary` clause.
    func imageClause() -> String {
        " origin=(\(GnuplotText.number(xMin)),\(GnuplotText.number(yMin)))"
            + " dx=\(GnuplotText.number(dx)) dy=\(GnuplotText.number(dy))"
    }

    /// Polylines in grid-index coordinates → x, y rows, one block (separate line) per polyline.
    func polylineData(_ lines: [[MarchingSquares.Point]]) -> PointData {
        var values: [Double] = []
        var blockEnds: [Int] = []
        values.reserveCapacity(lines.reduce(0) { $0 + 2 * $1.count })
        for line in lines {
            for point in line {
                values.append(xMin + point.i * dx)
                values.append(yMin + point.j * dy)
            }
            blockEnds.append(values.count / 2)
        }
        return PointData(columns: 2, values: values, blockEnds: blockEnds)
    }
}
