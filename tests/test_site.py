"""The course website (``make site``), opened in a real browser with the network blocked.

``make test-site`` builds the site (tools/build_site.py) and runs this file.
Every page is opened from build/site in headless Chromium (Debian's, driven
by Playwright, as in tests/test_browser.py) with every request that is not a
local file aborted, so what passes here works offline.  For each lesson page:

- it is the lesson (its first heading) and it is in the site's navigation;
- it shows its figures: cell outputs with images, every image loaded;
- its formulas are typeset by MathJax (no raw TeX left on the page);
- no cell output is an error (no traceback, no "Error displaying widget");
- the speaker notes are not on it; every check cell (tools/lesson_rules.py)
  shows only its ✓ line, its asserts behind a "Show the check" toggle that
  opens; the set-up cells for the automatic tests are folded the same way;
- every number a sentence states is printed by the page's own run or labelled
  as a reference figure (tools/page_numbers.py, on the executed lesson).

Search works offline too.  A second build executes no lesson (jupyter-cache).
Screenshots of every page go to build/screenshots/site_<page>.png.

Marked ``site``: left out unless selected, as ``make test-site`` does
(``-m site``), since the build executes all nine lesson notebooks, which is not part
of ``make test``'s time budget.  Without Playwright or Chromium it is skipped,
unless ``--require-browser`` (.ci/run).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.browser_support import launched_chromium, only_local_files, unavailable
from tools import lesson_rules, page_numbers

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "build" / "site"
SHOTS = ROOT / "build" / "screenshots"
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

pytestmark = pytest.mark.site


@pytest.fixture(scope="module", autouse=True)
def _browser_here(require_browser):
    """Skip this file without Playwright or Chromium (unless ``--require-browser``)."""
    reason = unavailable()
    if reason and not require_browser:
        pytest.skip(f"site test skipped: {reason}")


def plain(text: str) -> str:
    """Sphinx prints typographic quotes (smartquotes): compare text without them."""
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"').strip()


def first_heading(lesson: Path) -> str:
    """The lesson's title, as its first markdown cell writes it."""
    nb = nbformat.read(lesson, as_version=4)
    source = next(c.source for c in nb.cells if c.cell_type == "markdown")
    return re.match(r"#\s+(.+)", source).group(1).strip()


def executed(lesson: Path):
    """The lesson as the build executed it (jupyter-cache's copy, outputs included)."""
    from jupyter_cache import get_cache

    cache = get_cache(ROOT / "build" / "site-cache")
    uri = str(ROOT / "build" / "site-src" / "notebooks" / lesson.name)
    record = cache.get_cached_project_nb(uri)
    assert record is not None, f"{lesson.name} has no executed copy in build/site-cache"
    return cache.get_cache_bundle(record.pk).nb


def shown_figures(lesson: Path) -> int:
    """How many PNG outputs the executed lesson has in cells the site shows."""
    nb = executed(lesson)
    return sum(
        "image/png" in output.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code" and "remove-cell" not in cell.metadata.get("tags", [])
        for output in cell.get("outputs", [])
    )


def has_math(lesson: Path) -> bool:
    nb = nbformat.read(lesson, as_version=4)
    return any(c.cell_type == "markdown" and re.search(r"\$[^$\s][^$]*\$", c.source) for c in nb.cells)


@pytest.fixture(scope="module")
def page():
    assert (SITE / "index.html").exists(), "build the site first: make site"
    with launched_chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.blocked = only_local_files(page)  # every request that would have left the machine
        SHOTS.mkdir(parents=True, exist_ok=True)
        yield page
        page.close()


def open_page(page, relative: str, query: str = "") -> None:
    page.goto((SITE / relative).as_uri() + query)
    page.wait_for_load_state("load")


def wait_for_mathjax(page) -> None:
    """MathJax 2 has finished when its queue is empty after a last no-op."""
    page.wait_for_function("() => window.MathJax && MathJax.Hub && MathJax.isReady === true", timeout=30_000)
    page.evaluate("() => new Promise(done => MathJax.Hub.Queue(done))")


def test_landing_page_has_the_overview_and_every_lesson_in_order(page):
    open_page(page, "index.html")
    text = page.inner_text("main")
    assert "An open course that runs in Jupyter" in text  # the README's overview
    assert "fast mode" in text
    nav = page.locator("nav.bd-links a").all_inner_texts()
    titles = [first_heading(lesson) for lesson in LESSONS]
    positions = [next((k for k, label in enumerate(nav) if plain(label) == title), None) for title in titles]
    assert None not in positions, f"lessons missing from the navigation: {titles} vs {nav}"
    assert positions == sorted(positions), "the navigation lists the lessons out of order"
    page.screenshot(path=str(SHOTS / "site_index.png"))
    assert not page.blocked, f"the landing page asked the network for {page.blocked}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_page_renders_its_outputs_figures_and_formulas_offline(page, lesson):
    open_page(page, f"notebooks/{lesson.stem}.html")
    assert plain(page.locator("h1").first.inner_text()).rstrip("#").strip() == first_heading(lesson)

    outputs = page.locator("div.cell_output")
    assert outputs.count() > 0, "no cell outputs: the lesson was not executed"
    text = page.inner_text("main")
    assert "Traceback (most recent call last)" not in text
    assert "Error displaying widget" not in text
    assert page.locator("div.cell_output .output.traceback, div.cell_output .output.error").count() == 0

    figures = page.locator("div.cell_output img").count()
    assert figures >= shown_figures(lesson), f"{figures} figures on the page, {shown_figures(lesson)} in the lesson"
    broken = page.evaluate(
        """() => [...document.querySelectorAll('div.cell_output img')]
                 .filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src.slice(0, 80))"""
    )
    assert not broken, f"figures that did not load: {broken}"

    if has_math(lesson):
        wait_for_mathjax(page)
        formulas = page.locator("main .math.notranslate").count()  # Sphinx's; MathJax's own spans are "math" too
        typeset = page.locator("main .math.notranslate .MathJax").count()
        assert formulas > 0 and typeset == formulas, f"{typeset} of {formulas} formulas typeset"
        assert page.locator("main .MathJax_Error, main .math merror").count() == 0, "a formula MathJax cannot read"
        visible = page.inner_text("main")
        assert "\\(" not in visible and "$" not in visible.replace("$$", ""), "raw TeX left on the page"

    assert "Speaker notes:" not in text
    shown_code = page.evaluate(
        """() => [...document.querySelectorAll('main div.cell_input')]
                 .filter(e => !e.closest('details:not([open])')).map(e => e.innerText).join('\\n')"""
    )
    assert "# Not part of the lesson" not in shown_code, "a set-up cell is not folded"
    assert not re.search(r"^\s*assert ", shown_code, re.MULTILINE), "an assert in the reading path"
    nb = nbformat.read(lesson, as_version=4)
    n_checks = sum(lesson_rules.is_check(cell) for cell in nb.cells)
    toggles = page.locator("main details summary", has_text="Show the check")
    assert toggles.count() == n_checks, f"{toggles.count()} 'Show the check' toggles for {n_checks} check cells"
    if n_checks:  # a toggle opens on its asserts
        toggles.first.click()
        assert "assert" in toggles.first.locator("xpath=..").inner_text()
        toggles.first.click()
    page.screenshot(path=str(SHOTS / f"site_{lesson.stem}.png"), full_page=False)
    if figures:  # the lesson's first figure, as the page shows it
        page.locator("div.cell_output img").first.screenshot(path=str(SHOTS / f"site_{lesson.stem}_figure1.png"))
    assert not page.blocked, f"{lesson.stem} asked the network for {page.blocked}"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_number_a_sentence_states_is_on_the_page(lesson):
    """In the mode the site is built in (fast), a measured figure of the prose is
    printed by the lesson's own run, or it is a labelled reference figure."""
    unbacked = page_numbers.unbacked(executed(lesson))
    assert not unbacked, "\n".join(f"cell {f.cell}: {f.text!r} in {f.paragraph[:120]}" for f in unbacked)


def test_search_works_offline(page):
    open_page(page, "search.html", "?q=receptive+field")
    page.wait_for_selector("#search-results ul li a", timeout=30_000)
    hits = page.locator("#search-results ul li a").all_inner_texts()
    assert any("Inside the network" in hit or "inside" in hit.lower() for hit in hits), hits
    assert not page.blocked, f"search asked the network for {page.blocked}"


def test_a_second_build_executes_no_lesson():
    """jupyter-cache keeps every executed lesson: building again, every page
    re-read (-E: no saved Sphinx state), executes nothing."""
    done = subprocess.run(
        [sys.executable, "-m", "tools.build_site", "-E"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    log = done.stdout + done.stderr
    assert "Executing" not in log, "a lesson was executed again: " + log[-2000:]
    assert log.count("Using cached notebook") == len(LESSONS), log[-2000:]
