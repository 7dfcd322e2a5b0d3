"""Turn an argument into what a helper computes with, or raise a clear error.

Every public helper passes its inputs through these functions so that a
student who passes the wrong thing reads a sentence naming the parameter and
the rule (``ValueError: kernel must be 2-D (F, F), got shape (3, 3, 1)``)
instead of a NumPy broadcasting error from deep inside the code.

Each ``as_*`` returns the value converted (``as_int(3.0, "stride")`` is a
TypeError, ``as_int(np.int64(3), "stride")`` is ``3``); ``refuse_oversized``
only raises.  This is layer 1 (helpers/ARCHITECTURE.md): it imports no
other helper.  (The
student's right / not yet verdicts are ``helpers.checks``.)
"""

from __future__ import annotations

import math
import numbers

import numpy as np

# The most numbers a helper builds for padding (800 MB of float64): a bigger
# request is a typo or an overflow, refused with a message before anything is
# allocated, instead of a MemoryError or minutes of swapping (see refuse_oversized).
MAX_CELLS = 10**8


def as_numeric_array(
    value, name: str, ndim=None, shape_hint: str = "", allow_nan: bool = False, allow_neg_inf: bool = False
) -> np.ndarray:
    """Convert ``value`` to a NumPy array of real numbers and check it.

    - ``ndim``: an int or a tuple of allowed ints (None = any).
    - ``shape_hint``: how the expected shape is written in the message, e.g.
      ``"(N, H, W, C)"``.
    - ``allow_nan``: accept NaN (e.g. "not computed yet"); infinity is still refused.
    - ``allow_neg_inf``: accept -inf (a legitimate input of max pooling, as in
      TensorFlow); NaN and +inf are still refused.

    Raises TypeError for non-numeric data (strings, objects, complex numbers,
    dates and durations) and ValueError for a wrong number of dimensions, an
    empty array, or NaN / infinite values.
    """
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError) as err:  # ragged nested lists, for example
        raise TypeError(f"{name} must be an array of numbers ({err})") from None
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == np.bool_):
        raise TypeError(f"{name} must contain numbers, got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name} must contain real numbers, got complex dtype {arr.dtype}")
    if arr.dtype.kind == "m":  # NumPy counts durations (timedelta64) as numbers
        raise TypeError(f"{name} must contain numbers, got durations (dtype {arr.dtype})")
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            hint = f" {shape_hint}" if shape_hint else ""
            raise ValueError(f"{name} must be {want}{hint}, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if np.issubdtype(arr.dtype, np.floating):
        if allow_nan and np.any(np.isinf(arr)):
            raise ValueError(f"{name} must not contain infinite values")
        if allow_neg_inf and (np.any(np.isnan(arr)) or np.any(np.isposinf(arr))):
            raise ValueError(f"{name} must contain only numbers or -inf (no NaN or +inf)")
        if not allow_nan and not allow_neg_inf and not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return arr


def float_dtype(*arrays: np.ndarray) -> np.dtype:
    """The dtype the ops compute in: float32 if every input is float32 (or
    smaller float), float64 otherwise (integers, booleans, float64)."""
    dtype = np.result_type(*arrays)
    if np.issubdtype(dtype, np.floating):
        return np.dtype(np.float64) if dtype.itemsize > 4 else np.dtype(np.float32)
    return np.dtype(np.float64)


def as_int(value, name: str, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return ``value`` as a Python int; booleans and floats are refused.

    Raises TypeError when ``value`` is not an integer and ValueError when it is
    below ``minimum`` or above ``maximum``.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {value}")
    return value


def as_number(
    value, name: str, minimum: float | None = None, maximum: float | None = None, positive: bool = False
) -> float:
    """Return ``value`` as a finite Python float; booleans, strings and complex
    numbers are refused (TypeError), so are NaN, infinity and numbers outside
    ``minimum``..``maximum`` or, with ``positive=True``, <= 0 (ValueError)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    try:
        number = float(value)
    except OverflowError:  # an int with hundreds of digits
        raise ValueError(f"{name} must be a finite number, got an integer too large for a float") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if positive and number <= 0:
        raise ValueError(f"{name} must be > 0, got {number:g}")
    if minimum is not None and number < minimum:
        raise ValueError(f"{name} must be >= {minimum:g}, got {number:g}")
    if maximum is not None and number > maximum:
        raise ValueError(f"{name} must be <= {maximum:g}, got {number:g}")
    return number


def as_bool(value, name: str) -> bool:
    """Return ``value`` as a Python bool; anything but True/False is a TypeError
    (``"no"`` and ``[]`` would otherwise silently count as true and false)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r} ({type(value).__name__})")
    return bool(value)


def refuse_oversized(shape, what: str, fix: str = "") -> None:
    """Refuse to build an array of ``shape`` with more than ``MAX_CELLS`` numbers.

    ``what`` starts the message and names the parameter responsible, e.g.
    ``"padding=100000"``; ``fix``, if given, ends it (what to do instead).
    """
    cells = math.prod(int(n) for n in shape)
    if cells > MAX_CELLS:
        raise ValueError(
            f"{what} needs an array of shape {tuple(int(n) for n in shape)}, {cells:,} numbers: "
            f"more than the {MAX_CELLS:,} the helpers build at once" + (f"; {fix}" if fix else "")
        )


def as_padding(value, name: str = "padding"):
    """Padding is an int >= 0, or the string "valid" or "same" (any case)."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word not in ("valid", "same"):
            raise ValueError(f'{name} must be an int >= 0, "valid" or "same", got {value!r}')
        return word
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f'{name} must be an int >= 0, "valid" or "same", got {value!r} ({type(value).__name__})')
    return as_int(value, name, minimum=0)
