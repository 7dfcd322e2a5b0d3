"""The kernel explorer's logic, driven without a browser."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from helpers import kernels, ops, widgets
from helpers.widgets.display import Controls, InteractiveTool, image_html

rng = np.random.default_rng(0)
PHOTO = rng.integers(0, 256, (40, 50)).astype(np.uint8)


def expected(kernel):
    return ops.correlate2d(PHOTO.astype(np.float32), np.asarray(kernel, np.float32), padding="same")


def test_starts_with_the_vertical_edge_kernel():
    ex = widgets.KernelExplorer(PHOTO)
    np.testing.assert_array_equal(ex.kernel, kernels.VERTICAL_EDGE)
    np.testing.assert_allclose(ex.output, expected(kernels.VERTICAL_EDGE))
    assert ex.output.shape == PHOTO.shape and ex.shown.dtype == np.uint8


@pytest.mark.parametrize("name", list(kernels.GALLERY))
def test_every_preset_filters_the_photo(name):
    ex = widgets.KernelExplorer(PHOTO, kernel=name)
    np.testing.assert_allclose(ex.output, expected(kernels.GALLERY[name]), rtol=1e-5, atol=1e-3)
    assert len(ex.cells) == kernels.GALLERY[name].shape[0]


def test_preset_cells_show_the_slides_fractions():
    ex = widgets.KernelExplorer(PHOTO, kernel="Gaussian 5x5 (/74)")
    assert ex.cells[2] == ["3/74", "5/74", "6/74", "5/74", "3/74"]
    ex.choose_preset("box 3x3 (/9)")
    assert ex.cells == [["1/9"] * 3] * 3


def test_typing_a_cell_changes_the_output():
    ex = widgets.KernelExplorer(PHOTO, kernel="identity")
    np.testing.assert_allclose(ex.output, PHOTO)
    assert ex.set_cell(1, 1, "2") is True
    np.testing.assert_allclose(ex.output, 2.0 * PHOTO)
    assert ex.preset is None and ex.message == ""
    assert ex.set_cell(0, 0, "1/2") is True
    k = np.array([[0.5, 0, 0], [0, 2, 0], [0, 0, 0]])
    np.testing.assert_allclose(ex.output, expected(k), rtol=1e-6)


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "is empty"),
        ("abc", "'abc' is not a number"),
        ("nan", "'nan' is not a number"),
        ("inf", "is not a number"),
        ("1,5", "use a dot"),
    ],
)
def test_bad_cells_give_a_message_and_keep_the_last_good_image(text, words):
    ex = widgets.KernelExplorer(PHOTO, kernel="edge detector")
    good_output, good_shown = ex.output.copy(), ex.shown.copy()
    assert ex.set_cell(2, 0, text) is False
    assert words in ex.message and "Row 3, column 1" in ex.message
    np.testing.assert_array_equal(ex.output, good_output)
    np.testing.assert_array_equal(ex.shown, good_shown)
    np.testing.assert_array_equal(ex.kernel, kernels.EDGE_DETECTOR)
    # fixing the cell clears the message and applies the kernel
    assert ex.set_cell(2, 0, "-1") is True and ex.message == ""


def test_scaling_changes_only_the_grey_levels():
    ex = widgets.KernelExplorer(PHOTO)
    output = ex.output.copy()
    ex.set_scaling("absolute")
    np.testing.assert_array_equal(ex.output, output)
    assert ex.shown.min() == 0
    with pytest.raises(ValueError, match="scaling must be one of"):
        ex.set_scaling("fancy")


def test_bad_construction_arguments():
    with pytest.raises(ValueError, match="preset must be one of"):
        widgets.KernelExplorer(PHOTO, kernel="blur")
    with pytest.raises(ValueError, match="square with an odd size"):
        widgets.KernelExplorer(PHOTO, kernel=np.ones((2, 2)))
    with pytest.raises(ValueError, match="image must be 2-D"):
        widgets.KernelExplorer(np.ones((4, 4, 3)))


def test_the_widget_drives_the_same_logic():
    ex = widgets.KernelExplorer(PHOTO, kernel="identity")
    ex.widget()
    ui = ex._ui
    ui.preset.value = "sharpen"
    np.testing.assert_array_equal(ex.kernel, kernels.SHARPEN)
    assert len(ui.cell_boxes) == 9
    first_png = ui.result.value
    ui.cell_boxes[4].value = "abc"  # the centre cell
    assert "not a number" in ui.message.value and ui.result.value == first_png
    ui.cell_boxes[4].value = "8"
    np.testing.assert_array_equal(ex.kernel, kernels.EDGE_DETECTOR)
    assert ui.preset.value == "edge detector" and ui.message.value == ""  # recognised by its weights
    ui.cell_boxes[4].value = "7"
    assert ui.preset.value == "(custom)"
    ui.preset.value = "Gaussian 5x5 (/74)"
    assert len(ui.cell_boxes) == 25
    ui.scaling.value = "inverted"
    assert ex.scaling == "inverted"


def test_display_in_jupyterlab_sends_the_widget_and_a_picture(monkeypatch):
    monkeypatch.delenv("COURSE_WIDGETS", raising=False)
    monkeypatch.setenv("JPY_SESSION_NAME", "lesson.ipynb")  # what a Jupyter server sets
    bundle = widgets.KernelExplorer(PHOTO)._repr_mimebundle_()[0]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["image/png"][:8] == b"\x89PNG\r\n\x1a\n"


def test_display_without_a_widget_front_end_is_a_static_picture(monkeypatch):
    monkeypatch.delenv("COURSE_WIDGETS", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.delenv("VSCODE_PID", raising=False)
    explorer = widgets.KernelExplorer(PHOTO)
    bundle = explorer._repr_mimebundle_()[0]
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    assert bundle["image/png"][:8] == b"\x89PNG\r\n\x1a\n"
    assert explorer._ui is None  # no widget was built for nothing
    monkeypatch.setenv("COURSE_WIDGETS", "live")
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()[0]
    monkeypatch.setenv("COURSE_WIDGETS", "sometimes")
    with pytest.raises(ValueError, match="COURSE_WIDGETS='sometimes' is not understood"):
        widgets.widget_frontend_expected()


class Counter(InteractiveTool):
    """The smallest tool: one number, set by code or by its slider."""

    def __init__(self):
        self.value, self.calls = 0, []

    def set(self, value):
        self.calls.append(value)
        self.value = value
        self._notify()


class _CounterUI(Controls, tool=Counter):
    def layout(self, w, counter):
        self.slider = w.IntSlider(max=10)
        self.on_change(self.slider, counter.set)
        return w.VBox([self.slider])

    def show(self, counter):
        self.slider.value = counter.value


def test_controls_pass_on_a_persons_change_not_their_own():
    counter = Counter()
    root = counter.widget()
    assert counter.widget() is root and counter.controls is _CounterUI  # built once, tied by tool=
    counter.set(5)  # code: show() moves the slider, and its handler stays quiet
    assert counter._ui.slider.value == 5 and counter.calls == [5]
    counter._ui.slider.value = 7  # a person
    assert counter.value == 7 and counter.calls == [5, 7]
    with pytest.raises(NotImplementedError, match="has no controls"):
        type("Bare", (InteractiveTool,), {})().widget()


def test_parse_number():
    assert widgets.parse_number(" -1 ") == -1
    assert widgets.parse_number("1/9") == pytest.approx(1 / 9)
    assert widgets.parse_number("2e-3") == 0.002
    with pytest.raises(ValueError):
        widgets.parse_number("1/0")


def test_changes_made_in_code_show_in_the_widget():
    ex = widgets.KernelExplorer(PHOTO)
    ex.widget()
    ui = ex._ui
    ex.choose_preset("box 3x3 (/9)")
    assert ui.preset.value == "box 3x3 (/9)" and ui.cell_boxes[0].value == "1/9"
    ex.set_cell(0, 0, "oops")
    assert "not a number" in ui.message.value
    ex.set_scaling("clip")
    assert ui.scaling.value == "clip"


# ---- the default view follows the kernel: a photo for sum-1 kernels, symmetric for sum-0 ----


@pytest.mark.parametrize(
    "name, mode",
    [
        ("identity", "clip"),
        ("sharpen", "clip"),
        ("Gaussian 5x5 (/74)", "clip"),
        ("box 3x3 (/9)", "clip"),
        ("vertical edge (h_x)", "symmetric"),
        ("horizontal edge (h_y)", "symmetric"),
        ("edge detector", "symmetric"),
    ],
)
def test_a_preset_picks_the_view_its_weights_call_for(name, mode):
    weights_sum = float(np.sum(kernels.GALLERY[name], dtype=np.float64))
    assert abs(weights_sum - (1 if mode == "clip" else 0)) < 1e-9  # the rule's premise, from the weights
    ex = widgets.KernelExplorer(PHOTO, kernel=name)
    assert ex.scaling == mode and not ex.scaling_chosen
    if mode == "clip":  # the response drawn as a photo: its values as grey levels, cut to 0..255
        np.testing.assert_array_equal(ex.shown, np.clip(expected(kernels.GALLERY[name]), 0, 255).astype(np.uint8))
    else:  # 0 = mid-grey, the largest |response| black or white
        m = np.abs(ex.output).max()
        np.testing.assert_array_equal(ex.shown, np.round((0.5 + 0.5 * ex.output / m) * 255).astype(np.uint8))


def test_sharpen_looks_like_the_photo_not_a_grey_wash():
    ex = widgets.KernelExplorer(PHOTO, kernel="sharpen")
    # where sharpen leaves a pixel inside 0..255 it is shown at that grey level: identical to the photo's
    # brightness scale, not squeezed around mid-grey
    inside = (ex.output >= 0) & (ex.output <= 255)
    assert inside.any()
    np.testing.assert_array_equal(ex.shown[inside], ex.output[inside].astype(np.uint8))


def test_the_view_switches_with_the_kernel_until_one_is_chosen():
    ex = widgets.KernelExplorer(PHOTO)  # h_x
    assert ex.scaling == "symmetric"
    ex.choose_preset("Gaussian 5x5 (/74)")
    assert ex.scaling == "clip"
    ex.set_kernel(np.array([[0, 0, 0], [0, 0, 0], [0, 1, 0]]))  # a shifted 1: the photo, moved
    assert ex.scaling == "clip"
    for r in range(3):  # nine cells typed as 1/9: they sum to 1 up to rounding
        for c in range(3):
            ex.set_cell(r, c, "1/9")
    assert ex.scaling == "clip"
    ex.set_cell(1, 1, "2")  # weights sum to 8/9 + 2: neither 0 nor 1
    assert ex.scaling == "min-max"
    ex.choose_preset("edge detector")
    assert ex.scaling == "symmetric"
    # a student's choice is kept, whatever the kernel
    ex.set_scaling("inverted")
    assert ex.scaling_chosen
    for name in ["sharpen", "vertical edge (h_x)", "identity"]:
        ex.choose_preset(name)
        assert ex.scaling == "inverted"
    ex.set_cell(0, 0, "5")
    assert ex.scaling == "inverted"


def test_a_scaling_given_at_the_start_is_kept():
    ex = widgets.KernelExplorer(PHOTO, kernel="sharpen", scaling="symmetric")
    assert ex.scaling == "symmetric" and ex.scaling_chosen
    ex.choose_preset("box 3x3 (/9)")
    assert ex.scaling == "symmetric"
    with pytest.raises(ValueError, match="scaling must be None"):
        widgets.KernelExplorer(PHOTO, scaling="auto")


def test_default_scaling_rule_and_its_input():
    from helpers.widgets.kernel_explorer import default_scaling

    assert default_scaling([[0, 1, 0]]) == "clip"
    assert default_scaling([[-1, 1]]) == "symmetric"
    assert default_scaling([[1, 1]]) == "min-max"
    assert default_scaling([[1 / 3] * 3]) == "clip"  # 1/3 + 1/3 + 1/3: 1 up to rounding
    with pytest.raises(ValueError, match="kernel must be 2-D"):
        default_scaling([1, 0])


def test_the_widget_menu_follows_the_kernel_and_a_persons_choice_sticks():
    ex = widgets.KernelExplorer(PHOTO)
    ex.widget()
    ui = ex._ui
    assert ui.scaling.value == "symmetric"
    ui.preset.value = "sharpen"
    assert ex.scaling == "clip" and ui.scaling.value == "clip" and not ex.scaling_chosen
    ui.scaling.value = "min-max"  # a person picks a view
    assert ex.scaling_chosen
    ui.preset.value = "vertical edge (h_x)"
    assert ex.scaling == "min-max" and ui.scaling.value == "min-max"


def test_the_response_in_words_gives_its_range():
    """The identity kernel answers the photo itself, so the text names the
    photo's own size and range; the widget shows it in a live region."""
    image = np.arange(20, dtype=float).reshape(4, 5)  # 0..19, mean 9.5
    ex = widgets.KernelExplorer(image, kernel="identity")
    assert ex.response_text() == "response of identity (4x5, drawn clip): min 0, max 19, mean 9.5"
    ex.set_kernel(np.array([[0, 0, 0], [0, -2, 0], [0, 0, 0]]))  # -2 times the photo
    assert ex.response_text() == "response of your kernel (4x5, drawn min-max): min -38, max 0, mean -19"
    ex.widget()
    status = ex._ui.status.value
    assert "role='status'" in status and "aria-live='polite'" in status and "min -38, max 0" in status
    ex.choose_preset("identity")
    assert "min 0, max 19, mean 9.5" in ex._ui.status.value  # follows each change


def test_kernel_cells_are_named_for_a_screen_reader():
    ex = widgets.KernelExplorer(np.zeros((6, 6)))
    ex.widget()
    names = [box.description for box in ex._ui.cell_boxes]
    assert names[0] == "weight row 1, column 1" and names[5] == "weight row 2, column 3" and len(set(names)) == 9


def test_the_pictures_carry_their_text_alternative():
    """The photo and the response are <img> elements with an alt: the photo's size, then the
    response in words (ipywidgets' Image has no alt)."""
    ex = widgets.KernelExplorer(np.arange(20, dtype=float).reshape(4, 5), kernel="identity")
    ex.widget()
    assert "alt='the photo: a 4 x 5 grey image'" in ex._ui.photo.value
    assert f"alt='{ex.response_text()}'" in ex._ui.result.value
    ex.set_kernel(np.array([[0, 0, 0], [0, -2, 0], [0, 0, 0]]))
    assert "alt='response of your kernel (4x5, drawn min-max): min -38, max 0" in ex._ui.result.value
    with pytest.raises(TypeError, match="jpeg must be JPEG bytes"):
        image_html(b"GIF89a", "a picture")
    with pytest.raises(ValueError, match="alt must be a non-empty text"):
        image_html(b"\xff\xd8\xff", " ")
