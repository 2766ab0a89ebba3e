/* The kernels of one CPU variant, included once per variant by kernels.c with VARIANT (the target
 * attribute) and V(name) (the variant's function name) defined: the same source compiled for AVX-512,
 * x86-64-v3 (AVX2 + FMA) and baseline x86-64. The maths they inline is kernels.c's, written with explicit
 * fma() and no other contraction, so every variant gives the same bits (tested: nn_variants_check). */

VARIANT static void V(tanh_bias)(double *restrict z, double *restrict a, const double *restrict bias, size_t rows, size_t m) {
    for (size_t i = 0; i < rows; i++) {
        double b = bias[i];
        double *zr = z + i * m, *ar = a + i * m;
        for (size_t j = 0; j < m; j++) { double v = zr[j] + b; zr[j] = v; ar[j] = nn_tanh(v); }
    }
}

VARIANT static void V(sigmoid_bias)(double *restrict z, double *restrict a, const double *restrict bias, size_t rows, size_t m) {
    for (size_t i = 0; i < rows; i++) {
        double b = bias[i];
        double *zr = z + i * m, *ar = a + i * m;
        for (size_t j = 0; j < m; j++) { double v = zr[j] + b; zr[j] = v; ar[j] = nn_sigmoid(v); }
    }
}

VARIANT static void V(bce_loss)(const double *restrict z, const double *restrict y, double *restrict loss, size_t m) {
    for (size_t j = 0; j < m; j++) loss[j] = softplus(z[j]) - y[j] * z[j];
}

/* The sigmoid output unit and its binary cross-entropy, fused into one pass over the m examples:
 * z ← z + b, a = σ(z), loss = softplus(z) − y·z, δ = a − y. Each value is computed exactly as by the
 * separate passes (nn_sigmoid_bias, nn_bce_loss, the backward pass's A − Y), so the bits are the same. */
VARIANT static void V(sigmoid_bce)(double *restrict z, double *restrict a, const double *restrict y, double *restrict loss,
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

VARIANT static void V(bce_loss_delta)(const double *restrict z, const double *restrict a, const double *restrict y,
                       double *restrict loss, double *restrict delta, size_t m) {
    for (size_t j = 0; j < m; j++) {
        loss[j] = softplus(z[j]) - y[j] * z[j];
        delta[j] = a[j] - y[j];
    }
}

VARIANT static void V(tanh_derivative)(double *restrict dz, const double *restrict a, size_t count) {
    for (size_t k = 0; k < count; k++) dz[k] *= 1 - a[k] * a[k];
}

#define DEFINE_PAIRWISE_ROWS(NAME, R)                                                                  \
    VARIANT static void NAME(const double *a, size_t stride, size_t count, double *out) {        \
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

DEFINE_PAIRWISE_ROWS(V(pairwise_rows1), 1)
DEFINE_PAIRWISE_ROWS(V(pairwise_rows4), 4)
#undef DEFINE_PAIRWISE_ROWS
