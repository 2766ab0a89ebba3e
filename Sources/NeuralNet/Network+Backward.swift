extension Network {
    /// The vectorized backward pass — the lecture's summary slide, generalised to L layers:
    ///   dZ[L] = A[L] − Y                                    (every output/cost pair here gives this)
    ///   dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ  (+ (λ2/m)·W[l] + (λ1/m)·sign W[l])
    ///   db[l] = (1/m)·Σ_columns dZ[l]
    ///   dZ[l−1] = W[l]ᵀ·dZ[l] ∗ g′(Z[l−1])                   (δ[l−1] = W[l]ᵀ δ[l] ∗ g′(z[l−1]))
    /// Uses the forward cache in `workspace`; gradients land in `workspace.gradients`.
    public func backward(_ X: Matrix, targets T: Matrix, workspace: Workspace, regularization: Regularization = .none) {
        let L = architecture.layerCount
        let m = workspace.m
        let inverseM = 1.0 / Double(m)
        // dZ[L] = A[L] − Y
        workspace.A[L - 1].elements.withUnsafeBufferPointer { a in
            T.elements.withUnsafeBufferPointer { t in
                workspace.dZ[L - 1].elements.withUnsafeMutableBufferPointer { dz in
                    for j in 0..<dz.count { dz[j] = a[j] - t[j] }
                }
            }
        }
        for l in stride(from: L - 1, through: 0, by: -1) {
            let previous = l == 0 ? X : workspace.A[l - 1]
            let rows = layers[l].W.rows, cols = layers[l].W.cols
            // dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ
            workspace.dZ[l].elements.withUnsafeBufferPointer { dz in
                previous.elements.withUnsafeBufferPointer { aPrev in
                    workspace.gradients[l].W.elements.withUnsafeMutableBufferPointer { dw in
                        BLAS.gemm(dz.baseAddress!, rowsA: rows, colsA: m, transposeA: false,
                                  aPrev.baseAddress!, rowsB: cols, colsB: m, transposeB: true,
                                  dw.baseAddress!, alpha: inverseM)
                    }
                    // db[l] = (1/m)·np.sum(dZ[l], axis=1)
                    workspace.gradients[l].b.elements.withUnsafeMutableBufferPointer { db in
                        for i in 0..<rows { db[i] = inverseM * pairwiseSum(dz.baseAddress! + i * m, m) }
                    }
                }
            }
            if regularization.isActive {
                let l2 = regularization.l2 * inverseM, l1 = regularization.l1 * inverseM
                layers[l].W.elements.withUnsafeBufferPointer { w in
                    workspace.gradients[l].W.elements.withUnsafeMutableBufferPointer { dw in
                        for k in 0..<dw.count {
                            let sign: Double = w[k] > 0 ? 1 : (w[k] < 0 ? -1 : 0)
                            dw[k] += l2 * w[k] + l1 * sign
                        }
                    }
                }
            }
            guard l > 0 else { break }
            // dZ[l−1] = W[l]ᵀ·dZ[l] ∗ g′(Z[l−1])
            let g = architecture.hiddenActivation
            layers[l].W.elements.withUnsafeBufferPointer { w in
                workspace.dZ[l].elements.withUnsafeBufferPointer { dz in
                    workspace.dZ[l - 1].elements.withUnsafeMutableBufferPointer { dzPrev in
                        BLAS.gemm(w.baseAddress!, rowsA: rows, colsA: cols, transposeA: true,
                                  dz.baseAddress!, rowsB: rows, colsB: m, transposeB: false,
                                  dzPrev.baseAddress!)
                        workspace.Z[l - 1].elements.withUnsafeBufferPointer { z in
                            workspace.A[l - 1].elements.withUnsafeBufferPointer { a in
                                g.multiplyByDerivative(dzPrev.baseAddress!, z: z.baseAddress!, a: a.baseAddress!, count: dzPrev.count)
                            }
                        }
                    }
                }
            }
        }
    }
}
