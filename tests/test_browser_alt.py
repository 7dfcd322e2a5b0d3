"""A figure's text alternative reaches the screen reader in JupyterLab.

JupyterLab 4 draws an output's PNG with no ``alt``; the course's lab extension
(share/jupyter/labextensions/course-rise-widgets) copies the alt text that
``helpers.plotting.describe`` puts in the output metadata onto the ``<img>``.
This test runs a notebook with one course figure and one figure of plain
Matplotlib in JupyterLab (headless Chromium) and reads both images' alt.
Skipped without Playwright or Chromium, unless ``--require-browser``.
"""

from __future__ import annotations

import nbformat
import pytest

from tests.browser_support import launched_chromium, open_notebook, run_all, running_lab, unavailable

CELLS = [
    "import numpy as np\nfrom helpers import plotting\nplotting.show_matrix(np.array([[1, 0], [0, -1]]), title='flip');",
    "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([3, 1, 2], label='loss')\nax.legend();",
]


pytestmark = pytest.mark.browser  # make test-browser (not in make test: pyproject.toml's addopts)


@pytest.fixture(scope="module", autouse=True)
def _browser_here(require_browser):
    reason = unavailable()
    if reason and not require_browser:
        pytest.skip(f"browser test skipped: {reason}")


def test_figures_in_jupyterlab_carry_their_alt_text(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, tmp_path / "notebooks" / "figures.ipynb")
    with running_lab(tmp_path / "notebooks", tmp_path) as lab, launched_chromium() as browser:
        page = open_notebook(browser, lab, "figures.ipynb", viewport={"width": 1300, "height": 900})
        run_all(page)
        page.wait_for_function("document.querySelectorAll('.jp-OutputArea-output img').length >= 2", timeout=60_000)
        alts = page.eval_on_selector_all(".jp-OutputArea-output img", "els => els.map(e => e.getAttribute('alt'))")
    assert alts[0] == "flip: a 2 x 2 matrix, by row: 1, 0; 0, -1."
    # a figure drawn without the course's functions: read from its artists
    assert alts[1] == "loss: 3 points from 3 to 2, lowest 1 at x 1."


def _contrast(fg: list[float], bg: list[float]) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours (0-255 each)."""

    def luminance(rgb):
        c = [v / 255 for v in rgb[:3]]
        c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_helper_is_the_wcag_formula():
    assert round(_contrast([0, 0, 0], [255, 255, 255]), 1) == 21.0
    assert round(_contrast([118, 118, 118], [255, 255, 255]), 2) == 4.54  # WCAG's classic #767676 on white


def test_dark_theme_and_presenter_mode_keep_figures_and_widgets_readable(tmp_path):
    """JupyterLab Dark with COURSE_PRESENTER=1: the figure keeps its white background (its black
    labels stay readable), the widgets are zoomed 1.5 times as a whole, all their text (labels, slider
    values, results, warnings) meets 4.5:1, no label is cut off and every slider's value is in sight;
    screenshot build/screenshots/a11y_dark_presenter.png."""
    from tests.browser_support import SHOTS

    cells = [
        CELLS[0],
        "from helpers import widgets, xo\nwidgets.ConvArithmeticCalculator(f=9)",  # f=9: its warning shows too
        "widgets.PoolingExplorer(np.arange(16.0).reshape(4, 4))",
        "widgets.ConvolutionStepper(xo.X, xo.FEATURES[0], divide_by=9)",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, tmp_path / "notebooks" / "dark.ipynb")
    themes = tmp_path / "settings" / "@jupyterlab" / "apputils-extension"
    themes.mkdir(parents=True)
    (themes / "themes.jupyterlab-settings").write_text('{"theme": "JupyterLab Dark"}')
    windowing = tmp_path / "settings" / "@jupyterlab" / "notebook-extension"
    windowing.mkdir(parents=True)  # every cell in the page, not only those scrolled into view
    (windowing / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    env = {"COURSE_PRESENTER": "1"}
    with running_lab(tmp_path / "notebooks", tmp_path, env=env) as lab, launched_chromium() as browser:
        page = open_notebook(browser, lab, "dark.ipynb", viewport={"width": 1300, "height": 1000})
        run_all(page)
        page.wait_for_selector(".jp-OutputArea-output img", timeout=60_000)
        page.wait_for_selector(".jupyter-widgets .widget-label", timeout=60_000)
        assert page.evaluate("document.body.dataset.jpThemeLight") == "false"  # the dark theme is on
        corner = page.evaluate(
            """() => { const img = document.querySelector('.jp-OutputArea-output img');
                       const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
                       const g = c.getContext('2d'); g.drawImage(img, 0, 0); return [...g.getImageData(1, 1, 1, 1).data]; }"""
        )
        # every piece of text the widgets show (labels, readouts, their HTML), with its colour and the
        # first opaque background behind it
        labels = page.evaluate(
            """() => { const rgb = s => s.match(/[\\d.]+/g).map(Number);
                       const bg = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                                         if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; };
                       const own = e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                       return [...document.querySelectorAll('.jupyter-widgets *')].filter(own)
                         .map(e => [e.textContent.trim().slice(0, 40), rgb(getComputedStyle(e).color), bg(e)]); }"""
        )
        readouts = []  # (value, in sight: the readout itself is what the page shows at its centre)
        for k in range(page.locator(".jupyter-widgets .widget-readout").count()):
            readout = page.locator(".jupyter-widgets .widget-readout").nth(k)
            readout.scroll_into_view_if_needed()
            readouts.append(
                readout.evaluate(
                    """e => { const r = e.getBoundingClientRect();
                              const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                              return [e.textContent.trim(), r.width > 0 && !!top && e.contains(top)]; }"""
                )
            )
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('.jupyter-widgets .widget-label')]
                       .filter(e => e.textContent.trim() && e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim())"""
        )
        zoom = page.evaluate(
            "getComputedStyle(document.querySelector('.jp-OutputArea-output > .jupyter-widgets')).zoom"
        )
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "a11y_dark_presenter.png"), full_page=True)
    assert corner[:3] == [255, 255, 255] and corner[3] == 255, f"the figure's background is not opaque white: {corner}"
    assert labels, "the widget shows no labels"
    assert float(zoom) == 1.5, f"presenter mode did not zoom the widget: zoom {zoom}"
    assert not clipped, f"widget labels cut off in presenter mode: {clipped}"
    assert len(readouts) >= 8 and all(seen for _, seen in readouts), f"slider values hidden: {readouts}"
    low = [(text, round(_contrast(fg, bg), 2)) for text, fg, bg in labels if _contrast(fg, bg) < 4.5]
    assert not low, f"widget text below 4.5:1 on the dark theme: {low}"
