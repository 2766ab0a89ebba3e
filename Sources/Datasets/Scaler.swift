import NeuralNet

/// Feature scaling fitted on the training part and applied to everything downstream (test set, `predict`
/// inputs, plot grids); `inverse` maps scaled values back to the original units (plots keep showing those).
///
/// Each feature i is mapped by x′ = (x − offset[i]) / scale[i]:
/// - `.standard`: offset = mean, scale = population standard deviation (divisor m, as scikit-learn's
///   `StandardScaler`), so the fitted columns get mean 0 and variance 1;
/// - `.minmax`: offset = min, scale = max − min, so the fitted columns span [0, 1].
/// A constant feature (scale 0) gets scale 1: it maps to 0 instead of dividing by zero.
public struct Scaler: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable {
        case standard, minmax
    }

    public var method: Method
    public var offset: [Double]
    public var scale: [Double]

    /// Fits on `X` (n_x, m) using only the columns (examples) in `columns` — the training part — or all
    /// columns when nil.
    public init(method: Method, fittedOn X: Matrix, columns: [Int]? = nil) {
        precondition(X.rows > 0, "scaling needs at least one feature")
        self.method = method
        let picked = columns ?? Array(0..<X.cols)
        precondition(!picked.isEmpty, "scaling needs at least one example to fit on")
        var offset = [Double](repeating: 0, count: X.rows)
        var scale = [Double](repeating: 1, count: X.rows)
        for i in 0..<X.rows {
            let row = i * X.cols
            switch method {
            case .standard:
                var sum = 0.0
                for j in picked { sum += X.elements[row + j] }
                let mean = sum / Double(picked.count)
                var squares = 0.0
                for j in picked {
                    let d = X.elements[row + j] - mean
                    squares += d * d
                }
                offset[i] = mean
                scale[i] = (squares / Double(picked.count)).squareRoot()
            case .minmax:
                var lo = Double.infinity, hi = -Double.infinity
                for j in picked {
                    lo = min(lo, X.elements[row + j])
                    hi = max(hi, X.elements[row + j])
                }
                offset[i] = lo
                scale[i] = hi - lo
            }
            if !(scale[i] > 0) || !scale[i].isFinite { scale[i] = 1 }
        }
        self.offset = offset
        self.scale = scale
    }

    public init(method: Method, offset: [Double], scale: [Double]) {
        precondition(offset.count == scale.count)
        self.method = method
        self.offset = offset
        self.scale = scale
    }

    public var featureCount: Int { offset.count }

    /// Scales every column of `X` (n_x, any m).
    public func transform(_ X: Matrix) -> Matrix {
        precondition(X.rows == featureCount, "scaler fitted on \(featureCount) features, got \(X.rows)")
        var out = X
        for i in 0..<X.rows {
            let o = offset[i], s = scale[i]
            for j in 0..<X.cols { out.elements[i * X.cols + j] = (X.elements[i * X.cols + j] - o) / s }
        }
        return out
    }

    /// Maps scaled columns back to original units.
    public func inverse(_ X: Matrix) -> Matrix {
        precondition(X.rows == featureCount, "scaler fitted on \(featureCount) features, got \(X.rows)")
        var out = X
        for i in 0..<X.rows {
            let o = offset[i], s = scale[i]
            for j in 0..<X.cols { out.elements[i * X.cols + j] = X.elements[i * X.cols + j] * s + o }
        }
        return out
    }

    /// Scales one example (`predict 1.5 -0.3`).
    public func transform(_ point: [Double]) -> [Double] {
        precondition(point.count == featureCount)
        return point.indices.map { (point[$0] - offset[$0]) / scale[$0] }
    }

    public func inverse(_ point: [Double]) -> [Double] {
        precondition(point.count == featureCount)
        return point.indices.map { point[$0] * scale[$0] + offset[$0] }
    }

    /// Scales one value of feature `feature` (a plot axis).
    public func transform(_ value: Double, feature: Int) -> Double { (value - offset[feature]) / scale[feature] }
    public func inverse(_ value: Double, feature: Int) -> Double { value * scale[feature] + offset[feature] }
}
