#!/usr/bin/env python3
"""CSV load benchmark: shallow's CSVLoader against numpy.loadtxt and pandas.read_csv, in the same run.

Generates (once, cached) a ~100 MB numeric CSV shaped like MNIST-as-CSV: a header, 16,000 rows of 784 feature
columns and a label column (integers 0..255 and decimals with up to 4 places, some negative; label 0..9).
Builds the Datasets module in release mode, compiles a small harness against it with swiftc (no executable
target is needed in Package.swift), and times each loader on the same file, best of N runs with a warm page
cache. Prints MB/s and the ratios to numpy and pandas, and checks that all three read the same numbers
(shallow's X bit for bit against numpy's array; pandas' frame against numpy's).

Usage: scripts/bench-csv.py [--rows 16000] [--repeats 3] [--keep DIR]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HARNESS = r"""
import Datasets
#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let path = CommandLine.arguments[1]
let repeats = Int(CommandLine.arguments[2]) ?? 3
var best = Double.infinity
var loaded: CSVLoader.Loaded? = nil
for _ in 0..<repeats {
    let t0 = now()
    do {
        loaded = try CSVLoader.read(path: path)
    } catch {
        print("error: \(error)")
        exit(1)
    }
    best = min(best, now() - t0)
}
let d = loaded!.dataset
print(best)
print(loaded!.summary)
// X (n_x, m) as raw little-endian float64, for the exact comparison with numpy.
if CommandLine.arguments.count > 3, let file = fopen(CommandLine.arguments[3], "wb") {
    d.X.elements.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
}
"""


def generate(path, rows, features=784):
    import numpy as np
    rng = np.random.RandomState(0)
    with open(path, "w") as f:
        f.write(",".join(f"px{i}" for i in range(features)) + ",label\n")
        for _ in range(rows):
            ints = rng.randint(0, 256, size=features)
            kind = rng.random_sample(features)
            frac = rng.randint(0, 10000, size=features)
            cells = []
            for v, k, q in zip(ints, kind, frac):
                if k < 0.25:
                    cells.append(str(v))
                elif k < 0.95:
                    cells.append(f"{v}.{q:04d}".rstrip("0").rstrip("."))
                else:
                    cells.append(f"-{v}.{q:04d}")
            cells.append(str(rng.randint(0, 10)))
            f.write(",".join(cells) + "\n")


def build_harness(workdir):
    subprocess.run(["swift", "build", "-c", "release", "--target", "Datasets"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    release = os.path.join(ROOT, ".build", "release")
    source = os.path.join(workdir, "main.swift")
    with open(source, "w") as f:
        f.write(HARNESS)
    objects = []
    for module in ("Datasets", "NeuralNet", "NeuralNetKernels"):
        d = os.path.join(release, module + ".build")
        objects += [os.path.join(d, o) for o in sorted(os.listdir(d)) if o.endswith(".o")]
    binary = os.path.join(workdir, "bench-csv")
    subprocess.run(["swiftc", "-O", "-I", os.path.join(release, "Modules"), "-I", os.path.join(ROOT, "Sources", "CBLAS"),
                    "-Xcc", "-fmodule-map-file=" + os.path.join(release, "NeuralNetKernels.build", "module.modulemap"),
                    "-I", os.path.join(ROOT, "Sources", "NeuralNetKernels", "include"),
                    source, *objects, "-lopenblas", "-lm", "-o", binary], check=True)
    return binary


def best_of(repeats, fn):
    best, result = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=16000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", default=os.path.join(tempfile.gettempdir(), "shallow-bench-csv"))
    args = parser.parse_args()

    os.makedirs(args.keep, exist_ok=True)
    path = os.path.join(args.keep, f"mnist-like-{args.rows}.csv")
    if not os.path.exists(path):
        print(f"generating {path} …", file=sys.stderr)
        generate(path + ".tmp", args.rows)
        os.rename(path + ".tmp", path)
    size_mb = os.path.getsize(path) / 1e6
    print(f"file: {path}: {size_mb:.1f} MB, {args.rows} rows × 785 columns")

    binary = build_harness(args.keep)
    dump = os.path.join(args.keep, "X.f64")
    out = subprocess.run([binary, path, str(args.repeats), dump], check=True, capture_output=True, text=True).stdout.split("\n")
    shallow_time = float(out[0])
    print(f"  shallow summary: {out[1]}")

    results = [("shallow CSVLoader", shallow_time)]
    import numpy as np
    numpy_time, data = best_of(max(1, args.repeats - 1),
                               lambda: np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64))
    results.append(("numpy.loadtxt", numpy_time))
    X = np.fromfile(dump, dtype="<f8").reshape(data.shape[1] - 1, data.shape[0])
    os.remove(dump)
    same = np.array_equal(X.view(np.uint64), np.ascontiguousarray(data[:, :-1].T).view(np.uint64))
    print(f"  every feature cell {'bit-identical to' if same else 'DIFFERS from'} numpy.loadtxt's")
    pandas_time = None
    try:
        import pandas as pd
        pandas_time, frame = best_of(args.repeats, lambda: pd.read_csv(path))
        results.append((f"pandas.read_csv ({pd.__version__}, C engine)", pandas_time))
        exact = bool((frame.to_numpy(dtype=np.float64) == data).all())
        print(f"  pandas values {'identical to' if exact else 'DIFFER from'} numpy.loadtxt's")
    except ImportError:
        print("  pandas not installed (pip install pandas): skipped")

    print(f"{'loader':42} {'seconds':>8} {'MB/s':>8} {'vs numpy':>9} {'vs pandas':>10}")
    for name, seconds in results:
        vs_pandas = f"{pandas_time / seconds:9.2f}×" if pandas_time else "         -"
        print(f"{name:42} {seconds:8.3f} {size_mb / seconds:8.1f} {numpy_time / seconds:8.2f}× {vs_pandas}")


if __name__ == "__main__":
    main()
