"""Text alternatives for figures, made from the numbers the figure shows.

A student who uses a screen reader cannot see a figure; the reader speaks its
*alternative text* instead.  The course writes that text from what is drawn,
not from a fixed caption:

    ax = plotting.show_matrix(np.array([[1, 0, -1]] * 3), title="kernel")
    plotting.alt_text(ax.figure)
    # "kernel: a 3 x 3 matrix, by row: 1, 0, -1; 1, 0, -1; 1, 0, -1."

``alt_text(fig)`` reads each panel's artists, in panel order:

- numbers printed in cells (a matrix, a kernel, a confusion matrix): the
  values by row, or for a large grid its size and range;
- an image: what it is (grey or colour) and its size in pixels;
- curves: each one's start, end and best point (lowest, or highest for an
  accuracy), against the x axis' label;
- bars: each bar's label and value;
- titles and axis labels, and the figure's own title.

A plotting function that knows more says it with ``describe(ax, text)``
(a confusion matrix gives the accuracy and its three largest confusions);
that text replaces the panel's generic one.

**How the text reaches the reader.**  ``install()`` (run when the course's
helpers are imported inside IPython) registers a formatter that adds
``{"image/png": {"alt": text}}`` to every figure's output metadata.
nbconvert's HTML and slides write it as ``<img alt>`` (``get_metadata('alt',
'image/png')``); the website (site/conf.py) passes it to myst-nb, which reads
only the width and height from output metadata; JupyterLab 4 ignores it (its
image renderer sets no ``alt``), so the course's lab extension
(share/jupyter/labextensions/course-rise-widgets) copies it onto the ``<img>``,
in JupyterLab and in RISE slideshows alike.
"""

from __future__ import annotations

import weakref

import numpy as np
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.image import AxesImage

from .. import kernels

__all__ = ["describe", "alt_text", "describe_values", "install"]

MAX_CELLS = 64  # a grid of numbers larger than this is summarised (size and range), not read out
MAX_TITLES = 12  # panels listed by title, beyond that counted
_described: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def describe(target, text: str):
    """Give a panel (an Axes) or a whole figure its alternative text; returns ``target``.

    A panel's text replaces what ``alt_text`` would read from its artists; a
    figure's text replaces the whole description.
    """
    if not isinstance(target, (Axes, Figure)):
        raise TypeError(f"target must be a Matplotlib Axes or Figure, got {target!r}")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"text must be a non-empty string, got {text!r}")
    _described[target] = " ".join(text.split())
    return target


def _number(value) -> str:
    value = float(value)
    if value.is_integer() and abs(value) < 1e6:
        return str(int(value))
    return f"{value:.3g}"


def describe_values(values, fmt=_number) -> str:
    """A row of numbers as text: ``1, 0, -1``."""
    return ", ".join(fmt(v) for v in np.asarray(values, dtype=float).ravel())


def _cell_texts(ax) -> list[list[str]] | None:
    """Texts printed on a grid of cells (a matrix), by row, or None."""
    texts = [t for t in ax.texts if t.get_text().strip() and t.get_visible()]
    if len(texts) < 2:
        return None
    rows: dict[float, list] = {}
    for t in texts:
        x, y = t.get_position()
        rows.setdefault(round(float(y), 3), []).append((float(x), t.get_text().strip()))
    widths = {len(r) for r in rows.values()}
    if len(widths) != 1 or len(rows) * widths.pop() != len(texts):
        return None  # not a full grid: annotations, not cells
    return [[text for _, text in sorted(row)] for _, row in sorted(rows.items())]


def _a(n: int) -> str:
    """'a' or 'an' before the number n as it is read aloud ("an 8 x 8", "an 11 x 11")."""
    digits = str(int(n))
    spoken_eleven_or_eighteen = digits[:2] in ("11", "18") and len(digits) % 3 == 2
    return "an" if digits.startswith("8") or spoken_eleven_or_eighteen else "a"


def _image_phrase(image: AxesImage) -> str:
    array = np.asarray(image.get_array())
    if array.ndim == 3 and array.shape[2] in (3, 4):
        return f"a colour image of {array.shape[0]} x {array.shape[1]} pixels"
    if array.ndim == 2:
        low, high = float(np.nanmin(array)), float(np.nanmax(array))
        return f"{_a(array.shape[0])} {array.shape[0]} x {array.shape[1]} grey map, values {_number(low)} to {_number(high)}"
    return f"an image of shape {array.shape}"


def _best_is_highest(name: str, ylabel: str) -> bool:
    words = f"{name} {ylabel}".lower()
    return any(word in words for word in ("acc", "share", "kept", "precision", "recall"))


def _line_phrase(line, ylabel: str, xlabel: str) -> str | None:
    x, y = (np.asarray(v, dtype=float) for v in line.get_data())
    name = line.get_label()
    if y.size == 0 or name.startswith("_"):
        return None  # unlabelled helper lines (grids, markers, reference lines without a name)
    finite = np.isfinite(y)
    if not finite.any():
        return f"{name}: no values"
    if y.size == 1:
        return f"{name}: {_number(y[0])}"
    best = np.nanargmax(y) if _best_is_highest(name, ylabel) else np.nanargmin(y)
    word = "highest" if _best_is_highest(name, ylabel) else "lowest"
    at = f"{xlabel or 'x'} {_number(_snap(x[best], x))}"
    first, last = (_number(_snap(v, y)) for v in (y[finite][0], y[finite][-1]))
    return f"{name}: {len(y)} points from {first} to {last}, {word} {_number(_snap(y[best], y))} at {at}"


def _snap(value: float, values) -> float:
    """``value``, or 0 where it is rounding noise next to the line's largest value (sin(π) = 1.2e-16:
    said as 0, not "1.22e-16"): |value| <= 1e-12 · max |values|."""
    scale = np.nanmax(np.abs(values[np.isfinite(values)])) if np.isfinite(values).any() else 0.0
    return 0.0 if abs(value) <= 1e-12 * scale else float(value)


def _bar_phrase(container: BarContainer, categories: list[str]) -> str:
    heights = [patch.get_height() for patch in container.patches]
    label = container.get_label()
    pairs = [f"{c} {_number(h)}" for c, h in zip(categories, heights)] if len(categories) == len(heights) else None
    text = ", ".join(pairs) if pairs else describe_values(heights)
    return f"{label}: {text}" if label and not label.startswith("_") else text


def _panel_text(ax) -> str:
    """What one panel shows, read from its artists."""
    if ax in _described:
        return _described[ax]
    parts = []
    title = ax.get_title().strip()
    cells = _cell_texts(ax) if ax.images else None  # numbers printed on drawn cells: a matrix
    role = kernels.role(title, (len(cells), len(cells[0]))) if cells else None
    if role:  # a kernel of the gallery: its name and its role
        title = f"{title} ({role})"
    if cells is not None:
        rows, cols = len(cells), len(cells[0])
        if rows * cols <= MAX_CELLS:
            parts.append(f"{_a(rows)} {rows} x {cols} matrix, by row: " + "; ".join(", ".join(row) for row in cells))
        else:
            parts.append(f"{_a(rows)} {rows} x {cols} grid of numbers")
    elif ax.images:
        parts.extend(_image_phrase(image) for image in ax.images[:1])
    xlabel, ylabel = ax.get_xlabel().strip(), ax.get_ylabel().strip()
    categories = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    for container in bars:
        parts.append(_bar_phrase(container, categories))
    lines = [p for p in (_line_phrase(line, ylabel, xlabel) for line in ax.lines) if p]
    if lines or bars:
        if ylabel or xlabel:
            parts.insert(0, f"{ylabel} against {xlabel}".strip() if xlabel else ylabel)
    parts.extend(lines)
    if not parts:
        words = [t.get_text().strip() for t in ax.texts if t.get_text().strip()]
        if words:
            parts.append("text: " + "; ".join(words[:MAX_CELLS]))
    body = "; ".join(parts)
    text = f"{title}: {body}" if title and body else title or body
    return " ".join(text.split())  # labels drawn on two lines read as one


def alt_text(fig) -> str:
    """The figure's alternative text (see the module's docstring)."""
    if isinstance(fig, Axes):
        fig = fig.figure
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a Matplotlib Figure, got {fig!r}")
    if fig in _described:
        return _described[fig]
    panels = [ax for ax in fig.axes if ax.get_visible() and (ax in _described or ax.has_data() or ax.texts)]
    panels = [ax for ax in panels if ax.get_label() != "<colorbar>"]
    texts = [t for t in (_panel_text(ax) for ax in panels) if t]
    suptitle = fig.get_suptitle().strip()
    head = f"{suptitle}. " if suptitle else ""
    if not texts:
        return (head + "A figure with no data drawn.").strip()
    if len(texts) > MAX_TITLES and len({t.split(":")[-1] for t in texts}) < len(texts):
        # many similar panels (a gallery): name them, then what the first one is
        titles = [" ".join(ax.get_title().split()) or "untitled" for ax in panels]
        shown = ", ".join(titles[:MAX_TITLES]) + (
            f" and {len(titles) - MAX_TITLES} more" if len(titles) > MAX_TITLES else ""
        )
        return f"{head}{len(texts)} panels: {shown}. The first: {texts[0]}."
    count = f"{len(texts)} panels. " if len(texts) > 1 else ""
    return f"{head}{count}" + ". ".join(texts) + "."


def _figure_metadata(fig):
    """IPython's mimebundle formatter for a Figure: no data, only the PNG's alt text."""
    try:
        return {}, {"image/png": {"alt": alt_text(fig)}}
    except Exception:  # a description must never stop a figure from showing
        return {}, {}


def install(shell=None) -> bool:
    """Attach ``alt_text`` to every figure IPython displays (output metadata ``image/png.alt``).

    Returns True when installed (inside IPython), False elsewhere.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    shell.display_formatter.mimebundle_formatter.for_type(Figure, _figure_metadata)
    return True
