"""Every figure speaks: its text alternative is read from what it draws.

``helpers.plotting.describe`` gives each figure an alt text for screen
readers; these tests check it for every figure function of the course (the
fuzz tables' good arguments), its content for each kind of figure (matrix,
image, curves, bars, confusion matrix), and that it reaches the output's
metadata, where nbconvert, the website (tools/site_alt.py) and JupyterLab
(the course's lab extension) read it.
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers import plotting
from tests.fuzz import specs_plotting, specs_plotting_figures

GENERIC = {"", "image", "png", "output", "figure", "plot", "a figure with no data drawn."}
FIGURE_SPECS = [
    s
    for s in specs_plotting.SPECS + specs_plotting_figures.SPECS
    if s.name.startswith("plotting.show_") and s.name != "plotting.show_history_helper"
]


def figure_of(result) -> Figure:
    """The figure a plotting function drew (it returns an Axes, a Figure, or a tuple holding one)."""
    if isinstance(result, Figure):
        return result
    if isinstance(result, Axes):
        return result.figure
    if hasattr(result, "ax") and isinstance(result.ax, Axes):  # a colour bar
        return result.ax.figure
    if isinstance(result, (tuple, list)):
        return figure_of(result[0])
    raise AssertionError(f"no figure in {result!r}")


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.mark.parametrize("spec", FIGURE_SPECS, ids=[s.name for s in FIGURE_SPECS])
def test_every_figure_function_gives_a_text_made_from_its_data(spec):
    fig = figure_of(spec.call(**spec.good()))
    text = plotting.alt_text(fig)
    assert text.strip().lower() not in GENERIC and len(text) >= 20, text
    assert not re.search(r"\.(png|jpe?g)\b|_images/", text), text  # never a file name
    assert re.search(r"\d", text), f"{spec.name}: no number from the data in {text!r}"


def test_a_matrix_is_read_by_row():
    ax = plotting.show_matrix(np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]]), title="Sobel x")
    assert plotting.alt_text(ax.figure) == "Sobel x: a 3 x 3 matrix, by row: 1, 0, -1; 2, 0, -2; 1, 0, -1."
    box = plotting.show_kernel(np.full((3, 3), 1 / 9), title="box")
    assert "1/9, 1/9, 1/9; 1/9" in plotting.alt_text(box.figure)  # the fractions as printed


def test_a_large_grid_is_summarised_not_read_out():
    ax = plotting.show_matrix(np.arange(100).reshape(10, 10), title="big")
    assert plotting.alt_text(ax.figure) == "big: a 10 x 10 grid of numbers."


def test_an_image_gives_its_size_and_range():
    photo = np.zeros((28, 20), dtype=np.uint8)
    photo[3, 4] = 200
    ax = plotting.show_image(photo, title="a seven")
    assert plotting.alt_text(ax.figure) == "a seven: a 28 x 20 grey image, values 0 to 200."
    # the values described are the data, not the grey levels a scaling draws
    ax = plotting.show_image(np.array([[-2.0, 0.0], [1.0, 3.0]]), title="map", scaling="symmetric")
    assert "values -2 to 3" in plotting.alt_text(ax.figure)


def test_curves_give_start_end_and_best_epoch():
    ax = plotting.show_curves(
        {"loss": [2.3, 1.1, 0.7, 0.9], "val_accuracy": [0.2, 0.6, 0.8, 0.75]}, title="training", ylabel="value"
    )
    text = plotting.alt_text(ax.figure)
    assert "loss: 4 points from 2.3 to 0.9, lowest 0.7 at epoch 3" in text
    assert "val_accuracy: 4 points from 0.2 to 0.75, highest 0.8 at epoch 3" in text
    assert text.startswith("training: value against epoch")


def test_rounding_noise_on_a_curve_is_said_as_zero():
    x = np.linspace(-1, 1, 401)
    ax = plotting.show_curves({"target": np.sin(np.pi * x)}, title="sin", xlabel="x", ylabel="y")
    assert np.sin(np.pi * x[0]) != 0  # -1.2e-16: floating point's sin(-pi)
    text = plotting.alt_text(ax.figure)
    lowest = np.argmin(np.sin(np.pi * x)) + 1  # show_curves counts steps from 1; x = -0.5 is point 101
    assert f"target: 401 points from 0 to 0, lowest -1 at x {lowest}" in text, text
    # a small value on a small line is not noise: kept
    ax = plotting.show_curves({"loss": [3e-9, 2e-9, 1e-9]}, title="tiny", ylabel="loss")
    assert "loss: 3 points from 3e-09 to 1e-09" in plotting.alt_text(ax.figure)


def test_bars_give_each_label_and_value():
    ax = plotting.show_grouped_bars({"vertical": [0.9, 0.1], "horizontal": [0.2, 0.8]}, ["stripes", "bars"])
    text = plotting.alt_text(ax.figure)
    assert "vertical: stripes 0.9, bars 0.1" in text and "horizontal: stripes 0.2, bars 0.8" in text


def test_a_confusion_matrix_gives_accuracy_and_the_largest_confusions():
    y_true = [0, 0, 0, 1, 1, 2, 2, 2, 2, 2]
    y_pred = [0, 1, 1, 1, 1, 2, 2, 0, 0, 0]  # 0 -> 1 twice, 2 -> 0 three times
    ax = plotting.show_confusion_matrix(y_true, y_pred, class_names=["cat", "dog", "frog"])
    text = plotting.alt_text(ax.figure)
    assert "3 classes, 10 examples, accuracy 50.0%" in text
    assert "largest confusions: frog taken for cat 3 times, cat taken for dog 2 times" in text


def test_described_text_replaces_the_generic_one_and_bad_input_is_refused():
    fig, (ax,) = plotting.new_figure(1, 1)
    ax.plot([1, 2, 3], label="rising")
    plotting.describe(ax, "a line rising   from 1 to 3")
    assert plotting.alt_text(fig) == "a line rising from 1 to 3."
    plotting.describe(fig, "the whole figure")
    assert plotting.alt_text(fig) == "the whole figure"
    with pytest.raises(ValueError, match="text must be a non-empty string"):
        plotting.describe(ax, "  ")
    with pytest.raises(TypeError, match="target must be a Matplotlib Axes or Figure"):
        plotting.describe("ax", "text")
    with pytest.raises(TypeError, match="fig must be a Matplotlib Figure"):
        plotting.alt_text(np.zeros(3))


def test_the_text_reaches_the_png_output_metadata_in_ipython():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    assert plotting.install(shell)
    from matplotlib_inline.backend_inline import set_matplotlib_formats  # the inline backend's PNG formatter

    set_matplotlib_formats("png")
    ax = plotting.show_matrix(np.eye(2), title="identity")
    data, metadata = shell.display_formatter.format(ax.figure)
    assert data["image/png"][:4] in ("iVBO", b"\x89PNG")  # base64 or bytes of a PNG
    assert metadata["image/png"]["alt"] == "identity: a 2 x 2 matrix, by row: 1, 0; 0, 1."
    assert plotting.install(shell=object()) is False  # not an IPython shell: nothing installed


def _widget_tools():
    from helpers import widgets, xo

    photo = np.arange(64 * 64, dtype=float).reshape(64, 64) % 255
    return [
        widgets.KernelExplorer(photo, kernel="sharpen"),
        widgets.ConvArithmeticCalculator(),
        widgets.PoolingExplorer(np.arange(16.0).reshape(4, 4)),
        widgets.ConvolutionStepper(xo.X, xo.FEATURES[0], divide_by=9),
        widgets.XODrawingPad(),
    ]


@pytest.mark.parametrize("index", range(5))
def test_a_widgets_picture_carries_its_text_form_and_what_it_shows(index, monkeypatch):
    """Where a widget is shown as its picture (the website, a static viewer), the PNG's
    metadata alt holds the tool's text form and a reading of the picture, with numbers."""
    monkeypatch.setenv("COURSE_WIDGETS", "static")
    tool = _widget_tools()[index]
    data, metadata = tool._repr_mimebundle_()
    alt = metadata["image/png"]["alt"]
    assert data["image/png"][:4] == b"\x89PNG"
    assert alt.startswith(data["text/plain"]), alt
    assert "a picture of the tool as it stands:" in alt and re.search(r"\d", alt.split("stands:")[1]), alt


def test_numbers_take_the_article_they_are_read_with():
    from helpers.plotting.describe import _a

    assert [_a(n) for n in (1, 3, 8, 11, 18, 28, 80, 800, 110, 11000, 18000)] == [
        "a", "a", "an", "an", "an", "a", "an", "an", "a", "an", "an"
    ]  # fmt: skip
    ax = plotting.show_matrix(np.eye(8))
    assert plotting.alt_text(ax.figure).startswith("an 8 x 8 matrix")
    plt.close(ax.figure)


def test_a_kernel_gallery_gives_each_kernels_name_and_role():
    """Lesson 1's gallery, drawn as the lesson draws it: each kernel's name, its role, its weights."""
    from helpers import kernels

    gallery = {name: kernels.GALLERY[name] for name in ("edge detector", "sharpen", "box 3x3 (/9)")}
    fig, axes = plotting.new_figure(3, 1, size=2.1)
    for ax, (name, k) in zip(axes, gallery.items()):
        plotting.show_matrix(k, name, ax=ax, labels=plotting.kernel_labels(k))
    text = plotting.alt_text(fig)
    plt.close(fig)
    assert "edge detector (finds edges in every direction: 8 times the pixel minus its 8 neighbours): a 3 x 3" in text
    assert "sharpen (sharpens: the pixel plus the edge detector): a 3 x 3 matrix, by row: -1, -1, -1; -1, 9, -1" in text
    assert "box 3x3 (/9) (blurs: the plain average of the 3 x 3 neighbourhood)" in text
    assert kernels.role("h_x") == kernels.ROLES["vertical edge (h_x)"] and kernels.role("a photo") is None
    assert kernels.role("identity", (2, 2)) is None  # another matrix of that name
    assert set(kernels.ROLES) == set(kernels.GALLERY)  # every gallery kernel has its role
