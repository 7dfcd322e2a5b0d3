"""MNIST and CIFAR-10 for the lessons: real data first, offline-friendly, never silent.

``load_mnist()`` and ``load_cifar10()`` return exactly what
``keras.datasets.mnist.load_data()`` / ``keras.datasets.cifar10.load_data()``
return::

    (x_train, y_train), (x_test, y_test)
    MNIST:    uint8 (N, 28, 28),     labels uint8 (N,)
    CIFAR-10: uint8 (N, 32, 32, 3),  labels uint8 (N, 1)

Where they look, in order (the first file that passes its checks wins):

1. the folder named by the environment variable ``COURSE_DATA_DIR``;
2. the project's ``data/`` folder (``python -m helpers.data download`` fills it);
3. the Keras cache (``$KERAS_HOME/datasets``, by default ``~/.keras/datasets``);
4. a download from the Keras source into the Keras cache, sha256-checked.

In each folder they accept the full Keras files (``mnist.npz``; the CIFAR-10
python batches, as the ``cifar-10-python.tar.gz`` archive or extracted into
``cifar-10-batches-py/``) or the course's subset files (``mnist-subset.npz``,
``cifar10-subset.npz``: real images, fewer of them).

A file that fails its sha256 check or cannot be read is reported (a warning,
and a line in the final error) and left exactly where it is: never used, never
deleted, never overwritten.  When nothing works the error lists every place
tried and how to fix it.  Only in fast mode (``COURSE_FAST=1``) may a
synthetic stand-in be used instead, and a warning says so.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import io
import os
import pickle
import sys
import tarfile
import tempfile
import urllib.request
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import config
from .validate import as_bool, as_int, as_number

DATA_DIR_ENV_VAR = "COURSE_DATA_DIR"
OFFLINE_ENV_VAR = "COURSE_OFFLINE"
PROJECT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DOWNLOAD_TIMEOUT_S = 30

# sha256 of every file whose exact content is known.  The two full-data hashes
# are the ones Keras itself checks; the subset hashes are those of the course's
# offline fixtures.
SHA256 = {
    "mnist.npz": "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
    "cifar-10-python.tar.gz": "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
    "mnist-subset.npz": "55dfb6e28d4b3e383460770f707dfe136fe4bd5e87b32d412f3f841b0e4e9396",
    "cifar10-subset.npz": "4e048590c325ded6348cc1e5c96ee655ccdd0b664a7228c3b61c29e60fa80662",
}

# Where Keras downloads the full datasets from (the same addresses Keras uses).
DOWNLOAD_URLS = {
    "mnist": ("https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz", "mnist.npz"),
    "cifar10": ("https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz", "cifar-10-python.tar.gz"),
}

FULL_SIZES = {"mnist": (60000, 10000), "cifar10": (50000, 10000)}
IMAGE_SHAPES = {"mnist": (28, 28), "cifar10": (32, 32, 3)}
NICE_NAMES = {"mnist": "MNIST", "cifar10": "CIFAR-10"}
CIFAR10_CLASSES = (
    "airplane", "automobile", "bird", "cat", "deer",
    "dog", "frog", "horse", "ship", "truck",
)  # fmt: skip


class DataNotFoundError(FileNotFoundError):
    """No usable copy of a dataset was found; the message lists every place tried."""


class DataFileError(ValueError):
    """A dataset file exists but failed its checksum or could not be read."""


class DataFileWarning(UserWarning):
    """A damaged dataset file was found, reported and skipped (not deleted)."""


class SyntheticDataWarning(UserWarning):
    """Fast mode is using generated stand-in data, not the real dataset."""


@dataclass(frozen=True)
class DataSource:
    """Where a loaded dataset came from."""

    name: str  # "mnist" or "cifar10"
    place: str  # "COURSE_DATA_DIR", "data/", "Keras cache", "download", "synthetic"
    path: Path | None
    kind: str  # "full", "subset" or "synthetic"
    n_train: int
    n_test: int

    def describe(self) -> str:
        full_train, full_test = FULL_SIZES[self.name]
        what = f"{self.n_train:,} training and {self.n_test:,} test images"
        if self.kind == "subset":
            what += f" (a real subset of {full_train:,} / {full_test:,})"
        elif self.kind == "synthetic":
            what += " (SYNTHETIC stand-in, fast mode only: not the real dataset)"
        where = f"{self.place}: {self.path}" if self.path else self.place
        return f"{NICE_NAMES[self.name]}: {what}, from {where}"


# ---------------------------------------------------------------- look-up


def keras_cache_dir() -> Path:
    """The folder Keras caches datasets in: ``$KERAS_HOME/datasets`` or ``~/.keras/datasets``."""
    home = os.environ.get("KERAS_HOME") or os.path.join("~", ".keras")
    return Path(home).expanduser() / "datasets"


def search_places() -> list[tuple[str, Path]]:
    """The folders searched, in order, as (label, folder) pairs."""
    places = []
    env_dir = os.environ.get(DATA_DIR_ENV_VAR, "").strip()
    if env_dir:
        places.append((DATA_DIR_ENV_VAR, Path(env_dir).expanduser()))
    places.append(("data/", PROJECT_DATA_DIR))
    places.append(("Keras cache", keras_cache_dir()))
    return places


def _candidates(name: str, folder: Path) -> list[tuple[Path, str]]:
    """The files (or folders) that may hold ``name`` inside ``folder``, best first."""
    if name == "mnist":
        return [(folder / "mnist.npz", "full"), (folder / "mnist-subset.npz", "subset")]
    return [
        (folder / "cifar-10-batches-py", "full"),
        # Keras 3 extracts its download here:
        (folder / "cifar-10-batches-py-target" / "cifar-10-batches-py", "full"),
        (folder / "cifar-10-python.tar.gz", "full"),
        (folder / "cifar10-subset.npz", "subset"),
    ]


def _as_name(name) -> str:
    if not isinstance(name, str) or name not in FULL_SIZES:
        raise ValueError(f'name must be "mnist" or "cifar10", got {name!r}')
    return name


def find_dataset(name: str, download: bool = True):
    """Find and read dataset ``name`` ("mnist" or "cifar10").

    Returns ``(arrays, source, report)``: ``arrays`` as Keras returns them
    (``None`` if nothing worked), a ``DataSource`` (or ``None``) and the list
    of lines saying what was tried.  Damaged files produce a DataFileWarning.
    """
    name = _as_name(name)
    download = as_bool(download, "download")
    report = []
    for place, folder in search_places():
        if not folder.is_dir():
            report.append(f"{place}: {folder} (no such folder)")
            continue
        found_any = False
        for path, kind in _candidates(name, folder):
            if not path.exists():
                continue
            found_any = True
            try:
                arrays = _read(name, path, kind)
            except DataFileError as err:
                report.append(f"{place}: {path} is damaged and was skipped ({err}); it was left in place")
                warnings.warn(
                    f"{path} is damaged and was not used ({err}). It was left in place: "
                    f"replace it with a good copy or move it away.",
                    DataFileWarning,
                    stacklevel=3,
                )
                continue
            return arrays, _source(name, place, path, kind, arrays), report
        if not found_any:
            names = ", ".join(str(p.relative_to(folder)) for p, _ in _candidates(name, folder))
            report.append(f"{place}: {folder} (none of {names})")
    if not download:
        report.append("download: not attempted (download=False)")
    elif config.env_flag(OFFLINE_ENV_VAR):
        report.append(f"download: not attempted ({OFFLINE_ENV_VAR} is set)")
    else:
        try:
            path = download_dataset(name, keras_cache_dir())
            arrays = _read(name, path, "full")
            return arrays, _source(name, "download", path, "full", arrays), report
        except (OSError, http.client.HTTPException, DataFileError) as err:
            report.append(f"download: {DOWNLOAD_URLS[name][0]} failed ({err})")
    return None, None, report


def _source(name, place, path, kind, arrays) -> DataSource:
    (x_train, _), (x_test, _) = arrays
    return DataSource(name, place, path, kind, len(x_train), len(x_test))


def _missing_message(name: str, report: list[str]) -> str:
    lines = "\n".join(f"  - {line}" for line in report)
    return (
        f"{NICE_NAMES[name]} could not be loaded. Places tried, in order:\n{lines}\n"
        f"To fix it, either:\n"
        f"  - on a machine with internet, run:  python -m helpers.data download\n"
        f"    (it saves both datasets into the project's data/ folder), or\n"
        f"  - set {DATA_DIR_ENV_VAR} to a folder holding mnist.npz / cifar-10-python.tar.gz\n"
        f"    (or the subset files mnist-subset.npz / cifar10-subset.npz).\n"
        f"In fast mode ({config.FAST_ENV_VAR}=1) a synthetic stand-in would be used instead."
    )


def _load(name: str, verbose: bool, download: bool):
    verbose = as_bool(verbose, "verbose")
    arrays, source, report = find_dataset(name, download=download)
    if arrays is None:
        if not config.fast_mode():
            raise DataNotFoundError(_missing_message(name, report))
        arrays = synthetic_dataset(name)
        source = _source(name, "synthetic", None, "synthetic", arrays)
        message = (
            f"{NICE_NAMES[name]} was not found, so fast mode is using a SYNTHETIC stand-in "
            f"(generated patterns, not real images). Results will not match the real dataset."
        )
        warnings.warn(message, SyntheticDataWarning, stacklevel=3)
        print("WARNING:", message)
    if verbose:
        print(source.describe())
    return arrays


def load_mnist(verbose: bool = True, download: bool = True):
    """MNIST digits as ``keras.datasets.mnist.load_data()`` returns them.

    Returns ``(x_train, y_train), (x_test, y_test)``: x uint8 (N, 28, 28) with
    pixels 0..255, y uint8 (N,) with labels 0..9.  Full data: 60,000 / 10,000.
    ``verbose`` prints one line saying where the data came from.
    """
    return _load("mnist", verbose, download)


def load_cifar10(verbose: bool = True, download: bool = True):
    """CIFAR-10 as ``keras.datasets.cifar10.load_data()`` returns it.

    Returns ``(x_train, y_train), (x_test, y_test)``: x uint8 (N, 32, 32, 3),
    y uint8 (N, 1) with labels 0..9 (names in ``CIFAR10_CLASSES``).
    Full data: 50,000 / 10,000.
    """
    return _load("cifar10", verbose, download)


# ---------------------------------------------------------------- reading and checking


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    if not isinstance(path, (str, os.PathLike)):  # an int would be read as a file descriptor
        raise TypeError(f"path must be a file path (str or Path), got {path!r}")
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _require_sha256(path: Path) -> None:
    expected = SHA256.get(path.name)
    if expected is None:
        return
    try:
        actual = sha256_of(path)
    except OSError as err:
        raise DataFileError(f"cannot be read: {err}") from None
    if actual != expected:
        raise DataFileError(f"sha256 is {actual[:12]}..., expected {expected[:12]}...")


def _read(name: str, path: Path, kind: str):
    """Read one candidate and check it; raise DataFileError if it is unusable."""
    if path.is_file():
        _require_sha256(path)
    try:
        if path.suffix == ".npz":
            arrays = _read_npz(path)
        elif path.name.endswith(".tar.gz"):
            arrays = _read_cifar_archive(path)
        else:
            arrays = _read_cifar_folder(path)
    except DataFileError:
        raise
    except Exception as err:  # a damaged file can fail in many ways; all mean "unusable"
        raise DataFileError(f"cannot be read: {type(err).__name__}: {err}") from None
    if name == "cifar10":
        arrays = tuple((x, y.reshape(-1, 1)) for x, y in arrays)  # Keras shape (N, 1)
    _require_arrays(name, arrays, kind)
    return arrays


def _read_npz(path: Path):
    with np.load(path, allow_pickle=False) as f:
        missing = {"x_train", "y_train", "x_test", "y_test"} - set(f.files)
        if missing:
            raise DataFileError(f"missing arrays {sorted(missing)}")
        return (f["x_train"], f["y_train"]), (f["x_test"], f["y_test"])


def _require_arrays(name: str, arrays, kind: str) -> None:
    image_shape = IMAGE_SHAPES[name]
    label_shape = () if name == "mnist" else (1,)
    for split, (x, y) in zip(("train", "test"), arrays):
        if x.dtype != np.uint8 or x.shape[1:] != image_shape:
            raise DataFileError(f"x_{split} is {x.dtype} {x.shape}, expected uint8 (N, {image_shape})")
        if y.shape != (len(x),) + label_shape:
            raise DataFileError(f"y_{split} has shape {y.shape}, expected {(len(x),) + label_shape}")
        if len(y) and (y.min() < 0 or y.max() > 9):
            raise DataFileError(f"y_{split} has labels outside 0..9")
        if kind == "full" and len(x) != FULL_SIZES[name][split == "test"]:
            raise DataFileError(
                f"x_{split} has {len(x)} images, the full dataset has {FULL_SIZES[name][split == 'test']}"
            )


class _NumpyOnlyUnpickler(pickle.Unpickler):
    """Unpickles the CIFAR-10 batch files, refusing anything but numpy arrays.

    A pickle can run arbitrary code through the classes it names; the batch
    files only need the three names below to rebuild their arrays.
    """

    ALLOWED = {
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "_reconstruct"),
    }

    def find_class(self, module, name):
        if (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise DataFileError(f"refusing to unpickle {module}.{name}")


def _read_cifar_batch(stream):
    """One CIFAR-10 batch: (images uint8 (N, 32, 32, 3), labels uint8 (N,))."""
    batch = _NumpyOnlyUnpickler(stream, encoding="bytes").load()
    data = np.asarray(batch[b"data"], dtype=np.uint8)
    labels = np.asarray(batch[b"labels"], dtype=np.uint8)
    # Stored as rows of 3072 = 3 colour planes of 32 x 32; Keras is channels-last.
    return data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1), labels


_CIFAR_BATCHES = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]


def _assemble_cifar(batches):
    x_train = np.concatenate([b[0] for b in batches[:5]])
    y_train = np.concatenate([b[1] for b in batches[:5]])
    return (x_train, y_train), batches[5]


def _read_cifar_folder(folder: Path):
    batches = []
    for batch_name in _CIFAR_BATCHES:
        with open(folder / batch_name, "rb") as f:
            batches.append(_read_cifar_batch(f))
    return _assemble_cifar(batches)


def _read_cifar_archive(path: Path):
    batches = []
    with tarfile.open(path, "r:gz") as archive:
        for batch_name in _CIFAR_BATCHES:
            member = archive.extractfile(f"cifar-10-batches-py/{batch_name}")
            if member is None:
                raise DataFileError(f"{batch_name} missing from the archive")
            batches.append(_read_cifar_batch(io.BytesIO(member.read())))
        # Reading on to the end makes gzip check the CRC-32 of the whole archive,
        # so one changed byte is caught even where no sha256 is known for the file.
        while archive.fileobj.read(1 << 20):
            pass
    return _assemble_cifar(batches)


# ---------------------------------------------------------------- downloading


def download_dataset(name: str, dest_dir: Path, timeout: float = DOWNLOAD_TIMEOUT_S) -> Path:
    """Download the full dataset file for ``name`` into ``dest_dir`` and check its sha256.

    The download goes to a temporary file in ``dest_dir`` that is renamed to
    its final name only once complete and checked, so an interrupted download
    never leaves a partial file under the final name.  A good file already
    there is kept (no download); a damaged one is left alone and reported.
    ``timeout`` is in seconds (> 0).
    """
    url, filename = DOWNLOAD_URLS[_as_name(name)]
    if not isinstance(dest_dir, (str, os.PathLike)):
        raise TypeError(f"dest_dir must be a folder path (str or Path), got {dest_dir!r}")
    timeout = as_number(timeout, "timeout", positive=True)
    dest_dir = Path(dest_dir)
    final = dest_dir / filename
    if final.exists():
        _require_sha256(final)  # raises DataFileError for a damaged file; it stays
        return final
    dest_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{filename}.", suffix=".part", dir=dest_dir)
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:
            for block in iter(lambda: response.read(1 << 20), b""):
                out.write(block)
                digest.update(block)
        if digest.hexdigest() != SHA256[filename]:
            raise DataFileError(
                f"downloaded file has sha256 {digest.hexdigest()[:12]}..., expected {SHA256[filename][:12]}..."
            )
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()  # only ever our own temporary file
    return final


REACHABLE_TIMEOUT_S = 5


def download_reachable(name: str, timeout: float = REACHABLE_TIMEOUT_S) -> tuple[bool, str]:
    """Could dataset ``name`` be downloaded from here, now?  ``(yes, why)``.

    One HEAD request to its address (``DOWNLOAD_URLS``), answered within
    ``timeout`` seconds (> 0), or not; nothing is downloaded.  With
    ``COURSE_OFFLINE=1`` the answer is no without asking: the lessons would not
    download either.
    """
    url, _ = DOWNLOAD_URLS[_as_name(name)]
    timeout = as_number(timeout, "timeout", positive=True)
    if config.env_flag(OFFLINE_ENV_VAR):
        return False, f"downloads are off ({OFFLINE_ENV_VAR} is set)"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=timeout) as response:
            return True, f"{url} answers (HTTP {response.status})"
    except (OSError, http.client.HTTPException, ValueError) as err:  # URLError, timeouts, a blocked socket
        return False, f"{url} cannot be reached ({getattr(err, 'reason', err)})"


# ---------------------------------------------------------------- synthetic stand-in (fast mode only)


def synthetic_dataset(name: str, n_train: int = 1000, n_test: int = 200, seed: int = 0):
    """Generated stand-in data with the real dataset's shapes and dtypes.

    Each class is a fixed random blob pattern; every example is its class
    pattern, randomly shifted by up to 2 pixels, plus noise.  A network can
    learn it, but it is NOT the real dataset: the loaders only use it in fast
    mode, with a warning.  ``n_train`` and ``n_test`` are 1 to 60,000.
    """
    shape = IMAGE_SHAPES[_as_name(name)]
    n_train = as_int(n_train, "n_train", minimum=1, maximum=60_000)
    n_test = as_int(n_test, "n_test", minimum=1, maximum=60_000)
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0))
    smooth = rng.random((10,) + shape)
    for axis in (1, 2):  # blur along height and width so patterns are blobs, not noise
        smooth = (smooth + np.roll(smooth, 1, axis) + np.roll(smooth, -1, axis)) / 3
    prototypes = (smooth > np.median(smooth)).astype(float) * 200

    def make(n):
        labels = rng.integers(0, 10, size=n).astype(np.uint8)
        images = prototypes[labels]
        shifts = rng.integers(-2, 3, size=(n, 2))
        images = np.stack([np.roll(img, tuple(s), axis=(0, 1)) for img, s in zip(images, shifts)])
        images = images + rng.normal(0, 30, size=images.shape)
        images = np.clip(images, 0, 255).astype(np.uint8)
        return images, (labels if name == "mnist" else labels.reshape(-1, 1))

    return make(n_train), make(n_test)


# ---------------------------------------------------------------- command line


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.data",
        description="Fetch or locate the course datasets (MNIST, CIFAR-10).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    get = sub.add_parser("download", help="download the full datasets into data/ (for offline classes)")
    get.add_argument("names", nargs="*", metavar="NAME", help="mnist and/or cifar10 (default: both)")
    get.add_argument("--dest", type=Path, default=PROJECT_DATA_DIR, help="folder to save into (default: data/)")
    sub.add_parser("status", help="say where each dataset would be loaded from")
    args = parser.parse_args(argv)

    status = 0
    if args.command == "download":
        unknown = sorted(set(args.names) - set(DOWNLOAD_URLS))
        if unknown:
            parser.error(f"unknown dataset(s) {unknown}: choose from mnist, cifar10")
        for name in args.names or ["mnist", "cifar10"]:
            url, filename = DOWNLOAD_URLS[name]
            print(f"{NICE_NAMES[name]}: {url} -> {args.dest / filename}")
            try:
                path = download_dataset(name, args.dest)
                _read(name, path, "full")
                print(f"  ok ({path.stat().st_size / 1e6:.0f} MB, sha256 checked)")
            except (OSError, http.client.HTTPException, DataFileError) as err:
                print(f"  FAILED: {err}", file=sys.stderr)
                status = 1
    else:
        for name in ("mnist", "cifar10"):
            _, source, report = find_dataset(name, download=False)
            if source is not None:
                print(source.describe())
            else:
                print(f"{NICE_NAMES[name]}: not found. Tried:")
                for line in report:
                    print(f"  - {line}")
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
