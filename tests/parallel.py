"""The suite on two cores: a pytest plugin, loaded by the top-level ``conftest.py``.

``make test`` and ``make check`` run pytest with two pytest-xdist workers
(``-n 2 --dist loadfile``: all tests of one file run on one worker, in
order).  This plugin makes that pay off:

- **one thread each.**  Each worker, and every notebook kernel it starts,
  runs TensorFlow, oneDNN and OpenBLAS on ``cores // workers`` threads (one on
  a 2-core machine).  Two workers with one thread each keep both cores busy;
  with the libraries' default of a thread per core they would fight over them
  (measured on the course's small models: TensorFlow trains them barely faster
  on two threads than on one).  Variables already set are left alone.
- **longest first.**  The files that take longest (the Keras lessons, the
  browser test, then the other notebooks) are handed out first, and the
  short unit-test files fill the gaps at the end (pass ``--no-loadscope-reorder``
  so that pytest-xdist keeps this order instead of putting the files with
  the most tests first).

(``--dist loadgroup`` would spread the unit tests finer, but pytest-xdist 3.8
cannot rename test ids under pytest 9.2, so its groups are ignored there.)

A plain ``pytest -n 2`` gets ``--dist loadfile --no-loadscope-reorder`` too
(pytest-xdist's own default, ``load``, would split a notebook's cells between
workers and kernels).  Without ``-n`` only the order of the files changes.
"""

from __future__ import annotations

import os

import pytest

THREAD_VARIABLES = (
    "TF_NUM_INTRAOP_THREADS",
    "TF_NUM_INTEROP_THREADS",
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
)


def usable_cores() -> int:
    """The cores this process may run on (a container's share where the OS
    says so, else every core)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # macOS, Windows
        return os.cpu_count() or 1


_workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "0") or 0)
if os.environ.get("PYTEST_XDIST_WORKER") and _workers > 0:
    _threads = str(max(1, usable_cores() // _workers))
    for _name in THREAD_VARIABLES:
        os.environ.setdefault(_name, _threads)

# The files handed out first, longest first (measured: docs/benchmarks.md, "suite").
FIRST = [
    "06_keras_cifar10.ipynb",
    "08_why_convolutions.ipynb",
    "05_keras_mnist.ipynb",
    "test_browser.py",
    "test_browser_alt.py",
    "07_inside_the_network.ipynb",
    "02_xo_toy_convnet.ipynb",
    "test_fuzz.py",
    "01_edge_kernels.ipynb",
    "03_conv_arithmetic.ipynb",
    "test_models.py",
    "04_pooling.ipynb",
    "test_exports.py",
    "test_notebook_runs.py",
    "00_start_here.ipynb",
]


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist turns "no" into "load"
def pytest_cmdline_main(config):
    """``-n N`` without ``--dist``: one file per worker at a time, in our order."""
    if getattr(config.option, "numprocesses", None) and getattr(config.option, "dist", None) == "no":
        config.option.dist = "loadfile"
        config.option.loadscopereorder = False


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Longest files first; within a file, and for the other files, the collection order.

    (``trylast``: after ``tests/notebook_runs.py`` has added its items.)"""
    rank = {name: i for i, name in enumerate(FIRST)}
    items[:] = sorted(items, key=lambda item: rank.get(item.path.name, len(FIRST)))  # sorted() is stable
