"""What a convolutional layer computes, in NumPy: convolution and pooling.

- ``correlate2d(image, kernel)``: one kernel slid over one image, a dot
  product at every stop (what a CNN calls convolution: no kernel flip).
- ``conv2d(x, w, b)``: a layer, K filters over a batch of C-channel images.
  Its idea in three lines: every window, as rows of a matrix; the filters, as
  its columns; one matrix product (the "im2col" trick).
- ``max_pool`` / ``avg_pool`` / ``l2_pool``: one number per window.

Conventions, as in TensorFlow and Keras: images (H, W), batches (N, H, W, C)
("channels last"), filters (F, F, C, K); the output size per axis is
``floor((W - F + 2P) / S) + 1`` (``helpers.arithmetic``).  The plain-loop
versions, one output pixel at a time, are ``helpers.loops``; the tests check
both against each other and against TensorFlow.

This module is also the lessons' one import for the layer maths: it passes
on the activations (``helpers.activations``), the size and parameter
arithmetic (``helpers.arithmetic``) and the gradients (``helpers.backward``).
"""

from __future__ import annotations

import numpy as np

from . import sliding
from .activations import elu, leaky_relu, relu, sigmoid, softmax, tanh
from .arithmetic import (
    conv_params,
    dense_params,
    fitting_paddings,
    fitting_strides,
    keras_output_size,
    output_size,
    padding_amounts,
    receptive_field,
    same_padding,
)
from .backward import avg_pool_backward, conv2d_backward, max_pool_backward
from .validate import as_numeric_array, float_dtype

# fmt: off
__all__ = [
    # this module
    "correlate2d", "convolve2d", "conv2d",
    "max_pool", "avg_pool", "l2_pool", "global_max_pool", "global_avg_pool",
    # passed on from helpers.activations, helpers.arithmetic and helpers.backward
    "relu", "sigmoid", "tanh", "leaky_relu", "elu", "softmax",
    "output_size", "keras_output_size", "padding_amounts", "same_padding", "fitting_paddings", "fitting_strides",
    "conv_params", "dense_params", "receptive_field",
    "conv2d_backward", "max_pool_backward", "avg_pool_backward",
]
# fmt: on


def correlate2d(image, kernel, stride=1, padding=0):
    """Slide ``kernel`` over ``image`` and take a dot product at every stop::

        out[i, j] = sum_{u, v} padded[i*S + u, j*S + v] * kernel[u, v]

    - ``image``: (H, W) numbers; ``kernel``: (Fh, Fw) numbers.
    - ``stride`` S >= 1.  ``padding``: an int P (zeros on every side),
      "valid" (P = 0) or "same" (TensorFlow's rule: output ceil(H/S) x ceil(W/S)).
    - Returns a float array (H2, W2), H2 = floor((H - Fh + 2P)/S) + 1.
    """
    image, kernel, stride, padding = sliding.correlate_arguments(image, kernel, stride, padding)
    (h, w), (fh, fw) = image.shape, kernel.shape
    pads_h, pads_w = sliding.resolve_padding(h, w, fh, fw, stride, padding)
    dtype = float_dtype(image, kernel)
    padded = np.pad(image.astype(dtype, copy=False), (pads_h, pads_w))
    out_h, out_w = sliding.positions(padded.shape[0], fh, stride), sliding.positions(padded.shape[1], fw, stride)
    # One kernel weight at a time (F*F steps, never one pixel at a time): the
    # weight at (u, v) multiplies what cell (u, v) of every window sees.
    out = np.zeros((out_h, out_w), dtype=dtype)
    for u, rows in enumerate(sliding.offsets(fh, stride, out_h)):
        for v, cols in enumerate(sliding.offsets(fw, stride, out_w)):
            if kernel[u, v] != 0:  # a zero weight adds nothing
                out += dtype.type(kernel[u, v]) * padded[rows, cols]
    return out


def convolve2d(image, kernel, stride=1, padding=0):
    """True (mathematical) convolution: correlation with the kernel rotated 180°.

    ``convolve2d(img, k) == correlate2d(img, k[::-1, ::-1])``.  For a symmetric
    kernel the two are the same; for an asymmetric one they differ.
    """
    kernel = as_numeric_array(kernel, "kernel", ndim=2, shape_hint="(F, F)")
    return correlate2d(image, kernel[::-1, ::-1], stride=stride, padding=padding)


def conv2d(x, w, b=None, stride=1, padding="valid"):
    """A convolutional layer's forward pass (no activation), like ``tf.nn.conv2d``::

        out[n, i, j, k] = b[k] + sum_{u, v, c} padded[n, i*S + u, j*S + v, c] * w[u, v, c, k]

    - ``x``: (N, H, W, C) batch of images with C channels.
    - ``w``: (Fh, Fw, C, K) filters: K filters, each Fh x Fw x C.
    - ``b``: optional (K,) biases, one per filter.
    - ``stride`` S >= 1 (same in both directions); ``padding``: int P, "valid"
      or "same" (TensorFlow/Keras semantics, extra zero at the bottom/right).
    - Returns (N, H2, W2, K), H2 = floor((H - Fh + 2P)/S) + 1.
    """
    x, w, b, stride, padding = sliding.conv2d_arguments(x, w, b, stride, padding)
    dtype = float_dtype(x, w) if b is None else float_dtype(x, w, b)
    fh, fw, channels, filters = w.shape
    n, h, width, _ = x.shape
    pads_h, pads_w = sliding.resolve_padding(h, width, fh, fw, stride, padding, planes=n * channels)
    xp = sliding.pad_hw(x.astype(dtype, copy=False), pads_h, pads_w)
    # 1. every window, (N, H2, W2, Fh, Fw, C): a view, nothing copied yet
    every_window = sliding.windows(xp, fh, fw, stride).transpose(0, 1, 2, 4, 5, 3)
    # 2. the filters as a matrix, one column per filter, rows in a window's (u, v, c) order
    weights = w.astype(dtype, copy=False).reshape(fh * fw * channels, filters)
    # 3. one row per window, times the weights: every dot product at once
    out = _rows_times_weights(every_window, weights)
    if b is not None:
        out += b.astype(dtype, copy=False)
    return out


def _rows_times_weights(every_window, weights):
    """im2col: ``every_window`` (N, H2, W2, Fh, Fw, C) copied into a matrix with
    one row per output position, times ``weights`` (Fh*Fw*C, K): (N, H2, W2, K).

    The same product as ``every_window.reshape(-1, Fh*Fw*C) @ weights``, done a
    few images at a time (``sliding.images_per_block``) only for speed: a block
    of rows stays in the CPU cache between the copy and the product.  With C
    last, a window's C numbers per pixel sit side by side, so the copy moves
    runs of C numbers, not single ones.
    """
    n, out_h, out_w = every_window.shape[:3]
    row_length, filters = weights.shape
    out = np.empty((n, out_h, out_w, filters), dtype=weights.dtype)
    per_block = sliding.images_per_block(n, out_h * out_w * row_length * weights.itemsize)
    for start in range(0, n, per_block):
        block = slice(start, start + per_block)
        rows = every_window[block].reshape(-1, row_length)  # the copy
        np.matmul(rows, weights, out=out[block].reshape(-1, filters))
    return out


def max_pool(x, size=2, stride=None, padding="valid"):
    """Max pooling: walk a ``size`` x ``size`` window with step ``stride`` and keep the max.

    - ``x``: (H, W) or (N, H, W, C); each channel is pooled on its own.
    - ``stride`` defaults to ``size`` (windows side by side, no overlap).
    - ``padding``: "valid" drops windows that would run off the edge;
      "same" keeps them as partial windows (output ceil(H/S)), as TensorFlow does.
    - Returns a float array of the same layout, H2 = floor((H - size)/S) + 1
      for "valid".
    """
    return _pool(x, size, stride, padding, _max_reduce, allow_neg_inf=True)  # -inf is a value here


def avg_pool(x, size=2, stride=None, padding="valid"):
    """Average pooling: like ``max_pool`` but keep the mean of each window.

    With ``padding="same"`` a partial window at the edge averages only the
    cells that exist (the zeros of padding are not counted), as TensorFlow does.
    """
    return _pool(x, size, stride, padding, _avg_reduce)


def l2_pool(x, size=2, stride=None, padding="valid"):
    """L2 pooling: sqrt(sum of squares) of each window, a soft maximum.

    Same arguments and shapes as ``max_pool``.
    """
    return _pool(x, size, stride, padding, _l2_reduce)


def global_max_pool(x):
    """The largest value of each channel: (N, H, W, C) -> (N, C); (H, W) -> a number."""
    x = as_numeric_array(x, "x", ndim=(2, 4), shape_hint="(H, W) or (N, H, W, C)", allow_neg_inf=True)
    return float(x.max()) if x.ndim == 2 else x.max(axis=(1, 2)).astype(float_dtype(x))


def global_avg_pool(x):
    """The mean of each channel: (N, H, W, C) -> (N, C); (H, W) -> a number."""
    x = as_numeric_array(x, "x", ndim=(2, 4), shape_hint="(H, W) or (N, H, W, C)")
    return float(x.mean()) if x.ndim == 2 else x.mean(axis=(1, 2)).astype(float_dtype(x))


def _pool(x, size, stride, padding, reduce, allow_neg_inf=False):
    x, batch, size, stride, pads_h, pads_w = sliding.pool_batch(x, size, stride, padding, allow_neg_inf)
    return sliding.unbatch(reduce(batch, size, stride, pads_h, pads_w), x)


def _max_reduce(x, size, stride, pads_h, pads_w):
    # Padding with -inf means a padded cell never wins the max.
    return sliding.combine_windows(sliding.pad_hw(x, pads_h, pads_w, value=-np.inf), size, stride, np.maximum)


def _avg_reduce(x, size, stride, pads_h, pads_w):
    # Like TensorFlow, a window that hangs over the edge averages only the
    # real cells: sum of values / number of real cells in the window.
    sums = sliding.window_sums(x, size, stride, pads_h, pads_w)
    sums /= sliding.real_cells(x, size, stride, pads_h, pads_w)
    return sums


def _l2_reduce(x, size, stride, pads_h, pads_w):
    # sqrt of the sum of squares in each window (padding zeros add nothing)
    return np.sqrt(sliding.window_sums(x * x, size, stride, pads_h, pads_w))
