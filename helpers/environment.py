"""Is this machine ready for the course?  A checklist a student can read.

``check_environment()`` returns a list of ``Check`` rows; ``print_report()``
prints them.  Required rows (Python, the course's packages, the datasets)
decide whether the course can run; the others (GPU, disk) are
information: without a GPU everything still runs on the CPU.  A dataset counts
as there when it is on disk, or when its download address answers now (a
HEAD request, 5 s at most): with neither, lessons 5-7 would fail.

Students see only what the lessons need.  The test tooling (pytest, nbval,
pytest-xdist, hypothesis, pyyaml), the report's and the site's own tools
(packaging, threadpoolctl, jupyter-server-mathjax), the NumPy BLAS row and the
optional extras (dev, site, e2e) are for contributors:
``check_environment(contributors=True)``, or ``python -m helpers doctor
--contributors``, adds their rows.  The BLAS row reaches the student's report
only when it has advice to act on (AVX-512 kernels left unused: start Jupyter
with OPENBLAS_CORETYPE=SkylakeX for about 2x faster NumPy matmul).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from . import config, data

DISTRIBUTION = "cnn-course"  # the name in pyproject.toml
MIN_PYTHON = (3, 11)
# Declared in pyproject.toml's dependencies, but used only by the automatic
# tests (pyproject's comments say which): the contributors' report checks them.
TEST_TOOLING = frozenset({"pytest", "nbval", "pytest-xdist", "hypothesis", "pyyaml"})
# Declared too, but no lesson uses them: the report's own tools (packaging reads
# the versions, threadpoolctl finds NumPy's BLAS; without either the report
# could not run, so a student's row could only ever say ok) and MathJax's files
# for `make slides` and the website.  The contributors' report checks them.
MAINTAINER_TOOLING = frozenset({"packaging", "threadpoolctl", "jupyter-server-mathjax"})
# The Makefile target that installs each optional extra of pyproject.toml.
EXTRA_INSTALLED_BY = {"dev": "make lint", "site": "make site", "e2e": "make e2e"}


@dataclass
class Check:
    """One line of the report."""

    name: str
    ok: bool
    detail: str
    required: bool = True
    fix: str = ""

    def line(self) -> str:
        mark = "ok  " if self.ok else ("FAIL" if self.required else "note")
        text = f"[{mark}] {self.name}: {self.detail}"
        if not self.ok and self.fix:
            text += f"\n         fix: {self.fix}"
        return text


def course_requirements() -> list[Requirement]:
    """The packages pyproject.toml declares, read from the installed metadata."""
    try:
        declared = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return []
    return [Requirement(r) for r in declared if "extra ==" not in r]


def is_test_tooling(requirement: Requirement) -> bool:
    """Whether only the automatic tests need this package (not a student)."""
    return canonicalize_name(requirement.name) in TEST_TOOLING


def is_contributor_only(requirement: Requirement) -> bool:
    """Whether only contributors need this package: test tooling, or the report's and the site's tools."""
    return is_test_tooling(requirement) or canonicalize_name(requirement.name) in MAINTAINER_TOOLING


def optional_requirements() -> dict[str, list[Requirement]]:
    """The optional extras of pyproject.toml (dev, site, e2e) and their packages."""
    try:
        extras = metadata.metadata(DISTRIBUTION).get_all("Provides-Extra") or []
        declared = [Requirement(r) for r in metadata.requires(DISTRIBUTION) or []]
    except metadata.PackageNotFoundError:
        return {}
    return {
        extra: [req for req in declared if req.marker is not None and req.marker.evaluate({"extra": extra})]
        for extra in extras
    }


def _package_row(req: Requirement, name: str, required: bool, fix: str) -> Check:
    try:
        version = metadata.version(req.name)
    except metadata.PackageNotFoundError:
        return Check(name, False, "not installed", required=required, fix=fix)
    ok = req.specifier.contains(version, prereleases=True)
    wanted = f" (course needs {req.specifier})" if not ok else ""
    return Check(name, ok, version + wanted, required=required, fix=fix)


def _check_python() -> Check:
    version = platform.python_version()
    ok = sys.version_info[:2] >= MIN_PYTHON
    return Check("Python", ok, version, fix="install Python 3.11 or newer and run `make lab` again")


def _check_packages(contributors: bool = False) -> list[Check]:
    """A row per declared package; the test and maintainer tooling only for contributors."""
    requirements = course_requirements()
    if not requirements:
        return [
            Check(
                "course package",
                False,
                f"{DISTRIBUTION} is not installed in this Python ({sys.executable})",
                fix="run `make lab` (or `pip install -e .` in the project folder)",
            )
        ]
    return [
        _package_row(req, req.name, required=True, fix="run `make install`")
        for req in requirements
        if contributors or not is_contributor_only(req)
    ]


def _check_extras() -> list[Check]:
    """The optional extras' packages: information for contributors, never required."""
    rows = []
    for extra, requirements in optional_requirements().items():
        command = EXTRA_INSTALLED_BY.get(extra, f"pip install -e '.[{extra}]'")
        for req in requirements:
            fix = f"run `{command}` (it installs the {extra} extra)"
            rows.append(_package_row(req, f"{req.name} ({extra} extra)", required=False, fix=fix))
    return rows


def _check_frontend() -> list[Check]:
    """The JupyterLab extensions the course needs: widgets and RISE slides."""
    import importlib.util

    rows = []
    for label, module, fix in (
        (
            "ipywidgets front end",
            "jupyterlab_widgets",
            "pip install jupyterlab_widgets (comes with ipywidgets 8), then restart JupyterLab",
        ),
        ("jupyterlab-rise (slides)", "jupyterlab_rise", "pip install jupyterlab-rise, then restart JupyterLab"),
    ):
        found = importlib.util.find_spec(module) is not None
        rows.append(Check(label, found, "installed" if found else "missing", fix=fix))
    live = rise_widgets_installed()
    rows.append(
        Check(
            "live widgets in RISE slides",
            live,
            "course-rise-widgets installed" if live else "widgets show as pictures in RISE slides",
            required=False,
            fix="run `make install` (it copies share/jupyter/labextensions/course-rise-widgets into the environment)",
        )
    )
    return rows


def rise_widgets_installed() -> bool:
    """Whether JupyterLab finds the course's lab extension that makes widgets live in
    RISE slideshows (share/jupyter/labextensions/course-rise-widgets)."""
    from jupyter_core.paths import jupyter_path

    return any(
        os.path.exists(os.path.join(folder, "course-rise-widgets", "package.json"))
        for folder in jupyter_path("labextensions")
    )


_GPU_QUERY = (
    "import json; from helpers import config; tf = config.quiet_tensorflow(); "
    "print(json.dumps([g.name for g in tf.config.list_physical_devices('GPU')]))"
)


def gpu_names() -> list[str]:
    """The GPUs TensorFlow sees.  Asked in a child process unless this one has
    TensorFlow already: the report then leaves a lesson's kernel without
    TensorFlow's 520 MB (a class hub's memory is counted per kernel)."""
    if "tensorflow" not in sys.modules:
        done = subprocess.run([sys.executable, "-c", _GPU_QUERY], capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "no answer")
        return json.loads(done.stdout.strip().splitlines()[-1])
    tf = config.quiet_tensorflow()
    return [g.name for g in tf.config.list_physical_devices("GPU")]


def _check_devices() -> list[Check]:
    rows = [Check("CPU cores", True, str(os.cpu_count()), required=False)]
    try:
        gpus = gpu_names()
    except Exception as err:  # a broken TensorFlow is reported by the package rows too
        return rows + [Check("TensorFlow devices", False, f"TensorFlow did not start: {err}")]
    if gpus:
        rows.append(Check("GPU", True, ", ".join(gpus), required=False))
    else:
        rows.append(
            Check("GPU", True, "none: Keras trains on the CPU (every lesson is sized for that)", required=False)
        )
    return rows


# OpenBLAS's kernels that use AVX-512 need these CPU features.
AVX512_FLAGS = ("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")
AVX512_OPENBLAS_CORES = ("SkylakeX", "Cooperlake", "SapphireRapids")


def cpu_flags() -> set[str]:
    """The CPU's feature flags from /proc/cpuinfo (empty off Linux)."""
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def _check_blas() -> Check:
    """Which kernels NumPy's matrix products use (they do helpers.ops.conv2d's work).

    OpenBLAS picks its kernels from the CPU model when NumPy loads.  A CPU
    newer than the OpenBLAS release (AMD Zen 5 with OpenBLAS 0.3.31) falls
    back to the AVX2 ("Haswell") kernels even though it has AVX-512; forcing
    the AVX-512 ones with OPENBLAS_CORETYPE=SkylakeX about doubles matmul speed.
    """
    from threadpoolctl import threadpool_info

    libraries = [lib for lib in threadpool_info() if lib.get("user_api") == "blas"]
    if not libraries:
        return Check("NumPy BLAS", True, "not found by threadpoolctl", required=False)
    lib = libraries[0]
    core = lib.get("architecture") or "?"
    detail = f"{lib.get('internal_api')} {lib.get('version')}, kernels for {core}, {lib.get('num_threads')} threads"
    if lib.get("internal_api") != "openblas":
        return Check("NumPy BLAS", True, detail, required=False)
    missed_avx512 = set(AVX512_FLAGS) <= cpu_flags() and core not in AVX512_OPENBLAS_CORES
    if missed_avx512:
        chosen = os.environ.get("OPENBLAS_CORETYPE")
        why = f"OPENBLAS_CORETYPE={chosen} is set" if chosen else "OpenBLAS did not recognise this CPU"
        detail += f" (this CPU has AVX-512, but {why})"
    return Check(
        "NumPy BLAS",
        not missed_avx512,
        detail,
        required=False,
        fix="if this machine always has AVX-512, start Jupyter with OPENBLAS_CORETYPE=SkylakeX "
        "(`make lab` does when the variable is unset) for ~2x faster NumPy matmul",
    )


def _check_datasets() -> list[Check]:
    """A dataset on disk is fine offline; one that is not is fine only if it
    can be downloaded now (lessons 5-7 need it): else the course is not ready."""
    rows = []
    for name in ("mnist", "cifar10"):
        _, source, _report = data.find_dataset(name, download=False)
        nice = data.NICE_NAMES[name]
        if source is not None:
            rows.append(Check(nice, True, source.describe().split(": ", 1)[1], required=False))
            continue
        reachable, why = data.download_reachable(name)
        if reachable:
            rows.append(Check(nice, True, f"not on this machine yet; downloaded on first use ({why})", required=False))
        else:
            rows.append(
                Check(
                    nice,
                    False,
                    f"not on this machine, and no download: {why}",
                    fix="run `python -m helpers.data download` on a machine with internet and copy the "
                    "project's data/ folder here, or set COURSE_DATA_DIR to a folder holding the files",
                )
            )
    return rows


def _check_disk() -> Check:
    free_gb = shutil.disk_usage(data.PROJECT_DATA_DIR.parent).free / 1e9
    return Check(
        "free disk",
        free_gb >= 1,
        f"{free_gb:.1f} GB",
        required=False,
        fix="the datasets need about 0.3 GB; free some space",
    )


def check_environment(devices: bool = True, contributors: bool = False) -> list[Check]:
    """Every row of the report.  ``devices=False`` skips importing TensorFlow;
    ``contributors=True`` adds the test and maintainer tooling (required), the
    NumPy BLAS row and the extras (notes).  A student sees the BLAS row only when
    it has advice (AVX-512 kernels unused)."""
    rows = [_check_python(), *_check_packages(contributors), *_check_frontend()]
    if devices:
        rows += _check_devices()
    blas = _check_blas()
    rows += [
        Check(
            "fast mode",
            True,
            "on (small data, few epochs)" if config.fast_mode() else "off (full lessons)",
            required=False,
        ),
        *([blas] if contributors or not blas.ok else []),
        *_check_datasets(),
        _check_disk(),
    ]
    if contributors:
        rows += _check_extras()
    return rows


def ready(rows: list[Check]) -> bool:
    """True when every required row passed."""
    return all(row.ok for row in rows if row.required)


def print_report(rows: list[Check] | None = None, contributors: bool = False) -> bool:
    """Print the checklist and return ``ready(rows)``.  Without ``rows``, checks this
    machine: the student's report, or with ``contributors=True`` the contributors'."""
    rows = check_environment(contributors=contributors) if rows is None else rows
    for row in rows:
        print(row.line())
    verdict = ready(rows)
    goal = "to work on the course (its tests included)" if contributors else "for the course"
    print(f"\nReady {goal}." if verdict else f"\nNot ready {goal}: see the FAIL lines and their fixes.")
    return verdict


def main(argv=None) -> int:
    """``python -m helpers doctor``: print the checklist; exit 1 if a required check failed."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m helpers doctor", description="Check this machine before class.")
    parser.add_argument("--no-devices", action="store_true", help="skip starting TensorFlow to look for GPUs")
    parser.add_argument(
        "--contributors",
        action="store_true",
        help="also check the test tooling (pytest, nbval, ...), the report's and the site's tools, "
        "NumPy's BLAS and the optional extras (dev, site, e2e)",
    )
    args = parser.parse_args(argv)
    rows = check_environment(devices=not args.no_devices, contributors=args.contributors)
    return 0 if print_report(rows, contributors=args.contributors) else 1
