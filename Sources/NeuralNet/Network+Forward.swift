#if canImport(Glibc)
import Glibc
#endif

extension Network {
    /// The vectorized forward pass (lecture: "vectorizing across multiple examples"):
    ///   Z[l] = W[l]·A[l−1] + b[l]    (n[l], m) = (n[l], n[l−1])·(n[l−1], m) + (n[l], 1)
    ///   A[l] = g[l](Z[l])            with A[0] = X and g[L] the output activation.
    /// Results land in `workspace.Z` and `workspace.A`.
    public func forward(_ X: Matrix, into workspace: Workspace) {
        precondition(X.rows == architecture.inputCount && X.cols == workspace.m, "X must be (\(architecture.inputCount), \(workspace.m))")
        let L = architecture.layerCount
        let m = workspace.m
        for l in 0..<L {
            let layer = layers[l]
            let previous = l == 0 ? X : workspace.A[l - 1]
            layer.W.elements.withUnsafeBufferPointer { w in
                previous.elements.withUnsafeBufferPointer { aPrev in
                    workspace.Z[l].elements.withUnsafeMutableBufferPointer { z in
                        // The (n[l], m) product is where almost all time goes for wide layers.
                        BLAS.gemm(w.baseAddress!, rowsA: layer.W.rows, colsA: layer.W.cols, transposeA: false,
                                  aPrev.baseAddress!, rowsB: previous.rows, colsB: m, transposeB: false,
                                  z.baseAddress!)
                    }
                }
            }
            // Fused: add the bias (broadcast over columns, as numpy does) and apply g in one pass.
            let rows = layer.W.rows
            layer.b.elements.withUnsafeBufferPointer { b in
                workspace.Z[l].elements.withUnsafeMutableBufferPointer { z in
                    workspace.A[l].elements.withUnsafeMutableBufferPointer { a in
                        if l < L - 1 {
                            architecture.hiddenActivation.forward(z: z.baseAddress!, a: a.baseAddress!, bias: b.baseAddress!, rows: rows, m: m)
                        } else {
                            Network.applyOutput(architecture.output, z: z.baseAddress!, a: a.baseAddress!, bias: b.baseAddress!, rows: rows, m: m)
                        }
                    }
                }
            }
        }
    }

    /// A[L] = output activation of Z[L] + b (bias added in place into z).
    static func applyOutput(_ output: OutputKind, z: UnsafeMutablePointer<Double>, a: UnsafeMutablePointer<Double>,
                            bias: UnsafePointer<Double>, rows: Int, m: Int) {
        for i in 0..<rows {
            let base = i * m
            for j in base..<(base + m) { z[j] += bias[i] }
        }
        switch output {
        case .sigmoid:
            for j in 0..<(rows * m) { a[j] = Elementary.sigmoid(z[j]) }
        case .linear:
            for j in 0..<(rows * m) { a[j] = z[j] }
        case .softmax:
            // Column-wise softmax, shifted by the column's maximum so exp never overflows.
            for j in 0..<m {
                var top = -Double.infinity
                for i in 0..<rows { top = max(top, z[i * m + j]) }
                var total = 0.0
                for i in 0..<rows {
                    let e = exp(z[i * m + j] - top)
                    a[i * m + j] = e
                    total += e
                }
                let scale = 1.0 / total
                for i in 0..<rows { a[i * m + j] *= scale }
            }
        }
    }

    /// The cost J of the last forward pass in `workspace` against targets T (n[L], m), plus the
    /// regularization penalty. Computed from Z[L] so it stays finite when A[L] saturates:
    ///   sigmoid: J = (1/m)·Σ softplus(z) − y·z                      (binary cross-entropy)
    ///   softmax: J = (1/m)·Σ_columns logsumexp(z) − Σ_k t_k·z_k     (categorical cross-entropy)
    ///   linear:  J = (1/2m)·Σ (a − y)²                               (½·mean squared error)
    public func cost(of workspace: Workspace, targets T: Matrix, regularization: Regularization = .none) -> Double {
        let m = workspace.m
        let L = architecture.layerCount
        let rows = architecture.outputCount
        precondition(T.rows == rows && T.cols == m, "targets must be (\(rows), \(m))")
        let sum: Double = workspace.Z[L - 1].elements.withUnsafeBufferPointer { z in
            workspace.A[L - 1].elements.withUnsafeBufferPointer { a in
                T.elements.withUnsafeBufferPointer { t in
                    workspace.losses.withUnsafeMutableBufferPointer { loss in
                        switch architecture.output {
                        case .sigmoid:
                            if rows == 1 {
                                for j in 0..<m { loss[j] = OutputKind.binaryCrossEntropy(z: z[j], y: t[j]) }
                            } else {
                                for j in 0..<m {
                                    var s = 0.0
                                    for i in 0..<rows { s += OutputKind.binaryCrossEntropy(z: z[i * m + j], y: t[i * m + j]) }
                                    loss[j] = s
                                }
                            }
                        case .softmax:
                            for j in 0..<m {
                                var top = -Double.infinity
                                for i in 0..<rows { top = max(top, z[i * m + j]) }
                                var total = 0.0, picked = 0.0
                                for i in 0..<rows {
                                    total += exp(z[i * m + j] - top)
                                    picked += t[i * m + j] * z[i * m + j]
                                }
                                loss[j] = top + log(total) - picked
                            }
                        case .linear:
                            for j in 0..<m {
                                var s = 0.0
                                for i in 0..<rows { let d = a[i * m + j] - t[i * m + j]; s += d * d }
                                loss[j] = 0.5 * s
                            }
                        }
                        return pairwiseSum(loss.baseAddress!, m)
                    }
                }
            }
        }
        return sum / Double(m) + regularization.penalty(self, m: m)
    }
}
