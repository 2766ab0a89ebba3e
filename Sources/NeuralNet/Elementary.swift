/// exp, tanh, σ and softplus written so that a loop over them vectorizes: no calls, no branches (only
/// selects), plain multiply–add polynomials. The training loop spends most of its time here — 1,600 tanh
/// and 400 σ and softplus per flower iteration — and glibc's scalar `tanh`, `exp` and `log1p` cost ~10 ns
/// each; these run 2–3× faster per element, and the loops over them use the vector unit.
///
/// Accuracy, against a long-double reference and against glibc (see `ElementaryFunctionTests`): tanh is as
/// accurate as glibc's (mean error 0.28 ulp, at most ~2.4 ulp; it rounds differently from glibc on ~12 % of
/// inputs, numpy's own tanh on ~26 %); exp ≤ 1 ulp from glibc; σ and softplus ≤ 4 ulp. The lecture's figures
/// are unchanged (costs to 6 decimals through iteration 7000, the sweep's exact counts); later flower
/// costs move in the 4th–5th decimal, the run's documented rounding sensitivity (a 1-ulp change in one
/// initial weight moves them as much). Every caller — the vectorized pass, the per-example oracle,
/// `Activation.value` — uses these same functions, so the two passes agree to rounding.
///
/// Special values: NaN propagates (so divergence is still detected), tanh(±∞) = ±1, σ(+∞) = 1, σ(−∞) = 0,
/// exp overflows to +∞ above log(DBL_MAX) and flushes to 0 below −707 (where e^x < 1e-307).
enum Elementary {
    /// y = k·ln 2 + r with |r| ≤ ln 2 / 2; returns 2^(k−1) and expm1(r).
    ///
    /// k is rounded by the 1.5·2^52 trick (its low mantissa bits then hold k), ln 2 is split Cody–Waite style
    /// (`ln2Hi` has trailing zero bits, so k·ln2Hi is exact), and expm1(r) is its Taylor polynomial to r^13
    /// (remainder < |r|^14/14! ≈ 4e-18·|r|). 2^(k−1) rather than 2^k keeps the exponent field in range for
    /// k = 1024 (the top of exp's range); callers double it.
    @inline(__always)
    static func reduce(_ y: Double) -> (halfScale: Double, expm1r: Double) {
        let shifter = 6_755_399_441_055_744.0  // 1.5·2^52
        let sum = y * 1.4426950408889634 + shifter
        let k = sum - shifter
        let ln2Hi = 0.6931471803691238, ln2Lo = 1.9082149292705877e-10
        let r = (y - k * ln2Hi) - k * ln2Lo
        // The integer k sits in sum's low bits; shifting (k + 1022) into the exponent field gives 2^(k−1).
        let halfScale = Double(bitPattern: (sum.bitPattern &+ 1022) << 52)
        // expm1(r) = r + r²·(c0 + c1·r + … + c11·r^11) with c_i = 1/(i + 2)!, by Estrin's scheme: the
        // dependency chain is 4 multiply–adds deep instead of Horner's 12, which is what limits the loop.
        let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
        let c01 = 1.0 / 2 + r * (1.0 / 6), c23 = 1.0 / 24 + r * (1.0 / 120)
        let c45 = 1.0 / 720 + r * (1.0 / 5_040), c67 = 1.0 / 40_320 + r * (1.0 / 362_880)
        let c89 = 1.0 / 3_628_800 + r * (1.0 / 39_916_800), cab = 1.0 / 479_001_600 + r * (1.0 / 6_227_020_800)
        let c03 = c01 + r2 * c23, c47 = c45 + r2 * c67, c8b = c89 + r2 * cab
        let q = (c03 + r4 * c47) + r8 * c8b
        return (halfScale, r + (r * r) * q)
    }

    /// log(DBL_MAX): above it e^y overflows.
    static let expOverflow = 709.782712893384

    /// e^y = 2^k·(1 + expm1(r)).
    @inline(__always)
    static func exp(_ y: Double) -> Double {
        let clamped = y < -707 ? -707 : (y > expOverflow ? expOverflow : y)
        let (half, p) = reduce(clamped)
        var e = 2 * (half + half * p)
        e = y > expOverflow ? .infinity : e
        e = y < -707 ? 0 : e
        return e
    }

    /// tanh(x) = sign(x)·t/(t + 2) with t = e^(2|x|) − 1 = expm1(2|x|). Computing t as (2^k − 1) + 2^k·expm1(r)
    /// keeps full relative accuracy near 0, where tanh(x) ≈ x (the form 1 − 2/(e^2x + 1) would cancel).
    /// |x| ≥ 20 gives exactly ±1, as does glibc.
    @inline(__always)
    static func tanh(_ x: Double) -> Double {
        var y = 2 * abs(x)
        y = y > 40 ? 40 : y
        let (half, p) = reduce(y)
        let scale = 2 * half
        let t = (scale - 1) + scale * p
        return Double(signOf: x, magnitudeOf: t / (t + 2))
    }

    /// σ(z) = 1 / (1 + e^−z): exactly 1 for z > 707 and exactly 0 for z < −709.78.
    @inline(__always)
    static func sigmoid(_ z: Double) -> Double {
        1 / (1 + exp(-z))
    }

    /// log(1 + e) for e in [0, 1]: 2·atanh(s) with s = e/(2 + e) ∈ [0, 1/3], as the odd series
    /// 2s·(1 + s²/3 + s⁴/5 + … + s³²/33) (the next term is < 2e-17 relative).
    @inline(__always)
    static func log1pUnit(_ e: Double) -> Double {
        let s = e / (2 + e)
        let s2 = s * s
        // Below 2^-120, s² cannot move q off 1/3 (nor the result off 2s), but its powers would underflow into
        // subnormals, which cost a microcode assist per operation: taking it as 0 gives the same bits, fast.
        let t2 = s2 < 0x1p-120 ? 0 : s2
        // 1/3 + s²/5 + … + s³⁰/33 by Estrin's scheme (see `reduce`).
        let s4 = t2 * t2, s8 = s4 * s4, s16 = s8 * s8
        let c01 = 1.0 / 3 + t2 * (1.0 / 5), c23 = 1.0 / 7 + t2 * (1.0 / 9)
        let c45 = 1.0 / 11 + t2 * (1.0 / 13), c67 = 1.0 / 15 + t2 * (1.0 / 17)
        let c89 = 1.0 / 19 + t2 * (1.0 / 21), cab = 1.0 / 23 + t2 * (1.0 / 25)
        let ccd = 1.0 / 27 + t2 * (1.0 / 29), cef = 1.0 / 31 + t2 * (1.0 / 33)
        let c03 = c01 + s4 * c23, c47 = c45 + s4 * c67, c8b = c89 + s4 * cab, ccf = ccd + s4 * cef
        let q = (c03 + s8 * c47) + s16 * (c8b + s8 * ccf)
        return 2 * s + 2 * s * (t2 * q)
    }

    /// softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^−|x|): never overflows, exact 0 tail below −707.
    @inline(__always)
    static func softplus(_ x: Double) -> Double {
        max(x, 0) + log1pUnit(exp(-abs(x)))
    }
}
