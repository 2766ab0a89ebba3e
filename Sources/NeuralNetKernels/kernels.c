#include "NeuralNetKernels.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && defined(__linux__)
/* x86-64-v3 (AVX2 + FMA) rather than plain "avx2": the polynomials use fused multiply–adds. The baseline
 * variant calls libm's fma, correctly rounded like the instruction, so every variant gives the same bits. */
#define MULTIVERSION __attribute__((target_clones("avx512f", "arch=x86-64-v3", "default")))
#else
#define MULTIVERSION
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

/* σ(x) and softplus(x) from one e = e^−|x| and one division, as Elementary.sigmoidSoftplus: with u = 1 + e and
 * w = 2 + e, d = 1/(u·w) gives σ(|x|) = 1/u ≈ w·d and the atanh argument e/w ≈ e·(u·d) of log(u) = log1p(e). */
static inline void sigmoid_softplus(double x, double *sigmoid, double *softplus) {
    double e = nn_exp(-fabs(x));
    double u = 1 + e, w = 2 + e;
    double d = 1 / (u * w);
    /* w·d ≈ 1/u to a few ulps; one Newton step against 1 + e itself (u plus its rounding error (1 − u) + e,
     * exact) makes it nearly correctly rounded. */
    double upper = w * d;
    double residual = fma(-upper, (1 - u) + e, fma(-upper, u, 1));
    upper = fma(upper, residual, upper);
    *sigmoid = x >= 0 ? upper : e * upper;
    double m = (0 >= x) ? 0 : x;  /* Swift's max(x, 0): NaN stays NaN */
    /* e/(2 + e) likewise: e·(u·d) ≈ e/w, then one Newton step against 2 + e (w plus (2 − w) + e, exact). */
    double inverse_w = u * d;
    double s = e * inverse_w;
    double s_residual = fma(-s, (2 - w) + e, fma(-s, w, e));
    *softplus = m + log_atanh(fma(s_residual, inverse_w, s));
}

static inline double nn_sigmoid(double z) { double s, p; sigmoid_softplus(z, &s, &p); return s; }
static inline double softplus(double x) { double s, p; sigmoid_softplus(x, &s, &p); return p; }

/* The scalar entry points: the engine's one implementation of each function, for Swift's scalar callers
 * (activation values, the per-example loop, tests). Not multiversioned: the baseline build calls libm's fma,
 * correctly rounded like the instruction the vector variants use, so every caller gets the same bits. */
double nn_exp_scalar(double y) { return nn_exp(y); }
double nn_tanh_scalar(double x) { return nn_tanh(x); }
double nn_sigmoid_scalar(double x) { return nn_sigmoid(x); }
double nn_softplus_scalar(double x) { return softplus(x); }
double nn_log_atanh_scalar(double s) { return log_atanh(s); }

MULTIVERSION
void nn_tanh_bias(double *restrict z, double *restrict a, const double *restrict bias, size_t rows, size_t m) {
    for (size_t i = 0; i < rows; i++) {
        double b = bias[i];
        double *zr = z + i * m, *ar = a + i * m;
        for (size_t j = 0; j < m; j++) { double v = zr[j] + b; zr[j] = v; ar[j] = nn_tanh(v); }
    }
}

MULTIVERSION
void nn_sigmoid_bias(double *restrict z, double *restrict a, const double *restrict bias, size_t rows, size_t m) {
    for (size_t i = 0; i < rows; i++) {
        double b = bias[i];
        double *zr = z + i * m, *ar = a + i * m;
        for (size_t j = 0; j < m; j++) { double v = zr[j] + b; zr[j] = v; ar[j] = nn_sigmoid(v); }
    }
}

MULTIVERSION
void nn_bce_loss(const double *restrict z, const double *restrict y, double *restrict loss, size_t m) {
    for (size_t j = 0; j < m; j++) loss[j] = softplus(z[j]) - y[j] * z[j];
}

/* The sigmoid output unit and its binary cross-entropy, fused into one pass over the m examples:
 * z ← z + b, a = σ(z), loss = softplus(z) − y·z, δ = a − y. Each value is computed exactly as by the
 * separate passes (nn_sigmoid_bias, nn_bce_loss, the backward pass's A − Y), so the bits are the same. */
MULTIVERSION
void nn_sigmoid_bce(double *restrict z, double *restrict a, const double *restrict y, double *restrict loss,
                    double *restrict delta, double bias, size_t m) {
    for (size_t j = 0; j < m; j++) {
        double v = z[j] + bias;
        double s, sp;
        sigmoid_softplus(v, &s, &sp);
        z[j] = v;
        a[j] = s;
        loss[j] = sp - y[j] * v;
        delta[j] = s - y[j];
    }
}

MULTIVERSION
void nn_bce_loss_delta(const double *restrict z, const double *restrict a, const double *restrict y,
                       double *restrict loss, double *restrict delta, size_t m) {
    for (size_t j = 0; j < m; j++) {
        loss[j] = softplus(z[j]) - y[j] * z[j];
        delta[j] = a[j] - y[j];
    }
}

MULTIVERSION
void nn_tanh_derivative(double *restrict dz, const double *restrict a, size_t count) {
    for (size_t k = 0; k < count; k++) dz[k] *= 1 - a[k] * a[k];
}

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

#define DEFINE_PAIRWISE_ROWS(NAME, R)                                                                  \
    MULTIVERSION static void NAME(const double *a, size_t stride, size_t count, double *out) {        \
        if (count < 8) {                                                                              \
            for (size_t k = 0; k < (R); k++) {                                                        \
                double sum = 0;                                                                       \
                for (size_t i = 0; i < count; i++) sum += a[k * stride + i];                          \
                out[k] = sum;                                                                         \
            }                                                                                         \
            return;                                                                                   \
        }                                                                                             \
        if (count <= 128) { blocks(a, stride, (R), count, 0, out, out); return; }                     \
        size_t half = count / 2;                                                                      \
        half -= half % 8;                                                                             \
        double lo[4], hi[4];                                                                          \
        if (count - half <= 128) {                                                                    \
            blocks(a, stride, (R), half, count - half, lo, hi);                                       \
        } else {                                                                                      \
            NAME(a, stride, half, lo);                                                                \
            NAME(a + half, stride, count - half, hi);                                                 \
        }                                                                                             \
        for (size_t k = 0; k < (R); k++) out[k] = lo[k] + hi[k];                                      \
    }

DEFINE_PAIRWISE_ROWS(pairwise_rows1, 1)
DEFINE_PAIRWISE_ROWS(pairwise_rows4, 4)

double nn_pairwise_sum(const double *a, size_t count) {
    double sum;
    pairwise_rows1(a, 0, count, &sum);
    return sum;
}

void nn_scaled_row_sums(const double *a, size_t rows, size_t m, double scale, double *out) {
    size_t i = 0;
    for (; i + 4 <= rows; i += 4) {
        double sums[4];
        pairwise_rows4(a + i * m, m, m, sums);
        for (int k = 0; k < 4; k++) out[i + k] = scale * sums[k];
    }
    for (; i < rows; i++) out[i] = scale * nn_pairwise_sum(a + i * m, m);
}

void nn_gradient_step(double *restrict next, const double *restrict current, const double *restrict gradient,
                      double alpha, size_t count) {
    for (size_t k = 0; k < count; k++) next[k] = current[k] - alpha * gradient[k];
}
