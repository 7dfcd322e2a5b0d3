"""Sliding a window: the plumbing that ``ops``, ``backward`` and ``loops`` share.

Every op that slides an F x F window over an image does the same things
before any arithmetic, and they are written once, here::

    x, w, b, stride, padding = conv2d_arguments(x, w, b, stride, padding)  # 1. check and convert
    pads_h, pads_w = resolve_padding(height, width, fh, fw, stride, padding)  # 2. zeros (before, after); the window must fit
    xp = pad_hw(x, pads_h, pads_w)                                         # 3. add the zero border
    windows(xp, fh, fw, stride)       # 4. every window, (N, H2, W2, C, Fh, Fw), a view: nothing copied
    offsets(fh, stride, out_h)        #    or, per cell u of the window, the slice u, u+S, u+2S, ...

with ``H2 = positions(Hp, Fh, S) = (Hp - Fh) // S + 1`` windows down the padded
height Hp (``helpers.arithmetic`` has the formula with P).  The backward passes
add ``as_gradient`` (dL/dY, checked against the output's shape) and
``crop_hw``; ``unbatch`` gives a single image's result back as (H, W).

Pooling adds ``combine_windows`` (max or sum of every window, in 2 * size
whole-array steps) and ``window_sums``.  ``images_per_block`` says how many
images the vectorised ops handle at a time so that their work stays in the
CPU cache (``BLOCK_BYTES``): that is only for speed.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .arithmetic import padding_amounts
from .validate import as_int, as_numeric_array, as_padding, float_dtype, refuse_oversized

# --- 1. the arguments, checked and converted (one set of rules for ops, backward and loops)


def correlate_arguments(image, kernel, stride, padding):
    """``image`` (H, W) and ``kernel`` (F, F) real numbers, ``stride`` >= 1,
    ``padding`` an int >= 0, "valid" or "same": returned cleaned up, or a clear error."""
    image = as_numeric_array(image, "image", ndim=2, shape_hint="(H, W)")
    kernel = as_numeric_array(kernel, "kernel", ndim=2, shape_hint="(F, F)")
    return image, kernel, as_int(stride, "stride", minimum=1), as_padding(padding)


def conv2d_arguments(x, w, b, stride, padding):
    """``x`` (N, H, W, C), ``w`` (F, F, C, K) with the same C, ``b`` None or (K,),
    ``stride`` >= 1, ``padding`` an int, "valid" or "same": returned cleaned up."""
    x = as_numeric_array(x, "x", ndim=4, shape_hint="(N, H, W, C)")
    w = as_numeric_array(w, "w", ndim=4, shape_hint="(F, F, C, K)")
    if w.shape[2] != x.shape[3]:
        raise ValueError(
            f"w has {w.shape[2]} input channels (w.shape[2]) but x has {x.shape[3]} "
            f"channels (x.shape[3]); they must be equal"
        )
    if b is not None:
        b = as_numeric_array(b, "b", ndim=1, shape_hint="(K,)")
        if b.shape[0] != w.shape[3]:
            raise ValueError(
                f"b has {b.shape[0]} values but w has {w.shape[3]} filters (w.shape[3]); give one bias per filter"
            )
    return x, w, b, as_int(stride, "stride", minimum=1), as_padding(padding)


def pool_arguments(x, size, stride, padding, allow_neg_inf=False):
    """``x`` (H, W) or (N, H, W, C) (``allow_neg_inf``: -inf accepted, for max
    pooling), ``size`` >= 1, ``stride`` >= 1 or None (then it equals ``size``),
    ``padding`` "valid" or "same": returned cleaned up."""
    x = as_numeric_array(x, "x", ndim=(2, 4), shape_hint="(H, W) or (N, H, W, C)", allow_neg_inf=allow_neg_inf)
    size = as_int(size, "size", minimum=1)
    stride = size if stride is None else as_int(stride, "stride", minimum=1)
    padding = as_padding(padding)
    if not isinstance(padding, str):
        raise TypeError(f'padding for pooling must be "valid" or "same", got {padding!r}')
    return x, size, stride, padding


# --- 2. padding, and the one rule that the window fits


def resolve_padding(height, width, fh, fw, stride, padding, what="kernel", planes=1):
    """The zeros (before, after) for each axis, ``(pads_h, pads_w)``, once the window fits.

    - ``height``, ``width``: the input's; ``fh``, ``fw``: the window's;
      ``padding``: an int P, "valid" or "same" (``arithmetic.padding_amounts``).
    - The rule: the window must fit the padded input, ``fh <= h + pads`` and
      ``fw <= w + pads``; otherwise a ValueError naming ``what`` ("kernel",
      "pool window").
    - ``planes`` is how many (H, W) planes get padded (N * C for a batch): the
      padded array, planes * Hp * Wp numbers, is refused before it is allocated
      when it is larger than ``validate.MAX_CELLS`` (padding=100000 on a 6x6
      image would otherwise ask for 300 GB).
    """
    pads_h = padding_amounts(height, fh, stride, padding)
    pads_w = padding_amounts(width, fw, stride, padding)
    hp, wp = height + sum(pads_h), width + sum(pads_w)
    refuse_oversized(
        (planes, hp, wp),
        f"padding={padding!r} on a {height}x{width} input ({hp}x{wp} padded, for a {fh}x{fw} {what})",
        fix=f"use a smaller {what} or less padding",
    )
    if fh > hp or fw > wp:
        raise ValueError(
            f"{what} ({fh}x{fw}) is larger than the padded input ({hp}x{wp} after "
            f"padding={padding!r}); use a smaller {what} or more padding"
        )
    return pads_h, pads_w


def pad_hw(x: np.ndarray, pads_h, pads_w, value=0.0) -> np.ndarray:
    """Pad axes 1 and 2 (H and W) of an (N, H, W, C) array with ``value``."""
    if pads_h == (0, 0) and pads_w == (0, 0):
        return x
    return np.pad(x, ((0, 0), pads_h, pads_w, (0, 0)), constant_values=value)


def crop_hw(xp: np.ndarray, pads_h, pads_w) -> np.ndarray:
    """Undo ``pad_hw``: the (N, H, W, C) middle of the padded (N, Hp, Wp, C) ``xp``."""
    return xp[:, pads_h[0] : xp.shape[1] - pads_h[1], pads_w[0] : xp.shape[2] - pads_w[1], :]


def pool_batch(x, size, stride, padding, allow_neg_inf=False):
    """Pooling's checked arguments: ``(x, batch, size, stride, pads_h, pads_w)``,
    ``batch`` being ``x`` as (N, H, W, C) in its float dtype (the forward and
    backward passes share it)."""
    x, size, stride, padding = pool_arguments(x, size, stride, padding, allow_neg_inf)
    batch = x[None, :, :, None] if x.ndim == 2 else x
    n, h, w, c = batch.shape
    pads_h, pads_w = resolve_padding(h, w, size, size, stride, padding, "pool window", planes=n * c)
    return x, batch.astype(float_dtype(x), copy=False), size, stride, pads_h, pads_w


# --- 3. the windows


def windows(xp: np.ndarray, fh: int, fw: int, stride: int) -> np.ndarray:
    """Every (fh, fw) window of ``xp`` (N, Hp, Wp, C), ``stride`` apart.

    A read-only view of shape (N, H2, W2, C, fh, fw), H2 = (Hp - fh) // stride + 1
    and W2 likewise: no number is copied.
    """
    return sliding_window_view(xp, (fh, fw), axis=(1, 2))[:, ::stride, ::stride]


def positions(length: int, size: int, stride: int) -> int:
    """How many windows of ``size`` fit along an axis of ``length`` (already
    padded), ``stride`` apart: ``(length - size) // stride + 1``."""
    return (length - size) // stride + 1


def offsets(size: int, stride: int, count: int) -> list[slice]:
    """Along one axis, for each cell u of a window (0 <= u < size), the slice
    ``u, u + S, ..., u + (count - 1) * S``: cell u of every one of ``count`` windows.

    ``padded[offsets(fh, S, H2)[u], offsets(fw, S, W2)[v]]`` is the (H2, W2)
    array of what the window's cell (u, v) sees at each output position.
    """
    return [slice(u, u + stride * (count - 1) + 1, stride) for u in range(size)]


# How many bytes of work a vectorised op builds at a time: a block this size
# stays in the CPU cache between the step that writes it and the one that reads it.
BLOCK_BYTES = 1 << 20


def images_per_block(n: int, bytes_per_image: int) -> int:
    """How many of ``n`` images make a block of about ``BLOCK_BYTES`` (at least one).

    Only for speed: the same numbers come out for any block size.
    """
    return min(n, max(1, BLOCK_BYTES // max(1, bytes_per_image)))


def combine_windows(xp, size, stride, combine):
    """Combine the size x size cells of every window of ``xp`` (N, Hp, Wp, C),
    windows ``stride`` apart, with ``combine`` (np.maximum or np.add).

    Returns (N, H2, W2, C), H2 = (Hp - size) // stride + 1, W2 likewise.

    Max and sum are separable: the max of a window is the max, across its
    columns, of the max down each column.  So this takes two steps:

    1. down: combine the ``size`` row-shifted views of xp (row u of every
       window, u = 0..size-1) into ``columns``, (N, H2, Wp, C);
    2. across: combine the ``size`` column-shifted views of ``columns`` into
       the output, (N, H2, W2, C).

    That is 2 * size whole-array steps instead of size * size, and never one
    pixel at a time.
    """
    n, hp, wp, channels = xp.shape
    out_h, out_w = positions(hp, size, stride), positions(wp, size, stride)
    down = [(slice(None), cells) for cells in offsets(size, stride, out_h)]
    across = [(slice(None), slice(None), cells) for cells in offsets(size, stride, out_w)]
    out = np.empty((n, out_h, out_w, channels), dtype=xp.dtype)
    # A block's columns (the buffer is reused from block to block) stay in the
    # cache until step 2 reads them; a whole batch's would not (2-3x slower on
    # a CIFAR batch).
    per_block = images_per_block(n, out_h * wp * channels * xp.itemsize)
    buffer = np.empty((per_block, out_h, wp, channels), dtype=xp.dtype)
    for start in range(0, n, per_block):
        images = xp[start : start + per_block]
        columns = buffer[: len(images)]  # step 1: each window's column, combined down
        pooled = out[start : start + per_block]
        np.copyto(columns, images[down[0]])
        for index in down[1:]:
            combine(columns, images[index], out=columns)
        np.copyto(pooled, columns[across[0]])  # step 2, across, written straight into the output
        for index in across[1:]:
            combine(pooled, columns[index], out=pooled)
    return out


def window_sums(x, size, stride, pads_h, pads_w):
    """The sum of every size x size window of ``x`` (N, H, W, C) padded with
    zeros: (N, H2, W2, C)."""
    return combine_windows(pad_hw(x, pads_h, pads_w), size, stride, np.add)


def real_cells(batch, size, stride, pads_h, pads_w):
    """How many real (not padding) cells each window holds: (1, H2, W2, 1)."""
    ones = np.ones((1,) + batch.shape[1:3] + (1,), dtype=batch.dtype)
    return window_sums(ones, size, stride, pads_h, pads_w)


# --- 4. the backward passes' extras


def as_gradient(dy, expected_shape, what):
    """``dy`` = dL/dY, the gradient of the loss by ``what``'s output, as an array
    of ``expected_shape`` (that output's shape), or a clear error."""
    expected_shape = tuple(expected_shape)
    dy = as_numeric_array(
        dy, "dy", ndim=len(expected_shape), shape_hint=f"{expected_shape}, the shape of {what}'s output"
    )
    if dy.shape != expected_shape:
        raise ValueError(f"dy must have the shape of {what}'s output, {expected_shape}, got {dy.shape}")
    return dy


def unbatch(out, x):
    """``out`` (N, H, W, C) in the layout of ``x``: (H, W) when ``x`` was one image."""
    return out[0, :, :, 0] if x.ndim == 2 else out
