#include "NeuralNetKernels.h"
/* No contraction of a·b + c into one fma: the maths says where it fuses (explicit fma() calls), so the
 * baseline, x86-64-v3 and AVX-512 builds of the same source give the same bits. (In the source rather than as
 * -ffp-contract=off: a package with unsafeFlags cannot be another package's dependency.) */
#pragma STDC FP_CONTRACT OFF
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <stdlib.h>

#if defined(__x86_64__) && defined(__linux__)
#define NN_X86_VARIANTS 1
#endif

static inline double bits_to_double(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
static inline uint64_t double_to_bits(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

static inline double reduce(double y, double *half_scale) {
    const double shifter = 6755399441055744.0;
    double sum = y * 1.4426950408889634 + shifter;
    double k = sum - shifter;
    double r = fma(-k, 1.9082149292705877e-10, fma(-k, 0.6931471803691238, y));
    *half_scale = bits_to_double((double_to_bits(sum) + 1022) << 52);
    double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    double c01 = fma(r, 1.0 / 6, 1.0 / 2), c23 = fma(r, 1.0 / 120, 1.0 / 24);
    double c45 = fma(r, 1.0 / 5040, 1.0 / 720), c67 = fma(r, 1.0 / 362880, 1.0 / 40320);
    double c89 = fma(r, 1.0 / 39916800, 1.0 / 3628800), cab = fma(r, 1.0 / 6227020800, 1.0 / 479001600);
    double c03 = fma(r2, c23, c01), c47 = fma(r2, c67, c45), c8b = fma(r2, cab, c89);
    double q = fma(r8, c8b, fma(r4, c47, c03));
    return fma(r2, q, r);
}

static inline double nn_exp(double y) {
    const double overflow = 709.782712893384;
    double c = y < -707 ? -707 : (y > overflow ? overflow : y);
    double half;
    double p = reduce(c, &half);
    double e = 2 * fma(half, p, half);
    e = y > overflow ? INFINITY : e;
    e = y < -707 ? 0 : e;
    return e;
}

static inline double nn_tanh(double x) {
    double y = 2 * fabs(x);
    y = y > 40 ? 40 : y;
    double half;
    double p = reduce(y, &half);
    double scale = 2 * half;
    double t = fma(scale, p, scale - 1);
    return copysign(t / (t + 2), x);
}

/* 2·atanh(s) = log((1 + s)/(1 − s)) for s in [0, 1/3], as the odd series 2s·(1 + s²/3 + … + s³²/33). */
static inline double log_atanh(double s) {
    double s2 = s * s;
    /* Below 2^-120, s² cannot move q off 1/3 (nor the result off 2s), but its powers would underflow into
     * subnormals, which cost a microcode assist per operation: taking it as 0 gives the same bits, fast. */
    double t2 = s2 < 0x1p-120 ? 0 : s2;
    double s4 = t2 * t2, s8 = s4 * s4, s16 = s8 * s8;
    double c01 = fma(t2, 1.0 / 5, 1.0 / 3), c23 = fma(t2, 1.0 / 9, 1.0 / 7);
    double c45 = fma(t2, 1.0 / 13, 1.0 / 11), c67 = fma(t2, 1.0 / 17, 1.0 / 15);
    double c89 = fma(t2, 1.0 / 21, 1.0 / 19), cab = fma(t2, 1.0 / 25, 1.0 / 23);
    double ccd = fma(t2, 1.0 / 29, 1.0 / 27), cef = fma(t2, 1.0 / 33, 1.0 / 31);
    double c03 = fma(s4, c23, c01), c47 = fma(s4, c67, c45), c8b = fma(s4, cab, c89), ccf = fma(s4, cef, ccd);
    double q = fma(s16, fma(s8, ccf, c8b), fma(s8, c47, c03));
    return fma(2 * s, t2 * q, 2 * s);
}

/* The shared first half of σ(x) and softplus(x), from one e = e^−|x| and one division, as
 * Elementary.sigmoidSoftplus: with u = 1 + e and w = 2 + e, d = 1/(u·w) gives σ(|x|) = 1/u ≈ w·d and the atanh
 * argument e/w ≈ e·(u·d) of log(u) = log1p(e). */
struct sigmoid_parts { double e, u, w, d, sigmoid; };

static inline struct sigmoid_parts sigmoid_parts_of(double x) {
    struct sigmoid_parts p;
    p.e = nn_exp(-fabs(x));
    p.u = 1 + p.e;
    p.w = 2 + p.e;
    p.d = 1 / (p.u * p.w);
    /* w·d ≈ 1/u to a few ulps; one Newton step against 1 + e itself (u plus its rounding error (1 − u) + e,
     * exact) makes it nearly correctly rounded. */
    double upper = p.w * p.d;
    double residual = fma(-upper, (1 - p.u) + p.e, fma(-upper, p.u, 1));
    upper = fma(upper, residual, upper);
    p.sigmoid = x >= 0 ? upper : p.e * upper;
    return p;
}

static inline void sigmoid_softplus(double x, double *sigmoid, double *softplus) {
    struct sigmoid_parts p = sigmoid_parts_of(x);
    *sigmoid = p.sigmoid;
    double m = (0 >= x) ? 0 : x;  /* Swift's max(x, 0): NaN stays NaN */
    /* e/(2 + e) likewise: e·(u·d) ≈ e/w, then one Newton step against 2 + e (w plus (2 − w) + e, exact). */
    double inverse_w = p.u * p.d;
    double s = p.e * inverse_w;
    double s_residual = fma(-s, (2 - p.w) + p.e, fma(-s, p.w, p.e));
    *softplus = m + log_atanh(fma(s_residual, inverse_w, s));
}

/* σ(x) exactly as sigmoid_softplus gives it, and u = 1 + e^−|x|, whose logarithm is the softplus term
 * log1p(e^−|x|): for callers that need Σ log u rather than each one (nn_sigmoid_bce_total). */
static inline void sigmoid_and_u(double x, double *sigmoid, double *u_out) {
    struct sigmoid_parts p = sigmoid_parts_of(x);
    *sigmoid = p.sigmoid;
    *u_out = p.u;
}

static inline double nn_sigmoid(double z) { double s, p; sigmoid_softplus(z, &s, &p); return s; }
static inline double softplus(double x) { double s, p; sigmoid_softplus(x, &s, &p); return p; }

/* ln 2 in two parts (fdlibm's, as in reduce): LN2_HI has 32 significant bits, so k·LN2_HI is exact for integer
 * |k| < 2^21 — the powers of two a lane of nn_sigmoid_bce_total counts, one at most per example. */
#define LN2_HI 0.6931471803691238
#define LN2_LO 1.9082149292705877e-10

/* p (≥ 1 or NaN) as p' · 2^k with p' in [1, 2): p ← p', twos ← twos + k. NaN and ∞ stay as they are. */
static inline __attribute__((always_inline)) void normalize_product(double *p, double *twos) {
    uint64_t b = double_to_bits(*p);
    uint64_t biased = (b >> 52) & 0x7FF;
    int finite = biased != 0x7FF && biased != 0;
    double k = (double)((int64_t)biased - 1023);
    double mantissa = bits_to_double((b & 0x000FFFFFFFFFFFFFull) | (1023ull << 52));
    *twos += finite ? k : 0;
    *p = finite ? mantissa : *p;
}

/* log p for p in [1, 2): 2·atanh(s) with s = (p − 1)/(p + 1) in [0, 1/3). */
static inline double log_of_unit_interval(double p) { return log_atanh((p - 1) / (p + 1)); }

/* The scalar entry points: the engine's one implementation of each function, for Swift's scalar callers
 * (activation values, the per-example loop, tests). Not multiversioned: the baseline build calls libm's fma,
 * correctly rounded like the instruction the vector variants use, so every caller gets the same bits. */
double nn_exp_scalar(double y) { return nn_exp(y); }
double nn_tanh_scalar(double x) { return nn_tanh(x); }
double nn_sigmoid_scalar(double x) { return nn_sigmoid(x); }
double nn_softplus_scalar(double x) { return softplus(x); }
double nn_log_atanh_scalar(double s) { return log_atanh(s); }

/* numpy's pairwise summation (8 accumulators, blocks of 128, halves rounded down to a multiple of 8),
 * as numpy's np.sum — for R rows at once (row k at a + k·stride). Each row's additions are the
 * same, in the same order, as summing it alone; only independent chains are interleaved: the R rows', and,
 * where both halves of a split are single blocks, the two halves' — one block's 8 accumulators form a
 * chain of dependent additions, so running several side by side keeps the adder busy. */
/* The 8 accumulators as one vector (lane-wise additions are the scalar ones, so the bits are the same). */
typedef double v8d __attribute__((vector_size(64)));
/* By pointer, not by value: passing a 64-byte vector by value has a different ABI in the AVX2 variant. */
static inline __attribute__((always_inline)) void load8(v8d *r, const double *p) { memcpy(r, p, sizeof *r); }
static inline __attribute__((always_inline)) void add8(v8d *r, const double *p) {
    v8d v;
    memcpy(&v, p, sizeof v);
    *r += v;
}

static inline __attribute__((always_inline)) double block_total(const v8d *v, const double *a, size_t i,
                                                                size_t count) {
    const v8d r = *v;
    double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < count; i++) sum += a[i];
    return sum;
}

/* The sum of v's 8 lanes in a fixed order, then the scalar tail: the same bits in every variant. */
static inline __attribute__((always_inline)) double lanes_total(const v8d *v, double tail) {
    const v8d r = *v;
    return (((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))) + tail;
}

/* Blocks [0, n1) and [n1, n1 + n2) of each row, 8 ≤ n1, n2 ≤ 128 and n1 a multiple of 8 (n2 = 0: one block). */
static inline __attribute__((always_inline)) void blocks(const double *a, size_t stride, size_t rows, size_t n1,
                                                         size_t n2, double *out1, double *out2) {
    v8d r1[4], r2[4];
    const double *b = a + n1;
    size_t end1 = n1 - n1 % 8, end2 = n2 - n2 % 8;
    for (size_t k = 0; k < rows; k++) {
        load8(&r1[k], a + k * stride);
        if (n2) load8(&r2[k], b + k * stride);
    }
    size_t i = 8, both = end1 < end2 ? end1 : end2;
    for (; i < both; i += 8)
        for (size_t k = 0; k < rows; k++) {
            add8(&r1[k], a + k * stride + i);
            add8(&r2[k], b + k * stride + i);
        }
    for (size_t i1 = i; i1 < end1; i1 += 8)
        for (size_t k = 0; k < rows; k++) add8(&r1[k], a + k * stride + i1);
    for (size_t i2 = i; i2 < end2; i2 += 8)
        for (size_t k = 0; k < rows; k++) add8(&r2[k], b + k * stride + i2);
    for (size_t k = 0; k < rows; k++) {
        out1[k] = block_total(&r1[k], a + k * stride, end1, n1);
        if (n2) out2[k] = block_total(&r2[k], b + k * stride, end2, n2);
    }
}


/* The variants: kernels_variant.h compiled once per CPU level. x86-64-v3 (AVX2 + FMA) rather than plain
 * "avx2": the polynomials use fused multiply–adds. The baseline calls libm's fma, correctly rounded like the
 * instruction, so every variant gives the same bits. */
/* Examples per block of the fused kernel (lanes): 32 = four independent AVX-512 vectors per operation. */
#define NN_LANES 32
#define VARIANT
#define V(name) name##_base
#include "kernels_variant.h"
#undef VARIANT
#undef V
#ifdef NN_X86_VARIANTS
#define VARIANT __attribute__((target("arch=x86-64-v3")))
#define V(name) name##_v3
#include "kernels_variant.h"
#undef VARIANT
#undef V
#define VARIANT __attribute__((target("avx512f")))
#define V(name) name##_avx512
#include "kernels_variant.h"
#undef VARIANT
#undef V
#endif

/* 0 baseline, 1 x86-64-v3, 2 AVX-512: whether this CPU runs variant v. */
int nn_variant_supported(int variant) {
    if (variant == 0) return 1;
#ifdef NN_X86_VARIANTS
    if (variant == 1) return __builtin_cpu_supports("x86-64-v3");
    if (variant == 2) return __builtin_cpu_supports("avx512f");
#endif
    return 0;
}

/* The variant the kernels run: the highest this CPU supports. */
static inline int best_variant(void) {
    return nn_variant_supported(2) ? 2 : nn_variant_supported(1) ? 1 : 0;
}

#ifdef NN_X86_VARIANTS
#define DISPATCH(variant, name, ...)                                                                  \
    do {                                                                                              \
        switch (variant) {                                                                            \
        case 2: name##_avx512(__VA_ARGS__); break;                                                    \
        case 1: name##_v3(__VA_ARGS__); break;                                                        \
        default: name##_base(__VA_ARGS__); break;                                                     \
        }                                                                                             \
    } while (0)
#else
#define DISPATCH(variant, name, ...) name##_base(__VA_ARGS__)
#endif

static void tanh_bias_in(int v, double *z, double *a, const double *bias, size_t rows, size_t m) {
    DISPATCH(v, tanh_bias, z, a, bias, rows, m);
}
static void sigmoid_bias_in(int v, double *z, double *a, const double *bias, size_t rows, size_t m) {
    DISPATCH(v, sigmoid_bias, z, a, bias, rows, m);
}
static double sigmoid_bce_total_in(int v, double *z, double *a, const double *y, double *delta, double bias, size_t m) {
#ifdef NN_X86_VARIANTS
    switch (v) {
    case 2: return sigmoid_bce_total_avx512(z, a, y, delta, bias, m);
    case 1: return sigmoid_bce_total_v3(z, a, y, delta, bias, m);
    default: break;
    }
#endif
    (void)v;
    return sigmoid_bce_total_base(z, a, y, delta, bias, m);
}
static void bce_loss_in(int v, const double *z, const double *y, double *loss, size_t m) {
    DISPATCH(v, bce_loss, z, y, loss, m);
}
static void sigmoid_bce_in(int v, double *z, double *a, const double *y, double *loss, double *delta, double bias, size_t m) {
    DISPATCH(v, sigmoid_bce, z, a, y, loss, delta, bias, m);
}
static void bce_loss_delta_in(int v, const double *z, const double *a, const double *y, double *loss, double *delta, size_t m) {
    DISPATCH(v, bce_loss_delta, z, a, y, loss, delta, m);
}
static void tanh_derivative_in(int v, double *dz, const double *a, size_t count) {
    DISPATCH(v, tanh_derivative, dz, a, count);
}
static void shallow_sums_in(int v, const double *x, size_t ldx, const double *y, size_t count, size_t nx, size_t nh,
                            const double *W1, const double *b1, const double *W2, double b2, int activation,
                            double slope, double *acc, double *hidden, size_t block) {
    DISPATCH(v, shallow_sums, x, ldx, y, count, nx, nh, W1, b1, W2, b2, activation, slope, acc, hidden, block);
}
static void output_backward_in(int v, const double *a, const double *z, const double *delta, const double *w, size_t rows,
                               size_t m, int activation, double slope, double inverse_m, double *dw, double *dz) {
    DISPATCH(v, output_backward, a, z, delta, w, rows, m, activation, slope, inverse_m, dw, dz);
}
static void skinny_product_in(int v, const double *W, const double *P, size_t rows, size_t cols, size_t m, double *out) {
    DISPATCH(v, skinny_product, W, P, rows, cols, m, out);
}
static void skinny_gradient_in(int v, const double *D, const double *P, size_t rows, size_t cols, size_t m, double scale,
                               double *G) {
    DISPATCH(v, skinny_gradient, D, P, rows, cols, m, scale, G);
}
static void pairwise_rows1_in(int v, const double *a, size_t stride, size_t count, double *out) {
    DISPATCH(v, pairwise_rows1, a, stride, count, out);
}
static void pairwise_rows4_in(int v, const double *a, size_t stride, size_t count, double *out) {
    DISPATCH(v, pairwise_rows4, a, stride, count, out);
}

void nn_tanh_bias(double *z, double *a, const double *bias, size_t rows, size_t m) {
    tanh_bias_in(best_variant(), z, a, bias, rows, m);
}
void nn_sigmoid_bias(double *z, double *a, const double *bias, size_t rows, size_t m) {
    sigmoid_bias_in(best_variant(), z, a, bias, rows, m);
}
double nn_sigmoid_bce_total(double *z, double *a, const double *y, double *delta, double bias, size_t m) {
    return sigmoid_bce_total_in(best_variant(), z, a, y, delta, bias, m);
}
void nn_bce_loss(const double *z, const double *y, double *loss, size_t m) { bce_loss_in(best_variant(), z, y, loss, m); }
void nn_sigmoid_bce(double *z, double *a, const double *y, double *loss, double *delta, double bias, size_t m) {
    sigmoid_bce_in(best_variant(), z, a, y, loss, delta, bias, m);
}
void nn_bce_loss_delta(const double *z, const double *a, const double *y, double *loss, double *delta, size_t m) {
    bce_loss_delta_in(best_variant(), z, a, y, loss, delta, m);
}
void nn_tanh_derivative(double *dz, const double *a, size_t count) { tanh_derivative_in(best_variant(), dz, a, count); }

/* Examples per block of the fused kernel: its hidden values (Z1 and A1, 2·n_h per example) in about 64 KB, so a
 * block's passes run in L1/L2; a multiple of NN_LANES, between 32 and 512. */
static size_t shallow_block_size(size_t nh) {
    size_t b = 4096 / (nh ? nh : 1);
    b -= b % NN_LANES;
    return b < NN_LANES ? NN_LANES : (b > 512 ? 512 : b);
}

void nn_output_backward(const double *a, const double *z, const double *delta, const double *w, size_t rows, size_t m,
                        int activation, double slope, double inverse_m, double *dw, double *dz) {
    output_backward_in(best_variant(), a, z, delta, w, rows, m, activation, slope, inverse_m, dw, dz);
}

void nn_skinny_product(const double *W, const double *P, size_t rows, size_t cols, size_t m, double *out) {
    skinny_product_in(best_variant(), W, P, rows, cols, m, out);
}
void nn_skinny_gradient(const double *D, const double *P, size_t rows, size_t cols, size_t m, double scale, double *G) {
    skinny_gradient_in(best_variant(), D, P, rows, cols, m, scale, G);
}

size_t nn_shallow_scratch_count(size_t nx, size_t nh) {
    size_t block = shallow_block_size(nh);
    return (nh * nx + 2 * nh + 2) * NN_LANES + (2 * nh + 3) * block;
}

/* One chunk's fused sums in variant v: the lanes' sums, each reduced pairwise (lane k + lane k + half, halving). */
static void shallow_sums_variant(int v, const double *x, size_t ldx, const double *y, size_t count, size_t nx,
                                 size_t nh, const double *W1, const double *b1, const double *W2, double b2,
                                 int activation, double slope, double *scratch, double *sums) {
    size_t values = nh * nx + 2 * nh + 2;
    double *acc = scratch, *hidden = scratch + values * NN_LANES;
    memset(acc, 0, sizeof(double) * values * NN_LANES);
    if (nx >= 1 && nx <= NN_FUSED_MAX_INPUTS)
        shallow_sums_in(v, x, ldx, y, count, nx, nh, W1, b1, W2, b2, activation, slope, acc, hidden,
                        shallow_block_size(nh));
    for (size_t i = 0; i < values; i++) {
        double r[NN_LANES];
        memcpy(r, acc + i * NN_LANES, sizeof r);
        for (size_t half = NN_LANES / 2; half >= 1; half /= 2)
            for (size_t l = 0; l < half; l++) r[l] = r[l] + r[l + half];
        sums[i] = r[0];
    }
}

/* One chunk of nn_shallow_sums_chunked, as a task of the worker pool. */
struct shallow_job {
    const double *x, *y, *W1, *b1, *W2;
    double b2, slope;
    size_t m, nx, nh, chunk, values, scratch_count;
    int activation, variant;
    double *scratch, *partials;
};

static void shallow_chunk_task(void *context, size_t c, size_t participant) {
    const struct shallow_job *job = context;
    size_t start = c * job->chunk, count = job->m - start < job->chunk ? job->m - start : job->chunk;
    shallow_sums_variant(job->variant, job->x + start, job->m, job->y + start, count, job->nx, job->nh, job->W1,
                         job->b1, job->W2, job->b2, job->activation, job->slope,
                         job->scratch + participant * job->scratch_count, job->partials + c * job->values);
}

void nn_shallow_sums_chunked(const double *x, const double *y, size_t m, size_t nx, size_t nh, const double *W1,
                             const double *b1, const double *W2, double b2, int activation, double slope,
                             size_t chunk, size_t chunks, size_t max_threads, double *scratch, double *partials) {
    struct shallow_job job = {
        .x = x, .y = y, .W1 = W1, .b1 = b1, .W2 = W2, .b2 = b2, .slope = slope, .m = m, .nx = nx, .nh = nh,
        .chunk = chunk, .values = nh * nx + 2 * nh + 2, .scratch_count = nn_shallow_scratch_count(nx, nh),
        .activation = activation, .variant = best_variant(), .scratch = scratch, .partials = partials,
    };
    nn_pool_run(chunks, max_threads, shallow_chunk_task, &job);
}

double nn_pairwise_sum(const double *a, size_t count) {
    double sum;
    pairwise_rows1_in(best_variant(), a, 0, count, &sum);
    return sum;
}

void nn_scaled_row_sums(const double *a, size_t rows, size_t m, double scale, double *out) {
    size_t i = 0;
    for (; i + 4 <= rows; i += 4) {
        double sums[4];
        pairwise_rows4_in(best_variant(), a + i * m, m, m, sums);
        for (int k = 0; k < 4; k++) out[i + k] = scale * sums[k];
    }
    for (; i < rows; i++) out[i] = scale * nn_pairwise_sum(a + i * m, m);
}

void nn_gradient_step(double *restrict next, const double *restrict current, const double *restrict gradient,
                      double alpha, size_t count) {
    for (size_t k = 0; k < count; k++) next[k] = current[k] - alpha * gradient[k];
}

/* Runs every kernel in every variant this CPU supports on the same inputs (z, y: m values each; rows of
 * 4 × m/4 for the row kernels) and compares every output's bits with the baseline's (any NaN equals any NaN). Returns 0 when all agree,
 * else 100·variant + the kernel's number (1 tanh_bias, 2 sigmoid_bias, 3 bce_loss, 4 sigmoid_bce,
 * 5 bce_loss_delta, 6 tanh_derivative, 7 pairwise sum, 8 row sums, 9 the fused one-hidden-layer kernel,
 * 10 the fused output-unit backward pass, 11 the skinny product and gradient, 12 the summed sigmoid loss); −1 when memory ran out. */
/* Same bits, or both NaN (a NaN's sign and payload are not part of any result: the run stops at the first). */
static int same_results(const double *p, const double *q, size_t count) {
    for (size_t i = 0; i < count; i++) {
        if (isnan(p[i]) && isnan(q[i])) continue;
        if (double_to_bits(p[i]) != double_to_bits(q[i])) return 0;
    }
    return 1;
}

int nn_variants_check(const double *z, const double *y, size_t m) {
    size_t rows = 4, cols = m / 4;
    double bias[4] = {0.25, -1.5, 0.0, 3.0};
    size_t n = m ? m : 1;
    double *buf = malloc(sizeof(double) * n * 10);
    if (!buf) return -1;
    double *z0 = buf, *a0 = buf + n, *l0 = buf + 2 * n, *d0 = buf + 3 * n, *g0 = buf + 4 * n;
    double *z1 = buf + 5 * n, *a1 = buf + 6 * n, *l1 = buf + 7 * n, *d1 = buf + 8 * n, *g1 = buf + 9 * n;
    int result = 0;
    for (int v = 1; v <= 2 && !result; v++) {
        if (!nn_variant_supported(v)) continue;
#define SAME(count, p, q, code) if (!same_results((p), (q), (count))) { result = 100 * v + (code); break; }
        do {
            memcpy(z0, z, sizeof(double) * m); memcpy(z1, z, sizeof(double) * m);
            tanh_bias_in(0, z0, a0, bias, rows, cols); tanh_bias_in(v, z1, a1, bias, rows, cols);
            SAME(rows * cols, z0, z1, 1) SAME(rows * cols, a0, a1, 1)
            memcpy(z0, z, sizeof(double) * m); memcpy(z1, z, sizeof(double) * m);
            sigmoid_bias_in(0, z0, a0, bias, rows, cols); sigmoid_bias_in(v, z1, a1, bias, rows, cols);
            SAME(rows * cols, a0, a1, 2)
            bce_loss_in(0, z, y, l0, m); bce_loss_in(v, z, y, l1, m);
            SAME(m, l0, l1, 3)
            memcpy(z0, z, sizeof(double) * m); memcpy(z1, z, sizeof(double) * m);
            sigmoid_bce_in(0, z0, a0, y, l0, d0, 0.75, m); sigmoid_bce_in(v, z1, a1, y, l1, d1, 0.75, m);
            SAME(m, z0, z1, 4) SAME(m, a0, a1, 4) SAME(m, l0, l1, 4) SAME(m, d0, d1, 4)
            bce_loss_delta_in(0, z, a0, y, l0, d0, m); bce_loss_delta_in(v, z, a0, y, l1, d1, m);
            SAME(m, l0, l1, 5) SAME(m, d0, d1, 5)
            memcpy(g0, y, sizeof(double) * m); memcpy(g1, y, sizeof(double) * m);
            tanh_derivative_in(0, g0, z, m); tanh_derivative_in(v, g1, z, m);
            SAME(m, g0, g1, 6)
            double s0, s1;
            pairwise_rows1_in(0, z, 0, m, &s0); pairwise_rows1_in(v, z, 0, m, &s1);
            SAME(1, &s0, &s1, 7)
            double r0[4], r1[4];
            if (cols > 0) {
                pairwise_rows4_in(0, z, cols, cols, r0); pairwise_rows4_in(v, z, cols, cols, r1);
                SAME(4, r0, r1, 8)
            }
            /* The fused one-hidden-layer kernel: 3 inputs (rows of z), 5 hidden units, every activation. */
            if (cols > 0) {
                const double W1[15] = {0.5, -1.25, 2.0, -0.75, 0.0, 1.5, 3.0, -2.5, 0.125, -0.0625, 4.0, 1.0,
                                       -3.5, 0.25, 0.75};
                const double b1[5] = {0.1, -0.2, 0.0, 1.5, -3.0}, W2[5] = {1.0, -2.0, 0.5, 3.5, -0.25};
                double scratch0[27 * NN_LANES + 13 * 512], scratch1[27 * NN_LANES + 13 * 512], s0[27], s1[27];
                int broke = 0;
                for (int g = NN_ACTIVATION_SIGMOID; g <= NN_ACTIVATION_LINEAR && !broke; g++) {
                    shallow_sums_variant(0, z, cols, y, cols, 3, 5, W1, b1, W2, 0.3, g, 0.01, scratch0, s0);
                    shallow_sums_variant(v, z, cols, y, cols, 3, 5, W1, b1, W2, 0.3, g, 0.01, scratch1, s1);
                    if (!same_results(s0, s1, 27)) broke = 1;
                }
                if (broke) { result = 100 * v + 9; break; }
            }
            /* The fused output-unit backward pass: 4 rows of cols values (a from z, δ = y − ½), every activation. */
            if (cols > 0) {
                const double w[4] = {0.5, -1.25, 2.0, -0.0625};
                double dw0[4], dw1[4];
                for (size_t k = 0; k < m; k++) a0[k] = nn_tanh(z[k]);
                for (size_t k = 0; k < cols; k++) l0[k] = y[k] - 0.5;
                int broke = 0;
                for (int g = NN_ACTIVATION_SIGMOID; g <= NN_ACTIVATION_LINEAR && !broke; g++) {
                    output_backward_in(0, a0, z, l0, w, rows, cols, g, 0.01, 1.0 / (double)cols, dw0, d0);
                    output_backward_in(v, a0, z, l0, w, rows, cols, g, 0.01, 1.0 / (double)cols, dw1, d1);
                    if (!same_results(dw0, dw1, 4) || !same_results(d0, d1, rows * cols)) broke = 1;
                }
                if (broke) { result = 100 * v + 10; break; }
            }
            /* The skinny product and gradient: W (4 × 3) · P (3 rows of z) and D (4 rows of z) · Pᵀ. */
            if (cols > 0 && rows * cols <= m) {
                const double W[12] = {0.5, -1.25, 2.0, -0.75, 0.0, 1.5, 3.0, -2.5, 0.125, -0.0625, 4.0, 1.0};
                double G0[12], G1[12];
                skinny_product_in(0, W, z, 4, 3, cols, d0); skinny_product_in(v, W, z, 4, 3, cols, d1);
                SAME(4 * cols, d0, d1, 11)
                skinny_gradient_in(0, z, y, 4, 3, cols, 0.25, G0); skinny_gradient_in(v, z, y, 4, 3, cols, 0.25, G1);
                SAME(12, G0, G1, 11)
            }
            /* The summed sigmoid loss: z, a, δ and the total. */
            memcpy(z0, z, sizeof(double) * m); memcpy(z1, z, sizeof(double) * m);
            double t0 = sigmoid_bce_total_in(0, z0, a0, y, d0, 0.75, m);
            double t1 = sigmoid_bce_total_in(v, z1, a1, y, d1, 0.75, m);
            SAME(m, z0, z1, 12) SAME(m, a0, a1, 12) SAME(m, d0, d1, 12) SAME(1, &t0, &t1, 12)
        } while (0);
#undef SAME
    }
    free(buf);
    return result;
}
