// The regular grid of sample points over which a decision boundary is evaluated, as in the
// lecture's `np.meshgrid(np.arange(x_min, x_max, h), np.arange(y_min, y_max, h))`.
// Plotting only receives the values at these points; the caller evaluates the network there.

/// `nx` sample columns from `xMin` to `xMax` (inclusive, evenly spaced) by `ny` rows from
/// `yMin` to `yMax`. Values on it are stored row-major: index `j * nx + i` holds (x(i), y(j)),
/// so the first row is the lowest y.
public struct PlotGrid: Sendable, Equatable {
    public let xMin: Double, xMax: Double, nx: Int
    public let yMin: Double, yMax: Double, ny: Int

    public init(xMin: Double, xMax: Double, nx: Int, yMin: Double, yMax: Double, ny: Int) {
        self.xMin = xMin
        self.xMax = xMax
        self.nx = nx
        self.yMin = yMin
        self.yMax = yMax
        self.ny = ny
    }

    /// The lecture's grid with spacing `step` (numpy `arange`: starts at the minimum, stays below
    /// the maximum). E.g. step 0.01 over flower's padded range gives about 670,000 points.
    public init(xMin: Double, xMax: Double, yMin: Double, yMax: Double, step: Double) {
        // numpy: len(arange(start, stop, step)) == ceil((stop - start) / step).
        func points(_ low: Double, _ high: Double) -> Int {
            let steps = ((high - low) / step).rounded(.up)
            guard step > 0, steps.isFinite, steps >= 2 else { return 2 }
            return Int(min(steps, 1e9))  // absurd sizes are refused by validate, not trapped here
        }
        let nx = points(xMin, xMax), ny = points(yMin, yMax)
        self.init(xMin: xMin, xMax: xMin + Double(nx - 1) * step, nx: nx,
                  yMin: yMin, yMax: yMin + Double(ny - 1) * step, ny: ny)
    }

    /// Number of sample points, nx · ny.
    public var count: Int { nx * ny }

    /// Spacing between columns and between rows.
    public var dx: Double { nx > 1 ? (xMax - xMin) / Double(nx - 1) : 0 }
    public var dy: Double { ny > 1 ? (yMax - yMin) / Double(ny - 1) : 0 }

    /// The x of column `i` and the y of row `j`.
    public func x(_ i: Int) -> Double { i == nx - 1 ? xMax : xMin + Double(i) * dx }
    public func y(_ j: Int) -> Double { j == ny - 1 ? yMax : yMin + Double(j) * dy }

    /// The coordinates of all sample points in storage order (row-major, x fastest): point n is
    /// (x[n], y[n]). Evaluate the model on these — they form the lecture's X of shape (2, nx·ny) —
    /// and hand the results back in the same order.
    public func samplePoints() -> (x: [Double], y: [Double]) {
        var xs = [Double](), ys = [Double]()
        xs.reserveCapacity(count)
        ys.reserveCapacity(count)
        for j in 0..<ny {
            let y = y(j)
            for i in 0..<nx {
                xs.append(x(i))
                ys.append(y)
            }
        }
        return (xs, ys)
    }

    /// The largest grid a plot accepts (a 5000 × 5000 heat map is far beyond any screen).
    public static let maximumCount = 25_000_000

    /// - Throws: `PlotError.invalidData` if the grid cannot be drawn.
    func validate(valueCount: Int, what: String) throws {
        guard nx >= 2, ny >= 2 else {
            throw PlotError.invalidData("the grid needs at least 2 × 2 points, got \(nx) × \(ny)")
        }
        guard [xMin, xMax, yMin, yMax].allSatisfy(\.isFinite), xMax > xMin, yMax > yMin else {
            throw PlotError.invalidData("the grid range x [\(xMin), \(xMax)], y [\(yMin), \(yMax)] is empty or not finite")
        }
        guard count <= PlotGrid.maximumCount else {
            throw PlotError.invalidData("the grid has \(count) points; at most \(PlotGrid.maximumCount) are drawn (use a coarser resolution)")
        }
        guard valueCount == count else {
            throw PlotError.invalidData("\(what) has \(valueCount) values but the \(nx) × \(ny) grid has \(count) points")
        }
    }
}
