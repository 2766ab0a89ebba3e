#!/usr/bin/env python3
"""The reference side of `scripts/bench`'s scaling table: the lecture's numpy loop (scripts/bench_flower.py's
forward_propagation, compute_cost, backward_propagation, update_parameters, full batch, tanh hidden layer,
sigmoid output, lr 1.2) on random data of any size.

    scripts/bench_scaling.py --examples M --features N --hidden H [--iterations I] [--repeat R]

The data: X ~ N(0, 1) of shape (N, M), numpy seed 1, labels x1 + x2 > 0. Prints `numpy: I iterations in S s`,
the best of R runs (data generation and initialisation not timed, as shallow's `train` does not time them).
numpy runs with its own OpenBLAS and its own thread count, unchanged.
"""
import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_flower import nn_model  # noqa: E402  (the assignment's loop, shared with the flower case)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, required=True)
    parser.add_argument("--features", type=int, default=2)
    parser.add_argument("--hidden", type=int, default=4)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    np.seterr(all="ignore")  # a random-label run may saturate a unit (log 0): the work is the same
    np.random.seed(1)
    X = np.random.randn(args.features, args.examples)
    Y = (X[0:1] + X[1:2] > 0).astype(np.float64) if args.features > 1 else (X[0:1] > 0).astype(np.float64)
    best = float("inf")
    for _ in range(max(args.repeat, 1)):
        _, seconds = nn_model(X, Y, args.hidden, args.iterations)
        best = min(best, seconds)
    print("numpy: %d iterations in %.6f s" % (args.iterations, best))


if __name__ == "__main__":
    main()
