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
import re
import shutil
import time
from pathlib import Path

import pytest

from tests.browser_support import (
    AXE_JS,
    SHOTS,
    axe_audit,
    open_notebook,
    reacts,
    run_all,
    running_lab,
    serious,
    unavailable,
    widget_outputs,
)

TOUR = "widget_tour.ipynb"
READ = "00_start_here.ipynb"  # a lesson with check cells, quick to run
AUDITED = "01_edge_kernels.ipynb"  # the lesson axe audits in JupyterLab: figures, a matrix, the kernel explorer
OUTPUTS = ".jp-OutputArea-output"  # what the course puts on the page: its outputs and widgets
ROOT = Path(__file__).resolve().parents[1]


pytestmark = pytest.mark.browser  # make test-browser (not in make test: pyproject.toml's addopts)


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
    for name in (READ, AUDITED):
        shutil.copy(ROOT / "notebooks" / name, work / "notebooks" / name)
    # every cell in the page, not only those scrolled into view (JupyterLab's windowing)
    tracker = work / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True, exist_ok=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    with running_lab(work / "notebooks", work, env={"COURSE_FAST": "1"}) as server:
        yield server


@pytest.fixture(scope="module")
def tour_page(lab, browser):
    """The widget tour, open and run once for every check on it: each test reads or changes the
    widgets as they stand (the first and the keyboard test change them; none needs them fresh)."""
    page = _open_and_run(browser, lab, TOUR)
    yield page
    page.close()


def _open_and_run(browser, lab, notebook: str):
    """A new page with ``notebook`` open in JupyterLab (a fresh workspace) and every cell run."""
    page = open_notebook(browser, lab, notebook)
    time.sleep(2)
    run_all(page)
    return page


def test_every_lesson_widget_works_in_jupyterlab(tour_page):
    from tests.widget_tour import build_tour

    _, shown = build_tour()  # (lesson, k): the k-th widget cell of that lesson, in tour order
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, problems = tour_page, []
    try:
        outputs = page.locator(".jp-OutputArea-output").all_inner_texts()
        tracebacks = [
            text[:500]
            for text in outputs
            if "Traceback (most recent call last)" in text or "Error:" in text.split("\n")[0]
        ]
        assert not tracebacks, f"cells of the widget tour raised: {tracebacks}"
        assert page.locator("text=Error displaying widget").count() == 0
        # a view that failed to render (e.g. an ipywidgets Image given a tooltip) shows this instead
        assert page.locator(".jupyter-widgets-error-widget").count() == 0, "a widget view failed to render"
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


# --- Keyboard alone (issue 29): Tab to every control, operate it, read the result ---------

CONTROLS = "input, select, textarea, button, [role=slider]"
LETTERS = re.compile(r"[A-Za-z]")  # a name holds a word or a label such as "L2", not only "\u200b"


def _status_text(widget) -> str:
    """The widget's result in words: the text of its live regions (``role="status"``)."""
    return " | ".join(widget.locator("[role=status]").all_inner_texts())


def _is_focused(control) -> bool:
    return control.evaluate("e => e === document.activeElement")


def _start_before(page, widget) -> None:
    """Put the keyboard focus just before the widget's first control (a
    focusable marker, -1 so that Tab never lands on it), as if a student had
    tabbed up to it; no mouse."""
    widget.evaluate(
        """w => { let m = w.querySelector('#kb-start');
                  if (!m) { m = document.createElement('span'); m.id = 'kb-start'; m.tabIndex = -1; w.prepend(m); }
                  m.focus(); }"""
    )


def _tab_to(page, widget, control, limit: int) -> bool:
    """Press Tab from the widget's start until ``control`` has the focus (at most ``limit`` times)."""
    _start_before(page, widget)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _is_focused(control):
            return True
    return False


def _operate(page, control) -> str:
    """Change ``control`` with the keyboard alone; returns what was pressed."""
    kind = control.evaluate("e => e.getAttribute('role') === 'slider' ? 'slider' : e.tagName.toLowerCase()")
    if kind == "slider":
        now, top = (float(control.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemax"))
        key = "ArrowLeft" if now >= top else "ArrowRight"
        page.keyboard.press(key)
        return key
    if kind == "select":
        # typing an option's first letters chooses it (type-ahead), in every browser
        labels = control.evaluate("s => [...s.options].map(o => o.text)")
        current = control.evaluate("s => s.selectedIndex")
        target = labels[(current + 1) % len(labels)]
        if target == "(custom)":  # the kernel menu's label for typed weights: choosing it changes nothing
            target = labels[(current + 2) % len(labels)]
        plain = [t.replace("\xa0", " ").lower() for t in labels]
        goal = plain[labels.index(target)]
        prefix = next(goal[:n] for n in range(1, len(goal) + 1) if sum(t.startswith(goal[:n]) for t in plain) == 1)
        assert " " not in prefix, f"no prefix without a space picks {target!r}"  # Space would open the menu
        page.keyboard.type(prefix)
        return f"typed {prefix!r} (type-ahead: {target!r})"
    if kind == "input":
        value = control.input_value()
        typed = "3" if value.strip() == "2" else "2"
        page.keyboard.press("Control+A")
        page.keyboard.type(typed)
        page.keyboard.press("Enter")
        return f"typed {typed} + Enter"
    page.keyboard.press("Space")
    return "Space"


def _skip(control) -> str | None:
    """Why operating ``control`` cannot change anything (a slider with one
    value, a toggle already chosen, the kernel menu's '(custom)' label), or None."""
    role = control.get_attribute("role")
    if role == "slider" and control.get_attribute("aria-valuemin") == control.get_attribute("aria-valuemax"):
        return "one value"
    if "mod-active" in (control.get_attribute("class") or ""):
        return "already chosen"
    return None


def test_every_widget_works_by_keyboard_alone(tour_page):
    """Every control of every widget in the tour: reached with Tab from the
    widget's start, changed with arrows / Space / typing + Enter, and the
    widget's result in words (its ``role="status"`` live region) changes
    after it.  This test never uses the mouse."""
    from tests.widget_tour import build_tour

    _, shown = build_tour()
    page, problems = tour_page, []
    try:
        widgets = widget_outputs(page)
        assert widgets.count() == len(shown)
        for k, (lesson, number) in enumerate(shown):
            name = f"{lesson} widget {number}"
            widget = widgets.nth(k)
            widget.scroll_into_view_if_needed()
            if not _status_text(widget).strip():
                problems.append(f"{name}: no result in words (no role=status text)")
                continue
            controls = widget.locator(CONTROLS)
            count = controls.count()
            assert count, f"{name}: no controls"
            # pad pixels: the first, one in the middle and the last stand for all 81
            picks = [0, 40, 80, *range(81, count)] if count >= 84 else range(count)
            for i in picks:
                control = controls.nth(i)
                label = control.evaluate("e => e.title || e.textContent.trim() || e.tagName")
                if not _tab_to(page, widget, control, limit=2 * i + 6):
                    problems.append(f"{name}: control {i} ({label!r}) not reached by Tab")
                    continue
                why = _skip(control)
                if why:
                    continue
                before = _status_text(widget)
                pressed = _operate(page, control)
                deadline = time.time() + 20
                while _status_text(widget) == before and time.time() < deadline:
                    time.sleep(0.2)
                if _status_text(widget) == before:
                    problems.append(f"{name}: control {i} ({label!r}), {pressed}: the result in words did not change")
    finally:
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / "keyboard_problems.txt").write_text("\n".join(problems))
    assert not problems, "\n".join(problems)


def _names(page, selector):
    """(the control's HTML, its accessible name in Chromium's own accessibility
    tree, what a screen reader is given: "" when it has none) for each control of
    the notebook's outputs matching ``selector``."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Accessibility.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        css = ", ".join(f".jp-OutputArea-output {part.strip()}" for part in selector.split(","))
        found = []
        for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": css})["nodeIds"]:
            html = cdp.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"][:100]
            ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"]
            found.append((html, str(ax[0].get("name", {}).get("value", "")) if ax else ""))
        return found
    finally:
        cdp.detach()


def test_every_field_menu_and_button_has_an_accessible_name(tour_page):
    """Chromium's accessible name (what a screen reader says) of every text
    field, menu and button of every widget holds a word: its description, its
    label or its tooltip ("weight row 1, column 2", "pixel row 3, column 4: stroke")."""
    named = _names(tour_page, "input, select, button")
    assert len(named) >= 162, f"only {len(named)} fields, menus and buttons found"  # the two pads' 2 x 81 pixels
    unnamed = [html for html, name in named if not LETTERS.search(name)]
    assert not unnamed, f"{len(unnamed)} controls without an accessible name, e.g. {unnamed[:5]}"


def test_every_slider_has_an_accessible_name(tour_page):
    """ipywidgets 8's slider handle (role=slider) is not tied to its <label>; the course's lab
    extension (plugin course-rise-widgets:widget-keyboard) names it by the widget's description."""
    named = _names(tour_page, "[role=slider]")
    assert named, "no sliders found"
    unnamed = [html for html, name in named if not LETTERS.search(name)]
    assert not unnamed, f"{len(unnamed)} sliders without an accessible name, e.g. {unnamed[:3]}"


# --- axe-core in JupyterLab (issue 29): the course's outputs and widgets ------------------

REPORTS = ROOT / "build" / "axe"


def _audit_lab_page(page, name: str) -> list[dict]:
    """axe's WCAG A/AA violations inside the course's outputs (asserted by the caller) and on
    the whole page (JupyterLab's own findings: written to build/axe/<name>.json, listed in
    docs/accessibility.md, not asserted: the course does not control them)."""
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is not installed at {AXE_JS}: run `make axe`")
    ours = axe_audit(page, include=OUTPUTS)
    whole = axe_audit(page)
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = {"outputs": ours, "whole_page": whole}
    (REPORTS / f"{name}.json").write_text(json.dumps(report, indent=1))
    return ours


def _brief(violations):
    return [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["html"][:120]) for v in violations]


def test_a_lesson_in_jupyterlab_passes_axe(lab, browser):
    """Lesson 1 open and run in JupyterLab (fast mode): its figures, matrices and the kernel
    explorer have no serious or critical axe finding (WCAG 2.0/2.1 A and AA)."""
    page = _open_and_run(browser, lab, AUDITED)
    try:
        page.wait_for_selector(f"{OUTPUTS} img", timeout=60_000)
        page.wait_for_selector(f"{OUTPUTS} .jupyter-widgets", timeout=60_000)
        assert page.locator(f"{OUTPUTS} img").count() >= 5, "lesson 1 shows fewer than 5 figures"
        found = _audit_lab_page(page, "jupyterlab_01_edge_kernels")
    finally:
        page.close()
    assert not serious(found), f"serious / critical in lesson 1's outputs: {_brief(serious(found))}"


def test_every_widget_in_jupyterlab_passes_axe(tour_page):
    """The widget tour (every widget of every lesson), audited inside its outputs."""
    found = _audit_lab_page(tour_page, "jupyterlab_widget_tour")
    assert not serious(found), f"serious / critical in the widgets: {_brief(serious(found))}"
