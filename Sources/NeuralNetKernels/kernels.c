#include "NeuralNetKernels.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && defined(__linux__)
#define MULTIVERSION __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MULTIVERSION
#endif

static inline double bits_to_double(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
static inline uint64_t double_to_bits(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

static inline double reduce(double y, double *half_scale) {
    const double shifter = 6755399441055744.0;
    double sum = y * 1.4426950408889634 + shifter;
    double k = sum - shifter;
    double r = (y - k * 0.6931471803691238) - k * 1.9082149292705877e-10;
    *half_scale = bits_to_double((double_to_bits(sum) + 1022) << 52);
    double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    double c01 = 1.0 / 2 + r * (1.0 / 6), c23 = 1.0 / 24 + r * (1.0 / 120);
    double c45 = 1.0 / 720 + r * (1.0 / 5040), c67 = 1.0 / 40320 + r * (1.0 / 362880);
    double c89 = 1.0 / 3628800 + r * (1.0 / 39916800), cab = 1.0 / 479001600 + r * (1.0 / 6227020800);
    double c03 = c01 + r2 * c23, c47 = c45 + r2 * c67, c8b = c89 + r2 * cab;
    double q = (c03 + r4 * c47) + r8 * c8b;
    return r + (r * r) * q;
}

static inline double nn_exp(double y) {
    const double overflow = 709.782712893384;
    double c = y < -707 ? -707 : (y > overflow ? overflow : y);
    double half;
    double p = reduce(c, &half);
    double e = 2 * (half + half * p);
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
    double t = (scale - 1) + scale * p;
    return copysign(t / (t + 2), x);
}

static inline double nn_sigmoid(double z) { return 1 / (1 + nn_exp(-z)); }

static inline double log1p_unit(double e) {
    double s = e / (2 + e);
    double s2 = s * s;
    /* Below 2^-120, s² cannot move q off 1/3 (nor the result off 2s), but its powers would underflow into
     * subnormals, which cost a microcode assist per operation: taking it as 0 gives the same bits, fast. */
    double t2 = s2 < 0x1p-120 ? 0 : s2;
    double s4 = t2 * t2, s8 = s4 * s4, s16 = s8 * s8;
    double c01 = 1.0 / 3 + t2 * (1.0 / 5), c23 = 1.0 / 7 + t2 * (1.0 / 9);
    double c45 = 1.0 / 11 + t2 * (1.0 / 13), c67 = 1.0 / 15 + t2 * (1.0 / 17);
    double c89 = 1.0 / 19 + t2 * (1.0 / 21), cab = 1.0 / 23 + t2 * (1.0 / 25);
    double ccd = 1.0 / 27 + t2 * (1.0 / 29), cef = 1.0 / 31 + t2 * (1.0 / 33);
    double c03 = c01 + s4 * c23, c47 = c45 + s4 * c67, c8b = c89 + s4 * cab, ccf = ccd + s4 * cef;
    double q = (c03 + s8 * c47) + s16 * (c8b + s8 * ccf);
    return 2 * s + 2 * s * (t2 * q);
}

static inline double softplus(double x) {
    double m = (0 >= x) ? 0 : x;  /* Swift's max(x, 0): NaN stays NaN */
    return m + log1p_unit(nn_exp(-fabs(x)));
}

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
        double s = nn_sigmoid(v);
        z[j] = v;
        a[j] = s;
        loss[j] = softplus(v) - y[j] * v;
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
 * exactly as PairwiseSum.swift. */
MULTIVERSION
double nn_pairwise_sum(const double *a, size_t count) {
    if (count < 8) {
        double sum = 0;
        for (size_t i = 0; i < count; i++) sum += a[i];
        return sum;
    }
    if (count <= 128) {
        double r[8];
        for (int k = 0; k < 8; k++) r[k] = a[k];
        size_t i = 8, end = count - count % 8;
        for (; i < end; i += 8)
            for (int k = 0; k < 8; k++) r[k] += a[i + k];
        double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < count; i++) sum += a[i];
        return sum;
    }
    size_t half = count / 2;
    half -= half % 8;
    return nn_pairwise_sum(a, half) + nn_pairwise_sum(a + half, count - half);
}

void nn_scaled_row_sums(const double *a, size_t rows, size_t m, double scale, double *out) {
    for (size_t i = 0; i < rows; i++) out[i] = scale * nn_pairwise_sum(a + i * m, m);
}

void nn_gradient_step(double *restrict next, const double *restrict current, const double *restrict gradient,
                      double alpha, size_t count) {
    for (size_t k = 0; k < count; k++) next[k] = current[k] - alpha * gradient[k];
}
