import Testing
@testable import NeuralNet

/// The BLAS thread policy: skinny and small products run on one thread, large ones on all; and a product is
/// the same to the bit whatever the count (OpenBLAS splits M and N between threads, never the sum over K), so
/// the policy can never change a printed number. (Other suites run products at the same time, so the count in
/// force is not asserted after a product here; the decision is.)
@Suite struct ThreadPolicyTests {
    @Test func skinnyAndSmallProductsUseOneThreadLargeOnesAll() {
        let all = BLAS.fullThreads
        #expect(BLAS.threads(forProductOf: 4, 400, 2) == 1, "flower's W1·X: K = 2")
        #expect(BLAS.threads(forProductOf: 4, 2, 400_000) == 1, "dW1 at m = 400,000: skinny however long")
        #expect(BLAS.threads(forProductOf: 64, 64, 400) == 1, "1.6 M multiply-adds: below the threshold")
        #expect(BLAS.threads(forProductOf: 128, 784, 60_000) == all, "an MNIST-sized layer: all threads")
        #expect(BLAS.threads(forProductOf: 256, 256, 300) == all)
        #expect(BLAS.threads(forProductOf: Int.max, 16, 16) == all, "an overflowing size is large, not small")
    }

    @Test func theThreadCountNeverChangesAProduct() {
        var random = NumpyRandom(seed: 3)
        let a = Fixtures.gaussianMatrix(256, 300, random: &random), b = Fixtures.gaussianMatrix(300, 256, random: &random)
        func product(threads: Int) -> Matrix {
            var c = Matrix(rows: 256, cols: 256)
            a.elements.withUnsafeBufferPointer { pa in
                b.elements.withUnsafeBufferPointer { pb in
                    c.elements.withUnsafeMutableBufferPointer { pc in
                        BLAS.useThreads(forProductOf: threads == 1 ? 1 : 256, 256, 300)
                        BLAS.gemmWithoutPolicy(pa.baseAddress!, rowsA: 256, colsA: 300, pb.baseAddress!, colsB: 256, pc.baseAddress!)
                    }
                }
            }
            return c
        }
        #expect(product(threads: 1) == product(threads: BLAS.fullThreads))
        #expect(product(threads: 1) == a * b)
    }
}
