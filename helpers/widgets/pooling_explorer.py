"""The pooling explorer: window, stride and max/average on a small map; which window made each output."""

from __future__ import annotations

import html

import numpy as np

from .. import ops, plotting
from ..arithmetic import padding_amounts
from ..validate import as_int, as_numeric_array
from .display import Controls, InteractiveTool, outline, status_html, warning_html
from .stepper import MAX_SIDE, html_grid

MODES = {"max": ops.max_pool, "average": ops.avg_pool, "L2": ops.l2_pool}


class PoolingExplorer(InteractiveTool):
    """Pool a small map (at most 16 x 16) and point at any output cell.

    Settings: ``size`` (window), ``stride`` (None = size), ``mode`` ("max",
    "average" or "L2"), ``padding`` ("valid" drops windows that run off the
    edge, "same" keeps them as partial windows).  After each change:
    ``output`` (the pooled map), ``selected`` (row, col of an output cell),
    ``window`` (the input cells that produced it, as row and column ranges),
    and ``message`` (why a setting was refused; the last good state stays).
    """

    def __init__(self, x, size=2, stride=None, mode="max", padding="valid"):
        x = as_numeric_array(x, "x", ndim=2, shape_hint="(H, W)").astype(float)
        if max(x.shape) > MAX_SIDE:
            raise ValueError(f"x must be at most {MAX_SIDE}x{MAX_SIDE} to show its numbers, got {x.shape}")
        self.x = x
        self.size, self.stride, self.mode, self.padding = 2, 2, "max", "valid"
        self.selected = (0, 0)
        self.message = ""
        if not self.set(size=size, stride=size if stride is None else stride, mode=mode, padding=padding):
            raise ValueError(self.message)

    def set(self, **settings) -> bool:
        """Change size, stride, mode and/or padding.

        Returns False (and sets ``message``, keeping the previous state) when
        the combination is impossible, e.g. a window bigger than the map.
        """
        new = {"size": self.size, "stride": self.stride, "mode": self.mode, "padding": self.padding}
        unknown = set(settings) - set(new)
        if unknown:
            raise ValueError(f"unknown setting(s) {sorted(unknown)}: use size, stride, mode, padding")
        new.update(settings)
        if not isinstance(new["mode"], str) or new["mode"] not in MODES:
            self.message = f"mode must be one of {list(MODES)}, got {new['mode']!r}"
        else:
            try:
                output = MODES[new["mode"]](self.x, new["size"], new["stride"], new["padding"])
            except (TypeError, ValueError) as err:
                self.message = f"{err}. Keeping the previous settings."
            else:
                self.size, self.stride, self.mode, self.padding = (
                    new["size"],
                    new["stride"],
                    new["mode"],
                    new["padding"],
                )
                self.output = output
                self.message = ""
                r, c = self.selected
                self.selected = (min(r, output.shape[0] - 1), min(c, output.shape[1] - 1))
        self._notify()
        return self.message == ""

    def select(self, row: int, col: int) -> None:
        """Point at output cell (row, col)."""
        row, col = as_int(row, "row"), as_int(col, "col")
        if not (0 <= row < self.output.shape[0] and 0 <= col < self.output.shape[1]):
            raise ValueError(
                f"cell (row={row}, col={col}) is outside the {self.output.shape[0]}x{self.output.shape[1]} output"
            )
        self.selected = (row, col)
        self._notify()

    @property
    def window(self) -> tuple[range, range]:
        """Input rows and columns (real cells only) that the selected output cell pools."""
        top, _ = padding_amounts(self.x.shape[0], self.size, self.stride, self.padding)
        left, _ = padding_amounts(self.x.shape[1], self.size, self.stride, self.padding)
        r0 = self.selected[0] * self.stride - top
        c0 = self.selected[1] * self.stride - left
        rows = range(max(r0, 0), min(r0 + self.size, self.x.shape[0]))
        cols = range(max(c0, 0), min(c0 + self.size, self.x.shape[1]))
        return rows, cols

    def window_mask(self) -> np.ndarray:
        mask = np.zeros(self.x.shape, dtype=bool)
        rows, cols = self.window
        mask[rows.start : rows.stop, cols.start : cols.stop] = True
        return mask

    def describe(self) -> str:
        rows, cols = self.window
        values = self.x[rows.start : rows.stop, cols.start : cols.stop]
        numbers = ", ".join(f"{v:.3g}" for v in values.ravel())
        r, c = self.selected
        h, w = self.output.shape
        return (
            f"window {self.size}x{self.size}, stride {self.stride}, {self.padding} edges: a {h}x{w} output; "
            f"output ({r}, {c}) = {self.mode} of [{numbers}] = {self.output[r, c]:.4g}"
        )

    def _label(self) -> str:
        return f"PoolingExplorer({self.describe()})"

    def static_figure(self):
        fig, axes = plotting.new_figure(2, 1, size=3.6)
        plotting.show_matrix(self.x, "input", ax=axes[0])
        outline(axes[0], *self.window)
        plotting.show_matrix(self.output, f"{self.mode} pool {self.size}x{self.size}, stride {self.stride}", ax=axes[1])
        r, c = self.selected
        outline(axes[1], range(r, r + 1), range(c, c + 1))
        fig.suptitle(self.describe(), fontsize=9)
        fig.tight_layout()
        return fig


class _PoolingUI(Controls, tool=PoolingExplorer):
    """Sliders and toggles for the settings and the output cell; the input and output tables."""

    SETTINGS = ("size", "stride", "mode", "padding")

    def layout(self, w, ex):
        side = max(ex.x.shape)
        self.size = w.IntSlider(value=ex.size, min=1, max=side, description="window")
        self.stride = w.IntSlider(value=ex.stride, min=1, max=side, description="stride")
        self.mode = w.ToggleButtons(
            options=list(MODES), value=ex.mode, description="pooling", tooltips=[f"{m} pooling" for m in MODES]
        )
        self.padding = w.ToggleButtons(
            options=["valid", "same"],
            value=ex.padding,
            description="edges",
            tooltips=["valid: windows inside the input only", "same: pad the edges so every input cell is covered"],
        )
        self.row = w.IntSlider(min=0, description="output row")
        self.col = w.IntSlider(min=0, description="output col")
        self.tables = w.HTML()
        self.caption = w.HTML()
        for name in self.SETTINGS:
            self.on_change(getattr(self, name), lambda value, name=name: ex.set(**{name: value}))
        for control in (self.row, self.col):
            self.on_change(control, lambda _value: self._select())
        return w.VBox(
            [
                w.HBox([w.VBox([self.size, self.stride, self.row, self.col]), w.VBox([self.mode, self.padding])]),
                self.tables,
                self.caption,
            ]
        )

    def _select(self):
        rows, cols = self.tool.output.shape
        r, c = min(self.row.value, rows - 1), min(self.col.value, cols - 1)
        if (r, c) != self.tool.selected:
            self.tool.select(r, c)

    def show(self, ex):
        self.row.max, self.col.max = ex.output.shape[0] - 1, ex.output.shape[1] - 1
        self.row.value, self.col.value = ex.selected
        for name in self.SETTINGS:
            getattr(self, name).value = getattr(ex, name)
        cell = np.zeros(ex.output.shape, dtype=bool)
        cell[ex.selected] = True
        self.tables.value = (
            "<div style='display:flex;gap:24px;align-items:flex-start'>"
            f"<div><b>input</b>{html_grid(ex.x, highlight=ex.window_mask())}</div>"
            f"<div><b>output</b>{html_grid(ex.output, highlight=cell)}</div></div>"
        )
        text = html.escape(ex.describe())
        if ex.message:
            text += "<br>" + warning_html(ex.message)
        self.caption.value = status_html("", text)  # the output cell in words, a live region
