"""A window sliding over an image, step by step (lesson 0's first convolution).

One row of the figure per window position (i, j):

1. the image, with the window drawn on it and the kernel's weight written
   small in the corner of every cell it covers (``×w``);
2. the products pixel × weight, and their sum in the title;
3. the output, filled up to this position: the cell it fills, output[i, j],
   outlined in red.

This is correlation, as in a CNN layer: no flip, no padding, stride 1,
``output[i, j] = sum(image[i:i+F, j:j+F] * kernel)``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Rectangle

from ..validate import as_int, as_numeric_array
from .basics import TEXT, _cell_text, new_figure, show_matrix

__all__ = ["MAX_STEPS", "convolution_step", "show_convolution_steps"]

MAX_STEPS = 6  # more rows do not fit one page


def convolution_step(image, kernel, i, j):
    """The window at output position (i, j): ``(patch, products, total)``.

    ``image``: (H, W); ``kernel``: (F, G); ``patch = image[i:i+F, j:j+G]``,
    ``products = patch * kernel`` (F, G), ``total = products.sum()``.
    """
    image = as_numeric_array(image, "image", ndim=2, shape_hint="(H, W)")
    kernel = as_numeric_array(kernel, "kernel", ndim=2, shape_hint="(F, G)")
    f, g = kernel.shape
    h, w = image.shape
    if f > h or g > w:
        raise ValueError(f"kernel {kernel.shape} must fit in the image {image.shape}")
    i, j = as_int(i, "i (output row)", minimum=0), as_int(j, "j (output column)", minimum=0)
    if i > h - f or j > w - g:
        raise ValueError(
            f"(i, j) = ({i}, {j}) must be <= ({h - f}, {w - g}): kernel {kernel.shape} on image {image.shape}"
        )
    patch = image[i : i + f, j : j + g]
    products = patch * kernel
    return patch, products, products.sum()


def _as_positions(positions, rows, cols):
    if isinstance(positions, (str, bytes)) or not isinstance(positions, (list, tuple)):
        raise TypeError(f"positions must be a list of (i, j) output positions, got {positions!r}")
    if not 1 <= len(positions) <= MAX_STEPS:
        raise ValueError(f"positions must hold 1 to {MAX_STEPS} (i, j) pairs, got {len(positions)}")
    checked = []
    for n, pos in enumerate(positions):
        if not isinstance(pos, (list, tuple)) or len(pos) != 2:
            raise TypeError(f"positions[{n}] must be an (i, j) pair, got {pos!r}")
        i = as_int(pos[0], f"positions[{n}][0] (output row i)", minimum=0)
        j = as_int(pos[1], f"positions[{n}][1] (output column j)", minimum=0)
        for value, name, most in (
            (i, f"positions[{n}][0] (output row i)", rows - 1),
            (j, f"positions[{n}][1] (output column j)", cols - 1),
        ):
            if value > most:
                raise ValueError(f"{name} must be <= {most} (the kernel's positions on the image), got {value}")
        checked.append((i, j))
    return checked


def _outline(ax, top, left, height, width, colour="red"):
    ax.add_patch(Rectangle((left - 0.5, top - 0.5), width, height, fill=False, edgecolor=colour, linewidth=3, zorder=5))


def show_convolution_steps(image, kernel, positions=((0, 0), (0, 1), (0, 2)), size=2.7):
    """The first convolution, one row per window position; returns the figure.

    ``image``: (H, W) numbers; ``kernel``: (F, G), no larger than the image;
    ``positions``: 1 to ``MAX_STEPS`` output positions (i, j), with
    0 <= i <= H - F and 0 <= j <= W - G, drawn in this order.  The output panel
    of row n shows the sums of positions 0..n (the cells computed so far).

    Each row: image with the window (weights ``×w`` in its cells), the
    products ``image[i+r, j+c] * kernel[r, c]`` with ``sum = ...`` in the
    title, and the output with output[i, j] outlined.  ``size``: inches per panel.
    """
    image = as_numeric_array(image, "image", ndim=2, shape_hint="(H, W)")
    kernel = as_numeric_array(kernel, "kernel", ndim=2, shape_hint="(F, G)")
    if kernel.shape[0] > image.shape[0] or kernel.shape[1] > image.shape[1]:
        raise ValueError(f"kernel {kernel.shape} must fit in the image {image.shape}")
    if max(image.shape) > 12:
        raise ValueError(f"image must be at most 12 x 12 to write its numbers, got shape {image.shape}")
    f, g = kernel.shape
    rows, cols = image.shape[0] - f + 1, image.shape[1] - g + 1
    positions = _as_positions(positions, rows, cols)
    fig, axes = new_figure(3, len(positions), size=size)
    output = np.full((rows, cols), np.nan)
    # pale colours for the image (a wide scale), so the window and its weights stand out
    vmax = 2.5 * float(np.max(np.abs(image))) or 1.0
    # one colour scale for every row's output: that of the whole output
    out_vmax = max(abs(convolution_step(image, kernel, r, c)[2]) for r in range(rows) for c in range(cols)) or 1.0
    for n, (i, j) in enumerate(positions):
        ax_image, ax_products, ax_output = axes[3 * n : 3 * n + 3]
        patch, products, total = convolution_step(image, kernel, i, j)
        output[i, j] = total

        show_matrix(image, f"image, window at ({i}, {j})", ax=ax_image, vmax=vmax)
        for r in range(f):
            for c in range(g):
                ax_image.text(
                    j + c + 0.48,
                    i + r + 0.48,
                    f"×{_cell_text(kernel[r, c], None)}",
                    ha="right",
                    va="bottom",
                    fontsize=7,
                    color="navy",
                )
        _outline(ax_image, i, j, f, g)

        product_labels = [
            [
                f"{_cell_text(patch[r, c], None)} × {_cell_text(kernel[r, c], None)}\n= {_cell_text(products[r, c], None)}"
                for c in range(g)
            ]
            for r in range(f)
        ]
        show_matrix(products, f"products, sum = {_cell_text(total, None)}", ax=ax_products, labels=product_labels)

        # the cells not computed yet: blank (NaN is drawn transparent, no text)
        done = ~np.isnan(output)
        labels = [[_cell_text(v, None) if ok else "" for v, ok in zip(row, oks)] for row, oks in zip(output, done)]
        show_matrix(
            np.nan_to_num(output),
            f"output[{i}, {j}] = {_cell_text(total, None)}",
            ax=ax_output,
            labels=labels,
            vmax=out_vmax,
        )
        _outline(ax_output, i, j, 1, 1)
        for ax in (ax_image, ax_products, ax_output):
            ax.title.set_color(TEXT)
    fig.tight_layout()
    return fig
