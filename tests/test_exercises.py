"""The exercises: blanks run, every hint is said for its mistake, no cell leaks its answer.

- every exercise of ``helpers.exercises`` says "Not answered yet." to the blank,
  "Right!" to each right answer of its key, and to each known wrong answer
  "Not yet." with that mistake's own hint;
- every lesson has at least 3 checked exercises, one of them "write the function";
- the exercise cells of the student notebooks hold the blank and one
  ``exercises.check`` call, nothing else (the scan below; a planted leak must
  make it fail);
- each lesson's notebook checks exactly its lesson's exercises, and its
  solutions notebook quotes every question word for word and asserts every
  check (nbval runs the solutions notebooks: they must pass).
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers import exercises
from helpers.exercises import lesson04

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
ALL = sorted(exercises.EXERCISES)


def run_check(name, answer):
    """(verdict, printed text) of exercises.check."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        verdict = exercises.check(name, answer)
    return verdict, out.getvalue()


def lesson_of(name: str) -> int:
    return int(name.split(".")[0])


# ---------------------------------------------------------------- the answer keys


@pytest.mark.parametrize("name", ALL)
def test_blank_is_not_answered_yet(name):
    verdict, text = run_check(name, None)
    assert verdict is None
    assert text.startswith(f"Exercise {name}: ") and "Not answered yet." in text


@pytest.mark.parametrize("name", ALL)
def test_right_answers_pass(name):
    task = exercises.EXERCISES[name]
    assert task.right, f"exercise {name} lists no right answer"
    for answer in task.right:
        verdict, text = run_check(name, answer)
        assert verdict is True, text


MISTAKES = [(name, i) for name in ALL for i in range(len(exercises.EXERCISES[name].wrong))]


@pytest.mark.filterwarnings(
    "ignore:Mean of empty slice", "ignore:invalid value encountered"
)  # 6.3: precision of a class never predicted
@pytest.mark.parametrize("name, index", MISTAKES, ids=[f"{n}-{i}" for n, i in MISTAKES])
def test_every_hint_is_said_for_its_mistake(name, index):
    wrong, hint = exercises.EXERCISES[name].wrong[index]
    verdict, text = run_check(name, wrong)
    assert verdict is False, text
    assert hint in text, f"exercise {name}: expected the hint {hint!r}, got {text!r}"


@pytest.mark.parametrize("name", ALL)
def test_each_exercise_lists_mistakes_with_different_hints(name):
    hints = [hint for _, hint in exercises.EXERCISES[name].wrong]
    assert len(hints) >= 2, f"exercise {name} names fewer than 2 likely mistakes"
    assert len(set(hints)) == len(hints), f"exercise {name}: two mistakes share a hint"


@pytest.mark.parametrize(
    "name", [n for n in ALL if isinstance(exercises.EXERCISES[n].right[0], (int, float, np.integer, np.floating))]
)
def test_a_wrong_number_never_shows_the_right_one(name):
    right = exercises.EXERCISES[name].right[0]
    for wrong, _ in exercises.EXERCISES[name].wrong:
        _, text = run_check(name, wrong)
        assert f"{right:g}" not in re.sub(r"Exercise [\d.]+: .*\n", "", text), text


def test_every_lesson_has_three_checked_exercises_one_a_function():
    for lesson in sorted({int(path.name[:2]) for path in LESSONS}):
        names = [n for n in ALL if lesson_of(n) == lesson]
        functions = [n for n in names if callable(exercises.EXERCISES[n].right[0])]
        assert len(names) >= 3, f"lesson {lesson} has {len(names)} checked exercises"
        assert functions, f"lesson {lesson} has no 'write the function' exercise"


def test_a_function_exercise_shows_the_first_failing_case():
    verdict, text = run_check("3.3", lambda w, f, p, s: 7)
    assert verdict is False
    assert "my_output_size(32, 5, 2, 1) gives 7, which is not right." in text


def test_a_function_that_raises_is_reported_not_raised():
    verdict, text = run_check("4.3", lambda feature_map, size: 1 / 0)
    assert verdict is False and "raised ZeroDivisionError" in text


def test_a_function_may_change_its_arguments_in_place():
    """Each call gets a copy, so a student's in-place edit cannot spoil the next case."""

    def pool_in_place(feature_map, size):
        values = np.asarray(feature_map, dtype=float)
        result = lesson04._reference(values, size)
        values[...] = 0
        return result

    assert run_check("4.3", pool_in_place)[0] is True


def test_an_unknown_exercise_is_a_clear_error():
    with pytest.raises(ValueError, match="exercise must be one of 0.1, "):
        exercises.check("3.9", 1)


def test_an_exercise_name_is_defined_once():
    with pytest.raises(ValueError, match="defined twice"):
        exercises.Exercise("3.1", "again", print)


# ---------------------------------------------------------------- the scan of exercise cells


APPENDIX = "## Appendix: checking the slides"  # after the exercises: asserted forensics, not exercises


def exercise_cells(nb) -> list[tuple[int, str]]:
    """(index, source) of every code cell between the "## Exercises" heading and the
    closing appendix (if any), and of any other code cell that calls the exercises module."""
    start = next((i for i, cell in enumerate(nb.cells) if cell.source.startswith("## Exercises")), len(nb.cells))
    end = next((i for i, cell in enumerate(nb.cells) if cell.source.startswith(APPENDIX)), len(nb.cells))
    return [
        (i, cell.source)
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (start < i < end or "exercises." in cell.source or "checks." in cell.source)
    ]


def scan_cell(source: str) -> list[str]:
    """What in an exercise cell is more than the blank and the check.

    Allowed: ``name = None`` (the blank; comments, e.g. a commented-out ``def``
    template, are not code) and exactly one ``exercises.check("L.N", name)`` of
    that blank.  Anything else, a call to ``ops``/``loops``/``xo``/``np``, an
    arithmetic expression, a ``lambda``, a ``def``, computes or defines an answer.
    """
    problems, blanks, checks = [], set(), []
    for node in ast.parse(source).body:
        text = ast.unparse(node)
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
            and node.value.value is None
        ):
            blanks.add(node.targets[0].id)
        elif (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and ast.unparse(node.value.func) == "exercises.check"
            and not node.value.keywords
            and len(node.value.args) == 2
            and isinstance(node.value.args[0], ast.Constant)
            and isinstance(node.value.args[0].value, str)
            and isinstance(node.value.args[1], ast.Name)
        ):
            checks.append((node.value.args[0].value, node.value.args[1].id))
        else:
            problems.append(f"line {node.lineno}: `{text[:60]}` computes or defines something")
    if len(checks) != 1:
        problems.append(f"{len(checks)} exercises.check calls (one per cell)")
    for name, variable in checks:
        if variable not in blanks:
            problems.append(f"exercises.check({name!r}, {variable}) checks something that is not this cell's blank")
    return problems


def checked_names(nb) -> list[str]:
    return [name for _, source in exercise_cells(nb) for name in re.findall(r'exercises\.check\("([\d.]+)"', source)]


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_no_exercise_cell_computes_or_defines_its_answer(path):
    nb = nbformat.read(path, as_version=4)
    cells = exercise_cells(nb)
    assert cells, f"{path.name} has no exercise cells"
    problems = [f"cell {i}: {problem}" for i, source in cells for problem in scan_cell(source)]
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_each_lesson_checks_its_own_exercises_once(path):
    lesson = int(path.name[:2])
    names = checked_names(nbformat.read(path, as_version=4))
    assert sorted(names) == [n for n in ALL if lesson_of(n) == lesson]


LEAKS = {
    "a helper computes the answer": 'answer_params = None\nexercises.check("3.2", ops.conv_params(11, 3, 96))',
    "the answer is assigned": 'answer_width = None\nanswer_width = (227 - 11) // 4 + 1\nexercises.check("3.1", answer_width)',
    "a reference is defined": 'my_per_class = None\nreference = lambda true, pred: [(pred[true == c] == c).mean() for c in range(10)]\nexercises.check("6.3", my_per_class)',
    "a reference function": 'my_max_pool = None\ndef reference(x, size):\n    return ops.max_pool(x, size)\nexercises.check("4.3", my_max_pool)',
    "arithmetic on the exercise's numbers": 'answer_2 = None\nexercises.check("5.2", (0.04 - 0.01) / 0.04)',
    "numpy on the exercise's data": 'my_correlation_kernel = None\nk = np.rot90(np.array([[1, 2, 0], [0, 0, 0], [0, 0, -3]]), 2)\nexercises.check("1.3", my_correlation_kernel)',
    "the old generic checks": "my_sum = None\nchecks.check_number(my_sum, (xo.X[0:3, 0:3] * xo.FEATURES[1]).sum())",
    "a data loop": 'my_sum = None\nfor row in xo.X[0:3, 0:3]:\n    pass\nexercises.check("2.1", my_sum)',
}


@pytest.mark.parametrize("leak", LEAKS.values(), ids=list(LEAKS))
def test_a_planted_leak_is_found(leak):
    assert scan_cell(leak)


def test_a_leak_planted_in_a_lesson_fails_the_notebook_scan(tmp_path):
    path = ROOT / "notebooks" / "03_conv_arithmetic.ipynb"
    nb = nbformat.read(path, as_version=4)
    index = next(i for i, source in exercise_cells(nb) if '"3.2"' in source)
    nb.cells[index].source = nb.cells[index].source.replace(
        "answer_params = None", "answer_params = ops.conv_params(11, 3, 96)"
    )
    planted = tmp_path / path.name
    nbformat.write(nb, planted)
    with pytest.raises(AssertionError, match="computes or defines"):
        test_no_exercise_cell_computes_or_defines_its_answer(planted)


def test_the_good_cells_pass_the_scan():
    assert scan_cell('answer_1 = None\nexercises.check("0.1", answer_1)') == []
    assert (
        scan_cell(
            'my_max_pool = None\n# def my_max_pool(feature_map, size):\n#     ...\nexercises.check("4.3", my_max_pool)'
        )
        == []
    )


# ---------------------------------------------------------------- the solutions


SOLUTIONS = {path: ROOT / "solutions" / f"{path.stem}_solutions.ipynb" for path in LESSONS}


def questions(nb) -> list[str]:
    """Each numbered question of the exercises ("**3.** ..." up to the end of its
    cell or the "**Next:**" line)."""
    found = []
    for cell in nb.cells:
        match = re.search(r"^\*\*\d\.\*\*", cell.source, re.M)
        if cell.cell_type == "markdown" and match:
            found.append(re.split(r"\n\n\*\*Next:\*\*", cell.source[match.start() :])[0])
    return found


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_each_lesson_has_a_solutions_notebook_quoting_every_question(path):
    solution = SOLUTIONS[path]
    assert solution.exists(), f"no {solution.relative_to(ROOT)}"
    student = questions(nbformat.read(path, as_version=4))
    solved = "\n".join(cell.source for cell in nbformat.read(solution, as_version=4).cells)
    assert student, f"{path.name} has no numbered questions"
    for question in student:
        assert question in solved, f"{solution.name} does not quote this question of {path.name}:\n{question}"


@pytest.mark.parametrize("path", LESSONS, ids=[p.name for p in LESSONS])
def test_each_solutions_notebook_asserts_every_check(path):
    lesson = int(path.name[:2])
    code = "\n".join(
        cell.source for cell in nbformat.read(SOLUTIONS[path], as_version=4).cells if cell.cell_type == "code"
    )
    asserted = re.findall(r'^assert exercises\.check\("([\d.]+)"', code, re.M)
    assert sorted(set(asserted)) == [n for n in ALL if lesson_of(n) == lesson]
