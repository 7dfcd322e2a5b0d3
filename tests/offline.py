"""Offline: the whole suite runs with the network blocked (a pytest plugin,
loaded by the top-level ``conftest.py``).

Students work offline in class and CI has no internet, so no test may depend
on it.  Inside the test process every socket connection to anything but this
machine (loopback, used by the browser test's JupyterLab server) fails at
once; the notebook kernels inherit ``COURSE_OFFLINE=1``, which makes
``helpers.data`` skip downloading (see data/README.md).
"""

import ipaddress
import os
import socket

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
