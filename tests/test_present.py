"""Presenting live, proven: the widget lessons as RISE slideshows in a real browser.

For every lesson with widgets (``tests/widget_tour.py``), on a copy in a
temporary folder (the notebooks are never written to):

1. JupyterLab runs the lesson (fast mode) and saves it, as an instructor does
   before pressing Alt+R;
2. its RISE slideshow opens: ``/rise/<lesson>.ipynb``, the page that
   jupyterlab-rise's "Render as Reveal Slideshow" (Alt+R) shows in a side
   panel and "Open as Reveal Slideshow" in a new tab; it shares the lesson's
   kernel;
3. the speaker view opens (the ``s`` key) and the test steps through every
   slide and fragment with the space bar, as a presenter does, checking:

   - no step shows a blank slide (no text, no picture, no widget), and none is
     cut off (a slide taller than the screen scrolls: the lessons' metadata
     ``rise.scroll``);
   - the speaker notes are never visible on the slides, and the speaker view
     shows them on their slide;
   - every widget cell of the lesson is shown on a slide and, once visible,
     its widget is live: drawn, and reacting to one control.

Live widgets in RISE.  jupyterlab-rise 0.43.1's slideshow page is its own
application (built on JupyterLab 4.3), which does not share
``@jupyterlab/console`` with extensions; the ipywidgets manager of
jupyterlab_widgets >= 3.0.10 asks for it, so it fails to load there and each
widget shows only the picture saved with it (jupyterlab-rise issue 119).  The
course's lab extension ``course-rise-widgets``
(share/jupyter/labextensions/course-rise-widgets, copied into the virtual
environment by ``make``) provides a stand-in for that one module on such pages,
and the widgets are live.  Without it this test fails: that is what it guards.

Screenshots of every step that shows a widget go to
build/screenshots/present_<lesson>_slide<N>.png.  Not part of ``make test``
(its time budget is spent): marked ``present``, it is left out unless
selected, as ``make test-present`` does (``-m present``), and then it fails
where it cannot run (no browser, no lab extension);
COURSE_PRESENT_LESSONS="04_pooling 07_inside_the_network" picks lessons.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import nbformat
import pytest

from tests.browser_support import SHOTS, reacts, run_all, running_lab, unavailable
from tests.widget_tour import NOTEBOOKS, lessons_with_widgets

pytestmark = pytest.mark.present

STAND_IN = "course-rise-widgets"
LESSONS = sorted(os.environ.get("COURSE_PRESENT_LESSONS", "").split() or lessons_with_widgets())
VIEWPORT = {"width": 1280, "height": 800}  # a common projector's size


def live_widgets_in_rise() -> bool:
    """Whether the lab extension that lets RISE load the widget manager is installed."""
    from jupyter_core.paths import jupyter_path

    return any((Path(folder) / STAND_IN / "package.json").exists() for folder in jupyter_path("labextensions"))


@pytest.fixture(scope="module", autouse=True)
def _can_present():
    """Fail this file's tests where they cannot run: selected, they must run."""
    if reason := unavailable():
        pytest.fail(f"the slideshow test cannot run: {reason}", pytrace=False)
    if not live_widgets_in_rise():
        pytest.fail(f"the {STAND_IN} lab extension is not installed: run `make install`", pytrace=False)


# What the present step of the slideshow shows: the innermost section with class "present".
STEP = """() => {
  const s = [...document.querySelectorAll('.reveal .slides section.present')].pop();
  // shown: laid out, and not inside a fragment still to come
  const visible = e => e.offsetParent !== null && !e.closest('.fragment:not(.visible)');
  const text = [...s.querySelectorAll('.jp-Cell:not(aside .jp-Cell)')].filter(visible)
                 .map(c => c.innerText.trim()).join('\\n');
  const pictures = [...s.querySelectorAll('img, svg, canvas, .jupyter-widgets')].filter(visible).length;
  const notes = [...s.querySelectorAll('aside.notes')].map(a => a.textContent.trim()).join('\\n');
  // content (text lines, pictures, widgets; not the cells' padding) more than a line
  // (24 px) below the window's bottom edge, on a slide that does not scroll.  RISE makes
  // a slide scroll only when it is taller than 95% of the window, and one just under
  // that can end a few pixels past the edge (seen: 9 px); a whole line cut is a failure.
  const content = [...s.querySelectorAll('.jp-Cell')].filter(visible).flatMap(c => [...c.querySelectorAll(
    'p, li, pre, img, svg, canvas, table, h1, h2, h3, h4, .cm-line, .jupyter-widgets')]).filter(visible);
  const bottom = Math.max(0, ...content.map(e => e.getBoundingClientRect().bottom));
  const cutOff = bottom > window.innerHeight + 24 && !['auto', 'scroll'].includes(getComputedStyle(s).overflowY)
    ? `its content ends at ${Math.round(bottom)} px, the window at ${window.innerHeight} px` : '';
  return {hash: location.hash, fragments: s.querySelectorAll('.fragment.visible').length,
          text, pictures, notes, cutOff, notesShown: [...document.querySelectorAll('aside.notes')].some(visible)};
}"""


def _first_line(source: str) -> str:
    return next(line.strip() for line in source.splitlines() if line.strip())


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab over a folder holding copies of the widget lessons; yields (base_url, token)."""
    work = tmp_path_factory.mktemp("present")
    (work / "notebooks").mkdir()
    for lesson in LESSONS:
        shutil.copy(NOTEBOOKS / f"{lesson}.ipynb", work / "notebooks")
    with running_lab(work / "notebooks", work, env={"COURSE_FAST": "1"}) as server:
        yield server


def _run_and_save(browser, base: str, token: str, lesson: str) -> None:
    """Run the lesson in JupyterLab, check no cell raised, and save it (outputs and widget state)."""
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(f"{base}/lab/tree/{lesson}.ipynb?reset&token={token}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=120_000)
        time.sleep(2)
        run_all(page)
        tracebacks = [t[:300] for t in page.locator(".jp-OutputArea-output").all_inner_texts() if "Traceback" in t]
        assert not tracebacks, f"{lesson} raised in JupyterLab: {tracebacks}"
        page.keyboard.press("Control+s")
        page.wait_for_function("() => !document.title.startsWith('*') && !document.querySelector('.jp-mod-dirty')")
    finally:
        page.close()


def _speaker_notes(view) -> str:
    """The notes the speaker view shows now, spaces collapsed."""
    text = view.evaluate("() => (document.querySelector('.speaker-controls-notes') || {}).textContent || ''")
    return " ".join(text.split())


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_presents_in_rise(lab, browser, lesson):
    base, token = lab
    nb = nbformat.read(NOTEBOOKS / f"{lesson}.ipynb", as_version=4)
    widget_cells = [_first_line(c.source) for c in _tool_cells(nb)]
    notes = [_first_line(c.source) for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "notes"]
    _run_and_save(browser, base, token, lesson)

    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    problems, seen_widgets, seen_notes, steps, figures = [], set(), set(), [], 0
    try:
        page.goto(f"{base}/rise/{lesson}.ipynb?token={token}")
        page.wait_for_selector(".reveal .slides section.present", timeout=120_000)
        time.sleep(3)  # the widget manager restores the widgets from the kernel
        with context.expect_page(timeout=30_000) as popup:
            page.keyboard.press("s")
        speaker = popup.value
        speaker.wait_for_selector(".speaker-controls-notes", state="attached", timeout=30_000)
        page.bring_to_front()
        previous = None
        for number in range(1, 400):
            step = page.evaluate(STEP)
            if step == previous:
                break  # the space bar moved nothing: the last step
            previous = step
            steps.append(step["hash"])
            where = f"{lesson} step {number} ({step['hash']})"
            if not step["text"] and not step["pictures"]:
                problems.append(f"{where}: blank slide")
            shown_figures, unnamed = page.evaluate(
                """() => { const imgs = [...document.querySelectorAll('.reveal .slides section.present .jp-OutputArea-output img')];
                           return [imgs.length, imgs.filter(i => !(i.getAttribute('alt') || '').trim()).length]; }"""
            )
            figures += shown_figures
            if unnamed:  # the course's lab extension copies each figure's alt from its output metadata
                problems.append(f"{where}: {unnamed} figure(s) without alt text on the slide")
            if step["cutOff"]:
                problems.append(f"{where}: the slide is taller than the screen and does not scroll ({step['cutOff']})")
            if step["notesShown"] or any(n in step["text"] for n in notes):
                problems.append(f"{where}: speaker notes visible on the slide")
            if step["notes"]:
                expected = " ".join(step["notes"].split())[:60]
                deadline = time.time() + 30  # the speaker view follows by messages: slow on a loaded machine
                while expected not in _speaker_notes(speaker) and time.time() < deadline:
                    time.sleep(0.25)
                if expected in _speaker_notes(speaker):
                    seen_notes.add(expected)
                else:
                    problems.append(f"{where}: the speaker view does not show this slide's notes")
            shown = _widget_outputs_shown(page, widget_cells, seen_widgets)
            for first_line, output in shown:
                seen_widgets.add(first_line)
                problems += _check_widget(output, f"{where}, widget cell {first_line!r}")
            if shown:
                page.screenshot(path=str(SHOTS / f"present_{lesson}_slide{number}.png"))
                if page.evaluate("() => location.hash") != step["hash"]:  # a control's arrow key reached Reveal
                    page.evaluate("h => { location.hash = h; }", step["hash"])
                    page.wait_for_function("h => location.hash === h", arg=step["hash"])
                    time.sleep(0.5)
            page.evaluate("() => document.activeElement && document.activeElement.blur()")  # keys go to Reveal
            page.keyboard.press("Space")
            time.sleep(0.4)
    finally:
        page.close()
        context.close()
    missing = [w for w in widget_cells if w not in seen_widgets]
    if missing:
        problems.append(f"{lesson}: widget cells never shown on a slide: {missing}")
    if len(notes) and not seen_notes:
        problems.append(f"{lesson}: no speaker notes reached the speaker view")
    assert len(steps) > 1, f"{lesson}: the slideshow did not advance"
    assert figures, f"{lesson}: no figure was shown on any slide (the alt check read nothing)"
    assert not problems, "\n".join(problems)


def _tool_cells(nb) -> list:
    """The code cells of ``nb`` that build a widget (the rule of tests/widget_tour.py)."""
    from tests.widget_tour import BUILDS_A_TOOL

    return [c for c in nb.cells if c.cell_type == "code" and BUILDS_A_TOOL.search(c.source)]


def _widget_outputs_shown(page, widget_cells: list[str], seen: set[str]) -> list[tuple[str, object]]:
    """(first line, output locator) of each widget cell visible on the present step and not checked yet."""
    cells = page.locator(".reveal .slides section.present:not(.stack) .jp-CodeCell")
    found = []
    for k in range(cells.count()):
        cell = cells.nth(k)
        if not cell.evaluate("c => c.offsetParent !== null && !c.closest('.fragment:not(.visible)')"):
            continue  # a fragment still to come
        source = cell.locator(".jp-InputArea").inner_text()
        for first_line in widget_cells:
            if first_line not in seen and first_line in source and first_line not in (f for f, _ in found):
                # a name for the output that survives a change of slide (a control's keys can reach Reveal)
                cell.locator(".jp-OutputArea-output").last.evaluate(
                    "(o, name) => o.setAttribute('data-present-check', name)", str(len(seen) + len(found))
                )
                found.append((first_line, page.locator(f"[data-present-check='{len(seen) + len(found)}']")))
    return found


def _check_widget(output, where: str) -> list[str]:
    """The widget is drawn, live, and reacts to a control."""
    if output.count() == 0:
        return [f"{where}: no output"]
    if "Error displaying widget" in output.inner_text():
        return [f"{where}: Error displaying widget"]
    if output.locator(".jupyter-widgets").count() == 0:
        return [f"{where}: no live widget (only {json.dumps(output.inner_text()[:80])})"]
    output.scroll_into_view_if_needed()
    if not reacts(output, in_slideshow=True):
        return [f"{where}: the widget did not react to its control within 20 s"]
    return []
