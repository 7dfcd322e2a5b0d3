"""The X/O convnet's whole pipeline in one figure, and local against full connections (lesson 2).

- ``show_xo_pipeline``: image -> the feature maps -> ReLU -> pooled maps -> votes,
  one row per feature, every number as the slides print it (cut to two decimals);
- ``show_local_vs_full``: deck 000's "convolution v.s. fully connected": a 6 x 6
  image flattened to 36 inputs, all 36 wired to one fully connected unit,
  against convolution units wired to their 3 x 3 window only, with the same 9
  weights at every position.

Both draw the arrays they are given (the lesson's own), never typed-in numbers.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.patches import Rectangle

from .. import ops, xo
from ..validate import as_int, as_numeric_array
from .basics import DIVERGING, TEXT, new_figure, show_image, show_matrix
from .describe import describe, describe_values

__all__ = ["printed_labels", "show_xo_pipeline", "local_vs_full_counts", "show_local_vs_full"]


def printed_labels(values) -> list[list[str]]:
    """The cells of a map (rows, cols) as the slides print them: 0 as "0",
    anything else cut (not rounded) to two decimals (``xo.as_printed``: 7/9 -> "0.77")."""
    values = as_numeric_array(values, "values", ndim=2, shape_hint="(rows, cols)").astype(float)
    cut = xo.as_printed(values)
    return [["0" if v == 0 else f"{v:.2f}" for v in row] for row in cut]


def _as_votes(votes) -> dict:
    if not isinstance(votes, Mapping) or not votes:
        raise TypeError(f"votes must be a dict {{class name: score}} such as xo.vote(image) returns, got {votes!r}")
    return {str(name): float(as_numeric_array(score, f"votes[{name!r}]", ndim=0)) for name, score in votes.items()}


def show_xo_pipeline(image, maps, rectified, pooled, votes, feature_names=xo.FEATURE_NAMES):
    """The toy convnet on one page: image -> maps -> ReLU -> pooled -> votes; returns the figure.

    - ``image`` (H, W): the input, drawn with strokes dark;
    - ``maps`` (K, h, w): the K feature maps (``xo.feature_maps``), one row each;
    - ``rectified`` (K, h, w): the maps after ReLU (``ops.relu(maps)``);
    - ``pooled`` (K, ph, pw): the pooled maps (``xo.pooled_features``);
    - ``votes``: {class: score} (``xo.vote``), drawn as bars, the winner's bar dark;
    - ``feature_names``: K names for the rows.

    All maps share one colour scale (blue < 0 < red, a colour bar under
    them).  The maps and their ReLU are drawn as colours (their numbers are
    the lesson's figures of sections 3 and 4); the pooled values and the
    votes carry their numbers, cut to two decimals as the slides print them
    (``printed_labels``, ``xo.as_printed``).
    """
    image = as_numeric_array(image, "image", ndim=2, shape_hint="(H, W)")
    maps = as_numeric_array(maps, "maps", ndim=3, shape_hint="(K, h, w)").astype(float)
    rectified = as_numeric_array(rectified, "rectified", ndim=3, shape_hint="(K, h, w)").astype(float)
    pooled = as_numeric_array(pooled, "pooled", ndim=3, shape_hint="(K, ph, pw)").astype(float)
    if rectified.shape != maps.shape:
        raise ValueError(f"rectified must have the shape of maps {maps.shape}, got {rectified.shape}")
    if pooled.shape[0] != maps.shape[0]:
        raise ValueError(f"pooled must hold one map per feature map of maps ({maps.shape[0]}), got {pooled.shape[0]}")
    if rectified.min() < 0:
        raise ValueError(
            f"rectified must be the maps after ReLU (no negative value), its minimum is {rectified.min():g}"
        )
    votes = _as_votes(votes)
    k = maps.shape[0]
    if not 1 <= k <= 4:
        raise ValueError(f"maps must hold 1 to 4 feature maps to fit one page, got {k}")
    if not isinstance(feature_names, (list, tuple, np.ndarray)) or len(feature_names) != k:
        raise ValueError(f"feature_names must be a list of {k} names, one per map of maps, got {feature_names!r}")
    vmax = float(max(np.abs(maps).max(), np.abs(rectified).max(), np.abs(pooled).max())) or 1.0

    h, w = maps.shape[1:]
    ph, pw = pooled.shape[1:]
    fig, axes = new_figure(5, k, gridspec_kw={"wspace": 0.45, "hspace": 0.35})
    fig.set_size_inches(9.0, 1.7 * k + 1.3)
    grid = axes[0].get_gridspec()
    for ax in axes[0::5] + axes[4::5]:  # the image and the votes span all rows
        ax.remove()
    ax_image = fig.add_subplot(grid[:, 0])
    ax_votes = fig.add_subplot(grid[:, 4])
    show_image(image, f"image, {image.shape[0]} x {image.shape[1]}", ax=ax_image, scaling="inverted")
    ax_image.title.set_fontsize(10)

    headings = (f"{k} feature maps, {h} x {w}", f"ReLU, {h} x {w}", f"max pool, {ph} x {pw}")
    for row in range(k):
        for col, stack in enumerate((maps, rectified), start=1):
            ax = axes[5 * row + col]
            mappable = ax.imshow(stack[row], cmap=DIVERGING, vmin=-vmax, vmax=vmax, interpolation="nearest")
            ax.set_xticks([])
            ax.set_yticks([])
        ax = axes[5 * row + 3]
        show_matrix(pooled[row], ax=ax, labels=printed_labels(pooled[row]), vmax=vmax)
        for t in ax.texts:
            t.set_fontsize(9 if max(ph, pw) <= 4 else 6)
        axes[5 * row + 1].set_xlabel(f"feature: {feature_names[row]}", color=TEXT, fontsize=9, labelpad=2)
    for col, heading in enumerate(headings, start=1):
        axes[col].set_title(heading, color=TEXT, fontsize=10)

    names, scores = list(votes), list(votes.values())
    winner = int(np.argmax(scores))
    ax_votes.bar(range(len(names)), scores, color=["0.25" if i == winner else "0.7" for i in range(len(names))])
    for i, score in enumerate(scores):
        ax_votes.text(i, score, f"{float(xo.as_printed(score)):.2f}", ha="center", va="bottom", fontsize=10, color=TEXT)
    ax_votes.set_xticks(range(len(names)), [f"{name}" for name in names], fontsize=11)
    ax_votes.set_ylim(0, max(1.0, max(scores)) * 1.15)
    ax_votes.set_yticks([0, 0.5, 1])
    ax_votes.tick_params(axis="y", labelsize=8)
    ax_votes.set_title(f"votes: {names[winner]} wins", color=TEXT, fontsize=10)
    ax_votes.set_box_aspect(1.4)
    for side in ("top", "right"):
        ax_votes.spines[side].set_visible(False)

    fig.subplots_adjust(left=0.02, right=0.99, top=0.92, bottom=0.16)
    # arrows in the gaps between the five columns, and one colour scale under the maps
    panels = [ax_image, axes[1], axes[2], axes[3], ax_votes]
    middle = (axes[1].get_position().y1 + axes[5 * (k - 1) + 1].get_position().y0) / 2
    for left, right in zip(panels[:-1], panels[1:]):
        x = (left.get_position().x1 + right.get_position().x0) / 2
        fig.text(x, middle, "→", ha="center", va="center", fontsize=18, color=TEXT)
    x0, x1 = axes[1].get_position().x0, axes[3].get_position().x1
    colour_bar = fig.colorbar(mappable, cax=fig.add_axes((x0, 0.07, x1 - x0, 0.025)), orientation="horizontal")
    colour_bar.set_label("one colour scale for every map: negative blue, 0 white, positive red", fontsize=9)
    colour_bar.ax.tick_params(labelsize=8)
    return fig


def local_vs_full_counts(height, width, size) -> dict:
    """Weights of one layer on an H x W image, fully connected against convolutional.

    A fully connected unit has one weight per input: ``H * W``; a layer of
    such units for an output as big as the convolution's
    (``(H - F + 1) * (W - F + 1)`` cells, stride 1, no padding) has
    ``H * W * outputs``.  A convolution unit sees its F x F window only, and
    every output shares the same ``F * F`` weights.  Biases are not counted.
    """
    height, width = as_int(height, "height", minimum=1), as_int(width, "width", minimum=1)
    size = as_int(size, "size", minimum=1)
    if size > min(height, width):
        raise ValueError(f"size (the window, {size}) must fit the image (height {height} x width {width})")
    outputs = (height - size + 1) * (width - size + 1)
    return {
        "inputs": height * width,
        "outputs": outputs,
        "full_per_unit": height * width,
        "full_layer": height * width * outputs,
        "conv_per_unit": size * size,
        "conv_layer": size * size,
    }


# the output cells' frames (unit 1, 2, 3): greys dark enough for their labels' text (>= 4.5:1 on white)
FRAME_COLOURS = ("black", "0.3", "0.46")
# the nine weights of a 3 x 3 kernel, one colour each: chosen so that every two stay
# >= 26 apart (CIELAB Delta E) under protanopia, deuteranopia and tritanopia, and each
# line has >= 3:1 contrast on white (tests/test_colour.py, docs/colour.md)
_WEIGHT_COLOURS = ["#008eff", "#e37100", "#8e0000", "#7100ff", "#aa7155", "#393971", "#711c39", "#8e8ec6", "#7100aa"]


def _input_column(ax, values, x, title, vmax):
    """The flattened image as a column of numbered dots coloured as ``show_matrix`` colours the pixels."""
    import matplotlib

    cmap = matplotlib.colormaps[DIVERGING]
    n = len(values)
    ys = np.linspace(0.97, 0.03, n)
    colours = [cmap(0.5 + 0.5 * float(np.clip(v, -vmax, vmax)) / vmax) for v in values]
    ax.scatter([x] * n, ys, s=30, c=colours, edgecolors="0.3", linewidths=0.6, zorder=3)
    for i, y in enumerate(ys):
        ax.text(x - 0.03, y, f"{i + 1}", ha="right", va="center", fontsize=7, color=TEXT)
    ax.set_title(title, color=TEXT, fontsize=10)
    return ys


def _unit(ax, x, y, text, gid):
    ax.scatter([x], [y], s=900, c="white", edgecolors="0.2", linewidths=1.5, zorder=3, gid=gid)
    ax.text(x, y, text, ha="center", va="center", fontsize=11, color=TEXT, zorder=4, gid=gid)


def show_local_vs_full(image, kernel, positions=((0, 0), (0, 1))):
    """Deck 000's "convolution v.s. fully connected" drawn; returns the figure.

    - ``image`` (H, W), e.g. the slides' 6 x 6 image of 0s and 1s, flattened in
      reading order to inputs 1 .. H*W;
    - ``kernel`` (F, F), e.g. Filter 1;
    - ``positions``: the output cells (row, col) whose convolution units are drawn.

    Left: the image, each pixel numbered as its input, the windows of
    ``positions`` framed.  Middle: one fully connected unit, wired to all H*W
    inputs.  Right: the convolution units of ``positions``, each wired to the
    F*F inputs of its window; a line's colour says which of the F*F kernel
    weights it carries, the same colours at every position (shared weights).
    Each unit shows its output, ``ops.correlate2d(image, kernel)[position]``.
    Lines carry a ``gid`` "full-in<i>" or "conv<u>-in<i>-w<k>" (input i from 1,
    weight k from 1) so that a test can read what is wired to what.
    """
    image = as_numeric_array(image, "image", ndim=2, shape_hint="(H, W)").astype(float)
    kernel = as_numeric_array(kernel, "kernel", ndim=2, shape_hint="(F, F)").astype(float)
    if kernel.shape[0] != kernel.shape[1]:
        raise ValueError(f"kernel must be square (F, F), got shape {kernel.shape}")
    size = kernel.shape[0]
    h, w = image.shape
    if size > min(h, w):
        raise ValueError(f"kernel ({size} x {size}) must fit in the image ({h} x {w})")
    counts = local_vs_full_counts(h, w, size)
    if counts["inputs"] > 64:
        raise ValueError(f"image must have at most 64 pixels to draw one line per input, got {h} x {w}")
    if len(_WEIGHT_COLOURS) < size * size:
        raise ValueError(f"kernel must be at most 3 x 3 (one colour per weight), got {size} x {size}")
    output = ops.correlate2d(image, kernel)
    if isinstance(positions, (str, bytes)) or not isinstance(positions, (list, tuple)) or not 1 <= len(positions) <= 3:
        raise TypeError(f"positions must be a list of 1 to 3 output cells (row, col), got {positions!r}")
    cells = []
    for p in positions:
        if not (isinstance(p, (list, tuple)) and len(p) == 2):
            raise TypeError(f"positions must hold (row, col) pairs, got {p!r}")
        r = as_int(p[0], "positions row (at most H - F: image and kernel)", minimum=0, maximum=output.shape[0] - 1)
        c = as_int(p[1], "positions col (at most W - F: image and kernel)", minimum=0, maximum=output.shape[1] - 1)
        cells.append((r, c))
    flat = image.ravel()

    fig, (ax_img, ax_full, ax_conv) = new_figure(3, 1, gridspec_kw={"width_ratios": [1.0, 1.05, 1.05]})
    fig.set_size_inches(9.0, 5.6)
    index = np.arange(1, h * w + 1).reshape(h, w)
    vmax = float(np.abs(image).max()) or 1.0
    show_matrix(image, f"{h} x {w} image, its pixels numbered", ax=ax_img, labels=index.astype(str).tolist())
    ax_img.title.set_fontsize(10)
    frame_colours, frame_styles = FRAME_COLOURS, ["-", "--", ":"]
    for u, (r, c) in enumerate(cells):
        inset = 0.07 * u
        ax_img.add_patch(
            Rectangle(
                (c - 0.5 + inset, r - 0.5 + inset),
                size - 2 * inset,
                size - 2 * inset,
                fill=False,
                edgecolor=frame_colours[u],
                linestyle=frame_styles[u],
                linewidth=3,
            )
        )
    ax_img.set_xlabel(
        f"flattened in reading order:\n{counts['inputs']} inputs (dark: 1, white: 0)",
        color=TEXT,
        fontsize=9,
    )

    for ax in (ax_full, ax_conv):
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("auto")
        ax.axis("off")
    ys = _input_column(
        ax_full,
        flat,
        0.12,
        vmax=vmax,
        title=f"fully connected: {counts['full_per_unit']} weights\nfor one unit; for {counts['outputs']} units "
        f"{counts['full_per_unit']} × {counts['outputs']} = {counts['full_layer']}",
    )
    for i, y in enumerate(ys):
        ax_full.plot([0.12, 0.8], [y, 0.5], color="0.45", linewidth=0.6, gid=f"full-in{i + 1}")
    _unit(ax_full, 0.8, 0.5, "", "full-unit")

    ys = _input_column(
        ax_conv,
        flat,
        0.12,
        vmax=vmax,
        title=f"convolution: {counts['conv_per_unit']} connections a unit,\n"
        f"the same {counts['conv_layer']} weights at all {counts['outputs']} positions",
    )
    unit_ys = np.linspace(0.8, 0.45, len(cells)) if len(cells) > 1 else [0.6]
    for u, ((r, c), uy) in enumerate(zip(cells, unit_ys)):
        for a in range(size):
            for b in range(size):
                i = (r + a) * w + (c + b)  # the input under kernel weight (a, b)
                weight = a * size + b
                ax_conv.plot(
                    [0.12, 0.8],
                    [ys[i], uy],
                    color=_WEIGHT_COLOURS[weight],
                    linewidth=1.3,
                    gid=f"conv{u}-in{i + 1}-w{weight + 1}",
                )
        _unit(ax_conv, 0.8, uy, f"{output[r, c]:g}", f"conv{u}-unit")
        ax_conv.text(0.8, uy - 0.06, f"output ({r}, {c})", ha="center", va="top", fontsize=9, color=frame_colours[u])
    # the kernel's weights in their lines' colours: the legend of the colours
    ax_conv.text(0.72, 0.23, "the weights,\none colour each:", ha="center", va="bottom", fontsize=9, color=TEXT)
    for a in range(size):
        for b in range(size):
            x, y = 0.72 + 0.14 * (b - (size - 1) / 2), 0.18 - 0.06 * a
            # a swatch of the weight's line colour, its value in black beside it
            ax_conv.plot(
                [x - 0.075, x - 0.045],
                [y, y],
                color=_WEIGHT_COLOURS[a * size + b],
                linewidth=3,
                gid=f"swatch{a * size + b + 1}",
            )
            ax_conv.text(
                x - 0.03,
                y,
                f"{kernel[a, b]:g}",
                ha="left",
                va="center",
                fontsize=11,
                fontweight="bold",
                color=TEXT,
                gid=f"weight{a * size + b + 1}",
            )
    fig.tight_layout()
    units = "; ".join(f"output ({r}, {c}) = {output[r, c]:g}" for r, c in cells)
    describe(
        fig,
        f"A {h} x {w} image, its {counts['inputs']} pixels numbered in reading order (non-zero: "
        f"{', '.join(str(i + 1) for i in np.flatnonzero(flat)) or 'none'}). Fully connected: "
        f"each unit has {counts['full_per_unit']} weights, one per pixel; {counts['outputs']} units need "
        f"{counts['full_layer']}. Convolution: each unit is wired to the {counts['conv_per_unit']} pixels under its "
        f"window, with the same {counts['conv_layer']} weights at every position (the kernel, by row: "
        f"{'; '.join(describe_values(row) for row in kernel)}); {units}.",
    )
    return fig
