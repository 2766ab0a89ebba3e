import NeuralNetKernels

extension Network {
    /// The vectorized backward pass — the lecture's summary slide, generalised to L layers:
    ///   dZ[L] = A[L] − Y                                    (every output/cost pair here gives this)
    ///   dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ  (+ (λ2/m)·W[l] + (λ1/m)·sign W[l])
    ///   db[l] = (1/m)·Σ_columns dZ[l]
    ///   dZ[l−1] = W[l]ᵀ·dZ[l] ∗ g′(Z[l−1])                   (δ[l−1] = W[l]ᵀ δ[l] ∗ g′(z[l−1]))
    /// Uses the forward cache in `workspace`; gradients land in `workspace.gradients`.
    public func backward(_ X: Matrix, targets T: Matrix, workspace: Workspace, regularization: Regularization = .none) {
        precondition(X.cols == workspace.m && T.cols == workspace.m, "X and T must have \(workspace.m) columns")
        workspace.parameters.load(self)
        X.elements.withUnsafeBufferPointer { x in
            T.elements.withUnsafeBufferPointer { t in
                workspace.backward(x.baseAddress!, targets: t.baseAddress!, parameters: workspace.parameters,
                                   hidden: architecture.hiddenActivation, regularization: regularization, deltaReady: false)
            }
        }
    }
}

extension Workspace {
    /// The backward pass on raw pointers; `deltaReady` says δ[L] = A[L] − Y is already in place.
    func backward(_ x: UnsafePointer<Double>, targets t: UnsafePointer<Double>, parameters: ParameterBuffer,
                  hidden g: Activation, regularization: Regularization, deltaReady: Bool) {
        let L = sizes.count - 1
        let inverseM = 1.0 / Double(m)
        if !deltaReady {
            // dZ[L] = A[L] − Y
            let a = self.a[L - 1], dz = self.dz[L - 1]
            for j in 0..<(sizes[L] * m) { dz[j] = a[j] - t[j] }
        }
        for l in stride(from: L - 1, through: 0, by: -1) {
            let previous = l == 0 ? x : UnsafePointer(a[l - 1])
            let rows = sizes[l + 1], cols = sizes[l]
            if rows == 1 && l > 0 {
                // One output unit (sigmoid or linear): its dW, and dZ of the layer below with g′ applied, in one
                // pass over that layer's A (nn_output_backward) instead of two products with a dimension of 1
                // and a derivative pass. db as below.
                nn_scaled_row_sums(dz[l], 1, m, inverseM, db[l])
                let (code, slope) = g.kernelCode
                nn_output_backward(a[l - 1], z[l - 1], dz[l], parameters.W[l], cols, m, code, slope, inverseM,
                                   dW[l], dz[l - 1])
                addPenaltyGradient(layer: l, parameters: parameters, regularization: regularization)
                continue
            }
            // dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ
            LayerProducts.weightGradient(dz[l], previous, rows: rows, cols: cols, m: m, scale: inverseM, dW[l])
            // db[l] = (1/m)·np.sum(dZ[l], axis=1)
            nn_scaled_row_sums(dz[l], rows, m, inverseM, db[l])
            addPenaltyGradient(layer: l, parameters: parameters, regularization: regularization)
            guard l > 0 else { break }
            // dZ[l−1] = W[l]ᵀ·dZ[l] ∗ g′(Z[l−1])
            BLAS.gemm(parameters.W[l], rowsA: rows, colsA: cols, transposeA: true,
                      dz[l], rowsB: rows, colsB: m, transposeB: false, dz[l - 1])
            g.multiplyByDerivative(dz[l - 1], z: z[l - 1], a: a[l - 1], count: cols * m)
        }
    }

    /// dW[l] += (λ2/m)·W[l] + (λ1/m)·sign W[l]: the penalty's part of the gradient (none without regularization).
    func addPenaltyGradient(layer l: Int, parameters: ParameterBuffer, regularization: Regularization) {
        guard regularization.isActive else { return }
        let inverseM = 1.0 / Double(m)
        let l2 = regularization.l2 * inverseM, l1 = regularization.l1 * inverseM
        let w = parameters.W[l], dw = dW[l]
        for k in 0..<(sizes[l + 1] * sizes[l]) {
            let sign: Double = w[k] > 0 ? 1 : (w[k] < 0 ? -1 : 0)
            dw[k] += l2 * w[k] + l1 * sign
        }
    }

    /// The fused forward + cost + backward of the lecture's shape (`FusedShallowStep`), when this workspace's
    /// architecture is one it computes: returns the data cost J (no penalty) and leaves the gradients, penalty
    /// included, in `gradients`; nil (nothing done) for other shapes. The forward cache Z, A is not written.
    func fusedCostAndGradients(_ x: UnsafePointer<Double>, targets t: UnsafePointer<Double>, parameters: ParameterBuffer,
                               hidden: Activation, regularization: Regularization) -> Double? {
        guard let fused else { return nil }
        let cost = fused.costAndGradients(x, targets: t, parameters: parameters, activation: hidden,
                                          gradients: gradientBase)
        for l in 0..<(sizes.count - 1) {
            addPenaltyGradient(layer: l, parameters: parameters, regularization: regularization)
        }
        return cost
    }
}
