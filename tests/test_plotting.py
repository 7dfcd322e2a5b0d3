"""helpers.plotting: figures build, with the right panels and contents."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import kernels, plotting


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_scale_for_display_modes():
    x = np.array([[-2.0, 0.0], [1.0, 2.0]])
    np.testing.assert_array_equal(plotting.scale_for_display(x, "symmetric"), [[0, 128], [191, 255]])
    np.testing.assert_array_equal(plotting.scale_for_display(x, "min-max"), [[0, 128], [191, 255]])
    np.testing.assert_array_equal(plotting.scale_for_display(x, "absolute"), [[255, 0], [128, 255]])
    np.testing.assert_array_equal(plotting.scale_for_display(x, "inverted"), [[255, 128], [64, 0]])
    np.testing.assert_array_equal(plotting.scale_for_display([[-5.0, 300.0]], "clip"), [[0, 255]])
    # a flat response is drawn mid-grey, not divided by zero
    assert set(plotting.scale_for_display(np.zeros((3, 3)), "min-max").ravel()) == {128}
    with pytest.raises(ValueError, match="mode must be one of"):
        plotting.scale_for_display(x, "rainbow")


def test_show_image_draws_one_panel_without_ticks():
    ax = plotting.show_image(np.zeros((4, 5), np.uint8), "photo")
    assert ax.get_title() == "photo"
    assert list(ax.get_xticks()) == [] and len(ax.images) == 1
    assert ax.figure.get_facecolor() == (1, 1, 1, 1)  # opaque white: readable on dark themes


def test_show_images_grid_has_one_axis_per_image_plus_blanks():
    fig = plotting.show_images([np.ones((3, 3))] * 5, titles=list("abcde"), ncols=3)
    assert len(fig.axes) == 6
    assert [ax.get_title() for ax in fig.axes[:5]] == list("abcde")
    assert not fig.axes[5].axison
    fig = plotting.show_images([np.ones((3, 3)), -np.ones((3, 3))], scaling=[None, "symmetric"])
    assert len(fig.axes) == 2
    with pytest.raises(ValueError, match="one mode or one per image"):
        plotting.show_images([np.ones((3, 3))] * 2, scaling=["clip"])
    with pytest.raises(ValueError, match="one entry per image"):
        plotting.show_images([np.ones((3, 3))] * 2, titles=["a"])


def test_show_matrix_writes_every_number_and_centres_colours_on_zero():
    m = np.array([[0.77, -0.11], [1.0, 0.0]])
    ax = plotting.show_matrix(m)
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["0.77", "-0.11", "1", "0"]
    assert [t.get_text() for t in plotting.show_matrix([[-0.001, -0.5]], fmt=".2f").texts] == ["0.00", "-0.50"]
    image = ax.images[0]
    assert image.norm.vmin == -1.0 and image.norm.vmax == 1.0
    # white text on the darkest cell, black on the lightest
    colours = {t.get_text(): t.get_color() for t in ax.texts}
    assert colours["1"] == "white" and colours["0"] == "black"


def test_show_kernel_prints_fractions_for_normalised_kernels():
    ax = plotting.show_kernel(kernels.BOX_3X3)
    assert {t.get_text() for t in ax.texts} == {"1/9"}
    ax = plotting.show_kernel(kernels.GAUSSIAN_5X5)
    assert [t.get_text() for t in ax.texts][10:15] == ["3/74", "5/74", "6/74", "5/74", "3/74"]
    assert plotting.kernel_labels([[0.5, 0.1234567]]) == [["1/2", "0.123457"]]
    ax = plotting.show_kernel(kernels.VERTICAL_EDGE)
    assert [t.get_text() for t in ax.texts][3:6] == ["0", "-1", "1"]


def test_show_filtering_has_three_panels():
    fig = plotting.show_filtering(np.ones((6, 6)), kernels.EDGE_DETECTOR, np.zeros((6, 6)))
    assert len(fig.axes) == 3
    assert [ax.get_title() for ax in fig.axes] == ["input", "kernel", "output"]


def test_grouped_bars_and_curves():
    ax = plotting.show_grouped_bars(
        {"brick": [1, 2, 3], "grass": [2, 2, 2]}, ["0°", "45°", "90°"], ylabel="mean |response|"
    )
    assert len(ax.patches) == 6
    with pytest.raises(ValueError, match="has 2 entries but there are 3 categories"):
        plotting.show_grouped_bars({"brick": [1, 2]}, ["a", "b", "c"])
    ax = plotting.show_curves({"loss": [3, 2, 1]}, ylabel="loss")
    assert len(ax.lines) == 1 and list(ax.lines[0].get_ydata()) == [3, 2, 1]


def test_bad_input_to_plotting():
    with pytest.raises(ValueError, match="image must be 2-D"):
        plotting.show_image(np.ones((2, 3, 4, 5)))
    with pytest.raises(ValueError, match="matrix must be 2-D"):
        plotting.show_matrix([1, 2, 3])
    with pytest.raises(ValueError, match="images must contain at least one image"):
        plotting.show_images([])


def test_show_patch_marks_the_square_and_prints_its_pixels():
    photo = np.arange(100, dtype=np.uint8).reshape(10, 10)
    fig = plotting.show_patch(photo, 2, 3, size=4)
    assert len(fig.axes) == 2
    assert len(fig.axes[0].patches) == 1  # the red square
    texts = [t.get_text() for t in fig.axes[1].texts]
    assert len(texts) == 16 and texts[0] == "23"
    with pytest.raises(ValueError, match="does not fit"):
        plotting.show_patch(photo, 8, 8, size=4)


def test_oriented_bank_names_the_edges_each_filter_sees():
    bank, names = kernels.oriented_bank(size=5, n_orientations=4, sigma=1.0)
    assert names == ["— 0°", "/ 45°", "| 90°", "\\ 135°"]
    np.testing.assert_allclose(bank.sum(axis=(1, 2)), 0, atol=1e-12)  # flat patches give 0
    rows, cols = np.indices((11, 11))
    edges = {
        "— 0°": (rows < 5).astype(float),  # bright above a horizontal line
        "| 90°": (cols < 5).astype(float),  # bright left of a vertical line
        "/ 45°": (rows + cols < 10).astype(float),  # bright above a / diagonal
        "\\ 135°": (rows < cols).astype(float),  # bright above a \\ diagonal
    }
    from helpers import ops

    for name, image in edges.items():
        strengths = [np.abs(ops.correlate2d(image, f)).max() for f in bank]
        assert names[int(np.argmax(strengths))] == name


def test_confusion_matrix_counts_and_figure():
    m = plotting.confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2], n_classes=3)
    np.testing.assert_array_equal(m, [[1, 0, 0], [0, 1, 1], [0, 0, 1]])
    ax = plotting.show_confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2], class_names=["a", "b", "c"])
    assert len(ax.texts) == 9 and ax.get_xlabel() == "predicted"
    with pytest.raises(ValueError, match="same length"):
        plotting.confusion_matrix([0, 1], [0])


def test_show_history_draws_loss_and_accuracy():
    fig = plotting.show_history(
        {"loss": [2, 1], "val_loss": [2.5, 1.5], "accuracy": [0.5, 0.8], "val_accuracy": [0.4, 0.7]}
    )
    assert len(fig.axes) == 2 and len(fig.axes[0].lines) == 2


def test_show_history_takes_the_slides_categorical_accuracy():
    fig = plotting.show_history(
        {
            "loss": [2, 1],
            "val_loss": [2.5, 1.5],
            "categorical_accuracy": [0.5, 0.8],
            "val_categorical_accuracy": [0.4, 0.7],
        }
    )
    assert len(fig.axes[1].lines) == 2
    np.testing.assert_allclose(fig.axes[1].lines[0].get_ydata(), [0.5, 0.8])


def test_presenter_mode_scales_fonts_and_restores_them():
    import matplotlib as mpl

    from helpers import presenter

    before = mpl.rcParams["font.size"], mpl.rcParams["figure.dpi"]
    presenter.presenter_mode(True, scale=2.0)
    try:
        assert mpl.rcParams["font.size"] == 2 * before[0]
        assert mpl.rcParams["axes.titlesize"] > 12 and mpl.rcParams["figure.dpi"] == 1.5 * before[1]
        presenter.presenter_mode(True, scale=2.0)  # switching on twice does not compound
        assert mpl.rcParams["font.size"] == 2 * before[0]
    finally:
        presenter.presenter_mode(False)
    assert (mpl.rcParams["font.size"], mpl.rcParams["figure.dpi"]) == before
    with pytest.raises(ValueError, match="scale must be a number from 1.0 to 3.0"):
        presenter.presenter_mode(True, scale=10)


def test_show_heatmap_is_transparent_where_the_map_is_zero():
    image = np.zeros((28, 28))
    heat = np.zeros((11, 11))
    heat[5, 5] = 2.0
    heat[0, 0] = 1.0
    heat[0, 1] = 1000.0  # one extreme cell ...
    ax = plotting.show_heatmap(image, heat, "Grad-CAM", extent=(2.5, 24.5, 24.5, 2.5))
    overlay = ax.get_images()[-1]
    rgba = overlay.get_array()
    assert rgba.shape == (11, 11, 4)
    top = np.percentile([1.0, 2.0, 1000.0], 99)  # ... is clipped at the top 1% of the non-zero values
    assert rgba[0, 1, 3] == 0.9 and rgba[1, 1, 3] == 0  # strongest opaque, 0 transparent
    assert np.isclose(rgba[5, 5, 3], 0.9 * 2 / top) and np.isclose(
        rgba[0, 0, 3], 0.9 * 1 / top
    )  # opacity follows the value
    assert tuple(overlay.get_extent()) == (2.5, 24.5, 24.5, 2.5)
    assert ax.get_xlim() == (-0.5, 27.5) and ax.get_title() == "Grad-CAM"
    plt.close("all")
    with pytest.raises(ValueError, match="heat must be >= 0"):
        plotting.show_heatmap(image, -heat)
    with pytest.raises(TypeError, match="extent must be"):
        plotting.show_heatmap(image, heat, extent=(0, 1))
    plotting.show_heatmap(image, np.zeros((28, 28)))  # all zero: nothing drawn over the image, no error
    plt.close("all")


def test_show_images_on_one_colour_scale_draws_the_values_with_one_colour_bar():
    a = np.array([[0.0, 50.0], [100.0, 150.0]])
    b = np.array([[-20.0, 10.0], [30.0, 400.0]])
    fig = plotting.show_images([a, b], ["a", "b"], vmin=0, vmax=100, colorbar=True, colorbar_label="|response|")
    panels, bars = fig.axes[:2], fig.axes[2:]
    assert len(bars) == 1  # one colour bar for the figure
    for ax, image in zip(panels, [a, b]):
        np.testing.assert_array_equal(ax.images[0].get_array(), image)  # the values themselves, not rescaled
        assert (ax.images[0].norm.vmin, ax.images[0].norm.vmax) == (0, 100)
    assert bars[0].get_ylabel() == "|response|"
    assert bars[0].get_ylim() == (0, 100)
    # the same value, the same grey in both panels: 30 in b and 30 anywhere map to one colour
    assert panels[0].images[0].norm(30) == panels[1].images[0].norm(30) == 0.3


def test_show_images_colour_bar_takes_the_scale_of_all_images_together():
    a, b = np.array([[1.0, 2.0]]), np.array([[-3.0, 5.0]])
    fig = plotting.show_images([a, b], colorbar=True)
    assert all((ax.images[0].norm.vmin, ax.images[0].norm.vmax) == (-3, 5) for ax in fig.axes[:2])
    photos = [np.array([[3, 200]], np.uint8), np.array([[10, 20]], np.uint8)]
    fig = plotting.show_images(photos, colorbar=True)
    assert all((ax.images[0].norm.vmin, ax.images[0].norm.vmax) == (0, 255) for ax in fig.axes[:2])
    # clip: grey levels 0..255, values beyond them cut
    fig = plotting.show_images([np.array([[-40.0, 300.0]])], scaling="clip", colorbar=True)
    np.testing.assert_array_equal(fig.axes[0].images[0].get_array(), [[0, 255]])
    # without a shared scale nothing changes: each panel its own, no colour bar
    fig = plotting.show_images([a, b])
    assert len(fig.axes) == 2 and fig.axes[1].images[0].norm.vmin == -3 and fig.axes[0].images[0].norm.vmin == 1


def test_show_images_refuses_a_shared_scale_it_cannot_draw():
    two = [np.ones((2, 2)), np.zeros((2, 2))]
    with pytest.raises(ValueError, match="vmin and vmax must be given together"):
        plotting.show_images(two, vmin=0)
    with pytest.raises(ValueError, match="vmax must be larger than vmin"):
        plotting.show_images(two, vmin=1, vmax=1)
    with pytest.raises(ValueError, match="scaling must be None with vmin/vmax"):
        plotting.show_images(two, vmin=0, vmax=1, scaling="symmetric")
    with pytest.raises(ValueError, match="colorbar needs one colour scale"):
        plotting.show_images(two, scaling="min-max", colorbar=True)
    with pytest.raises(ValueError, match="cmap must be the name of a Matplotlib colour map"):
        plotting.show_images(two, vmin=0, vmax=1, cmap="rainbowish")
    with pytest.raises(ValueError, match="cmap applies to a shared colour scale"):
        plotting.show_images(two, cmap="gray_r")
    with pytest.raises(TypeError, match="colorbar must be"):
        plotting.show_images(two, colorbar="yes")
