"""Shared fixtures for the unit tests."""

import os

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis: enough examples to find shape bugs, bounded for a 2-core CI box.
# TensorFlow's first call in a test is slow, so no per-example deadline.
settings.register_profile(
    "course",
    max_examples=int(os.environ.get("COURSE_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("course")


@pytest.fixture(scope="session")
def tf():
    """TensorFlow, imported once and quietly."""
    from helpers import config

    return config.quiet_tensorflow()


@pytest.fixture(scope="session")
def keras(tf):
    import keras

    return keras


# --- Offline: the whole suite runs with the network blocked ----------------
#
# Students work offline in class and CI has no internet, so no test may depend
# on it.  Inside the test process every socket connection to anything but this
# machine (loopback, used by the browser test's JupyterLab server) fails at
# once; the notebook kernels nbval starts inherit COURSE_OFFLINE=1, which makes
# helpers.data skip downloading (see data/README.md).
import ipaddress  # noqa: E402
import socket  # noqa: E402

os.environ.setdefault("COURSE_OFFLINE", "1")


class NetworkBlocked(OSError):
    """Raised instead of opening a connection that leaves this machine."""


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = address[0] if isinstance(address, tuple) and address else address
    if isinstance(host, bytes):
        host = host.decode()
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:  # a host name: resolving it would already need the network
        return False


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded_connect(self, address):
    if not _is_local(address):
        raise NetworkBlocked(f"network access is blocked in the tests (connect to {address!r})")
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    if not _is_local(address):
        raise NetworkBlocked(f"network access is blocked in the tests (connect to {address!r})")
    return _real_connect_ex(self, address)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex


# --- Fuzz tally: tests/test_fuzz.py counts the cases it runs ---------------
import collections  # noqa: E402

FUZZ_TALLY = {"cases": collections.Counter(), "seconds": 0.0}


@pytest.fixture(scope="session")
def fuzz_tally():
    """Where tests/test_fuzz.py counts its cases, per helper, and its time."""
    return FUZZ_TALLY


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
