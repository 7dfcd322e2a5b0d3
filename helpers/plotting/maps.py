"""Maps compared: invariance against equivariance (lesson 4), heat maps on one colour scale (lesson 7).

- ``show_shift_rows(rows)``: one row per property.  Each row draws an image
  x, the moved image g x, two outputs, and the difference of the two things
  the property says are equal, with the measured number max |a - b| written
  under it.  Equivariance, f(g x) = g f(x): the difference is a whole map.
  Invariance, f(g x) = f(x) for f = the global max of the map: the maps
  differ everywhere, the two numbers do not.
- ``show_heat_tiles(images, heats)``: heat maps (values >= 0) over images,
  every tile on **one** colour scale, 0 ... vmax, with one colour bar, so
  that a brighter tile means a larger value (a tile scaled to its own
  maximum says nothing about its neighbour).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import Normalize

from ..validate import as_bool, as_number, as_numeric_array
from .basics import DIVERGING, TEXT, _as_ax, _text, new_figure

__all__ = ["measured_text", "show_shift_rows", "show_heat_tiles"]

HEAT = "inferno"  # black (0) ... yellow (the largest value): the tile's colour is its value, read on the colour bar
OUTLINE = "cyan"  # the image under the heat map, drawn as its outline


def measured_text(value) -> str:
    """The measured number as the figures write it: three significant digits (0 prints as "0")."""
    value = as_number(value, "value")
    return f"{value:.3g}"


def _as_row(row, index):
    name = f"rows[{index}]"
    if not isinstance(row, dict):
        raise TypeError(f"{name} must be a dict with keys label, image, shifted, maps, compared; got {row!r}")
    missing = {"label", "image", "shifted", "maps", "compared"} - set(row)
    if missing:
        raise ValueError(f"{name} must have the keys label, image, shifted, maps, compared; missing {sorted(missing)}")
    image = as_numeric_array(row["image"], f"{name}['image']", ndim=2, shape_hint="(H, W)").astype(float)
    shifted = as_numeric_array(row["shifted"], f"{name}['shifted']", ndim=2, shape_hint="(H, W)").astype(float)
    if shifted.shape != image.shape:
        raise ValueError(f"{name}['shifted'] must have the image's shape {image.shape}, got {shifted.shape}")
    maps = row["maps"]
    if not (
        isinstance(maps, (list, tuple))
        and len(maps) == 2
        and all(isinstance(m, (list, tuple)) and len(m) == 2 for m in maps)
    ):
        raise TypeError(f"{name}['maps'] must be two (title, (h, w) array) pairs, got {maps!r}")
    maps = [
        (_text(t, f"{name}['maps'][{i}] title"), as_numeric_array(m, f"{name}['maps'][{i}]", ndim=2).astype(float))
        for i, (t, m) in enumerate(maps)
    ]
    compared = row["compared"]
    if not (isinstance(compared, (list, tuple)) and len(compared) == 3):
        raise TypeError(f"{name}['compared'] must be (title, a, b): the two things said to be equal, got {compared!r}")
    title, a, b = compared
    a = as_numeric_array(a, f"{name}['compared'] a").astype(float)
    b = as_numeric_array(b, f"{name}['compared'] b").astype(float)
    if a.shape != b.shape or a.ndim not in (0, 2):
        raise ValueError(
            f"{name}['compared'] a and b must be two numbers or two (h, w) maps of one shape, got {a.shape} and {b.shape}"
        )
    mark_max = as_bool(row.get("mark_max", False), f"{name}['mark_max']")
    return (
        _text(row["label"], f"{name}['label']"),
        image,
        shifted,
        maps,
        (_text(title, f"{name}['compared'] title"), a, b),
        mark_max,
    )


def show_shift_rows(rows, size=1.6):
    """Invariance against equivariance, one row per property; returns the figure.

    ``rows``: a list of dicts, one per row, with the keys

    - ``"label"``: the row's name, written at its left (e.g. "equivariant");
    - ``"image"``, ``"shifted"``: (H, W) the input x and the moved input g x;
    - ``"maps"``: two (title, (h, w) array) pairs, drawn third and fourth
      (e.g. f(x) and f(g x));
    - ``"compared"``: (title, a, b), the two things the property says are
      equal: two (h, w) maps (the fifth panel draws a - b) or two numbers
      (it writes both, as a = ... and b = ...);
    - ``"mark_max"`` (optional): ring the largest value of each map.

    Under the fifth panel: ``max |a - b| = <measured_text(max |a - b|)>``.
    Grey scales are shared: x and g x one scale, the two maps and the
    difference one symmetric blue-white-red scale (so a small difference
    looks small).
    """
    if not isinstance(rows, (list, tuple)) or not rows:
        raise TypeError(f"rows must be a non-empty list of dicts, got {rows!r}")
    rows = [_as_row(row, i) for i, row in enumerate(rows)]
    size = as_number(size, "size (inches)", minimum=0.5, maximum=10)
    fig, axes = new_figure(5, len(rows), size=size)
    fig.set_size_inches(5 * size, (size + 0.35) * len(rows))
    for r, (label, image, shifted, maps, (title, a, b), mark_max) in enumerate(rows):
        ax_x, ax_gx, ax_m1, ax_m2, ax_d = axes[5 * r : 5 * r + 5]
        lo, hi = min(image.min(), shifted.min()), max(image.max(), shifted.max())
        for ax, picture, name in [(ax_x, image, "x"), (ax_gx, shifted, "g x")]:
            ax.imshow(picture, cmap="gray", vmin=lo, vmax=hi, interpolation="nearest")
            ax.set_title(name, color=TEXT)
        reach = max(np.abs(m).max() for _, m in maps)
        reach = reach if reach > 0 else 1.0
        for ax, (name, m) in [(ax_m1, maps[0]), (ax_m2, maps[1])]:
            ax.imshow(m, cmap=DIVERGING, vmin=-reach, vmax=reach, interpolation="nearest")
            ax.set_title(name, color=TEXT)
            if mark_max:
                i, j = np.unravel_index(np.argmax(m), m.shape)
                ax.plot(j, i, "o", markersize=11, markerfacecolor="none", markeredgecolor="black", markeredgewidth=2)
        gap = float(np.abs(a - b).max())
        if a.ndim == 2:
            ax_d.imshow(a - b, cmap=DIVERGING, vmin=-reach, vmax=reach, interpolation="nearest")
        else:
            ax_d.text(0.5, 0.62, f"a = {float(a):.4f}", ha="center", va="center", fontsize=11, color=TEXT)
            ax_d.text(0.5, 0.38, f"b = {float(b):.4f}", ha="center", va="center", fontsize=11, color=TEXT)
        ax_d.set_title(title, color=TEXT)
        ax_d.set_xlabel(f"max |a − b| = {measured_text(gap)}", color=TEXT, fontsize=11, fontweight="bold")
        for ax in (ax_x, ax_gx, ax_m1, ax_m2, ax_d):
            ax.set_xticks([])
            ax.set_yticks([])
        ax_x.set_ylabel(label, color=TEXT, fontsize=11, fontweight="bold")
    fig.tight_layout()
    return fig


def show_heat_tiles(images, heats, titles=None, axes=None, extent=None, vmax=None, label=None, size=1.8):
    """Heat maps (values >= 0) over grey images, all on one colour scale, with one colour bar.

    ``images``: N (H, W) arrays (or an (N, H, W) array), drawn as outlines (cyan);
    ``heats``: N (h, w) arrays >= 0, one per image (a saliency or Grad-CAM map);
    ``titles``: N titles or None; ``axes``: N panels to draw into (a row of
    a bigger figure) or None for a new one-row figure; ``extent`` = (left,
    right, bottom, top) places coarser heat maps in the images' pixel
    coordinates, as in ``show_heatmap``; ``label``: the colour bar's label.

    The scale is 0 ... ``vmax`` for every tile, by default the largest value
    of all ``heats`` (pass one ``vmax`` to several figures to compare them
    too).  Every cell is opaque, black (0) to yellow (vmax), so the colour
    bar reads every tile; the image is its outline on top.
    Returns the colour bar (its ``.ax.figure`` is the figure).
    """
    if isinstance(images, np.ndarray):
        images = list(as_numeric_array(images, "images", ndim=3, shape_hint="(N, H, W)"))
    if isinstance(heats, np.ndarray):
        heats = list(as_numeric_array(heats, "heats", ndim=3, shape_hint="(N, h, w)"))
    if not isinstance(images, (list, tuple)) or not images:
        raise TypeError(f"images must be a non-empty list of (H, W) arrays, got {images!r}")
    if not isinstance(heats, (list, tuple)) or len(heats) != len(images):
        raise ValueError(f"heats must be a list with one (h, w) map per image of images ({len(images)}), got {heats!r}")
    images = [
        as_numeric_array(m, f"images[{i}]", ndim=2, shape_hint="(H, W)").astype(float) for i, m in enumerate(images)
    ]
    heats = [as_numeric_array(m, f"heats[{i}]", ndim=2, shape_hint="(h, w)").astype(float) for i, m in enumerate(heats)]
    for i, heat in enumerate(heats):
        if heat.min() < 0:
            raise ValueError(
                f"heats[{i}] must be >= 0 everywhere (a ReLU'd map or an absolute value), its minimum is {heat.min():g}"
            )
    n = len(images)
    titles = [None] * n if titles is None else titles
    if isinstance(titles, (str, bytes)) or not isinstance(titles, (list, tuple)) or len(titles) != n:
        raise ValueError(f"titles must be None or a list of {n} titles, one per image of images, got {titles!r}")
    titles = [_text(t, f"titles[{i}]") for i, t in enumerate(titles)]
    if extent is not None:
        if not isinstance(extent, (tuple, list)) or len(extent) != 4:
            raise TypeError(f"extent must be (left, right, bottom, top), got {extent!r}")
        extent = tuple(as_number(v, "extent") for v in extent)
    top = max(h.max() for h in heats) if vmax is None else as_number(vmax, "vmax", minimum=0)
    top = top if top > 0 else 1.0  # every map all 0 (or vmax=0): nothing to draw, any scale will do
    label = _text(label, "label")
    if axes is None:
        fig, axes = new_figure(n, 1, size=size)
    if not isinstance(axes, (list, tuple)) or len(axes) != n:
        raise ValueError(f"axes must be None or a list of {n} panels, one per image of images, got {axes!r}")
    axes = [_as_ax(ax) for ax in axes]
    norm = Normalize(vmin=0.0, vmax=top)
    for ax, image, heat, title in zip(axes, images, heats, titles):
        h, w = image.shape
        where = extent if extent is not None else (-0.5, w - 0.5, h - 0.5, -0.5)
        ax.set_facecolor(plt.get_cmap(HEAT)(0.0))  # where a coarser map does not reach: the colour of 0
        ax.imshow(heat, cmap=HEAT, norm=norm, extent=where, interpolation="nearest")
        lo, hi = image.min(), image.max()
        if hi > lo and min(h, w) > 1:  # the image as its outline, half-way between its darkest and brightest pixel
            ax.contour(image, levels=[(lo + hi) / 2], colors=OUTLINE, linewidths=1.2)
        ax.set_xlim(-0.5, w - 0.5)
        ax.set_ylim(h - 0.5, -0.5)
        ax.set_xticks([])
        ax.set_yticks([])
        if title:
            ax.set_title(title, color=TEXT)
    bar = plt.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=HEAT), ax=axes, fraction=0.03, pad=0.02)
    bar.ax.tick_params(labelsize=8)
    if label:
        bar.set_label(label, color=TEXT)
    return bar
