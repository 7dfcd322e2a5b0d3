"""The conv arithmetic calculator and the pooling explorer, driven without a browser."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from helpers import ops, widgets

POOL_INPUT = np.array([[3, 13, 17, 11], [5, 3, 1, 23], [7, 1, 2, 3], [11, 17, 1, 4]])


def test_calculator_reproduces_the_slides_example():
    calc = widgets.ConvArithmeticCalculator(w=32, f=5, p=2, s=1, d_in=3, k=10)
    assert calc.valid and calc.output == (32, 32, 10) and calc.params == 760
    assert "(32 - 5 + 2·2)/1 + 1 = 31/1 + 1 = 32" in calc.formula
    assert calc.message == ""


def test_calculator_flags_a_non_integer_output_and_suggests_fits():
    calc = widgets.ConvArithmeticCalculator(w=32, f=5, p=2, s=2)
    assert not calc.valid and calc.output is None
    assert "= 16.5: not a whole number" in calc.formula
    assert "floor it to 16" in calc.message
    assert "No padding fits at S = 2" in calc.message  # 27 + 2P is odd
    assert "Nearest stride that fits at P = 2: S = 1" in calc.message
    calc.set(w=33)
    assert "Nearest padding" not in calc.message and calc.valid and calc.output == (17, 17, 10)
    calc.set(w=28, s=3, p=1)
    assert "Nearest padding that fits at S = 3: P = 2" in calc.message  # 28 - 5 + 2·2 = 27 = 3·9


def test_calculator_flags_a_filter_bigger_than_the_padded_input():
    calc = widgets.ConvArithmeticCalculator(w=3, f=7, p=1)
    assert not calc.valid and "larger than the padded input W + 2P = 5" in calc.message and "P >= 2" in calc.message
    calc.set(p=2)
    assert calc.valid and calc.output[0] == 1


def test_calculator_positions_and_keras_agreement(keras):
    calc = widgets.ConvArithmeticCalculator(w=7, f=3, p=0, s=2, d_in=1, k=1)
    assert calc.positions == [0, 2, 4] and calc.output[0] == 3
    layer = keras.layers.Conv2D(10, 5, strides=1, padding="same")
    layer.build((None, 32, 32, 3))
    calc.set(w=32, f=5, p=2, s=1, d_in=3, k=10)
    assert layer.count_params() == calc.params
    assert layer.compute_output_shape((None, 32, 32, 3))[1:] == calc.output


def test_calculator_refuses_odd_settings_with_a_clear_error():
    calc = widgets.ConvArithmeticCalculator()
    with pytest.raises(ValueError, match="s \\(S \\(stride\\)\\) must be between 1 and 8"):
        calc.set(s=0)
    with pytest.raises(TypeError, match="must be an integer"):
        calc.set(w=3.5)
    with pytest.raises(ValueError, match="unknown setting"):
        calc.set(depth=3)
    assert calc.valid  # still the last good state


def test_calculator_widget_sliders_drive_the_logic():
    calc = widgets.ConvArithmeticCalculator()
    calc.widget()
    ui = calc._ui
    ui.sliders["s"].value = 2
    assert calc.values["s"] == 2 and "not a whole number" in ui.text.value
    assert "<svg" in ui.drawing.value
    calc.set(s=1)
    assert ui.sliders["s"].value == 1


def test_pooling_explorer_on_the_slides_example():
    ex = widgets.PoolingExplorer(POOL_INPUT)
    np.testing.assert_array_equal(ex.output, [[13, 23], [17, 4]])
    ex.select(0, 1)
    assert ex.window == (range(0, 2), range(2, 4)) and "= 23" in ex.describe()
    ex.set(mode="average")
    np.testing.assert_array_equal(ex.output, [[6, 13], [9, 2.5]])
    ex.set(mode="L2")
    np.testing.assert_allclose(ex.output, ops.l2_pool(POOL_INPUT))


def test_pooling_explorer_partial_windows_and_odd_settings():
    x = np.arange(49.0).reshape(7, 7)
    ex = widgets.PoolingExplorer(x, padding="same")
    assert ex.output.shape == (4, 4)
    ex.select(3, 3)
    assert ex.window == (range(6, 7), range(6, 7))  # the lone corner cell
    assert ex.set(size=9, padding="valid") is False and "larger than" in ex.message
    assert ex.size == 2 and ex.output.shape == (4, 4)  # the last good state stays
    assert ex.set(stride=0) is False and "stride must be >= 1" in ex.message
    assert ex.set(mode="median") is False and "mode must be one of" in ex.message
    assert ex.set(size=3, stride=2, padding="valid") is True
    assert ex.output.shape == (3, 3) and ex.selected == (2, 2)  # the selection moved inside the new output


def test_pooling_explorer_widget_drives_the_logic(monkeypatch):
    ex = widgets.PoolingExplorer(POOL_INPUT)
    ex.widget()
    ui = ex._ui
    ui.col.value = 1
    assert ex.selected == (0, 1) and "e6b800" in ui.tables.value
    ui.mode.value = "average"
    assert ex.mode == "average" and "= 13" in ui.caption.value
    ui.size.value = 4  # one window over the whole map (the slider stops at the map's size)
    assert ex.output.shape == (1, 1) and "= 7.625" in ui.caption.value
    monkeypatch.setenv("COURSE_WIDGETS", "static")
    assert "image/png" in ex._repr_mimebundle_()[0]
    assert "image/png" in widgets.ConvArithmeticCalculator()._repr_mimebundle_()[0]
