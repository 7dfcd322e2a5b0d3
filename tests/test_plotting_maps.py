"""helpers.plotting.maps: invariance against equivariance, and heat maps on one colour scale."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.contour import ContourSet

from helpers import plotting


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _rows():
    """An equivariant row whose two compared maps are equal, and an invariant one with two different maps."""
    rng = np.random.default_rng(1)
    x = rng.normal(size=(6, 7))
    gx = np.roll(x, (1, 2), axis=(0, 1))
    fx, fgx = 2 * x, 2 * gx  # f = doubling: equivariant to any shift
    other = fgx.copy()
    other[0, 0] += 0.25  # one cell off by 0.25 (a number chosen here, not read from the figure)
    return (
        x,
        gx,
        fx,
        fgx,
        other,
        [
            dict(
                label="equivariant",
                image=x,
                shifted=gx,
                maps=[("f(x)", fx), ("f(g x)", fgx)],
                compared=("f(g x) − g f(x)", fgx, np.roll(fx, (1, 2), axis=(0, 1))),
            ),
            dict(
                label="almost",
                image=x,
                shifted=gx,
                maps=[("f(x)", fx), ("f(g x)", other)],
                compared=("difference", other, fgx),
            ),
            dict(
                label="invariant",
                image=x,
                shifted=gx,
                maps=[("f(x)", fx), ("f(g x)", fgx)],
                compared=("the maxima", fgx.max(), fx.max()),
                mark_max=True,
            ),
        ],
    )


def test_show_shift_rows_draws_the_given_arrays_and_the_measured_number():
    x, gx, fx, fgx, other, rows = _rows()
    fig = plotting.show_shift_rows(rows)
    axes = fig.axes
    assert len(axes) == 15
    # the first row draws x, g x, f(x), f(g x), then f(g x) - g f(x): all 0 for doubling
    np.testing.assert_array_equal(axes[0].images[0].get_array(), x)
    np.testing.assert_array_equal(axes[1].images[0].get_array(), gx)
    np.testing.assert_array_equal(axes[2].images[0].get_array(), fx)
    np.testing.assert_array_equal(axes[3].images[0].get_array(), fgx)
    np.testing.assert_array_equal(axes[4].images[0].get_array(), np.zeros_like(x))
    assert [ax.get_title() for ax in axes[:5]] == ["x", "g x", "f(x)", "f(g x)", "f(g x) − g f(x)"]
    # the measured numbers: 0, the 0.25 put into one cell, and 0 for the two equal maxima
    assert [ax.get_xlabel() for ax in axes[4::5]] == ["max |a − b| = 0", "max |a − b| = 0.25", "max |a − b| = 0"]
    assert [ax.get_ylabel() for ax in axes[0::5]] == ["equivariant", "almost", "invariant"]
    # the invariant row writes both maxima, and rings each map's largest value
    assert [t.get_text() for t in axes[14].texts] == [f"a = {2 * x.max():.4f}", f"b = {2 * x.max():.4f}"]
    i, j = np.unravel_index(np.argmax(x), x.shape)
    assert axes[12].lines[0].get_xydata().tolist() == [[j, i]]
    # the two maps and the difference share one symmetric scale
    reach = 2 * np.abs(x).max()
    assert {(ax.images[0].norm.vmin, ax.images[0].norm.vmax) for ax in axes[2:5]} == {(-reach, reach)}
    assert fig.get_facecolor() == (1, 1, 1, 1)


def test_measured_text_is_three_significant_digits():
    assert plotting.measured_text(0.0) == "0"
    assert plotting.measured_text(0.9215686) == "0.922"
    assert plotting.measured_text(1.5e-16) == "1.5e-16"


def test_show_shift_rows_refuses_bad_rows():
    *_, rows = _rows()
    with pytest.raises(TypeError, match="rows must be a non-empty list"):
        plotting.show_shift_rows([])
    with pytest.raises(ValueError, match=r"missing \['compared'\]"):
        plotting.show_shift_rows([{k: v for k, v in rows[0].items() if k != "compared"}])
    with pytest.raises(ValueError, match="shifted.*must have the image's shape"):
        plotting.show_shift_rows([dict(rows[0], shifted=np.zeros((2, 2)))])
    with pytest.raises(ValueError, match="two numbers or two"):
        plotting.show_shift_rows([dict(rows[0], compared=("d", np.zeros((6, 7)), 1.0))])
    with pytest.raises(TypeError, match="two \\(title, \\(h, w\\) array\\) pairs"):
        plotting.show_shift_rows([dict(rows[0], maps=[np.zeros((6, 7))])])


def _heats():
    rng = np.random.default_rng(2)
    images = [rng.uniform(0, 1, size=(8, 8)) for _ in range(3)]
    heats = [rng.uniform(0, 1, size=(8, 8)) * scale for scale in (1.0, 5.0, 0.1)]
    return images, heats


def test_show_heat_tiles_one_scale_and_one_colour_bar():
    images, heats = _heats()
    bar = plotting.show_heat_tiles(images, heats, ["a", "b", "c"], label="|dp/dpixel|")
    fig = bar.ax.figure
    panels = [ax for ax in fig.axes if ax is not bar.ax]
    assert len(panels) == 3 and [ax.get_title() for ax in panels] == ["a", "b", "c"]
    top = max(float(np.max(h)) for h in heats)  # the data's range: 0 ... the largest value of any tile
    for ax, heat, image in zip(panels, heats, images):
        (drawn,) = ax.images
        np.testing.assert_array_equal(drawn.get_array(), heat)  # the heat map drawn is the input
        assert (drawn.norm.vmin, drawn.norm.vmax) == (0.0, top)  # one scale on every tile
        assert drawn.get_alpha() is None  # opaque: the tile's colour is the colour bar's
        (outline,) = [c for c in ax.get_children() if isinstance(c, ContourSet)]
        assert list(outline.levels) == [(image.min() + image.max()) / 2]  # the image, as its outline
    assert (bar.norm.vmin, bar.norm.vmax) == (0.0, top)  # the colour bar shows that scale
    assert bar.ax.get_ylabel() == "|dp/dpixel|"


def test_show_heat_tiles_into_given_axes_with_a_common_vmax_and_extent():
    images, heats = _heats()
    fig, axes = plotting.new_figure(3, 2, layout="constrained")
    bar = plotting.show_heat_tiles(images, heats, axes=axes[3:], vmax=10.0, extent=(1.5, 5.5, 5.5, 1.5))
    assert bar.ax.figure is fig
    assert {(ax.images[0].norm.vmin, ax.images[0].norm.vmax) for ax in axes[3:]} == {(0.0, 10.0)}
    assert axes[3].images[0].get_extent() == [1.5, 5.5, 5.5, 1.5]
    assert not axes[0].images  # the other row is left alone
    # all-zero maps (a Grad-CAM that is all 0): drawn black, on a scale 0 ... 1
    bar = plotting.show_heat_tiles(images[:1], [np.zeros((8, 8))])
    assert bar.norm.vmax == 1.0 and not np.any(bar.ax.figure.axes[0].images[0].get_array())
    assert plotting.show_heat_tiles(images[:1], [np.zeros((8, 8))], vmax=0).norm.vmax == 1.0


def test_show_heat_tiles_refuses_bad_input():
    images, heats = _heats()
    with pytest.raises(ValueError, match="one \\(h, w\\) map per image"):
        plotting.show_heat_tiles(images, heats[:2])
    with pytest.raises(ValueError, match=r"heats\[1\] must be >= 0"):
        plotting.show_heat_tiles(images, [heats[0], -heats[1], heats[2]])
    with pytest.raises(ValueError, match="titles must be None or a list of 3"):
        plotting.show_heat_tiles(images, heats, titles=["a"])
    with pytest.raises(ValueError, match="axes must be None or a list of 3"):
        plotting.show_heat_tiles(images, heats, axes=plotting.new_figure(2)[1])
    with pytest.raises(ValueError, match="vmax"):
        plotting.show_heat_tiles(images, heats, vmax=-1)
    with pytest.raises(TypeError, match="extent must be"):
        plotting.show_heat_tiles(images, heats, extent=(0, 1))
