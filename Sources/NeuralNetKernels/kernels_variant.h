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

/* nn_sigmoid_bce's pass for a training step, which needs the summed loss and not each example's: z ← z + b,
 * a = σ(z), δ = a − y (the same bits), and the return value Σ_j softplus(z_j) − y_j·z_j computed as
 *   Σ_j (max(z_j, 0) − y_j·z_j) + log Π_j u_j,   u_j = 1 + e^−|z_j| ∈ [1, 2],
 * so the logarithm is taken 8 times (once per lane) instead of m times. Each lane's product is brought back to
 * [1, 2) every 512 factors (at most 2^512 before) with its power of two counted apart. A factor's rounding moves
 * the product by ≤ ε/2 relatively, so the result is within m·ε/2 of the exact log-sum, plus the sums' rounding. */
VARIANT static double V(sigmoid_bce_total)(double *restrict z, double *restrict a, const double *restrict y,
                                           double *restrict delta, double bias, size_t m) {
    double linear[8] = {0, 0, 0, 0, 0, 0, 0, 0}, product[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    double twos[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t j = 0, since = 0;
    for (; j + 8 <= m; j += 8) {
        for (int l = 0; l < 8; l++) {
            double v = z[j + l] + bias, s, u;
            sigmoid_and_u(v, &s, &u);
            z[j + l] = v;
            a[j + l] = s;
            delta[j + l] = s - y[j + l];
            double positive = (0 >= v) ? 0 : v;
            linear[l] += positive - y[j + l] * v;
            product[l] *= u;
        }
        if (++since == 512) {
            since = 0;
            for (int l = 0; l < 8; l++) normalize_product(&product[l], &twos[l]);
        }
    }
    for (int l = 0; j < m; j++, l++) {
        double v = z[j] + bias, s, u;
        sigmoid_and_u(v, &s, &u);
        z[j] = v;
        a[j] = s;
        delta[j] = s - y[j];
        double positive = (0 >= v) ? 0 : v;
        linear[l] += positive - y[j] * v;
        product[l] *= u;
    }
    double logs[8];
    for (int l = 0; l < 8; l++) {
        normalize_product(&product[l], &twos[l]);
        logs[l] = twos[l] * LN2_HI + (log_of_unit_interval(product[l]) + twos[l] * LN2_LO);
    }
    double lin = ((linear[0] + linear[1]) + (linear[2] + linear[3])) + ((linear[4] + linear[5]) + (linear[6] + linear[7]));
    double lg = ((logs[0] + logs[1]) + (logs[2] + logs[3])) + ((logs[4] + logs[5]) + (logs[6] + logs[7]));
    return lin + lg;
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

/* One hidden layer of n_h units over n_x ≤ NN_FUSED_MAX_INPUTS inputs and one sigmoid output unit with binary
 * cross-entropy: the forward pass, the cost and the backward pass of examples [0, count) fused into one sweep
 * over blocks of `block` examples whose hidden values stay in cache (nn_shallow_block_size), with no BLAS call:
 *   Z1 = W1·X + b1, A1 = g(Z1), z2 = W2·A1 + b2, loss = softplus(z2) − y·z2,     (forward, cost)
 *   δ2 = σ(z2) − y, δ1 = W2ᵀ·δ2 ∗ g′(Z1),                                        (backward)
 * and the per-example terms of dW1 = δ1·Xᵀ, db1 = Σ δ1, dW2 = δ2·A1ᵀ, db2 = Σ δ2 summed into `acc`, NN_LANES
 * partial sums per value (example j adds to lane j mod NN_LANES), laid out as the gradients (dW1 n_h×n_x, db1,
 * dW2, db2) followed by the loss. Each pass is a plain loop over a block's examples, so it vectorizes and keeps
 * many independent evaluations of tanh or σ in flight. `hidden` holds one block's Z1 and A1 (2·n_h·block) and
 * its z2, δ2 and 1 + e^−|z2| (3·block). Every value is computed as by the separate passes (products summed over k in order,
 * then the bias added; the same inline functions), so the variants agree bit for bit. */
/* acc[j mod NN_LANES] += a[j] (resp. a[j]·b[j]) for j < n: NN_LANES independent sums, whole vectors at a time. */
VARIANT static inline __attribute__((always_inline)) void V(lane_sum)(double *restrict acc, const double *restrict a,
                                                                     size_t n) {
    size_t j = 0;
    for (; j + NN_LANES <= n; j += NN_LANES)
        for (size_t l = 0; l < NN_LANES; l++) acc[l] += a[j + l];
    for (size_t l = 0; j + l < n; l++) acc[l] += a[j + l];
}
VARIANT static inline __attribute__((always_inline)) void V(lane_dot)(double *restrict acc, const double *restrict a,
                                                                     const double *restrict b, size_t n) {
    size_t j = 0;
    for (; j + NN_LANES <= n; j += NN_LANES)
        for (size_t l = 0; l < NN_LANES; l++) acc[l] += a[j + l] * b[j + l];
    for (size_t l = 0; j + l < n; l++) acc[l] += a[j + l] * b[j + l];
}

/* The backward pass of one tanh hidden unit over a block, in one loop: δ1 = (w2·δ2)·(1 − a²) (not stored), and the
 * lane sums dW2 += δ2·a, db1 += δ1, dW1[k] += δ1·x_k — each lane receiving the same terms in the same order as the
 * separate passes (lane_dot, lane_sum) give it, so the same bits. `nx` is a constant at each call (1 to 4): the
 * 2 + nx accumulators of NN_LANES lanes stay in registers. */
VARIANT static inline __attribute__((always_inline)) void V(tanh_unit_backward)(
    const size_t nx, double w2, const double *restrict d2, const double *restrict a, const double *restrict x,
    size_t ldx, size_t n, double *restrict gw2, double *restrict gb1, double *restrict gw1) {
    double s_w2[NN_LANES], s_b1[NN_LANES], s_w1[4][NN_LANES];
    for (size_t l = 0; l < NN_LANES; l++) {
        s_w2[l] = gw2[l]; s_b1[l] = gb1[l];
        for (size_t k = 0; k < nx; k++) s_w1[k][l] = gw1[k * NN_LANES + l];
    }
    size_t j = 0;
    for (; j + NN_LANES <= n; j += NN_LANES)
        for (size_t l = 0; l < NN_LANES; l++) {
            double dv = d2[j + l], av = a[j + l];
            double dz = (w2 * dv) * (1 - av * av);
            s_w2[l] += dv * av;
            s_b1[l] += dz;
            for (size_t k = 0; k < nx; k++) s_w1[k][l] += dz * x[k * ldx + j + l];
        }
    for (size_t l = 0; j + l < n; l++) {
        double dv = d2[j + l], av = a[j + l];
        double dz = (w2 * dv) * (1 - av * av);
        s_w2[l] += dv * av;
        s_b1[l] += dz;
        for (size_t k = 0; k < nx; k++) s_w1[k][l] += dz * x[k * ldx + j + l];
    }
    for (size_t l = 0; l < NN_LANES; l++) {
        gw2[l] = s_w2[l]; gb1[l] = s_b1[l];
        for (size_t k = 0; k < nx; k++) gw1[k * NN_LANES + l] = s_w1[k][l];
    }
}

VARIANT static void V(shallow_sums)(const double *restrict x, size_t ldx, const double *restrict y, size_t count,
                                    size_t nx, size_t nh, const double *restrict W1, const double *restrict b1,
                                    const double *restrict W2, double b2, int activation, double slope,
                                    double *restrict acc, double *restrict hidden, size_t block) {
    double *restrict Z = hidden, *restrict A = hidden + nh * block;
    double *restrict z2 = A + nh * block, *restrict d2 = z2 + block, *restrict us = d2 + block;
    double *dW1 = acc, *db1 = acc + nh * nx * NN_LANES, *dW2 = db1 + nh * NN_LANES, *db2 = dW2 + nh * NN_LANES;
    double *loss = db2 + NN_LANES;
    /* The lecture's shape (tanh, few inputs) takes the one-loop rows below, forward and backward. */
    const int fused_tanh = activation == NN_ACTIVATION_TANH && nx <= 4;
    for (size_t j0 = 0; j0 < count; j0 += block) {
        const size_t n = count - j0 < block ? count - j0 : block;
        const double *restrict xb = x + j0, *restrict yb = y + j0;
        /* Z1 = W1·X + b1 and A1 = g(Z1), one hidden unit (row) at a time. */
        for (size_t h = 0; h < nh; h++) {
            const double *w = W1 + h * nx;
            double *restrict zr = Z + h * block, *restrict ar = A + h * block;
            const double b = b1[h];
            /* The tanh unit with up to 4 inputs in one pass, Z1 in registers: w·x summed over k in order, then
             * + b, as the general passes below (the same bits); only A1 is stored (tanh_unit_backward needs no Z1),
             * and its term of z2 = W2·A1 is added at once, unit by unit in order as the pass below adds them. */
            if (fused_tanh) {
                const double *restrict x0 = xb, *restrict x1 = xb + ldx, *restrict x2 = xb + 2 * ldx, *restrict x3 = xb + 3 * ldx;
                const double w2 = W2[h];
#define TANH_ROW(Z1)                                                                                                 \
    do {                                                                                                             \
        if (h == 0) for (size_t j = 0; j < n; j++) { double a_ = nn_tanh((Z1) + b); ar[j] = a_; z2[j] = w2 * a_; }  \
        else for (size_t j = 0; j < n; j++) { double a_ = nn_tanh((Z1) + b); ar[j] = a_; z2[j] = z2[j] + w2 * a_; } \
    } while (0)
                switch (nx) {
                case 1: TANH_ROW(w[0] * x0[j]); break;
                case 2: TANH_ROW(w[0] * x0[j] + w[1] * x1[j]); break;
                case 3: TANH_ROW((w[0] * x0[j] + w[1] * x1[j]) + w[2] * x2[j]); break;
                default: TANH_ROW(((w[0] * x0[j] + w[1] * x1[j]) + w[2] * x2[j]) + w[3] * x3[j]); break;
                }
#undef TANH_ROW
                continue;
            }
            for (size_t j = 0; j < n; j++) zr[j] = w[0] * xb[j];
            for (size_t k = 1; k < nx; k++) {
                const double wk = w[k], *restrict xk = xb + k * ldx;
                for (size_t j = 0; j < n; j++) zr[j] = zr[j] + wk * xk[j];
            }
            switch (activation) {
            case NN_ACTIVATION_SIGMOID: for (size_t j = 0; j < n; j++) { double v = zr[j] + b; zr[j] = v; ar[j] = nn_sigmoid(v); } break;
            case NN_ACTIVATION_TANH: for (size_t j = 0; j < n; j++) { double v = zr[j] + b; zr[j] = v; ar[j] = nn_tanh(v); } break;
            case NN_ACTIVATION_RELU: for (size_t j = 0; j < n; j++) { double v = zr[j] + b; zr[j] = v; ar[j] = v > 0 ? v : 0; } break;
            case NN_ACTIVATION_LEAKY: for (size_t j = 0; j < n; j++) { double v = zr[j] + b; zr[j] = v; ar[j] = v >= 0 ? v : slope * v; } break;
            default: for (size_t j = 0; j < n; j++) { double v = zr[j] + b; zr[j] = v; ar[j] = v; } break;
            }
        }
        /* z2 = W2·A1 + b2 (already summed by the tanh rows); the loss and δ2 = σ(z2) − y. */
        if (!fused_tanh) {
            for (size_t j = 0; j < n; j++) z2[j] = W2[0] * A[j];
            for (size_t h = 1; h < nh; h++) {
                const double w = W2[h], *restrict ar = A + h * block;
                for (size_t j = 0; j < n; j++) z2[j] = z2[j] + w * ar[j];
            }
        }
        /* The loss as in nn_sigmoid_bce_total: Σ (max(z2, 0) − y·z2) + log Π (1 + e^−|z2|), one logarithm per
         * lane per block (at most 512 / NN_LANES = 16 factors of at most 2 each: no overflow). */
        for (size_t j = 0; j < n; j++) {
            double v = z2[j] + b2, s, u;
            sigmoid_and_u(v, &s, &u);
            double positive = (0 >= v) ? 0 : v;
            z2[j] = positive - yb[j] * v;
            d2[j] = s - yb[j];
            us[j] = u;
        }
        /* Lane sums: example j of the block adds to lane j mod NN_LANES (block is a multiple of NN_LANES). */
        V(lane_sum)(loss, z2, n);
        double product[NN_LANES];
        for (size_t l = 0; l < NN_LANES; l++) product[l] = 1;
        size_t j1 = 0;
        for (; j1 + NN_LANES <= n; j1 += NN_LANES)
            for (size_t l = 0; l < NN_LANES; l++) product[l] *= us[j1 + l];
        for (size_t l = 0; j1 + l < n; l++) product[l] *= us[j1 + l];
        for (size_t l = 0; l < NN_LANES; l++) {
            double twos = 0;
            normalize_product(&product[l], &twos);
            loss[l] += twos * LN2_HI + (log_of_unit_interval(product[l]) + twos * LN2_LO);
        }
        V(lane_sum)(db2, d2, n);
        for (size_t h = 0; h < nh; h++) {
            const double w2 = W2[h];
            const double *restrict ar = A + h * block, *restrict zr = Z + h * block;
            double *restrict dz = Z + h * block;  /* δ1 of unit h overwrites its Z1 (read first) */
            if (fused_tanh) {
                switch (nx) {
                case 1: V(tanh_unit_backward)(1, w2, d2, ar, xb, ldx, n, dW2 + h * NN_LANES, db1 + h * NN_LANES, dW1 + h * nx * NN_LANES); break;
                case 2: V(tanh_unit_backward)(2, w2, d2, ar, xb, ldx, n, dW2 + h * NN_LANES, db1 + h * NN_LANES, dW1 + h * nx * NN_LANES); break;
                case 3: V(tanh_unit_backward)(3, w2, d2, ar, xb, ldx, n, dW2 + h * NN_LANES, db1 + h * NN_LANES, dW1 + h * nx * NN_LANES); break;
                default: V(tanh_unit_backward)(4, w2, d2, ar, xb, ldx, n, dW2 + h * NN_LANES, db1 + h * NN_LANES, dW1 + h * nx * NN_LANES); break;
                }
                continue;
            }
            switch (activation) {
            case NN_ACTIVATION_SIGMOID: for (size_t j = 0; j < n; j++) dz[j] = (w2 * d2[j]) * (ar[j] * (1 - ar[j])); break;
            case NN_ACTIVATION_TANH: for (size_t j = 0; j < n; j++) dz[j] = (w2 * d2[j]) * (1 - ar[j] * ar[j]); break;
            case NN_ACTIVATION_RELU: for (size_t j = 0; j < n; j++) dz[j] = (w2 * d2[j]) * (zr[j] >= 0 ? 1 : 0); break;
            case NN_ACTIVATION_LEAKY: for (size_t j = 0; j < n; j++) dz[j] = (w2 * d2[j]) * (zr[j] >= 0 ? 1 : slope); break;
            default: for (size_t j = 0; j < n; j++) dz[j] = w2 * d2[j]; break;
            }
            double *restrict gw2 = dW2 + h * NN_LANES, *restrict gb1 = db1 + h * NN_LANES;
            V(lane_dot)(gw2, d2, ar, n);
            V(lane_sum)(gb1, dz, n);
            for (size_t k = 0; k < nx; k++) {
                double *restrict gw1 = dW1 + (h * nx + k) * NN_LANES;
                const double *restrict xk = xb + k * ldx;
                V(lane_dot)(gw1, dz, xk, n);
            }
        }
    }
}

/* The backward pass through a single output unit, fused over the last hidden layer's (rows, m) values, read once
 * (instead of three passes: two BLAS products with a dimension of 1 and the derivative pass):
 *   dW[L][h] = (1/m)·Σ_j δ[j]·A[h][j]              (the lecture's dW2 = (1/m)·dZ2·A1ᵀ; 8 lane sums)
 *   dZ[h][j] = (W[L][h]·δ[j]) ∗ g′(Z[h][j])         (dZ1 = W2ᵀ·dZ2 ∗ g′(Z1): the same bits as the separate passes)
 * g′ as in Activation.multiplyByDerivative: from a for sigmoid and tanh, from z for the piecewise ones. */
#define OUTPUT_BACKWARD_ROW(DERIVATIVE)                                                                      \
    do {                                                                                                     \
        size_t j = 0;                                                                                        \
        for (; j + 8 <= m; j += 8) {                                                                         \
            v8d dv, av, zv, out;                                                                             \
            load8(&dv, delta + j); load8(&av, ar + j); load8(&zv, zr + j);                                   \
            acc += dv * av;                                                                                  \
            for (int l = 0; l < 8; l++) { double a_ = av[l], z_ = zv[l]; (void)a_; (void)z_; out[l] = (wh * dv[l]) * (DERIVATIVE); } \
            memcpy(dr + j, &out, sizeof out);                                                                \
        }                                                                                                    \
        for (; j < m; j++) {                                                                                 \
            double a_ = ar[j], z_ = zr[j]; (void)a_; (void)z_;                                               \
            tail += delta[j] * a_;                                                                           \
            dr[j] = (wh * delta[j]) * (DERIVATIVE);                                                          \
        }                                                                                                    \
    } while (0)

VARIANT static void V(output_backward)(const double *restrict a, const double *restrict z,
                                       const double *restrict delta, const double *restrict w, size_t rows, size_t m,
                                       int activation, double slope, double inverse_m, double *restrict dw,
                                       double *restrict dz) {
    for (size_t h = 0; h < rows; h++) {
        const double *restrict ar = a + h * m, *restrict zr = z + h * m;
        double *restrict dr = dz + h * m;
        const double wh = w[h];
        v8d acc = {0, 0, 0, 0, 0, 0, 0, 0};
        double tail = 0;
        switch (activation) {
        case NN_ACTIVATION_SIGMOID: OUTPUT_BACKWARD_ROW(a_ * (1 - a_)); break;
        case NN_ACTIVATION_TANH: OUTPUT_BACKWARD_ROW(1 - a_ * a_); break;
        case NN_ACTIVATION_RELU: OUTPUT_BACKWARD_ROW(z_ >= 0 ? 1 : 0); break;
        case NN_ACTIVATION_LEAKY: OUTPUT_BACKWARD_ROW(z_ >= 0 ? 1 : slope); break;
        default: OUTPUT_BACKWARD_ROW(1); break;
        }
        dw[h] = inverse_m * lanes_total(&acc, tail);
    }
}

/* Products with a short side, without BLAS. out (rows × m) = W (rows × cols) · P (cols × m): each output is
 * Σ_k W[h][k]·P[k][j] summed over k in order (the fused kernel's order). With 1–4 inputs (the lecture's 2),
 * eight columns at a time with every sum in a register; otherwise over column blocks of 512 that keep the output
 * row in L1 while P streams through. */
#define DEFINE_PRODUCT_COLUMNS(KC)                                                                             \
    VARIANT static inline __attribute__((always_inline)) void V(product_columns##KC)(                         \
        const double *restrict W, const double *restrict P, size_t rows, size_t m, double *restrict out) {    \
        size_t j = 0;                                                                                          \
        for (; j + 8 <= m; j += 8) {                                                                           \
            v8d p[KC];                                                                                         \
            for (int k = 0; k < (KC); k++) load8(&p[k], P + k * m + j);                                        \
            for (size_t h = 0; h < rows; h++) {                                                                \
                const double *w = W + h * (KC);                                                                \
                v8d sum = w[0] * p[0];                                                                         \
                for (int k = 1; k < (KC); k++) sum = sum + w[k] * p[k];                                        \
                memcpy(out + h * m + j, &sum, sizeof sum);                                                     \
            }                                                                                                  \
        }                                                                                                      \
        for (; j < m; j++)                                                                                     \
            for (size_t h = 0; h < rows; h++) {                                                                \
                const double *w = W + h * (KC);                                                                \
                double sum = w[0] * P[j];                                                                      \
                for (int k = 1; k < (KC); k++) sum = sum + w[k] * P[k * m + j];                                \
                out[h * m + j] = sum;                                                                          \
            }                                                                                                  \
    }
DEFINE_PRODUCT_COLUMNS(1)
DEFINE_PRODUCT_COLUMNS(2)
DEFINE_PRODUCT_COLUMNS(3)
DEFINE_PRODUCT_COLUMNS(4)
#undef DEFINE_PRODUCT_COLUMNS

VARIANT static void V(skinny_product)(const double *restrict W, const double *restrict P, size_t rows, size_t cols,
                                      size_t m, double *restrict out) {
    switch (cols) {
    case 1: V(product_columns1)(W, P, rows, m, out); return;
    case 2: V(product_columns2)(W, P, rows, m, out); return;
    case 3: V(product_columns3)(W, P, rows, m, out); return;
    case 4: V(product_columns4)(W, P, rows, m, out); return;
    default: break;
    }
    for (size_t j0 = 0; j0 < m; j0 += 512) {
        const size_t n = m - j0 < 512 ? m - j0 : 512;
        for (size_t h = 0; h < rows; h++) {
            const double *w = W + h * cols;
            double *restrict o = out + h * m + j0;
            const double *restrict p0 = P + j0;
            for (size_t j = 0; j < n; j++) o[j] = w[0] * p0[j];
            for (size_t k = 1; k < cols; k++) {
                const double wk = w[k], *restrict pk = P + k * m + j0;
                for (size_t j = 0; j < n; j++) o[j] = o[j] + wk * pk[j];
            }
        }
    }
}

/* G (rows × cols) = scale · D (rows × m) · P (cols × m)ᵀ, the gradient dW = (1/m)·dZ·A_prevᵀ of a layer with a short
 * side: each entry a dot product over the m examples in 8 lane sums (plus the scalar tail), KC inputs per pass over
 * a row of D so that their sums stay in registers. */
#define DEFINE_GRADIENT_BLOCK(KC)                                                                              \
    VARIANT static inline __attribute__((always_inline)) void V(gradient_block##KC)(                          \
        const double *restrict d, const double *restrict P, size_t m, double scale, double *restrict g) {     \
        v8d acc[KC];                                                                                           \
        double tail[KC];                                                                                       \
        for (int k = 0; k < (KC); k++) { memset(&acc[k], 0, sizeof acc[k]); tail[k] = 0; }                     \
        size_t j = 0;                                                                                          \
        for (; j + 8 <= m; j += 8) {                                                                           \
            v8d dv, p;                                                                                         \
            load8(&dv, d + j);                                                                                 \
            for (int k = 0; k < (KC); k++) { load8(&p, P + k * m + j); acc[k] += dv * p; }                     \
        }                                                                                                      \
        for (; j < m; j++)                                                                                     \
            for (int k = 0; k < (KC); k++) tail[k] += d[j] * P[k * m + j];                                     \
        for (int k = 0; k < (KC); k++) g[k] = scale * lanes_total(&acc[k], tail[k]);                           \
    }
DEFINE_GRADIENT_BLOCK(1)
DEFINE_GRADIENT_BLOCK(2)
DEFINE_GRADIENT_BLOCK(4)
DEFINE_GRADIENT_BLOCK(8)
#undef DEFINE_GRADIENT_BLOCK

VARIANT static void V(skinny_gradient)(const double *restrict D, const double *restrict P, size_t rows, size_t cols,
                                       size_t m, double scale, double *restrict G) {
    for (size_t h = 0; h < rows; h++) {
        const double *d = D + h * m;
        double *g = G + h * cols;
        size_t k = 0;
        for (; k + 8 <= cols; k += 8) V(gradient_block8)(d, P + k * m, m, scale, g + k);
        if (k + 4 <= cols) { V(gradient_block4)(d, P + k * m, m, scale, g + k); k += 4; }
        if (k + 2 <= cols) { V(gradient_block2)(d, P + k * m, m, scale, g + k); k += 2; }
        if (k < cols) V(gradient_block1)(d, P + k * m, m, scale, g + k);
    }
}
