"""Backward passes: the gradients of ``ops.conv2d``, ``ops.max_pool`` and ``ops.avg_pool``.

Training needs, for every layer, how the loss L changes with the layer's
input and weights, given how it changes with the layer's output.  That last
one, ``dy`` = dL/dY, has the shape of the output; each function here returns
the gradients of the input (and weights) from it.  Chained layer by layer,
from the loss back to the image, this is backpropagation.

Convolution, ``Y[n,i,j,k] = b[k] + sum_{u,v,c} Xp[n, i*S+u, j*S+v, c] * W[u,v,c,k]``
(Xp: the padded input, S: the stride).  Each weight touched many inputs, and
each input many outputs, so the gradients add up over all of them::

    dW[u,v,c,k] = sum_{n,i,j} Xp[n, i*S+u, j*S+v, c] * dY[n,i,j,k]
        -- a correlation of the input with dY: dY slides over the input as a kernel would;
    db[k]       = sum_{n,i,j} dY[n,i,j,k];
    dXp[n, i*S+u, j*S+v, c] += sum_k dY[n,i,j,k] * W[u,v,c,k]   for every (i, j, u, v)
        -- every output sends its gradient back along the weights it used:
           a "full" convolution of dY (spread S apart) with the kernel rotated 180 degrees.

Pooling has no weights.  Max pooling passes each output's gradient to the one
input that won its window (ties: the first in reading order, row by row;
TensorFlow's choice for ties may differ); average pooling shares it equally
among the real (not padding) cells of the window.

The plain-loop versions, one output position at a time, are in
``helpers.loops``; the tests check both against TensorFlow's GradientTape
and against finite differences.
"""

from __future__ import annotations

import numpy as np

from .sliding import conv2d_arguments, crop_hw, offsets, pad_hw, pool_batch, real_cells, resolve_padding, windows
from .validate import as_numeric_array, float_dtype

__all__ = ["conv2d_backward", "max_pool_backward", "avg_pool_backward"]


def _as_dy(dy, expected_shape, what):
    """``dy`` as a float array of ``expected_shape`` (the forward output's), or a clear error."""
    dy = as_numeric_array(
        dy, "dy", ndim=len(expected_shape), shape_hint=f"{expected_shape}, the shape of {what}'s output"
    )
    if dy.shape != tuple(expected_shape):
        raise ValueError(f"dy must have the shape of {what}'s output, {tuple(expected_shape)}, got {dy.shape}")
    return dy


def conv2d_backward(x, w, dy, stride=1, padding="valid"):
    """Gradients of ``ops.conv2d(x, w, b, stride, padding)``: returns ``(dx, dw, db)``.

    - ``x`` (N, H, W, C), ``w`` (Fh, Fw, C, K), ``stride`` and ``padding`` as
      for ``ops.conv2d`` (int P, "valid" or "same");
    - ``dy`` (N, H2, W2, K): dL/dY, the shape of conv2d's output;
    - returns dx (N, H, W, C), dw (Fh, Fw, C, K), db (K,).  The bias does not
      change any gradient, so it is not an argument.
    """
    x, w, _, stride, padding = conv2d_arguments(x, w, None, stride, padding)
    dtype = float_dtype(x, w)
    n, h, width, channels = x.shape
    fh, fw, _, filters = w.shape
    pads_h, pads_w = resolve_padding(h, width, fh, fw, stride, padding, planes=n * channels)
    xp = pad_hw(x.astype(dtype, copy=False), pads_h, pads_w)
    out_h, out_w = (xp.shape[1] - fh) // stride + 1, (xp.shape[2] - fw) // stride + 1
    dy = _as_dy(dy, (n, out_h, out_w, filters), "conv2d").astype(dtype, copy=False)
    w = w.astype(dtype, copy=False)

    # dW: every window of the input (one row per output position) against dY, one matrix product
    patches = windows(xp, fh, fw, stride).transpose(0, 1, 2, 4, 5, 3).reshape(-1, fh * fw * channels)
    dw = (patches.T @ dy.reshape(-1, filters)).reshape(fh, fw, channels, filters)
    db = dy.sum(axis=(0, 1, 2))

    # dX: each weight position (u, v) sends dY back to the input cells it multiplied
    dxp = np.zeros_like(xp)
    for u, rows in enumerate(offsets(fh, stride, out_h)):
        for v, cols in enumerate(offsets(fw, stride, out_w)):
            dxp[:, rows, cols] += dy @ w[u, v].T  # (N, H2, W2, K) @ (K, C)
    return crop_hw(dxp, pads_h, pads_w), dw, db


def _pool_setup(x, dy, size, stride, padding, what, allow_neg_inf=False):
    x, batch, size, stride, pads_h, pads_w = pool_batch(x, size, stride, padding, allow_neg_inf)
    hp, wp = batch.shape[1] + sum(pads_h), batch.shape[2] + sum(pads_w)
    out_h, out_w = (hp - size) // stride + 1, (wp - size) // stride + 1
    expected = (out_h, out_w) if x.ndim == 2 else (batch.shape[0], out_h, out_w, batch.shape[3])
    dy = _as_dy(dy, expected, what).astype(float_dtype(x), copy=False)
    dy = dy[None, :, :, None] if x.ndim == 2 else dy
    return x, batch, dy, size, stride, pads_h, pads_w, out_h, out_w


def _crop(dxp, x, pads_h, pads_w):
    """The gradient of the unpadded input, in the layout of ``x``: (H, W) or (N, H, W, C)."""
    dx = crop_hw(dxp, pads_h, pads_w)
    return dx[0, :, :, 0] if x.ndim == 2 else dx


def max_pool_backward(x, dy, size=2, stride=None, padding="valid"):
    """Gradient of ``ops.max_pool(x, size, stride, padding)`` with respect to ``x``.

    ``x`` (H, W) or (N, H, W, C) and ``dy`` the shape of max_pool's output.
    Each window's gradient goes to the cell that held the window's maximum
    (the first one in reading order when several tie); every other cell of
    the window gets 0 from it.  A cell that wins several overlapping windows
    collects all their gradients.  Returns dx, the shape of ``x``.
    """
    x, batch, dy, size, stride, pads_h, pads_w, out_h, out_w = _pool_setup(
        x, dy, size, stride, padding, "max_pool", allow_neg_inf=True
    )
    xp = pad_hw(batch, pads_h, pads_w, value=-np.inf)  # a padding cell never wins
    every_window = windows(xp, size, size, stride)  # (N, H2, W2, C, size, size)
    winner = every_window.reshape(every_window.shape[:4] + (size * size,)).argmax(axis=-1)  # first maximum
    n, i, j, c = np.indices(winner.shape, sparse=True)
    rows, cols = i * stride + winner // size, j * stride + winner % size
    dxp = np.zeros_like(xp)
    np.add.at(dxp, (n, rows, cols, c), dy)  # add.at: overlapping windows may share a winner
    return _crop(dxp, x, pads_h, pads_w)


def avg_pool_backward(x, dy, size=2, stride=None, padding="valid"):
    """Gradient of ``ops.avg_pool(x, size, stride, padding)`` with respect to ``x``.

    Each window's gradient is shared equally by its real cells: with ``count``
    of them (size*size, fewer for a window over "same" padding), each gets
    dy / count.  Returns dx, the shape of ``x``.
    """
    x, batch, dy, size, stride, pads_h, pads_w, out_h, out_w = _pool_setup(x, dy, size, stride, padding, "avg_pool")
    share = dy / real_cells(batch, size, stride, pads_h, pads_w)  # (N, H2, W2, C) / (1, H2, W2, 1)
    dxp = np.zeros_like(pad_hw(batch, pads_h, pads_w))
    for rows in offsets(size, stride, out_h):
        for cols in offsets(size, stride, out_w):
            dxp[:, rows, cols] += share
    return _crop(dxp, x, pads_h, pads_w)
