extension Network {
    /// Columns per forward pass when predicting many points (a plot grid has ~670,000): as many as keep the
    /// pass's cache (Z and A of every layer, and the workspace's other per-unit arrays: about 4 doubles per
    /// unit and column) under 64 MB, at most 16,384. A 2 → 4 → 1 network takes the 16,384; a layer of 10,000
    /// units takes about 200 columns a pass instead of needing gigabytes.
    func predictionChunk() -> Int {
        let units = architecture.inputCount + architecture.hiddenSizes.reduce(0, +) + architecture.outputCount
        let bytesPerColumn = max(1, 8 * 4 * units)
        return max(1, min(16_384, (64 << 20) / bytesPerColumn))
    }

    /// The output A[L] (ŷ) for every column of X, computed in chunks.
    public func predict(_ X: Matrix) -> Matrix {
        precondition(X.rows == architecture.inputCount, "X must have \(architecture.inputCount) rows")
        return inChunks(X, rows: architecture.outputCount) { workspace in workspace.output }
    }

    /// Runs the forward pass over `X` a chunk of columns at a time and gathers `take(workspace)` (`rows` × chunk).
    private func inChunks(_ X: Matrix, rows: Int, take: (Workspace) -> Matrix) -> Matrix {
        let m = X.cols
        var out = Matrix(rows: rows, cols: m)
        let chunkSize = predictionChunk()
        var start = 0
        var workspace: Workspace? = nil
        while start < m {
            let count = min(chunkSize, m - start)
            if workspace?.m != count { workspace = Workspace(architecture: architecture, m: count) }
            guard let workspace else { break }
            let chunk = count == m ? X : X.columns(Array(start..<(start + count)))
            forward(chunk, into: workspace)
            let a = take(workspace)
            for i in 0..<out.rows {
                for k in 0..<count { out[i, start + k] = a[i, k] }
            }
            start += count
        }
        return out
    }

    /// The activations A[l] of hidden layer l (1-based) for every column of X.
    public func hiddenActivations(_ X: Matrix, layer l: Int) -> Matrix {
        precondition(l >= 1 && l < architecture.layerCount, "layer \(l) is not a hidden layer")
        return inChunks(X, rows: architecture.hiddenSizes[l - 1]) { workspace in workspace.A(layer: l) }
    }

    /// The output layer's Z[L] = W[L]·A[L−1] + b[L] (before its activation) for every column of X: the
    /// "linear separator" the lecture says the last hidden layer's representation feeds (`plot output`).
    public func outputPreActivations(_ X: Matrix) -> Matrix {
        precondition(X.rows == architecture.inputCount, "X must have \(architecture.inputCount) rows")
        let L = architecture.layerCount
        return inChunks(X, rows: architecture.outputCount) { workspace in workspace.Z(layer: L) }
    }

    /// The cost J on (X, T) with the given regularization.
    public func cost(_ X: Matrix, targets T: Matrix, regularization: Regularization = .none) -> Double {
        let workspace = Workspace(architecture: architecture, m: X.cols)
        forward(X, into: workspace)
        return cost(of: workspace, targets: T, regularization: regularization)
    }

    /// Predicted class per column: p ≥ 0.5 for a sigmoid output (the assignment's rule), argmax for softmax.
    public func predictClasses(_ X: Matrix) -> [Int] {
        let a = predict(X)
        return Network.classes(fromOutput: a, kind: architecture.output)
    }

    public static func classes(fromOutput a: Matrix, kind: OutputKind) -> [Int] {
        switch kind {
        case .sigmoid, .linear:
            return (0..<a.cols).map { a[0, $0] > 0.5 ? 1 : 0 }
        case .softmax:
            return (0..<a.cols).map { j in
                var best = 0
                for i in 1..<a.rows where a[i, j] > a[best, j] { best = i }
                return best
            }
        }
    }
}

/// Target encodings: class labels become what the output layer is compared against.
public enum Targets {
    /// One-hot columns for labels 0…k−1: T is (k, m) with T[y_j, j] = 1.
    public static func oneHot(labels: [Int], classCount k: Int) -> Matrix {
        var t = Matrix(rows: k, cols: labels.count)
        for (j, y) in labels.enumerated() { t[y, j] = 1 }
        return t
    }
}
