#ifndef NEURALNET_KERNELS_H
#define NEURALNET_KERNELS_H
#include <stddef.h>
/// Element-wise kernels of the training loop, compiled for AVX-512, x86-64-v3 (AVX2 + FMA) and baseline x86-64
/// and chosen when the library loads (function multi-versioning). The elementary functions exist once, here:
/// explicit fma() where the maths has one and no other contraction, so every variant gives the same bits, and
/// Swift's scalar callers (NeuralNet/Elementary.swift) call the scalar entry points below.
double nn_exp_scalar(double y);
double nn_tanh_scalar(double x);
double nn_sigmoid_scalar(double x);
double nn_softplus_scalar(double x);
/// 2·atanh(s) = log((1 + s)/(1 − s)) for s in [0, 1/3].
double nn_log_atanh_scalar(double s);
void nn_tanh_bias(double *z, double *a, const double *bias, size_t rows, size_t m);
void nn_sigmoid_bias(double *z, double *a, const double *bias, size_t rows, size_t m);
void nn_bce_loss(const double *z, const double *y, double *loss, size_t m);
/// The sigmoid output unit with binary cross-entropy in one pass: z ← z + bias, a = σ(z),
/// loss = softplus(z) − y·z, delta = a − y.
void nn_sigmoid_bce(double *z, double *a, const double *y, double *loss, double *delta, double bias, size_t m);
/// nn_sigmoid_bce without the per-example losses: z ← z + bias, a = σ(z), delta = a − y (the same bits), and returns
/// Σ softplus(z) − y·z, with one logarithm per lane of products of 1 + e^−|z| (within m·ε/2 of the exact sum).
double nn_sigmoid_bce_total(double *z, double *a, const double *y, double *delta, double bias, size_t m);
/// loss = softplus(z) − y·z and delta = a − y, for a sigmoid output already applied.
void nn_bce_loss_delta(const double *z, const double *a, const double *y, double *loss, double *delta, size_t m);
/// dz ← dz · (1 − a²), tanh′ from a = tanh(z).
void nn_tanh_derivative(double *dz, const double *a, size_t count);
/// numpy's pairwise summation (8 accumulators, blocks of 128, halves rounded down to a multiple of 8).
double nn_pairwise_sum(const double *a, size_t count);
/// out[i] = scale · pairwise sum of row i of the (rows, m) row-major matrix a.
void nn_scaled_row_sums(const double *a, size_t rows, size_t m, double scale, double *out);
/// next = current − alpha · gradient (plain gradient descent into the other parameter buffer).
void nn_gradient_step(double *next, const double *current, const double *gradient, double alpha, size_t count);
/// The hidden activations of the fused one-hidden-layer kernel (Activation in NeuralNet).
enum { NN_ACTIVATION_SIGMOID = 0, NN_ACTIVATION_TANH = 1, NN_ACTIVATION_RELU = 2, NN_ACTIVATION_LEAKY = 3,
       NN_ACTIVATION_LINEAR = 4 };
/// The widest input the fused kernel takes (its inputs stay in registers).
enum { NN_FUSED_MAX_INPUTS = 16 };
/// Doubles of scratch memory one thread of nn_shallow_sums_chunked needs for n_h hidden units over n_x inputs.
size_t nn_shallow_scratch_count(size_t nx, size_t nh);
/// One hidden layer (activation g, n_h units, n_x ≤ NN_FUSED_MAX_INPUTS inputs) and one sigmoid output with binary
/// cross-entropy, forward + cost + backward fused over the m examples x[k·m + j], y[j], cut into `chunks` chunks of
/// `chunk` examples (the last one shorter) run on up to `max_threads` threads of the worker pool. Chunk c writes the
/// sums over its examples of the per-example gradient terms and losses to partials[c·values], laid out as the
/// parameters (dW1 n_h×n_x, db1 n_h, dW2 n_h, db2) followed by the loss: values = n_h·n_x + 2·n_h + 2, not yet
/// divided by m — for the caller to add in chunk order, the same bits on any number of threads. `scratch` holds
/// nn_shallow_scratch_count(nx, nh) doubles per thread: min(max_threads, chunks, nn_pool_participants()).
void nn_shallow_sums_chunked(const double *x, const double *y, size_t m, size_t nx, size_t nh, const double *W1,
                             const double *b1, const double *W2, double b2, int activation, double slope,
                             size_t chunk, size_t chunks, size_t max_threads, double *scratch, double *partials);
/// A task of a pool job: `task` < the job's task count, `participant` < its thread count (0 is the caller).
typedef void (*nn_task_function)(void *context, size_t task, size_t participant);
/// The threads a pool job can run on: the caller and one persistent worker per other usable CPU.
size_t nn_pool_participants(void);
/// Runs function(context, t, p) for every t < tasks on up to max_participants threads (the caller among them)
/// and returns when all are done. Tasks must be independent; the caller combines their results in task order.
void nn_pool_run(size_t tasks, size_t max_participants, nn_task_function function, void *context);
/// The backward pass through one output unit over the last hidden layer's a, z (rows × m) and δ (m): dw[h] =
/// inverse_m · Σ_j δ[j]·a[h][j], and dz[h][j] = (w[h]·δ[j]) · g′ — reading a once.
void nn_output_backward(const double *a, const double *z, const double *delta, const double *w, size_t rows, size_t m,
                        int activation, double slope, double inverse_m, double *dw, double *dz);
/// out (rows × m) = W (rows × cols) · P (cols × m) without BLAS, for products with a short side.
void nn_skinny_product(const double *W, const double *P, size_t rows, size_t cols, size_t m, double *out);
/// G (rows × cols) = scale · D (rows × m) · P (cols × m)ᵀ without BLAS (lane sums over m).
void nn_skinny_gradient(const double *D, const double *P, size_t rows, size_t cols, size_t m, double scale, double *G);
/// Whether this CPU runs kernel variant v (0 baseline x86-64, 1 x86-64-v3, 2 AVX-512); the kernels run the highest.
int nn_variant_supported(int variant);
/// Every kernel in every supported variant on the same inputs (z and y: m values each), compared bit for bit with
/// the baseline: 0 when all agree, else 100·variant + the kernel's number (see kernels.c); −1 out of memory.
int nn_variants_check(const double *z, const double *y, size_t m);
#endif
