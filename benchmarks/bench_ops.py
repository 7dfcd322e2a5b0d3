"""helpers.ops against TensorFlow, and against the plain-loop teaching code.

    .venv/bin/python -m benchmarks.bench_ops

Figures (one JSON line each, see benchmarks.common):

- conv2d on the MNIST model's three convolution layers (batch 128:
  28x28x1->32, 13x13x32->64, 5x5x64->64) and a CIFAR-10 first layer
  (32x32x3->32), all 3x3 "valid": GFLOP/s, the fraction of the CPU's fp32
  peak, and speed relative to tf.nn.conv2d in the same process
  (t_tf / t_ours: 1.0 = as fast, target >= 0.9 on the middle two layers).
  TensorFlow is timed three ways: NumPy arrays in and a NumPy array out, as
  ops.conv2d is used, on arrays that start on a 64-byte boundary ("tf
  numpy": TensorFlow reads them without a copy, its best case with NumPy
  in/out; the target figure) and 16 bytes past one ("tf numpy unaligned",
  where NumPy usually puts big arrays: TensorFlow copies them first); and on
  tensors it already holds, with no conversion at all ("tf tensors").
- max_pool / avg_pool 2x2 stride 2 on the MNIST model's pooling inputs and a
  CIFAR-10 one: t_ours / t_tf (target <= 1.5), the same three TF timings.
- helpers.loops (the teaching versions) against helpers.ops: the speed-up.

Peak: the issue's formula, cores x clock x 32 fp32 FLOP per cycle (one
AVX-512 FMA per cycle).  The clock is the one /proc/cpuinfo reports, which on
a VM is the nominal clock; a big NumPy matmul is also timed ("matmul peak") to
show what the BLAS really reaches.
"""

from __future__ import annotations

import numpy as np

from helpers import loops, ops
from helpers.config import quiet_tensorflow

from .common import blas, compare, machine, random_array, record

CONV_LAYERS = [
    # name, input (N, H, W, C), filters K, target applies
    ("mnist conv1", (128, 28, 28, 1), 32, False),
    ("mnist conv2", (128, 13, 13, 32), 64, True),
    ("mnist conv3", (128, 5, 5, 64), 64, True),
    ("cifar10 conv1", (128, 32, 32, 3), 32, False),
]
POOL_INPUTS = [
    ("mnist pool1", (128, 26, 26, 32)),
    ("mnist pool2", (128, 11, 11, 64)),
    ("cifar10 pool1", (128, 32, 32, 32)),
]
CONV_TARGET = 0.9
POOL_TARGET = 1.5
FLOP_PER_CYCLE = 32


def peak_gflops(info: dict) -> float | None:
    if not info["mhz"]:
        return None
    return info["cores"] * info["mhz"] * 1e6 * FLOP_PER_CYCLE / 1e9


def matmul_peak(size=2048) -> float:
    a = np.random.default_rng(0).standard_normal((size, size)).astype(np.float32)
    seconds = compare({"matmul": lambda: a @ a}, rounds=5, calls=3)["matmul"]
    return 2 * size**3 / seconds / 1e9


def conv_figures(tf, info, peak):
    for seed, (name, shape, filters, has_target) in enumerate(CONV_LAYERS):
        x = random_array(shape, seed)
        x16 = random_array(shape, seed, offset_bytes=16)
        w = random_array((3, 3, shape[3], filters), seed + 100)
        xt, wt = tf.constant(x), tf.constant(w)
        np.testing.assert_allclose(ops.conv2d(x, w), tf.nn.conv2d(xt, wt, 1, "VALID").numpy(), rtol=1e-4, atol=1e-3)
        times = compare(
            {
                "ours": lambda: ops.conv2d(x, w),
                "tf numpy": lambda: tf.nn.conv2d(x, w, 1, "VALID").numpy(),
                "tf numpy unaligned": lambda: tf.nn.conv2d(x16, w, 1, "VALID").numpy(),
                "tf tensors": lambda: tf.nn.conv2d(xt, wt, 1, "VALID"),
            }
        )
        n, h, wd, c = shape
        flop = 2 * n * (h - 2) * (wd - 2) * filters * 9 * c
        label = f"conv2d {name} {h}x{wd}x{c}->{filters}"
        ratio = times["tf numpy"] / times["ours"]
        record(
            "ops",
            label,
            round(ratio, 2),
            "x tf.nn.conv2d (numpy in/out)",
            target=f">= {CONV_TARGET}" if has_target else None,
            meets=(ratio >= CONV_TARGET) if has_target else None,
            vs_tf_numpy_unaligned=round(times["tf numpy unaligned"] / times["ours"], 2),
            vs_tf_tensors=round(times["tf tensors"] / times["ours"], 2),
            ms=round(times["ours"] * 1e3, 3),
            tf_numpy_ms=round(times["tf numpy"] * 1e3, 3),
            tf_numpy_unaligned_ms=round(times["tf numpy unaligned"] * 1e3, 3),
            tf_tensors_ms=round(times["tf tensors"] * 1e3, 3),
            gflops=round(flop / times["ours"] / 1e9, 1),
            tf_tensors_gflops=round(flop / times["tf tensors"] / 1e9, 1),
            fraction_of_peak=round(flop / times["ours"] / 1e9 / peak, 2) if peak else None,
            blas=blas(),
            **info,
        )


def pool_figures(tf, info):
    for seed, (name, shape) in enumerate(POOL_INPUTS):
        x = random_array(shape, seed)
        x16 = random_array(shape, seed, offset_bytes=16)
        xt = tf.constant(x)
        for kind, ours, theirs in (("max", ops.max_pool, tf.nn.max_pool2d), ("avg", ops.avg_pool, tf.nn.avg_pool2d)):
            np.testing.assert_allclose(ours(x, 2, 2), theirs(xt, 2, 2, "VALID").numpy(), rtol=1e-6, atol=1e-6)
            times = compare(
                {
                    "ours": lambda: ours(x, 2, 2),
                    "tf numpy": lambda: theirs(x, 2, 2, "VALID").numpy(),
                    "tf numpy unaligned": lambda: theirs(x16, 2, 2, "VALID").numpy(),
                    "tf tensors": lambda: theirs(xt, 2, 2, "VALID"),
                },
                calls=20,
            )
            slowdown = times["ours"] / times["tf numpy"]
            record(
                "ops",
                f"{kind}_pool {name} {'x'.join(map(str, shape[1:]))} 2x2/2",
                round(slowdown, 2),
                "x tf time (numpy in/out)",
                target=f"<= {POOL_TARGET}",
                meets=slowdown <= POOL_TARGET,
                vs_tf_numpy_unaligned=round(times["ours"] / times["tf numpy unaligned"], 2),
                vs_tf_tensors=round(times["ours"] / times["tf tensors"], 2),
                ms=round(times["ours"] * 1e3, 3),
                tf_numpy_ms=round(times["tf numpy"] * 1e3, 3),
                tf_numpy_unaligned_ms=round(times["tf numpy unaligned"] * 1e3, 3),
                tf_tensors_ms=round(times["tf tensors"] * 1e3, 3),
                **info,
            )


def loop_figures(info):
    """The teaching loops are slow on purpose; small inputs keep this quick."""
    rng = np.random.default_rng(2)
    x = rng.standard_normal((2, 13, 13, 32)).astype(np.float32)
    w = rng.standard_normal((3, 3, 32, 64)).astype(np.float32)
    image = rng.standard_normal((64, 64))
    kernel = rng.standard_normal((3, 3))
    feature_maps = rng.standard_normal((2, 26, 26, 32)).astype(np.float32)
    cases = [
        ("conv2d 2x13x13x32->64", lambda: loops.conv2d(x, w), lambda: ops.conv2d(x, w)),
        ("correlate2d 64x64, 3x3", lambda: loops.correlate2d(image, kernel), lambda: ops.correlate2d(image, kernel)),
        ("max_pool 2x26x26x32 2x2/2", lambda: loops.max_pool(feature_maps, 2), lambda: ops.max_pool(feature_maps, 2)),
    ]
    for name, loop, vectorised in cases:
        np.testing.assert_allclose(loop(), vectorised(), rtol=1e-4, atol=1e-4)
        times = compare({"loop": loop, "vectorised": vectorised}, rounds=3, calls=1)
        record(
            "ops",
            f"speed-up of ops over loops: {name}",
            round(times["loop"] / times["vectorised"]),
            "x",
            loop_ms=round(times["loop"] * 1e3, 2),
            vectorised_ms=round(times["vectorised"] * 1e3, 3),
            **info,
        )


def main():
    tf = quiet_tensorflow()
    info = machine()
    peak = peak_gflops(info)
    record("ops", "fp32 peak (cores x clock x 32 FLOP/cycle)", round(peak, 1) if peak else None, "GFLOP/s", **info)
    record("ops", "matmul peak (NumPy float32 2048x2048)", round(matmul_peak(), 1), "GFLOP/s", blas=blas(), **info)
    conv_figures(tf, info, peak)
    pool_figures(tf, info)
    loop_figures(info)


if __name__ == "__main__":
    main()
