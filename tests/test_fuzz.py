"""Bad input, fuzzed: every public helper fed wrong shapes, dtypes, NaN/inf,
empty arrays, huge or negative sizes and plain junk.

The rule: a helper either works (the fuzzed input happened to be valid) or
raises ValueError or TypeError whose message names the parameter that was
wrong.  Anything else fails the test: IndexError, AttributeError, KeyError,
ZeroDivisionError, OverflowError, MemoryError, NumPy's AxisError (an
IndexError too), a RuntimeWarning (turned into an error here), or a call that
is still running after ``TIME_LIMIT_S`` seconds (a huge size must be refused
before anything is allocated or looped over).

How a case is made: every helper has a ``Spec`` with one known-good value per
parameter and a strategy of (mostly bad) values per parameter.  Each example
replaces one parameter (three times in four) or several with fuzzed values and
keeps the others good, so each parameter is exercised on its own and in
combination.  The message must name one of the replaced parameters (or one of
the words listed for it in ``aliases``, e.g. "input" for ``image`` when the
kernel does not fit it).  Student answers (``answer``, the kernel of an
exercise, ...) are stricter: a ``check_*`` function never raises for them.

Besides these random cases, which differ from run to run, every parameter of
every helper gets each value of ``CLASSIC_BAD`` (None, "abc", NaN, -1, 0,
10**5, 10**12, an empty array, a 5-D array, ...) on its own, every run.

Cases are counted per helper; ``tests/conftest.py`` prints the total at the
end of the run ("fuzz: N cases over M helpers in S s").  Examples scale with
COURSE_HYPOTHESIS_EXAMPLES (40 = the numbers below).  Nothing is written to
the repository: each test runs in its own temporary folder, with the dataset
folders pointed there and the network replaced by a fake that refuses.  While
a test runs, the process may grow by at most ``MEMORY_HEADROOM`` bytes, so a
huge allocation is a MemoryError, not the machine's memory.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from helpers import (  # noqa: E402
    activations,
    arithmetic,
    checks,
    config,
    data,
    exercises,
    kernels,
    loops,
    ops,
    plotting,
    presenter,
    widgets,
    xo,
)
from helpers.widgets import display, feature_maps, stepper  # noqa: E402

try:
    import resource  # Unix only: the memory cap below
except ImportError:  # pragma: no cover
    resource = None

TIME_LIMIT_S = 10  # generous for a slow CI box; a good call takes milliseconds
MEMORY_HEADROOM = 4 << 30  # bytes of address space a fuzz test may add; more is a MemoryError
NAN, INF = float("nan"), float("inf")


# ---------------------------------------------------------------- strategies of bad input

# Sizes a typo or an overflow produces.  10**5 is below the helpers' size
# limits on purpose: it must still never lead to a huge allocation.
HUGE_INTS = [10**5, 10**9, 10**12, 2**63, 10**30, -(10**12)]
NOT_INTS = [
    2.0,
    2.5,
    -0.5,
    NAN,
    INF,
    True,
    False,
    "3",
    "",
    None,
    1j,
    [2],
    (2, 2),
    np.array(2),
    np.array([2, 3]),
    np.float64(3.0),
    object(),
]
NOT_REALS = [
    NAN,
    INF,
    -INF,
    np.float64("nan"),
    np.float32("inf"),
    10**400,
    "1.5",
    "",
    None,
    1j,
    np.complex128(1),
    True,
    np.True_,
    [1.0],
    (1.0,),
    np.array([1.0, 2.0]),
    object(),
]
NOT_TEXT = [None, 3, 1.5, True, b"max", ["max"], ("max",), {"max": 1}, np.array(["max", "min"]), object()]
BOOLS = [True, False, np.True_, np.False_, 0, 1, "yes", "", None, 1.5, [True], np.array([True, False])]
REAL_DTYPES = ["float64", "float32", "float16", "int64", "int32", "uint8", "bool"]
ODD_ARRAYS = [
    lambda shape: np.ones(shape, dtype=complex),
    lambda shape: np.full(shape, "7"),
    lambda shape: np.full(shape, b"7"),
    lambda shape: np.full(shape, 1, dtype=object),
    lambda shape: np.full(shape, None, dtype=object),
    lambda shape: np.zeros(shape, dtype="datetime64[s]"),
    lambda shape: np.zeros(shape, dtype="timedelta64[s]"),
]
RAGGED = [[[1, 2], [3]], [[1.0, 2.0], [3.0, 4.0, 5.0]], [[[1]], 2], [1, [2, 3]], [[1, "a"], [2, 3]]]
JUNK = [None, "abc", "", 3, 2.5, True, {}, set(), object(), b"\x00", 1j]


def ints(lo=-3, hi=10):
    """Integers (small, negative, huge) and things that are not integers."""
    return st.one_of(
        st.integers(lo, hi),
        st.sampled_from([np.int64(2), np.uint8(3), np.int32(-1)]),
        st.sampled_from(HUGE_INTS),
        st.sampled_from(NOT_INTS),
    )


def reals(lo=-100.0, hi=100.0):
    """Finite floats, extreme ones, NaN/inf, huge ints and things that are not numbers."""
    return st.one_of(
        st.floats(lo, hi, allow_nan=False, allow_infinity=False),
        st.integers(-5, 10),
        st.sampled_from([0.0, -0.0, 1e-300, -1e-300, 1e300, -1e300, 10**30, np.float32(0.5), Fraction(1, 3)]),
        st.sampled_from(NOT_REALS),
    )


def texts(*valid):
    """The valid words, near misses (case, spaces, typos) and non-strings."""
    near = [w.upper() for w in valid] + [f" {w} " for w in valid] + [w[:-1] for w in valid if w]
    return st.one_of(
        st.sampled_from(list(valid) or [""]),
        st.sampled_from(near or ["x"]),
        st.text("abcxyz -_/", max_size=6),
        st.sampled_from(NOT_TEXT),
    )


def bools():
    return st.sampled_from(BOOLS)


def paddings():
    return st.one_of(ints(), texts("valid", "same"), st.sampled_from(["full", "causal", "VALID", "Same"]))


def _fill(seed, shape, dtype):
    rng = np.random.default_rng(seed)
    if dtype == "bool":
        return rng.random(shape) < 0.5
    if dtype == "uint8":
        return rng.integers(0, 256, shape).astype(np.uint8)
    if dtype.startswith("int"):
        return rng.integers(-9, 10, shape).astype(dtype)
    return (rng.normal(size=shape) * 10).astype(dtype)


@st.composite
def good_arrays(draw, ndim, max_side=5, shape=None, dtypes=REAL_DTYPES):
    shape = shape or tuple(draw(st.integers(1, max_side)) for _ in range(ndim))
    return _fill(draw(st.integers(0, 2**16)), shape, draw(st.sampled_from(dtypes)))


@st.composite
def arrays(draw, ndim, max_side=5, exact=None):
    """Input for a parameter that wants an array of ``ndim`` dimensions (an
    int or a tuple of allowed ints), ``exact`` shape if given: good arrays of
    every real dtype, and wrong ones of every kind."""
    allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
    d = draw(st.sampled_from(allowed))
    kind = draw(
        st.sampled_from(
            ["good", "good", "exact", "nonfinite", "wrong ndim", "empty", "dtype", "list", "ragged", "junk"]
        )
    )
    if kind == "exact" and exact is not None:
        return draw(good_arrays(len(exact), shape=exact))
    if kind in ("good", "exact"):
        return draw(good_arrays(d, max_side))
    if kind == "nonfinite":
        arr = draw(good_arrays(d, max_side, dtypes=["float64", "float32", "float16"]))
        arr.flat[draw(st.integers(0, arr.size - 1))] = draw(st.sampled_from([NAN, INF, -INF]))
        return arr
    if kind == "wrong ndim":
        other = draw(st.sampled_from([n for n in range(6) if n not in allowed]))
        return draw(good_arrays(other, max_side=3))
    if kind == "empty":
        shape = [draw(st.integers(1, 3)) for _ in range(max(d, 1))]
        shape[draw(st.integers(0, len(shape) - 1))] = 0
        return np.zeros(shape, dtype=draw(st.sampled_from(REAL_DTYPES)))
    if kind == "dtype":
        shape = tuple(draw(st.integers(1, 3)) for _ in range(d))
        return draw(st.sampled_from(ODD_ARRAYS))(shape)
    if kind == "list":
        return draw(good_arrays(d, max_side)).tolist()
    if kind == "ragged":
        return draw(st.sampled_from(RAGGED))
    return draw(st.sampled_from(JUNK))


def axes():
    """An Axes to draw into (a fresh one each time, outside pyplot), or junk."""
    return st.one_of(
        st.just(None),
        st.builds(lambda: Figure().add_subplot()),
        st.sampled_from(["ax", 3, [], object()]),
        st.builds(Figure),
    )


# ---------------------------------------------------------------- the rule


class TookTooLong(BaseException):
    """Raised by the alarm: a BaseException, so no ``except Exception`` in a helper swallows it."""


@contextlib.contextmanager
def time_limit(seconds):
    if not hasattr(signal, "setitimer"):  # Windows: no alarm, no limit
        yield
        return

    def on_alarm(signum, frame):
        raise TookTooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def memory_limit(headroom):
    """Cap this process's address space at its current size + ``headroom``, so
    that a helper that tries to build a huge array gets a MemoryError (a test
    failure) instead of the machine's memory and the OOM killer.  Linux only
    (elsewhere: no cap)."""
    if resource is None or not os.path.exists("/proc/self/statm"):
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        current = int(statm.read().split()[0]) * resource.getpagesize()
    cap = current + headroom if hard == resource.RLIM_INFINITY else min(current + headroom, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def names_one_of(message: str, words) -> bool:
    """Does ``message`` contain one of ``words`` as a word (any case)?"""
    return any(re.search(rf"(?<![A-Za-z0-9_]){re.escape(w)}(?![A-Za-z0-9_])", message, re.IGNORECASE) for w in words)


def short(value) -> str:
    text = repr(value)
    return text if len(text) <= 300 else text[:300] + "..."


@dataclass
class Spec:
    """One public helper and how to fuzz it.

    ``call(**kwargs)`` runs the helper; ``good()`` gives a valid value for
    every parameter; ``fuzz`` a strategy per parameter.  ``aliases``: other
    words that count as naming a parameter.  ``expected``: exception types
    that are the normal outcome of valid input (no dataset offline).
    ``answers``: student-answer parameters, for which nothing may be raised.
    """

    name: str
    call: Callable[..., Any]
    good: Callable[[], dict]
    fuzz: dict
    aliases: dict = field(default_factory=dict)
    examples: int = 60
    expected: tuple = ()
    answers: tuple = ()
    setup: Callable | None = None
    classic: bool = True  # False where a parameter can only be a string (environment variables)


def attempt(spec: Spec, kwargs: dict, fuzzed: list[str], tally) -> None:
    """Call the helper once and apply the rule."""
    tally["cases"][spec.name] += 1
    call = f"{spec.name}({', '.join(f'{k}={short(kwargs[k])}' for k in fuzzed)}, <others good>)"
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), time_limit(TIME_LIMIT_S):
            warnings.simplefilter("error", RuntimeWarning)
            warnings.filterwarnings("ignore", "Tight layout not applied")  # odd figure sizes: cosmetic
            spec.call(**kwargs)
    except TookTooLong as err:
        raise AssertionError(f"{call}: {err} (a size must be refused before allocating or looping)") from None
    except spec.expected:
        pass
    except (ValueError, TypeError) as err:
        if type(err) not in (ValueError, TypeError) and not isinstance(err, data.DataFileError):
            raise AssertionError(
                f"{call} raised {type(err).__name__} (a subclass; only plain ValueError/TypeError allowed): {err}"
            ) from err
        if set(fuzzed) <= set(spec.answers):
            raise AssertionError(f"{call} raised {type(err).__name__} for a student's answer: {err}") from err
        words = [w for name in fuzzed for w in (name, *spec.aliases.get(name, ()))]
        if not names_one_of(str(err), words):
            raise AssertionError(
                f"{call} raised {type(err).__name__}({str(err)!r}), which names none of {words}"
            ) from err
    except Exception as err:
        raise AssertionError(f"{call} raised {type(err).__name__}: {err}") from err
    finally:
        if plt.get_fignums():
            plt.close("all")


# ---------------------------------------------------------------- helpers for the specs


def refused(returned_ok: bool, message: str):
    """Tools that refuse a setting with a message instead of raising: turn
    the refusal into a ValueError so the message is checked like one."""
    if not returned_ok:
        raise ValueError(message)


def with_env(variable, value, function):
    old = os.environ.get(variable)
    os.environ[variable] = value
    try:
        return function()
    finally:
        if old is None:
            del os.environ[variable]
        else:
            os.environ[variable] = old


def env_values(*valid):
    return st.one_of(st.sampled_from(list(valid)), st.text("01tryesnofalivcON ", max_size=6))


def presenter_then_reset(on, scale):
    try:
        presenter.presenter_mode(on, scale)
    finally:
        presenter.presenter_mode(False)


PHOTO = np.random.default_rng(0).integers(0, 256, (8, 8)).astype(np.uint8)
SMALL = np.arange(16.0).reshape(4, 4) - 6


def kernel_explorer():
    return widgets.KernelExplorer(PHOTO, kernel="identity")


def conv_stepper():
    return widgets.ConvolutionStepper(np.arange(16.0).reshape(4, 4), np.ones((2, 2)))


def pooling_explorer():
    return widgets.PoolingExplorer(SMALL)


_MODELS = {}


def tiny_model(kind="conv"):
    """A small Keras model (built once): conv + pool on 6x6x1, or dense only."""
    if kind not in _MODELS:
        import keras

        config.quiet_tensorflow()
        if kind == "conv":
            layers = [
                keras.Input((6, 6, 1)),
                keras.layers.Conv2D(3, 3, name="c1"),
                keras.layers.MaxPooling2D(2, name="p1"),
            ]
        else:
            layers = [keras.Input((4,)), keras.layers.Dense(2, name="d1")]
        _MODELS[kind] = keras.Sequential(layers)
    return _MODELS[kind]


def models():
    return st.one_of(
        st.builds(tiny_model),
        st.builds(lambda: tiny_model("dense")),
        st.sampled_from([None, 3, "model", lambda x: x, object()]),
    )


def feature_explorer():
    return widgets.FeatureMapExplorer(tiny_model(), np.ones((3, 6, 6, 1)), labels=[0, 1, 2])


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


def keep_hash_seed(monkeypatch, tmp_path):
    monkeypatch.delenv("PYTHONHASHSEED", raising=False)  # set_seed sets it; restored after the test


# ---------------------------------------------------------------- the specs

IMAGE_ALIASES = ("image", "input")
X_ALIASES = ("x", "input")
SIZE_ALIASES = ("size", "window", "pool window")
ARITH = {"w": ("w",), "f": ("f",), "p": ("p", "padding"), "s": ("s", "stride")}


def _ops_2d(name, function):
    return Spec(
        name,
        function,
        lambda: dict(image=np.ones((6, 6)), kernel=np.ones((3, 3)), stride=1, padding=0),
        dict(image=arrays(2, max_side=7), kernel=arrays(2, max_side=5), stride=ints(), padding=paddings()),
        aliases={"image": IMAGE_ALIASES},
        examples=120,
    )


def _conv2d(name, function, examples=120):
    return Spec(
        name,
        function,
        lambda: dict(x=np.ones((2, 5, 5, 2)), w=np.ones((3, 3, 2, 3)), b=np.zeros(3), stride=1, padding="valid"),
        dict(
            x=arrays(4, max_side=5),
            w=arrays(4, max_side=3),
            b=st.one_of(st.none(), arrays(1, max_side=4)),
            stride=ints(),
            padding=paddings(),
        ),
        aliases={"x": X_ALIASES, "w": ("w", "kernel", "filters"), "b": ("b", "bias")},
        examples=examples,
    )


def _pool(name, function, examples=120):
    return Spec(
        name,
        function,
        lambda: dict(x=np.arange(36.0).reshape(6, 6), size=2, stride=None, padding="valid"),
        dict(x=arrays((2, 4), max_side=6), size=ints(), stride=st.one_of(st.none(), ints()), padding=paddings()),
        aliases={"x": X_ALIASES, "size": SIZE_ALIASES},
        examples=examples,
    )


def _conv2d_backward(name, function, examples=80):
    # dy's shape follows from x, w, stride and padding: a fuzzed one of those
    # may be refused as a dy of the wrong shape, which names dy
    return Spec(
        name,
        function,
        lambda: dict(
            x=np.ones((2, 5, 5, 2)), w=np.ones((3, 3, 2, 3)), dy=np.ones((2, 3, 3, 3)), stride=1, padding="valid"
        ),
        dict(
            x=arrays(4, max_side=5),
            w=arrays(4, max_side=3),
            dy=arrays(4, max_side=4),
            stride=ints(),
            padding=paddings(),
        ),
        aliases={
            "x": X_ALIASES + ("dy",),
            "w": ("w", "kernel", "filters", "dy"),
            "stride": ("stride", "dy"),
            "padding": ("padding", "dy"),
        },
        examples=examples,
    )


def _pool_backward(name, function, examples=80):
    return Spec(
        name,
        function,
        lambda: dict(x=np.arange(36.0).reshape(6, 6), dy=np.ones((3, 3)), size=2, stride=None, padding="valid"),
        dict(
            x=arrays((2, 4), max_side=6),
            dy=arrays((2, 4), max_side=4),
            size=ints(),
            stride=st.one_of(st.none(), ints()),
            padding=paddings(),
        ),
        aliases={
            "x": X_ALIASES + ("dy",),
            "size": SIZE_ALIASES + ("dy",),
            "stride": ("stride", "dy"),
            "padding": ("padding", "dy"),
        },
        examples=examples,
    )


def _array_only(name, function, ndim, examples=120, **extra):
    good_x = np.linspace(-3, 3, 12).reshape(3, 4)
    return Spec(name, function, lambda: dict(x=good_x), dict(x=arrays(ndim)), examples=examples, **extra)


SPECS = [
    # ---- helpers.ops (vectorised) and helpers.loops (plain loops)
    _ops_2d("ops.correlate2d", ops.correlate2d),
    _ops_2d("ops.convolve2d", ops.convolve2d),
    _conv2d("ops.conv2d", ops.conv2d),
    _conv2d_backward("ops.conv2d_backward", ops.conv2d_backward),
    _pool_backward("ops.max_pool_backward", ops.max_pool_backward),
    _pool_backward("ops.avg_pool_backward", ops.avg_pool_backward),
    _conv2d_backward("loops.conv2d_backward", loops.conv2d_backward, examples=40),
    _pool_backward("loops.max_pool_backward", loops.max_pool_backward, examples=60),
    Spec(
        "arithmetic.receptive_field",
        arithmetic.receptive_field,
        lambda: dict(layers=[(3, 1), (2, 2)]),
        dict(
            layers=st.one_of(
                st.lists(st.tuples(ints(), ints()), max_size=4),
                st.sampled_from([None, "3x3", 3, [(3,)], [(3, 1, 1)], [[3.5, 1]], [(True, 1)], [(3, -1)]]),
            )
        ),
        aliases={"layers": ("layers", "kernel", "stride")},
    ),
    _pool("ops.max_pool", ops.max_pool),
    _pool("ops.avg_pool", ops.avg_pool),
    _pool("ops.l2_pool", ops.l2_pool),
    _array_only("ops.global_max_pool", ops.global_max_pool, (2, 4)),
    _array_only("ops.global_avg_pool", ops.global_avg_pool, (2, 4)),
    _ops_2d("loops.correlate2d", loops.correlate2d),
    _conv2d("loops.conv2d", loops.conv2d, examples=60),
    _pool("loops.max_pool", loops.max_pool, examples=80),
    _pool("loops.avg_pool", loops.avg_pool, examples=80),
    Spec(
        "loops.pad_with_zeros",
        loops.pad_with_zeros,
        lambda: dict(image=np.ones((3, 4)), top=1, bottom=0, left=2, right=1, value=0.0),
        dict(image=arrays(2), top=ints(), bottom=ints(), left=ints(), right=ints(), value=reals()),
        examples=100,
    ),
    # ---- helpers.activations
    _array_only("activations.relu", activations.relu, (0, 1, 2, 3)),
    _array_only("activations.sigmoid", activations.sigmoid, (0, 1, 2, 3)),
    _array_only("activations.tanh", activations.tanh, (0, 1, 2, 3)),
    Spec(
        "activations.leaky_relu",
        activations.leaky_relu,
        lambda: dict(x=np.linspace(-2, 2, 5), alpha=0.1),
        dict(x=arrays((0, 1, 2)), alpha=reals()),
        examples=100,
    ),
    Spec(
        "activations.elu",
        activations.elu,
        lambda: dict(x=np.linspace(-2, 2, 5), alpha=1.0),
        dict(x=arrays((0, 1, 2)), alpha=reals()),
        examples=100,
    ),
    Spec(
        "activations.softmax",
        activations.softmax,
        lambda: dict(x=np.linspace(-2, 2, 6).reshape(2, 3), axis=-1),
        dict(x=arrays((0, 1, 2, 3)), axis=ints()),
        examples=100,
    ),
    # ---- helpers.arithmetic
    Spec(
        "arithmetic.output_size",
        arithmetic.output_size,
        lambda: dict(w=32, f=5, p=2, s=1, strict=False),
        dict(w=ints(), f=ints(), p=ints(), s=ints(), strict=bools()),
        aliases=ARITH,
        examples=200,
    ),
    Spec(
        "arithmetic.output_size(strict=True)",
        lambda **kw: arithmetic.output_size(**kw, strict=True),
        lambda: dict(w=32, f=5, p=2, s=1),
        dict(w=ints(), f=ints(), p=ints(), s=ints()),
        aliases=ARITH,
        examples=200,
    ),
    Spec(
        "arithmetic.fitting_paddings",
        arithmetic.fitting_paddings,
        lambda: dict(w=32, f=5, s=2),
        dict(w=ints(), f=ints(), s=ints()),
        aliases=ARITH,
        examples=150,
    ),
    Spec(
        "arithmetic.fitting_strides",
        arithmetic.fitting_strides,
        lambda: dict(w=32, f=5, p=1),
        dict(w=ints(), f=ints(), p=ints()),
        aliases=ARITH,
        examples=150,
    ),
    Spec(
        "arithmetic.keras_output_size",
        arithmetic.keras_output_size,
        lambda: dict(w=28, f=3, s=2, padding="same"),
        dict(w=ints(), f=ints(), s=ints(), padding=paddings()),
        aliases=ARITH,
        examples=150,
    ),
    Spec(
        "arithmetic.same_padding",
        arithmetic.same_padding,
        lambda: dict(w=28, f=3, s=2),
        dict(w=ints(), f=ints(), s=ints()),
        aliases=ARITH,
        examples=150,
    ),
    Spec(
        "arithmetic.padding_amounts",
        arithmetic.padding_amounts,
        lambda: dict(w=28, f=3, s=2, padding="same"),
        dict(w=ints(), f=ints(), s=ints(), padding=paddings()),
        aliases=ARITH,
        examples=150,
    ),
    Spec(
        "arithmetic.conv_params",
        arithmetic.conv_params,
        lambda: dict(f=3, d_in=3, k=16, bias=True),
        dict(f=ints(), d_in=ints(), k=ints(), bias=bools()),
        aliases={"f": ("f",), "d_in": ("d_in",), "k": ("k",)},
        examples=150,
    ),
    Spec(
        "arithmetic.dense_params",
        arithmetic.dense_params,
        lambda: dict(n_in=576, n_out=64, bias=True),
        dict(n_in=ints(), n_out=ints(), bias=bools()),
        examples=150,
    ),
    # ---- helpers.kernels
    Spec(
        "kernels.oriented_bank",
        kernels.oriented_bank,
        lambda: dict(size=5, n_orientations=2, sigma=1.5),
        dict(size=ints(), n_orientations=ints(), sigma=reals()),
        examples=100,
    ),
    # ---- helpers.xo
    Spec(
        "xo.match",
        xo.match,
        lambda: dict(patch=np.ones((3, 3)), feature=-np.ones((3, 3))),
        dict(patch=arrays(2, exact=(3, 3)), feature=arrays(2, exact=(3, 3))),
        examples=100,
    ),
    Spec(
        "xo.feature_maps",
        xo.feature_maps,
        lambda: dict(image=xo.O, features=xo.FEATURES),
        dict(image=arrays(2, max_side=9, exact=(9, 9)), features=arrays(3, exact=(2, 3, 3))),
        aliases={"image": IMAGE_ALIASES, "features": ("features", "feature")},
        examples=80,
    ),
    Spec(
        "xo.pooled_features",
        xo.pooled_features,
        lambda: dict(image=xo.O, features=xo.FEATURES),
        dict(image=arrays(2, max_side=9, exact=(9, 9)), features=arrays(3, exact=(2, 3, 3))),
        aliases={"image": IMAGE_ALIASES, "features": ("features", "feature")},
        examples=80,
    ),
    Spec("xo.vote", xo.vote, lambda: dict(image=xo.X), dict(image=arrays(2, max_side=9, exact=(9, 9))), examples=60),
    Spec(
        "xo.classify",
        xo.classify,
        lambda: dict(image=xo.O),
        dict(image=arrays(2, max_side=9, exact=(9, 9))),
        examples=60,
    ),
    Spec(
        "xo.draw",
        xo.draw,
        lambda: dict(
            label="X", shift=(0, 1), scale=1.0, angle=10.0, thicken=False, flips=2, rng=np.random.default_rng(0)
        ),
        dict(
            label=texts("X", "O"),
            shift=st.one_of(
                st.tuples(ints(), ints()),
                st.tuples(reals(), reals()),
                st.sampled_from([(1,), (1, 2, 3), "ab", None, 5, np.array([[1, 2]]), [0, 1]]),
            ),
            scale=reals(),
            angle=reals(),
            thicken=bools(),
            flips=ints(),
            rng=st.one_of(
                st.builds(np.random.default_rng, st.integers(0, 9)), st.sampled_from([None, 5, "rng", np.random])
            ),
        ),
        examples=100,
    ),
    Spec("xo.tricky_cases", xo.tricky_cases, lambda: dict(seed=1), dict(seed=ints()), examples=40),
    Spec(
        "xo.random_variants",
        xo.random_variants,
        lambda: dict(n=4, seed=0, max_shift=1, scale_range=(0.8, 1.2), max_angle=20, p_thick=0.3, max_flips=3),
        dict(
            n=ints(),
            seed=ints(),
            max_shift=ints(),
            scale_range=st.one_of(
                st.tuples(reals(), reals()), st.sampled_from([(1.0,), (0.5, 1.0, 2.0), None, 1.0, "ab"])
            ),
            max_angle=reals(),
            p_thick=reals(),
            max_flips=ints(),
        ),
        examples=100,
    ),
    # ---- helpers.config
    Spec(
        "config.env_flag",
        config.env_flag,
        lambda: dict(name="COURSE_OFFLINE"),
        dict(name=texts("COURSE_OFFLINE")),
        examples=60,
    ),
    Spec(
        "config.pick",
        config.pick,
        lambda: dict(full=15, fast=2),
        dict(full=st.sampled_from(JUNK), fast=st.sampled_from(JUNK)),
        examples=20,
    ),
    Spec(
        "config.fast_mode (COURSE_FAST)",
        lambda value: with_env("COURSE_FAST", value, config.fast_mode),
        lambda: dict(value="1"),
        dict(value=env_values("1", "0", "true", "off", "")),
        aliases={"value": ("COURSE_FAST",)},
        examples=60,
        classic=False,
    ),
    Spec(
        "config.keras_verbose (COURSE_FAST)",
        lambda value: with_env("COURSE_FAST", value, config.keras_verbose),
        lambda: dict(value="0"),
        dict(value=env_values("1", "0")),
        aliases={"value": ("COURSE_FAST",)},
        examples=30,
        classic=False,
    ),
    Spec(
        "config.set_seed", config.set_seed, lambda: dict(seed=0), dict(seed=ints()), examples=40, setup=keep_hash_seed
    ),
    Spec(
        "presenter.presenter_mode",
        presenter_then_reset,
        lambda: dict(on=True, scale=1.5),
        dict(on=bools(), scale=reals()),
        examples=60,
    ),
    # ---- helpers.data (offline, in temporary folders)
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
    # ---- helpers.plotting
    Spec(
        "plotting.new_figure",
        plotting.new_figure,
        lambda: dict(ncols=2, nrows=1, size=2.0),
        dict(ncols=ints(), nrows=ints(), size=reals()),
        examples=40,
    ),
    Spec(
        "plotting.scale_for_display",
        plotting.scale_for_display,
        lambda: dict(values=SMALL, mode="symmetric"),
        dict(values=arrays(2), mode=texts(*plotting.SCALINGS)),
        examples=120,
    ),
    Spec(
        "plotting.show_image",
        plotting.show_image,
        lambda: dict(image=PHOTO, title="photo", ax=Figure().add_subplot(), scaling=None, size=2.0),
        dict(
            image=arrays(2),
            title=st.sampled_from(["t", "", None, 3, ["a"]]),
            ax=axes(),
            scaling=st.one_of(st.none(), texts(*plotting.SCALINGS)),
            size=reals(),
        ),
        aliases={"ax": ("ax", "axes")},
        examples=40,
    ),
    Spec(
        "plotting.show_images",
        plotting.show_images,
        lambda: dict(images=[PHOTO, SMALL], titles=["a", "b"], ncols=2, scaling=None, size=1.0),
        dict(
            images=st.one_of(st.lists(arrays(2), min_size=0, max_size=3), arrays(3, max_side=3), st.sampled_from(JUNK)),
            titles=st.one_of(
                st.none(), st.lists(st.sampled_from(["a", "", 3]), max_size=3), st.sampled_from([5, "ab", object()])
            ),
            ncols=st.one_of(st.none(), ints()),
            scaling=st.one_of(
                st.none(), texts(*plotting.SCALINGS), st.lists(st.sampled_from([None, "clip", "bad"]), max_size=3)
            ),
            size=reals(),
        ),
        aliases={"images": ("images", "image")},
        examples=25,
    ),
    Spec(
        "plotting.show_patch",
        plotting.show_patch,
        lambda: dict(image=PHOTO, top=1, left=2, size=4, title="photo"),
        dict(image=arrays(2, max_side=9), top=ints(), left=ints(), size=ints(), title=st.sampled_from(["t", None, 3])),
        examples=30,
    ),
    Spec(
        "plotting.show_matrix",
        plotting.show_matrix,
        lambda: dict(
            matrix=SMALL[:3, :3], title="m", ax=Figure().add_subplot(), fmt=None, labels=None, cell_size=0.5, vmax=None
        ),
        dict(
            matrix=arrays(2, max_side=4),
            title=st.sampled_from(["t", None, 3]),
            ax=axes(),
            fmt=st.one_of(
                st.sampled_from([None, ".2f", ".1e", "g", "d", "s", "q", "", "{}", ".-3f"]), st.sampled_from(NOT_TEXT)
            ),
            labels=st.one_of(
                st.none(),
                st.lists(
                    st.lists(st.sampled_from(["a", "1/9", "", 3, None]), min_size=1, max_size=4), min_size=1, max_size=4
                ),
                st.sampled_from(["abc", 5, [["a"]], [[]], np.array([["a", "b", "c"]] * 3)]),
            ),
            cell_size=reals(),
            vmax=st.one_of(st.none(), reals()),
        ),
        aliases={"ax": ("ax", "axes")},
        examples=40,
    ),
    Spec("plotting.format_number", plotting.format_number, lambda: dict(value=0.25), dict(value=reals()), examples=100),
    Spec(
        "plotting.kernel_labels",
        plotting.kernel_labels,
        lambda: dict(kernel=kernels.BOX_3X3),
        dict(kernel=arrays(2)),
        examples=80,
    ),
    Spec(
        "plotting.show_kernel",
        plotting.show_kernel,
        lambda: dict(kernel=kernels.SHARPEN, title="k", ax=Figure().add_subplot()),
        dict(kernel=arrays(2, max_side=4), title=st.sampled_from(["t", None, 3]), ax=axes()),
        aliases={"ax": ("ax", "axes")},
        examples=30,
    ),
    Spec(
        "plotting.show_filtering",
        plotting.show_filtering,
        lambda: dict(
            image=PHOTO, kernel=kernels.IDENTITY, output=SMALL, titles=("a", "b", "c"), scaling="symmetric", size=1.5
        ),
        dict(
            image=arrays(2),
            kernel=arrays(2, max_side=3),
            output=arrays(2),
            titles=st.one_of(st.lists(st.sampled_from(["a", "", None]), max_size=4), st.sampled_from([None, "abc", 5])),
            scaling=texts(*plotting.SCALINGS),
            size=reals(),
        ),
        examples=20,
    ),
    Spec(
        "plotting.show_grouped_bars",
        plotting.show_grouped_bars,
        lambda: dict(
            values={"a": [1, 2, 3], "b": [3, 2, 1]},
            categories=["x", "y", "z"],
            title="t",
            ylabel="y",
            ax=Figure().add_subplot(),
        ),
        dict(
            values=st.one_of(
                st.dictionaries(st.sampled_from(["a", "b", 1]), arrays(1, max_side=4), max_size=2),
                st.sampled_from([None, [1, 2, 3], "abc", 5]),
            ),
            categories=st.one_of(
                st.lists(st.sampled_from(["x", "y", 1]), max_size=4), st.sampled_from([None, 5, "xyz", object()])
            ),
            title=st.sampled_from(["t", None, 3]),
            ylabel=st.sampled_from(["y", None, 3]),
            ax=axes(),
        ),
        aliases={"ax": ("ax", "axes")},
        examples=25,
    ),
    Spec(
        "plotting.show_curves",
        plotting.show_curves,
        lambda: dict(
            curves={"loss": [3, 2, 1]}, title="t", xlabel="epoch", ylabel="loss", ax=Figure().add_subplot(), log=False
        ),
        dict(
            curves=st.one_of(
                st.dictionaries(st.sampled_from(["a", "b", 1]), arrays(1, max_side=5), max_size=2),
                st.sampled_from([None, [1, 2], "abc", 5]),
            ),
            title=st.sampled_from(["t", None, 3]),
            xlabel=st.sampled_from(["x", None, 3]),
            ylabel=st.sampled_from(["y", None, 3]),
            ax=axes(),
            log=bools(),
        ),
        aliases={"ax": ("ax", "axes")},
        examples=25,
    ),
    Spec(
        "plotting.confusion_matrix",
        plotting.confusion_matrix,
        lambda: dict(y_true=[0, 1, 2, 1], y_pred=[0, 2, 2, 1], n_classes=3),
        dict(y_true=arrays((1, 2), max_side=4), y_pred=arrays((1, 2), max_side=4), n_classes=ints()),
        examples=120,
    ),
    Spec(
        "plotting.show_confusion_matrix",
        plotting.show_confusion_matrix,
        lambda: dict(
            y_true=[0, 1, 1], y_pred=[0, 1, 0], class_names=["cat", "dog"], title="t", ax=Figure().add_subplot()
        ),
        dict(
            y_true=arrays(1, max_side=4),
            y_pred=arrays(1, max_side=4),
            class_names=st.one_of(
                st.none(),
                st.lists(st.sampled_from(["cat", "dog", "", 3]), max_size=3),
                st.sampled_from(["abc", 5, object()]),
            ),
            title=st.sampled_from(["t", None, 3]),
            ax=axes(),
        ),
        aliases={"ax": ("ax", "axes")},
        examples=25,
    ),
    Spec(
        "plotting.show_history",
        plotting.show_history,
        lambda: dict(history={"loss": [1.0, 0.5], "val_loss": [1.2, 0.7], "accuracy": [0.5, 0.8]}, title="t"),
        dict(
            history=st.one_of(
                st.dictionaries(
                    st.sampled_from(["loss", "val_loss", "accuracy", "other"]), arrays(1, max_side=4), max_size=3
                ),
                st.sampled_from([None, 5, "loss", [1, 2], type("H", (), {"history": 5})()]),
            ),
            title=st.sampled_from(["t", None, 3]),
        ),
        examples=20,
    ),
    # ---- helpers.checks: the answer never raises; the teacher's arguments are checked
    Spec(
        "checks.check_output_size",
        checks.check_output_size,
        lambda: dict(answer=7, w=32, f=5, p=0, s=4),
        dict(answer=st.one_of(ints(), reals()), w=ints(), f=ints(), p=ints(), s=ints()),
        aliases=ARITH,
        answers=("answer",),
        examples=120,
    ),
    Spec(
        "checks.check_matrix",
        checks.check_matrix,
        lambda: dict(answer=np.eye(3), expected=np.eye(3), what="the output"),
        dict(answer=arrays((0, 1, 2, 3)), expected=arrays((1, 2)), what=st.sampled_from(["x", None, 3])),
        answers=("answer", "what"),
        examples=120,
    ),
    Spec(
        "checks.check_horizontal_edge_kernel",
        checks.check_horizontal_edge_kernel,
        lambda: dict(kernel=kernels.HORIZONTAL_EDGE),
        dict(kernel=arrays(2, max_side=9, exact=(3, 3))),
        answers=("kernel",),
        examples=100,
    ),
    Spec(
        "checks.check_blur_kernel",
        checks.check_blur_kernel,
        lambda: dict(kernel=kernels.BOX_3X3),
        dict(kernel=arrays(2, max_side=9, exact=(3, 3))),
        answers=("kernel",),
        examples=100,
    ),
    Spec(
        "checks.check_number",
        checks.check_number,
        lambda: dict(answer=1.5, correct=1.5, what="the sum", tolerance=1e-6),
        dict(answer=reals(), correct=reals(), what=st.sampled_from(["x", None, 3]), tolerance=reals()),
        answers=("answer", "what"),
        examples=120,
    ),
    Spec(
        "checks.check_xo_feature",
        checks.check_xo_feature,
        lambda: dict(kernel=xo.O[1:4, 1:4]),
        dict(kernel=arrays(2, max_side=5, exact=(3, 3))),
        answers=("kernel",),
        examples=100,
    ),
    Spec(
        "checks.check_function",
        checks.check_function,
        lambda: dict(function=lambda x: 2 * x, reference=lambda x: 2 * x, cases=[(1,), (2.5,)], what="double"),
        dict(
            function=st.sampled_from(
                [None, lambda x: x, lambda x: 1 / 0, lambda *a: "abc", lambda x: [x, x], 5, "f", print]
            ),
            reference=st.sampled_from([lambda x: 2 * x, None, 5, "f", lambda: 1]),
            cases=st.sampled_from([[], 5, "ab", [1, 2], [(1,), 3], None, [(1, 2)], [()], ((1,),), [[1]]]),
            what=st.sampled_from(["x", None, 3]),
        ),
        answers=("function", "what"),
        examples=100,
    ),
    # ---- helpers.exercises: every exercise's check takes any answer without raising
    Spec(
        "exercises.check",
        exercises.check,
        lambda: dict(exercise="3.2", answer=34944),
        dict(
            exercise=st.one_of(
                st.sampled_from(sorted(exercises.EXERCISES)), texts("3.2"), st.sampled_from([3.2, None, ["3.2"], "9.9"])
            ),
            answer=st.one_of(
                ints(),
                reals(),
                arrays((0, 1, 2), max_side=5),
                st.sampled_from(
                    [None, "abc", [[1, 2], [3]], print, lambda *args: 1 / 0, lambda *args: args, lambda *args: "x", 5j]
                ),
            ),
        ),
        answers=("answer",),
        examples=150,
    ),
    # ---- helpers.widgets: the tools' logic, no browser
    Spec(
        "widgets.parse_number",
        widgets.parse_number,
        lambda: dict(text="1/9"),
        dict(
            text=st.one_of(
                texts("1/9", "-0.5", "3"),
                st.sampled_from(["1e400", "-1e400", "1/0", "nan", "inf", "1,5", "9" * 5000, "0x10", "1_000"]),
            )
        ),
        aliases={"text": ("text", "number", "empty", "cell")},
        examples=100,
    ),
    Spec(
        "widgets.KernelExplorer",
        widgets.KernelExplorer,
        lambda: dict(image=PHOTO, kernel="sharpen", scaling="absolute"),
        dict(
            image=arrays(2, max_side=9),
            kernel=st.one_of(texts(*kernels.GALLERY), arrays(2, max_side=5)),
            scaling=texts(*plotting.SCALINGS),
        ),
        aliases={"kernel": ("kernel", "preset")},
        examples=80,
    ),
    Spec(
        "widgets.KernelExplorer.choose_preset",
        lambda name: kernel_explorer().choose_preset(name),
        lambda: dict(name="sharpen"),
        dict(name=texts(*kernels.GALLERY)),
        aliases={"name": ("name", "preset")},
        examples=60,
    ),
    Spec(
        "widgets.KernelExplorer.set_kernel",
        lambda kernel: kernel_explorer().set_kernel(kernel),
        lambda: dict(kernel=np.ones((3, 3))),
        dict(kernel=arrays(2, max_side=5)),
        examples=80,
    ),
    Spec(
        "widgets.KernelExplorer.set_cell",
        lambda row, col, text: refused((ex := kernel_explorer()).set_cell(row, col, text), ex.message),
        lambda: dict(row=1, col=2, text="-1"),
        dict(
            row=ints(), col=ints(), text=st.one_of(texts("1/9", "-0.5", "3"), st.sampled_from(["1e400", "1/0", "nan"]))
        ),
        aliases={"text": ("text", "number", "empty", "cell")},
        examples=100,
    ),
    Spec(
        "widgets.KernelExplorer.set_scaling",
        lambda mode: kernel_explorer().set_scaling(mode),
        lambda: dict(mode="clip"),
        dict(mode=texts(*plotting.SCALINGS)),
        aliases={"mode": ("mode", "scaling")},
        examples=60,
    ),
    Spec(
        "widgets.ConvolutionStepper",
        widgets.ConvolutionStepper,
        lambda: dict(
            image=np.arange(16.0).reshape(4, 4), kernel=np.ones((3, 3)), stride=1, padding=1, divide_by=9, bias=-1.0
        ),
        dict(
            image=arrays(2, max_side=6),
            kernel=arrays(2, max_side=4),
            stride=ints(),
            padding=paddings(),
            divide_by=reals(),
            bias=reals(),
        ),
        aliases={"image": IMAGE_ALIASES},
        examples=100,
    ),
    Spec(
        "widgets.ConvolutionStepper.go_to",
        lambda position: conv_stepper().go_to(position),
        lambda: dict(position=3),
        dict(position=ints()),
        examples=60,
    ),
    Spec(
        "widgets.ConvolutionStepper.step",
        lambda by: conv_stepper().step(by),
        lambda: dict(by=2),
        dict(by=ints()),
        examples=60,
    ),
    Spec(
        "widgets.ConvArithmeticCalculator",
        widgets.ConvArithmeticCalculator,
        lambda: dict(w=32, f=5, p=2, s=1, d_in=3, k=10),
        dict(w=ints(), f=ints(), p=ints(), s=ints(), d_in=ints(), k=ints()),
        examples=100,
    ),
    Spec(
        "widgets.ConvArithmeticCalculator.set",
        lambda setting, value: widgets.ConvArithmeticCalculator().set(**{setting: value}),
        lambda: dict(setting="s", value=2),
        # setting names are keywords, so always strings here
        dict(
            setting=st.one_of(st.sampled_from(["w", "f", "p", "s", "d_in", "k"]), st.text("dfikpsw_ ", max_size=4)),
            value=ints(-3, 300),
        ),
        aliases={"setting": ("setting",), "value": ("w", "f", "p", "s", "d_in", "k")},
        examples=100,
        classic=False,
    ),
    Spec(
        "widgets.PoolingExplorer",
        widgets.PoolingExplorer,
        lambda: dict(x=SMALL, size=2, stride=None, mode="average", padding="same"),
        dict(
            x=arrays(2, max_side=6),
            size=ints(),
            stride=st.one_of(st.none(), ints()),
            mode=texts("max", "average", "L2"),
            padding=paddings(),
        ),
        aliases={"x": X_ALIASES, "size": SIZE_ALIASES},
        examples=100,
    ),
    Spec(
        "widgets.PoolingExplorer.set",
        lambda **settings: refused((ex := pooling_explorer()).set(**settings), ex.message),
        lambda: dict(),
        dict(size=ints(), stride=ints(), mode=texts("max", "average", "L2"), padding=paddings()),
        aliases={"size": SIZE_ALIASES},
        examples=100,
    ),
    Spec(
        "widgets.PoolingExplorer.select",
        lambda row, col: pooling_explorer().select(row, col),
        lambda: dict(row=1, col=0),
        dict(row=ints(), col=ints()),
        examples=60,
    ),
    Spec(
        "widgets.XODrawingPad",
        widgets.XODrawingPad,
        lambda: dict(image=xo.O, classifiers={"same": xo.vote}),
        dict(
            image=arrays(2, max_side=9, exact=(9, 9)),
            classifiers=st.one_of(
                st.none(),
                st.sampled_from([{}, {"bad": 5}, {"odd": lambda image: 1 / 0}, [xo.vote], 5, "abc", {3: xo.vote}]),
            ),
        ),
        examples=60,
    ),
    Spec(
        "widgets.XODrawingPad.set_image",
        lambda image: widgets.XODrawingPad().set_image(image),
        lambda: dict(image=xo.O),
        dict(image=arrays(2, max_side=9, exact=(9, 9))),
        examples=60,
    ),
    Spec(
        "widgets.XODrawingPad.toggle",
        lambda row, col: widgets.XODrawingPad().toggle(row, col),
        lambda: dict(row=4, col=0),
        dict(row=ints(), col=ints()),
        examples=60,
    ),
    Spec(
        "widgets.keras_classifier",
        widgets.keras_classifier,
        lambda: dict(model=lambda x: np.array([[0.3, 0.7]])),
        dict(model=st.sampled_from([None, 3, "model"])),
        examples=10,
    ),
    Spec(
        "widgets.FeatureMapExplorer",
        widgets.FeatureMapExplorer,
        lambda: dict(model=tiny_model(), images=np.ones((2, 6, 6, 1)), labels=["a", "b"], max_maps=2),
        dict(
            model=models(),
            images=arrays(4, max_side=6, exact=(2, 6, 6, 1)),
            labels=st.one_of(st.none(), arrays((0, 1, 2), max_side=3)),
            max_maps=ints(),
        ),
        examples=40,
    ),
    Spec(
        "widgets.FeatureMapExplorer.choose",
        lambda index, layer: feature_explorer().choose(index, layer),
        lambda: dict(index=2, layer="p1"),
        dict(index=st.one_of(st.none(), ints()), layer=st.one_of(st.none(), texts("c1", "p1"))),
        examples=40,
    ),
    Spec(
        "widgets.feature_maps.tile",
        feature_maps.tile,
        lambda: dict(maps=np.ones((4, 4, 3)), tile_px=8, columns=2),
        dict(maps=arrays(3, max_side=4), tile_px=ints(), columns=ints()),
        examples=80,
    ),
    Spec(
        "widgets.html_grid",
        stepper.html_grid,
        lambda: dict(values=SMALL, labels=None, highlight=None, vmax=None),
        dict(
            values=arrays(2, max_side=4),
            labels=st.one_of(
                st.none(),
                st.lists(st.lists(st.sampled_from(["a", "", 3]), min_size=1, max_size=4), min_size=1, max_size=4),
                st.sampled_from(["abc", 5]),
            ),
            highlight=st.one_of(st.none(), arrays(2, max_side=4)),
            vmax=st.one_of(st.none(), reals()),
        ),
        examples=80,
    ),
    Spec("widgets.to_jpeg", widgets.to_jpeg, lambda: dict(gray=PHOTO), dict(gray=arrays(2, max_side=6)), examples=60),
    Spec(
        "widgets.figure_png",
        lambda fig: widgets.figure_png(fig() if callable(fig) else fig),
        lambda: dict(fig=lambda: plt.figure(figsize=(1, 1))),
        dict(fig=st.sampled_from([None, 3, "fig", lambda: Figure().add_subplot(), object()])),
        examples=15,
    ),
    Spec(
        "widgets.widget_frontend_expected (COURSE_WIDGETS)",
        lambda value: with_env("COURSE_WIDGETS", value, display.widget_frontend_expected),
        lambda: dict(value="static"),
        dict(value=env_values("auto", "live", "static", "")),
        aliases={"value": ("COURSE_WIDGETS",)},
        examples=40,
        classic=False,
    ),
]


def prepare(spec: Spec) -> None:
    """Start TensorFlow and build the models before the memory cap and outside
    the strategies (its start-up reserves address space and uses ``random``)."""
    if spec.name.startswith("widgets.FeatureMapExplorer") or spec.name == "config.set_seed":
        tiny_model()
        tiny_model("dense")


def _examples(spec: Spec) -> int:
    """Examples for this spec, scaled by COURSE_HYPOTHESIS_EXAMPLES (40 = as written)."""
    return max(3, round(spec.examples * settings.default.max_examples / 40))


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_good_arguments_work(spec, monkeypatch, tmp_path):
    """The baseline each fuzz case starts from must itself be valid."""
    monkeypatch.chdir(tmp_path)
    if spec.setup:
        spec.setup(monkeypatch, tmp_path)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("error", RuntimeWarning)
            spec.call(**spec.good())
    except spec.expected:
        pass
    finally:
        plt.close("all")


# Every parameter of every helper also gets each of these, on its own, every run
# (the random cases above differ from run to run).
CLASSIC_BAD = [
    None, "abc", "", NAN, INF, -1, 0, 10**5, 10**12, 2**63, 2.5, True, 1j, [], [[1, 2], [3]], object(),
    np.array([]), np.ones((2, 2, 2, 2, 2)), np.full((3, 3), NAN), np.ones((3, 3), complex), np.array([["a", "b"]]),
]  # fmt: skip


@pytest.mark.parametrize("spec", [s for s in SPECS if s.classic], ids=[s.name for s in SPECS if s.classic])
def test_classic_bad_values_get_a_clear_error(spec, fuzz_tally, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    if spec.setup:
        spec.setup(monkeypatch, tmp_path)
    prepare(spec)
    start = time.perf_counter()
    try:
        with memory_limit(MEMORY_HEADROOM):
            for name in spec.fuzz:
                for value in CLASSIC_BAD:
                    attempt(spec, {**spec.good(), name: value}, [name], fuzz_tally)
    finally:
        fuzz_tally["seconds"] += time.perf_counter() - start


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_bad_input_gets_a_clear_error(spec, fuzz_tally, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # nothing a helper writes can land in the repository
    if spec.setup:
        spec.setup(monkeypatch, tmp_path)
    names = list(spec.fuzz)

    @settings(
        max_examples=_examples(spec),
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def run(drawn):
        # one parameter at a time, three times in four; otherwise several at once
        if len(names) == 1 or drawn.draw(st.integers(0, 3), label="one parameter?") > 0:
            chosen = [drawn.draw(st.sampled_from(names), label="parameter")]
        else:
            chosen = drawn.draw(
                st.lists(st.sampled_from(names), min_size=2, max_size=len(names), unique=True), label="parameters"
            )
        kwargs = spec.good()
        for name in chosen:
            kwargs[name] = drawn.draw(spec.fuzz[name], label=name)
        attempt(spec, kwargs, chosen, fuzz_tally)

    prepare(spec)
    start = time.perf_counter()
    try:
        with memory_limit(MEMORY_HEADROOM):
            run()
    finally:
        fuzz_tally["seconds"] += time.perf_counter() - start
