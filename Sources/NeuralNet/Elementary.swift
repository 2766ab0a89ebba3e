/// exp, tanh, σ and softplus written so that a loop over them vectorizes: no calls, no branches (only
/// selects), polynomials in fused multiply–adds (`fma`: one rounding, so the C kernels' FMA instructions
/// give the same bits). The training loop spends most of its time here — 1,600 tanh
/// and 400 σ and softplus per flower iteration — and glibc's scalar `tanh`, `exp` and `log1p` cost ~10 ns
/// each; these run 2–3× faster per element, and the loops over them use the vector unit.
///
/// Accuracy, against a long-double reference and against glibc (see `ElementaryFunctionTests`): tanh is as
/// accurate as glibc's (mean error 0.28 ulp, at most ~2.4 ulp; it rounds differently from glibc on ~12 % of
/// inputs, numpy's own tanh on ~26 %); exp ≤ 1 ulp from glibc; σ and softplus ≤ 3 ulp. The lecture's figures
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
    /// a·b + c with one rounding (the FMA instruction where the CPU has it, libm's `fma` otherwise — both
    /// correctly rounded, so the C kernels, which use the instruction, give the same bits).
    @inline(__always)
    static func fma(_ a: Double, _ b: Double, _ c: Double) -> Double { c.addingProduct(a, b) }

    @inline(__always)
    static func reduce(_ y: Double) -> (halfScale: Double, expm1r: Double) {
        let shifter = 6_755_399_441_055_744.0  // 1.5·2^52
        let sum = y * 1.4426950408889634 + shifter
        let k = sum - shifter
        let ln2Hi = 0.6931471803691238, ln2Lo = 1.9082149292705877e-10
        let r = fma(-k, ln2Lo, fma(-k, ln2Hi, y))
        // The integer k sits in sum's low bits; shifting (k + 1022) into the exponent field gives 2^(k−1).
        let halfScale = Double(bitPattern: (sum.bitPattern &+ 1022) << 52)
        // expm1(r) = r + r²·(c0 + c1·r + … + c11·r^11) with c_i = 1/(i + 2)!, by Estrin's scheme with fused
        // multiply–adds: the dependency chain is 4 deep instead of Horner's 12, which is what limits the loop.
        let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
        let c01 = fma(r, 1.0 / 6, 1.0 / 2), c23 = fma(r, 1.0 / 120, 1.0 / 24)
        let c45 = fma(r, 1.0 / 5_040, 1.0 / 720), c67 = fma(r, 1.0 / 362_880, 1.0 / 40_320)
        let c89 = fma(r, 1.0 / 39_916_800, 1.0 / 3_628_800), cab = fma(r, 1.0 / 6_227_020_800, 1.0 / 479_001_600)
        let c03 = fma(r2, c23, c01), c47 = fma(r2, c67, c45), c8b = fma(r2, cab, c89)
        let q = fma(r8, c8b, fma(r4, c47, c03))
        return (halfScale, fma(r2, q, r))
    }

    /// log(DBL_MAX): above it e^y overflows.
    static let expOverflow = 709.782712893384

    /// e^y = 2^k·(1 + expm1(r)).
    @inline(__always)
    static func exp(_ y: Double) -> Double {
        let clamped = y < -707 ? -707 : (y > expOverflow ? expOverflow : y)
        let (half, p) = reduce(clamped)
        var e = 2 * fma(half, p, half)
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
        let t = fma(scale, p, scale - 1)
        return Double(signOf: x, magnitudeOf: t / (t + 2))
    }

    /// σ(z) = 1 / (1 + e^−z): exactly 1 for z > 707 and exactly 0 for z < −709.78 (see `sigmoidSoftplus`).
    @inline(__always)
    static func sigmoid(_ z: Double) -> Double {
        sigmoidSoftplus(z).sigmoid
    }

    /// log(1 + e) for e in [0, 1]: 2·atanh(s) with s = e/(2 + e) ∈ [0, 1/3].
    @inline(__always)
    static func log1pUnit(_ e: Double) -> Double {
        logAtanh(e / (2 + e))
    }

    /// 2·atanh(s) for s in [0, 1/3], as the odd series 2s·(1 + s²/3 + s⁴/5 + … + s³²/33) (the next term is
    /// < 2e-17 relative).
    @inline(__always)
    static func logAtanh(_ s: Double) -> Double {
        let s2 = s * s
        // Below 2^-120, s² cannot move q off 1/3 (nor the result off 2s), but its powers would underflow into
        // subnormals, which cost a microcode assist per operation: taking it as 0 gives the same bits, fast.
        let t2 = s2 < 0x1p-120 ? 0 : s2
        // 1/3 + s²/5 + … + s³⁰/33 by Estrin's scheme (see `reduce`).
        let s4 = t2 * t2, s8 = s4 * s4, s16 = s8 * s8
        let c01 = fma(t2, 1.0 / 5, 1.0 / 3), c23 = fma(t2, 1.0 / 9, 1.0 / 7)
        let c45 = fma(t2, 1.0 / 13, 1.0 / 11), c67 = fma(t2, 1.0 / 17, 1.0 / 15)
        let c89 = fma(t2, 1.0 / 21, 1.0 / 19), cab = fma(t2, 1.0 / 25, 1.0 / 23)
        let ccd = fma(t2, 1.0 / 29, 1.0 / 27), cef = fma(t2, 1.0 / 33, 1.0 / 31)
        let c03 = fma(s4, c23, c01), c47 = fma(s4, c67, c45), c8b = fma(s4, cab, c89), ccf = fma(s4, cef, ccd)
        let q = fma(s16, fma(s8, ccf, c8b), fma(s8, c47, c03))
        return fma(2 * s, t2 * q, 2 * s)
    }

    /// σ(x) and softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^−|x|) from one e = e^−|x| and one division.
    /// With u = 1 + e and w = 2 + e, d = 1/(u·w) gives σ(|x|) = 1/u ≈ w·d (σ(−|x|) = e·σ(|x|)) and the atanh
    /// argument e/w ≈ e·(u·d) of log(u), each to a few ulps; one Newton step apiece, against 1 + e and 2 + e
    /// themselves (u plus its exact rounding error (1 − u) + e, likewise w), brings them back to ~0.5 ulp, so
    /// σ and softplus are more accurate than with two divisions (worst against glibc over 2M points: σ 3 ulp,
    /// softplus 3). Never overflows; exact 0 tails below −707.
    @inline(__always)
    static func sigmoidSoftplus(_ x: Double) -> (sigmoid: Double, softplus: Double) {
        let e = exp(-abs(x))
        let u = 1 + e, w = 2 + e
        let d = 1 / (u * w)
        var upper = w * d
        let residual = fma(-upper, (1 - u) + e, fma(-upper, u, 1))
        upper = fma(upper, residual, upper)
        let sigmoid = x >= 0 ? upper : e * upper
        let inverseW = u * d
        let s = e * inverseW
        let sResidual = fma(-s, (2 - w) + e, fma(-s, w, e))
        return (sigmoid, max(x, 0) + logAtanh(fma(sResidual, inverseW, s)))
    }

    /// softplus(x) = log(1 + e^x) (see `sigmoidSoftplus`).
    @inline(__always)
    static func softplus(_ x: Double) -> Double {
        sigmoidSoftplus(x).softplus
    }
}
