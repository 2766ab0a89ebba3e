/* scripts/bench's dgemm case: the peak of the OpenBLAS shallow links (a 2000 × 2000 × 2000 product) and the rate
 * of the two products of one 60,000 × 784 → 128 training iteration, called as shallow calls them (row-major;
 * Z1 = W1·X, then dW1 = (1/m)·dZ1·Xᵀ), on the thread count shallow's policy gives products this large (all
 * cores). Best of REPEAT (argv[1]) runs each. Prints "name GFLOPS" lines. */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static double *filled(size_t count) {
    double *p = malloc(sizeof(double) * count);
    if (!p) { fprintf(stderr, "bench_gemm: out of memory\n"); exit(1); }
    for (size_t i = 0; i < count; i++) p[i] = (double)((i * 2654435761u) % 1000) / 1000.0 - 0.5;
    return p;
}

int main(int argc, char **argv) {
    int repeat = argc > 1 ? atoi(argv[1]) : 5;
    if (repeat < 1) repeat = 1;
    const int n = 2000, M = 128, K = 784, m = 60000;
    double *A = filled((size_t)n * n), *B = filled((size_t)n * n), *C = filled((size_t)n * n);
    double *W = filled((size_t)M * K), *X = filled((size_t)K * m), *Z = filled((size_t)M * m), *G = filled((size_t)M * K);
    double peak = 0, forward = 0, gradient = 0;
    for (int r = 0; r < repeat; r++) {
        double t = now();
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, A, n, B, n, 0, C, n);
        double rate = 2.0 * n * n * n / (now() - t) / 1e9;
        if (rate > peak) peak = rate;
        t = now();
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, M, m, K, 1, W, K, X, m, 0, Z, m);
        rate = 2.0 * M * K * m / (now() - t) / 1e9;
        if (rate > forward) forward = rate;
        t = now();
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, M, K, m, 1.0 / m, Z, m, X, m, 0, G, K);
        rate = 2.0 * M * K * m / (now() - t) / 1e9;
        if (rate > gradient) gradient = rate;
    }
    printf("threads %d kernel %s\n", openblas_get_num_threads(), openblas_get_corename());
    printf("peak %.1f\nforward %.1f\ngradient %.1f\n", peak, forward, gradient);
    return 0;
}
