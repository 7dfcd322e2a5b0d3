"""Colour channels, volumetric filters and what deeper layers see (lessons 5 and 6).

- ``channel_colours``: a photo's channel c drawn in its own colour (red in
  shades of red: the value in channel c, 0 in the others);
- ``show_channels``: a colour photo and its three channels, each in its colour;
- ``show_volume_filter``: one F x F x 3 filter on a photo: its three slices,
  each slice's map on its channel, and their sum plus the bias, the layer's map;
- ``show_layer_fields``: one digit and, for each layer, one map with a unit
  marked and that unit's receptive field drawn on the digit;
- ``show_top_patches``: for some filters of some layers, the digits that
  excite each filter most, with the square of pixels its unit sees.

Every figure is drawn from the arrays the lesson computed; nothing here
computes a convolution.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from ..validate import as_int, as_number, as_numeric_array
from .basics import BACKGROUND, DIVERGING, TEXT, _as_texts, _text, new_figure

__all__ = [
    "CHANNEL_NAMES",
    "channel_colours",
    "show_channels",
    "show_volume_filter",
    "show_layer_fields",
    "show_top_patches",
]

CHANNEL_NAMES = ("red", "green", "blue")
_BOX = "#ff2a2a"  # the receptive-field squares: a red that stands out on grey digits


def _as_photo(photo, name="photo") -> np.ndarray:
    """(H, W, 3) values 0..255 (uint8 or floats) or 0..1 (floats) -> floats 0..1."""
    photo = as_numeric_array(photo, name, ndim=3, shape_hint="(H, W, 3)")
    if photo.shape[2] != 3:
        raise ValueError(f"{name} must have 3 channels (red, green, blue) in its last axis, got shape {photo.shape}")
    if photo.min() < 0:
        raise ValueError(f"{name} must hold pixel values >= 0 (0..255 or 0..1), its minimum is {photo.min():g}")
    if photo.dtype == np.uint8 or photo.max() > 1:
        if photo.max() > 255:
            raise ValueError(f"{name} must hold values 0..255 or 0..1, its maximum is {photo.max():g}")
        return photo.astype(np.float64) / 255
    return photo.astype(np.float64)


def channel_colours(photo, channel) -> np.ndarray:
    """Channel ``channel`` (0 red, 1 green, 2 blue) of ``photo`` (H, W, 3) as an
    RGB image (H, W, 3) of floats 0..1: that channel's values, the other two 0.

    Added up over the three channels these images give the photo back."""
    photo = _as_photo(photo)
    channel = as_int(channel, "channel", minimum=0, maximum=2)
    coloured = np.zeros_like(photo)
    coloured[:, :, channel] = photo[:, :, channel]
    return coloured


def _plain(ax):
    ax.set_xticks([])
    ax.set_yticks([])


def show_channels(photo, title="the photo", size=2.0):
    """The photo (H, W, 3) and its red, green and blue channels, each in its colour.

    Channel c is drawn with ``channel_colours``: black where the channel is 0,
    full red (green, blue) where it is at its largest, 255 (or 1.0).
    Returns the figure (4 panels in a row)."""
    rgb = _as_photo(photo)
    title = _text(title, "title")
    size = as_number(size, "size (inches)", minimum=0.5, maximum=10)
    fig, axes = new_figure(4, 1, size)
    axes[0].imshow(rgb, interpolation="nearest")
    axes[0].set_title(f"{title}\n{rgb.shape[0]} x {rgb.shape[1]} x 3" if title else "", color=TEXT, fontsize=10)
    for c, ax in enumerate(axes[1:]):
        ax.imshow(channel_colours(rgb, c), interpolation="nearest")
        ax.set_title(f"{CHANNEL_NAMES[c]} channel\n{rgb.shape[0]} x {rgb.shape[1]}", color=TEXT, fontsize=10)
    for ax in axes:
        _plain(ax)
    fig.tight_layout()
    return fig


def show_volume_filter(photo, kernel, slice_maps, bias, layer_map, size=1.7):
    """One F x F x 3 filter on a colour photo, slice by slice, and the map it makes.

    - ``photo``: (H, W, 3), 0..255 or 0..1, drawn as its three channels (rows);
    - ``kernel``: (F, F, 3), the filter; row c shows its slice ``kernel[:, :, c]``;
    - ``slice_maps``: (3, h, w), slice c correlated with channel c;
    - ``bias``: the filter's bias b;
    - ``layer_map``: (h, w), the layer's map: ``slice_maps.sum(axis=0) + b``.

    Columns: channel c, slice c, slice c's map; the last column the layer's
    map.  The slices share one blue-white-red scale and the four maps another,
    each with a colour bar, so equal colours mean equal numbers.  The figure
    does not add anything up: the lesson checks the sum.
    """
    rgb = _as_photo(photo)
    kernel = as_numeric_array(kernel, "kernel", ndim=3, shape_hint="(F, F, 3)")
    if kernel.shape[2] != 3 or kernel.shape[0] != kernel.shape[1]:
        raise ValueError(f"kernel must be (F, F, 3), one F x F slice per channel, got shape {kernel.shape}")
    slice_maps = as_numeric_array(slice_maps, "slice_maps", ndim=3, shape_hint="(3, h, w)")
    if slice_maps.shape[0] != 3:
        raise ValueError(f"slice_maps must be (3, h, w), one map per channel, got shape {slice_maps.shape}")
    layer_map = as_numeric_array(layer_map, "layer_map", ndim=2, shape_hint="(h, w)")
    if layer_map.shape != slice_maps.shape[1:]:
        raise ValueError(
            f"layer_map must have the slice maps' shape, slice_maps.shape[1:] = {slice_maps.shape[1:]}, got {layer_map.shape}"
        )
    bias = as_number(bias, "bias")
    size = as_number(size, "size (inches)", minimum=0.5, maximum=10)
    f = kernel.shape[0]
    h, w = layer_map.shape
    k_max = float(np.abs(kernel).max()) or 1.0
    m_max = float(max(np.abs(slice_maps).max(), np.abs(layer_map).max())) or 1.0
    # columns: channel, slice, slice's map, the words "sum + b =", the layer's map; a last thin row of colour bars
    fig = plt.figure(figsize=(size * 4 + 1.6, size * 3.45 + 0.9), facecolor=BACKGROUND)
    grid = fig.add_gridspec(
        4,
        5,
        width_ratios=[1, 1, 1, 0.75, 1],
        height_ratios=[1, 1, 1, 0.09],
        left=0.02,
        right=0.98,
        top=0.94,
        bottom=0.08,
        wspace=0.25,
        hspace=0.45,
    )
    axes = {}
    for c in range(3):
        channel_ax, slice_ax, map_ax = (fig.add_subplot(grid[c, col]) for col in range(3))
        channel_ax.imshow(channel_colours(rgb, c), interpolation="nearest")
        channel_ax.set_title(f"{CHANNEL_NAMES[c]} channel", color=TEXT, fontsize=10)
        kernel_image = slice_ax.imshow(
            kernel[:, :, c], cmap=DIVERGING, vmin=-k_max, vmax=k_max, interpolation="nearest"
        )
        slice_ax.set_title(f"slice {c}: {f} x {f}", color=TEXT, fontsize=10)
        map_image = map_ax.imshow(slice_maps[c], cmap=DIVERGING, vmin=-m_max, vmax=m_max, interpolation="nearest")
        map_ax.set_title(f"{CHANNEL_NAMES[c]} map: {h} x {w}", color=TEXT, fontsize=10)
        axes[c] = (channel_ax, slice_ax, map_ax)
    words = fig.add_subplot(grid[1, 3])
    words.axis("off")
    words.text(
        0.5,
        0.5,
        f"sum of the\nthree maps\n+ bias {bias:.3f}\n=",
        ha="center",
        va="center",
        fontsize=10,
        color=TEXT,
        transform=words.transAxes,
    )
    total_ax = fig.add_subplot(grid[1, 4])
    total_ax.imshow(layer_map, cmap=DIVERGING, vmin=-m_max, vmax=m_max, interpolation="nearest")
    total_ax.set_title(f"the layer's map\n{h} x {w}", color=TEXT, fontsize=10)
    for ax in [*(a for row in axes.values() for a in row), total_ax]:
        _plain(ax)
    fig.colorbar(kernel_image, cax=fig.add_subplot(grid[3, 1]), orientation="horizontal", label="weight")
    fig.colorbar(map_image, cax=fig.add_subplot(grid[3, 2:]), orientation="horizontal", label="map value")
    return fig


def _as_boxes(boxes, name, count=None):
    """(n, 3) ints: top, left, size of squares in image pixels."""
    boxes = as_numeric_array(boxes, name, ndim=2, shape_hint="(n, 3): top, left, size")
    if boxes.shape[1] != 3 or (count is not None and boxes.shape[0] != count):
        want = f"({count}, 3)" if count is not None else "(n, 3)"
        raise ValueError(f"{name} must be {want}, one (top, left, size) per square, got shape {boxes.shape}")
    if not np.issubdtype(boxes.dtype, np.integer):
        raise TypeError(f"{name} must hold integers (pixel positions), got dtype {boxes.dtype}")
    if boxes[:, :2].min() < 0 or boxes[:, 2].min() < 1:
        raise ValueError(f"{name} must have top, left >= 0 and size >= 1")
    return boxes.astype(int)


def _draw_box(ax, top, left, size, image_shape, name):
    if top + size > image_shape[0] or left + size > image_shape[1]:
        raise ValueError(
            f"{name}: the square at top {top}, left {left} of size {size} must lie inside the "
            f"{image_shape[0]} x {image_shape[1]} image"
        )
    ax.add_patch(Rectangle((left - 0.5, top - 0.5), size, size, fill=False, edgecolor=_BOX, linewidth=2))


def show_layer_fields(image, maps, units, fields, names, size=2.3):
    """One digit through several layers: for each layer one map, with one unit
    marked, and above it the digit with that unit's receptive field.

    - ``image``: (H, W) the digit;
    - ``maps``: a list of L maps (h_l, w_l), one per layer (sizes differ);
    - ``units``: (L, 2) ints, the marked unit (row, col) of each map;
    - ``fields``: (L, 2) ints, each layer's (size, jump) from
      ``ops.receptive_field``: unit (i, j) sees the size x size square of
      pixels whose top left corner is (i * jump, j * jump) (no padding);
    - ``names``: L layer names.

    Row 1: the digit with the square; row 2: the map (black = 0, the ReLU's
    floor; bright = a strong answer) with the unit marked.  Returns the figure.
    """
    image = as_numeric_array(image, "image", ndim=2, shape_hint="(H, W)")
    if not isinstance(maps, (list, tuple)) or not maps:
        raise TypeError(f"maps must be a non-empty list of (h, w) maps, one per layer, got {type(maps).__name__}")
    maps = [as_numeric_array(m, f"maps[{i}]", ndim=2, shape_hint="(h, w)") for i, m in enumerate(maps)]
    n = len(maps)
    units = as_numeric_array(units, "units", ndim=2, shape_hint="(L, 2): row, col")
    fields = as_numeric_array(fields, "fields", ndim=2, shape_hint="(L, 2): size, jump")
    for arr, name in ((units, "units"), (fields, "fields")):
        if arr.shape != (n, 2):
            raise ValueError(f"{name} must be ({n}, 2), one pair per map of maps, got shape {arr.shape}")
        if not np.issubdtype(arr.dtype, np.integer):
            raise TypeError(f"{name} must hold integers, got dtype {arr.dtype}")
    if np.any(fields < 1):
        raise ValueError(f"fields must hold sizes and jumps of at least 1 pixel, got {fields.tolist()}")
    if isinstance(names, (list, tuple)) and len(names) != n:
        raise ValueError(f"names must have {n} entries, one per map of maps, got {len(names)}")
    names = _as_texts(names, "names", n)
    size = as_number(size, "size (inches)", minimum=0.5, maximum=10)
    fig, axes = new_figure(n, 2, size)
    for k, (m, (row, col), (field, jump), name) in enumerate(zip(maps, units, fields, names)):
        if not (0 <= row < m.shape[0] and 0 <= col < m.shape[1]):
            raise ValueError(f"units[{k}] = ({row}, {col}) must be a unit of maps[{k}], shape {m.shape}")
        top = axes[k]
        top.imshow(image, cmap="gray", interpolation="nearest")
        _draw_box(top, int(row * jump), int(col * jump), int(field), image.shape, f"fields[{k}] (at units[{k}])")
        top.set_title(f"{name}: one unit sees\n{field} x {field} pixels", color=TEXT, fontsize=10)
        bottom = axes[n + k]
        bottom.imshow(m, cmap="gray", vmin=0, vmax=max(float(m.max()), 1e-12), interpolation="nearest")
        bottom.add_patch(Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, edgecolor=_BOX, linewidth=2))
        bottom.set_title(f"its map: {m.shape[0]} x {m.shape[1]}", color=TEXT, fontsize=10)
    for ax in axes:
        _plain(ax)
    fig.tight_layout()
    return fig


def show_top_patches(images, boxes, values, row_labels, size=1.05):
    """The digits that excite a filter most, each with the square its unit sees.

    - ``images``: (R, K, H, W): for each of R filters (rows), its K digits;
    - ``boxes``: (R, K, 3) ints, each unit's receptive field (top, left, size);
    - ``values``: (R, K), the unit's answer, printed above its digit;
    - ``row_labels``: R texts (e.g. "conv2\\nfilter 17"), written left of each row.

    Outside the square the digit is dimmed to a third, so the pixels the unit
    depends on stand out; the square's size is the layer's receptive field.
    Returns the figure.
    """
    images = as_numeric_array(images, "images", ndim=4, shape_hint="(R, K, H, W)")
    r, k, h, w = images.shape
    boxes = as_numeric_array(boxes, "boxes", ndim=3, shape_hint="(R, K, 3)")
    if boxes.shape != (r, k, 3):
        raise ValueError(
            f"boxes must be ({r}, {k}, 3), one (top, left, size) per digit of images, got shape {boxes.shape}"
        )
    values = as_numeric_array(values, "values", ndim=2, shape_hint="(R, K)")
    if values.shape != (r, k):
        raise ValueError(f"values must be ({r}, {k}), one per digit of images, got shape {values.shape}")
    if isinstance(row_labels, (list, tuple)) and len(row_labels) != r:
        raise ValueError(f"row_labels must have {r} entries, one per row of images, got {len(row_labels)}")
    row_labels = _as_texts(row_labels, "row_labels", r)
    size = as_number(size, "size (inches)", minimum=0.3, maximum=10)
    fig, axes = new_figure(k, r, size)
    for i in range(r):
        row_boxes = _as_boxes(boxes[i], f"boxes[{i}]", count=k)
        for j in range(k):
            ax = axes[i * k + j]
            top, left, field = (int(v) for v in row_boxes[j])
            digit = images[i, j].astype(np.float64)
            lo, hi = digit.min(), digit.max()
            shown = (digit - lo) / (hi - lo) if hi > lo else np.zeros_like(digit)
            dimmed = shown / 3
            dimmed[top : top + field, left : left + field] = shown[top : top + field, left : left + field]
            ax.imshow(dimmed, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
            _draw_box(ax, top, left, field, (h, w), f"boxes[{i}, {j}] (on images[{i}, {j}])")
            ax.set_title(f"{values[i, j]:.2f}", color=TEXT, fontsize=8, pad=2)
            _plain(ax)
        axes[i * k].set_ylabel(row_labels[i], color=TEXT, fontsize=9, rotation=0, ha="right", va="center")
    fig.tight_layout(h_pad=0.4, w_pad=0.2)
    return fig
