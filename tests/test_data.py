"""helpers.data: look-up order, checksums, damaged files, missing data, downloads.

Everything here runs without network: downloads are either switched off
(COURSE_OFFLINE=1) or served from memory by a fake ``urlopen``, and any real
socket connection fails the test.
"""

import hashlib
import io
import os
import pickle
import socket
import tarfile
import warnings
from pathlib import Path

import numpy as np
import pytest

from helpers import data


def _shared_datasets() -> Path:
    """The real-data subsets: $COURSE_DATA_DIR (CI sets it), else ../shared/datasets."""
    env = os.environ.get("COURSE_DATA_DIR")
    if env and (Path(env) / "mnist-subset.npz").exists():
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "datasets"


SHARED = _shared_datasets()
SMALL_FULL_SIZES = {"mnist": (60, 10), "cifar10": (50, 10)}


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a data test tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture
def places(tmp_path, monkeypatch):
    """Three empty look-up folders, tiny "full" sizes, offline, full mode."""
    folders = {"env": tmp_path / "env", "project": tmp_path / "project", "keras": tmp_path / "keras_home" / "datasets"}
    for folder in folders.values():
        folder.mkdir(parents=True)
    monkeypatch.setenv("COURSE_DATA_DIR", str(folders["env"]))
    monkeypatch.setattr(data, "PROJECT_DATA_DIR", folders["project"])
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    monkeypatch.setenv("COURSE_FAST", "0")
    monkeypatch.setattr(data, "FULL_SIZES", SMALL_FULL_SIZES)
    monkeypatch.setattr(data, "SHA256", {})  # each test registers the files it writes
    return folders


def register(path: Path) -> Path:
    """Record ``path``'s sha256 as the expected one (as if it were the real file)."""
    data.SHA256[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return path


def fake_mnist(path: Path, marker: int, n_train=60, n_test=10) -> Path:
    rng = np.random.default_rng(marker)
    x_train = rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8)
    x_train[0, 0, 0] = marker
    np.savez(
        path,
        x_train=x_train,
        y_train=rng.integers(0, 10, n_train).astype(np.uint8),
        x_test=rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        y_test=rng.integers(0, 10, n_test).astype(np.uint8),
    )
    return register(path)


def cifar_batch(n, seed):
    rng = np.random.default_rng(seed)
    return {
        b"batch_label": b"fake",
        b"labels": [int(v) for v in rng.integers(0, 10, n)],
        b"data": rng.integers(0, 256, (n, 3072), dtype=np.uint8),
        b"filenames": [b"x.png"] * n,
    }


def fake_cifar_batches(folder: Path, per_batch=10, n_test=10):
    folder.mkdir(parents=True)
    for i, name in enumerate(data._CIFAR_BATCHES):
        with open(folder / name, "wb") as f:
            pickle.dump(cifar_batch(n_test if name == "test_batch" else per_batch, i), f, protocol=4)
    return folder


def fake_cifar_archive(path: Path) -> Path:
    batches = fake_cifar_batches(path.parent / "tmp_batches" / "cifar-10-batches-py")
    with tarfile.open(path, "w:gz") as tar:
        tar.add(batches, arcname="cifar-10-batches-py")
    return register(path)


def first_pixel(arrays):
    return int(arrays[0][0][0, 0, 0])


def test_lookup_order_env_then_project_then_keras_cache(places):
    # Only one expected sha256 exists per file name, so the three places hold
    # files of two names, registered just before each step.
    fake_mnist(places["env"] / "mnist-subset.npz", marker=1, n_train=30)
    fake_mnist(places["project"] / "mnist.npz", marker=2)
    assert first_pixel(data.load_mnist()) == 1  # COURSE_DATA_DIR first, even over a full file
    (places["env"] / "mnist-subset.npz").unlink()
    fake_mnist(places["keras"] / "mnist-subset.npz", marker=3, n_train=30)
    assert first_pixel(data.load_mnist()) == 2  # then data/
    (places["project"] / "mnist.npz").unlink()
    assert first_pixel(data.load_mnist()) == 3  # then the Keras cache


def test_the_loader_says_where_the_data_came_from(places, capsys):
    fake_mnist(places["project"] / "mnist.npz", marker=2)
    data.load_mnist()
    assert f"from data/: {places['project'] / 'mnist.npz'}" in capsys.readouterr().out
    data.load_mnist(verbose=False)
    assert capsys.readouterr().out == ""


def test_full_file_is_preferred_to_a_subset_in_the_same_folder(places):
    fake_mnist(places["env"] / "mnist-subset.npz", marker=5, n_train=30)
    fake_mnist(places["env"] / "mnist.npz", marker=6)
    assert first_pixel(data.load_mnist()) == 6


def test_subset_files_are_accepted_and_cifar_labels_get_the_keras_shape(places):
    fake_mnist(places["env"] / "mnist-subset.npz", marker=5, n_train=30)
    (x, y), (xt, yt) = data.load_mnist()
    assert x.shape == (30, 28, 28) and y.shape == (30,) and x.dtype == np.uint8

    rng = np.random.default_rng(0)
    np.savez(
        places["env"] / "cifar10-subset.npz",
        x_train=rng.integers(0, 256, (20, 32, 32, 3), dtype=np.uint8),
        y_train=rng.integers(0, 10, 20).astype(np.uint8),
        x_test=rng.integers(0, 256, (5, 32, 32, 3), dtype=np.uint8),
        y_test=rng.integers(0, 10, 5).astype(np.uint8),
    )
    register(places["env"] / "cifar10-subset.npz")
    (x, y), (xt, yt) = data.load_cifar10()
    assert x.shape == (20, 32, 32, 3) and y.shape == (20, 1) and yt.shape == (5, 1)
    assert y.dtype == np.uint8


def test_cifar_archive_and_extracted_folder_give_what_keras_gives(places):
    from keras.src.datasets.cifar import load_batch  # Keras' own batch reader

    fake_cifar_archive(places["env"] / "cifar-10-python.tar.gz")
    (x, y), (xt, yt) = data.load_cifar10()
    assert x.shape == (50, 32, 32, 3) and y.shape == (50, 1) and xt.shape == (10, 32, 32, 3)

    folder = places["env"] / "tmp_batches" / "cifar-10-batches-py"
    keras_x, keras_y = load_batch(str(folder / "data_batch_2"))
    np.testing.assert_array_equal(x[10:20], keras_x.transpose(0, 2, 3, 1))  # Keras, channels last
    np.testing.assert_array_equal(y[10:20, 0], keras_y)

    # the same batches, extracted the way Keras 3 caches them
    (places["env"] / "cifar-10-python.tar.gz").unlink()
    target = places["keras"] / "cifar-10-batches-py-target"
    target.mkdir()
    folder.rename(target / "cifar-10-batches-py")
    (x2, y2), (xt2, yt2) = data.load_cifar10()
    np.testing.assert_array_equal(x2, x)
    np.testing.assert_array_equal(yt2, yt)


def test_a_file_with_a_wrong_checksum_is_reported_skipped_and_kept(places):
    bad = fake_mnist(places["env"] / "mnist.npz", marker=1)
    data.SHA256["mnist.npz"] = "0" * 64  # the real hash differs from this file's
    before = bad.read_bytes()
    fake_mnist(places["project"] / "mnist-subset.npz", marker=2, n_train=30)
    with pytest.warns(data.DataFileWarning, match="damaged and was not used"):
        arrays = data.load_mnist()
    assert first_pixel(arrays) == 2
    assert bad.read_bytes() == before  # left in place, untouched


def test_a_truncated_file_is_reported_skipped_and_kept(places):
    good = fake_mnist(places["project"] / "mnist.npz", marker=2)
    truncated = places["env"] / "mnist.npz"
    truncated.write_bytes(good.read_bytes()[:1000])
    with pytest.warns(data.DataFileWarning):
        assert first_pixel(data.load_mnist()) == 2
    assert truncated.stat().st_size == 1000


def test_an_unreadable_extracted_cifar_folder_is_skipped_and_kept(places):
    folder = fake_cifar_batches(places["env"] / "cifar-10-batches-py")
    (folder / "data_batch_3").write_bytes(b"not a pickle")
    with pytest.raises(data.DataNotFoundError) as info, pytest.warns(data.DataFileWarning):
        data.load_cifar10()
    assert "cannot be read" in str(info.value)
    assert (folder / "data_batch_3").read_bytes() == b"not a pickle"


def test_a_malicious_pickle_is_refused(places):
    folder = fake_cifar_batches(places["env"] / "cifar-10-batches-py")

    class Evil:
        def __reduce__(self):
            return (print, ("pwned",))

    with open(folder / "test_batch", "wb") as f:
        pickle.dump(Evil(), f)
    with (
        pytest.raises(data.DataNotFoundError, match="refusing to unpickle builtins.print"),
        pytest.warns(data.DataFileWarning),
    ):
        data.load_cifar10()


def test_missing_data_error_lists_every_place_and_the_fix(places):
    with pytest.raises(data.DataNotFoundError) as info:
        data.load_mnist()
    message = str(info.value)
    for label, folder in [("COURSE_DATA_DIR", "env"), ("data/", "project"), ("Keras cache", "keras")]:
        assert f"{label}: {places[folder]}" in message
    assert "download: not attempted (COURSE_OFFLINE is set)" in message
    assert "python -m helpers.data download" in message
    assert isinstance(info.value, FileNotFoundError)


def test_fast_mode_uses_a_synthetic_stand_in_with_a_warning(places, monkeypatch, capsys):
    monkeypatch.setenv("COURSE_FAST", "1")
    with pytest.warns(data.SyntheticDataWarning, match="SYNTHETIC"):
        (x, y), (xt, yt) = data.load_cifar10()
    assert x.dtype == np.uint8 and x.shape[1:] == (32, 32, 3) and y.shape == (len(x), 1)
    assert "SYNTHETIC" in capsys.readouterr().out
    assert set(np.unique(y)) == set(range(10))


class FakeResponse(io.BytesIO):
    def __init__(self, payload, fail_after=None):
        super().__init__(payload)
        self.fail_after = fail_after

    def read(self, size=-1):
        if self.fail_after is not None and self.tell() >= self.fail_after:
            raise ConnectionResetError("connection dropped")
        return super().read(size)

    def __exit__(self, *exc):
        self.close()
        return False


def serve(monkeypatch, payload, fail_after=None):
    monkeypatch.setattr(data.urllib.request, "urlopen", lambda url, timeout: FakeResponse(payload, fail_after))


def test_download_saves_under_the_final_name_only_when_complete_and_checked(places, tmp_path, monkeypatch):
    source = fake_mnist(tmp_path / "mnist.npz", marker=9)
    serve(monkeypatch, source.read_bytes())
    monkeypatch.setenv("COURSE_OFFLINE", "0")
    assert first_pixel(data.load_mnist()) == 9  # nothing local: downloaded into the Keras cache
    assert (places["keras"] / "mnist.npz").read_bytes() == source.read_bytes()
    assert [p.name for p in places["keras"].iterdir()] == ["mnist.npz"]  # no temporary file left


def test_an_interrupted_download_leaves_no_partial_file(places, tmp_path, monkeypatch):
    source = fake_mnist(tmp_path / "mnist.npz", marker=9)
    serve(monkeypatch, source.read_bytes(), fail_after=100)  # the connection drops mid-way
    with pytest.raises(ConnectionResetError):
        data.download_dataset("mnist", places["project"])
    assert list(places["project"].iterdir()) == []


def test_a_download_with_the_wrong_checksum_is_not_kept(places, tmp_path, monkeypatch):
    fake_mnist(tmp_path / "mnist.npz", marker=9)
    serve(monkeypatch, b"something else entirely")
    with pytest.raises(data.DataFileError, match="sha256"):
        data.download_dataset("mnist", places["project"])
    assert list(places["project"].iterdir()) == []


def test_a_damaged_cached_file_is_never_replaced_by_a_download(places, tmp_path, monkeypatch):
    source = fake_mnist(tmp_path / "mnist.npz", marker=9)
    damaged = places["keras"] / "mnist.npz"
    damaged.write_bytes(b"damaged")
    serve(monkeypatch, source.read_bytes())
    monkeypatch.setenv("COURSE_OFFLINE", "0")
    with pytest.raises(data.DataNotFoundError) as info, pytest.warns(data.DataFileWarning):
        data.load_mnist()
    assert "download:" in str(info.value) and "sha256" in str(info.value)
    assert damaged.read_bytes() == b"damaged"


def test_command_line_status_and_download(places, tmp_path, monkeypatch, capsys):
    assert data.main(["status"]) == 1
    assert "MNIST: not found" in capsys.readouterr().out
    source = fake_mnist(tmp_path / "mnist.npz", marker=9)
    serve(monkeypatch, source.read_bytes())
    assert data.main(["download", "mnist", "--dest", str(places["project"])]) == 0
    assert (places["project"] / "mnist.npz").exists()
    with pytest.raises(SystemExit):
        data.main(["download", "imagenet"])


def test_bad_dataset_name():
    with pytest.raises(ValueError, match='name must be "mnist" or "cifar10"'):
        data.find_dataset("imagenet")


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared real-data subsets are not beside this checkout")
def test_the_shared_real_subsets_load_with_keras_shapes(monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(SHARED))
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    (x, y), (xt, yt) = data.load_mnist()
    assert (x.shape, y.shape, xt.shape, yt.shape) == ((3009, 28, 28), (3009,), (10000, 28, 28), (10000,))
    assert x.dtype == y.dtype == np.uint8
    (x, y), (xt, yt) = data.load_cifar10()
    assert (x.shape, y.shape, xt.shape, yt.shape) == ((4660, 32, 32, 3), (4660, 1), (846, 32, 32, 3), (846, 1))
    assert x.dtype == y.dtype == np.uint8


# --- Damaged files, systematically: every look-up place x file x damage ----------


def _damage(path: Path, how: str) -> None:
    raw = path.read_bytes()
    if how == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "flipped":  # same size, one byte changed in the middle
        middle = len(raw) // 2
        path.write_bytes(raw[:middle] + bytes([raw[middle] ^ 0xFF]) + raw[middle + 1 :])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "garbage":
        path.write_bytes(os.urandom(len(raw)))


def _good_copy(dataset: str, path: Path, marker: int) -> Path:
    if dataset == "mnist":
        return fake_mnist(path, marker=marker)
    archive = fake_cifar_archive(path)
    return archive


@pytest.mark.parametrize("known_hash", [True, False], ids=["with-sha256", "structure-only"])
@pytest.mark.parametrize("how", ["truncated", "flipped", "empty", "garbage"])
@pytest.mark.parametrize("dataset,filename", [("mnist", "mnist.npz"), ("cifar10", "cifar-10-python.tar.gz")])
@pytest.mark.parametrize("place", ["env", "project", "keras"])
def test_a_damaged_file_in_any_place_is_reported_not_used_and_kept(places, place, dataset, filename, how, known_hash):
    damaged = _good_copy(dataset, places[place] / filename, marker=7)
    if not known_hash:
        data.SHA256.pop(filename, None)
    _damage(damaged, how)
    before, mtime = damaged.read_bytes(), damaged.stat().st_mtime_ns
    contents = sorted(p.name for p in places[place].iterdir())
    load = data.load_mnist if dataset == "mnist" else data.load_cifar10

    # Alone, it gives the documented error, naming the file and the fix ...
    with (
        pytest.raises(data.DataNotFoundError) as info,
        pytest.warns(data.DataFileWarning, match="damaged and was not used"),
    ):
        load(verbose=False)
    assert f"{damaged} is damaged and was skipped" in str(info.value)
    assert "it was left in place" in str(info.value)
    # ... and with a good copy in a later place (or an earlier one, for the last
    # place), that copy is used instead.
    order = ["env", "project", "keras"]
    other = order[order.index(place) + 1] if place != "keras" else "env"
    good_name = "mnist-subset.npz" if dataset == "mnist" else filename
    if dataset == "mnist":
        fake_mnist(places[other] / good_name, marker=3)
    else:
        _good_copy(dataset, places[other] / good_name, marker=3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        arrays = load(verbose=False)
    assert any(issubclass(w.category, data.DataFileWarning) for w in caught) == (place != "keras")
    assert arrays[0][0].shape[1:3] == ((28, 28) if dataset == "mnist" else (32, 32))
    if dataset == "mnist":
        assert first_pixel(arrays) == 3
    # The damaged file is exactly as it was: not deleted, not rewritten, not "repaired".
    assert damaged.read_bytes() == before and damaged.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in places[place].iterdir()) == contents
