import NeuralNetKernels
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
        precondition(workspace.architecture.layerSizes == architecture.layerSizes, "workspace is for another shape")
        workspace.parameters.load(self)
        X.elements.withUnsafeBufferPointer { x in
            workspace.forward(x.baseAddress!, parameters: workspace.parameters, hidden: architecture.hiddenActivation,
                              output: architecture.output)
        }
    }

    /// A[L] = output activation of Z[L] + b (bias added in place into z).
    static func applyOutput(_ output: OutputKind, z: UnsafeMutablePointer<Double>, a: UnsafeMutablePointer<Double>,
                            bias: UnsafePointer<Double>, rows: Int, m: Int) {
        switch output {
        case .sigmoid:
            nn_sigmoid_bias(z, a, bias, rows, m)
        case .linear:
            for i in 0..<rows {
                let base = i * m
                for j in base..<(base + m) { z[j] += bias[i]; a[j] = z[j] }
            }
        case .softmax:
            for i in 0..<rows {
                let base = i * m
                for j in base..<(base + m) { z[j] += bias[i] }
            }
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
        let rows = architecture.outputCount
        precondition(T.rows == rows && T.cols == m, "targets must be (\(rows), \(m))")
        let loss = T.elements.withUnsafeBufferPointer { t in workspace.dataCost(targets: t.baseAddress!, output: architecture.output) }
        return loss + regularization.penalty(self, m: m)
    }
}

extension Workspace {
    /// The forward pass on raw pointers: X is (n[0], m), `parameters` holds W[l], b[l].
    func forward(_ x: UnsafePointer<Double>, parameters: ParameterBuffer, hidden: Activation, output: OutputKind) {
        let L = sizes.count - 1
        for l in 0..<L {
            let rows = sizes[l + 1], cols = sizes[l]
            let previous = l == 0 ? x : UnsafePointer(a[l - 1])
            // The (n[l], m) product is where almost all time goes for wide layers.
            LayerProducts.forward(parameters.W[l], previous, rows: rows, cols: cols, m: m, z[l])
            // Fused: add the bias (broadcast over columns, as numpy does) and apply g in one pass.
            if l < L - 1 {
                hidden.forward(z: z[l], a: a[l], bias: parameters.b[l], rows: rows, m: m)
            } else {
                Network.applyOutput(output, z: z[l], a: a[l], bias: parameters.b[l], rows: rows, m: m)
            }
        }
    }

    /// The training step's forward pass and data cost together. For one sigmoid output unit the output
    /// activation, the summed loss and δ[L] = A[L] − Y come from one fused pass (`deltaReady` is then
    /// true and the backward pass skips computing δ[L]); other outputs run the plain passes.
    func forwardAndCost(_ x: UnsafePointer<Double>, targets t: UnsafePointer<Double>, parameters: ParameterBuffer,
                        hidden: Activation, output: OutputKind) -> (cost: Double, deltaReady: Bool) {
        let L = sizes.count - 1
        guard output == .sigmoid, sizes[L] == 1 else {
            forward(x, parameters: parameters, hidden: hidden, output: output)
            return (dataCost(targets: t, output: output), false)
        }
        for l in 0..<(L - 1) {
            let previous = l == 0 ? x : UnsafePointer(a[l - 1])
            LayerProducts.forward(parameters.W[l], previous, rows: sizes[l + 1], cols: sizes[l], m: m, z[l])
            hidden.forward(z: z[l], a: a[l], bias: parameters.b[l], rows: sizes[l + 1], m: m)
        }
        let previous = L == 1 ? x : UnsafePointer(a[L - 2])
        LayerProducts.forward(parameters.W[L - 1], previous, rows: 1, cols: sizes[L - 1], m: m, z[L - 1])
        // The summed loss with one logarithm per lane instead of one per example (nn_sigmoid_bce_total): training
        // needs J, not each example's loss.
        let total = nn_sigmoid_bce_total(z[L - 1], a[L - 1], t, dz[L - 1], parameters.b[L - 1][0], m)
        return (total / Double(m), true)
    }

    /// (1/m)·Σ losses of the last forward pass against targets t (n[L], m), without the penalty.
    func dataCost(targets t: UnsafePointer<Double>, output: OutputKind) -> Double {
        let rows = sizes[sizes.count - 1]
        let z = self.z[self.z.count - 1], a = self.a[self.a.count - 1], loss = losses
        switch output {
        case .sigmoid:
            if rows == 1 {
                nn_bce_loss(z, t, loss, m)
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
        return nn_pairwise_sum(loss, m) / Double(m)
    }
}
