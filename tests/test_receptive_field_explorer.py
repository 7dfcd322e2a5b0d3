"""widgets.ReceptiveFieldExplorer and widgets.layer_geometry: the field of every
unit, from the model's layers, equals the one measured by gradients."""

import numpy as np
import pytest

from helpers import arithmetic


@pytest.fixture(scope="module")
def tools(keras):
    from helpers import attribution, models, widgets

    return attribution, models, widgets


def test_the_slides_mnist_model_layer_by_layer(tools):
    _, models, widgets = tools
    geometry = widgets.layer_geometry(models.mnist_slide_model())
    stack = arithmetic.receptive_field([(3, 1), (2, 2), (3, 1), (2, 2), (3, 1)])
    assert [(size, jump) for size, jump, *_ in geometry.values()] == stack == [(3, 1), (4, 2), (8, 2), (10, 4), (18, 4)]
    assert list(geometry) == ["conv1", "pool1", "conv2", "pool2", "conv3"]


def test_every_units_field_equals_the_gradient_measurement(keras, tools):
    """ "same" and "valid" padding, stride 2, average pooling (so that every
    pixel of the field passes a gradient): the explorer's region is exactly
    the set of input pixels with a non-zero gradient, edges clipped."""
    attribution, _, widgets = tools
    layers = keras.layers
    model = keras.Sequential(
        [
            keras.Input((13, 12, 1)),
            layers.Conv2D(2, 3, padding="same", name="a"),
            layers.Conv2D(2, 3, strides=2, padding="same", name="b"),
            layers.AveragePooling2D(2, padding="same", name="c"),
            layers.Conv2D(2, 3, name="d"),
        ]
    )
    ex = widgets.ReceptiveFieldExplorer(model, np.zeros((13, 12, 1)))
    for name, (*_, height, width) in ex.geometry.items():  # (size, jump, first row, first col, height, width)
        for row, col in {(0, 0), (height - 1, width - 1), (height // 2, width // 2)}:
            ex.choose(layer=name, row=row, col=col)
            top, bottom, left, right = ex.region
            expected = np.zeros((13, 12), bool)
            expected[top:bottom, left:right] = True
            np.testing.assert_array_equal(
                attribution.measured_receptive_field(model, name, row, col), expected, err_msg=f"{name} {row} {col}"
            )


def test_the_explorer_keeps_working_and_refuses_bad_choices(keras, tools, monkeypatch):
    _, models, widgets = tools
    ex = widgets.ReceptiveFieldExplorer(models.mnist_slide_model(), np.random.default_rng(0).random((28, 28, 1)))
    assert ex.layer == "conv3" and (ex.row, ex.col) == (1, 1) and ex.size == 18
    assert ex.region == (4, 22, 4, 22) and "sees 18x18 input pixels" in ex.caption()
    ex.choose(layer="conv1", row=0, col=25)
    assert ex.region == (0, 3, 25, 28)
    with pytest.raises(ValueError, match="layer must be one of"):
        ex.choose(layer="dense")
    with pytest.raises(ValueError, match="row"):
        ex.choose(row=26)
    ex.choose(layer="conv3")  # the unit is kept in range: conv3 is 3x3
    assert (ex.row, ex.col) == (0, 2)
    ex.widget()
    ex._ui.layer.value = "pool2"
    assert (
        ex.layer == "pool2"
        and ex._ui.row.max == 4
        and ex._ui.picture.value.startswith("<img src='data:image/jpeg;base64,/9j/")
    )
    ex._ui.col.value = 4
    assert ex.col == 4 and ex.region == (
        0,
        10,
        16,
        26,
    )  # 28 -> 26 -> 13 -> 11 -> 5: the last two columns reach no pool2 unit
    monkeypatch.setenv("COURSE_WIDGETS", "static")
    assert "image/png" in ex._repr_mimebundle_()[0]
    with pytest.raises(TypeError, match="model"):
        widgets.ReceptiveFieldExplorer("model", np.zeros((28, 28, 1)))
    with pytest.raises(ValueError, match="image"):
        widgets.ReceptiveFieldExplorer(models.mnist_slide_model(), np.zeros((28, 28)))
