"""The convolution stepper: walk a kernel over an image one output position at a time."""

from __future__ import annotations

import html

import numpy as np

from .. import ops, plotting, sliding, xo
from ..validate import as_bool, as_int, as_number, as_numeric_array
from .display import Controls, InteractiveTool, outline, status_html

MAX_SIDE = 16  # bigger images no longer fit a readable table of numbers
CELL_INCHES = 0.36  # one matrix cell in the static picture: room for "-0.11" in 10 pt type
PAGE_INCHES = 9.0  # the widest the static picture gets (a lesson page's column)


def _number(value, cut=True) -> str:
    """A whole number as an integer, anything else with two decimals.

    ``cut=True`` cuts toward zero as the slides print (``xo.as_printed``:
    7/9 -> "0.77"); ``cut=False`` rounds ("0.78").
    """
    value = float(value)
    if value.is_integer():
        return str(int(value))
    text = f"{float(xo.as_printed(value)) if cut else value:.2f}"
    # -0.001 shown as "-0.00" would suggest a sign that does not matter
    return text[1:] if text.startswith("-") and not any(ch in "123456789" for ch in text) else text


class ConvolutionStepper(InteractiveTool):
    """One output position at a time: window, products, their sum, the output cell.

    - ``image`` (H, W) and ``kernel`` (F, F): small arrays (at most 16 x 16);
    - ``stride`` S and ``padding`` (int P, "valid" or "same") as in ``ops.correlate2d``;
    - ``divide_by``: the sum is divided by this (the X/O lesson divides by 9);
    - ``bias``: added after dividing (the 6 x 6 example uses -2);
    - ``cut``: numbers that are not whole are shown with two decimals, cut
      toward zero as the slides print them (7/9 -> 0.77, ``xo.as_printed``);
      ``cut=False`` rounds instead (0.78).  Only the text changes, never a value.

    Each output cell is ``sum(window * kernel) / divide_by + bias``, and the
    finished output equals ``ops.correlate2d(image, kernel, stride, padding)
    / divide_by + bias`` (the tests check it).  Positions are numbered in
    reading order, 0 .. ``n_positions - 1``.
    """

    def __init__(self, image, kernel, stride=1, padding=0, divide_by=1, bias=0.0, cut=True):
        image, kernel, self.stride, self.padding = sliding.correlate_arguments(image, kernel, stride, padding)
        image, kernel = image.astype(float), kernel.astype(float)
        if max(image.shape) > MAX_SIDE:
            raise ValueError(f"image must be at most {MAX_SIDE}x{MAX_SIDE} to be stepped through, got {image.shape}")
        if max(kernel.shape) > MAX_SIDE:
            raise ValueError(f"kernel must be at most {MAX_SIDE}x{MAX_SIDE} to be stepped through, got {kernel.shape}")
        if not isinstance(self.padding, str) and self.padding > MAX_SIDE:
            raise ValueError(f"padding must be at most {MAX_SIDE} to be stepped through, got {self.padding}")
        self.divide_by, self.bias = as_number(divide_by, "divide_by"), as_number(bias, "bias")
        self.cut = as_bool(cut, "cut")
        if abs(self.divide_by) < 1e-6:  # dividing by a tiny number overflows
            raise ValueError(f"divide_by must not be 0 (nor closer to 0 than 1e-6), got {divide_by!r}")
        self.image, self.kernel = image, kernel
        # ops.correlate2d checks that the kernel fits and gives the finished output
        self.result = ops.correlate2d(image, kernel, self.stride, self.padding) / self.divide_by + self.bias
        (top, bottom), (left, right) = sliding.resolve_padding(*image.shape, *kernel.shape, self.stride, self.padding)
        self.pads = (top, left)
        self.is_padded = bool(top or bottom or left or right)
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

    def text(self, value) -> str:
        """One number as the stepper shows it (see ``cut``); NaN (not computed yet) as ""."""
        return "" if np.isnan(value) else _number(value, self.cut)

    def labels(self, values) -> list[list[str]]:
        """The texts of a matrix's cells, as the stepper shows them."""
        return [[self.text(v) for v in row] for row in np.asarray(values, dtype=float)]

    def describe(self) -> str:
        """The current step in words and numbers."""
        r, c = self.cell
        top, left = self.window_origin
        f_h, f_w = self.kernel.shape
        text = (
            f"output ({r}, {c}): window rows {top}-{top + f_h - 1}, columns {left}-{left + f_w - 1}"
            f"{' of the padded image' if self.is_padded else ''}; sum of products = {self.text(self.total)}"
        )
        if self.divide_by != 1:
            text += f"; / {self.text(self.divide_by)} = {self.text(self.total / self.divide_by)}"
        if self.bias:
            text += f"; {'+' if self.bias > 0 else '-'} {self.text(abs(self.bias))} (bias) = {self.text(self.value)}"
        return text

    def _label(self) -> str:
        return f"ConvolutionStepper(position {self.position} of {self.n_positions})"

    def static_figure(self):
        """Input (window outlined) | kernel | products | output so far, all cells the same size.

        The panels' widths follow their numbers of columns, so a cell is
        ``CELL_INCHES`` wide (less where the four would pass ``PAGE_INCHES``)
        and every number is drawn in the same type size.
        """
        import textwrap

        shapes = [self.padded.shape, self.kernel.shape, self.kernel.shape, self.result.shape]
        columns = sum(w for _, w in shapes)
        cell = min(CELL_INCHES, (PAGE_INCHES - 1.6) / columns)
        fontsize = 10 if cell >= 0.3 else 8  # "-0.11" (five characters) gets one point less
        fig, axes = plotting.new_figure(4, 1, gridspec_kw={"width_ratios": [w for _, w in shapes]})
        caption = textwrap.fill(self.describe(), int((columns * cell + 1.6) * 12))  # about 12 characters an inch
        fig.set_size_inches(columns * cell + 1.6, max(h for h, _ in shapes) * cell + 0.75 + 0.2 * caption.count("\n"))
        plotting.show_matrix(
            self.padded, "input" + (" (padded)" if self.is_padded else ""), ax=axes[0], labels=self.labels(self.padded)
        )
        top, left = self.window_origin
        f_h, f_w = self.kernel.shape
        outline(axes[0], range(top, top + f_h), range(left, left + f_w))
        plotting.show_matrix(self.kernel, "kernel", ax=axes[1], labels=plotting.kernel_labels(self.kernel))
        plotting.show_matrix(
            self.products, f"products\nsum = {self.text(self.total)}", ax=axes[2], labels=self.labels(self.products)
        )
        filled = self.filled()
        plotting.show_matrix(np.nan_to_num(filled), "output so far", ax=axes[3], labels=self.labels(filled))
        r, c = self.cell
        outline(axes[3], range(r, r + 1), range(c, c + 1))
        for ax in axes:
            ax.title.set_fontsize(10)
            longest = max(len(t.get_text()) for t in ax.texts)
            for t in ax.texts:
                t.set_fontsize(fontsize - (longest >= 5))
        fig.suptitle(caption, fontsize=10)
        fig.tight_layout()
        return fig


def html_grid(values, labels=None, highlight=None, vmax=None, cut=True) -> str:
    """A small matrix as an HTML table in the slides' colours (blue < 0 < red).

    ``labels``: the text of each cell (default: the numbers); ``highlight``:
    a boolean mask of cells to outline in gold; ``cut`` as in
    ``ConvolutionStepper``.  ``values`` may contain NaN (an empty cell), not infinity.
    """
    import matplotlib

    values = as_numeric_array(values, "values", ndim=2, shape_hint="(rows, cols)", allow_nan=True).astype(float)
    if labels is not None:
        labels = plotting.basics._as_labels(labels, *values.shape)
    if highlight is not None:
        highlight = as_numeric_array(highlight, "highlight", ndim=2, shape_hint="(rows, cols)")
        if highlight.shape != values.shape:
            raise ValueError(f"highlight must have the shape of values {values.shape}, got {highlight.shape}")
    cut = as_bool(cut, "cut")
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
            text_colour = plotting.text_colour_on(colour)  # white only on a dark cell, as show_matrix
            border = "3px solid #e6b800" if highlight is not None and highlight[i, j] else "1px solid #999"
            text = labels[i][j] if labels is not None else ("" if np.isnan(v) else _number(v, cut))
            cells.append(
                f"<td style='background:{colour};color:{text_colour};border:{border};width:34px;height:30px;"
                f"text-align:center;font:13px monospace'>{html.escape(text)}</td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table style='border-collapse:collapse;background:white'>" + "".join(rows) + "</table>"


class _StepperUI(Controls, tool=ConvolutionStepper):
    """A position slider and back / next buttons over four tables: input,
    kernel, products, output so far; the step in words below.  (Buttons with
    names, not ipywidgets' Play, whose icon-only buttons have no accessible name.)"""

    def layout(self, w, stepper):
        last = stepper.n_positions - 1
        self.slider = w.IntSlider(min=0, max=last, description="position", continuous_update=True)
        self.on_change(self.slider, stepper.go_to)
        back = w.Button(description="◀ back", tooltip="one position back")
        back.on_click(lambda _b: stepper.step(-1))
        forward = w.Button(description="next ▶", tooltip="one position forward")
        forward.on_click(lambda _b: stepper.step(1))
        self.tables = w.HTML()
        self.caption = w.HTML()
        return w.VBox([w.HBox([self.slider, back, forward]), self.tables, self.caption])

    def show(self, s):
        top, left = s.window_origin
        f_h, f_w = s.kernel.shape
        window_mask = np.zeros(s.padded.shape, dtype=bool)
        window_mask[top : top + f_h, left : left + f_w] = True
        cell_mask = np.zeros(s.result.shape, dtype=bool)
        cell_mask[s.cell] = True
        panels = [
            ("input" + (" (padded)" if s.is_padded else ""), html_grid(s.padded, highlight=window_mask, cut=s.cut)),
            ("kernel", html_grid(s.kernel, cut=s.cut)),
            ("products", html_grid(s.products, cut=s.cut)),
            (
                "output so far",
                html_grid(s.filled(), highlight=cell_mask, vmax=float(np.max(np.abs(s.result))) or 1.0, cut=s.cut),
            ),
        ]
        self.tables.value = (
            "<div style='display:flex;gap:18px;align-items:flex-start'>"
            + "".join(f"<div><b>{title}</b>{table}</div>" for title, table in panels)
            + "</div>"
        )
        self.caption.value = status_html(s.describe())
        self.slider.value = s.position
