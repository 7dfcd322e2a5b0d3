"""Run the benchmarks: ``python -m benchmarks [group ...]`` (or ``make bench``).

Groups: ops, widgets, notebooks, suite, recipes (default: these five, about 8
minutes on 2 cores plus about 5 for "suite", which runs the whole test suite
once).  Each group runs in its own Python process; its JSON lines are echoed
as they come, then all figures are printed as a Markdown table and saved to
build/benchmarks.jsonl and build/benchmarks.md.  Two more groups run only
when named: hub-load (20 simulated students on a hub of their own, about 5
minutes) and hub-memory (each lesson's peak kernel memory in full mode, about
30 minutes); ``make hub`` installs what they need.

When the CPU has AVX-512 but NumPy's OpenBLAS uses its AVX2 kernels (because
OPENBLAS_CORETYPE says so, or because OpenBLAS does not know the CPU), "ops"
runs a second time with OPENBLAS_CORETYPE=SkylakeX, and those figures are
labelled with that setting.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GROUPS = {
    "ops": ["benchmarks.bench_ops"],
    "widgets": ["benchmarks.bench_widgets"],
    "notebooks": ["benchmarks.bench_notebooks", "notebooks"],
    "suite": ["benchmarks.bench_notebooks", "suite"],
    "recipes": ["benchmarks.bench_recipes"],
    # the class hub (benchmarks/bench_hub.py): asked for by name only (they need `make hub`'s
    # packages, and take about 5 and 30 minutes)
    "hub-load": ["benchmarks.bench_hub", "load", "-n", "20"],
    "hub-memory": ["benchmarks.bench_hub", "memory", "--full"],
}
BY_NAME_ONLY = ("hub-load", "hub-memory")


def run_group(module_and_args, variant=None, extra_env=None):
    """Run one benchmark module; echo and return its figures."""
    env = dict(os.environ, **(extra_env or {}))
    process = subprocess.Popen(
        [sys.executable, "-m", *module_and_args], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    figures = []
    for line in process.stdout:
        print(line, end="", flush=True)
        try:
            figure = json.loads(line)
        except json.JSONDecodeError:
            continue
        if variant:
            figure["variant"] = variant
        figures.append(figure)
    if process.wait() != 0:
        figures.append(
            {
                "group": module_and_args[0],
                "name": "FAILED (see the output above)",
                "value": None,
                "unit": "",
                "target": None,
                "meets": False,
                "variant": variant,
            }
        )
    return figures


def avx512_kernels_unused() -> bool:
    """True when OpenBLAS's AVX-512 kernels could run here but are not used."""
    from threadpoolctl import threadpool_info

    from helpers.environment import AVX512_FLAGS, AVX512_OPENBLAS_CORES, cpu_flags

    cores = [lib.get("architecture") for lib in threadpool_info() if lib.get("internal_api") == "openblas"]
    return bool(cores) and set(AVX512_FLAGS) <= cpu_flags() and cores[0] not in AVX512_OPENBLAS_CORES


# Details worth a glance, shown in the table's last column when a figure has them.
DETAILS = (
    "ms",
    "gflops",
    "fraction_of_peak",
    "vs_tf_numpy_unaligned",
    "vs_tf_tensors",
    "p90_ms",
    "epochs",
    "train_seconds",
    "images_per_second",
    "pytest",
    "seconds",
    "lesson",
    "mode",
    "students",
)


def table(figures) -> str:
    rows = ["| group | figure | value | unit | target | meets | details |", "|---|---|---|---|---|---|---|"]
    for f in figures:
        name = f["name"] + (f" [{f['variant']}]" if f.get("variant") else "")
        meets = {True: "yes", False: "**no**", None: ""}[f.get("meets")]
        details = ", ".join(f"{key} {f[key]}" for key in DETAILS if f.get(key) is not None)
        rows.append(
            f"| {f['group']} | {name} | {f['value']} | {f['unit']} | {f.get('target') or ''} | {meets} | {details} |"
        )
    return "\n".join(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("groups", nargs="*", choices=[*GROUPS, []], help="default: all")
    args = parser.parse_args(argv)
    import numpy  # noqa: F401  (load OpenBLAS so threadpoolctl can see it)

    figures = []
    for group in args.groups or [g for g in GROUPS if g not in BY_NAME_ONLY]:
        figures += run_group(GROUPS[group])
        if group == "ops" and avx512_kernels_unused():
            figures += run_group(
                GROUPS[group], variant="OPENBLAS_CORETYPE=SkylakeX", extra_env={"OPENBLAS_CORETYPE": "SkylakeX"}
            )
    build = ROOT / "build"
    build.mkdir(exist_ok=True)
    (build / "benchmarks.jsonl").write_text("".join(json.dumps(f) + "\n" for f in figures))
    markdown = table(figures)
    (build / "benchmarks.md").write_text(markdown + "\n")
    print("\n" + markdown)
    return 0 if all(f.get("meets") is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
