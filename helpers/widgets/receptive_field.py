"""The receptive-field explorer: pick a layer and one of its units, see the input pixels it depends on."""

from __future__ import annotations

import numpy as np

from .. import plotting
from ..arithmetic import padding_amounts
from ..validate import as_int, as_numeric_array
from .display import Controls, InteractiveTool, image_html, status_html, to_jpeg
from .feature_maps import _passes_images_through


def layer_geometry(model) -> dict:
    """For every layer with feature maps, from the input up:
    ``{name: (size, jump, first_row, first_col, height, width)}``.

    - ``size``: the receptive field's side, in input pixels;
    - ``jump``: how many input pixels apart two neighbouring units are;
    - ``first_row``, ``first_col``: the input row and column where unit
      (0, 0)'s field starts; below 0 when "same" padding lets it hang over the
      edge (rows and columns can differ: "same" pads an odd excess at the end);
    - ``height``, ``width``: the layer's map size.

    A layer with a kernel (Conv2D) or a window (pooling) of side k, stride s
    and top padding p changes them as::

        size  += (k - 1) * jump,   first -= p * jump (p per axis),   jump *= s

    Layers that work pixel by pixel (ReLU, batch norm, dropout) change nothing.
    The walk stops at the first layer without maps (Flatten, Dense, global pooling).
    """
    size, jump, first_row, first_col = 1, 1, 0, 0
    geometry = {}
    for layer in model.layers:
        shape = tuple(layer.output.shape)
        if len(shape) != 4:
            break
        if _passes_images_through(layer):
            continue
        kernel = getattr(layer, "kernel_size", None) or getattr(layer, "pool_size", None) or (1, 1)
        strides = getattr(layer, "strides", None) or (1, 1)
        padding = getattr(layer, "padding", "valid")
        k, s = int(kernel[0]), int(strides[0])
        top, left = (
            padding_amounts(int(layer.input.shape[axis]), k, s, padding)[0] if padding == "same" else 0
            for axis in (1, 2)
        )
        first_row, first_col = first_row - top * jump, first_col - left * jump
        size, jump = size + (k - 1) * jump, jump * s
        geometry[layer.name] = (size, jump, first_row, first_col, int(shape[1]), int(shape[2]))
    return geometry


class ReceptiveFieldExplorer(InteractiveTool):
    """Choose a layer of ``model`` and a unit (row, col) of its maps; see the
    square of ``image`` (H, W, C) that the unit depends on.

    State mirrors the arithmetic: ``layer``, ``row``, ``col``; ``size`` and
    ``jump`` (``arithmetic.receptive_field``); ``region`` = (top, bottom,
    left, right), the field clipped to the image (bottom and right exclusive).
    """

    def __init__(self, model, image):
        import keras

        if not isinstance(model, keras.Model):
            raise TypeError(f"model must be a Keras model, got {model!r}")
        self.image = as_numeric_array(image, "image", ndim=3, shape_hint="(H, W, C), one image").astype("float32")
        self.geometry = layer_geometry(model)
        if not self.geometry:
            raise ValueError("model has no layer with feature maps (a 4-D output)")
        self.layer_names = list(self.geometry)
        self.layer = self.layer_names[-1]
        height, width = self.geometry[self.layer][4:]
        self.row, self.col = height // 2, width // 2

    def choose(self, layer=None, row=None, col=None) -> None:
        """Select a layer by name and/or a unit; a new layer keeps the unit in range."""
        if layer is not None:
            if not isinstance(layer, str) or layer not in self.layer_names:
                raise ValueError(f"layer must be one of {self.layer_names}, got {layer!r}")
            self.layer = layer
        height, width = self.geometry[self.layer][4:]
        self.row = as_int(row, "row", minimum=0, maximum=height - 1) if row is not None else min(self.row, height - 1)
        self.col = as_int(col, "col", minimum=0, maximum=width - 1) if col is not None else min(self.col, width - 1)
        self._notify()

    @property
    def size(self) -> int:
        return self.geometry[self.layer][0]

    @property
    def jump(self) -> int:
        return self.geometry[self.layer][1]

    @property
    def region(self) -> tuple[int, int, int, int]:
        size, jump, first_row, first_col, _, _ = self.geometry[self.layer]
        top, left = first_row + self.row * jump, first_col + self.col * jump
        h, w = self.image.shape[:2]
        return max(top, 0), min(top + size, h), max(left, 0), min(left + size, w)

    def caption(self) -> str:
        top, bottom, left, right = self.region
        height, width = self.geometry[self.layer][4:]
        clipped = (
            ""
            if (bottom - top, right - left) == (self.size, self.size)
            else f", {bottom - top}x{right - left} of it inside the image"
        )
        return (
            f"layer {self.layer} ({height}x{width} maps), unit ({self.row}, {self.col}): sees {self.size}x{self.size} input pixels"
            f"{clipped}, rows {top}-{bottom - 1}, columns {left}-{right - 1}; neighbours are {self.jump} pixel{'s' if self.jump > 1 else ''} apart"
        )

    def picture(self) -> np.ndarray:
        """The image in grey (uint8), the field bright and the rest dimmed."""
        grey = self.image.mean(axis=2)
        shown = plotting.scale_for_display(grey, "min-max").astype(float) * 0.35
        top, bottom, left, right = self.region
        shown[top:bottom, left:right] = 90 + 0.65 * shown[top:bottom, left:right] / 0.35
        return np.clip(shown, 0, 255).astype(np.uint8)

    def _label(self) -> str:
        return f"ReceptiveFieldExplorer({self.caption()})"

    def static_figure(self):
        import textwrap

        fig = plotting.show_images(
            [self.picture()], [f"{self.layer}, unit ({self.row}, {self.col})"], size=3.2, scaling=None
        )
        fig.text(0.5, 0.0, textwrap.fill(self.caption(), 48), ha="center", va="top", fontsize=8)
        return fig


class _ReceptiveFieldUI(Controls, tool=ReceptiveFieldExplorer):
    """A layer menu, row and column sliders; the image with the unit's field lit."""

    def layout(self, w, ex):
        self.layer = w.Dropdown(options=ex.layer_names, description="layer")
        self.row = w.IntSlider(min=0, description="row")
        self.col = w.IntSlider(min=0, description="column")
        self.picture = w.HTML()  # the picture as <img> with its text alternative
        self.caption = w.HTML()
        self.on_change(self.layer, lambda layer: ex.choose(layer=layer))
        self.on_change(self.row, lambda row: ex.choose(row=row))
        self.on_change(self.col, lambda col: ex.choose(col=col))
        return w.VBox([w.HBox([self.layer, self.row, self.col]), self.picture, self.caption])

    def show(self, ex):
        height, width = ex.geometry[ex.layer][4:]
        self.layer.value = ex.layer
        self.row.max, self.col.max = height - 1, width - 1
        self.row.value, self.col.value = ex.row, ex.col
        big = np.repeat(np.repeat(ex.picture(), 10, axis=0), 10, axis=1)
        self.picture.value = image_html(to_jpeg(big), f"the input with the field bright: {ex.caption()}", "280px")
        self.caption.value = status_html(ex.caption())  # the field in words, a live region
