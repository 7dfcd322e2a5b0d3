"""The fuzz engine: bad values, the rule a helper must follow, and the runs.

The rule: a helper either works (the fuzzed input happened to be valid) or
raises ValueError or TypeError whose message names the parameter that was
wrong.  Anything else fails the test: IndexError, AttributeError, KeyError,
ZeroDivisionError, OverflowError, MemoryError, NumPy's AxisError (an
IndexError too), a RuntimeWarning (turned into an error here), or a call that
is still running after ``TIME_LIMIT_S`` seconds (a huge size must be refused
before anything is allocated or looped over).

How a spec row is read (``Spec``; the tables are ``tests/fuzz/specs_*.py``)::

    Spec("xo.match",                      # the name the tally and the test ids use
         xo.match,                        # what is called, with keyword arguments
         lambda: dict(patch=..., ...),    # one known-good value per parameter
         dict(patch=arrays(2), ...),      # a strategy of (mostly bad) values per parameter
         aliases={...}, examples=100)     # other words that name a parameter; examples at 40

How a case is made: each example replaces one parameter (three times in four)
or several with fuzzed values and keeps the others good, so each parameter is
exercised on its own and in combination.  The message must name one of the
replaced parameters (or one of the words listed for it in ``aliases``, e.g.
"input" for ``image`` when the kernel does not fit it).  Student answers
(``answers``: the answer, the kernel of an exercise, ...) are stricter: a
``check_*`` function never raises for them.

Besides these random cases, which differ from run to run, every parameter of
every helper gets each value of ``CLASSIC_BAD`` (None, "abc", NaN, -1, 0,
10**5, 10**12, an empty array, a 5-D array, ...) on its own, every run.

Cases are counted per helper in the tally (``tests/conftest.py`` prints the
total at the end of the run: "fuzz: N cases over M helpers in S s").
Examples scale with COURSE_HYPOTHESIS_EXAMPLES (40 = the numbers in the
tables).  Nothing is written to the repository: each test runs in its own
temporary folder (``tests/test_fuzz.py``), with the dataset folders pointed
there and the network replaced by a fake that refuses.  While a test runs,
the process may grow by at most ``MEMORY_HEADROOM`` bytes, so a huge
allocation is a MemoryError, not the machine's memory.
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

import matplotlib.pyplot as plt
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from helpers import config, data

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


def env_values(*valid):
    """Values of an environment variable: the valid ones and short junk strings."""
    return st.one_of(st.sampled_from(list(valid)), st.text("01tryesnofalivcON ", max_size=6))


# Every parameter of every helper also gets each of these, on its own, every run
# (the random cases differ from run to run).
CLASSIC_BAD = [
    None, "abc", "", NAN, INF, -1, 0, 10**5, 10**12, 2**63, 2.5, True, 1j, [], [[1, 2], [3]], object(),
    np.array([]), np.ones((2, 2, 2, 2, 2)), np.full((3, 3), NAN), np.ones((3, 3), complex), np.array([["a", "b"]]),
]  # fmt: skip


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
    """One public helper and how to fuzz it: one row of a table.

    ``call(**kwargs)`` runs the helper; ``good()`` gives a valid value for
    every parameter; ``fuzz`` a strategy per parameter (its keys are the
    parameters fuzzed).  ``aliases``: other words that count as naming a
    parameter.  ``examples``: random cases at COURSE_HYPOTHESIS_EXAMPLES=40.
    ``expected``: exception types that are the normal outcome of valid input
    (no dataset offline).  ``answers``: student-answer parameters, for which
    nothing may be raised.  ``setup(monkeypatch, tmp_path)``: run before the
    test (offline dataset folders, ...).  ``warm_up()``: run before the memory
    cap and outside the strategies (start TensorFlow, build the models).
    ``classic``: False where a parameter can only be a string (environment
    variables), so the sweep of ``CLASSIC_BAD`` is skipped.
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
    warm_up: Callable | None = None
    classic: bool = True


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


# ---------------------------------------------------------------- shared by several tables

IMAGE_ALIASES = ("image", "input")
X_ALIASES = ("x", "input")
SIZE_ALIASES = ("size", "window", "pool window")
ARITH = {"w": ("w",), "f": ("f",), "p": ("p", "padding"), "s": ("s", "stride")}  # the arithmetic's letters

PHOTO = np.random.default_rng(0).integers(0, 256, (8, 8)).astype(np.uint8)
SMALL = np.arange(16.0).reshape(4, 4) - 6


def array_only(name, function, ndim, examples=120, **extra):
    """The spec of a helper whose one parameter is an array ``x`` of ``ndim`` dimensions."""
    good_x = np.linspace(-3, 3, 12).reshape(3, 4)
    return Spec(name, function, lambda: dict(x=good_x), dict(x=arrays(ndim)), examples=examples, **extra)


def with_env(variable, value, function):
    """``function()`` with the environment variable set to ``value`` (restored after)."""
    old = os.environ.get(variable)
    os.environ[variable] = value
    try:
        return function()
    finally:
        if old is None:
            del os.environ[variable]
        else:
            os.environ[variable] = old


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


def start_keras():
    """A ``warm_up``: start TensorFlow and build the models (its start-up reserves
    address space and uses ``random``, so not under the memory cap or in a strategy)."""
    tiny_model()
    tiny_model("dense")


# ---------------------------------------------------------------- the three runs (tests/test_fuzz.py)


def run_good(spec: Spec) -> None:
    """The good values work (or raise one of ``spec.expected``)."""
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("error", RuntimeWarning)
            spec.call(**spec.good())
    except spec.expected:
        pass
    finally:
        plt.close("all")


@contextlib.contextmanager
def timed_and_capped(spec: Spec, tally):
    """Warm up, then run under the memory cap, adding the time to the tally."""
    if spec.warm_up:
        spec.warm_up()
    start = time.perf_counter()
    try:
        with memory_limit(MEMORY_HEADROOM):
            yield
    finally:
        tally["seconds"] += time.perf_counter() - start


def run_classic(spec: Spec, tally) -> None:
    """Each parameter on its own gets each value of ``CLASSIC_BAD``."""
    with timed_and_capped(spec, tally):
        for name in spec.fuzz:
            for value in CLASSIC_BAD:
                attempt(spec, {**spec.good(), name: value}, [name], tally)


def examples(spec: Spec) -> int:
    """Examples for this spec, scaled by COURSE_HYPOTHESIS_EXAMPLES (40 = as written)."""
    return max(3, round(spec.examples * settings.default.max_examples / 40))


def run_fuzzed(spec: Spec, tally) -> None:
    """``examples(spec)`` random cases: one parameter fuzzed three times in four, otherwise several."""
    names = list(spec.fuzz)

    @settings(
        max_examples=examples(spec),
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def run(drawn):
        if len(names) == 1 or drawn.draw(st.integers(0, 3), label="one parameter?") > 0:
            chosen = [drawn.draw(st.sampled_from(names), label="parameter")]
        else:
            chosen = drawn.draw(
                st.lists(st.sampled_from(names), min_size=2, max_size=len(names), unique=True), label="parameters"
            )
        kwargs = spec.good()
        for name in chosen:
            kwargs[name] = drawn.draw(spec.fuzz[name], label=name)
        attempt(spec, kwargs, chosen, tally)

    with timed_and_capped(spec, tally):
        run()
