"""Argument checks shared by the helpers.

Every public helper checks its inputs with these functions so that a student
who passes the wrong thing reads a sentence naming the parameter and the rule
(``ValueError: kernel must be 2-D (F, F), got shape (3, 3, 1)``) instead of a
NumPy broadcasting error from deep inside the code.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_numeric_array(value, name: str, ndim=None, shape_hint: str = "") -> np.ndarray:
    """Convert ``value`` to a NumPy array of real numbers and check it.

    - ``ndim``: an int or a tuple of allowed ints (None = any).
    - ``shape_hint``: how the expected shape is written in the message, e.g.
      ``"(N, H, W, C)"``.

    Raises TypeError for non-numeric data (strings, objects, complex numbers)
    and ValueError for a wrong number of dimensions, an empty array, or NaN /
    infinite values.
    """
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError) as err:  # ragged nested lists, for example
        raise TypeError(f"{name} must be an array of numbers ({err})") from None
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or arr.dtype == np.bool_
    ):
        raise TypeError(f"{name} must contain numbers, got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name} must contain real numbers, got complex dtype {arr.dtype}")
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            hint = f" {shape_hint}" if shape_hint else ""
            raise ValueError(f"{name} must be {want}{hint}, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if np.issubdtype(arr.dtype, np.floating) and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return arr


def float_dtype(*arrays: np.ndarray) -> np.dtype:
    """The dtype the ops compute in: float32 if every input is float32 (or
    smaller float), float64 otherwise (integers, booleans, float64)."""
    dtype = np.result_type(*arrays)
    if np.issubdtype(dtype, np.floating):
        return np.dtype(np.float64) if dtype.itemsize > 4 else np.dtype(np.float32)
    return np.dtype(np.float64)


def check_int(value, name: str, minimum: int | None = None) -> int:
    """Return ``value`` as a Python int; booleans and floats are refused.

    Raises TypeError when ``value`` is not an integer and ValueError when it is
    below ``minimum``.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def check_padding(value, name: str = "padding"):
    """Padding is an int >= 0, or the string "valid" or "same" (any case)."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word not in ("valid", "same"):
            raise ValueError(f'{name} must be an int >= 0, "valid" or "same", got {value!r}')
        return word
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f'{name} must be an int >= 0, "valid" or "same", got {value!r} ({type(value).__name__})'
        )
    return check_int(value, name, minimum=0)


def pool_arguments(x, size, stride, padding):
    """Check the arguments of max/avg pooling and return them cleaned up.

    ``x`` is (H, W) or (N, H, W, C); ``size`` >= 1; ``stride`` >= 1 or None
    (then it equals ``size``); ``padding`` is "valid" or "same".
    """
    x = as_numeric_array(x, "x", ndim=(2, 4), shape_hint="(H, W) or (N, H, W, C)")
    size = check_int(size, "size", minimum=1)
    stride = size if stride is None else check_int(stride, "stride", minimum=1)
    padding = check_padding(padding)
    if not isinstance(padding, str):
        raise TypeError(f'padding for pooling must be "valid" or "same", got {padding!r}')
    return x, size, stride, padding
