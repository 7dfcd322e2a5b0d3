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

from . import sliding
from .validate import float_dtype

__all__ = ["conv2d_backward", "max_pool_backward", "avg_pool_backward"]


def conv2d_backward(x, w, dy, stride=1, padding="valid"):
    """Gradients of ``ops.conv2d(x, w, b, stride, padding)``: returns ``(dx, dw, db)``.

    - ``x`` (N, H, W, C), ``w`` (Fh, Fw, C, K), ``stride`` and ``padding`` as
      for ``ops.conv2d`` (int P, "valid" or "same");
    - ``dy`` (N, H2, W2, K): dL/dY, the shape of conv2d's output;
    - returns dx (N, H, W, C), dw (Fh, Fw, C, K), db (K,).  The bias does not
      change any gradient, so it is not an argument.
    """
    x, w, _, stride, padding = sliding.conv2d_arguments(x, w, None, stride, padding)
    dtype = float_dtype(x, w)
    n, h, width, channels = x.shape
    fh, fw, _, filters = w.shape
    pads_h, pads_w = sliding.resolve_padding(h, width, fh, fw, stride, padding, planes=n * channels)
    xp = sliding.pad_hw(x.astype(dtype, copy=False), pads_h, pads_w)
    out_h, out_w = sliding.positions(xp.shape[1], fh, stride), sliding.positions(xp.shape[2], fw, stride)
    dy = sliding.as_gradient(dy, (n, out_h, out_w, filters), "conv2d").astype(dtype, copy=False)
    w = w.astype(dtype, copy=False)

    # dW: every window of the input (one row per output position) against dY, one matrix product
    patches = sliding.windows(xp, fh, fw, stride).transpose(0, 1, 2, 4, 5, 3).reshape(-1, fh * fw * channels)
    dw = (patches.T @ dy.reshape(-1, filters)).reshape(fh, fw, channels, filters)
    db = dy.sum(axis=(0, 1, 2))

    # dX: each weight position (u, v) sends dY back to the input cells it multiplied
    dxp = np.zeros_like(xp)
    for u, rows in enumerate(sliding.offsets(fh, stride, out_h)):
        for v, cols in enumerate(sliding.offsets(fw, stride, out_w)):
            dxp[:, rows, cols] += dy @ w[u, v].T  # (N, H2, W2, K) @ (K, C)
    return sliding.crop_hw(dxp, pads_h, pads_w), dw, db


def max_pool_backward(x, dy, size=2, stride=None, padding="valid"):
    """Gradient of ``ops.max_pool(x, size, stride, padding)`` with respect to ``x``.

    ``x`` (H, W) or (N, H, W, C) and ``dy`` the shape of max_pool's output.
    Each window's gradient goes to the cell that held the window's maximum
    (the first one in reading order when several tie); every other cell of
    the window gets 0 from it.  A cell that wins several overlapping windows
    collects all their gradients.  Returns dx, the shape of ``x``.
    """
    x, batch, dy, size, stride, pads_h, pads_w = _pool_arguments(
        x, dy, size, stride, padding, "max_pool", allow_neg_inf=True
    )
    xp = sliding.pad_hw(batch, pads_h, pads_w, value=-np.inf)  # a padding cell never wins
    every_window = sliding.windows(xp, size, size, stride)  # (N, H2, W2, C, size, size)
    winner = every_window.reshape(every_window.shape[:4] + (size * size,)).argmax(axis=-1)  # first maximum
    n, i, j, c = np.indices(winner.shape, sparse=True)
    rows, cols = i * stride + winner // size, j * stride + winner % size
    dxp = np.zeros_like(xp)
    np.add.at(dxp, (n, rows, cols, c), dy)  # add.at: overlapping windows may share a winner
    return sliding.unbatch(sliding.crop_hw(dxp, pads_h, pads_w), x)


def avg_pool_backward(x, dy, size=2, stride=None, padding="valid"):
    """Gradient of ``ops.avg_pool(x, size, stride, padding)`` with respect to ``x``.

    Each window's gradient is shared equally by its real cells: with ``count``
    of them (size*size, fewer for a window over "same" padding), each gets
    dy / count.  Returns dx, the shape of ``x``.
    """
    x, batch, dy, size, stride, pads_h, pads_w = _pool_arguments(x, dy, size, stride, padding, "avg_pool")
    share = dy / sliding.real_cells(batch, size, stride, pads_h, pads_w)  # (N, H2, W2, C) / (1, H2, W2, 1)
    dxp = np.zeros_like(sliding.pad_hw(batch, pads_h, pads_w))
    for rows in sliding.offsets(size, stride, share.shape[1]):
        for cols in sliding.offsets(size, stride, share.shape[2]):
            dxp[:, rows, cols] += share
    return sliding.unbatch(sliding.crop_hw(dxp, pads_h, pads_w), x)


def _pool_arguments(x, dy, size, stride, padding, what, allow_neg_inf=False):
    """The pooling backward passes' checked arguments: ``(x, batch, dy, size,
    stride, pads_h, pads_w)``, with ``batch`` and ``dy`` as (N, H, W, C) and
    (N, H2, W2, C) in x's float dtype (``what``: the forward op, for messages)."""
    x, batch, size, stride, pads_h, pads_w = sliding.pool_batch(x, size, stride, padding, allow_neg_inf)
    out_h = sliding.positions(batch.shape[1] + sum(pads_h), size, stride)
    out_w = sliding.positions(batch.shape[2] + sum(pads_w), size, stride)
    expected = (out_h, out_w) if x.ndim == 2 else (batch.shape[0], out_h, out_w, batch.shape[3])
    dy = sliding.as_gradient(dy, expected, what).astype(float_dtype(x), copy=False)
    dy = dy[None, :, :, None] if x.ndim == 2 else dy
    return x, batch, dy, size, stride, pads_h, pads_w
