"""The reading path and the proofs: the rules every lesson keeps.

A lesson has three kinds of code cell:

- **lesson cells** teach: what a student reads and runs.  No ``assert``.
- **check cells** prove a number or a claim of the lesson (a slide's print,
  a TensorFlow oracle, a threshold the automatic tests hold).  They carry the
  cell tag ``check``, and only the lesson's proofs live in them:

  - every ``assert`` of a lesson is in one;
  - a check cell holds at least one assert, draws nothing, and prints at most
    its one line starting with ``✓`` (``print("✓ matches the slide: ...")``);
  - nothing it defines is used by a later lesson cell (lesson code never
    hides in a check);
  - JupyterLab shows it collapsed (``metadata.jupyter.source_hidden``), a
    slideshow skips it (slide type ``skip``), and the website folds it behind
    a "Show the check" toggle (tools/build_site.py).

- **set-up cells for the automatic tests** (fast mode's smaller settings,
  the compact progress display) begin ``# Not part of the lesson:``; they are
  collapsed in JupyterLab, skipped in slides and folded on the website.

The worked solutions (solutions/) keep the same rules: a solution's code is
shown, and its ``assert exercises.check(...)`` sits in a check cell, whose
output is the check's own verdict ("Right!").

``python -m tools.lesson_rules notebooks/*.ipynb`` lists every broken rule;
``--fix`` first sets the metadata that follows from the tags (collapsed,
skipped).  tests/test_lesson_rules.py runs the same rules on every lesson.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import nbformat

CHECK_TAG = "check"
NOT_THE_LESSON = "# Not part of the lesson: "
TICK = "✓"
# Calls that show something: lesson code, never a check's.
DRAWING = ("plotting.", "widgets.", "display(", "plt.", ".show(", "show_")


def is_check(cell) -> bool:
    return cell.cell_type == "code" and CHECK_TAG in cell.metadata.get("tags", [])


def is_setup(cell) -> bool:
    return cell.cell_type == "code" and cell.source.startswith(NOT_THE_LESSON)


def _tree(source: str) -> ast.Module:
    """The cell as Python; IPython's ``%magic`` and ``!shell`` lines are left out."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])


def _call_name(node: ast.Call) -> str:
    return ast.unparse(node.func)


def asserts_in(source: str) -> int:
    """``assert`` statements and ``np.testing.assert_*``-style calls."""
    count = 0
    for node in ast.walk(_tree(source)):
        if isinstance(node, ast.Assert):
            count += 1
        elif isinstance(node, ast.Call) and _call_name(node).split(".")[-1].startswith("assert_"):
            count += 1
    return count


def bound_names(source: str) -> set[str]:
    """Names a cell defines at its top level (assignments, loops, defs, imports)."""
    names: set[str] = set()
    for node in ast.walk(_tree(source)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


def free_names(source: str) -> set[str]:
    """Names a cell reads that it does not define itself: what it takes from earlier cells."""
    loads = {n.id for n in ast.walk(_tree(source)) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return loads - bound_names(source)


def _prints_only_ticks(tree: ast.Module) -> str | None:
    """Why the check would print more than its ✓ line (None: it does not)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) == "print":
            first = node.args[0] if node.args else None
            text = ""
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                text = first.value
            elif isinstance(first, ast.JoinedStr) and first.values and isinstance(first.values[0], ast.Constant):
                text = str(first.values[0].value)
            if not text.startswith(TICK):
                return f"prints {ast.unparse(node)[:60]!r}: a check prints only one line starting with {TICK}"
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr) and not (isinstance(last.value, ast.Call) and _call_name(last.value) == "print"):
        return f"ends with the value {ast.unparse(last)[:60]!r}, which Jupyter would show"
    return None


def problems(nb) -> list[str]:
    """Every broken rule of one notebook, as 'cell N: what is wrong'."""
    found = []
    cells = nb.cells
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        where = f"cell {index}"
        n_asserts = asserts_in(cell.source)
        if not is_check(cell):
            if n_asserts:
                found.append(f"{where}: an assert outside a check cell (tag it {CHECK_TAG!r} or move the assert out)")
            if is_setup(cell):
                if not cell.metadata.get("jupyter", {}).get("source_hidden"):
                    found.append(f"{where}: a set-up cell is not collapsed (metadata.jupyter.source_hidden)")
                if cell.metadata.get("slideshow", {}).get("slide_type") != "skip":
                    found.append(f"{where}: a set-up cell is not skipped in slides")
            continue
        if not n_asserts:
            found.append(f"{where}: a check cell with no assert proves nothing")
        if any(call in cell.source for call in DRAWING):
            found.append(f"{where}: a check cell draws or shows something (lesson code in a check cell)")
        why = _prints_only_ticks(_tree(cell.source))
        if why:
            found.append(f"{where}: {why}")
        if not cell.metadata.get("jupyter", {}).get("source_hidden"):
            found.append(f"{where}: a check cell is not collapsed (metadata.jupyter.source_hidden)")
        if cell.metadata.get("slideshow", {}).get("slide_type") != "skip":
            found.append(f"{where}: a check cell is not skipped in slides (slide type 'skip')")
        # lesson code in a check: a later lesson cell reads a name whose value this check set
        pending = bound_names(cell.source)
        for later_index in range(index + 1, len(cells)):
            later = cells[later_index]
            if later.cell_type != "code" or not pending:
                continue
            if is_check(later):
                pending -= bound_names(later.source)
                continue
            for name in sorted(pending & free_names(later.source)):
                found.append(
                    f"{where}: lesson code in a check cell: it defines {name!r}, which lesson cell {later_index} uses"
                )
            pending -= bound_names(later.source)
    return found


def fix_metadata(nb) -> int:
    """Collapse and skip every check and set-up cell; returns how many cells changed."""
    changed = 0
    for index, cell in enumerate(nb.cells):
        if not (is_check(cell) or is_setup(cell)):
            continue
        before = repr(cell.metadata)
        slideshow = cell.metadata.setdefault("slideshow", {})
        if slideshow.get("slide_type") in ("slide", "subslide"):
            # the slide this cell opened starts at the next cell that is shown
            for later in nb.cells[index + 1 :]:
                if later.metadata.get("slideshow", {}).get("slide_type") not in ("skip", "notes"):
                    if later.metadata.get("slideshow", {}).get("slide_type") in (None, "-", "fragment"):
                        later.metadata.setdefault("slideshow", {})["slide_type"] = slideshow["slide_type"]
                    break
        slideshow["slide_type"] = "skip"
        cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
        changed += repr(cell.metadata) != before
    return changed


def main(argv: list[str]) -> int:
    fix = "--fix" in argv
    paths = [Path(a) for a in argv if a != "--fix"]
    status = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if fix and fix_metadata(nb):
            nbformat.write(nb, path)
        for problem in problems(nb):
            print(f"{path.name}, {problem}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
