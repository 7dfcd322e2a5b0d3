"""How the course's tools appear: a live widget where a front end can draw it,
a static picture everywhere else.

A kernel cannot ask its front end whether it draws ipywidgets, so
``widget_frontend_expected`` makes a well-founded guess (overridable with
``COURSE_WIDGETS``).  ``mimebundle`` builds what a tool's
``_repr_mimebundle_`` returns: always a PNG of the tool's current state
(``static_figure()``) with its text alternative in the metadata (the tool's
text form, then what the picture shows: ``plotting.alt_text``), plus the
live widget (``widget()``) when expected.

Every tool is an ``InteractiveTool`` (its logic, tested without a browser)
with a ``Controls`` subclass (its layout); this module holds their plumbing.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import os
import sys

import numpy as np

from ..plotting import alt_text
from ..validate import as_numeric_array

WIDGETS_ENV_VAR = "COURSE_WIDGETS"


def widget_frontend_expected() -> bool:
    """Will this kernel's output be shown by a front end that draws ipywidgets?

    A kernel cannot ask its front end, so this is a well-founded guess:
    Jupyter servers (JupyterLab, Notebook 7, JupyterHub, Binder) start kernels
    with ``JPY_SESSION_NAME`` set, and VS Code and Colab can be recognised
    too; headless runners (nbconvert --execute, nbval, papermill) set none of
    these.  ``COURSE_WIDGETS=live`` or ``=static`` overrides the guess.
    """
    mode = os.environ.get(WIDGETS_ENV_VAR, "auto").strip().lower() or "auto"
    if mode not in ("auto", "live", "static"):
        raise ValueError(f"{WIDGETS_ENV_VAR}={mode!r} is not understood: use auto, live or static")
    if mode != "auto":
        return mode == "live"
    return bool(os.environ.get("JPY_SESSION_NAME") or os.environ.get("VSCODE_PID") or "google.colab" in sys.modules)


def to_jpeg(gray: np.ndarray) -> bytes:
    """Encode a uint8 (H, W) grey image as JPEG bytes for a live widget.

    JPEG at quality 92 takes about 0.5 ms for 512 x 512 (PNG: 5-10 ms) and is
    3x smaller, which keeps the widget's updates well inside 20 ms.
    """
    from PIL import Image

    gray = as_numeric_array(gray, "gray", ndim=2, shape_hint="(H, W)")
    if gray.dtype != np.uint8:
        raise TypeError(
            f"gray must be uint8 grey levels 0..255 (see plotting.scale_for_display), got dtype {gray.dtype}"
        )

    buffer = io.BytesIO()
    Image.fromarray(gray, mode="L").save(buffer, format="JPEG", quality=92)
    return buffer.getvalue()


def image_html(jpeg: bytes, alt: str, width: str | None = None) -> str:
    """An <img> of JPEG bytes with its text alternative, for a widgets.HTML.

    (ipywidgets 8's Image has no alt, and its tooltip crashes its view:
    "Cannot read properties of undefined (reading 'length')" in updateTooltip.)"""
    if not isinstance(jpeg, bytes) or jpeg[:2] != b"\xff\xd8":
        raise TypeError("jpeg must be JPEG bytes (see to_jpeg)")
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("alt must be a non-empty text: what the picture shows")
    size = f" width='{html.escape(width)}'" if width else ""
    source = base64.b64encode(jpeg).decode("ascii")
    return f"<img src='data:image/jpeg;base64,{source}' alt='{html.escape(alt, quote=True)}'{size}>"


def figure_png(fig) -> bytes:
    """Render a Matplotlib figure to PNG bytes and close it."""
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a Matplotlib Figure, got {fig!r}")

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", facecolor=fig.get_facecolor(), bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def mimebundle(tool, text: str, include=None, exclude=None) -> tuple[dict, dict]:
    """(data, metadata): the display data of a tool that has ``widget()`` and
    ``static_figure()``; the metadata gives the picture its alt text."""
    bundle = {}
    if widget_frontend_expected():
        bundle.update(tool.widget()._repr_mimebundle_(include=include, exclude=exclude) or {})
    fig = tool.static_figure()
    alt = f"{text}; a picture of the tool as it stands: {alt_text(fig)}"
    bundle["image/png"] = figure_png(fig)
    bundle["text/plain"] = text
    return bundle, {"image/png": {"alt": alt}}


def outline(ax, rows: range, cols: range) -> None:
    """Frame the cells ``rows`` x ``cols`` of a ``plotting.show_matrix`` picture
    in gold (cell (r, c) is the unit square centred on x = c, y = r)."""
    from matplotlib.patches import Rectangle

    ax.add_patch(
        Rectangle((cols.start - 0.5, rows.start - 0.5), len(cols), len(rows), fill=False, edgecolor="gold", linewidth=3)
    )


def warning_html(text: str) -> str:
    """A message for the student in red (HTML-escaped): what was wrong with an
    input, while the tool keeps its last good state."""
    return f"<span style='color:#c0392b;background:#fff'>{html.escape(text)}</span>"  # 5.4:1, on any theme


def status_html(text: str, extra_html: str = "") -> str:
    """A tool's result as text in a live region (``role="status"``,
    ``aria-live="polite"``): a screen reader announces it after each change,
    and anyone can read it beside the picture.  ``text`` is HTML-escaped;
    ``extra_html`` (a warning, a formula) is appended as it is.  Black on white,
    as the figures are, so that its coloured verdicts keep their contrast on a
    dark theme too (green #1a7f37 on JupyterLab Dark's grey was 3.7:1)."""
    style = "font-size:14px;color:#000;background:#fff;padding:2px 6px"
    return f"<div role='status' aria-live='polite' style='{style}'>{html.escape(text)}{extra_html}</div>"


class Controls:
    """The live controls of one tool: its layout, kept in step with its state.

    ``class _PadUI(Controls, tool=XODrawingPad)`` makes ``_PadUI`` the widget
    of ``XODrawingPad``; the subclass writes two methods:

    - ``layout(w, tool)``: make the controls (``w`` is ``ipywidgets``), connect
      them to the tool's logic (``self.on_change``, buttons' ``on_click``) and
      return the root widget;
    - ``show(tool)``: copy the tool's state into the controls and pictures.

    The tool calls ``refresh()`` after each change of its state, and
    ``refresh`` runs ``show`` inside ``with self.syncing():``.  Setting a
    control there fires its handler; the handlers made by ``on_change`` return
    early while ``self.syncing_now`` is True, so only a person's change
    reaches the tool.
    """

    syncing_now = False

    def __init_subclass__(cls, tool=None, **kwargs):
        super().__init_subclass__(**kwargs)
        if tool is not None:
            tool.controls = cls

    def __init__(self, tool):
        import ipywidgets  # only a live widget needs it

        self.tool = tool
        self.root = self.layout(ipywidgets, tool)
        self.refresh()

    def layout(self, w, tool):
        raise NotImplementedError

    def show(self, tool) -> None:
        raise NotImplementedError

    def on_change(self, control, act) -> None:
        """Call ``act(new value)`` when a person changes ``control``'s value."""

        def handler(change):
            if not self.syncing_now:
                act(change["new"])

        control.observe(handler, names="value")

    def refresh(self) -> None:
        """Show the tool's state; the handlers ignore what this sets."""
        with self.syncing():
            self.show(self.tool)

    @contextlib.contextmanager
    def syncing(self):
        before, self.syncing_now = self.syncing_now, True
        try:
            yield
        finally:
            self.syncing_now = before


class InteractiveTool:
    """What every course tool shares: ``widget()`` builds its controls once
    (``controls``, the ``Controls`` subclass declared with ``tool=`` this
    class), ``_notify()`` brings them in line after each change of state, and
    displaying the tool sends ``mimebundle(...)``.  A tool supplies its logic,
    ``static_figure()`` and ``_label()`` (its one-line text form)."""

    controls: type[Controls] | None = None
    _ui = None

    def _label(self) -> str:
        return type(self).__name__

    def _notify(self) -> None:
        """Bring the widget (if one was built) in line with the state."""
        if self._ui is not None:
            self._ui.refresh()

    def widget(self):
        """The ipywidgets user interface (built once, then reused)."""
        if self._ui is None:
            if self.controls is None:
                raise NotImplementedError(f"{type(self).__name__} has no controls: declare a Controls subclass for it")
            self._ui = self.controls(self)
        return self._ui.root

    def _repr_mimebundle_(self, include=None, exclude=None):
        return mimebundle(self, self._label(), include, exclude)
