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
import time

import numpy as np


def timed_calls(fn, calls: int) -> float:
    """Seconds per call of ``fn()``, averaged over ``calls`` back-to-back calls."""
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def compare(functions: dict, rounds: int = 15, calls: int = 10) -> dict:
    """Seconds per call of each function: the fastest of ``rounds`` rounds.

    Every round times ``calls`` calls of each function in turn, so a slow
    moment of this (shared, 2-core) machine hits them all alike.  The fastest
    round is kept, as ``timeit`` advises: a round can only be slowed down by
    other work on the machine, never sped up, so the minimum is the figure
    that repeats best (here the median of a round moved by up to 2x from run
    to run, the minimum by about 10%).  Each function is called once first,
    untimed (warm-up: first-call setup, caches).
    """
    for fn in functions.values():
        fn()
    samples = {name: [] for name in functions}
    for _ in range(rounds):
        for name, fn in functions.items():
            samples[name].append(timed_calls(fn, calls))
    return {name: min(values) for name, values in samples.items()}


def random_array(shape, seed: int, offset_bytes: int = 0) -> np.ndarray:
    """Standard-normal float32 numbers of ``shape`` whose data starts
    ``offset_bytes`` past a 64-byte boundary.

    Where an array starts matters to TensorFlow: it uses a NumPy array's memory
    as it is (no copy) only when it starts on a 64-byte boundary, and copies it
    otherwise.  NumPy's own big arrays usually start 16 bytes past one, but
    not always, so TensorFlow's "NumPy in" time changed by up to 2.5x from run
    to run until the benchmarks chose the start themselves.
    """
    size = int(np.prod(shape))
    itemsize = np.dtype(np.float32).itemsize
    if offset_bytes % itemsize:
        raise ValueError(f"offset_bytes must be a multiple of {itemsize}, got {offset_bytes}")
    raw = np.empty(size + 64 // itemsize + offset_bytes // itemsize, dtype=np.float32)
    start = (-raw.ctypes.data % 64 + offset_bytes) // itemsize
    array = raw[start : start + size].reshape(shape)
    array[...] = np.random.default_rng(seed).standard_normal(shape, dtype=np.float32)
    assert array.ctypes.data % 64 == offset_bytes % 64
    return array


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


def record(
    group: str, name: str, value, unit: str, target: str | None = None, meets: bool | None = None, **details
) -> dict:
    """Print one figure as a JSON line (and return it)."""
    line = {"group": group, "name": name, "value": value, "unit": unit, "target": target, "meets": meets, **details}
    print(json.dumps(line), flush=True)
    return line
