import NeuralNetKernels

/// exp, tanh, σ and softplus, the engine's own (NeuralNetKernels/kernels.c: one implementation, which the
/// vectorized passes inline and Swift's scalar callers reach through its scalar entry points). Written so that
/// a loop over them vectorizes: no calls, no branches (only selects), polynomials in fused multiply–adds (one
/// rounding, so the FMA instruction and libm's `fma` give the same bits). The training loop spends most of its
/// time in them — 1,600 tanh and 400 σ and softplus per flower iteration — and glibc's scalar `tanh`, `exp`
/// and `log1p` cost ~10 ns each; these run 2–3× faster per element, and the loops over them use the vector unit.
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
///
/// How: e^y = 2^k·(1 + expm1(r)) with y = k·ln 2 + r, |r| ≤ ln 2 / 2 (Cody–Waite split of ln 2, expm1(r) by its
/// Taylor polynomial to r^13 in Estrin's scheme); tanh(x) = sign(x)·t/(t + 2) with t = expm1(2|x|), exact ±1
/// from |x| ≥ 20; σ and softplus from one e = e^−|x| and one division, each refined by a Newton step against
/// 1 + e and 2 + e; log(1 + e) as 2·atanh(e/(2 + e)) by its odd series.
enum Elementary {
    /// log(DBL_MAX): above it e^y overflows.
    static let expOverflow = 709.782712893384

    static func exp(_ y: Double) -> Double { nn_exp_scalar(y) }

    static func tanh(_ x: Double) -> Double { nn_tanh_scalar(x) }

    /// σ(z) = 1 / (1 + e^−z): exactly 1 for z > 707 and exactly 0 for z < −709.78.
    static func sigmoid(_ z: Double) -> Double { nn_sigmoid_scalar(z) }

    /// softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^−|x|); never overflows, exact 0 below −707.
    static func softplus(_ x: Double) -> Double { nn_softplus_scalar(x) }

    /// log(1 + e) for e in [0, 1]: 2·atanh(s) with s = e/(2 + e) ∈ [0, 1/3].
    static func log1pUnit(_ e: Double) -> Double { nn_log_atanh_scalar(e / (2 + e)) }
}

/// The kernels' CPU variants (baseline x86-64, x86-64-v3, AVX-512: the same C source compiled three times, the
/// highest the CPU supports running), for the test that they agree to the bit.
enum KernelVariants {
    static let names = ["baseline x86-64", "x86-64-v3 (AVX2 + FMA)", "AVX-512"]

    static func supported(_ variant: Int) -> Bool { nn_variant_supported(Int32(variant)) != 0 }

    /// 0 when every kernel gives the baseline's bits in every supported variant on these inputs, else
    /// 100·variant + the kernel's number (see kernels.c).
    static func check(z: [Double], y: [Double]) -> Int {
        precondition(z.count == y.count, "one y per z")
        return Int(z.withUnsafeBufferPointer { zs in y.withUnsafeBufferPointer { ys in
            nn_variants_check(zs.baseAddress!, ys.baseAddress!, zs.count)
        } })
    }
}
