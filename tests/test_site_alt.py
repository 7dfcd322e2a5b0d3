"""Every image on every page of the built website has a text alternative of its own.

``make site`` builds the pages; tools/site_alt.py gives each figure the alt
text its output carries (``helpers.plotting.describe``).  Here every ``<img>``
of every built page is read: its ``alt`` must not be empty, a file name, or a
generic word ("Image", "png", "output", ...).  Marked ``site``
(``make test-site``), since it needs the built site.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "build" / "site"
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
GENERIC = {"image", "img", "png", "picture", "figure", "plot", "output", "graph", "chart"}

pytestmark = pytest.mark.site


class Images(HTMLParser):
    """Collects (src, alt) of every <img>; alt is None where the attribute is missing."""

    def __init__(self):
        super().__init__()
        self.images: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            attrs = dict(attrs)
            self.images.append((attrs.get("src", ""), attrs.get("alt")))


def images(page: Path) -> list[tuple[str, str | None]]:
    parser = Images()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.images


def problem(alt: str | None) -> str | None:
    """Why an alt text does not describe its image (None: it does)."""
    if alt is None:
        return "no alt attribute"
    text = alt.strip()
    if not text:
        return "an empty alt"
    if re.search(r"\.(png|jpe?g|gif|svg|webp)\b", text, re.I) or "_images/" in text:
        return "a file name"
    if text.lower().rstrip(".") in GENERIC:
        return "a generic word"
    return None


def test_the_checker_refuses_what_a_screen_reader_cannot_use():
    assert problem(None) and problem(" ") and problem("Image") and problem("png")
    assert problem("../_images/0a1b2c.png") and problem("output.")
    assert problem("flip: a 2 x 2 matrix, by row: 1, 0; 0, -1.") is None


def pages() -> list[Path]:
    assert (SITE / "index.html").exists(), "build the site first: make site"
    return sorted(p for p in SITE.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_figure_of_a_lesson_page_has_its_own_alt_text(lesson):
    page = SITE / "notebooks" / f"{lesson.stem}.html"
    assert page.exists(), f"{page} was not built"
    found = images(page)
    assert found, f"{lesson.stem}: no images on the page"
    bad = [(src, alt, problem(alt)) for src, alt in found if problem(alt)]
    assert not bad, f"{lesson.stem}: {len(bad)} of {len(found)} images without a usable alt, e.g. {bad[:3]}"


def test_every_image_of_every_page_has_an_alt():
    bad = [(page.name, src, problem(alt)) for page in pages() for src, alt in images(page) if problem(alt)]
    assert not bad, f"{len(bad)} images without a usable alt, e.g. {bad[:5]}"
