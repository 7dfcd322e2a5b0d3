"""Fuzz specs for ``helpers.data``, offline, in temporary folders: a download is refused
by a fake ``urlopen``, and a missing dataset is the expected ``DataNotFoundError``."""

import os

from hypothesis import strategies as st

from helpers import data
from tests.fuzz.engine import Spec, bools, ints, reals, texts


class FakeOffline(OSError):
    """What the fake ``urlopen`` raises: the expected outcome of a valid download offline."""


def offline_data(monkeypatch, tmp_path):
    """Empty dataset folders under tmp_path, offline, full mode; urlopen refuses."""
    for folder in ("env", "project", "keras_home/datasets"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "env"))
    monkeypatch.setattr(data, "PROJECT_DATA_DIR", tmp_path / "project")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    monkeypatch.setenv("COURSE_FAST", "0")

    def refuse(*args, **kwargs):
        raise FakeOffline("no network in the fuzz tests")

    monkeypatch.setattr(data.urllib.request, "urlopen", refuse)
    (tmp_path / "file.bin").write_bytes(b"some bytes")


SPECS = [
    Spec(
        "data.load_mnist",
        data.load_mnist,
        lambda: dict(verbose=False, download=True),
        dict(verbose=bools(), download=bools()),
        expected=(data.DataNotFoundError,),
        examples=30,
        setup=offline_data,
    ),
    Spec(
        "data.load_cifar10",
        data.load_cifar10,
        lambda: dict(verbose=True, download=False),
        dict(verbose=bools(), download=bools()),
        expected=(data.DataNotFoundError,),
        examples=30,
        setup=offline_data,
    ),
    Spec(
        "data.find_dataset",
        data.find_dataset,
        lambda: dict(name="mnist", download=True),
        dict(name=texts("mnist", "cifar10"), download=bools()),
        examples=60,
        setup=offline_data,
    ),
    Spec(
        "data.download_dataset",
        lambda **kw: data.download_dataset(
            **{**kw, "dest_dir": kw["dest_dir"]() if callable(kw["dest_dir"]) else kw["dest_dir"]}
        ),
        lambda: dict(name="cifar10", dest_dir=lambda: os.path.join(os.getcwd(), "downloads"), timeout=5),
        dict(
            name=texts("mnist", "cifar10"),
            dest_dir=st.sampled_from([None, 3, 2.5, [], b"downloads", object(), True]),
            timeout=reals(),
        ),
        expected=(FakeOffline,),
        examples=60,
        setup=offline_data,
    ),
    Spec(
        "data.download_reachable",
        data.download_reachable,
        lambda: dict(name="mnist", timeout=5),
        dict(name=texts("mnist", "cifar10"), timeout=reals()),
        examples=60,
        setup=offline_data,
    ),
    Spec(
        "data.synthetic_dataset",
        data.synthetic_dataset,
        lambda: dict(name="mnist", n_train=5, n_test=3, seed=0),
        dict(name=texts("mnist", "cifar10"), n_train=ints(), n_test=ints(), seed=ints()),
        examples=60,
    ),
    Spec(
        "data.sha256_of",
        lambda path: data.sha256_of(path() if callable(path) else path),
        lambda: dict(path=lambda: os.path.join(os.getcwd(), "file.bin")),
        dict(
            path=st.sampled_from(
                [
                    None,
                    -1,
                    10**9,
                    2.5,
                    True,
                    [],
                    b"\x00",
                    object(),
                    lambda: os.getcwd(),
                    lambda: os.path.join(os.getcwd(), "missing.npz"),
                ]
            )
        ),
        expected=(FileNotFoundError, IsADirectoryError),
        examples=20,
        setup=offline_data,
    ),
]
