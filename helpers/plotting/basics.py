"""The basic figures: images, grids, slide-style matrices, kernels, bars, curves.

Every function draws into a Matplotlib figure with an opaque white
background, so it reads the same on JupyterLab's light and dark themes (the
notebook's inline backend otherwise makes figures transparent, and black
labels vanish on a dark theme).  Functions that draw one panel take an
optional ``ax`` and return it; functions that draw several return the figure.

Colour conventions, as on the slides:

- photos and feature maps: grey scale;
- matrices and kernels: a number in every cell, a diverging blue-white-red map
  centred on 0 (negative blue, zero white, positive red).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb

from ..presenter import apply_from_env
from ..validate import as_bool, as_int, as_number, as_numeric_array
from .describe import describe

__all__ = [
    "BACKGROUND",
    "TEXT",
    "DIVERGING",
    "SCALINGS",
    "MAX_PANELS",
    "new_figure",
    "scale_for_display",
    "show_image",
    "show_heatmap",
    "show_images",
    "show_patch",
    "show_matrix",
    "format_number",
    "text_colour_on",
    "kernel_labels",
    "show_kernel",
    "show_filtering",
    "show_grouped_bars",
    "show_curves",
    "confusion_matrix",
    "show_confusion_matrix",
    "show_history",
]

apply_from_env()  # COURSE_PRESENTER=1: projector-sized fonts and figures

BACKGROUND = "white"
TEXT = "black"
DIVERGING = "RdBu_r"
# series colours that stay apart under protanopia, deuteranopia and tritanopia
# (Okabe-Ito blue, orange, bluish green, reddish purple; docs/colour.md), with a
# marker and a dash each, so that no series is told apart by colour alone
SERIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")
SERIES_STYLES = (("o", "-"), ("s", "--"), ("^", "-."), ("D", ":"))
HEAT_OVERLAY = "YlOrRd_r"  # show_heatmap: dark red (weak) ... pale yellow (strong), its lightness rising throughout
DARK_CELL = 0.179  # relative luminance below which white text on a cell has more contrast than black (WCAG 2.1)


def text_colour_on(face) -> str:
    """The text colour for a cell of colour ``face``: white on a dark cell
    (relative luminance < 0.179, where white's contrast passes black's), else TEXT."""
    rgb = np.asarray(to_rgb(face))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return "white" if float(linear @ [0.2126, 0.7152, 0.0722]) < DARK_CELL else TEXT


SCALINGS = ("symmetric", "min-max", "absolute", "inverted", "clip")
MAX_PANELS = 200  # more panels in one figure take minutes to draw and cannot be read


def new_figure(ncols=1, nrows=1, size=3.0, **kwargs):
    """A figure with ``nrows x ncols`` panels of ``size`` inches, white background.

    At most ``MAX_PANELS`` panels, each up to 50 inches.
    Returns ``(fig, axes)`` with ``axes`` always a flat list.
    """
    ncols = as_int(ncols, "ncols", minimum=1)
    nrows = as_int(nrows, "nrows", minimum=1)
    if ncols * nrows > MAX_PANELS:
        raise ValueError(f"ncols x nrows must be at most {MAX_PANELS} panels, got {ncols} x {nrows}")
    size = as_number(size, "size (inches)", minimum=0.1, maximum=50)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(size * ncols, size * nrows), facecolor=BACKGROUND, squeeze=False, **kwargs
    )
    return fig, list(axes.ravel())


def _new_ax(ax, size=3.0):
    if ax is not None:
        return _as_ax(ax)
    return new_figure(1, 1, size)[1][0]


def _as_ax(ax):
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a Matplotlib Axes (one panel of a figure) or None, got {ax!r}")
    return ax


def _as_scaling(scaling, name="scaling"):
    """None (draw the values as they are) or one of SCALINGS."""
    if scaling is not None and (not isinstance(scaling, str) or scaling not in SCALINGS):
        raise ValueError(f"{name} must be None or one of {SCALINGS}, got {scaling!r}")
    return scaling


def _text(value, name):
    """A title or axis label: None, a string, or a number (e.g. a class label) written as text."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (numbers.Real, np.number)) and not isinstance(value, (bool, np.bool_)):
        return str(value)
    raise TypeError(f"{name} must be a string or None, got {value!r}")


def _as_texts(texts, name, count):
    """A list or tuple of ``count`` titles (see ``_text``)."""
    if isinstance(texts, (str, bytes)) or not isinstance(texts, (list, tuple)):
        raise TypeError(f"{name} must be a list with one title per panel, got {texts!r}")
    if len(texts) != count:
        raise ValueError(f"{name} must have {count} entries, got {len(texts)}")
    return [_text(t, f"{name}[{i}]") for i, t in enumerate(texts)]


def scale_for_display(values, mode="min-max"):
    """Map an array of any range to grey levels 0..255 (uint8) for display.

    ``mode``:

    - ``"symmetric"``: 0 is mid-grey, -m black, +m white, m = max |value|.
      The fair view of a filter response with signs (edges both ways).
    - ``"min-max"``: the smallest value black, the largest white.
    - ``"absolute"``: |value|, 0 black, the largest white (edge strength).
    - ``"inverted"``: min-max, then dark and light swapped (the slides'
      "inverted for visualisation": strong responses drawn dark on white).
    - ``"clip"``: values used as grey levels directly, cut to 0..255.

    A constant array is drawn mid-grey (0 in symmetric mode) instead of
    dividing by zero.
    """
    values = as_numeric_array(values, "values", ndim=2, shape_hint="(H, W)").astype(np.float64)
    if not isinstance(mode, str) or mode not in SCALINGS:
        raise ValueError(f"mode must be one of {SCALINGS}, got {mode!r}")
    if mode == "clip":
        return np.clip(values, 0, 255).astype(np.uint8)
    if mode == "symmetric":
        m = np.max(np.abs(values))
        scaled = 0.5 + 0.5 * values / m if m > 0 else np.full_like(values, 0.5)
    else:
        if mode == "absolute":
            values = np.abs(values)
        lo, hi = (0.0, values.max()) if mode == "absolute" else (values.min(), values.max())
        scaled = (values - lo) / (hi - lo) if hi > lo else np.full_like(values, 0.5)
        if mode == "inverted":
            scaled = 1 - scaled
    return np.round(scaled * 255).astype(np.uint8)


def show_image(image, title=None, ax=None, scaling=None, size=3.0):
    """Draw one grey-scale image (H, W) without axes ticks.

    ``scaling``: None draws the values as they are with a grey colour map
    (0..255 for uint8 photos, min..max otherwise); a mode name from
    ``scale_for_display`` rescales first.
    """
    image = as_numeric_array(image, "image", ndim=2, shape_hint="(H, W)")
    title = _text(title, "title")
    scaling = _as_scaling(scaling)
    ax = _new_ax(ax, size)
    if scaling is not None:
        ax.imshow(scale_for_display(image, scaling), cmap="gray", vmin=0, vmax=255, interpolation="nearest")
    elif image.dtype == np.uint8:
        ax.imshow(image, cmap="gray", vmin=0, vmax=255, interpolation="nearest")
    else:
        ax.imshow(image, cmap="gray", interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, color=TEXT)
    kind = "grey image" if image.dtype == np.uint8 else "grey map"
    low, high = (f"{float(v):.3g}" for v in (image.min(), image.max()))
    describe(ax, f"{title + ': ' if title else ''}a {image.shape[0]} x {image.shape[1]} {kind}, values {low} to {high}")
    return ax


def show_heatmap(image, heat, title=None, ax=None, extent=None, size=3.0):
    """Draw a grey image (H, W), dimmed, with a heat map (h, w) of values >= 0 over it.

    Each heat cell is drawn in red to yellow and the more opaque the larger
    its value: 0 is fully transparent, and the top 1% of the non-zero values
    (a few extreme cells would otherwise make all others look faint) are
    drawn fully strong.  ``extent`` = (left, right, bottom, top) places a
    coarser map in the image's pixel coordinates (pixel j spans j - 0.5 to
    j + 0.5); by default it covers the whole image.
    """
    image = as_numeric_array(image, "image", ndim=2, shape_hint="(H, W)")
    heat = as_numeric_array(heat, "heat", ndim=2, shape_hint="(h, w)").astype(float)
    if heat.min() < 0:
        raise ValueError(
            f"heat must be >= 0 everywhere (a ReLU'd map or an absolute value), its minimum is {heat.min():g}"
        )
    h, w = image.shape
    if extent is None:
        extent = (-0.5, w - 0.5, h - 0.5, -0.5)
    if not isinstance(extent, (tuple, list)) or len(extent) != 4:
        raise TypeError(f"extent must be (left, right, bottom, top), got {extent!r}")
    extent = tuple(as_number(v, "extent") for v in extent)
    title = _text(title, "title")
    ax = _new_ax(ax, size)
    ax.imshow(
        scale_for_display(image, "min-max"), cmap="gray", vmin=0, vmax=255 / 0.4, interpolation="nearest"
    )  # 40% bright
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, color=TEXT)
    top = np.percentile(heat[heat > 0], 99) if heat.max() > 0 else 1.0
    strength = np.clip(heat / top, 0, 1)
    colours = plt.get_cmap(HEAT_OVERLAY)(strength)  # dark red (weak) ... pale yellow (strong)
    colours[..., 3] = 0.9 * strength
    ax.imshow(colours, extent=extent, interpolation="nearest")
    ax.set_xlim(-0.5, w - 0.5)
    ax.set_ylim(h - 0.5, -0.5)
    return ax


def show_images(
    images,
    titles=None,
    ncols=None,
    scaling=None,
    size=3.0,
    vmin=None,
    vmax=None,
    colorbar=False,
    colorbar_label=None,
    cmap="gray",
):
    """Draw several grey-scale images in a grid; returns the figure.

    ``images``: a list of (H, W) arrays (sizes may differ) or an (N, H, W) array.
    ``titles``: one per image (or None).  ``ncols`` defaults to all in one row,
    at most 6.  ``scaling`` as in ``show_image``: one mode for every panel,
    or a list with one mode (or None) per image.

    Comparing tiles: ``vmin``/``vmax`` put every panel on **one colour scale**
    (value vmin drawn black, vmax white, values beyond them the end colours),
    so the same grey means the same number in every tile; ``colorbar=True``
    adds one colour bar for the figure, labelled ``colorbar_label``.  Without
    vmin/vmax a colour bar takes the scale from all images together (their
    smallest and largest value; 0..255 for uint8 photos), or, with
    ``scaling="clip"``, the grey levels 0..255.  A shared scale and a
    per-panel ``scaling`` exclude each other.  ``cmap``: a Matplotlib colour
    map name for the shared scale (``"gray_r"``: dark = large).
    """
    if isinstance(images, np.ndarray):
        images = list(as_numeric_array(images, "images", ndim=3, shape_hint="(N, H, W)"))
    elif isinstance(images, (list, tuple)):
        images = [
            as_numeric_array(image, f"images[{i}]", ndim=2, shape_hint="(H, W)") for i, image in enumerate(images)
        ]
    else:
        raise TypeError(f"images must be a list of (H, W) arrays or an (N, H, W) array, got {images!r}")
    if not images:
        raise ValueError("images must contain at least one image")
    if titles is not None:
        if isinstance(titles, (str, bytes)) or not isinstance(titles, (list, tuple)):
            raise TypeError(f"titles must be a list with one title per image, got {titles!r}")
        if len(titles) != len(images):
            raise ValueError(f"titles must have one entry per image: {len(titles)} titles for {len(images)} images")
        titles = [_text(t, f"titles[{i}]") for i, t in enumerate(titles)]
    scalings = list(scaling) if isinstance(scaling, (list, tuple)) else [scaling] * len(images)
    if len(scalings) != len(images):
        raise ValueError(f"scaling must be one mode or one per image: {len(scalings)} for {len(images)} images")
    scalings = [_as_scaling(mode) for mode in scalings]
    colorbar = as_bool(colorbar, "colorbar")
    colorbar_label = _text(colorbar_label, "colorbar_label")
    shared = _shared_scale(images, scalings, vmin, vmax, colorbar)
    if not isinstance(cmap, str) or cmap not in plt.colormaps():
        raise ValueError(f"cmap must be the name of a Matplotlib colour map such as 'gray' or 'gray_r', got {cmap!r}")
    if cmap != "gray" and shared is None:
        raise ValueError("cmap applies to a shared colour scale: give vmin and vmax, or colorbar=True")
    ncols = min(len(images), 6) if ncols is None else as_int(ncols, "ncols", minimum=1)
    nrows = math.ceil(len(images) / ncols)
    fig, axes = new_figure(ncols, nrows, size)
    for i, ax in enumerate(axes):
        if i >= len(images):
            ax.axis("off")
        elif shared is None:
            show_image(images[i], titles[i] if titles else None, ax=ax, scaling=scalings[i])
        else:
            shown = scale_for_display(images[i], "clip") if scalings[i] == "clip" else images[i]
            # antialiased: a 512-pixel photo in a 250-pixel panel keeps its thin lines
            ax.imshow(shown, cmap=cmap, vmin=shared[0], vmax=shared[1], interpolation="antialiased")
            ax.set_xticks([])
            ax.set_yticks([])
            if titles and titles[i]:
                ax.set_title(titles[i], color=TEXT)
    # with a colour bar: room on the right for it, its ticks and its label
    fig.tight_layout(rect=(0, 0, 0.9, 1) if colorbar else None)
    if colorbar:
        bar = fig.colorbar(axes[0].images[0], ax=axes[: len(images)], fraction=0.05, pad=0.02, shrink=0.9)
        if colorbar_label:
            bar.set_label(colorbar_label, color=TEXT)
        bar.ax.tick_params(colors=TEXT)
    return fig


def _shared_scale(images, scalings, vmin, vmax, colorbar):
    """(lo, hi) of the one colour scale all panels share, or None (each panel its own)."""
    if (vmin is None) != (vmax is None):
        raise ValueError("vmin and vmax must be given together (one colour scale for every panel), or neither")
    if vmin is not None:
        lo, hi = as_number(vmin, "vmin"), as_number(vmax, "vmax")
        if not hi > lo:
            raise ValueError(f"vmax must be larger than vmin, got vmin={lo:g}, vmax={hi:g}")
        if any(mode is not None for mode in scalings):
            raise ValueError("scaling must be None with vmin/vmax: a shared colour scale draws the values as they are")
        return lo, hi
    if not colorbar:
        return None
    if all(mode == "clip" for mode in scalings):
        return 0.0, 255.0
    if any(mode is not None for mode in scalings):
        raise ValueError(
            "colorbar needs one colour scale for every panel: give vmin and vmax, "
            "or scaling None (the images' own values) or 'clip' (grey levels 0..255)"
        )
    if all(image.dtype == np.uint8 for image in images):
        return 0.0, 255.0
    lo = min(float(np.min(image)) for image in images)
    hi = max(float(np.max(image)) for image in images)
    return (lo, hi) if hi > lo else (lo - 0.5, lo + 0.5)


def _cell_text(value, fmt):
    if fmt is None and float(value).is_integer():
        return str(int(value))
    text = format(value, fmt if fmt is not None else ".2f")
    # -0.001 printed as "-0.00" would suggest a sign that does not matter
    return text[1:] if text.startswith("-") and not any(ch in "123456789" for ch in text) else text


def show_patch(image, top, left, size=8, title="photo"):
    """Zoom in: the photo with a red square on the left, that square's pixels
    with their numbers on the right (grey levels 0 = black .. 255 = white).
    Returns the figure."""
    from matplotlib.patches import Rectangle

    image = as_numeric_array(image, "image", ndim=2, shape_hint="(H, W)")
    top, left = as_int(top, "top", minimum=0), as_int(left, "left", minimum=0)
    size = as_int(size, "size", minimum=1)
    title = _text(title, "title")
    if top + size > image.shape[0] or left + size > image.shape[1]:
        raise ValueError(
            f"the size={size} patch at top={top}, left={left} does not fit in an image of shape {image.shape}: "
            f"top + size must be <= {image.shape[0]} and left + size <= {image.shape[1]}"
        )
    patch = image[top : top + size, left : left + size]
    fig, (ax_photo, ax_patch) = new_figure(2, 1, size=4.2)
    show_image(image, title, ax=ax_photo)
    ax_photo.add_patch(Rectangle((left - 0.5, top - 0.5), size, size, fill=False, edgecolor="red", linewidth=2))
    ax_patch.imshow(patch, cmap="gray", vmin=0, vmax=255, interpolation="nearest")
    for i in range(size):
        for j in range(size):
            value = patch[i, j]
            ax_patch.text(
                j,
                i,
                _cell_text(value, None),
                ha="center",
                va="center",
                fontsize=8,
                color="black" if value > 127 else "white",
            )
    ax_patch.set_xticks([])
    ax_patch.set_yticks([])
    ax_patch.set_title(f"rows {top}-{top + size - 1}, columns {left}-{left + size - 1}", color=TEXT)
    return fig


def show_matrix(matrix, title=None, ax=None, fmt=None, labels=None, cell_size=0.55, vmax=None):
    """Draw a small matrix the way the slides do: its number in every cell.

    Colours: blue for negative, white for 0, red for positive, on a scale
    symmetric about 0 (``vmax`` = max |value| unless given), so the same
    colour always means the same sign.  Text is black on light cells and
    white on dark ones.

    ``fmt``: a format spec such as ``".2f"``; by default whole numbers print as
    integers and others with two decimals.  ``labels``: optional (rows, cols)
    of strings to print instead of numbers (e.g. fractions).
    """
    matrix = as_numeric_array(matrix, "matrix", ndim=2, shape_hint="(rows, cols)").astype(np.float64)
    rows, cols = matrix.shape
    title = _text(title, "title")
    if fmt is not None:
        try:
            format(1.5, fmt)
        except (TypeError, ValueError):
            raise ValueError(f"fmt must be a format spec for numbers such as '.2f' or 'g', got {fmt!r}") from None
    if labels is not None:
        labels = _as_labels(labels, rows, cols)
    cell_size = as_number(cell_size, "cell_size (inches)", positive=True, maximum=5)
    ax = _new_ax(ax, size=min(max(cell_size * max(rows, cols), 1.5), 50))
    vmax = float(np.max(np.abs(matrix))) if vmax is None else as_number(vmax, "vmax")
    vmax = vmax if vmax > 0 else 1.0
    # values beyond +-vmax get the end colours (clipped first: no overflow for a tiny vmax)
    image = ax.imshow(np.clip(matrix, -vmax, vmax), cmap=DIVERGING, vmin=-vmax, vmax=vmax, interpolation="nearest")
    faces = image.to_rgba(image.get_array())
    texts = [
        [labels[i][j] if labels is not None else _cell_text(matrix[i, j], fmt) for j in range(cols)]
        for i in range(rows)
    ]
    longest = max(len(t) for row in texts for t in row)
    # smaller type for bigger grids and longer numbers, so every number fits its cell
    fontsize = 11 if max(rows, cols) <= 5 else (9 if max(rows, cols) <= 7 else 7)
    if longest >= 5 and max(rows, cols) > 4:
        fontsize -= 2
    for i in range(rows):
        for j in range(cols):
            text = texts[i][j]
            colour = text_colour_on(faces[i, j, :3])  # white on a dark cell
            ax.text(j, i, text, ha="center", va="center", fontsize=fontsize, color=colour)
    # thin grid lines between cells
    ax.set_xticks(np.arange(-0.5, cols, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, rows, 1), minor=True)
    ax.grid(which="minor", color="0.6", linewidth=0.8)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    if title:
        ax.set_title(title, color=TEXT)
    return ax


def _as_labels(labels, rows, cols) -> list[list[str]]:
    """``rows`` lists of ``cols`` cell texts (anything else is refused)."""

    def is_list(value):
        return isinstance(value, (list, tuple, np.ndarray)) and not isinstance(value, (str, bytes))

    if not (is_list(labels) and len(labels) == rows and all(is_list(row) and len(row) == cols for row in labels)):
        raise ValueError(f"labels must be {rows} rows of {cols} texts, one per cell of the matrix, got {labels!r}")
    return [[str(text) for text in row] for row in labels]


def format_number(value: float) -> str:
    """One kernel weight as text: an integer, a short fraction ("1/9") or a decimal."""
    value = as_number(value, "value")
    frac = Fraction(float(value)).limit_denominator(1000)
    if frac.denominator == 1:
        return str(frac.numerator)
    if abs(float(frac) - value) < 1e-12:
        return f"{frac.numerator}/{frac.denominator}"
    return f"{value:g}"


def kernel_labels(kernel) -> list[list[str]]:
    """The weights of a kernel as text, fractions over one common denominator.

    The slides' Gaussian reads ``1/74 ... 6/74`` (not 3/37), the box filter
    ``1/9``, integer kernels plain integers; anything else falls back to
    ``format_number`` cell by cell.
    """
    kernel = as_numeric_array(kernel, "kernel", ndim=2, shape_hint="(F, F)").astype(float)
    for denominator in range(1, 1001):
        numerators = kernel * denominator
        if np.allclose(numerators, np.round(numerators), rtol=0, atol=1e-9):
            if denominator == 1:
                return [[str(int(round(v))) for v in row] for row in kernel]
            return [[f"{int(round(v))}/{denominator}" if round(v) else "0" for v in row] for row in numerators]
    return [[format_number(v) for v in row] for row in kernel]


def show_kernel(kernel, title="kernel", ax=None):
    """Draw a convolution kernel as a slide-style matrix (fractions where needed)."""
    kernel = as_numeric_array(kernel, "kernel", ndim=2, shape_hint="(F, F)")
    return show_matrix(kernel, title=title, ax=ax, labels=kernel_labels(kernel))


def show_filtering(image, kernel, output, titles=("input", "kernel", "output"), scaling="symmetric", size=3.2):
    """Input -> kernel -> output, side by side; returns the figure.

    The output is drawn with ``scaling`` (see ``scale_for_display``), by
    default symmetric about 0 so that responses of both signs show.
    """
    image = as_numeric_array(image, "image", ndim=2, shape_hint="(H, W)")
    kernel = as_numeric_array(kernel, "kernel", ndim=2, shape_hint="(F, F)")
    output = as_numeric_array(output, "output", ndim=2, shape_hint="(H2, W2)")
    titles = _as_texts(titles, "titles", 3)
    _as_scaling(scaling)
    fig, axes = new_figure(3, 1, size)
    show_image(image, titles[0], ax=axes[0])
    show_kernel(kernel, titles[1], ax=axes[1])
    show_image(output, titles[2], ax=axes[2], scaling=scaling)
    for left, right in [(axes[0], axes[1]), (axes[1], axes[2])]:
        fig.text(
            (left.get_position().x1 + right.get_position().x0) / 2,
            0.5,
            "→",
            ha="center",
            va="center",
            fontsize=20,
            color=TEXT,
        )
    return fig


def show_grouped_bars(values, categories, title=None, ylabel=None, ax=None):
    """Bar chart of several feature vectors side by side.

    ``values``: a dict {group name: vector of len(categories)}, e.g. the
    mean |response| of each filter for each texture.
    """
    title, ylabel = _text(title, "title"), _text(ylabel, "ylabel")
    if not isinstance(values, Mapping):
        raise TypeError(f"values must be a dict {{group name: vector}}, got {values!r}")
    if not values:
        raise ValueError("values must contain at least one group")
    if isinstance(categories, (str, bytes)) or not isinstance(categories, (list, tuple, np.ndarray)):
        raise TypeError(f"categories must be a list of names, got {categories!r}")
    groups = list(values)
    vectors = [as_numeric_array(values[g], f"values[{g!r}]", ndim=1) for g in groups]
    for g, v in zip(groups, vectors):
        if len(v) != len(categories):
            raise ValueError(f"values[{g!r}] has {len(v)} entries but there are {len(categories)} categories")
    if ax is None:
        fig, (ax,) = new_figure(1, 1)
        fig.set_size_inches(7, 3.5)
    _as_ax(ax)
    width = 0.8 / len(groups)
    x = np.arange(len(categories))
    for k, (g, v) in enumerate(zip(groups, vectors)):
        colour = SERIES[k % len(SERIES)]
        hatch = (None, "//", "..", "xx")[k % len(SERIES)]  # the pattern tells groups apart without colour
        ax.bar(x + (k - (len(groups) - 1) / 2) * width, v, width, label=g, color=colour, hatch=hatch, edgecolor="white")
    long_labels = max(len(str(c)) for c in categories) > 6
    ax.set_xticks(x, categories, color=TEXT, rotation=30 if long_labels else 0, ha="right" if long_labels else "center")
    if ylabel:
        ax.set_ylabel(ylabel, color=TEXT)
    if title:
        ax.set_title(title, color=TEXT)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.figure.tight_layout()
    return ax


def show_curves(curves, title=None, xlabel="epoch", ylabel=None, ax=None, log=False):
    """Line plot of one or more curves, e.g. ``{"training loss": losses}``."""
    if not isinstance(curves, Mapping):
        raise TypeError(f"curves must be a dict {{name: values}}, got {curves!r}")
    if not curves:
        raise ValueError("curves must contain at least one curve")
    curves = {name: as_numeric_array(ys, f"curves[{name!r}]", ndim=1) for name, ys in curves.items()}
    title, xlabel, ylabel = _text(title, "title"), _text(xlabel, "xlabel"), _text(ylabel, "ylabel")
    log = as_bool(log, "log")
    ax = _new_ax(ax, size=3.5)
    ax.figure.set_size_inches(6, 3.5)
    for k, (name, ys) in enumerate(curves.items()):
        marker, dash = SERIES_STYLES[k % len(SERIES)]
        ax.plot(
            np.arange(1, len(ys) + 1),
            ys,
            marker=marker if len(ys) <= 30 else None,
            linestyle=dash,
            color=SERIES[k % len(SERIES)],
            label=name,
        )
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel, color=TEXT)
    if ylabel:
        ax.set_ylabel(ylabel, color=TEXT)
    if title:
        ax.set_title(title, color=TEXT)
    ax.grid(alpha=0.3)
    ax.legend()
    ax.figure.tight_layout()
    return ax


def _labels(y, name, n_classes, last="n_classes - 1") -> np.ndarray:
    """Class labels (any shape, e.g. (N,) or Keras' (N, 1)) as a flat int array."""
    y = as_numeric_array(y, name).reshape(-1).astype(np.float64)
    if np.any(y != np.round(y)) or np.any(y < 0) or np.any(y >= n_classes):
        raise ValueError(f"{name} must contain whole-number class labels from 0 to {last} = {n_classes - 1}")
    return y.astype(int)


def confusion_matrix(y_true, y_pred, n_classes=10) -> np.ndarray:
    """Counts (n_classes, n_classes): row = true class, column = predicted class.

    Labels are whole numbers 0 .. n_classes - 1; ``n_classes`` is 1 to 1000.
    """
    n_classes = as_int(n_classes, "n_classes", minimum=1, maximum=1000)
    y_true = _labels(y_true, "y_true", n_classes)
    y_pred = _labels(y_pred, "y_pred", n_classes)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred must have the same length, got {len(y_true)} and {len(y_pred)}")
    matrix = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix


def show_confusion_matrix(y_true, y_pred, class_names=None, title="confusion matrix", ax=None):
    """Draw the confusion matrix: counts in every cell, darker = more.
    Rows are the true classes, columns the predictions; the diagonal is right."""
    title = _text(title, "title")
    if class_names is not None:
        if isinstance(class_names, (str, bytes)) or not isinstance(class_names, (list, tuple, np.ndarray)):
            raise TypeError(f"class_names must be a list of names, got {class_names!r}")
        if not 1 <= len(class_names) <= 100:
            raise ValueError(f"class_names must have 1 to 100 names, got {len(class_names)}")
        class_names = [str(name) for name in class_names]
    n = len(class_names) if class_names is not None else 10
    last = "len(class_names) - 1" if class_names is not None else "9 (give class_names for other classes)"
    matrix = confusion_matrix(_labels(y_true, "y_true", n, last), _labels(y_pred, "y_pred", n, last), n)
    if ax is None:
        fig, (ax,) = new_figure(1, 1, size=min(0.55 * n + 1.5, 50))
    _as_ax(ax)
    image = ax.imshow(matrix, cmap="Blues", interpolation="nearest")
    faces = image.to_rgba(image.get_array())
    for i in range(n):
        for j in range(n):
            ax.text(
                j,
                i,
                str(matrix[i, j]),
                ha="center",
                va="center",
                fontsize=8,
                color=text_colour_on(faces[i, j, :3]),
            )
    names = class_names if class_names is not None else [str(i) for i in range(n)]
    ax.set_xticks(
        range(n),
        names,
        rotation=45 if max(len(s) for s in names) > 2 else 0,
        ha="right" if max(len(s) for s in names) > 2 else "center",
    )
    ax.set_yticks(range(n), names)
    ax.set_xlabel("predicted", color=TEXT)
    ax.set_ylabel("true", color=TEXT)
    ax.set_title(title, color=TEXT)
    ax.figure.tight_layout()
    describe(ax, _confusion_text(matrix, names, title))
    return ax


def _confusion_text(matrix, names, title) -> str:
    """The accuracy and the three largest confusions, for a screen reader."""
    total = int(matrix.sum())
    accuracy = np.trace(matrix) / total if total else 0.0
    off = [(int(matrix[i, j]), names[i], names[j]) for i in range(len(names)) for j in range(len(names)) if i != j]
    largest = [
        f"{true} taken for {pred} {count} time" + "s" * (count > 1)
        for count, true, pred in sorted(off, key=lambda c: -c[0])[:3]
        if count
    ]
    confusions = "; largest confusions: " + ", ".join(largest) if largest else "; no confusions"
    return f"{title}: {len(names)} classes, {total} examples, accuracy {accuracy:.1%}{confusions}"


# The names Keras gives an accuracy metric in a History, the slides' first.
ACCURACY_KEYS = ("categorical_accuracy", "accuracy", "sparse_categorical_accuracy")


def show_history(history, title=None):
    """Loss and accuracy per epoch, training and validation, from ``model.fit``'s
    History (or its ``.history`` dict); returns the figure.  The accuracy is
    whichever Keras metric was asked for: "accuracy", "categorical_accuracy"
    (the slides' choice) or "sparse_categorical_accuracy"."""
    title = _text(title, "title")
    logs = getattr(history, "history", history)
    if not isinstance(logs, Mapping):
        raise TypeError(f"history must be what model.fit returns (a History) or its .history dict, got {history!r}")
    logs = {
        key: as_numeric_array(values, f"history[{key!r}]", ndim=1)
        for key, values in logs.items()
        if key in ("loss", "val_loss") or (isinstance(key, str) and key.removeprefix("val_") in ACCURACY_KEYS)
    }
    accuracy = next((key for key in ACCURACY_KEYS if key in logs or f"val_{key}" in logs), "accuracy")
    fig, axes = new_figure(2, 1, size=3.4)
    fig.set_size_inches(9, 3.2)
    for ax, (metric, key) in zip(axes, (("loss", "loss"), ("accuracy", accuracy))):
        curves = {name: logs[k] for name, k in (("training", key), ("validation", f"val_{key}")) if k in logs}
        if curves:
            show_curves(curves, ax=ax, ylabel=metric, title=metric)
    if title:
        fig.suptitle(title, color=TEXT)
    fig.tight_layout()
    return fig
