extension Network {
    /// Columns per forward pass when predicting many points (a plot grid has ~670,000): bounds the
    /// cache to a few MB whatever the hidden width.
    static let predictionChunk = 16_384

    /// The output A[L] (ŷ) for every column of X, computed in chunks.
    public func predict(_ X: Matrix) -> Matrix {
        precondition(X.rows == architecture.inputCount, "X must have \(architecture.inputCount) rows")
        let m = X.cols
        var out = Matrix(rows: architecture.outputCount, cols: m)
        var start = 0
        var workspace: Workspace? = nil
        while start < m {
            let count = min(Network.predictionChunk, m - start)
            if workspace?.m != count { workspace = Workspace(architecture: architecture, m: count) }
            let chunk = count == m ? X : X.columns(Array(start..<(start + count)))
            forward(chunk, into: workspace!)
            let a = workspace!.output
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
        let workspace = Workspace(architecture: architecture, m: X.cols)
        forward(X, into: workspace)
        return workspace.A[l - 1]
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
