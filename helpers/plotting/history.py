"""Where the ideas came from: a timeline, and the neuron that gave networks their name (lesson 0).

- ``show_timeline(events)``: (year, who, what) events on one time axis, each
  at its year, labels alternating above and below the axis;
- ``show_neuron(x, theta, b)``: a schematic biological neuron (dendrites
  collect, the cell body adds up, the axon sends spikes) beside the artificial
  neuron ``output = activation(x θ + b)``, drawn with the given numbers.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from .. import activations
from ..validate import as_int, as_number, as_numeric_array
from .basics import TEXT, _text, new_figure

__all__ = ["ACTIVATIONS", "show_timeline", "neuron_output", "show_neuron"]

ACTIVATIONS = {
    "linear": lambda z: z,
    "sign": np.sign,
    "sigmoid": activations.sigmoid,
    "tanh": activations.tanh,
    "relu": activations.relu,
}

_LEVELS = (1.0, -1.0, 2.1, -2.1)  # label heights, in turn: close neighbours never share a height


def _as_events(events):
    if isinstance(events, (str, bytes)) or not isinstance(events, (list, tuple)):
        raise TypeError(f"events must be a list of (year, who, what) tuples, got {events!r}")
    if not 1 <= len(events) <= 12:
        raise ValueError(f"events must hold 1 to 12 (year, who, what) tuples, got {len(events)}")
    checked = []
    for n, event in enumerate(events):
        if not isinstance(event, (list, tuple)) or len(event) != 3:
            raise TypeError(f"events[{n}] must be a (year, who, what) tuple, got {event!r}")
        year = as_int(event[0], f"events[{n}] year", minimum=1000, maximum=2100)
        for part, label in ((event[1], "who"), (event[2], "what")):
            if not isinstance(part, str) or not part.strip():
                raise TypeError(f"events[{n}] {label} must be a non-empty string, got {part!r}")
        checked.append((year, event[1], event[2]))
    years = [e[0] for e in checked]
    if years != sorted(years):
        raise ValueError(f"events must be in time order (years ascending), got years {years}")
    return checked


def show_timeline(events, title="Where the ideas came from", width=9.0):
    """One time axis with every event at its year; returns the figure.

    ``events``: 1 to 12 ``(year, who, what)`` tuples, years ascending.  Each
    event gets a dot at x = year and a label "year / who / what" (``what``
    wrapped to short lines), alternately above and below the axis.
    ``width``: inches (the height follows).
    """
    events = _as_events(events)
    title = _text(title, "title")
    width = as_number(width, "width (inches)", minimum=4, maximum=20)
    fig, (ax,) = new_figure(1, 1, size=1)
    fig.set_size_inches(width, width * 0.5)
    years = [e[0] for e in events]
    first, last = min(years), max(years)
    span = max(last - first, 10)
    ax.axhline(0, color="0.4", linewidth=2, zorder=1)
    ax.scatter(years, [0] * len(years), s=60, color="tab:red", zorder=3)
    for n, (year, who, what) in enumerate(events):
        level = _LEVELS[n % len(_LEVELS)]
        ax.plot([year, year], [0, level * 0.85], color="0.6", linewidth=1, zorder=2)
        label = f"{year}\n{who}\n" + "\n".join(textwrap.wrap(what, 22))
        ax.text(
            year,
            level,
            label,
            ha="center",
            va="bottom" if level > 0 else "top",
            fontsize=9,
            color=TEXT,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "0.7"},
        )
    ax.set_xlim(first - 0.08 * span, last + 0.08 * span)
    ax.set_ylim(-4.8, 4.4)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", colors=TEXT)
    ax.set_xlabel("year", color=TEXT)
    if title:
        ax.set_title(title, color=TEXT)
    fig.tight_layout()
    return fig


def neuron_output(x, theta, b, activation="sigmoid"):
    """``(z, output)`` with ``z = x · θ + b`` and ``output = activation(z)``.

    ``x``, ``theta``: (n,) inputs and weights; ``b``: the bias;
    ``activation``: a name from ``ACTIVATIONS``.
    """
    x = as_numeric_array(x, "x", ndim=1, shape_hint="(n,)").astype(float)
    theta = as_numeric_array(theta, "theta", ndim=1, shape_hint="(n,)").astype(float)
    if x.shape != theta.shape:
        raise ValueError(
            f"x and theta must have the same length (one weight per input), got {x.shape} and {theta.shape}"
        )
    b = as_number(b, "b")
    if not isinstance(activation, str) or activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {list(ACTIVATIONS)}, got {activation!r}")
    z = float(x @ theta + b)
    return z, float(ACTIVATIONS[activation](np.array(z)))


def _biological(ax):
    """A schematic neuron: dendrites (left) -> cell body -> axon -> terminals (right)."""
    rng = np.random.default_rng(1)  # the same wiggles every time
    ax.add_patch(Circle((3.0, 0), 0.8, facecolor="#f4c7a1", edgecolor="#8c4a1c", linewidth=2, zorder=3))
    ax.add_patch(Circle((3.0, 0), 0.25, facecolor="#8c4a1c", zorder=4))  # nucleus
    for angle in np.linspace(140, 220, 4):  # dendrites, branching away from the cell body
        a = math.radians(angle)
        start = np.array([3.0 + 0.75 * math.cos(a), 0.75 * math.sin(a)])
        end = start + 1.2 * np.array([math.cos(a), math.sin(a)])
        ax.plot(*zip(start, end), color="#8c4a1c", linewidth=2.5)
        for turn in (-25, 25):
            b = math.radians(angle + turn + rng.uniform(-8, 8))
            tip = end + 0.7 * np.array([math.cos(b), math.sin(b)])
            ax.plot(*zip(end, tip), color="#8c4a1c", linewidth=1.5)
    ax.plot([3.8, 9.0], [0, 0], color="#8c4a1c", linewidth=3)  # the axon
    for y in (-0.5, 0, 0.5):  # axon terminals
        ax.plot([9.0, 9.7], [0, y], color="#8c4a1c", linewidth=1.5)
        ax.add_patch(Circle((9.75, y), 0.12, color="#8c4a1c"))
    # a spike travelling along the axon
    t = np.linspace(5.2, 7.4, 60)
    ax.plot(t, 0.9 + 0.6 * np.exp(-(((t - 6.3) / 0.25) ** 2)), color="tab:red", linewidth=2)
    ax.annotate("", xy=(8.2, 0.95), xytext=(7.2, 0.95), arrowprops={"arrowstyle": "->", "color": "tab:red"})
    labels = [
        (0.9, 2.5, "dendrites: collect signals\nfrom other neurons"),
        (3.4, -1.6, "cell body:\nadds them up"),
        (6.6, -0.9, "axon: sends a spike\nwhen the sum is large"),
        (6.4, 1.7, "spike"),
    ]
    for x, y, text in labels:
        ax.text(x, y, text, ha="center", va="center", fontsize=9, color=TEXT)
    ax.set_xlim(-0.5, 10.3)
    ax.set_ylim(-2.6, 3.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("a biological neuron (schematic)", color=TEXT)


def _artificial(ax, x, theta, b, z, out, activation):
    n = len(x)
    ys = np.linspace(1.8, -1.8, n) if n > 1 else np.array([0.0])
    for xi, ti, y in zip(x, theta, ys):
        ax.add_patch(Circle((0.6, y), 0.42, facecolor="#dbe9f6", edgecolor="tab:blue", zorder=3))
        ax.text(0.6, y, f"{xi:g}", ha="center", va="center", fontsize=10, color=TEXT, zorder=4)
        ax.add_patch(FancyArrowPatch((1.05, y), (3.3, 0), arrowstyle="->", mutation_scale=12, color="0.3"))
        ax.text(2.0, y * 0.55 + 0.25, f"θ={ti:g}", ha="center", va="bottom", fontsize=9, color="navy")
    ax.add_patch(Circle((3.9, 0), 0.6, facecolor="#fde2c4", edgecolor="#c06000", zorder=3))
    ax.text(3.9, 0, "Σ", ha="center", va="center", fontsize=16, color=TEXT, zorder=4)
    ax.text(3.9, -1.0, f"xθ + b\n= {z:.2f}", ha="center", va="top", fontsize=9, color=TEXT)
    ax.text(3.9, 0.75, f"b={b:g}", ha="center", va="bottom", fontsize=9, color="navy")
    ax.add_patch(FancyArrowPatch((4.5, 0), (5.5, 0), arrowstyle="->", mutation_scale=12, color="0.3"))
    ax.add_patch(
        FancyBboxPatch((5.55, -0.45), 1.5, 0.9, boxstyle="round,pad=0.05", facecolor="#e5f5e0", edgecolor="green")
    )
    ax.text(6.3, 0, activation, ha="center", va="center", fontsize=10, color=TEXT)
    ax.add_patch(FancyArrowPatch((7.1, 0), (8.0, 0), arrowstyle="->", mutation_scale=12, color="0.3"))
    ax.text(8.1, 0, f"{out:.2f}", ha="left", va="center", fontsize=11, color=TEXT, fontweight="bold")
    ax.text(0.6, -2.7, "inputs x", ha="center", va="center", fontsize=9, color=TEXT)
    ax.text(
        4.5,
        2.9,
        f"output = {activation}(xθ + b) = {out:.2f}",
        ha="center",
        va="center",
        fontsize=10,
        color=TEXT,
    )
    ax.set_xlim(-0.2, 9.2)
    ax.set_ylim(-3.1, 3.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("an artificial neuron", color=TEXT)


def show_neuron(x, theta, b, activation="sigmoid", width=9.0):
    """The biological neuron beside the artificial one; returns the figure.

    Left: a schematic (not to scale) of dendrites, cell body and axon.  Right:
    inputs ``x`` (n,) with weights ``theta`` (n,), 1 to 5 of them, the bias
    ``b``, the sum ``z = x · θ + b`` and ``output = activation(z)``, written
    with two decimals (``neuron_output`` computes them).
    """
    z, out = neuron_output(x, theta, b, activation)
    x = np.asarray(x, dtype=float)
    if not 1 <= len(x) <= 5:
        raise ValueError(f"x must hold 1 to 5 inputs to be drawn, got {len(x)}")
    width = as_number(width, "width (inches)", minimum=4, maximum=20)
    fig, (ax_bio, ax_art) = new_figure(2, 1, size=1)
    fig.set_size_inches(width, width * 0.36)
    _biological(ax_bio)
    _artificial(ax_art, x, np.asarray(theta, dtype=float), float(b), z, out, activation)
    fig.tight_layout()
    return fig
