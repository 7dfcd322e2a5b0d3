"""The course website passes axe-core's WCAG 2.0/2.1 A and AA rules (docs/accessibility.md).

Every page of build/site (``make site``) is opened in headless Chromium with
the network blocked, as in tests/test_site.py, once MathJax has typeset it,
and audited by the local axe-core (``make axe``, tests/browser_support.py's
``axe_audit``; the WCAG rules and axe's best practices): no rule may fail at impact serious or critical.  The moderate
and minor findings are written to build/axe/<page>.json (their reasons are in
docs/accessibility.md).  Two planted pages prove the audit can fail: an image
without alt text and grey-on-white text are both reported.  Formulas carry a
MathML copy for screen readers (MathJax's AssistiveMML).

Marked ``site`` (``make test-site``); skipped without Playwright, Chromium or
axe-core unless ``--require-browser``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser_support import (
    AXE_JS,
    WCAG_TAGS,
    axe_audit,
    launched_chromium,
    only_local_files,
    serious,
    unavailable,
)

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "build" / "site"
REPORTS = ROOT / "build" / "axe"
# the WCAG 2.0/2.1 A and AA rules, and axe's best practices (heading-order, the landmark rules, region)
SITE_TAGS = (*WCAG_TAGS, "best-practice")
PAGES = sorted(p.relative_to(SITE).as_posix() for p in SITE.glob("**/*.html") if "_static" not in p.parts)

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def browser(require_browser):
    """One headless Chromium for the module (skipped when it cannot run here)."""
    reason = unavailable() or (None if AXE_JS.is_file() else "axe-core is not installed (make axe)")
    if reason:
        if require_browser:
            pytest.fail(reason)
        pytest.skip(f"accessibility test skipped: {reason}")
    with launched_chromium() as b:
        yield b


def opened(browser, url: str):
    """A new page at ``url`` with the network blocked, MathJax's queue drained when the page has MathJax."""
    page = browser.new_page()
    only_local_files(page)
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_function(
        """() => !window.MathJax || !MathJax.Hub ||
                 (MathJax.isReady && MathJax.Hub.queue.pending === 0 && MathJax.Hub.queue.running === 0)""",
        timeout=60_000,
    )
    return page


def test_the_site_is_built():
    assert "index.html" in PAGES, "no site in build/site: run `make site` first"


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_or_critical_violation(browser, name):
    page = opened(browser, (SITE / name).as_uri())
    try:
        found = axe_audit(page, tags=SITE_TAGS)
    finally:
        page.close()
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / (name.replace("/", "_") + ".json")).write_text(json.dumps(found, indent=1))
    bad = [f"{v['id']} ({v['impact']}) on {[n['target'] for n in v['nodes']][:5]}" for v in serious(found)]
    assert not bad, f"{name}: " + "; ".join(bad)


PLANTED = """<!doctype html><html lang="en"><head><title>Planted</title></head>
<body><main><h1>Planted faults</h1>
<img src="dot.png" width="20" height="20">
<p style="color: #bbbbbb; background: #ffffff">Grey text on white, contrast 1.9:1.</p>
</main></body></html>"""


def test_the_audit_finds_planted_faults(browser, tmp_path):
    """The same audit reports an image without alt and low-contrast text (so a pass means something)."""
    # a real 1x1 PNG, so the image loads
    (tmp_path / "dot.png").write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4d60000000049454e44ae426082"
        )
    )
    (tmp_path / "planted.html").write_text(PLANTED)
    page = opened(browser, (tmp_path / "planted.html").as_uri())
    try:
        found = {v["id"]: v for v in axe_audit(page)}
    finally:
        page.close()
    assert found["image-alt"]["impact"] == "critical"
    assert found["image-alt"]["nodes"][0]["target"] == ["img"]
    assert found["color-contrast"]["impact"] == "serious"
    assert "#bbbbbb" in found["color-contrast"]["nodes"][0]["summary"]
    assert {v["id"] for v in serious(list(found.values()))} == {"image-alt", "color-contrast"}


def test_the_audit_rejects_bad_tags(browser):
    page = browser.new_page()
    try:
        with pytest.raises(TypeError, match="tags"):
            axe_audit(page, tags="wcag2a")
    finally:
        page.close()


def test_formulas_carry_mathml_for_screen_readers(browser):
    """Every typeset formula on a lesson page holds a hidden MathML copy (MathJax 2.7's AssistiveMML)."""
    lesson = next(p for p in PAGES if p.startswith("notebooks/03_"))
    page = opened(browser, (SITE / lesson).as_uri())
    try:
        typeset, without = page.evaluate(
            """() => { const f = [...document.querySelectorAll('span.MathJax')];
                       return [f.length, f.filter(s => !s.querySelector('.MJX_Assistive_MathML > math')).length]; }"""
        )
    finally:
        page.close()
    assert typeset > 0, f"{lesson} has no typeset formula"
    assert without == 0, f"{without} of {typeset} formulas on {lesson} have no MathML copy"
