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
        useThreads(forProductOf: m, n, k)
        cblas_dgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(max(colsA, 1)), b, Int32(max(colsB, 1)), beta, c, Int32(max(n, 1)))
    }

    /// The threads OpenBLAS started with (one per core, or what OPENBLAS_NUM_THREADS says): what large
    /// products use. Read before the first product changes it.
    static let fullThreads = max(1, Int(openblas_get_num_threads()))

    /// Products whose work (M·N·K multiply-adds) is below this run on the calling thread alone, as do skinny
    /// ones (a dimension of at most `skinnyDimension`). Measured on this 2-core machine (scripts/bench,
    /// scaling table): a 4 × 2 × 400,000 product (the flower network at m = 400,000) spent ~40 % of its time
    /// in a second thread's sched_yield and ran 1.4× faster on one; splitting pays from a few million
    /// multiply-adds in every dimension, such as the 128 × 784 × 60,000 products of an MNIST-sized layer.
    static let threadedWork = 1 << 22
    static let skinnyDimension = 8

    /// Sets OpenBLAS's thread count for an (M, N, K) product: one thread below the thresholds (no worker to
    /// wake, none left spinning while the caller does element-wise work), all of them above. The count is
    /// only written when it changes.
    @inline(__always)
    static func useThreads(forProductOf m: Int, _ n: Int, _ k: Int) {
        guard fullThreads > 1 else { return }
        let wanted = threads(forProductOf: m, n, k)
        if Int(openblas_get_num_threads()) != wanted { openblas_set_num_threads(Int32(wanted)) }
    }

    /// The policy itself: 1 for a skinny or small (M, N, K) product, `fullThreads` otherwise.
    static func threads(forProductOf m: Int, _ n: Int, _ k: Int) -> Int {
        let (mn, overflow) = m.multipliedReportingOverflow(by: n)
        let (work, overflow2) = mn.multipliedReportingOverflow(by: k)
        let small = min(m, n, k) <= skinnyDimension || (!overflow && !overflow2 && work < threadedWork)
        return small ? 1 : fullThreads
    }

    /// A plain C = A·B on the thread count set now, bypassing the policy (for the test that the count never
    /// changes a result).
    static func gemmWithoutPolicy(_ a: UnsafePointer<Double>, rowsA: Int, colsA: Int, _ b: UnsafePointer<Double>, colsB: Int,
                                  _ c: UnsafeMutablePointer<Double>) {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rowsA), Int32(colsB), Int32(colsA), 1,
                    a, Int32(colsA), b, Int32(colsB), 0, c, Int32(colsB))
    }

    /// OpenBLAS's thread count now (for tests of the policy).
    static var currentThreads: Int { Int(openblas_get_num_threads()) }

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
