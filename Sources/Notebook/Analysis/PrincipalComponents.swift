import NeuralNet

/// The first principal components of the columns of a matrix (rows are variables), for drawing a
/// hidden layer wider than 3 in the plane.
///
/// Eigenvectors of the covariance matrix by power iteration with deflation: the covariance is small
/// (n_h × n_h) and symmetric positive semi-definite, so power iteration converges to the leading
/// eigenvectors; 500 iterations or a change below 1e-13 is far more than a picture needs.
struct PrincipalComponents {
    /// Coordinates of each column on the components: `scores[k][j]` for component k, column j.
    var scores: [[Double]]
    /// Share of the total variance each component explains.
    var explained: [Double]
    /// The mean of each variable and the unit component vectors: a column a lies near
    /// means + Σ_k scores[k] · components[k].
    var means: [Double]
    var components: [[Double]]

    init(_ A: Matrix, count: Int = 2) {
        let n = A.rows, m = A.cols
        let means = (0..<n).map { i in A.row(i).reduce(0, +) / Double(max(m, 1)) }
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for k in i..<n {
                var s = 0.0
                for j in 0..<m { s += (A[i, j] - means[i]) * (A[k, j] - means[k]) }
                covariance[i][k] = s / Double(max(m - 1, 1))
                covariance[k][i] = covariance[i][k]
            }
        }
        let total = (0..<n).reduce(0) { $0 + covariance[$1][$1] }
        var vectors: [[Double]] = []
        var values: [Double] = []
        var deflated = covariance
        for component in 0..<min(count, n) {
            var v = (0..<n).map { Double(($0 + component) % n == 0 ? 1 : 0.5) }
            var eigenvalue = 0.0
            for _ in 0..<500 {
                var w = (0..<n).map { i in (0..<n).reduce(0) { $0 + deflated[i][$1] * v[$1] } }
                let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 0 else { break }
                w = w.map { $0 / norm }
                let change = zip(w, v).reduce(0) { $0 + abs($1.0 - $1.1) }
                v = w
                eigenvalue = norm
                if change < 1e-13 { break }
            }
            vectors.append(v)
            values.append(eigenvalue)
            for i in 0..<n { for k in 0..<n { deflated[i][k] -= eigenvalue * v[i] * v[k] } }
        }
        scores = vectors.map { v in (0..<m).map { j in (0..<n).reduce(0) { $0 + v[$1] * (A[$1, j] - means[$1]) } } }
        explained = values.map { total > 0 ? $0 / total : 0 }
        self.means = means
        components = vectors
    }

    /// The hyperplane w·a + b = 0 within the plane of the first two components: with a = means + s1·v1 + s2·v2
    /// it is (w·v1) s1 + (w·v2) s2 + (w·means + b) = 0.
    func section(w: [Double], b: Double) -> (w1: Double, w2: Double, b: Double)? {
        guard components.count >= 2, w.count == means.count else { return nil }
        let dot = { (u: [Double]) in zip(w, u).reduce(0) { $0 + $1.0 * $1.1 } }
        return (dot(components[0]), dot(components[1]), dot(means) + b)
    }
}
