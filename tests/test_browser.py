"""A student's view, proven in a real browser.

Starts JupyterLab on 127.0.0.1 (a free port, a random token) over a temporary
folder holding the widget tour (``tests/widget_tour.py``: every widget cell of
every lesson, copied from the notebooks, with a short set-up per lesson; the
notebooks are never written to), opens it in headless Chromium (Debian's
/usr/bin/chromium, driven by Playwright), runs all cells and checks:

- no cell raised (no traceback in any output);
- every widget cell of every lesson rendered its widget (its DOM exists, no
  "Error displaying widget");
- moving one control of each widget changes what it shows.

And the reading path in JupyterLab: lesson 0, opened and run as a student
does, shows every check cell and set-up cell collapsed (its code hidden, its
one ✓ line shown) and no assert in the code a student sees.

Screenshots of every widget go to build/screenshots/ (named after the lesson).
The server is stopped even when a check fails (the server, Chromium and the
page actions are shared with the other browser tests: ``tests/browser_support.py``).  Without Chromium or Playwright
the test is skipped with the reason, unless ``--require-browser`` (.ci/run
passes it), where it must run.

The lessons themselves run elsewhere, twice, in fast mode, the second time with
live widgets (``tests/notebook_runs.py``); this test adds the browser.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from tests.browser_support import SHOTS, reacts, run_all, running_lab, unavailable, widget_outputs

TOUR = "widget_tour.ipynb"
READ = "00_start_here.ipynb"  # a lesson with check cells, quick to run
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", autouse=True)
def _browser_here(require_browser):
    """Skip this file without Playwright or Chromium (unless ``--require-browser``)."""
    reason = unavailable()
    if reason and not require_browser:
        pytest.skip(f"browser test skipped: {reason}")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server over a folder with the widget tour; yields (base_url, token)."""
    import nbformat

    from tests.widget_tour import build_tour

    reason = unavailable()
    assert reason is None, reason
    work = tmp_path_factory.mktemp("lab")
    (work / "notebooks").mkdir()
    nbformat.write(build_tour()[0], work / "notebooks" / TOUR)
    shutil.copy(ROOT / "notebooks" / READ, work / "notebooks" / READ)
    # every cell in the page, not only those scrolled into view (JupyterLab's windowing)
    tracker = work / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True, exist_ok=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    with running_lab(work / "notebooks", work, env={"COURSE_FAST": "1"}) as server:
        yield server


def test_every_lesson_widget_works_in_jupyterlab(lab, browser):
    from tests.widget_tour import build_tour

    base, token = lab
    _, shown = build_tour()  # (lesson, k): the k-th widget cell of that lesson, in tour order
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    problems = []
    try:
        page.goto(f"{base}/lab/tree/{TOUR}?reset&token={token}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=120_000)
        time.sleep(2)
        run_all(page)
        outputs = page.locator(".jp-OutputArea-output").all_inner_texts()
        tracebacks = [
            text[:500]
            for text in outputs
            if "Traceback (most recent call last)" in text or "Error:" in text.split("\n")[0]
        ]
        assert not tracebacks, f"cells of the widget tour raised: {tracebacks}"
        assert page.locator("text=Error displaying widget").count() == 0
        widgets = widget_outputs(page)
        assert widgets.count() == len(shown), (
            f"{widgets.count()} widgets rendered, {len(shown)} widget cells in the lessons: {shown}"
        )
        for k, (lesson, number) in enumerate(shown):
            name = f"{lesson} widget {number}"
            widget = widgets.nth(k)
            widget.scroll_into_view_if_needed()
            if widget.locator(".jupyter-widgets").count() == 0:
                problems.append(f"{name}: no widget DOM")
                continue
            reacted = reacts(widget)  # judged before the screenshot, which may change focus styles
            time.sleep(0.5)
            widget.screenshot(path=str(SHOTS / f"{lesson}_widget{number}.png"))
            if not reacted:
                problems.append(f"{name}: did not react to its control within 20 s")
    finally:
        page.screenshot(path=str(SHOTS / "widget_tour_page.png"))
        page.close()
    assert not problems, "\n".join(problems)


def test_check_cells_are_collapsed_in_jupyterlab(lab, browser):
    """Opened as a student opens it, every check and set-up cell of the lesson
    shows collapsed (its code behind JupyterLab's "..." bar) and no code a
    student sees holds an assert.  (What the cells print is proven by the
    notebook runs and on the website.)"""
    import nbformat

    from tools import lesson_rules

    base, token = lab
    nb = nbformat.read(ROOT / "notebooks" / READ, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    folded = [k for k, cell in enumerate(code) if lesson_rules.is_check(cell) or lesson_rules.is_setup(cell)]
    assert folded, f"{READ} has no check cells"
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    try:
        page.goto(f"{base}/lab/tree/{READ}?reset&token={token}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-CodeCell", timeout=120_000)
        time.sleep(2)
        cells = page.locator(".jp-Notebook .jp-CodeCell")
        assert cells.count() == len(code)
        for k in range(len(code)):
            cell = cells.nth(k)
            hidden = cell.locator(".jp-InputPlaceholder").count() > 0
            assert hidden == (k in folded), f"code cell {k}: collapsed {hidden}, folded in the lesson {k in folded}"
            if not hidden:
                source = cell.locator(".jp-InputArea-editor").inner_text()
                assert "assert " not in source, f"code cell {k}, which a student reads, asserts"
        page.screenshot(path=str(SHOTS / "jupyterlab_check_cells.png"))
    finally:
        page.close()
