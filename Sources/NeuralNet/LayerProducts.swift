import NeuralNetKernels

/// The two matrix products of a dense layer — Z = W·A_prev forward, dW = (1/m)·dZ·A_prevᵀ backward — each sent to
/// the C kernels when the layer has a short side and to OpenBLAS otherwise.
///
/// A short side is at most `shortSide` inputs, or a single unit. There BLAS's general path costs more in set-up
/// than the product costs in arithmetic (measured, one thread: 0.85 µs for the flower network's 4 × 2 × 400 W1·X,
/// 0.34 µs for its 1 × 4 × 400 W2·A1, 0.36 µs for its 4 × 400 × 2 dW1, against ~0.1 µs of multiply-adds each),
/// and those are the products of the lecture's networks. Wide layers keep BLAS, at its best on them.
enum LayerProducts {
    static let shortSide = 16

    static func isSkinny(rows: Int, cols: Int) -> Bool { cols <= shortSide || rows == 1 }

    /// out (rows × m) = W (rows × cols) · P (cols × m).
    static func forward(_ W: UnsafePointer<Double>, _ P: UnsafePointer<Double>, rows: Int, cols: Int, m: Int,
                        _ out: UnsafeMutablePointer<Double>) {
        guard isSkinny(rows: rows, cols: cols) else {
            BLAS.gemm(W, rowsA: rows, colsA: cols, transposeA: false, P, rowsB: cols, colsB: m, transposeB: false, out)
            return
        }
        guard cols > 0 else {
            out.update(repeating: 0, count: rows * m)  // an empty sum, as BLAS gives for K = 0
            return
        }
        nn_skinny_product(W, P, rows, cols, m, out)
    }

    /// G (rows × cols) = scale · D (rows × m) · P (cols × m)ᵀ.
    static func weightGradient(_ D: UnsafePointer<Double>, _ P: UnsafePointer<Double>, rows: Int, cols: Int, m: Int,
                               scale: Double, _ G: UnsafeMutablePointer<Double>) {
        guard isSkinny(rows: rows, cols: cols) else {
            BLAS.gemm(D, rowsA: rows, colsA: m, transposeA: false, P, rowsB: cols, colsB: m, transposeB: true, G,
                      alpha: scale)
            return
        }
        guard m > 0 else {
            G.update(repeating: 0, count: rows * cols)
            return
        }
        nn_skinny_gradient(D, P, rows, cols, m, scale, G)
    }
}
