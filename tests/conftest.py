"""Shared fixtures for the unit tests, Hypothesis' profiles and the fuzz tally.

(The network guard, the parallel set-up and the notebook runs are plugins
loaded by the top-level ``conftest.py``.)
"""

import collections
import json
import os

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles:
# - "course" (the default, for a developer): new random examples every run,
#   COURSE_HYPOTHESIS_EXAMPLES of them (40 unless set);
# - "ci" (make test, make check: --hypothesis-profile=ci): a fixed,
#   derandomised set of 12 examples per test, the same on every run and
#   machine, so a CI run repeats.  The fuzz test's fixed sweep of classic
#   bad values (tests/test_fuzz.py, CLASSIC_BAD) runs in full either way.
# TensorFlow's first call in a test is slow, so no per-example deadline.
settings.register_profile(
    "course",
    max_examples=int(os.environ.get("COURSE_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=12,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("course")  # --hypothesis-profile=ci picks the other


@pytest.fixture(scope="session")
def tf():
    """TensorFlow, imported once and quietly."""
    from helpers import config

    return config.quiet_tensorflow()


@pytest.fixture(scope="session")
def keras(tf):
    import keras

    return keras


# --- Fuzz tally: tests/test_fuzz.py counts the cases it runs ---------------
#
# Under pytest-xdist each worker counts its own cases and hands them to the
# controller, which prints the total.

FUZZ_TALLY = {"cases": collections.Counter(), "seconds": 0.0}


@pytest.fixture(scope="session")
def fuzz_tally():
    """Where tests/test_fuzz.py counts its cases, per helper, and its time."""
    return FUZZ_TALLY


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: send the tally to the controller
        workeroutput["fuzz_tally"] = json.dumps({"cases": FUZZ_TALLY["cases"], "seconds": FUZZ_TALLY["seconds"]})


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    tally = json.loads(getattr(node, "workeroutput", {}).get("fuzz_tally", "null") or "null")
    if tally:
        FUZZ_TALLY["cases"].update(tally["cases"])
        FUZZ_TALLY["seconds"] += tally["seconds"]


def pytest_terminal_summary(terminalreporter):
    cases = FUZZ_TALLY["cases"]
    if not cases:
        return
    terminalreporter.write_line(
        f"fuzz: {sum(cases.values())} cases over {len(cases)} helpers in {FUZZ_TALLY['seconds']:.1f} s"
    )
    if terminalreporter.config.getoption("verbose") > 0:
        for name, count in sorted(cases.items()):
            terminalreporter.write_line(f"  {name}: {count}")
