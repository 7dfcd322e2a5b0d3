"""The feature-map explorer: pick an image and a layer, see what that layer's filters answer."""

from __future__ import annotations

import math

import numpy as np

from .. import plotting
from ..validate import as_int, as_numeric_array
from .display import Controls, InteractiveTool, image_html, status_html, to_jpeg


def tile(maps: np.ndarray, tile_px: int = 72, columns: int = 8) -> np.ndarray:
    """Feature maps (h, w, c) -> one uint8 grey mosaic, each map min-max scaled
    and enlarged (nearest neighbour) to about ``tile_px`` pixels (1 to 1024), 2-pixel gaps."""
    maps = as_numeric_array(maps, "maps", ndim=3, shape_hint="(h, w, c)")
    tile_px = as_int(tile_px, "tile_px", minimum=1, maximum=1024)
    columns = as_int(columns, "columns", minimum=1)
    h, w, c = maps.shape
    scale = max(1, tile_px // max(h, w))
    rows = math.ceil(c / columns)
    cols = min(c, columns)
    th, tw = h * scale, w * scale
    mosaic = np.full((rows * (th + 2), cols * (tw + 2)), 255, dtype=np.uint8)
    for k in range(c):
        shown = plotting.scale_for_display(maps[:, :, k], "min-max")
        big = np.repeat(np.repeat(shown, scale, axis=0), scale, axis=1)
        r, q = divmod(k, cols)
        mosaic[r * (th + 2) : r * (th + 2) + th, q * (tw + 2) : q * (tw + 2) + tw] = big
    return mosaic


def _passes_images_through(layer) -> bool:
    """True for the input layer and for augmentation (Keras' random preprocessing
    layers, alone or in a Sequential): at prediction they return the image
    itself, so they have no maps of their own to show."""
    import keras

    if isinstance(layer, keras.layers.InputLayer):
        return True
    inner = layer.layers if isinstance(layer, keras.Model) else [layer]
    return bool(inner) and all(".preprocessing." in type(sub).__module__ for sub in inner)


class FeatureMapExplorer(InteractiveTool):
    """What every layer of a trained convnet makes of one image.

    - ``model``: a built Keras model whose input is an image batch;
    - ``images``: (N, H, W, C) floats, already scaled as the model expects;
    - ``labels``: optional (N,) true classes, shown in the caption.

    ``layer_names`` lists the layers whose output is a stack of maps (4-D),
    leaving out the input and augmentation layers (they pass the image through);
    ``choose(index=..., layer=...)`` selects; ``maps`` is then (h, w, c).
    """

    def __init__(self, model, images, labels=None, max_maps=32):
        import keras

        if not isinstance(model, keras.Model):
            raise TypeError(f"model must be a Keras model, got {model!r}")
        spatial = [
            layer for layer in model.layers if len(layer.output.shape) == 4 and not _passes_images_through(layer)
        ]
        if not spatial:
            raise ValueError("model has no layer with 4-D output (feature maps) to show")
        images = as_numeric_array(images, "images", ndim=4, shape_hint="(N, H, W, C)")
        expected = tuple(model.inputs[0].shape[1:])
        if any(want is not None and want != got for want, got in zip(expected, images.shape[1:])):
            raise ValueError(
                f"images must be (N, {', '.join(map(str, expected))}) for this model's input, got shape {images.shape}"
            )
        self.images = images.astype("float32")
        if labels is not None:
            try:
                labels = np.asarray(labels).reshape(-1)
            except ValueError as err:  # ragged lists
                raise TypeError(f"labels must be a list with one label per image ({err})") from None
            if len(labels) != len(images):
                raise ValueError(f"labels must have one entry per image: {len(labels)} labels for {len(images)} images")
        self.labels = labels
        self.max_maps = as_int(max_maps, "max_maps", minimum=1)
        self.layer_names = [layer.name for layer in spatial]
        self._probe = keras.Model(model.inputs[0], [layer.output for layer in spatial])
        self.index, self.layer = 0, self.layer_names[0]
        self._compute()

    def choose(self, index=None, layer=None) -> None:
        """Select an image by index and/or a layer by name."""
        if index is not None:
            if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < len(self.images):
                raise ValueError(f"index must be an integer in 0..{len(self.images) - 1}, got {index!r}")
            self.index = int(index)
        if layer is not None:
            if not isinstance(layer, str) or layer not in self.layer_names:
                raise ValueError(f"layer must be one of {self.layer_names}, got {layer!r}")
            self.layer = layer
        self._compute()
        self._notify()

    def _compute(self) -> None:
        outputs = self._probe(self.images[self.index : self.index + 1], training=False)
        self.all_maps = {name: np.asarray(out)[0] for name, out in zip(self.layer_names, outputs)}
        self.maps = self.all_maps[self.layer][:, :, : self.max_maps]

    def caption(self) -> str:
        h, w, c = self.all_maps[self.layer].shape
        label = f" (label {self.labels[self.index]})" if self.labels is not None else ""
        shown = f", first {self.maps.shape[2]} shown" if self.maps.shape[2] < c else ""
        return f"image {self.index}{label}, layer {self.layer}: {c} maps of {h}x{w}{shown}"

    def _label(self) -> str:
        return f"FeatureMapExplorer({self.caption()})"

    def static_figure(self):
        """The input and its first 15 maps, 8 panels a row; the caption above,
        in a band of its own so that it never covers the panels' titles."""
        image = self.images[self.index]
        images = [image[:, :, 0] if image.shape[2] == 1 else image.mean(axis=2)]
        images += [self.maps[:, :, k] for k in range(min(self.maps.shape[2], 15))]
        titles = ["input"] + [f"map {k}" for k in range(len(images) - 1)]
        fig = plotting.show_images(images, titles, ncols=8, scaling="min-max", size=1.1)
        for ax in fig.axes:
            ax.title.set_fontsize(9)
        fig.tight_layout()
        height = fig.get_size_inches()[1] + 0.35  # 0.35 inch more, above the panels, for the caption
        top = max(ax.get_position().y1 for ax in fig.axes) * (height - 0.35) / height
        fig.set_size_inches(fig.get_size_inches()[0], height)
        fig.subplots_adjust(top=top)
        fig.suptitle(self.caption(), fontsize=10, y=1 - 0.05 / height, va="top")
        return fig


class _FeatureMapUI(Controls, tool=FeatureMapExplorer):
    """An image slider and a layer menu; the image and the mosaic of its maps."""

    def layout(self, w, ex):
        self.image = w.IntSlider(min=0, max=len(ex.images) - 1, description="image")
        self.layer = w.Dropdown(options=ex.layer_names, description="layer")
        self.picture = w.HTML()  # pictures as <img> with their text alternative
        self.digit = w.HTML()
        self.caption = w.HTML()
        self.on_change(self.image, lambda index: ex.choose(index=index))
        self.on_change(self.layer, lambda layer: ex.choose(layer=layer))
        return w.VBox([w.HBox([self.image, self.layer]), w.HBox([self.digit, self.picture]), self.caption])

    def show(self, ex):
        self.image.value, self.layer.value = ex.index, ex.layer
        first = ex.images[ex.index][:, :, 0] if ex.images.shape[3] == 1 else ex.images[ex.index].mean(axis=2)
        digit = to_jpeg(tile(first[:, :, None], tile_px=96, columns=1))
        self.digit.value = image_html(digit, f"the input, image {ex.index}", "96px")
        self.picture.value = image_html(
            to_jpeg(tile(ex.maps)), f"{ex.caption()}, as a mosaic of tiles (bright: strong)"
        )
        self.caption.value = status_html(ex.caption())  # the choice in words, a live region
