"""Presenter mode: bigger type and figures for a projector.

``presenter_mode()`` (or ``COURSE_PRESENTER=1`` in the environment before the
notebook starts) scales Matplotlib's fonts, lines and figure resolution and,
in JupyterLab, enlarges text (outputs and rendered Markdown) and zooms widgets.  Figures keep their
opaque white background, so they read the same on light and dark themes and
on a washed-out projector.  ``presenter_mode(False)`` restores the defaults.
"""

from __future__ import annotations

from .config import env_flag

PRESENTER_ENV_VAR = "COURSE_PRESENTER"
_SCALED_KEYS = (
    "font.size",
    "axes.titlesize",
    "axes.labelsize",
    "xtick.labelsize",
    "ytick.labelsize",
    "legend.fontsize",
    "lines.linewidth",
)
_saved = None

# Text outputs get a size of their own (not a percentage of their parent's, which
# compounded in nested widget boxes: labels 1.5^4 = 5 times too big, clipped at their
# fixed widths).  A widget is zoomed as a whole, so its pixel widths grow with its text,
# and its rows wrap where the zoomed widget is wider than the page (else flex squeezed
# the sliders' value readouts out of sight).
CSS = """<style>
.jp-OutputArea-output pre, .jp-RenderedHTMLCommon {font-size: calc(%(scale)s * var(--jp-content-font-size1, 14px)) !important;}
.jp-OutputArea-output > .jupyter-widgets {zoom: %(scale)s;}
.jp-OutputArea-output .jupyter-widgets.widget-hbox {flex-wrap: wrap;}
</style>"""


def presenter_mode(on: bool = True, scale: float = 1.5) -> None:
    """Switch presenter mode on (fonts and figures ``scale`` times bigger) or off."""
    global _saved
    import matplotlib as mpl
    from matplotlib import font_manager

    if not isinstance(on, bool):
        raise TypeError(f"on must be True or False, got {on!r}")
    if not (isinstance(scale, (int, float)) and 1.0 <= scale <= 3.0):
        raise ValueError(f"scale must be a number from 1.0 to 3.0, got {scale!r}")
    if on:
        if _saved is None:
            _saved = {key: mpl.rcParams[key] for key in (*_SCALED_KEYS, "figure.dpi")}
        for key in _SCALED_KEYS:
            value = _saved[key]
            if isinstance(value, str):  # "medium", "large": named sizes become points first
                value = font_manager.FontProperties(size=value).get_size_in_points()
            mpl.rcParams[key] = value * scale
        mpl.rcParams["figure.dpi"] = _saved["figure.dpi"] * min(scale, 1.5)
    elif _saved is not None:
        mpl.rcParams.update(_saved)
        _saved = None
    _show_css(scale if on else 1.0)


def _show_css(scale: float) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:
        return
    if get_ipython() is not None:
        display(HTML(CSS % {"scale": f"{scale:g}"}))


def apply_from_env() -> None:
    """Turn presenter mode on when COURSE_PRESENTER=1 (called when helpers.plotting loads)."""
    if env_flag(PRESENTER_ENV_VAR):
        presenter_mode(True)
