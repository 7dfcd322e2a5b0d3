"""The instructor's exports: reveal.js slides and static HTML of an executed notebook.

The second test proves that the exports work without internet (``make slides``
and ``make html`` go through tools/offline_assets.py): a small deck, written with
its local assets into a temporary folder, is opened from file:// in headless
Chromium with every other request blocked, and must show as slides, one at a
time, with its formula typeset and its speaker notes hidden.  Its screenshot
goes to build/screenshots/slides_offline.png.  Without Chromium, Playwright or
the downloaded assets the test is skipped, unless ``--require-browser`` (.ci/run).
"""

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter, SlidesExporter

from tests.browser_support import SHOTS, launched_chromium, only_local_files, unavailable
from tools import offline_assets

ROOT = Path(__file__).resolve().parents[1]


def test_start_here_exports_as_slides_and_html(monkeypatch):
    monkeypatch.setenv("COURSE_WIDGETS", "static")
    nb = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    slides, _ = SlidesExporter().from_notebook_node(nb)
    assert "reveal" in slides.lower()
    assert slides.count("<section") >= sum(c.metadata["slideshow"]["slide_type"] == "slide" for c in nb.cells)
    assert "Speaker notes" in slides  # notes cells go to the speaker view
    html, _ = HTMLExporter().from_notebook_node(nb)
    assert "[12. 12. 17.]" in html  # executed: the first convolution's output is on the page


# --- Offline slides, proven in a real browser ------------------------------------------------


def _browser_unavailable() -> str | None:
    if reason := unavailable():
        return reason
    if offline_assets.missing():
        # The suite runs with the network blocked (tests/offline.py): the cache is filled beforehand.
        return f"not downloaded yet: {', '.join(offline_assets.missing())} (python tools/offline_assets.py fetch)"
    return None


def _tiny_deck() -> nbformat.NotebookNode:
    """A slide with a formula, a sub-slide, a fragment and speaker notes (nothing to execute)."""

    def md(text, slide_type):
        return nbformat.v4.new_markdown_cell(text, metadata={"slideshow": {"slide_type": slide_type}})

    return nbformat.v4.new_notebook(
        cells=[
            md("# Output size\n\nThe output shrinks by $W - F + 2P$ pixels.", "slide"),
            md("Say: the formula comes back in lesson 03.", "notes"),
            md("## Padding\n\nZeros around the picture.", "subslide"),
            md("Same size with $P = 1$.", "fragment"),
            md("# Pooling\n\nThe second slide.", "slide"),
        ]
    )


def test_slides_work_offline(tmp_path, require_browser):
    """The exported deck runs from file:// with every network request blocked."""
    reason = _browser_unavailable()
    if reason:
        if require_browser:  # .ci/run: skipping is a failure there
            pytest.fail(reason)
        pytest.skip(f"offline slides test skipped: {reason}")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    offline_assets.install(tmp_path)
    slides, _ = SlidesExporter(config=offline_assets.nbconvert_config()).from_notebook_node(_tiny_deck())
    deck = tmp_path / "tiny.slides.html"
    deck.write_text(slides, encoding="utf-8")
    html, _ = HTMLExporter(config=offline_assets.nbconvert_config()).from_notebook_node(_tiny_deck())
    for page in (slides, html):  # every script and style sheet a page names is a local file
        urls = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"', page)
        assert urls and not [u for u in urls if "//" in u], urls

    failed = []  # local files that did not load

    with launched_chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        blocked = only_local_files(page)  # requests that would have needed the network
        page.on("requestfailed", lambda r: r.url.startswith("file://") and failed.append(r.url))
        page.goto(deck.as_uri())
        try:  # reveal.js initialised and MathJax done typesetting
            page.wait_for_function(
                "document.querySelector('.reveal.ready') && window.MathJax && MathJax.Hub"
                " && MathJax.Hub.queue.pending === 0 && document.querySelector('.MathJax')",
                timeout=20_000,
            )
        except PlaywrightTimeout:
            pass  # the checks below say what is missing
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "slides_offline.png"))
        state = page.evaluate(
            """() => {
            const shown = el => {
                const s = getComputedStyle(el), r = el.getBoundingClientRect();
                return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0
                    && r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
                    && r.bottom > 0 && r.top < innerHeight;
            };
            const slides = [...document.querySelectorAll('.reveal .slides > section')];
            return {
                ready: !!document.querySelector('.reveal.ready'),
                slides: slides.length,
                shown: slides.filter(shown).length,
                typeset: document.querySelectorAll('.MathJax').length,
                errors: document.querySelectorAll('.MathJax_Error, .merror').length,
                text: document.body.innerText,
                notes: [...document.querySelectorAll('aside.notes')].map(shown),
                fragments: [...document.querySelectorAll('.fragment')].map(shown),
            };
        }"""
        )

    assert blocked == [], f"the deck asked the network for {blocked}"
    assert failed == [], f"local files that did not load: {failed}"
    assert state["ready"], "reveal.js did not initialise"
    assert state["slides"] == 2 and state["shown"] == 1, f"one slide at a time: {state}"
    assert state["typeset"] >= 1 and state["errors"] == 0, "MathJax did not typeset the formula"
    assert "W - F + 2P" not in state["text"] and "$" not in state["text"], "raw LaTeX on the slide"
    assert state["notes"] == [False], "the speaker notes show on the slide"
    assert state["fragments"] == [False], "the fragment shows before its step"
