"""Build the course website into build/site (``make site``).

Two steps:

1. **Gather the pages** in build/site-src: the landing page (site/index.md,
   which includes the README's overview), the README itself, docs/slides.md,
   the eight lessons, and MathJax's files (from the jupyter-server-mathjax
   package) for formulas without a network.  In the lesson copies, two kinds
   of cell get myst-nb's ``remove-cell`` tag: speaker notes (markdown cells of
   slide type "notes") and code cells that begin ``# Not part of the lesson``
   (set-up for the automatic tests).  The notebooks themselves are not
   touched.  A file is rewritten only when its content changes, so Sphinx
   re-reads only what changed.
2. **Run Sphinx** (configuration: site/conf.py).  myst-nb executes each lesson
   in fast mode with static widgets and caches the result with jupyter-cache
   in build/site-cache: the second build executes nothing unless a lesson's
   code changed.  A cell that raises fails the build.

Usage: ``python tools/build_site.py [extra sphinx-build options]``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import jupyter_server_mathjax
import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "build" / "site-src"
OUTPUT = ROOT / "build" / "site"
NOT_PART_OF_THE_LESSON = "# Not part of the lesson"


def hidden_on_the_site(cell) -> bool:
    """Speaker notes, and code that exists only for the automatic tests."""
    slide_type = cell.metadata.get("slideshow", {}).get("slide_type")
    if cell.cell_type == "markdown":
        return slide_type == "notes"
    return cell.source.lstrip().startswith(NOT_PART_OF_THE_LESSON)


def site_copy(notebook: Path) -> str:
    """The lesson as the site shows it: hidden cells tagged ``remove-cell``."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if hidden_on_the_site(cell):
            tags = cell.metadata.setdefault("tags", [])
            if "remove-cell" not in tags:
                tags.append("remove-cell")
    return nbformat.writes(nb)


def write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def gather() -> None:
    """Fill build/site-src with the pages and MathJax."""
    write_if_changed(SOURCE / "index.md", (ROOT / "site" / "index.md").read_text(encoding="utf-8"))
    write_if_changed(SOURCE / "README.md", (ROOT / "README.md").read_text(encoding="utf-8"))
    write_if_changed(SOURCE / "docs" / "slides.md", (ROOT / "docs" / "slides.md").read_text(encoding="utf-8"))
    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for lesson in lessons:
        write_if_changed(SOURCE / "notebooks" / lesson.name, site_copy(lesson))
    for stale in (SOURCE / "notebooks").glob("*.ipynb"):  # a lesson renamed or removed
        if stale.name not in {lesson.name for lesson in lessons}:
            stale.unlink()
    mathjax = SOURCE / "_static" / "mathjax"
    if not (mathjax / "MathJax.js").exists():
        shutil.copytree(Path(jupyter_server_mathjax.__file__).parent / "static", mathjax, dirs_exist_ok=True)


def main(argv: list[str]) -> int:
    gather()
    env = dict(os.environ, COURSE_FAST="1", COURSE_WIDGETS="static")
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(ROOT / "site"), str(SOURCE), str(OUTPUT)]
    return subprocess.call(command + argv, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
