"""Padding, stride, depth, 1x1 convolution and im2col, drawn (lesson 3).

Every figure computes what it shows from the arrays it is given, with the
course's own ``ops`` and ``arithmetic`` (never typed-in numbers):

- ``show_padding_and_stride(image, kernel, padding, strides)``: the padded
  input with its zero ring, the window's positions for each stride, and the
  output beside it, its size ``W2 = (W - F + 2P)/S + 1`` in the title;
- ``show_depth(x, filters)``: an (H, W, D1) input as a stack of D1 slices, a
  filter of F x F x D1 as a box through all of them, and K filters giving K
  maps, every shape label read from the arrays;
- ``show_one_by_one(x, weights, row, col)``: a 1x1 convolution at one pixel:
  its D1 values times the filter's D1 weights, summed to one output value;
- ``show_im2col(image, kernel)``: every window copied into a row of a matrix,
  one matrix product with the flattened kernel, reshaped to the output.

All of them are correlation, as in a CNN layer (no flip).
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import Normalize
from matplotlib.patches import Rectangle

from .. import arithmetic, ops
from ..validate import as_int, as_number, as_numeric_array
from .basics import DIVERGING, TEXT, _cell_text, new_figure, show_matrix

__all__ = ["show_padding_and_stride", "show_depth", "show_one_by_one", "show_im2col"]

RING = "0.82"  # the zero ring's grey
# window 1, window 2, ...: black, then Okabe-Ito bluish green, orange and reddish purple,
# apart under every common colour-vision deficiency and not in the blue-white-red map
COLOURS = ("black", "#009E73", "#E69F00", "#CC79A7")


def _square_kernel(kernel, name="kernel"):
    kernel = as_numeric_array(kernel, name, ndim=2, shape_hint="(F, F)")
    if kernel.shape[0] != kernel.shape[1]:
        raise ValueError(f"{name} must be square (F, F), got shape {kernel.shape}")
    return kernel


def _outline(ax, top, left, height, width, colour, lw=2.5, **kwargs):
    """A rectangle around cells [top, top + height) x [left, left + width) of an imshow grid."""
    kwargs.setdefault("zorder", 5)
    ax.add_patch(
        Rectangle((left - 0.5, top - 0.5), width, height, fill=False, edgecolor=colour, linewidth=lw, **kwargs)
    )


def show_padding_and_stride(image, kernel, padding=1, strides=(1, 2)):
    """The padded input, the window's positions for each stride, and the output.

    - ``image``: (W, W) numbers; ``kernel``: (F, F); ``padding`` P >= 0 zeros
      on every side; ``strides``: one to three strides S >= 1.
    - Two panels per stride, side by side: the padded input (W + 2P square,
      its numbers in the cells, the zero ring shaded grey) with a dot at the
      centre of every window position and the first two windows outlined
      (the step between them is S); then the output
      ``ops.correlate2d(image, kernel, S, P)``, the first two cells outlined
      alike, its size ``(W - F + 2P)/S + 1`` from ``arithmetic.output_size``
      in the title.

    Returns the figure.
    """
    image = as_numeric_array(image, "image", ndim=2, shape_hint="(W, W)")
    if image.shape[0] != image.shape[1]:
        raise ValueError(f"image must be square (W, W), got shape {image.shape}")
    kernel = _square_kernel(kernel)
    p = as_int(padding, "padding (P)", minimum=0, maximum=10)
    if not isinstance(strides, (list, tuple)):
        raise TypeError(f"strides must be a list or tuple of strides, e.g. (1, 2), got {strides!r}")
    if not 1 <= len(strides) <= 3:
        raise ValueError(f"strides must hold one to three strides, got {len(strides)}")
    strides = [as_int(s, f"strides[{i}]", minimum=1, maximum=arithmetic.MAX_SIZE) for i, s in enumerate(strides)]
    w, f = image.shape[0], kernel.shape[0]
    if f > w + 2 * p:
        raise ValueError(
            f"kernel (F = {f}) is larger than the padded input W + 2P = {w + 2 * p} (image {w} x {w}, padding {p})"
        )
    sizes = [arithmetic.output_size(w, f, p, s) for s in strides]  # raises if F > W + 2P
    padded = np.pad(image, p)
    ring = np.ones(padded.shape, dtype=bool)
    ring[p : p + w, p : p + w] = False

    fig, axes = new_figure(2 * len(strides), 1, size=2.2)
    for k, (s, n) in enumerate(zip(strides, sizes)):
        ax_pos, ax_out = axes[2 * k], axes[2 * k + 1]
        vmax = 3 * max(float(np.abs(padded).max()), 1e-12)  # pale colours: the dots and outlines stand out
        show_matrix(
            padded, f"S = {s}: {n} x {n} positions\non the padded {w + 2 * p} x {w + 2 * p}", ax=ax_pos, vmax=vmax
        )
        for i, j in zip(*np.nonzero(ring)):
            ax_pos.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, color=RING, zorder=1.5))
        centres = [(oi * s + (f - 1) / 2, oj * s + (f - 1) / 2) for oi in range(n) for oj in range(n)]
        # a dot in the lower-left corner of each window's centre cell (the number stays readable)
        ax_pos.plot(
            [c - 0.3 for _, c in centres], [r + 0.3 for r, _ in centres], "o", color="black", markersize=3.5, zorder=4
        )
        out = ops.correlate2d(image, kernel, stride=s, padding=p)
        show_matrix(out, f"({w} - {f} + 2·{p})/{s} + 1 = {n}\noutput {n} x {n}", ax=ax_out)
        for m, (oi, oj) in enumerate([(0, 0), (0, 1)][: min(n, 2)]):
            style = {"linestyle": "-" if m == 0 else "--", "lw": 2.5 - 0.5 * m, "zorder": 5}
            _outline(ax_pos, oi * s, oj * s, f, f, COLOURS[m], **style)
            _outline(ax_out, oi, oj, 1, 1, COLOURS[m], **style)
        for ax in (ax_pos, ax_out):
            ax.title.set_fontsize(10)
    fig.tight_layout()
    return fig


def _box(ax, left, bottom, width, height, colour, zorder):
    """An outline in data coordinates (y up), used on the stacks."""
    ax.add_patch(Rectangle((left, bottom), width, height, fill=False, edgecolor=colour, linewidth=2.2, zorder=zorder))


def _stack(ax, volume, left, bottom, step, norm, label=None, label_below=None):
    """Draw an (H, W, D) volume as D slices, slice 0 in front, each further one
    ``step`` up and to the right; returns the (left, bottom) of each slice."""
    h, w, d = volume.shape
    corners = [(left + c * step, bottom + c * step) for c in range(d)]
    for c in reversed(range(d)):  # back to front
        x, y = corners[c]
        ax.imshow(
            volume[:, :, c],
            cmap=DIVERGING,
            norm=norm,
            extent=(x, x + w, y, y + h),
            interpolation="nearest",
            zorder=2 + (d - c) * 0.01,
        )
        z = 2 + (d - c) * 0.01
        ax.vlines(x + np.arange(1, w), y, y + h, color="0.55", linewidth=0.5, zorder=z)
        ax.hlines(y + np.arange(1, h), x, x + w, color="0.55", linewidth=0.5, zorder=z)
        ax.add_patch(Rectangle((x, y), w, h, fill=False, edgecolor=TEXT, linewidth=1, zorder=z))
    if label:
        x, y = corners[-1]
        ax.text(left + (x - left + w) / 2, y + h + 0.3, label, ha="center", va="bottom", fontsize=10, color=TEXT)
    if label_below:
        ax.text(left + w / 2, bottom - 0.3, label_below, ha="center", va="top", fontsize=9, color=TEXT)
    return corners


def show_depth(x, filters, size=10.0):
    """A filter is a volume: an (H, W, D1) input, K filters of F x F x D1, K maps.

    - ``x``: (H, W, D1), one image with D1 channels;
      ``filters``: (F, F, D1, K), as ``ops.conv2d`` takes them (at most 4 of each).
    - Left: the input as D1 slices, the first window outlined on every slice
      (the filter reaches through all D1 channels); middle: the K filters,
      each a stack of D1 slices; right: the K output maps
      ``ops.conv2d(x[None], filters)[0]``, H2 x W2 each (stride 1, no padding),
      the first cell of each outlined.  Every label is read from the shapes.

    Colours: blue negative, white 0, red positive, one scale for inputs and
    weights, another for the maps.  Returns the figure.
    """
    x = as_numeric_array(x, "x", ndim=3, shape_hint="(H, W, D1)")
    size = as_number(size, "size (inches)", minimum=0.1, maximum=50)
    filters = as_numeric_array(filters, "filters", ndim=4, shape_hint="(F, F, D1, K)")
    f, f2, d1, k = filters.shape
    h, w, d_x = x.shape
    if f != f2:
        raise ValueError(f"filters must be square (F, F, D1, K), got shape {filters.shape}")
    if d1 != d_x:
        raise ValueError(f"filters must have D1 = {d_x} channels like x, got shape {filters.shape}")
    if d1 > 4 or k > 4:
        raise ValueError(f"at most 4 channels and 4 filters can be drawn, got D1 = {d1}, K = {k}")
    if f > min(h, w):
        raise ValueError(f"filters (F = {f}) must fit in x ({h} x {w})")
    out = ops.conv2d(x[None], filters)[0]  # (H2, W2, K)
    h2, w2 = out.shape[:2]
    fig, axes = new_figure(1, 1, size=size)
    fig.set_size_inches(size, size * 0.42)
    ax = axes[0]
    step = 0.9
    m = max(float(np.abs(x).max()), float(np.abs(filters).max()), 1e-12)
    norm_in = Normalize(-m, m)
    mo = max(float(np.abs(out).max()), 1e-12)
    norm_out = Normalize(-mo, mo)

    in_height = h + (d1 - 1) * step
    slot = f + (d1 - 1) * step + 1.4  # one filter and its label
    height = max(in_height, k * slot)
    centre = height / 2
    corners = _stack(
        ax,
        x,
        0,
        centre - in_height / 2,
        step,
        norm_in,
        label=f"input {h} x {w} x {d1}",
        label_below=f"{d1} channels; the window:\n{f} x {f} x {d1} = {f * f * d1} numbers",
    )
    for c, (cx, cy) in enumerate(corners):
        _box(ax, cx, cy + h - f, f, f, COLOURS[0], zorder=3 + c)
    (x0, y0), (x1, y1) = corners[0], corners[-1]
    for dx, dy in [(0, h), (f, h), (f, h - f)]:  # the window's edges through the channels: a box
        ax.plot([x0 + dx, x1 + dx], [y0 + dy, y1 + dy], color=COLOURS[0], linewidth=2.2, zorder=3 + d1)
    # the K filters, one stack each, in a column
    gap = 3.2
    fx = w + (d1 - 1) * step + gap
    for j in range(k):
        fy = centre + k * slot / 2 - (j + 1) * slot + 1.0
        _stack(ax, filters[:, :, :, j], fx, fy, step, norm_in, label_below=f"filter {j + 1}: {f} x {f} x {d1}")
    ax.text(fx - gap * 0.72, centre, "⋆", ha="center", va="center", fontsize=22, color=TEXT)
    # the K maps
    ox = fx + f + (d1 - 1) * step + gap + 0.6
    ax.text(ox - gap / 2, centre, "=", ha="center", va="center", fontsize=22, color=TEXT)
    out_step = step * 1.4
    out_height = h2 + (k - 1) * out_step
    map_corners = _stack(
        ax,
        out,
        ox,
        centre - out_height / 2,
        out_step,
        norm_out,
        label=f"output {h2} x {w2} x {k}",
        label_below=f"{k} maps, one per filter",
    )
    for j, (mx, my) in enumerate(map_corners):
        _box(ax, mx, my + h2 - 1, 1, 1, COLOURS[0], zorder=3 + j)
    ax.set_xlim(-0.5, ox + w2 + (k - 1) * out_step + 2.5)
    ax.set_ylim(-1.8, height + 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(
        f"{k} filters of {f} x {f} x {d1} on a {h} x {w} x {d1} input give {k} maps of {h2} x {w2}",
        color=TEXT,
        fontsize=11,
    )
    fig.tight_layout()
    return fig


def show_one_by_one(x, weights, row=0, col=0):
    """A 1x1 convolution at one pixel: D1 values times D1 weights, summed.

    - ``x``: (H, W, D1) one image with D1 channels; ``weights``: (D1,), the
      weights of one 1 x 1 x D1 filter; (``row``, ``col``): the pixel.
    - Left: the D1 channels side by side, the pixel outlined in each;
      middle: a table, one line per channel ``value × weight = product``
      and their sum; right: the output map ``ops.conv2d`` with the 1x1
      kernel (H x W, the size kept), the pixel's cell outlined: it holds the sum.

    Returns the figure.
    """
    x = as_numeric_array(x, "x", ndim=3, shape_hint="(H, W, D1)")
    h, w, d1 = x.shape
    weights = as_numeric_array(weights, "weights", ndim=1, shape_hint="(D1,)")
    if weights.shape[0] != d1:
        raise ValueError(f"weights must have one weight per channel of x, D1 = {d1}, got shape {weights.shape}")
    if d1 > 6:
        raise ValueError(f"at most 6 channels can be drawn, got D1 = {d1}")
    row = as_int(row, "row (a pixel row of x)", minimum=0, maximum=h - 1)
    col = as_int(col, "col (a pixel column of x)", minimum=0, maximum=w - 1)
    out = ops.conv2d(x[None], weights.reshape(1, 1, d1, 1))[0, :, :, 0]
    values = x[row, col, :]
    products = values * weights
    fig, axes = new_figure(d1 + 2, 1, size=1.7)
    fig.set_size_inches(1.7 * (d1 + 2) + 0.4, 2.5)
    vmax = float(np.abs(x).max())
    for c in range(d1):
        show_matrix(x[:, :, c], f"channel {c + 1}", ax=axes[c], vmax=vmax)
        _outline(axes[c], row, col, 1, 1, COLOURS[0])
    table = axes[d1]
    table.axis("off")
    lines = [
        f"{_cell_text(v, None)} × {_cell_text(wt, None)} = {_cell_text(pr, None)}"
        for v, wt, pr in zip(values, weights, products)
    ]
    for c, line in enumerate(lines):
        table.text(0.5, 0.9 - c * 0.6 / max(d1, 1), line, ha="center", va="center", fontsize=11, color=TEXT)
    table.text(
        0.5, 0.12, f"sum = {_cell_text(products.sum(), None)}", ha="center", va="center", fontsize=12, color=COLOURS[0]
    )
    table.set_title(f"pixel ({row}, {col}):\nvalue × weight", color=TEXT, fontsize=10)
    show_matrix(out, f"output {h} x {w} x 1", ax=axes[d1 + 1])
    _outline(axes[d1 + 1], row, col, 1, 1, COLOURS[0])
    fig.tight_layout()
    return fig


def show_im2col(image, kernel, highlight=(0, -1), cell=0.32):
    """im2col: patches -> matrix rows -> one matrix product -> output.

    - ``image``: (H, W); ``kernel``: (F, F); stride 1, no padding.
    - Panels, every cell the same size (``cell`` inches): the image with the
      windows ``highlight`` (indices in row-major order, at most 4) outlined;
      the matrix of windows (one row per window, ``H2*W2`` rows of ``F*F``
      pixels), the same rows outlined; the kernel flattened to one column of
      ``F*F`` weights; the product (one number per window); the product
      reshaped to H2 x W2, which equals ``ops.correlate2d(image, kernel)``.

    At most 16 windows (the rows must stay readable).  Returns the figure.
    """
    image = as_numeric_array(image, "image", ndim=2, shape_hint="(H, W)")
    kernel = _square_kernel(kernel)
    f = kernel.shape[0]
    if f > min(image.shape):
        raise ValueError(f"kernel (F = {f}) is larger than the padded input: the image is {image.shape}, no padding")
    cell = as_number(cell, "cell (inches)", minimum=0.05, maximum=2)
    h2 = arithmetic.output_size(image.shape[0], f)
    w2 = arithmetic.output_size(image.shape[1], f)
    count = h2 * w2
    if count > 16:
        raise ValueError(
            f"at most 16 windows (of the kernel on the image) can be drawn as rows, got {h2} x {w2} = {count}"
        )
    if not isinstance(highlight, (list, tuple)) or len(highlight) > len(COLOURS):
        raise TypeError(
            f"highlight must be a list or tuple of at most {len(COLOURS)} window indices, got {highlight!r}"
        )
    highlight = [
        as_int(n, f"highlight[{i}]", minimum=-count, maximum=count - 1) % count for i, n in enumerate(highlight)
    ]
    rows = np.array([image[i : i + f, j : j + f].ravel() for i in range(h2) for j in range(w2)])
    column = kernel.reshape(-1, 1)
    product = rows @ column
    output = product.reshape(h2, w2)
    panels = [
        (image, f"image\n{image.shape[0]} x {image.shape[1]}", None),
        (rows, f"windows as rows\n{rows.shape[0]} x {rows.shape[1]}", None),
        (column, f"kernel\n{f * f} x 1", [[_cell_text(v, None)] for v in column[:, 0]]),
        (product, f"product\n{product.shape[0]} x 1", None),
        (output, f"output\n{h2} x {w2}", None),
    ]
    gap, margin, title_room = 0.65, 0.15, 0.65
    width = sum(m.shape[1] for m, _, _ in panels) * cell + gap * (len(panels) - 1) + 2 * margin
    tallest = max(m.shape[0] for m, _, _ in panels) * cell
    height = tallest + title_room + 2 * margin
    fig, _ = new_figure(1, 1, size=1.0)
    fig.clf()
    fig.set_size_inches(width, height)
    axes, left = [], margin
    for matrix, title, labels in panels:
        w_in, h_in = matrix.shape[1] * cell, matrix.shape[0] * cell
        bottom = margin + (tallest - h_in) / 2
        ax = fig.add_axes((left / width, bottom / height, w_in / width, h_in / height))
        show_matrix(matrix, title, ax=ax, labels=labels)
        ax.title.set_fontsize(10)
        for text in ax.texts:  # every cell is the same size here: one readable type size
            text.set_fontsize(9)
        axes.append(ax)
        left += w_in + gap
    for k, n in enumerate(highlight):
        i, j = divmod(n, w2)
        style = {"linestyle": "-" if k == 0 else "--", "lw": 2.5}
        _outline(axes[0], i, j, f, f, COLOURS[k], **style)
        _outline(axes[1], n, 0, 1, f * f, COLOURS[k], **style)
        _outline(axes[3], n, 0, 1, 1, COLOURS[k], **style)
        _outline(axes[4], i, j, 1, 1, COLOURS[k], **style)
    for a, b, sign in [(0, 1, "→"), (1, 2, "@"), (2, 3, "="), (3, 4, "→")]:
        x = (axes[a].get_position().x1 + axes[b].get_position().x0) / 2
        fig.text(x, (margin + tallest / 2) / height, sign, ha="center", va="center", fontsize=16, color=TEXT)
    return fig
