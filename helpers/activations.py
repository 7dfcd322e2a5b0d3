"""The activation functions on the slides, elementwise on NumPy arrays.

Each takes an array (or a number) of any shape and returns a float array of
the same shape.  The slope ``alpha`` (leaky ReLU, ELU) is a number from 0 to 1000.
"""

from __future__ import annotations

import numpy as np

from .validate import as_number, as_numeric_array, float_dtype


def _prepare(x, name="x"):
    arr = as_numeric_array(x, name)
    return arr.astype(float_dtype(arr), copy=False)


def _as_alpha(alpha, name="alpha"):
    """A slope from 0 to 1000 (a bigger one is a typo, and overflows float32)."""
    alpha = as_number(alpha, name)  # a real number, not NaN or infinite
    if not 0 <= alpha <= 1000:
        raise ValueError(f"{name} must be a finite number >= 0 (and <= 1000), got {alpha!r}")
    return alpha


def relu(x):
    """Rectified linear unit: max(0, x).  "Change every negative number to zero"."""
    x = _prepare(x)
    return np.maximum(x, 0)


def sigmoid(x):
    """Logistic sigmoid: 1 / (1 + exp(-x)), squashes to (0, 1).

    Written as exp(-|x|) / ... on each side so that large |x| never overflows.
    """
    x = _prepare(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def tanh(x):
    """Hyperbolic tangent: (e^x - e^-x) / (e^x + e^-x), squashes to (-1, 1)."""
    return np.tanh(_prepare(x))


def leaky_relu(x, alpha=0.1):
    """Leaky ReLU: x for x > 0, alpha * x otherwise (a small slope, not zero).

    The default is the slides' slope: deck 001 prints max(0.1x, x).  Keras'
    ``LeakyReLU`` layer defaults to 0.3 and ``tf.nn.leaky_relu`` to 0.2.
    """
    alpha = _as_alpha(alpha)
    x = _prepare(x)
    return np.where(x > 0, x, alpha * x)


def elu(x, alpha=1.0):
    """Exponential linear unit: x for x > 0, alpha * (exp(x) - 1) otherwise."""
    alpha = _as_alpha(alpha)
    x = _prepare(x)
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))


def softmax(x, axis=-1):
    """Softmax along ``axis``: exp(x_i) / sum_j exp(x_j); each slice sums to 1.

    The maximum is subtracted first (it cancels in the ratio) so exp never
    overflows.
    """
    x = _prepare(x)
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"axis must be an integer, got {axis!r}")
    if not -x.ndim <= axis < max(x.ndim, 1):
        raise ValueError(f"axis must be in [-{x.ndim}, {x.ndim}) for x of shape {x.shape}, got {axis}")
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)
