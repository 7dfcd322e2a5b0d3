"""Shared fixtures for the unit tests and the fuzz tally.

(The network guard, Hypothesis' profiles, the parallel set-up and the
notebook runs are plugins loaded by the top-level ``conftest.py``.)
"""

import collections
import json

import pytest


@pytest.fixture(scope="session")
def tf():
    """TensorFlow, imported once and quietly."""
    from helpers import config

    return config.quiet_tensorflow()


@pytest.fixture(scope="session")
def keras(tf):
    import keras

    return keras


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for the browser tests (tests/browser_support.py), one per test module."""
    from tests.browser_support import launched_chromium

    with launched_chromium() as b:
        yield b


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
