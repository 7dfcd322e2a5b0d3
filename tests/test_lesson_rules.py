"""The reading path and the proofs do not share a cell (tools/lesson_rules.py).

Every lesson keeps the rules: each assert is in a check cell (tag ``check``),
collapsed in JupyterLab and skipped in slides; a check cell holds no lesson
code (it draws nothing, prints only its ✓ line, and defines nothing a later
lesson cell reads).  Planted violations show that the rules can fail.
"""

from pathlib import Path

import nbformat
import pytest

from tools import lesson_rules

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# the worked solutions follow the same rules: each solution's code is shown, its
# `assert exercises.check(...)` folded in a check cell that shows the verdict
SOLUTIONS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))


def check_cell(source: str):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata.update(tags=["check"], jupyter={"source_hidden": True}, slideshow={"slide_type": "skip"})
    return cell


def lesson_cell(source: str):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["slideshow"] = {"slide_type": "-"}
    return cell


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


@pytest.mark.parametrize("path", LESSONS + SOLUTIONS, ids=[p.name for p in LESSONS + SOLUTIONS])
def test_every_proof_is_in_a_check_cell_and_no_lesson_code_is(path):
    nb = nbformat.read(path, as_version=4)
    assert lesson_rules.problems(nb) == []


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_every_lesson_keeps_proofs(path):
    nb = nbformat.read(path, as_version=4)
    checks = [cell for cell in nb.cells if lesson_rules.is_check(cell)]
    assert len(checks) >= 3, f"{path.name} has {len(checks)} check cells"


def test_a_good_pair_passes():
    nb = notebook(
        lesson_cell("y = 2 * 3\nprint(y)"),
        check_cell('assert y == 6\nprint("✓ matches the slide: 6")'),
        lesson_cell("print(y + 1)"),
    )
    assert lesson_rules.problems(nb) == []


def test_a_planted_bare_assert_fails_in_a_real_lesson():
    nb = nbformat.read(LESSONS[1], as_version=4)
    nb.cells.insert(5, lesson_cell("x = 1\nassert x == 1"))
    assert any("an assert outside a check cell" in p for p in lesson_rules.problems(nb))


def test_a_planted_numpy_testing_assert_fails():
    nb = notebook(lesson_cell("import numpy as np\nnp.testing.assert_allclose(1.0, 1.0)"))
    assert any("an assert outside a check cell" in p for p in lesson_rules.problems(nb))


def test_planted_lesson_code_in_a_check_cell_fails_in_a_real_lesson():
    nb = nbformat.read(LESSONS[1], as_version=4)
    nb.cells.insert(5, check_cell('planted_kernel = [[1]]\nassert planted_kernel\nprint("✓ planted")'))
    nb.cells.insert(6, lesson_cell("print(planted_kernel)"))
    found = lesson_rules.problems(nb)
    assert any("lesson code in a check cell: it defines 'planted_kernel'" in p for p in found), found


@pytest.mark.parametrize(
    ("source", "phrase"),
    [
        ('plotting.show_matrix(m, "m")\nassert m.any()', "draws or shows"),
        ('print("the map:", m)\nassert m.any()', "prints only one line starting with ✓"),
        ("assert m.any()\nm.sum()", "which Jupyter would show"),
        ('print("✓ nothing proved")', "proves nothing"),
    ],
)
def test_a_check_cell_that_shows_lesson_output_fails(source, phrase):
    nb = notebook(lesson_cell("m = 1"), check_cell(source))
    assert any(phrase in p for p in lesson_rules.problems(nb)), lesson_rules.problems(nb)


def test_a_name_a_lesson_cell_redefines_is_not_lesson_code():
    nb = notebook(
        lesson_cell("k = 3"),
        check_cell("for k in range(2):\n    assert k < 2"),
        lesson_cell("k = 5\nprint(k)"),
    )
    assert lesson_rules.problems(nb) == []


def test_a_check_cell_must_be_collapsed_and_skipped():
    cell = check_cell("assert True")
    cell.metadata = {"tags": ["check"], "slideshow": {"slide_type": "fragment"}}
    found = lesson_rules.problems(notebook(cell))
    assert any("not collapsed" in p for p in found) and any("not skipped" in p for p in found)


def test_fix_collapses_skips_and_moves_a_slide_start_on():
    cell = check_cell("assert True")
    cell.metadata = {"tags": ["check"], "slideshow": {"slide_type": "subslide"}}
    nb = notebook(lesson_cell("x = 1"), cell, lesson_cell("print(x)"))
    assert lesson_rules.fix_metadata(nb) == 1
    assert lesson_rules.problems(nb) == []
    assert nb.cells[2].metadata["slideshow"]["slide_type"] == "subslide"
