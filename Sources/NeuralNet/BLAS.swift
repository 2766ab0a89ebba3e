import CBLAS

/// Matrix products through CBLAS (OpenBLAS). All matrices are row-major.
enum BLAS {
    /// C = alpha · op(A) · op(B) + beta · C, where op transposes when asked.
    /// Shapes: op(A) is (M, K), op(B) is (K, N), C is (M, N).
    @inline(__always)
    static func gemm(_ a: UnsafePointer<Double>, rowsA: Int, colsA: Int, transposeA: Bool,
                     _ b: UnsafePointer<Double>, rowsB: Int, colsB: Int, transposeB: Bool,
                     _ c: UnsafeMutablePointer<Double>, alpha: Double = 1, beta: Double = 0) {
        let m = transposeA ? colsA : rowsA
        let k = transposeA ? rowsA : colsA
        let n = transposeB ? rowsB : colsB
        precondition(k == (transposeB ? colsB : rowsB), "inner dimensions differ")
        if m == 0 || n == 0 { return }
        if k == 0 {
            // BLAS leaves C untouched for K = 0; the product of empty matrices is zero.
            for i in 0..<(m * n) { c[i] = beta == 0 ? 0 : beta * c[i] }
            return
        }
        cblas_dgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(max(colsA, 1)), b, Int32(max(colsB, 1)), beta, c, Int32(max(n, 1)))
    }

    /// Which OpenBLAS kernel is running (e.g. `SkylakeX`, or `Prescott` when the CPU was not recognised).
    static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }
}

extension Matrix {
    /// The matrix product self · other (a convenience for tests and one-off use; training uses workspaces).
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.cols == rhs.rows, "cannot multiply \(lhs.shape) by \(rhs.shape)")
        var out = Matrix(rows: lhs.rows, cols: rhs.cols)
        lhs.elements.withUnsafeBufferPointer { a in
            rhs.elements.withUnsafeBufferPointer { b in
                out.elements.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(a.baseAddress!, rowsA: lhs.rows, colsA: lhs.cols, transposeA: false,
                              b.baseAddress!, rowsB: rhs.rows, colsB: rhs.cols, transposeB: false,
                              c.baseAddress!)
                }
            }
        }
        return out
    }
}

/// Facts about the linear-algebra backend, for `show settings` and benchmarks.
public enum LinearAlgebraBackend {
    public static var description: String { "OpenBLAS (\(BLAS.coreName) kernel)" }
}
