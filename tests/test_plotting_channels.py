"""plotting.channels: colour channels, a volumetric filter slice by slice, and
what deeper layers see (lessons 5 and 6). Each figure draws the arrays it is
given, labels what the inputs say, keeps its texts off each other, and refuses
bad input."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from helpers import plotting  # noqa: E402


def _texts_apart(fig):
    """No two titles, labels or texts of the figure overlap, and no title covers another panel's picture."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = [t for ax in fig.axes for t in (ax.title, *ax.texts) if t.get_text()]
    texts += [fig._suptitle] if fig._suptitle is not None else []
    boxes = [t.get_window_extent(renderer) for t in texts]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (texts[i].get_text(), texts[j].get_text())
    pictures = [(ax, ax.get_window_extent(renderer)) for ax in fig.axes if ax.images]
    for text, box in zip(texts, boxes):
        for ax, frame in pictures:
            if text not in ax.texts and text is not ax.title:
                assert not box.overlaps(frame), (text.get_text(), "covers a panel")


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _photo():
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, size=(8, 6, 3), dtype=np.uint8)


def test_channel_colours_keep_one_channel_and_add_up_to_the_photo():
    photo = _photo()
    parts = [plotting.channel_colours(photo, c) for c in range(3)]
    for c, part in enumerate(parts):
        assert part.shape == (8, 6, 3)
        np.testing.assert_allclose(part[:, :, c], photo[:, :, c] / 255)
        assert not part[:, :, [k for k in range(3) if k != c]].any()
    np.testing.assert_allclose(sum(parts), photo / 255)
    with pytest.raises(ValueError, match="channel must be <= 2"):
        plotting.channel_colours(photo, 3)


def test_show_channels_draws_each_channel_in_its_colour():
    photo = _photo()
    fig = plotting.show_channels(photo)
    axes = fig.axes
    np.testing.assert_allclose(axes[0].images[0].get_array(), photo / 255)
    for c, name in enumerate(["red", "green", "blue"]):
        drawn = np.asarray(axes[c + 1].images[0].get_array())
        expected = np.zeros((8, 6, 3))
        expected[:, :, c] = photo[:, :, c] / 255
        np.testing.assert_allclose(drawn, expected)
        assert axes[c + 1].get_title() == f"{name} channel\n8 x 6"
    assert axes[0].get_title().endswith("8 x 6 x 3")
    _texts_apart(fig)
    floats = plotting.show_channels(photo / 255)  # 0..1 floats are drawn the same
    np.testing.assert_allclose(floats.axes[1].images[0].get_array(), axes[1].images[0].get_array())
    with pytest.raises(ValueError, match="3 channels"):
        plotting.show_channels(np.zeros((8, 6, 4)))
    with pytest.raises(ValueError, match="photo must be 3-D"):
        plotting.show_channels(np.zeros((8, 6)))
    with pytest.raises(ValueError, match=">= 0"):
        plotting.show_channels(-np.ones((8, 6, 3)))


def _volume():
    rng = np.random.default_rng(1)
    photo = rng.random((9, 9, 3))
    kernel = rng.normal(size=(3, 3, 3))
    # each slice correlated with its channel, by a plain loop (valid, stride 1): 7 x 7 maps
    slice_maps = np.zeros((3, 7, 7))
    for c in range(3):
        for i in range(7):
            for j in range(7):
                slice_maps[c, i, j] = (photo[i : i + 3, j : j + 3, c] * kernel[:, :, c]).sum()
    return photo, kernel, slice_maps, 0.25, slice_maps.sum(axis=0) + 0.25


def test_show_volume_filter_draws_slices_their_maps_and_the_sum_on_shared_scales():
    photo, kernel, slice_maps, bias, layer_map = _volume()
    fig = plotting.show_volume_filter(photo, kernel, slice_maps, bias, layer_map)
    by_title = {ax.get_title(): ax for ax in fig.axes if ax.get_title()}
    for c, name in enumerate(["red", "green", "blue"]):
        expected = np.zeros((9, 9, 3))
        expected[:, :, c] = photo[:, :, c]
        np.testing.assert_allclose(by_title[f"{name} channel"].images[0].get_array(), expected)
        np.testing.assert_allclose(by_title[f"slice {c}: 3 x 3"].images[0].get_array(), kernel[:, :, c])
        np.testing.assert_allclose(by_title[f"{name} map: 7 x 7"].images[0].get_array(), slice_maps[c])
    total = by_title["the layer's map\n7 x 7"]
    np.testing.assert_allclose(total.images[0].get_array(), layer_map)
    m = max(np.abs(slice_maps).max(), np.abs(layer_map).max())
    for title in ["red map: 7 x 7", "green map: 7 x 7", "blue map: 7 x 7", "the layer's map\n7 x 7"]:
        assert by_title[title].images[0].get_clim() == pytest.approx((-m, m))
    k = np.abs(kernel).max()
    assert by_title["slice 1: 3 x 3"].images[0].get_clim() == pytest.approx((-k, k))
    words = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("+ bias 0.250" in w for w in words)
    _texts_apart(fig)
    with pytest.raises(ValueError, match=r"kernel must be \(F, F, 3\)"):
        plotting.show_volume_filter(photo, kernel[:, :, :2], slice_maps, bias, layer_map)
    with pytest.raises(ValueError, match="slice_maps must be"):
        plotting.show_volume_filter(photo, kernel, slice_maps[:2], bias, layer_map)
    with pytest.raises(ValueError, match="layer_map must have the slice maps' shape"):
        plotting.show_volume_filter(photo, kernel, slice_maps, bias, layer_map[:6])
    with pytest.raises(TypeError, match="bias must be a number"):
        plotting.show_volume_filter(photo, kernel, slice_maps, "0.25", layer_map)


def _rectangles(ax):
    return [(p.get_x(), p.get_y(), p.get_width(), p.get_height()) for p in ax.patches if isinstance(p, Rectangle)]


def test_show_layer_fields_draws_each_units_field_where_the_formula_puts_it():
    image = np.arange(28 * 28, dtype=float).reshape(28, 28)
    maps = [np.random.default_rng(2).random((26, 26)), np.random.default_rng(3).random((11, 11))]
    # conv1: (3, 1); conv2: size 3 + (2 - 1)*1 + (3 - 1)*2 = 8, jump 2 (deck 003's stack, by hand)
    fig = plotting.show_layer_fields(image, maps, [(4, 20), (5, 9)], [(3, 1), (8, 2)], ["conv1", "conv2"])
    digit1, digit2, map1, map2 = fig.axes
    np.testing.assert_allclose(digit1.images[0].get_array(), image)
    np.testing.assert_allclose(map2.images[0].get_array(), maps[1])
    assert _rectangles(digit1) == [(19.5, 3.5, 3, 3)]  # rows 4..6, columns 20..22
    assert _rectangles(digit2) == [(17.5, 9.5, 8, 8)]  # rows 10..17, columns 18..25
    assert _rectangles(map2) == [(8.5, 4.5, 1, 1)]
    assert "8 x 8 pixels" in digit2.get_title() and map1.get_title() == "its map: 26 x 26"
    _texts_apart(fig)
    with pytest.raises(ValueError, match=r"units\[1\] = \(11, 0\) must be a unit of maps\[1\]"):
        plotting.show_layer_fields(image, maps, [(0, 0), (11, 0)], [(3, 1), (8, 2)], ["a", "b"])
    with pytest.raises(ValueError, match="must lie inside the 28 x 28 image"):
        plotting.show_layer_fields(image, maps, [(0, 0), (10, 10)], [(3, 1), (18, 2)], ["a", "b"])
    with pytest.raises(TypeError, match="fields must hold integers"):
        plotting.show_layer_fields(image, maps, [(0, 0), (1, 1)], [(3.0, 1.0), (8.0, 2.0)], ["a", "b"])
    with pytest.raises(ValueError, match=r"units must be \(2, 2\)"):
        plotting.show_layer_fields(image, maps, [(0, 0)], [(3, 1), (8, 2)], ["a", "b"])
    with pytest.raises(ValueError, match="sizes and jumps of at least 1 pixel"):
        plotting.show_layer_fields(image, maps, [(0, 0), (1, 1)], [(3, 1), (-8, 2)], ["a", "b"])


def test_show_top_patches_brightens_only_each_units_square():
    rng = np.random.default_rng(4)
    images = rng.random((2, 3, 10, 10))
    boxes = np.array([[[0, 0, 3], [7, 7, 3], [2, 5, 3]], [[0, 0, 8], [1, 2, 8], [2, 2, 8]]])
    values = np.array([[0.5, 0.25, 0.125], [2.0, 1.5, 1.25]])
    fig = plotting.show_top_patches(images, boxes, values, ["conv1\nfilter 4", "conv2\nfilter 7"])
    for i in range(2):
        for j in range(3):
            ax = fig.axes[i * 3 + j]
            top, left, size = boxes[i, j]
            digit = images[i, j]
            scaled = (digit - digit.min()) / (digit.max() - digit.min())
            drawn = np.asarray(ax.images[0].get_array())
            inside = np.zeros((10, 10), bool)
            inside[top : top + size, left : left + size] = True
            np.testing.assert_allclose(drawn[inside], scaled[inside])
            np.testing.assert_allclose(drawn[~inside], scaled[~inside] / 3)
            assert _rectangles(ax) == [(left - 0.5, top - 0.5, size, size)]
            assert ax.get_title() == f"{values[i, j]:.2f}"
    assert fig.axes[3].get_ylabel() == "conv2\nfilter 7"
    _texts_apart(fig)
    with pytest.raises(ValueError, match=r"boxes must be \(2, 3, 3\)"):
        plotting.show_top_patches(images, boxes[:, :2], values, ["a", "b"])
    with pytest.raises(ValueError, match="must lie inside the 10 x 10 image"):
        plotting.show_top_patches(images, np.array([[[8, 8, 3]] * 3] * 2), values, ["a", "b"])
    with pytest.raises(TypeError, match="must hold integers"):
        plotting.show_top_patches(images, boxes.astype(float), values, ["a", "b"])
    with pytest.raises(ValueError, match="row_labels must have 2 entries"):
        plotting.show_top_patches(images, boxes, values, ["a"])
