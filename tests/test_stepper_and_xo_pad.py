"""The convolution stepper and the X/O drawing pad, driven without a browser."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import ops, widgets, xo


def test_stepper_walks_the_slides_x_and_fills_the_feature_map():
    s = widgets.ConvolutionStepper(xo.X, xo.FEATURES[0], divide_by=9)
    assert s.n_positions == 49 and s.cell == (0, 0)
    np.testing.assert_array_equal(s.window, xo.X[0:3, 0:3])
    assert s.total == 7 and s.value == pytest.approx(7 / 9)
    assert "sum of products = 7; / 9 = 0.77" in s.describe()  # cut as the slides print 7/9, not rounded
    assert np.isnan(s.filled()).sum() == 48
    s.go_to(8)  # row 1, column 1: the perfect match
    assert s.cell == (1, 1) and s.value == 1.0
    np.testing.assert_array_equal(s.products, np.ones((3, 3)))
    s.go_to(48)
    np.testing.assert_allclose(s.filled(), xo.feature_maps(xo.X)[0])


@st.composite
def stepper_cases(draw):
    h, w = draw(st.integers(1, 8)), draw(st.integers(1, 8))
    f = draw(st.integers(1, 4))
    stride = draw(st.integers(1, 3))
    padding = draw(st.sampled_from([0, 1, 2, "valid", "same"]))
    seed = draw(st.integers(0, 1000))
    rng = np.random.default_rng(seed)
    return (
        rng.integers(-3, 4, (h, w)),
        rng.integers(-2, 3, (f, f)),
        stride,
        padding,
        draw(st.sampled_from([1, 9])),
        draw(st.sampled_from([0, -2])),
    )


@given(stepper_cases())
def test_stepping_through_every_position_gives_ops_correlate2d(case):
    image, kernel, stride, padding, divide_by, bias = case
    try:
        expected = ops.correlate2d(image, kernel, stride, padding) / divide_by + bias
    except ValueError:
        with pytest.raises(ValueError):  # a kernel that does not fit is refused the same way
            widgets.ConvolutionStepper(image, kernel, stride, padding, divide_by, bias)
        return
    s = widgets.ConvolutionStepper(image, kernel, stride, padding, divide_by, bias)
    values = []
    for position in range(s.n_positions):
        s.go_to(position)
        values.append(s.value)
    np.testing.assert_allclose(np.reshape(values, expected.shape), expected)
    np.testing.assert_allclose(s.filled(), expected)


def test_stepper_cuts_as_the_slides_print_unless_told_to_round():
    s = widgets.ConvolutionStepper(xo.X, xo.FEATURES[0], divide_by=9)
    s.go_to(48)
    # the slides' first row of feature 1: 7, -1, 1, 3, 5, -1, 3 ninths, printed cut
    assert s.labels(s.filled())[0] == ["0.77", "-0.11", "0.11", "0.33", "0.55", "-0.11", "0.33"]
    assert s.text(-5 / 9) == "-0.55" and s.text(-0.001) == "0.00" and s.text(np.nan) == ""
    rounded = widgets.ConvolutionStepper(xo.X, xo.FEATURES[0], divide_by=9, cut=False)
    assert rounded.labels(rounded.result)[0][:5] == ["0.78", "-0.11", "0.11", "0.33", "0.56"]
    assert "/ 9 = 0.78" in rounded.describe()
    assert ">0.77<" in widgets.html_grid([[7 / 9]]) and ">0.78<" in widgets.html_grid([[7 / 9]], cut=False)
    with pytest.raises(TypeError, match="cut"):
        widgets.ConvolutionStepper(xo.X, xo.FEATURES[0], cut="yes")


def test_static_picture_fits_a_page_and_shows_what_the_stepper_computed():
    s = widgets.ConvolutionStepper(xo.X, xo.FEATURES[0], divide_by=9)
    s.go_to(10)  # row 1, column 3
    fig = s.static_figure()
    width, height = fig.get_size_inches()
    assert width <= 9.0 and height < 4.5  # a lesson page's column, at the course's 100 dpi
    image_ax, kernel_ax, products_ax, output_ax = fig.axes
    window = xo.X[1:4, 3:6]
    expected_products = window * xo.FEATURES[0]
    assert [t.get_text() for t in products_ax.texts] == [str(int(v)) for v in expected_products.ravel()]
    assert products_ax.get_title().endswith(f"sum = {int(expected_products.sum())}")
    ninths = ops.correlate2d(xo.X, xo.FEATURES[0]).ravel()[:11]  # the cells filled so far, as whole ninths
    shown = [t.get_text() for t in output_ax.texts][:11]
    assert shown == [str(int(k // 9)) if k % 9 == 0 else f"{int(k * 100 / 9) / 100:.2f}" for k in ninths]
    assert all(t.get_text() == "" for t in output_ax.texts[11:])
    # every number of a panel in one type size; the cells of all four panels the same width
    for ax in fig.axes:
        assert len({t.get_fontsize() for t in ax.texts}) == 1
    cell_widths = [ax.get_window_extent().width / n for ax, n in zip(fig.axes, (9, 3, 3, 7))]
    assert max(cell_widths) == pytest.approx(min(cell_widths), rel=0.02)


def test_stepper_with_bias_like_the_6x6_example():
    o6 = np.array(
        [
            [0, 0, 1, 1, 0, 0],
            [0, 1, 0, 0, 1, 0],
            [1, 0, 0, 0, 0, 1],
            [1, 0, 0, 0, 0, 1],
            [0, 1, 0, 0, 1, 0],
            [0, 0, 1, 1, 0, 0],
        ]
    )
    s = widgets.ConvolutionStepper(o6, [[0, 0, 1], [0, 1, 0], [1, 0, 0]], bias=-2)
    assert s.value == 1 and "+ " not in s.describe() and "- 2 (bias) = 1" in s.describe()


def test_stepper_step_stops_at_the_ends_and_refuses_bad_positions():
    s = widgets.ConvolutionStepper(np.ones((4, 4)), np.ones((3, 3)))
    s.step(-1)
    assert s.position == 0
    s.step(10)
    assert s.position == 3
    with pytest.raises(ValueError, match="position must be < 4"):
        s.go_to(4)
    with pytest.raises(ValueError, match="at most 16x16"):
        widgets.ConvolutionStepper(np.ones((20, 20)), np.ones((3, 3)))
    with pytest.raises(ValueError, match="divide_by must not be 0"):
        widgets.ConvolutionStepper(np.ones((4, 4)), np.ones((3, 3)), divide_by=0)


def test_stepper_widget_follows_the_slider():
    s = widgets.ConvolutionStepper(xo.X, xo.FEATURES[1], divide_by=9)
    s.widget()
    ui = s._ui
    ui.slider.value = 24  # the centre: the small x matches perfectly
    assert s.position == 24 and s.value == 1.0
    assert "output (3, 3)" in ui.caption.value and "e6b800" in ui.tables.value
    s.go_to(3)
    assert ui.slider.value == 3


def test_static_pictures_without_a_front_end(monkeypatch):
    monkeypatch.setenv("COURSE_WIDGETS", "static")
    for tool in (widgets.ConvolutionStepper(xo.X, xo.FEATURES[0], divide_by=9), widgets.XODrawingPad()):
        bundle = tool._repr_mimebundle_()[0]
        assert "application/vnd.jupyter.widget-view+json" not in bundle
        assert bundle["image/png"][:4] == b"\x89PNG"


def test_drawing_pad_votes_and_toggles():
    pad = widgets.XODrawingPad()
    assert pad.verdicts == {"hand-made net": "X"}
    pad.set_image(xo.O)
    assert pad.verdicts["hand-made net"] == "O"
    pad.toggle(0, 0)
    assert pad.image[0, 0] == 1
    pad.toggle(0, 0)
    np.testing.assert_array_equal(pad.image, xo.O)
    pad.clear()
    assert (pad.image == -1).all() and set(pad.scores["hand-made net"]) == {"X", "O"}


def test_drawing_pad_survives_a_failing_classifier_and_odd_input():
    pad = widgets.XODrawingPad(
        classifiers={"broken": lambda image: 1 / 0, "constant": lambda image: {"X": 0.9, "O": 0.1}}
    )
    assert "ZeroDivisionError" in pad.messages["broken"]
    assert pad.verdicts == {"hand-made net": "X", "constant": "X"}
    with pytest.raises(ValueError, match="only -1"):
        pad.set_image(np.zeros((9, 9)))
    with pytest.raises(ValueError, match="outside the 9x9 grid"):
        pad.toggle(9, 0)
    with pytest.raises(TypeError, match="must be a function"):
        widgets.XODrawingPad(classifiers={"oops": 3})


def test_drawing_pad_widget_buttons_draw():
    pad = widgets.XODrawingPad()
    pad.widget()
    ui = pad._ui
    ui.buttons[0].click()  # pixel (0, 0)
    assert pad.image[0, 0] == 1 and ui.buttons[0].style.button_color == "#222222"
    assert "hand-made net" in ui.votes.value and "says" in ui.votes.value


def test_the_pads_verdicts_in_words():
    """Each classifier's scores with two decimals and its answer; a failing one says its error."""
    pad = widgets.XODrawingPad(
        classifiers={"broken": lambda image: 1 / 0, "constant": lambda image: {"X": 0.25, "O": 0.754}}
    )
    text = pad.verdict_text()
    assert text.startswith("hand-made net: X ") and " -> X; " in text  # the slides' X is an X
    assert "; broken: ZeroDivisionError" in text
    assert text.endswith("; constant: X 0.25, O 0.75 -> O")
    pad.widget()
    assert "role='status'" in pad._ui.status.value and "constant: X 0.25, O 0.75 -&gt; O" in pad._ui.status.value
    pad.set_image(xo.O)
    assert pad.verdict_text().startswith("hand-made net: X ") and " -> O; " in pad.verdict_text()


def test_pad_pixels_say_where_they_are_and_what_they_hold():
    pad = widgets.XODrawingPad()  # the slides' X: background in the corner, stroke on the diagonal
    pad.widget()
    assert pad._ui.buttons[0].tooltip == "pixel row 1, column 1: background"
    assert pad._ui.buttons[10].tooltip == "pixel row 2, column 2: stroke"
    pad._ui.buttons[0].click()
    assert pad._ui.buttons[0].tooltip == "pixel row 1, column 1: stroke"


def test_the_stepper_steps_with_named_buttons_and_says_each_step():
    s = widgets.ConvolutionStepper(xo.X, xo.FEATURES[0], divide_by=9)
    s.widget()
    back, forward = (
        b for b in s._ui.root.children[0].children if getattr(b, "description", "").endswith(("back", "▶"))
    )
    forward.click()
    assert s.position == 1 and "role='status'" in s._ui.caption.value and "output (0, 1)" in s._ui.caption.value
    back.click()
    back.click()  # stops at the first position
    assert s.position == 0 and "output (0, 0)" in s._ui.caption.value
