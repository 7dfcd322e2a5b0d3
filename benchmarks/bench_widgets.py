"""Widget update latency: one JSON line per measurement.

    .venv/bin/python benchmarks/bench_widgets.py

Target (issue: kernel explorer): <= 20 ms per update for a 512 x 512 photo on
2 cores.  "compute" is what the explorer's logic does (parse the grid, filter,
turn the response into grey levels); "with_widget" adds encoding the new
picture as PNG and handing it to the widget, everything the Python side does
before the browser repaints.
"""

import json
import os
import platform
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from skimage import data  # noqa: E402

from helpers import widgets  # noqa: E402


def kernel_explorer(repeats=30):
    explorer = widgets.KernelExplorer(data.camera())
    explorer.widget()  # build the controls so updates also redraw them
    compute, total = [], []
    values = ["8", "9", "10"]
    for i in range(repeats):
        start = time.perf_counter()
        explorer.set_cell(1, 1, values[i % 3])
        total.append((time.perf_counter() - start) * 1000)
        compute.append(explorer.last_update_ms)
    return {
        "benchmark": "kernel_explorer_update",
        "image": "512x512",
        "compute_ms_median": round(statistics.median(compute), 2),
        "with_widget_ms_median": round(statistics.median(total), 2),
        "with_widget_ms_p90": round(sorted(total)[int(0.9 * len(total))], 2),
        "target_ms": 20,
        "cpus": os.cpu_count(),
        "machine": platform.processor() or platform.machine(),
    }


if __name__ == "__main__":
    print(json.dumps(kernel_explorer()))
