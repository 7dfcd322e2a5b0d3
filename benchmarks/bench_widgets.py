"""Each interactive tool's update latency, with its widget built.

    .venv/bin/python -m benchmarks.bench_widgets

An update is everything the Python side does for one change a student makes
(a typed cell, a slider step, a toggled pixel): the tool's computation plus
redrawing its widget (new picture or HTML tables) before the browser repaints.
Median and 90th percentile over 30 updates.

Targets (issue: benchmarks): kernel explorer on a 512 x 512 photo <= 20 ms;
stepper, arithmetic calculator and pooling explorer <= 50 ms.  The X/O
drawing pad has no target; it is measured for completeness (<= 50 ms too).
"""

from __future__ import annotations

import statistics
import time

import matplotlib

matplotlib.use("Agg")

from skimage import data  # noqa: E402

from helpers import widgets, xo  # noqa: E402

from .common import machine, record  # noqa: E402

REPEATS = 30


def _latencies(update, repeats=REPEATS):
    update(0)  # warm-up
    times = []
    for i in range(1, repeats + 1):
        start = time.perf_counter()
        update(i)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _record(name, times, target_ms, **details):
    median = statistics.median(times)
    p90 = sorted(times)[int(0.9 * len(times))]
    record(
        "widgets",
        name,
        round(median, 2),
        "ms (median)",
        target=f"<= {target_ms}",
        meets=median <= target_ms,
        p90_ms=round(p90, 2),
        **details,
        **machine(),
    )


def kernel_explorer():
    explorer = widgets.KernelExplorer(data.camera())
    explorer.widget()
    compute = []

    def update(i):
        explorer.set_cell(1, 1, ["8", "9", "10"][i % 3])
        compute.append(explorer.last_update_ms)

    times = _latencies(update)
    _record("kernel explorer update, 512x512 photo", times, 20, compute_ms_median=round(statistics.median(compute), 2))


def stepper():
    tool = widgets.ConvolutionStepper(xo.X, xo.FEATURES[0], divide_by=9)
    tool.widget()
    times = _latencies(lambda i: tool.go_to(i % tool.n_positions))
    _record("convolution stepper step (9x9 X, 3x3 kernel)", times, 50)


def calculator():
    tool = widgets.ConvArithmeticCalculator(w=32, f=5, p=2, s=1, d_in=3, k=10)
    tool.widget()
    times = _latencies(lambda i: tool.set(w=28 + i % 8))
    _record("arithmetic calculator change (W)", times, 50)


def pooling_explorer():
    import numpy as np

    fmap = np.random.default_rng(0).integers(0, 10, (16, 16))
    tool = widgets.PoolingExplorer(fmap)
    tool.widget()
    settings = [dict(size=2, stride=2), dict(size=3, stride=2), dict(size=3, stride=1), dict(mode="average")]
    times = _latencies(lambda i: tool.set(**settings[i % len(settings)]))
    _record("pooling explorer change (16x16 map)", times, 50)


def xo_pad():
    tool = widgets.XODrawingPad()
    tool.widget()
    times = _latencies(lambda i: tool.toggle(i % 9, (2 * i) % 9))
    _record("X/O drawing pad pixel toggle (hand-made net)", times, 50)


def main():
    for bench in (kernel_explorer, stepper, calculator, pooling_explorer, xo_pad):
        bench()


if __name__ == "__main__":
    main()
