"""plotting.steps: the stepped first convolution draws the numbers it says."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plotting

# lesson 0's (deck 004's) image and kernel, and the output the slide prints
IMAGE = np.array([[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]])
KERNEL = np.array([[0, 1, 2], [2, 2, 0], [0, 1, 2]])
SLIDE_OUTPUT = {
    (0, 0): 12,
    (0, 1): 12,
    (0, 2): 17,
    (1, 0): 10,
    (1, 1): 17,
    (1, 2): 19,
    (2, 0): 9,
    (2, 1): 6,
    (2, 2): 14,
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(ax):
    return [t.get_text() for t in ax.texts]


def test_each_row_draws_the_products_and_the_sum_computed_here():
    positions = [(0, 0), (0, 1), (1, 0), (2, 2)]
    fig = plotting.show_convolution_steps(IMAGE, KERNEL, positions)
    assert len(fig.axes) == 3 * len(positions)
    for n, (i, j) in enumerate(positions):
        ax_image, ax_products, ax_output = fig.axes[3 * n : 3 * n + 3]
        # independently: the nine products written out, one loop, no numpy slicing
        expected = []
        total = 0
        for r in range(3):
            for c in range(3):
                pixel, weight = int(IMAGE[i + r][j + c]), int(KERNEL[r][c])
                expected.append(f"{pixel} × {weight}\n= {pixel * weight}")
                total += pixel * weight
        assert texts(ax_products) == expected
        assert total == SLIDE_OUTPUT[(i, j)]  # the slide's number
        assert ax_products.get_title() == f"products, sum = {total}"
        assert ax_output.get_title() == f"output[{i}, {j}] = {total}"
        # the image panel: its 25 numbers, then the nine weights ×w in the window
        assert texts(ax_image)[:25] == [str(v) for v in IMAGE.ravel()]
        assert texts(ax_image)[25:] == [f"×{w}" for w in KERNEL.ravel()]
        assert ax_image.get_title() == f"image, window at ({i}, {j})"
        # the output so far: the sums of positions 0..n, the rest blank
        shown = texts(ax_output)
        done = positions[: n + 1]
        for r in range(3):
            for c in range(3):
                want = str(SLIDE_OUTPUT[(r, c)]) if (r, c) in done else ""
                assert shown[3 * r + c] == want


def test_the_window_outline_sits_on_the_window():
    fig = plotting.show_convolution_steps(IMAGE, KERNEL, [(1, 2)])
    ax_image, _, ax_output = fig.axes
    (window,) = ax_image.patches
    assert window.get_xy() == (2 - 0.5, 1 - 0.5) and window.get_width() == 3 and window.get_height() == 3
    (cell,) = ax_output.patches
    assert cell.get_xy() == (2 - 0.5, 1 - 0.5) and cell.get_width() == 1


def test_convolution_step_returns_patch_products_and_sum():
    patch, products, total = plotting.convolution_step(IMAGE, KERNEL, 2, 1)
    assert patch.tolist() == [[1, 2, 2], [0, 0, 2], [0, 0, 0]]
    assert products.tolist() == [[0, 2, 4], [0, 0, 0], [0, 0, 0]]
    assert total == SLIDE_OUTPUT[(2, 1)] == 6


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match=r"positions\[0\]\[1\] \(output column j\) must be <= 2"):
        plotting.show_convolution_steps(IMAGE, KERNEL, [(0, 3)])
    with pytest.raises(TypeError, match=r"positions\[1\] must be an \(i, j\) pair"):
        plotting.show_convolution_steps(IMAGE, KERNEL, [(0, 0), 5])
    with pytest.raises(ValueError, match="1 to 6"):
        plotting.show_convolution_steps(IMAGE, KERNEL, [(0, 0)] * 7)
    with pytest.raises(TypeError, match="positions must be a list"):
        plotting.show_convolution_steps(IMAGE, KERNEL, "00")
    with pytest.raises(ValueError, match="must fit in the image"):
        plotting.show_convolution_steps(KERNEL, IMAGE)
    with pytest.raises(ValueError, match="image must be 2-D"):
        plotting.show_convolution_steps(IMAGE[0], KERNEL)
    with pytest.raises(ValueError, match="at most 12 x 12"):
        plotting.show_convolution_steps(np.zeros((20, 20)), KERNEL)
    with pytest.raises(TypeError, match="i \\(output row\\) must be an integer"):
        plotting.convolution_step(IMAGE, KERNEL, 0.5, 0)
