/// numpy's legacy random generator (`np.random.seed`, `rand`, `randn`, `permutation`), bit for bit.
///
/// The lecture's assignment seeds numpy (`np.random.seed(1)` for the flower data, `seed(2)` for the
/// weights); reproducing its generator exactly is what lets `shallow` print the assignment's costs to the
/// last printed digit. MT19937 is seeded with `init_genrand`; a double takes two 32-bit outputs as
/// `((a >> 5) · 2^26 + (b >> 6)) / 2^53`; `randn` is the Marsaglia polar method, which yields `f·x2` and
/// caches `f·x1` for the next call (numpy's `legacy_gauss`).
public struct NumpyRandom: Sendable {
    private var state = [UInt32](repeating: 0, count: 624)
    private var index = 624
    private var cachedGauss: Double?

    public init(seed: UInt32) {
        state[0] = seed
        for i in 1..<624 {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
        index = 624
    }

    /// MT19937's state update. In place through one buffer pointer, in the reference implementation's three
    /// segments (no `% 624` per word). Written with array subscripts and `% 624`, each store also checked the
    /// array's uniqueness: 13 % of a flower epoch at `set batch 64` (perf), whose shuffle draws 400 numbers; the
    /// epoch went from 15.5 to 12.7 µs.
    private mutating func twist() {
        state.withUnsafeMutableBufferPointer { mt in
            @inline(__always) func mix(_ upper: UInt32, _ lower: UInt32, _ far: UInt32) -> UInt32 {
                let y = (upper & 0x8000_0000) | (lower & 0x7fff_ffff)
                return far ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_b0df)
            }
            for i in 0..<227 { mt[i] = mix(mt[i], mt[i + 1], mt[i + 397]) }
            for i in 227..<623 { mt[i] = mix(mt[i], mt[i + 1], mt[i - 227]) }
            mt[623] = mix(mt[623], mt[0], mt[396])
        }
        index = 0
    }

    /// The next tempered 32-bit output of MT19937.
    public mutating func nextUInt32() -> UInt32 {
        if index >= 624 { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// A uniform double in [0, 1) with 53 random bits (`np.random.rand`).
    public mutating func nextDouble() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// A standard normal sample (`np.random.randn`), by the polar method as numpy's legacy generator does.
    public mutating func nextGaussian() -> Double {
        if let cached = cachedGauss {
            cachedGauss = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2.0 * nextDouble() - 1.0
            x2 = 2.0 * nextDouble() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let f = (-2.0 * _log(r2) / r2).squareRoot()
        cachedGauss = f * x1
        return f * x2
    }

    /// `count` standard normal samples, in numpy's order.
    public mutating func gaussians(_ count: Int) -> [Double] {
        (0..<count).map { _ in nextGaussian() }
    }

    /// `count` uniform samples in [0, 1).
    public mutating func uniforms(_ count: Int) -> [Double] {
        (0..<count).map { _ in nextDouble() }
    }

    /// A uniform integer in 0...max, as numpy's legacy `random_interval` draws it (masked rejection).
    public mutating func nextInt(upTo max: Int) -> Int {
        if max == 0 { return 0 }
        var mask = UInt64(max)
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4
        mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32
        if max <= 0xffff_ffff {
            while true {
                let value = UInt64(nextUInt32()) & mask
                if value <= UInt64(max) { return Int(value) }
            }
        }
        while true {
            let value = ((UInt64(nextUInt32()) << 32) | UInt64(nextUInt32())) & mask
            if value <= UInt64(max) { return Int(value) }
        }
    }

    /// `np.random.shuffle` on an array (Fisher–Yates from the end, numpy's legacy order).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = nextInt(upTo: i)
            array.swapAt(i, j)
        }
    }

    /// `np.random.permutation(n)`.
    public mutating func permutation(_ n: Int) -> [Int] {
        var indices = Array(0..<n)
        shuffle(&indices)
        return indices
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
#else
import Foundation
@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
#endif
