"""widgets.FeatureMapExplorer: what each layer of a Keras model makes of an image
(lessons 5 and 6), driven without a browser."""

import numpy as np
import pytest


@pytest.fixture(scope="module")
def models():
    """helpers.models, imported when the first test needs it (it imports TensorFlow)."""
    return pytest.importorskip("helpers.models")


def test_feature_map_explorer_shows_every_spatial_layer(models, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    from helpers import widgets

    model = models.mnist_slide_model()
    images = np.random.default_rng(0).random((3, 28, 28, 1)).astype("float32")
    ex = widgets.FeatureMapExplorer(model, images, labels=[7, 2, 1])
    assert ex.layer_names == ["conv1", "pool1", "conv2", "pool2", "conv3"]
    assert ex.maps.shape == (26, 26, 32) and "label 7" in ex.caption()
    ex.choose(index=2, layer="conv3")
    assert ex.maps.shape == (3, 3, 32) and "64 maps of 3x3, first 32 shown" in ex.caption()
    expected = np.asarray(model.layers[0](images[2:3]))[0]
    np.testing.assert_allclose(ex.all_maps["conv1"], expected, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="layer must be one of"):
        ex.choose(layer="dense")
    with pytest.raises(ValueError, match="index must be an integer in 0..2"):
        ex.choose(index=3)
    ex.widget()
    ex._ui.layer.value = "pool1"
    assert ex.layer == "pool1" and ex._ui.picture.value.startswith(
        "<img src='data:image/jpeg;base64,/9j/"
    )  # a JPEG frame
    monkeypatch.setenv("COURSE_WIDGETS", "static")
    assert "image/png" in ex._repr_mimebundle_()[0]
    assert widgets.feature_maps.tile(np.zeros((3, 3, 10))).shape == (2 * 74, 8 * 74)


def _apart(fig):
    """No two texts of the figure (the caption, the panels' titles) overlap."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = [ax.title for ax in fig.axes if ax.get_title()] + [fig._suptitle]
    boxes = [t.get_window_extent(renderer) for t in texts]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (texts[i].get_text(), texts[j].get_text())
        assert not any(boxes[i].overlaps(ax.get_window_extent(renderer)) for ax in fig.axes if ax.title is not texts[i])


def test_feature_map_explorer_static_figure_keeps_its_caption_off_the_titles(models):
    """Lessons 5 and 6 show the static figure where no widget runs (the website):
    the caption above the panels must not cover the first row's titles, and the
    panels draw the input and the selected layer's maps."""
    import matplotlib

    matplotlib.use("Agg")
    from helpers import widgets

    model = models.mnist_slide_model()
    images = np.random.default_rng(1).random((2, 28, 28, 1)).astype("float32")
    ex = widgets.FeatureMapExplorer(model, images, labels=[3, 4])
    for layer, shown in [("conv1", 16), ("conv3", 16), ("pool2", 16)]:
        ex.choose(index=1, layer=layer)
        fig = ex.static_figure()
        _apart(fig)
        assert fig._suptitle.get_text() == ex.caption()
        drawn = [ax for ax in fig.axes if ax.images]
        assert len(drawn) == shown and drawn[0].get_title() == "input" and drawn[-1].get_title() == "map 14"
        first = np.asarray(drawn[1].images[0].get_array(), dtype=float)
        # map 0, min-max scaled to 0..255 as the figure draws it
        m = ex.all_maps[layer][:, :, 0]
        expected = np.round((m - m.min()) / (m.max() - m.min()) * 255) if m.max() > m.min() else np.full(m.shape, 128)
        np.testing.assert_allclose(first, expected, atol=1)


def test_feature_map_explorer_starts_at_the_first_layer_that_computes_maps(models):
    """Lesson 6's network: input and augmentation return the photo itself at
    prediction, so the explorer starts at the first convolution."""
    from helpers import widgets

    model = models.cifar10_convnet(width=4)
    images = np.random.default_rng(0).random((2, 32, 32, 3)).astype("float32")
    ex = widgets.FeatureMapExplorer(model, images)
    assert ex.layer_names[0] == "block1a_conv" and not {"flip", "shift"} & set(ex.layer_names)
    assert ex.maps.shape == (32, 32, 4)
