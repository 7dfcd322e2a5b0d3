"""Plain-loop versions of the convolution and pooling ops: the teaching code.

These spell out, one output pixel at a time, what ``helpers.ops`` computes
with whole-array steps (one matrix product for ``conv2d``).  They are slow (Python loops over pixels) and
meant to be read: a notebook can show them with ``helpers.loops.correlate2d??``.
The tests check that they give the same numbers as ``helpers.ops`` and as
TensorFlow.  The argument checks and the padding, with its one rule that
the window must fit, are shared with ``helpers.ops`` (``helpers.sliding``),
so both accept and refuse exactly the same inputs with the same messages.
"""

from __future__ import annotations

import numpy as np

from .sliding import as_gradient, conv2d_arguments, correlate_arguments, pool_arguments, resolve_padding, unbatch
from .validate import as_int, as_number, as_numeric_array, float_dtype, refuse_oversized


def pad_with_zeros(image: np.ndarray, top: int, bottom: int, left: int, right: int, value=0.0):
    """Return a new (H + top + bottom, W + left + right) array with ``image`` in the middle.

    ``image`` is (H, W); the four paddings are ints >= 0; ``value`` (default 0)
    fills the border.
    """
    image = as_numeric_array(image, "image", ndim=2, shape_hint="(H, W)")
    top, bottom = as_int(top, "top", minimum=0), as_int(bottom, "bottom", minimum=0)
    left, right = as_int(left, "left", minimum=0), as_int(right, "right", minimum=0)
    value = as_number(value, "value")
    h, w = image.shape
    # refuse a huge padding before allocating it
    refuse_oversized(
        (h + top + bottom, w + left + right), f"padding top={top}, bottom={bottom}, left={left}, right={right}"
    )
    padded = np.full((h + top + bottom, w + left + right), value, dtype=float)
    padded[top : top + h, left : left + w] = image
    return padded


def correlate2d(image, kernel, stride=1, padding=0):
    """Same result as ``helpers.ops.correlate2d``, one output pixel at a time.

    For every output position (i, j): cut out the window of the padded image
    that starts at (i*S, j*S), multiply it cell by cell with the kernel, add up.
    """
    image, kernel, stride, padding = correlate_arguments(image, kernel, stride, padding)
    (h, w), (fh, fw) = image.shape, kernel.shape
    (top, bottom), (left, right) = resolve_padding(h, w, fh, fw, stride, padding)
    padded = pad_with_zeros(image, top, bottom, left, right)
    out_h = (padded.shape[0] - fh) // stride + 1
    out_w = (padded.shape[1] - fw) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            total = 0.0
            for u in range(fh):
                for v in range(fw):
                    total += padded[i * stride + u, j * stride + v] * kernel[u, v]
            out[i, j] = total
    return out


def conv2d(x, w, b=None, stride=1, padding="valid"):
    """Same result as ``helpers.ops.conv2d``: each filter k, on each image n,
    is the sum over input channels c of ``correlate2d(x[n, :, :, c], w[:, :, c, k])``,
    plus the filter's bias."""
    x, w, b, stride, padding = conv2d_arguments(x, w, b, stride, padding)
    n_images, n_channels, n_filters = x.shape[0], x.shape[3], w.shape[3]
    maps = []
    for n in range(n_images):
        per_filter = []
        for k in range(n_filters):
            total = 0.0
            for c in range(n_channels):
                total = total + correlate2d(x[n, :, :, c], w[:, :, c, k], stride, padding)
            if b is not None:
                total = total + float(b[k])
            per_filter.append(total)
        maps.append(np.stack(per_filter, axis=-1))
    return np.stack(maps)


def _pool2d(image, size, stride, pads, take):
    h, w = image.shape
    (top, bottom), (left, right) = pads
    out_h = (h + top + bottom - size) // stride + 1
    out_w = (w + left + right - size) // stride + 1
    out = np.zeros((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            # The window in the coordinates of the unpadded image, clipped to
            # the cells that exist (padding cells never count).
            r0, c0 = i * stride - top, j * stride - left
            window = image[max(r0, 0) : r0 + size, max(c0, 0) : c0 + size]
            out[i, j] = take(window)
    return out


def _pool(x, size, stride, padding, take, allow_neg_inf=False):
    x, size, stride, padding = pool_arguments(x, size, stride, padding, allow_neg_inf)
    x = x.astype(float_dtype(x))
    planes = x[None, :, :, None] if x.ndim == 2 else x
    n_images, h, w, n_channels = planes.shape
    pads = resolve_padding(h, w, size, size, stride, padding, "pool window", planes=n_images * n_channels)
    out = np.stack(
        [
            np.stack([_pool2d(planes[n, :, :, c], size, stride, pads, take) for c in range(n_channels)], axis=-1)
            for n in range(n_images)
        ]
    )
    return unbatch(out, x)


def max_pool(x, size=2, stride=None, padding="valid"):
    """Same result as ``helpers.ops.max_pool``: the largest value in each window."""
    return _pool(x, size, stride, padding, np.max, allow_neg_inf=True)  # -inf is a value here


def avg_pool(x, size=2, stride=None, padding="valid"):
    """Same result as ``helpers.ops.avg_pool``: the mean of each window's real cells."""
    return _pool(x, size, stride, padding, np.mean)


def conv2d_backward(x, w, dy, stride=1, padding="valid"):
    """Same result as ``helpers.ops.conv2d_backward``, one output position at a time.

    Output (n, i, j, k) was the window of the padded input at (i*S, j*S) times
    filter k, plus b[k].  So its gradient dy[n, i, j, k] flows back:
    to each weight, times the input cell it multiplied (dw); to each input
    cell of the window, times the weight that multiplied it (dx); and to the
    bias as it is (db).
    """
    x, w, _, stride, padding = conv2d_arguments(x, w, None, stride, padding)
    n_images, h, width, n_channels = x.shape
    fh, fw, _, n_filters = w.shape
    (top, bottom), (left, right) = resolve_padding(h, width, fh, fw, stride, padding, planes=n_images * n_channels)
    out_h = (h + top + bottom - fh) // stride + 1
    out_w = (width + left + right - fw) // stride + 1
    dy = as_gradient(dy, (n_images, out_h, out_w, n_filters), "conv2d")
    padded = np.zeros((n_images, h + top + bottom, width + left + right, n_channels))
    padded[:, top : top + h, left : left + width, :] = x
    dpadded = np.zeros_like(padded)
    dw, db = np.zeros(w.shape), np.zeros(n_filters)
    for n in range(n_images):
        for i in range(out_h):
            for j in range(out_w):
                window = padded[n, i * stride : i * stride + fh, j * stride : j * stride + fw, :]
                for k in range(n_filters):
                    g = dy[n, i, j, k]
                    dw[:, :, :, k] += g * window
                    dpadded[n, i * stride : i * stride + fh, j * stride : j * stride + fw, :] += g * w[:, :, :, k]
                    db[k] += g
    return dpadded[:, top : top + h, left : left + width, :], dw, db


def _pool_backward(x, dy, size, stride, padding, share, what, allow_neg_inf=False):
    x, size, stride, padding = pool_arguments(x, size, stride, padding, allow_neg_inf)
    x = x.astype(float_dtype(x))
    planes = x[None, :, :, None] if x.ndim == 2 else x
    n_images, h, w, n_channels = planes.shape
    (top, bottom), (left, right) = resolve_padding(
        h, w, size, size, stride, padding, "pool window", planes=n_images * n_channels
    )
    out_h, out_w = (h + top + bottom - size) // stride + 1, (w + left + right - size) // stride + 1
    expected = (out_h, out_w) if x.ndim == 2 else (planes.shape[0], out_h, out_w, planes.shape[3])
    dy = as_gradient(dy, expected, what)
    dy = dy[None, :, :, None] if x.ndim == 2 else dy
    dx = np.zeros(planes.shape)
    for n in range(planes.shape[0]):
        for c in range(planes.shape[3]):
            for i in range(out_h):
                for j in range(out_w):
                    # the window's real cells, in the coordinates of the unpadded input
                    r0, c0 = i * stride - top, j * stride - left
                    rows = slice(max(r0, 0), min(r0 + size, h))
                    cols = slice(max(c0, 0), min(c0 + size, w))
                    dx[n, rows, cols, c] += share(planes[n, rows, cols, c], dy[n, i, j, c])
    return unbatch(dx, x)


def _to_the_winner(window, g):
    # the whole gradient to the first maximum in reading order, 0 to the rest
    out = np.zeros(window.shape)
    out[np.unravel_index(np.argmax(window), window.shape)] = g
    return out


def max_pool_backward(x, dy, size=2, stride=None, padding="valid"):
    """Same result as ``helpers.ops.max_pool_backward``: each window's gradient
    goes to the cell that held its maximum (the first, when several tie)."""
    return _pool_backward(x, dy, size, stride, padding, _to_the_winner, "max_pool", allow_neg_inf=True)


def avg_pool_backward(x, dy, size=2, stride=None, padding="valid"):
    """Same result as ``helpers.ops.avg_pool_backward``: each window's gradient
    is shared equally by its real cells."""
    return _pool_backward(x, dy, size, stride, padding, _shared_equally, "avg_pool")


def _shared_equally(window, g):
    # each real cell of the window gets the same part of the gradient
    return np.full(window.shape, g / window.size)
