"""helpers.plotting.geometry: lesson 3's figures draw what the lesson computes.

Every expected value here is derived independently of the figure code: from
the slides' printed numbers, or from a plain loop / NumPy sliding window in
the test itself.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import Rectangle
from numpy.lib.stride_tricks import sliding_window_view

from helpers import plotting

# deck 003's zero-padded ±1 image and its horizontal-line filter (lesson 3 §1)
IMAGE_PM = np.array(
    [[-1, 1, -1, 1, -1], [-1, 1, -1, 1, -1], [-1, 1, 1, 1, -1], [-1, -1, -1, 1, -1], [-1, -1, -1, 1, -1]]
)
HORIZONTAL = np.array([[-1, -1, -1], [1, 1, 1], [-1, -1, -1]])
SLIDE_003_OUTPUT = [[0, 0, 0, 0, 0], [0, -1, -3, -1, 0], [2, 5, 3, 3, 0], [0, -1, -3, -1, 0], [0, 0, 0, 0, 0]]
# deck 004's 5x5 image and 3x3 kernel, and the output the slide prints
IMAGE_004 = np.array([[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]])
KERNEL_004 = np.array([[0, 1, 2], [2, 2, 0], [0, 1, 2]])
SLIDE_004_OUTPUT = [[12, 12, 17], [10, 17, 19], [9, 6, 14]]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def loop_correlate(image, kernel, stride=1, padding=0):
    """The plain loop, written again here: sum of window * kernel at every S-th position."""
    padded = np.pad(np.asarray(image, float), padding)
    f = kernel.shape[0]
    starts = range(0, padded.shape[0] - f + 1, stride)
    return np.array([[np.sum(padded[i : i + f, j : j + f] * kernel) for j in starts] for i in starts])


def texts(ax):
    return [t.get_text() for t in ax.texts]


def test_padding_and_stride_draws_the_ring_the_positions_and_the_outputs():
    fig = plotting.show_padding_and_stride(IMAGE_PM, HORIZONTAL, padding=1, strides=(1, 2))
    axes = fig.axes
    assert len(axes) == 4
    for k, (s, n) in enumerate([(1, 5), (2, 3)]):  # (7 - 3)/1 + 1 = 5 and (7 - 3)/2 + 1 = 3 positions
        ax_pos, ax_out = axes[2 * k], axes[2 * k + 1]
        # the padded input, as drawn: the image inside a ring of zeros
        np.testing.assert_array_equal(ax_pos.images[0].get_array(), np.pad(IMAGE_PM, 1))
        ring = [p for p in ax_pos.patches if isinstance(p, Rectangle) and p.get_fill()]
        assert len(ring) == 7 * 7 - 5 * 5
        assert {(p.get_x() + 0.5, p.get_y() + 0.5) for p in ring} == {
            (j, i) for i in range(7) for j in range(7) if i in (0, 6) or j in (0, 6)
        }
        # one dot per window position, n x n of them
        (dots,) = ax_pos.lines
        assert len(dots.get_xdata()) == n * n
        assert sorted(set(np.round(np.asarray(dots.get_xdata()) + 0.3, 6))) == [1 + s * t for t in range(n)]
        # the output drawn is the correlation, and its size is in the title
        drawn = ax_out.images[0].get_array()
        np.testing.assert_array_equal(drawn, loop_correlate(IMAGE_PM, HORIZONTAL, s, 1))
        assert drawn.shape == (n, n)
        assert f"(5 - 3 + 2·1)/{s} + 1 = {n}" in ax_out.get_title()
        assert f"{n} x {n} positions" in ax_pos.get_title()
    np.testing.assert_array_equal(axes[1].images[0].get_array(), SLIDE_003_OUTPUT)  # the slide's 5 x 5
    np.testing.assert_array_equal(axes[3].images[0].get_array(), np.array(SLIDE_003_OUTPUT)[::2, ::2])


def test_padding_and_stride_refuses_bad_input():
    with pytest.raises(ValueError, match="image must be square"):
        plotting.show_padding_and_stride(np.zeros((4, 5)), HORIZONTAL)
    with pytest.raises(TypeError, match="strides must be a list or tuple"):
        plotting.show_padding_and_stride(IMAGE_PM, HORIZONTAL, strides=2)
    with pytest.raises(ValueError, match="one to three strides"):
        plotting.show_padding_and_stride(IMAGE_PM, HORIZONTAL, strides=())
    with pytest.raises(ValueError, match="padding"):
        plotting.show_padding_and_stride(IMAGE_PM, HORIZONTAL, padding=-1)
    with pytest.raises(ValueError, match="larger than the padded input"):
        plotting.show_padding_and_stride(np.zeros((2, 2)), HORIZONTAL, padding=0)
    with pytest.raises(ValueError, match="stride"):
        plotting.show_padding_and_stride(IMAGE_PM, HORIZONTAL, strides=(0,))


def test_depth_draws_input_filters_and_maps_with_their_shapes():
    rng = np.random.default_rng(1)
    x = rng.integers(-2, 3, size=(5, 5, 3))
    filters = rng.integers(-1, 2, size=(3, 3, 3, 2))
    fig = plotting.show_depth(x, filters)
    (ax,) = fig.axes
    drawn = [image.get_array() for image in ax.images]
    # every slice drawn, back to front: the input's 3 channels, each filter's 3 slices, then the 2 maps
    expected_maps = np.array(
        [[[np.sum(x[i : i + 3, j : j + 3, :] * filters[..., k]) for j in range(3)] for i in range(3)] for k in range(2)]
    )
    expected = (
        [x[:, :, c] for c in (2, 1, 0)]
        + [filters[:, :, c, 0] for c in (2, 1, 0)]
        + [filters[:, :, c, 1] for c in (2, 1, 0)]
        + [expected_maps[k] for k in (1, 0)]
    )
    assert len(drawn) == len(expected)
    for got, want in zip(drawn, expected):
        np.testing.assert_allclose(got, want)
    labels = " ".join(texts(ax)) + " " + ax.get_title()
    for label in ["input 5 x 5 x 3", "filter 1: 3 x 3 x 3", "filter 2: 3 x 3 x 3", "output 3 x 3 x 2"]:
        assert label in labels
    assert "3 x 3 x 3 = 27 numbers" in labels


def test_depth_refuses_bad_input():
    with pytest.raises(ValueError, match="D1 = 3 channels like x"):
        plotting.show_depth(np.zeros((5, 5, 3)), np.zeros((3, 3, 2, 1)))
    with pytest.raises(ValueError, match="x must be 3-D"):
        plotting.show_depth(np.zeros((5, 5)), np.zeros((3, 3, 1, 1)))
    with pytest.raises(ValueError, match="at most 4"):
        plotting.show_depth(np.zeros((5, 5, 1)), np.zeros((3, 3, 1, 5)))
    with pytest.raises(ValueError, match="must fit"):
        plotting.show_depth(np.zeros((2, 2, 1)), np.zeros((3, 3, 1, 1)))
    with pytest.raises(ValueError, match="square"):
        plotting.show_depth(np.zeros((5, 5, 1)), np.zeros((3, 2, 1, 1)))


def test_one_by_one_writes_the_pixels_products_and_the_output_cell():
    x = np.arange(24).reshape(4, 2, 3) - 10  # 4 x 2 pixels, 3 channels
    weights = np.array([2, -1, 3])
    fig = plotting.show_one_by_one(x, weights, row=3, col=1)
    axes = fig.axes
    assert len(axes) == 3 + 2
    for c in range(3):
        np.testing.assert_array_equal(axes[c].images[0].get_array(), x[:, :, c])
    # pixel (3, 1) holds 11, 12, 13: 11*2 = 22, 12*-1 = -12, 13*3 = 39, sum 49
    assert x[3, 1].tolist() == [11, 12, 13]
    assert texts(axes[3]) == ["11 × 2 = 22", "12 × -1 = -12", "13 × 3 = 39", "sum = 49"]
    out = axes[4].images[0].get_array()
    want = sum(x[:, :, c] * weights[c] for c in range(3))
    np.testing.assert_array_equal(out, want)
    assert out[3, 1] == 49
    assert texts(axes[4])[3 * 2 + 1] == "49"  # the outlined output cell shows the sum
    assert "output 4 x 2 x 1" in axes[4].get_title()


def test_one_by_one_refuses_bad_input():
    x = np.zeros((4, 4, 3))
    with pytest.raises(ValueError, match="one weight per channel"):
        plotting.show_one_by_one(x, [1, 2])
    with pytest.raises(ValueError, match="row"):
        plotting.show_one_by_one(x, [1, 2, 3], row=4)
    with pytest.raises(ValueError, match="x must be 3-D"):
        plotting.show_one_by_one(np.zeros((4, 4)), [1])


def test_im2col_rows_are_the_windows_and_the_product_is_the_convolution():
    fig = plotting.show_im2col(IMAGE_004, KERNEL_004)
    image_ax, rows_ax, kernel_ax, product_ax, output_ax = fig.axes
    np.testing.assert_array_equal(image_ax.images[0].get_array(), IMAGE_004)
    windows = sliding_window_view(IMAGE_004, (3, 3)).reshape(9, 9)  # NumPy's own windows, row-major
    np.testing.assert_array_equal(rows_ax.images[0].get_array(), windows)
    np.testing.assert_array_equal(kernel_ax.images[0].get_array()[:, 0], [0, 1, 2, 2, 2, 0, 0, 1, 2])
    np.testing.assert_array_equal(product_ax.images[0].get_array()[:, 0], np.ravel(SLIDE_004_OUTPUT))
    np.testing.assert_array_equal(output_ax.images[0].get_array(), SLIDE_004_OUTPUT)  # the slide's numbers
    assert texts(output_ax) == ["12", "12", "17", "10", "17", "19", "9", "6", "14"]
    assert "9 x 9" in rows_ax.get_title() and "3 x 3" in output_ax.get_title()
    # the first and last windows are outlined in the image, as rows 0 and 8, and as output cells
    corners = sorted((p.get_x(), p.get_y(), p.get_width(), p.get_height()) for p in image_ax.patches)
    assert corners == [(-0.5, -0.5, 3, 3), (1.5, 1.5, 3, 3)]
    assert sorted((p.get_y(), p.get_width()) for p in rows_ax.patches) == [(-0.5, 9), (7.5, 9)]


def test_im2col_refuses_bad_input():
    with pytest.raises(ValueError, match="at most 16 windows"):
        plotting.show_im2col(np.zeros((8, 8)), np.ones((3, 3)))
    with pytest.raises(ValueError, match="square"):
        plotting.show_im2col(np.zeros((5, 5)), np.ones((3, 2)))
    with pytest.raises(ValueError, match="larger than the padded input"):
        plotting.show_im2col(np.zeros((2, 2)), np.ones((3, 3)))
    with pytest.raises(TypeError, match="highlight"):
        plotting.show_im2col(IMAGE_004, KERNEL_004, highlight=3)
    with pytest.raises(ValueError, match="highlight"):
        plotting.show_im2col(IMAGE_004, KERNEL_004, highlight=(9,))
