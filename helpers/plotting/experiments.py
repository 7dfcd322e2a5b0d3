"""Measured claims drawn (lesson 8): a number against a knob, a fit against its target, an ensemble.

- ``show_measured(x, series)``: one line per network, a measured number
  (accuracy, loss, error) against the knob that was turned (training images,
  pixels of shift, steps, hidden units).  A series with several runs (one
  row per seed) is drawn as the runs' mean, with a band from their lowest
  to their highest value, so that one lucky seed cannot make the point.
  Each mean is written beside its marker, as the lesson prints it.
- ``show_approximations(x, target, fits)``: a 1-D function and the curves
  that approximate it (universal approximation: more hidden units, a
  closer fit).
- ``show_ensemble(members, ensemble)``: each member's accuracy, their mean
  and the ensemble's accuracy (the average of the members' probabilities).

Every line has its own marker and dash as well as its colour, so the
figures read in grey too.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..validate import as_bool, as_number, as_numeric_array
from .basics import TEXT, _as_ax, _text, new_figure

__all__ = ["show_measured", "show_approximations", "show_ensemble"]

MARKERS = ("o", "s", "^", "D", "v", "P")
DASHES = ("-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1)))
MAX_SERIES = len(MARKERS)


def _as_format(fmt, name="fmt"):
    """A format string such as "{:.2f}" or "{:.0%}" with one field."""
    if not isinstance(fmt, str):
        raise TypeError(f"{name} must be a format string such as '{{:.2f}}', got {fmt!r}")
    try:
        fmt.format(0.5)
    except (ValueError, IndexError, KeyError) as error:
        raise ValueError(f"{name} must be a format string with one field such as '{{:.2f}}', got {fmt!r}") from error
    return fmt


def _as_series(series, n, name="series"):
    """{name: (n,) or (runs, n) values} -> {name: (runs, n) float array}, at most MAX_SERIES of them."""
    if not isinstance(series, Mapping):
        raise TypeError(f"{name} must be a dict {{label: values}}, got {series!r}")
    if not 1 <= len(series) <= MAX_SERIES:
        raise ValueError(f"{name} must hold 1 to {MAX_SERIES} lines, got {len(series)}")
    out = {}
    for label, values in series.items():
        label_text = _text(label, f"{name} label")
        values = as_numeric_array(values, f"{name}[{label!r}]", shape_hint="(n,) or (runs, n)").astype(float)
        values = values[None, :] if values.ndim == 1 else values
        if values.ndim != 2 or values.shape[1] != n or values.shape[0] == 0:
            raise ValueError(
                f"{name}[{label!r}] must have shape ({n},) or (runs, {n}), one value per x; got {values.shape}"
            )
        if not np.all(np.isfinite(values)):
            raise ValueError(f"{name}[{label!r}] must hold finite numbers")
        out[label_text] = values
    return out


def _as_x(x, name="x"):
    x = as_numeric_array(x, name, ndim=1, shape_hint="(n,)").astype(float)
    if len(x) == 0 or not np.all(np.isfinite(x)):
        raise ValueError(f"{name} must hold at least one finite number")
    return x


def _finish(ax, title, xlabel, ylabel, legend=True):
    if title:
        ax.set_title(title, color=TEXT)
    if xlabel:
        ax.set_xlabel(xlabel, color=TEXT)
    if ylabel:
        ax.set_ylabel(ylabel, color=TEXT)
    ax.grid(alpha=0.3)
    if legend:
        ax.legend(loc="best", framealpha=0.9)
    ax.figure.tight_layout()
    return ax


def show_measured(
    x,
    series,
    xlabel,
    ylabel,
    title=None,
    logx=False,
    fmt="{:.2f}",
    annotate=True,
    reference=None,
    ax=None,
    size=(6.5, 3.6),
):
    """A measured number against a knob, one line per network; returns the panel.

    ``x``: (n,) the knob's values (e.g. training images 100, 300, 1000, 3009).
    ``series``: {label: values}, each (n,) for one run or (runs, n) for one
    row per run (seed): the line is the mean over runs, the band spans the
    lowest to the highest run.  ``fmt`` writes each mean beside its marker
    ("{:.0%}" for an accuracy) when ``annotate`` and there are at most 8
    points; ``logx`` spaces x by its logarithm.  ``reference``: an optional
    (value, label) pair drawn as a dotted horizontal line (e.g. the loss of
    a network that guesses).
    """
    x = _as_x(x)
    series = _as_series(series, len(x))
    xlabel, ylabel, title = _text(xlabel, "xlabel"), _text(ylabel, "ylabel"), _text(title, "title")
    logx = as_bool(logx, "logx")
    fmt = _as_format(fmt)
    annotate = as_bool(annotate, "annotate")
    if reference is not None:
        if not (isinstance(reference, (tuple, list)) and len(reference) == 2):
            raise TypeError(f"reference must be None or a (value, label) pair, got {reference!r}")
        reference = (as_number(reference[0], "reference value"), _text(reference[1], "reference label"))
    if logx and np.any(x <= 0):
        raise ValueError("x must be positive when logx=True")
    if ax is None:
        fig, (ax,) = new_figure(1, 1)
        fig.set_size_inches(*size)
    _as_ax(ax)
    for k, (label, runs) in enumerate(series.items()):
        mean = runs.mean(axis=0)
        (line,) = ax.plot(x, mean, marker=MARKERS[k], linestyle=DASHES[k], label=label)
        if len(runs) > 1:
            ax.fill_between(x, runs.min(axis=0), runs.max(axis=0), color=line.get_color(), alpha=0.18, linewidth=0)
        if annotate and len(x) <= 8:
            for xi, yi in zip(x, mean):
                ax.annotate(
                    fmt.format(yi),
                    (xi, yi),
                    textcoords="offset points",
                    xytext=(4, 6 - 14 * (k % 2)),
                    fontsize=8,
                    color=line.get_color(),
                )
    if reference is not None:
        ax.axhline(reference[0], color=TEXT, linestyle=":", linewidth=1.2, label=reference[1])
    if logx:
        ax.set_xscale("log")
    if len(x) <= 8:
        ax.set_xticks(x, [f"{value:g}" for value in x])
        ax.minorticks_off()
    return _finish(ax, title, xlabel, ylabel)


def show_approximations(x, target, fits, title=None, ax=None, size=(6.5, 3.4)):
    """A 1-D function and its approximations; returns the panel.

    ``x``: (n,) the inputs; ``target``: (n,) the function's values there;
    ``fits``: {label: (n,) values}, e.g. {"4 hidden units": y4, ...}.
    The target is the thick black line; each fit has its own colour and dash.
    """
    x = _as_x(x)
    target = as_numeric_array(target, "target", ndim=1, shape_hint="(n,)").astype(float)
    if target.shape != x.shape:
        raise ValueError(f"target must have one value per x, shape {x.shape}; got {target.shape}")
    fits = _as_series(fits, len(x), "fits")
    if any(len(values) != 1 for values in fits.values()):
        raise ValueError("fits must hold one (n,) curve per label")
    title = _text(title, "title")
    if ax is None:
        fig, (ax,) = new_figure(1, 1)
        fig.set_size_inches(*size)
    _as_ax(ax)
    ax.plot(x, target, color=TEXT, linewidth=3, label="target", zorder=1)
    for k, (label, values) in enumerate(fits.items()):
        ax.plot(x, values[0], linestyle=DASHES[k], linewidth=1.6, label=label, zorder=2)
    return _finish(ax, title, "x", "y")


def show_ensemble(members, ensemble, title=None, fmt="{:.1%}", ax=None, size=(6.5, 3.2)):
    """Each member's accuracy, their mean (dashed) and the ensemble's; returns the panel.

    ``members``: (k,) the accuracy of each network alone; ``ensemble``: one
    number, the accuracy of the average of their probabilities.  Each value is
    a marker on a stem from the members' mean (above the line: better than the
    mean), with its value written beside it; the members are grey circles, the
    ensemble a larger star.
    """
    members = as_numeric_array(members, "members", ndim=1, shape_hint="(k,)").astype(float)
    if len(members) == 0 or not np.all(np.isfinite(members)):
        raise ValueError("members must hold at least one finite number")
    ensemble = float(as_numeric_array(ensemble, "ensemble", ndim=0))
    if not np.isfinite(ensemble):
        raise ValueError("ensemble must be a finite number")
    title, fmt = _text(title, "title"), _as_format(fmt)
    if ax is None:
        fig, (ax,) = new_figure(1, 1)
        fig.set_size_inches(*size)
    _as_ax(ax)
    mean = members.mean()
    ax.axhline(mean, color=TEXT, linestyle="--", linewidth=1, label=f"members' mean {fmt.format(mean)}")
    labels = [f"net {i + 1}" for i in range(len(members))] + ["ensemble"]
    values = np.append(members, ensemble)
    positions = np.arange(len(values))
    ax.vlines(positions, mean, values, color="0.55", linewidth=2)
    ax.plot(positions[:-1], members, "o", color="0.45", markersize=9, label="one network")
    ax.plot(positions[-1:], [ensemble], "*", color="C0", markersize=16, label="the ensemble")
    for x, value in zip(positions, values):
        ax.annotate(fmt.format(value), (x, value), textcoords="offset points", xytext=(10, 4), color=TEXT, fontsize=9)
    ax.set_xticks(positions, labels)
    ax.set_xlim(-0.5, len(values) - 0.3)
    spread = max(values.max() - values.min(), 0.01)
    ax.set_ylim(values.min() - spread, values.max() + spread)
    _finish(ax, title, None, "test accuracy", legend=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)  # below, off the data
    ax.figure.tight_layout()
    return ax
