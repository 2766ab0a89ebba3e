#!/usr/bin/env python3
"""The lecture's numpy assignment (planar data classification with one hidden layer), as plain numpy.

This is the reference side of `scripts/bench`: the same algorithm shallow runs for `load flower;
init random scale=0.01 seed=2; train N` — forward_propagation, compute_cost, backward_propagation,
update_parameters, once per iteration, full batch, tanh hidden layer, sigmoid output, lr 1.2 — written
the way the assignment writes it, so the timing is what a student's notebook would see.

    scripts/bench_flower.py [--iterations 10000] [--hidden 4] [--repeat 3] [--accuracy] [--print-cost]

Prints `numpy: N iterations in S s` (the best of --repeat runs; data generation and initialisation are not
timed, as shallow's `train` does not time them either). `--hidden 0` is logistic regression (a single
sigmoid unit), the notebook's baseline.
"""
import argparse
import time

import numpy as np


def load_planar_dataset():
    """The assignment's flower: two classes on the rose curve r = 4·sin(4t), numpy seed 1."""
    np.random.seed(1)
    m = 400
    N = int(m / 2)
    D = 2
    X = np.zeros((m, D))
    Y = np.zeros((m, 1), dtype="uint8")
    a = 4
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2
        r = a * np.sin(4 * t) + np.random.randn(N) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(2)
    if n_h == 0:  # logistic regression: one layer, W (n_y, n_x)
        return {"W": np.random.randn(n_y, n_x) * 0.01, "b": np.zeros((n_y, 1))}
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def forward_propagation(X, parameters):
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    return float(-np.sum(logprobs) / m)


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    return {
        "W1": parameters["W1"] - learning_rate * grads["dW1"],
        "b1": parameters["b1"] - learning_rate * grads["db1"],
        "W2": parameters["W2"] - learning_rate * grads["dW2"],
        "b2": parameters["b2"] - learning_rate * grads["db2"],
    }


def nn_model(X, Y, n_h, num_iterations, print_cost=False):
    parameters = initialize_parameters(X.shape[0], n_h, Y.shape[0])
    start = time.perf_counter()
    for i in range(0, num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
    return parameters, time.perf_counter() - start


def predict(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return A2 > 0.5


# Logistic regression (no hidden layer) with the same loop: the network shallow trains after `set hidden 0`.
def logistic_model(X, Y, num_iterations, learning_rate=1.2, print_cost=False):
    parameters = initialize_parameters(X.shape[0], 0, Y.shape[0])
    W, b = parameters["W"], parameters["b"]
    m = X.shape[1]
    start = time.perf_counter()
    for i in range(num_iterations):
        A = sigmoid(np.dot(W, X) + b)
        cost = float(-np.sum(np.multiply(np.log(A), Y) + np.multiply(np.log(1 - A), 1 - Y)) / m)
        dZ = A - Y
        dW = (1 / m) * np.dot(dZ, X.T)
        db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
        W = W - learning_rate * dW
        b = b - learning_rate * db
        if print_cost and i % 1000 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
    return {"W": W, "b": b}, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=10000)
    parser.add_argument("--hidden", type=int, default=4, help="hidden units n_h (0: logistic regression)")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best time is printed")
    parser.add_argument("--accuracy", action="store_true", help="print the training accuracy")
    parser.add_argument("--print-cost", action="store_true")
    args = parser.parse_args()

    X, Y = load_planar_dataset()
    best = float("inf")
    for _ in range(max(args.repeat, 1)):
        if args.hidden == 0:
            parameters, seconds = logistic_model(X, Y, args.iterations, print_cost=args.print_cost)
            predictions = sigmoid(np.dot(parameters["W"], X) + parameters["b"]) > 0.5
        else:
            parameters, seconds = nn_model(X, Y, args.hidden, args.iterations, print_cost=args.print_cost)
            predictions = predict(parameters, X)
        best = min(best, seconds)
        args.print_cost = False
    print("numpy: %d iterations in %.4f s" % (args.iterations, best))
    if args.accuracy:
        correct = int(np.sum(predictions == (Y == 1)))
        print("accuracy: %d/%d (%.2f %%)" % (correct, Y.size, 100.0 * correct / Y.size))


if __name__ == "__main__":
    main()
