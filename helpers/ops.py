"""NumPy reference implementations of what a convolutional layer computes.

Conventions (the same as TensorFlow and Keras):

- images are (H, W); batches are (N, H, W, C) ("channels last");
- filters are (F, F, C, K): F x F windows over C input channels, K filters;
- CNN "convolution" is a sliding dot product **without** flipping the kernel
  (mathematicians call that correlation): ``correlate2d`` and ``conv2d``.
  ``convolve2d`` is the textbook convolution, with the kernel rotated 180°.
- output size per dimension: ``floor((W - F + 2P) / S) + 1``
  (see ``helpers.arithmetic``).

Everything is vectorised.  ``conv2d`` uses NumPy's ``sliding_window_view`` to
lay out every window the filters visit, copies them into a matrix, one row per
window, and one matrix product does all the dot products (the "im2col" trick).  ``correlate2d`` (one channel, one
kernel) adds up shifted copies of the image, one per kernel weight.  The plain-loop versions, easier to read, are in
``helpers.loops`` and the tests check the two agree.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

# The activations and the size/parameter arithmetic live in their own modules;
# they are re-exported here so a lesson needs only `from helpers import ops`.
from .activations import elu, leaky_relu, relu, sigmoid, softmax, tanh
from .arithmetic import (
    conv_params,
    dense_params,
    fitting_paddings,
    fitting_strides,
    keras_output_size,
    output_size,
    padding_amounts,
    same_padding,
)

# The backward passes (gradients) live in helpers.backward; ops re-exports them.
from .backward import avg_pool_backward, conv2d_backward, max_pool_backward  # noqa: E402
from .validate import as_numeric_array, check_cells, conv2d_arguments, correlate_arguments, float_dtype, pool_arguments

__all__ = [
    "avg_pool",
    "avg_pool_backward",
    "conv2d_backward",
    "max_pool_backward",
    "conv2d",
    "global_avg_pool",
    "global_max_pool",
    "l2_pool",
    "conv_params",
    "convolve2d",
    "correlate2d",
    "dense_params",
    "fitting_paddings",
    "fitting_strides",
    "keras_output_size",
    "elu",
    "leaky_relu",
    "max_pool",
    "output_size",
    "relu",
    "same_padding",
    "sigmoid",
    "softmax",
    "tanh",
]


def _pad_hw(x: np.ndarray, pads_h, pads_w, value=0.0) -> np.ndarray:
    """Pad axes 1 and 2 of an (N, H, W, C) array with ``value``."""
    if pads_h == (0, 0) and pads_w == (0, 0):
        return x
    return np.pad(x, ((0, 0), pads_h, pads_w, (0, 0)), constant_values=value)


def _windows(x: np.ndarray, fh: int, fw: int, stride: int) -> np.ndarray:
    """Every (fh, fw) window of x (N, Hp, Wp, C) at the given stride.

    Returns a read-only view of shape (N, H2, W2, C, fh, fw) with
    H2 = (Hp - fh) // stride + 1 and W2 likewise; no data is copied.
    """
    view = sliding_window_view(x, (fh, fw), axis=(1, 2))
    return view[:, ::stride, ::stride]


def _resolve_padding(h, w, fh, fw, stride, padding, what="kernel", planes=1):
    """Return (pads_h, pads_w) and check the window fits the padded input.

    ``planes`` is how many (H, W) planes get padded (N * C for a batch): the
    padded array, planes * Hp * Wp numbers, is refused before it is allocated
    when it is larger than ``validate.MAX_CELLS`` (padding=100000 on a 6x6
    image would otherwise ask for 300 GB).
    """
    pads_h = padding_amounts(h, fh, stride, padding)
    pads_w = padding_amounts(w, fw, stride, padding)
    hp, wp = h + sum(pads_h), w + sum(pads_w)
    check_cells((planes, hp, wp), f"padding={padding!r} on a {h}x{w} input ({hp}x{wp} padded)")
    if fh > hp or fw > wp:
        raise ValueError(
            f"{what} ({fh}x{fw}) is larger than the padded input ({hp}x{wp} after "
            f"padding={padding!r}); use a smaller {what} or more padding"
        )
    return pads_h, pads_w


def correlate2d(image, kernel, stride=1, padding=0):
    """Slide ``kernel`` over ``image`` and take a dot product at every stop.

    This is what a CNN layer calls convolution (no kernel flip)::

        out[i, j] = sum_{u, v} padded[i*S + u, j*S + v] * kernel[u, v]

    - ``image``: (H, W) numbers; ``kernel``: (Fh, Fw) numbers.
    - ``stride`` S >= 1.  ``padding``: an int P (zeros on every side),
      "valid" (P = 0) or "same" (TensorFlow's rule: output ceil(H/S) x ceil(W/S)).
    - Returns a float array (H2, W2), H2 = floor((H - Fh + 2P)/S) + 1.
    """
    image, kernel, stride, padding = correlate_arguments(image, kernel, stride, padding)
    fh, fw = kernel.shape
    pads_h, pads_w = _resolve_padding(image.shape[0], image.shape[1], fh, fw, stride, padding, "kernel")
    dtype = float_dtype(image, kernel)
    padded = np.pad(image.astype(dtype, copy=False), (pads_h, pads_w))
    out_h = (padded.shape[0] - fh) // stride + 1
    out_w = (padded.shape[1] - fw) // stride + 1
    # One kernel weight at a time (F*F steps, never one pixel at a time): the
    # weight at (u, v) multiplies the pixel u rows down and v columns right of
    # every window's corner, i.e. the whole padded image shifted by (u, v).
    out = np.zeros((out_h, out_w), dtype=dtype)
    for u in range(fh):
        for v in range(fw):
            if kernel[u, v] != 0:
                shifted = padded[u : u + stride * (out_h - 1) + 1 : stride, v : v + stride * (out_w - 1) + 1 : stride]
                out += dtype.type(kernel[u, v]) * shifted
    return out


def convolve2d(image, kernel, stride=1, padding=0):
    """True (mathematical) convolution: correlation with the kernel rotated 180°.

    ``convolve2d(img, k) == correlate2d(img, k[::-1, ::-1])``.  For a symmetric
    kernel the two are the same; for an asymmetric one they differ.
    """
    kernel = as_numeric_array(kernel, "kernel", ndim=2, shape_hint="(F, F)")
    return correlate2d(image, kernel[::-1, ::-1], stride=stride, padding=padding)


def conv2d(x, w, b=None, stride=1, padding="valid"):
    """A convolutional layer's forward pass (no activation), like ``tf.nn.conv2d``.

    - ``x``: (N, H, W, C) batch of images with C channels.
    - ``w``: (Fh, Fw, C, K) filters: K filters, each Fh x Fw x C.
    - ``b``: optional (K,) biases, one per filter.
    - ``stride`` S >= 1 (same in both directions).
    - ``padding``: int P, "valid" or "same" (TensorFlow/Keras semantics,
      including stride > 1: output ceil(H/S), extra zero at the bottom/right).

    Returns (N, H2, W2, K) with H2 = floor((H - Fh + 2P)/S) + 1, where::

        out[n, i, j, k] = b[k] + sum_{u, v, c} padded[n, i*S + u, j*S + v, c] * w[u, v, c, k]
    """
    x, w, b, stride, padding = conv2d_arguments(x, w, b, stride, padding)
    dtype = float_dtype(x, w) if b is None else float_dtype(x, w, b)
    fh, fw, channels, filters = w.shape
    pads_h, pads_w = _resolve_padding(
        x.shape[1], x.shape[2], fh, fw, stride, padding, "kernel", planes=x.shape[0] * x.shape[3]
    )
    xp = _pad_hw(x.astype(dtype, copy=False), pads_h, pads_w)
    # Every window, as a view (no copy yet), laid out (N, H2, W2, Fh, Fw, C):
    # with C last, the C numbers of one pixel sit side by side in memory, so
    # copying a window below copies runs of C numbers, not single ones.
    windows = _windows(xp, fh, fw, stride).transpose(0, 1, 2, 4, 5, 3)
    n, out_h, out_w = windows.shape[:3]
    # The filters as a matrix, one column per filter; its rows follow the same
    # (u, v, c) order as a flattened window.
    weights = w.astype(dtype, copy=False).reshape(fh * fw * channels, filters)
    out = np.empty((n, out_h, out_w, filters), dtype=dtype)
    # im2col: copy the windows into a matrix with one row per output position
    # ("patches", Fh*Fw*C numbers each); then ONE matrix product gives every dot
    # product: patches (positions, Fh*Fw*C) @ weights (Fh*Fw*C, K).
    # It is done a few images at a time only for speed: a ~1 MiB block of
    # patches stays in the CPU cache between the copy and the product.
    images_per_block = max(1, _BLOCK_BYTES // (out_h * out_w * weights.shape[0] * dtype.itemsize))
    for start in range(0, n, images_per_block):
        block = slice(start, start + images_per_block)
        patches = windows[block].reshape(-1, weights.shape[0])  # the copy
        np.matmul(patches, weights, out=out[block].reshape(-1, filters))
    if b is not None:
        out += b.astype(dtype, copy=False)
    return out


# How many bytes of patches conv2d builds at a time (see conv2d).
_BLOCK_BYTES = 1 << 20


def _pool_batch(x, size, stride, padding, allow_neg_inf=False):
    """Pooling's checked arguments: ``(x, batch, size, stride, pads_h, pads_w)``,
    ``batch`` being ``x`` as (N, H, W, C) in its float dtype (the backward passes
    share it)."""
    x, size, stride, padding = pool_arguments(x, size, stride, padding, allow_neg_inf)
    batch = x[None, :, :, None] if x.ndim == 2 else x
    n, h, w, c = batch.shape
    pads_h, pads_w = _resolve_padding(h, w, size, size, stride, padding, "pool window", planes=n * c)
    return x, batch.astype(float_dtype(x), copy=False), size, stride, pads_h, pads_w


def _pool(x, size, stride, padding, reduce, allow_neg_inf=False):
    x, batch, size, stride, pads_h, pads_w = _pool_batch(x, size, stride, padding, allow_neg_inf)
    out = reduce(batch, size, stride, pads_h, pads_w)
    return out[0, :, :, 0] if x.ndim == 2 else out


def _offsets(length, size, stride, axis):
    """For each offset u inside a window (0 <= u < size), the index that picks
    cell u of every window along ``axis``: ``[u, u + S, u + 2S, ...]`` as a slice."""
    count = (length - size) // stride + 1
    index = [slice(None)] * 4
    for u in range(size):
        index[axis] = slice(u, u + stride * (count - 1) + 1, stride)
        yield tuple(index)


def _combine_windows(xp, size, stride, combine):
    """Combine the size x size cells of every window of xp (N, Hp, Wp, C),
    windows ``stride`` apart, with ``combine`` (np.maximum or np.add).

    Returns (N, H2, W2, C), H2 = (Hp - size) // stride + 1, W2 likewise.

    Max and sum are separable: the max of a window is the max, across its
    columns, of the max down each column.  So this takes two steps:

    1. down: combine the ``size`` row-shifted views of xp (row u of every
       window, u = 0..size-1) into ``rows``, (N, H2, Wp, C);
    2. across: combine the ``size`` column-shifted views of ``rows`` into
       the output, (N, H2, W2, C).

    That is 2 * size whole-array steps instead of size * size, and never one
    pixel at a time.
    """
    n, hp, wp, channels = xp.shape
    down = list(_offsets(hp, size, stride, axis=1))
    across = list(_offsets(wp, size, stride, axis=2))
    out_h, out_w = (hp - size) // stride + 1, (wp - size) // stride + 1
    out = np.empty((n, out_h, out_w, channels), dtype=xp.dtype)
    # A few images at a time, only for speed (as in conv2d): a block's ``rows``
    # (~1 MiB, reused from block to block) stay in the CPU cache until step 2
    # reads them; a whole batch's would not (2-3x slower on a CIFAR batch).
    images_per_block = min(n, max(1, _BLOCK_BYTES // (out_h * wp * channels * xp.itemsize)))
    rows_buffer = np.empty((images_per_block, out_h, wp, channels), dtype=xp.dtype)
    for start in range(0, n, images_per_block):
        images = xp[start : start + images_per_block]
        rows = rows_buffer[: len(images)]
        pooled = out[start : start + images_per_block]
        np.copyto(rows, images[down[0]])  # step 1
        for index in down[1:]:
            combine(rows, images[index], out=rows)
        np.copyto(pooled, rows[across[0]])  # step 2, written straight into the output
        for index in across[1:]:
            combine(pooled, rows[index], out=pooled)
    return out


def _max_reduce(x, size, stride, pads_h, pads_w):
    # Padding with -inf means a padded cell never wins the max.
    return _combine_windows(_pad_hw(x, pads_h, pads_w, value=-np.inf), size, stride, np.maximum)


def _window_sums(x, size, stride, pads_h, pads_w):
    return _combine_windows(_pad_hw(x, pads_h, pads_w), size, stride, np.add)


def _avg_reduce(x, size, stride, pads_h, pads_w):
    # Like TensorFlow, a window that hangs over the edge averages only the
    # real cells: sum of values / number of real cells in the window.
    sums = _window_sums(x, size, stride, pads_h, pads_w)
    ones = np.ones((1,) + x.shape[1:3] + (1,), dtype=x.dtype)
    counts = _window_sums(ones, size, stride, pads_h, pads_w)  # (1, H2, W2, 1)
    sums /= counts
    return sums


def _l2_reduce(x, size, stride, pads_h, pads_w):
    # sqrt of the sum of squares in each window (padding zeros add nothing)
    return np.sqrt(_window_sums(x * x, size, stride, pads_h, pads_w))


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
