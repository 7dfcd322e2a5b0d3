"""What every benchmark shares: timing, the machine's description, and the
one JSON line each figure is printed as.

A figure is a dict with at least::

    {"group": "ops", "name": "conv2d mnist conv2 13x13x32->64", "value": 0.93,
     "unit": "x tf", "target": ">= 0.9", "meets": true, ...details}

``meets`` is None when a figure has no target (it is context for another).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import time


def timed_calls(fn, calls: int) -> float:
    """Seconds per call of ``fn()``, averaged over ``calls`` back-to-back calls."""
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def compare(functions: dict, rounds: int = 9, calls: int = 10) -> dict:
    """Median seconds per call of each function, measured in alternation.

    Every round times ``calls`` calls of each function in turn, so a slow
    moment of this (shared, 2-core) machine hits them all alike; the median
    over rounds ignores the odd disturbed round.  Each function is called once
    first, untimed (warm-up: first-call setup, caches).
    """
    for fn in functions.values():
        fn()
    samples = {name: [] for name in functions}
    for _ in range(rounds):
        for name, fn in functions.items():
            samples[name].append(timed_calls(fn, calls))
    return {name: statistics.median(values) for name, values in samples.items()}


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def cpu_mhz() -> float | None:
    """The clock the kernel reports (on a VM: the nominal one, not turbo)."""
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("cpu MHz"):
                    return float(line.split(":", 1)[1])
    except (OSError, ValueError):
        pass
    return None


def blas() -> str:
    from threadpoolctl import threadpool_info

    for lib in threadpool_info():
        if lib.get("user_api") == "blas":
            return f"{lib.get('internal_api')} {lib.get('version')} ({lib.get('architecture')} kernels)"
    return "unknown"


def machine() -> dict:
    return {"cpu": cpu_model(), "cores": os.cpu_count(), "mhz": cpu_mhz()}


def record(group: str, name: str, value, unit: str, target: str | None = None, meets: bool | None = None, **details) -> dict:
    """Print one figure as a JSON line (and return it)."""
    line = {"group": group, "name": name, "value": value, "unit": unit, "target": target, "meets": meets, **details}
    print(json.dumps(line), flush=True)
    return line
