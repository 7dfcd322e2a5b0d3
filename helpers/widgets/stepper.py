"""The convolution stepper: walk a kernel over an image one output position at a time."""

from __future__ import annotations

import html

import numpy as np

from .. import ops, plotting, sliding
from ..validate import as_int, as_number, as_numeric_array
from .display import Controls, InteractiveTool, outline

MAX_SIDE = 16  # bigger images no longer fit a readable table of numbers


def _number(value) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.2f}"


class ConvolutionStepper(InteractiveTool):
    """One output position at a time: window, products, their sum, the output cell.

    - ``image`` (H, W) and ``kernel`` (F, F): small arrays (at most 16 x 16);
    - ``stride`` S and ``padding`` (int P, "valid" or "same") as in ``ops.correlate2d``;
    - ``divide_by``: the sum is divided by this (the X/O lesson divides by 9);
    - ``bias``: added after dividing (the 6 x 6 example uses -2).

    Each output cell is ``sum(window * kernel) / divide_by + bias``, and the
    finished output equals ``ops.correlate2d(image, kernel, stride, padding)
    / divide_by + bias`` (the tests check it).  Positions are numbered in
    reading order, 0 .. ``n_positions - 1``.
    """

    def __init__(self, image, kernel, stride=1, padding=0, divide_by=1, bias=0.0):
        image, kernel, self.stride, self.padding = sliding.correlate_arguments(image, kernel, stride, padding)
        image, kernel = image.astype(float), kernel.astype(float)
        if max(image.shape) > MAX_SIDE:
            raise ValueError(f"image must be at most {MAX_SIDE}x{MAX_SIDE} to be stepped through, got {image.shape}")
        if max(kernel.shape) > MAX_SIDE:
            raise ValueError(f"kernel must be at most {MAX_SIDE}x{MAX_SIDE} to be stepped through, got {kernel.shape}")
        if not isinstance(self.padding, str) and self.padding > MAX_SIDE:
            raise ValueError(f"padding must be at most {MAX_SIDE} to be stepped through, got {self.padding}")
        self.divide_by, self.bias = as_number(divide_by, "divide_by"), as_number(bias, "bias")
        if abs(self.divide_by) < 1e-6:  # dividing by a tiny number overflows
            raise ValueError(f"divide_by must not be 0 (nor closer to 0 than 1e-6), got {divide_by!r}")
        self.image, self.kernel = image, kernel
        # ops.correlate2d checks that the kernel fits and gives the finished output
        self.result = ops.correlate2d(image, kernel, self.stride, self.padding) / self.divide_by + self.bias
        (top, bottom), (left, right) = sliding.resolve_padding(*image.shape, *kernel.shape, self.stride, self.padding)
        self.pads = (top, left)
        self.padded = np.pad(image, ((top, bottom), (left, right)))
        self.out_h, self.out_w = self.result.shape
        self.position = 0

    # ---- logic -------------------------------------------------------------

    @property
    def n_positions(self) -> int:
        return self.out_h * self.out_w

    def go_to(self, position: int) -> None:
        """Jump to output position ``position`` (0 = top-left, reading order)."""
        position = as_int(position, "position", minimum=0)
        if position >= self.n_positions:
            raise ValueError(
                f"position must be < {self.n_positions} (the output has {self.out_h}x{self.out_w} cells), got {position}"
            )
        self.position = position
        self._notify()

    def step(self, by: int = 1) -> None:
        """Move ``by`` positions forward (negative: back), stopping at either end."""
        target = self.position + as_int(by, "by")
        self.go_to(min(max(target, 0), self.n_positions - 1))

    @property
    def cell(self) -> tuple[int, int]:
        """(row, col) of the current output cell."""
        return divmod(self.position, self.out_w)

    @property
    def window_origin(self) -> tuple[int, int]:
        """Top-left corner of the current window, in padded-image coordinates."""
        r, c = self.cell
        return r * self.stride, c * self.stride

    @property
    def window(self) -> np.ndarray:
        top, left = self.window_origin
        f_h, f_w = self.kernel.shape
        return self.padded[top : top + f_h, left : left + f_w]

    @property
    def products(self) -> np.ndarray:
        """Window times kernel, cell by cell."""
        return self.window * self.kernel

    @property
    def total(self) -> float:
        return float(self.products.sum())

    @property
    def value(self) -> float:
        """The current output cell: total / divide_by + bias."""
        return self.total / self.divide_by + self.bias

    def filled(self) -> np.ndarray:
        """The output so far: computed cells up to the current position, NaN after it."""
        out = np.full(self.result.shape, np.nan)
        out.ravel()[: self.position + 1] = self.result.ravel()[: self.position + 1]
        return out

    def describe(self) -> str:
        """The current step in words and numbers."""
        r, c = self.cell
        top, left = self.window_origin
        f_h, f_w = self.kernel.shape
        text = (
            f"output ({r}, {c}): window rows {top}-{top + f_h - 1}, columns {left}-{left + f_w - 1}"
            f"{' of the padded image' if any(self.pads) else ''}; sum of products = {_number(self.total)}"
        )
        if self.divide_by != 1:
            text += f"; / {_number(self.divide_by)} = {self.total / self.divide_by:.2f}"
        if self.bias:
            text += f"; {'+' if self.bias > 0 else '-'} {_number(abs(self.bias))} (bias) = {_number(self.value)}"
        return text

    def _label(self) -> str:
        return f"ConvolutionStepper(position {self.position} of {self.n_positions})"

    def static_figure(self):
        """Input (window outlined) | kernel | products | output so far."""
        fig, axes = plotting.new_figure(4, 1, size=3.8)
        plotting.show_matrix(self.padded, "input" + (" (padded)" if any(self.pads) else ""), ax=axes[0])
        top, left = self.window_origin
        f_h, f_w = self.kernel.shape
        outline(axes[0], range(top, top + f_h), range(left, left + f_w))
        plotting.show_kernel(self.kernel, "kernel", ax=axes[1])
        plotting.show_matrix(self.products, f"products, sum = {_number(self.total)}", ax=axes[2])
        filled = self.filled()
        labels = [["" if np.isnan(v) else _number(v) for v in row] for row in filled]
        plotting.show_matrix(np.nan_to_num(filled), "output so far", ax=axes[3], labels=labels)
        r, c = self.cell
        outline(axes[3], range(r, r + 1), range(c, c + 1))
        fig.suptitle(self.describe(), fontsize=9)
        fig.tight_layout()
        return fig


def html_grid(values, labels=None, highlight=None, vmax=None) -> str:
    """A small matrix as an HTML table in the slides' colours (blue < 0 < red).

    ``labels``: the text of each cell (default: the numbers); ``highlight``:
    a boolean mask of cells to outline in gold.  ``values`` may contain NaN
    (an empty cell), not infinity.
    """
    import matplotlib

    values = as_numeric_array(values, "values", ndim=2, shape_hint="(rows, cols)", allow_nan=True).astype(float)
    if labels is not None:
        labels = plotting.basics._as_labels(labels, *values.shape)
    if highlight is not None:
        highlight = as_numeric_array(highlight, "highlight", ndim=2, shape_hint="(rows, cols)")
        if highlight.shape != values.shape:
            raise ValueError(f"highlight must have the shape of values {values.shape}, got {highlight.shape}")
    finite = np.nan_to_num(values)
    vmax = float(np.max(np.abs(finite))) if vmax is None else as_number(vmax, "vmax")
    vmax = vmax if vmax > 0 else 1.0
    cmap = matplotlib.colormaps[plotting.DIVERGING]
    rows = []
    for i in range(values.shape[0]):
        cells = []
        for j in range(values.shape[1]):
            v = values[i, j]
            # beyond +-vmax: the end colours (clipped first, so a tiny vmax cannot overflow)
            colour = (
                "#ffffff" if np.isnan(v) else matplotlib.colors.to_hex(cmap(0.5 + 0.5 * np.clip(v, -vmax, vmax) / vmax))
            )
            text_colour = "white" if not np.isnan(v) and abs(v) > 0.6 * vmax else "black"
            border = "3px solid #e6b800" if highlight is not None and highlight[i, j] else "1px solid #999"
            text = labels[i][j] if labels is not None else ("" if np.isnan(v) else _number(v))
            cells.append(
                f"<td style='background:{colour};color:{text_colour};border:{border};width:34px;height:30px;"
                f"text-align:center;font:13px monospace'>{html.escape(text)}</td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table style='border-collapse:collapse;background:white'>" + "".join(rows) + "</table>"


class _StepperUI(Controls, tool=ConvolutionStepper):
    """A play button and a position slider over four tables: input, kernel, products, output so far."""

    def layout(self, w, stepper):
        last = stepper.n_positions - 1
        self.play = w.Play(min=0, max=last, step=1, interval=700, description="play")
        self.slider = w.IntSlider(min=0, max=last, description="position", continuous_update=True)
        w.jslink((self.play, "value"), (self.slider, "value"))
        self.on_change(self.slider, stepper.go_to)
        self.tables = w.HTML()
        self.caption = w.HTML()
        return w.VBox([w.HBox([self.play, self.slider]), self.tables, self.caption])

    def show(self, s):
        top, left = s.window_origin
        f_h, f_w = s.kernel.shape
        window_mask = np.zeros(s.padded.shape, dtype=bool)
        window_mask[top : top + f_h, left : left + f_w] = True
        cell_mask = np.zeros(s.result.shape, dtype=bool)
        cell_mask[s.cell] = True
        panels = [
            ("input" + (" (padded)" if any(s.pads) else ""), html_grid(s.padded, highlight=window_mask)),
            ("kernel", html_grid(s.kernel)),
            ("products", html_grid(s.products)),
            ("output so far", html_grid(s.filled(), highlight=cell_mask, vmax=float(np.max(np.abs(s.result))) or 1.0)),
        ]
        self.tables.value = (
            "<div style='display:flex;gap:18px;align-items:flex-start'>"
            + "".join(f"<div><b>{title}</b>{table}</div>" for title, table in panels)
            + "</div>"
        )
        self.caption.value = f"<span style='font-size:14px'>{html.escape(s.describe())}</span>"
        self.slider.value = s.position
