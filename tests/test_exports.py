"""The instructor's exports: reveal.js slides and static HTML of an executed notebook."""

from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter, SlidesExporter

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
