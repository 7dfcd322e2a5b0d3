"""The suite really is offline: the guard in tests/offline.py refuses outside hosts
quickly, still lets loopback through, and the data look-up gives up at once."""

import socket
import time

import pytest

from tests.offline import NetworkBlocked


@pytest.mark.parametrize("address", [("93.184.216.34", 80), ("2606:2800:220:1::", 443, 0, 0)])
def test_outside_connections_fail_at_once(address):
    family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
    start = time.perf_counter()
    with socket.socket(family, socket.SOCK_STREAM) as s, pytest.raises(NetworkBlocked, match="blocked"):
        s.connect(address)
    assert time.perf_counter() - start < 1.0


def test_urllib_fails_fast_instead_of_hanging():
    import urllib.request

    start = time.perf_counter()
    with pytest.raises(OSError):
        urllib.request.urlopen("http://192.0.2.1/", timeout=5)
    assert time.perf_counter() - start < 2.0


def test_loopback_still_works():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.socket() as client:
            client.connect(server.getsockname())
            conn, _ = server.accept()
            conn.close()


def test_notebook_kernels_are_told_to_stay_offline():
    import os

    from helpers import config

    assert config.env_flag("COURSE_OFFLINE")
    assert os.environ["COURSE_OFFLINE"] == "1"


@pytest.mark.parametrize("offline", ["1", "0"])
def test_data_lookup_without_files_fails_fast(tmp_path, monkeypatch, offline):
    """No dataset anywhere: with COURSE_OFFLINE=1 no download is tried; with 0
    the download meets the blocked network.  Either way the student gets the
    documented DataNotFoundError at once, not a hang."""
    from helpers import data

    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "none"))
    monkeypatch.setattr(data, "PROJECT_DATA_DIR", tmp_path / "project")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setenv("COURSE_FAST", "0")
    monkeypatch.setenv("COURSE_OFFLINE", offline)
    start = time.perf_counter()
    with pytest.raises(data.DataNotFoundError):
        data.load_mnist(verbose=False)
    assert time.perf_counter() - start < 5.0
    assert not list(tmp_path.rglob("mnist*.npz"))  # nothing half-downloaded left behind
