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
The server is stopped even when a check fails.  Without Chromium or Playwright
the test is skipped with the reason, unless COURSE_E2E=1 (set by .ci/run),
where it must run.

The lessons themselves run elsewhere, twice, in fast mode, the second time with
live widgets (``tests/notebook_runs.py``); this test adds the browser.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("COURSE_E2E", "") == "1"
TOUR = "widget_tour.ipynb"


def _unavailable() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[e2e]')"
    if not Path(CHROMIUM).exists():
        return "Chromium is not installed (Debian: apt-get install chromium)"
    return None


reason = _unavailable()
if reason and not REQUIRED:
    pytest.skip(f"browser test skipped: {reason}", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server over a folder with the widget tour; yields (base_url, token)."""
    import nbformat

    from tests.widget_tour import build_tour

    assert reason is None, reason
    work = tmp_path_factory.mktemp("lab")
    (work / "notebooks").mkdir()
    nbformat.write(build_tour()[0], work / "notebooks" / TOUR)
    settings = work / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(
        os.environ,
        COURSE_FAST="1",
        JUPYTERLAB_SETTINGS_DIR=str(work / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(work / "workspaces"),
    )
    log = open(work / "jupyterlab.log", "w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--allow-root",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={work / 'notebooks'}",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise RuntimeError("JupyterLab did not start: see " + str(work / "jupyterlab.log")) from None
                time.sleep(0.5)
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield b
        finally:
            b.close()


def _widget_outputs(page):
    """Every cell output that holds a rendered widget."""
    return page.locator(".jp-OutputArea-output").filter(has=page.locator(".jupyter-widgets"))


def _run_all(page):
    """Run All Cells, once the kernel is idle, and wait until every cell has run.

    A click on "Run All Cells" before the kernel is ready can be lost (seen
    once: the kernel never got the cells and the test waited ten minutes), so
    the kernel must be idle first, and a click that starts nothing within
    30 s is tried again (at most three times)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
    for _ in range(3):
        page.click("text=Run", timeout=30_000)
        page.click("text=Run All Cells", timeout=30_000)
        try:  # a prompt shows [*] (running or queued) or [n] (done)
            page.wait_for_function(
                """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                         .some(e => /\\[(\\*|\\d+)\\]/.test(e.textContent))""",
                timeout=30_000,
                polling=250,
            )
            break
        except PlaywrightTimeout:
            continue
    else:
        raise AssertionError("Run All Cells started no cell, three times")
    # every code cell has run: no "[*]" (running / queued) and no "[ ]" (never run) prompts left
    page.wait_for_function(
        """() => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent);
                   return p.length > 0 && !p.some(t => t.includes('*') || t.trim() === '[ ]:'); }""",
        timeout=600_000,
        polling=250,
    )
    time.sleep(1)


def _interact(widget) -> None:
    """Move one control: a dropdown, else a slider, else a button."""
    select = widget.locator("select")
    if select.count():
        options = select.first.locator("option").all_inner_texts()
        # the label shown (a select's value is not its label in ipywidgets 8)
        current = select.first.evaluate("s => s.options[s.selectedIndex].text")
        choice = next(o for o in options if o != current and o != "(custom)")
        select.first.select_option(label=choice)
        return
    handle = widget.locator(".widget-slider .noUi-handle, .widget-slider .ui-slider-handle")
    if handle.count():
        handle.first.click()
        handle.first.press("ArrowRight")
        return
    buttons = widget.locator("button")
    buttons.nth(min(40, buttons.count() - 1)).click()


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
        _run_all(page)
        outputs = page.locator(".jp-OutputArea-output").all_inner_texts()
        tracebacks = [
            text[:500]
            for text in outputs
            if "Traceback (most recent call last)" in text or "Error:" in text.split("\n")[0]
        ]
        assert not tracebacks, f"cells of the widget tour raised: {tracebacks}"
        assert page.locator("text=Error displaying widget").count() == 0
        widgets = _widget_outputs(page)
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
            before = widget.inner_html()
            _interact(widget)
            deadline = time.time() + 20
            while widget.inner_html() == before and time.time() < deadline:
                time.sleep(0.25)
            reacted = widget.inner_html() != before  # before the screenshot, which may change focus styles
            time.sleep(0.5)
            widget.screenshot(path=str(SHOTS / f"{lesson}_widget{number}.png"))
            if not reacted:
                problems.append(f"{name}: did not react to its control within 20 s")
    finally:
        page.screenshot(path=str(SHOTS / "widget_tour_page.png"))
        page.close()
    assert not problems, "\n".join(problems)
