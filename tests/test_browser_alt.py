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

from tests.browser_support import launched_chromium, run_all, running_lab, unavailable

CELLS = [
    "import numpy as np\nfrom helpers import plotting\nplotting.show_matrix(np.array([[1, 0], [0, -1]]), title='flip');",
    "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([3, 1, 2], label='loss')\nax.legend();",
]


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
    with running_lab(tmp_path / "notebooks", tmp_path) as (base, token), launched_chromium() as browser:
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(f"{base}/lab/tree/figures.ipynb?token={token}")
        run_all(page)
        page.wait_for_function("document.querySelectorAll('.jp-OutputArea-output img').length >= 2", timeout=60_000)
        alts = page.eval_on_selector_all(".jp-OutputArea-output img", "els => els.map(e => e.getAttribute('alt'))")
    assert alts[0] == "flip: a 2 x 2 matrix, by row: 1, 0; 0, -1."
    # a figure drawn without the course's functions: read from its artists
    assert alts[1] == "loss: 3 points from 3 to 2, lowest 1 at x 1."
