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

Screenshots of every widget go to build/screenshots/ (named after the lesson).
The server is stopped even when a check fails (the server, Chromium and the
page actions are shared with the other browser tests: ``tests/browser_support.py``).  Without Chromium or Playwright
the test is skipped with the reason, unless COURSE_E2E=1 (set by .ci/run),
where it must run.

The lessons themselves run elsewhere, twice, in fast mode, the second time with
live widgets (``tests/notebook_runs.py``); this test adds the browser.
"""

from __future__ import annotations

import os
import time

import pytest

from tests.browser_support import SHOTS, reacts, run_all, running_lab, unavailable, widget_outputs

REQUIRED = os.environ.get("COURSE_E2E", "") == "1"
TOUR = "widget_tour.ipynb"

reason = unavailable()
if reason and not REQUIRED:
    pytest.skip(f"browser test skipped: {reason}", allow_module_level=True)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server over a folder with the widget tour; yields (base_url, token)."""
    import nbformat

    from tests.widget_tour import build_tour

    assert reason is None, reason
    work = tmp_path_factory.mktemp("lab")
    (work / "notebooks").mkdir()
    nbformat.write(build_tour()[0], work / "notebooks" / TOUR)
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
