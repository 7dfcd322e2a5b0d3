"""How long the notebooks and the whole test suite take, in fast mode.

    .venv/bin/python -m benchmarks.bench_notebooks [notebooks] [suite]

- notebooks: each notebook run top to bottom in a fresh kernel (this
  project's Python) with COURSE_FAST=1, like "Restart kernel and run all"
  (kernel start included).  Target: fast mode exists so that every notebook
  runs in CI in minutes.
- suite: the README's test command, ``make test`` (two pytest-xdist workers,
  install excluded when it is already done), timed whole, with the time per
  test file from pytest's JUnit report (the seconds its tests took on their
  worker).  Target: <= 5 minutes on 2 cores with AVX-512, <= 8 minutes on 2
  cores with AVX2 only.

Data: COURSE_DATA_DIR as set by the caller (``make bench`` and CI use
../shared/datasets when it exists).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from .common import machine, record

ROOT = Path(__file__).resolve().parents[1]


def suite_target_s() -> int:
    """The suite's target on this CPU: 300 s with AVX-512, 480 s without."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        flags = ""
    return 300 if "avx512f" in flags else 480


def notebook_times():
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    env = dict(os.environ, COURSE_FAST="1", COURSE_WIDGETS="static")
    total = 0.0
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        # The kernel is this Python, as nbval's --nbval-current-env does.
        km = KernelManager(kernel_cmd=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"])
        start = time.perf_counter()
        client = NotebookClient(nb, km=km, timeout=600, resources={"metadata": {"path": str(path.parent)}})
        client.execute(env=env)
        seconds = time.perf_counter() - start
        total += seconds
        record("notebooks", f"{path.name} (fast mode, kernel start included)", round(seconds, 1), "s", **machine())
    record("notebooks", "all notebooks, one after another", round(total, 1), "s", **machine())


def suite_time():
    target = suite_target_s()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "junit.xml"
        start = time.perf_counter()
        result = subprocess.run(
            ["make", "-s", "test", f"PYTEST_ARGS=-q --junitxml={report}"],
            cwd=ROOT,
            env=dict(os.environ),
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        per_file = defaultdict(float)
        counts = defaultdict(int)
        if report.exists():
            for case in ET.parse(report).iter("testcase"):
                classname = case.get("classname", "?")  # "tests.test_ops" or "notebooks.05_keras_mnist.ipynb"
                name = (case.get("file") or re.sub(r"\.(?!ipynb$)", "/", classname)).split("::")[0]
                per_file[name] += float(case.get("time", 0))
                counts[name] += 1
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    record(
        "suite",
        "whole test suite (make test, install excluded)",
        round(seconds, 1),
        "s",
        target=f"<= {target}",
        meets=seconds <= target and result.returncode == 0,
        pytest=summary,
        returncode=result.returncode,
        **machine(),
    )
    for name in sorted(per_file, key=per_file.get, reverse=True):
        record("suite", f"  {name}", round(per_file[name], 1), "s", tests=counts[name])


def main(argv):
    parts = argv or ["notebooks", "suite"]
    if "notebooks" in parts:
        notebook_times()
    if "suite" in parts:
        suite_time()


if __name__ == "__main__":
    main(sys.argv[1:])
