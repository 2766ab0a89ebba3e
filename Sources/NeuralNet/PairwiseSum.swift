import NeuralNetKernels

/// Sums an array by pairwise (cascade) summation, in the same order as numpy's `np.sum` (the kernels'
/// `nn_pairwise_sum`: 8 accumulators, blocks of 128, halves rounded to a multiple of 8). Error grows as
/// O(log n) instead of O(n) for a running sum, and following numpy's blocking keeps the cost and bias
/// gradients on the same rounding path as the lecture's numpy assignment.
public func pairwiseSum(_ values: [Double]) -> Double {
    values.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { nn_pairwise_sum($0, buffer.count) } ?? 0 }
}
