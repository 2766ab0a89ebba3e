/// Sums `count` doubles by pairwise (cascade) summation, in the same order as numpy's `np.sum`.
///
/// Error grows as O(log n) instead of O(n) for a running sum, and following numpy's blocking (8
/// accumulators, blocks of 128, halves rounded to a multiple of 8) keeps our cost and bias gradients
/// on the same rounding path as the lecture's numpy assignment.
@inline(__always)
func pairwiseSum(_ a: UnsafePointer<Double>, _ count: Int) -> Double {
    if count < 8 {
        var sum = 0.0
        for i in 0..<count { sum += a[i] }
        return sum
    }
    if count <= 128 {
        var r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7]
        var i = 8
        let end = count - count % 8
        while i < end {
            r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3]
            r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7]
            i += 8
        }
        var sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < count { sum += a[i]; i += 1 }
        return sum
    }
    var half = count / 2
    half -= half % 8
    return pairwiseSum(a, half) + pairwiseSum(a + half, count - half)
}

/// Pairwise sum of an array (see `pairwiseSum(_:_:)`).
public func pairwiseSum(_ values: [Double]) -> Double {
    values.withUnsafeBufferPointer { pairwiseSum($0.baseAddress!, $0.count) }
}
