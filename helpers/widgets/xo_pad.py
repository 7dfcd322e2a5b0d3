"""The X/O drawing pad: click pixels on a 9 x 9 grid; the toy convnets vote X or O."""

from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np

from .. import plotting, xo
from ..validate import as_int, as_numeric_array
from .display import Controls, InteractiveTool, status_html, warning_html


def keras_classifier(model):
    """Wrap a trained Keras model (input (9, 9, 1), 2 softmax outputs: X, O)
    as a pad classifier: image (9, 9) -> {"X": p, "O": p}."""
    if not callable(model):
        raise TypeError(f"model must be a trained Keras model, got {model!r}")

    def classify(image):
        probabilities = np.asarray(model(image[None, :, :, None].astype("float32"), training=False))[0]
        return {"X": float(probabilities[0]), "O": float(probabilities[1])}

    return classify


class XODrawingPad(InteractiveTool):
    """Draw on a 9 x 9 grid of -1 (background) / +1 (stroke) pixels and see the votes.

    - ``image``: the starting drawing (default: the slides' X);
    - ``classifiers``: {name: function(image (9, 9)) -> {"X": score, "O": score}};
      the hand-made network of ``helpers.xo`` is always the first.

    After every change ``scores`` holds each classifier's scores and
    ``verdicts`` its answer.  A classifier that fails on a drawing does not
    break the pad: its error is shown in ``messages`` instead.
    """

    def __init__(self, image=None, classifiers=None):
        self.classifiers = {"hand-made net": xo.vote}
        if classifiers is not None and not isinstance(classifiers, Mapping):
            raise TypeError(f"classifiers must be a dict {{name: function}}, got {classifiers!r}")
        for name, function in (classifiers or {}).items():
            if not callable(function):
                raise TypeError(f"classifiers[{name!r}] must be a function image -> {{'X': score, 'O': score}}")
            self.classifiers[name] = function
        self.set_image(xo.X if image is None else image)

    # ---- logic -------------------------------------------------------------

    def set_image(self, image) -> None:
        """Replace the drawing with a (9, 9) array of -1/+1 values."""
        image = as_numeric_array(image, "image", ndim=2, shape_hint="(9, 9)")
        if image.shape != (xo.SIZE, xo.SIZE):
            raise ValueError(f"image must be 9x9, got {image.shape}")
        if not np.all(np.isin(image, (-1, 1))):
            raise ValueError("image must contain only -1 (background) and +1 (stroke)")
        self.image = image.astype(float).copy()
        self._changed()

    def toggle(self, row: int, col: int) -> None:
        """Flip one pixel between background and stroke."""
        row, col = as_int(row, "row"), as_int(col, "col")
        if not (0 <= row < xo.SIZE and 0 <= col < xo.SIZE):
            raise ValueError(f"pixel (row={row}, col={col}) is outside the 9x9 grid: row and col go from 0 to 8")
        self.image[row, col] *= -1
        self._changed()

    def clear(self) -> None:
        self.set_image(-np.ones((xo.SIZE, xo.SIZE)))

    def _changed(self) -> None:
        self.scores, self.verdicts, self.messages = {}, {}, {}
        for name, function in self.classifiers.items():
            try:
                scores = function(self.image.copy())
                self.scores[name] = {label: float(scores[label]) for label in xo.CLASSES}
                self.verdicts[name] = max(self.scores[name], key=self.scores[name].get)
            except Exception as err:  # a student's own classifier may fail on a drawing; the pad keeps working
                self.messages[name] = f"{type(err).__name__}: {err}"
        self._notify()

    def verdict_text(self) -> str:
        """Every classifier's scores and answer in words, e.g.
        ``"hand-made net: X 0.77, O 0.31 -> X"``; a failing one says its error."""
        parts = []
        for name in self.classifiers:
            if name in self.messages:
                parts.append(f"{name}: {self.messages[name]}")
                continue
            scores = ", ".join(f"{label} {self.scores[name][label]:.2f}" for label in xo.CLASSES)
            parts.append(f"{name}: {scores} -> {self.verdicts[name]}")
        return "; ".join(parts)

    def _label(self) -> str:
        return f"XODrawingPad({self.verdicts})"

    def static_figure(self):
        """The drawing and each classifier's votes."""
        fig, axes = plotting.new_figure(2, 1, size=3.4)
        plotting.show_image(self.image, "your drawing", ax=axes[0], scaling="inverted")  # strokes black
        names = list(self.scores)
        x = np.arange(len(names))
        for k, label in enumerate(xo.CLASSES):
            axes[1].bar(x + (k - 0.5) * 0.38, [self.scores[n][label] for n in names], 0.38, label=f"votes for {label}")
        axes[1].set_xticks(x, names)
        axes[1].legend()
        axes[1].set_title("verdict: " + ", ".join(f"{n}: {v}" for n, v in self.verdicts.items()), fontsize=9)
        fig.tight_layout()
        return fig


class _PadUI(Controls, tool=XODrawingPad):
    """A 9 x 9 grid of buttons (one a pixel), clear / load X / load O, and each classifier's votes."""

    def layout(self, w, pad):
        self.buttons = []
        for r in range(xo.SIZE):
            for c in range(xo.SIZE):
                # the tooltip (the button's title) is its accessible name: set in show() with the pixel's state
                button = w.Button(layout=w.Layout(width="30px", height="30px", padding="0"))
                button.on_click(lambda _b, r=r, c=c: pad.toggle(r, c))
                self.buttons.append(button)
        grid = w.GridBox(
            self.buttons, layout=w.Layout(grid_template_columns=f"repeat({xo.SIZE}, 32px)", grid_gap="2px")
        )
        clear = w.Button(description="clear")
        clear.on_click(lambda _b: pad.clear())
        load_x = w.Button(description="load X")
        load_x.on_click(lambda _b: pad.set_image(xo.X))
        load_o = w.Button(description="load O")
        load_o.on_click(lambda _b: pad.set_image(xo.O))
        self.votes = w.HTML()
        self.status = w.HTML()  # the verdicts in words (a live region)
        return w.HBox(
            [
                w.VBox([grid, w.HBox([clear, load_x, load_o])]),
                w.VBox([self.votes, self.status], layout=w.Layout(margin="0 0 0 24px")),
            ]
        )

    def show(self, pad):
        for k, (button, value) in enumerate(zip(self.buttons, pad.image.ravel())):
            button.style.button_color = "#222222" if value > 0 else "#f2f2f2"
            r, c = divmod(k, xo.SIZE)
            button.tooltip = f"pixel row {r + 1}, column {c + 1}: {'stroke' if value > 0 else 'background'}"
        rows = []
        for name in pad.classifiers:
            if name in pad.messages:
                rows.append(
                    f"<tr><td><b>{html.escape(name)}</b></td><td colspan=2>{warning_html(pad.messages[name])}</td></tr>"
                )
                continue
            scores = pad.scores[name]
            cells = "".join(
                f"<td style='padding:2px 8px'>{label}: {scores[label]:.2f}"
                f"<div style='background:#4a90d9;height:8px;width:{max(0.0, min(1.0, scores[label])) * 120:.0f}px'></div></td>"
                for label in xo.CLASSES
            )
            rows.append(f"<tr><td><b>{html.escape(name)}</b> says <b>{pad.verdicts[name]}</b></td>{cells}</tr>")
        self.votes.value = "<table style='font-size:14px'>" + "".join(rows) + "</table>"
        self.status.value = status_html(pad.verdict_text())
