"""Course-wide settings: fast mode, random seeds and a quiet TensorFlow.

Fast mode
---------
``COURSE_FAST=1`` in the environment (CI and ``make test`` set it) asks every
notebook to shrink its data and epochs so the whole course runs in minutes on a
2-core machine.  Students get full mode by default.  Notebooks never read the
variable themselves; they ask ``fast_mode()`` or ``pick(full=..., fast=...)``.
"""

from __future__ import annotations

import os
import random
import sys

import numpy as np

FAST_ENV_VAR = "COURSE_FAST"
_TRUE_WORDS = {"1", "true", "yes", "on"}
_FALSE_WORDS = {"", "0", "false", "no", "off"}


def fast_mode() -> bool:
    """True when ``COURSE_FAST`` is set to 1/true/yes/on (case-insensitive).

    Raises ValueError for any other non-empty value, so a typo such as
    ``COURSE_FAST=ture`` is reported instead of silently running in full mode.
    """
    raw = os.environ.get(FAST_ENV_VAR, "").strip().lower()
    if raw in _TRUE_WORDS:
        return True
    if raw in _FALSE_WORDS:
        return False
    raise ValueError(
        f"environment variable {FAST_ENV_VAR}={os.environ[FAST_ENV_VAR]!r} is not understood: "
        f"use 1 (fast mode) or 0 (full mode)"
    )


def env_flag(name: str) -> bool:
    """True when environment variable ``name`` is 1/true/yes/on (any case)."""
    if not isinstance(name, str):
        raise TypeError(f"name must be the name of an environment variable (a string), got {name!r}")
    return os.environ.get(name, "").strip().lower() in _TRUE_WORDS


def pick(full, fast):
    """Return ``fast`` in fast mode and ``full`` otherwise.

    Example: ``epochs = config.pick(full=15, fast=2)``.
    """
    return fast if fast_mode() else full


def keras_verbose() -> int:
    """The ``verbose`` value for Keras' ``fit``: 1 (a live progress bar) for a
    person, 2 (one compact line per epoch) under CI or in fast mode, where a
    progress bar would fill the log with redraws."""
    return 2 if fast_mode() or os.environ.get("CI") else 1


def set_seed(seed: int = 0) -> None:
    """Seed Python's ``random``, NumPy's global generator and Keras/TensorFlow.

    Call it at the top of a notebook (and before building a model) so that
    re-running gives the same numbers.  It also restarts Keras' automatic
    layer names (``clear_session``), so that a notebook run again names its
    layers as the first run did (``conv2d``, not ``conv2d_70``); models built
    before keep working.

    TensorFlow costs a kernel about 520 MB and 8 s to import, so a NumPy
    lesson (0-4) never imports it for a seed: when TensorFlow is not imported
    yet, Keras' seed waits and ``quiet_tensorflow`` (the one way the course
    imports TensorFlow) applies it on the first import, before anything can
    draw from it: the same numbers as seeding it now.
    """
    global _keras_seed
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    if not 0 <= seed < 2**32:
        raise ValueError(f"seed must be in [0, 2**32), got {seed}")
    seed = int(seed)
    random.seed(seed)
    np.random.seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)  # only affects child processes
    if "tensorflow" in sys.modules or "keras" in sys.modules:
        _seed_keras(seed)
    else:
        _keras_seed = seed


_keras_seed: int | None = None  # a seed waiting for TensorFlow's first import (set_seed)
_tf_quieted = False


def _seed_keras(seed: int) -> None:
    quiet_tensorflow()
    import keras

    keras.utils.clear_session(free_memory=False)  # names start again at "conv2d", "dense", ... (no gc: 0.5 s)
    # Seeds Python, NumPy and the backend (TensorFlow) random generators.
    keras.utils.set_random_seed(seed)


def quiet_tensorflow():
    """Import TensorFlow without its start-up chatter and return the module.

    TensorFlow 2.21 writes several lines from C++ before its logger is set up
    ("oneDNN custom operations are on", "Could not find cuda drivers", ...);
    ``TF_CPP_MIN_LOG_LEVEL`` does not reach those.  So the import and the
    first device query run with the process's stderr (file descriptor 2)
    pointed at /dev/null.  Python exceptions are not affected: an import error
    is still raised and shown as usual.  Later warnings from TensorFlow's
    Python logger are limited to errors.  A seed that ``set_seed`` kept
    waiting is given to Keras here (Python's and NumPy's generators, seeded
    then and drawn from since, are left as they are).
    """
    global _tf_quieted, _keras_seed
    if _tf_quieted:
        import tensorflow as tf

        return tf
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    python_state, numpy_state = random.getstate(), np.random.get_state()  # (importing TensorFlow draws from random)
    with _stderr_silenced():
        import tensorflow as tf

        tf.config.list_physical_devices()  # device start-up prints too
    tf.get_logger().setLevel("ERROR")
    _tf_quieted = True
    if _keras_seed is not None:
        seed, _keras_seed = _keras_seed, None
        _seed_keras(seed)
        random.setstate(python_state)
        np.random.set_state(numpy_state)
    return tf


class _stderr_silenced:
    """Context manager: point file descriptor 2 at /dev/null, then restore it.

    Works on the C level, so it also hides what compiled libraries print.
    Where descriptor 2 cannot be duplicated (some embedded consoles) it does
    nothing.
    """

    def __enter__(self):
        self._saved = None
        try:
            sys.stderr.flush()
            self._saved = os.dup(2)
            self._null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(self._null, 2)
        except (OSError, ValueError):
            self._saved = None
        return self

    def __exit__(self, *exc):
        if self._saved is not None:
            try:
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
            os.dup2(self._saved, 2)
            os.close(self._saved)
            os.close(self._null)
        return False
