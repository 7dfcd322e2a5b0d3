"""Committed notebooks are clean: valid, no outputs, no execution counts, python3 kernel."""

from pathlib import Path

import nbformat
import pytest

from tools import lesson_rules

ROOT = Path(__file__).resolve().parents[1]
# The lessons and their worked solutions (solutions/, for instructors).
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))


def test_there_are_notebooks():
    assert any(p.name == "00_start_here.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_committed_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.get("outputs") == [], f"cell {index} of {path.name} has outputs"
            assert cell.get("execution_count") is None, f"cell {index} of {path.name} has an execution count"
    text = path.read_text()
    # this machine's own paths, and the usual places home folders live
    for fragment in (str(ROOT), str(Path.home()), "/home/", "/Users/", "C:\\\\Users"):
        assert fragment not in text, f"{path.name} names an absolute path ({fragment})"


SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_can_be_presented_as_slides(path):
    """jupyterlab-rise metadata: a title slide, slides per idea, fragments, skipped setup, speaker notes."""
    nb = nbformat.read(path, as_version=4)
    types = [cell.metadata.get("slideshow", {}).get("slide_type") for cell in nb.cells]
    assert None not in types, f"{path.name}: cell {types.index(None)} has no slide metadata"
    assert set(types) <= SLIDE_TYPES
    assert types[0] == "slide" and nb.cells[0].source.startswith("# ")  # the title slide
    assert types.count("slide") >= 4
    for needed in ("fragment", "skip", "notes"):
        assert needed in types, f"{path.name} has no {needed!r} cell"
    # RISE: a slide taller than the screen scrolls instead of being cut off (tests/test_present.py)
    assert nb.metadata.get("rise", {}).get("scroll") is True, f"{path.name}: set metadata rise.scroll = true"


# What exists only for the automatic tests (fast mode's smaller settings, the
# compact progress display, the lower accuracy floors) stays out of the
# student's reading path: in every lesson it lives in cells that say so on
# their first line, or in the check cells that use it (tools/lesson_rules.py),
# and that a slideshow skips.
NOT_THE_LESSON = "# Not part of the lesson: "
PLUMBING = ("config.pick(", "config.keras_verbose(", "config.fast_mode(")
LESSONS = [
    p for p in NOTEBOOKS if p.parent.name == "notebooks" and not p.name.startswith("00")
]  # lesson 0 introduces fast mode


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_fast_mode_settings_are_marked_not_part_of_the_lesson(path):
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and any(call in cell.source for call in PLUMBING):
            assert cell.source.startswith(NOT_THE_LESSON) or lesson_rules.is_check(cell), (
                f"{path.name}, cell {index}: fast-mode plumbing in a lesson cell"
            )
            assert cell.metadata.get("slideshow", {}).get("slide_type") == "skip", (
                f"{path.name}, cell {index} is not skipped in slides"
            )


def test_the_plumbing_rule_finds_a_planted_setting(tmp_path):
    nb = nbformat.read(LESSONS[0], as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("epochs = config.pick(full=20, fast=2)"))
    planted = tmp_path / LESSONS[0].name
    nbformat.write(nb, planted)
    with pytest.raises(AssertionError, match="plumbing in a lesson cell"):
        test_fast_mode_settings_are_marked_not_part_of_the_lesson(planted)


def _assert_only(cell) -> bool:
    lines = [line for line in cell.source.splitlines() if line.strip() and not line.strip().startswith("#")]
    return bool(lines) and all(line.startswith("assert") or line.startswith(" ") for line in lines)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_slide_step_reveals_only_asserts(path):
    """A cell of asserts prints nothing: as its own fragment it would be an empty
    step in a slideshow.  It belongs to the slide of the number it proves ("-")."""
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and _assert_only(cell):
            assert cell.metadata.get("slideshow", {}).get("slide_type") != "fragment", f"{path.name}, cell {index}"
