"""Build the course website into build/site (``make site``).

Two steps:

1. **Gather the pages** in build/site-src: the landing page (site/index.md,
   which includes the README's overview), the accessibility statement
   (site/accessibility.md, the README's section), the README itself, docs/slides.md,
   the nine lesson pages, and MathJax's files (from the jupyter-server-mathjax
   package) for formulas without a network.  In the lesson copies (the
   notebooks themselves are not touched):

   - speaker notes (markdown cells of slide type "notes") get myst-nb's
     ``remove-cell`` tag;
   - check cells (tag ``check``, tools/lesson_rules.py) get ``hide-input``:
     their one ✓ line shows, their asserts wait behind a "Show the check"
     toggle;
   - set-up cells for the automatic tests (``# Not part of the lesson``) get
     ``hide-input`` too, behind "Show the set-up for the automatic tests": a
     reader who meets a name they define can look it up.
  A file is rewritten only when its content changes, so Sphinx
   re-reads only what changed.
2. **Run Sphinx** (configuration: site/conf.py).  myst-nb executes each lesson
   in fast mode with static widgets and caches the result with jupyter-cache
   in build/site-cache: the second build executes nothing unless a lesson's
   code changed.  A cell that raises fails the build.

Usage: ``python -m tools.build_site [extra sphinx-build options]``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import jupyter_server_mathjax
import nbformat

from tools import lesson_rules

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "build" / "site-src"
OUTPUT = ROOT / "build" / "site"
SHOW_THE_CHECK = "Show the check"
SHOW_THE_SETUP = "Show the set-up for the automatic tests"


def hidden_on_the_site(cell) -> bool:
    """Speaker notes: for the presenter, not the reader."""
    return cell.cell_type == "markdown" and cell.metadata.get("slideshow", {}).get("slide_type") == "notes"


def folded_on_the_site(cell) -> str | None:
    """The toggle's label for a cell whose code waits behind one (None: shown as it is)."""
    if lesson_rules.is_check(cell):
        return SHOW_THE_CHECK
    if lesson_rules.is_setup(cell):
        return SHOW_THE_SETUP
    return None


def site_copy(notebook: Path) -> str:
    """The lesson as the site shows it: notes removed, checks and set-up folded."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        tags = cell.metadata.setdefault("tags", [])
        label = folded_on_the_site(cell)
        if hidden_on_the_site(cell) and "remove-cell" not in tags:
            tags.append("remove-cell")
        elif label:
            if "hide-input" not in tags:
                tags.append("hide-input")
            cell.metadata["mystnb"] = {"code_prompt_show": label, "code_prompt_hide": "Hide it"}
    return nbformat.writes(nb)


def write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def gather() -> None:
    """Fill build/site-src with the pages and MathJax."""
    for page in ("index.md", "accessibility.md"):
        write_if_changed(SOURCE / page, (ROOT / "site" / page).read_text(encoding="utf-8"))
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
