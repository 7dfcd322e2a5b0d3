"""The convolution arithmetic calculator: W, F, P, S, D1, K in; output volume and parameters out."""

from __future__ import annotations

import html
import textwrap

from .. import arithmetic, plotting
from .display import Controls, InteractiveTool, status_html, warning_html

LIMITS = {"w": (1, 256), "f": (1, 15), "p": (0, 10), "s": (1, 8), "d_in": (1, 512), "k": (1, 512)}
LABELS = {
    "w": "W (input)",
    "f": "F (filter)",
    "p": "P (padding)",
    "s": "S (stride)",
    "d_in": "D1 (depth)",
    "k": "K (filters)",
}


class ConvArithmeticCalculator(InteractiveTool):
    """Everything the slides compute about one convolutional layer.

    Settings: ``w`` input width (= height), ``f`` filter size, ``p`` zero
    padding, ``s`` stride, ``d_in`` input depth D1, ``k`` number of filters K.
    After each ``set(...)``:

    - ``valid``: True when (W - F + 2P)/S is a whole number >= 0;
    - ``output``: (W2, W2, K), W2 = (W - F + 2P)/S + 1 (None when not valid);
    - ``params``: (F*F*D1 + 1) * K;
    - ``formula``: the arithmetic written out;
    - ``message``: what is wrong and the nearest P and S that fit (empty when valid);
    - ``positions``: where the filter starts along one row (padded coordinates).
    """

    def __init__(self, w=32, f=5, p=2, s=1, d_in=3, k=10):
        self.values = {}
        self.set(w=w, f=f, p=p, s=s, d_in=d_in, k=k)

    def set(self, **settings) -> None:
        """Change any of w, f, p, s, d_in, k.  Unknown names and values outside
        ``LIMITS`` raise ValueError/TypeError naming the setting."""
        for name, value in settings.items():
            if name not in LIMITS:
                raise ValueError(f"unknown setting {name!r}: use one of {list(LIMITS)}")
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name} ({LABELS[name]}) must be an integer, got {value!r}")
            low, high = LIMITS[name]
            if not low <= value <= high:
                raise ValueError(f"{name} ({LABELS[name]}) must be between {low} and {high}, got {value}")
        self.values.update(settings)
        self._compute()
        self._notify()

    def _compute(self) -> None:
        w, f, p, s, d_in, k = (self.values[n] for n in ("w", "f", "p", "s", "d_in", "k"))
        span = w - f + 2 * p
        self.params = arithmetic.conv_params(f, d_in, k)
        self.params_formula = f"({f}·{f}·{d_in} + 1)·{k} = {self.params:,}"
        self.formula = f"(W - F + 2P)/S + 1 = ({w} - {f} + 2·{p})/{s} + 1 = {span}/{s} + 1"
        if span < 0:
            self.valid, self.output, self.positions = False, None, []
            self.formula += " < 1"
            self.message = f"F = {f} is larger than the padded input W + 2P = {w + 2 * p}: the filter does not fit."
            need = (f - w + 1) // 2
            self.message += f" Use P >= {need}, or a smaller F."
            return
        self.positions = list(range(0, span + 1, s))
        if span % s:
            self.valid, self.output = False, None
            self.formula += f" = {span / s + 1:g}: not a whole number"
            self.message = (
                f"(W - F + 2P) = {span} is not divisible by S = {s}; frameworks would floor it to "
                f"{span // s + 1} and ignore the last {span % s} column(s)." + self._suggestions(w, f, p, s)
            )
            return
        self.valid = True
        out = span // s + 1
        self.output = (out, out, k)
        self.formula += f" = {out}"
        self.message = ""

    @staticmethod
    def _suggestions(w, f, p, s) -> str:
        paddings = arithmetic.fitting_paddings(w, f, s)
        strides = [t for t in arithmetic.fitting_strides(w, f, p) if t <= LIMITS["s"][1]]
        text = ""
        if paddings:
            text += f" Nearest padding that fits at S = {s}: P = {min(paddings, key=lambda q: (abs(q - p), q))}."
        else:
            text += f" No padding fits at S = {s}."
        nearest = min(strides, key=lambda t: (abs(t - s), t))
        text += f" Nearest stride that fits at P = {p}: S = {nearest}."
        return text

    def summary(self) -> str:
        w, d_in = self.values["w"], self.values["d_in"]
        out = f"{self.output[0]}×{self.output[1]}×{self.output[2]}" if self.valid else "not a whole number"
        return f"input {w}×{w}×{d_in} → output {out}; parameters {self.params_formula}"

    def row_svg(self, cell=14) -> str:
        """One row of the padded input as SVG: padding cells grey, one bracket per filter position."""
        w, f, p = self.values["w"], self.values["f"], self.values["p"]
        n = w + 2 * p
        if n > 80:  # too long to draw readably: draw the first 80 cells
            n = 80
        width = n * cell + 2
        parts = [
            f"<svg width='{width}' height='{cell + 8 + 6 * min(len(self.positions), 12)}' style='background:white'>"
        ]
        for i in range(n):
            fill = "#d9d9d9" if i < p or i >= p + w else "#ffffff"
            parts.append(f"<rect x='{1 + i * cell}' y='1' width='{cell}' height='{cell}' fill='{fill}' stroke='#555'/>")
        for j, start in enumerate(self.positions[:12]):
            y = cell + 6 + 6 * j
            x0, x1 = 1 + start * cell, 1 + min(start + f, n) * cell
            colour = "#2166ac" if self.valid else "#b2182b"
            parts.append(f"<line x1='{x0}' y1='{y}' x2='{x1}' y2='{y}' stroke='{colour}' stroke-width='3'/>")
        parts.append("</svg>")
        return "".join(parts)

    def _label(self) -> str:
        return f"ConvArithmeticCalculator({self.summary()})"

    def static_figure(self):
        """The arithmetic as text, and one row of the padded input with the filter positions."""
        from matplotlib.patches import Rectangle

        fig, (ax,) = plotting.new_figure(1, 1)
        w, f, p = self.values["w"], self.values["f"], self.values["p"]
        n = min(w + 2 * p, 80)
        shown = self.positions[:12]
        fig.set_size_inches(max(6.0, 0.16 * n + 1), 1.6 + 0.18 * len(shown))
        for i in range(n):
            ax.add_patch(
                Rectangle((i, 0), 1, 1, facecolor="#d9d9d9" if i < p or i >= p + w else "white", edgecolor="#555")
            )
        colour = "#2166ac" if self.valid else "#b2182b"
        for j, start in enumerate(shown):
            ax.plot([start + 0.05, min(start + f, n) - 0.05], [-0.5 - 0.6 * j] * 2, color=colour, linewidth=3)
        lines = [self.summary(), self.formula] + (textwrap.wrap(self.message, 100) if self.message else [])
        if len(self.positions) > len(shown):
            lines.append(f"(first {len(shown)} of {len(self.positions)} filter positions drawn)")
        ax.set_title("\n".join(lines), fontsize=9, loc="left", color=plotting.TEXT)
        ax.set_xlim(-0.5, n + 0.5)
        ax.set_ylim(-0.6 * len(shown) - 0.5, 1.3)
        ax.set_aspect("equal")
        ax.axis("off")
        fig.tight_layout()
        where = (
            f"{len(self.positions)} filter positions, {f} cells wide" if self.valid else "no whole number of positions"
        )
        plotting.describe(
            fig,
            f"{self.summary()}; {self.formula}. One row of the padded input: {w + 2 * p} cells "
            f"({p} of zero padding each side), {where}.",
        )
        return fig


class _CalculatorUI(Controls, tool=ConvArithmeticCalculator):
    """One slider per setting; the arithmetic, and one row of the padded input drawn."""

    def layout(self, w, calc):
        self.sliders = {}
        for name, (low, high) in LIMITS.items():
            slider = w.IntSlider(
                value=calc.values[name],
                min=low,
                max=min(high, 64 if name in ("d_in", "k") else high),
                description=LABELS[name],
                style={"description_width": "90px"},
                continuous_update=True,
            )
            self.on_change(slider, lambda value, name=name: calc.set(**{name: value}))
            self.sliders[name] = slider
        self.text = w.HTML()
        self.drawing = w.HTML()
        return w.HBox(
            [
                w.VBox(list(self.sliders.values())),
                w.VBox([self.text, self.drawing], layout=w.Layout(margin="0 0 0 20px")),
            ]
        )

    def show(self, c):
        colour = "#1a7f37" if c.valid else "#c0392b"
        message = f"<div style='max-width:520px'>{warning_html(c.message)}</div>" if c.message else ""
        # the result in words, a live region: a screen reader reads each new summary, formula and message
        self.text.value = status_html(
            "",
            f"<b style='color:{colour}'>{html.escape(c.summary())}</b><br><code>{html.escape(c.formula)}</code>{message}",
        )
        self.drawing.value = (
            "<div><small>one row of the padded input (grey = padding); each bar = one filter position</small></div>"
            + c.row_svg()
        )
        for name, slider in self.sliders.items():
            slider.max = max(slider.max, c.values[name])  # code may set more than the slider offers
            slider.value = c.values[name]
