"""The helpers' layers (helpers/ARCHITECTURE.md) hold, and the check that holds them can fail.

`make lint` runs import-linter with the layers contract of pyproject.toml.
These tests prove what that check alone does not show:

- every module of ``helpers`` is placed in a layer (import-linter ignores a
  module it is not told about, so a new module would be unchecked);
- the import graph has no cycle at all, also inside a layer's packages;
- no helper imports another inside a function (the old way to dodge a cycle);
- a planted upward import, and one between neighbours of a layer, make
  ``lint-imports`` fail, while the tree as it is passes.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HELPERS = ROOT / "helpers"
CONTRACT = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"][0]


def _layer_names() -> list[list[str]]:
    return [[name.strip() for name in layer.split("|")] for layer in CONTRACT["layers"]]


def test_every_module_is_in_exactly_one_layer():
    modules = {p.stem for p in HELPERS.glob("*.py") if p.name != "__init__.py"}
    modules |= {p.name for p in HELPERS.iterdir() if (p / "__init__.py").is_file()}
    placed = [name for layer in _layer_names() for name in layer]
    assert sorted(placed) == sorted(set(placed)), "a module is named in two layers"
    assert set(placed) == modules, (
        f"not in a layer: {sorted(modules - set(placed))}; in a layer but not a module: {sorted(set(placed) - modules)}"
    )


def test_the_architecture_page_lists_the_layers_in_order():
    page = (HELPERS / "ARCHITECTURE.md").read_text()
    rows = [line for line in page.splitlines() if line.startswith("| ") and line[2].isdigit()]
    # the page goes lowest first, the contract highest first
    for row, layer in zip(rows, reversed(_layer_names()), strict=True):
        named = row.split("|")[2]
        assert all(f"`{name}`" in named for name in layer), f"{row!r} should name {layer}"


def test_the_readme_and_the_package_docstring_place_each_module_in_its_layer():
    """The README's helpers table and ``helpers/__init__.py`` give each module its layer number (lowest = 0)."""
    import re

    number = {name: i for i, layer in enumerate(reversed(_layer_names())) for name in layer if name != "__main__"}
    readme = dict(
        (name, int(layer))
        for layer, name in re.findall(r"^\| (\d+) \| `helpers\.(\w+)` \|", (ROOT / "README.md").read_text(), re.M)
    )
    assert readme == number
    docstring, layer, placed = (HELPERS / "__init__.py").read_text().split('"""')[1], None, {}
    for line in docstring.splitlines():
        match = re.match(r"^(?:(\d+)\.)?\s+``(\w+)``", line)
        if match:
            layer = int(match.group(1)) if match.group(1) else layer
            placed[match.group(2)] = layer
    assert placed == number


def _helpers_imports() -> dict[str, set[str]]:
    """Every helpers module and the helpers modules it imports directly (grimp, as import-linter sees them)."""
    grimp = pytest.importorskip("grimp", reason="grimp comes with import-linter, the dev extra")
    graph = grimp.build_graph("helpers")
    return {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}


def test_the_import_graph_has_no_cycle():
    imports = _helpers_imports()
    done, on_path = set(), []

    def visit(module):
        if module in on_path:
            cycle = on_path[on_path.index(module) :] + [module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        on_path.append(module)
        for imported in sorted(imports.get(module, ())):
            visit(imported)
        on_path.pop()
        done.add(module)

    for module in sorted(imports):
        visit(module)
    assert len(done) == len(imports) > 30  # every module was walked


def test_no_helper_imports_another_inside_a_function():
    found = []
    for path in sorted(HELPERS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and (
                        inner.level > 0 or (inner.module or "").startswith("helpers")
                    ):
                        found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
                    if isinstance(inner, ast.Import) and any(a.name.startswith("helpers") for a in inner.names):
                        found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert not found, f"function-local imports of helpers modules (import at the top instead): {found}"


def _lint_imports(tree: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` on a copy of the package in ``tree`` (it finds ``helpers`` there first)."""
    exe = Path(sys.executable).parent / "lint-imports"
    if not exe.exists():
        pytest.skip("import-linter is not installed (the dev extra: make lint installs it)")
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(exe), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def copy_of_helpers(tmp_path) -> Path:
    shutil.copytree(HELPERS, tmp_path / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_tree_as_it_is_keeps_the_contract(copy_of_helpers):
    result = _lint_imports(copy_of_helpers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, planted, message",
    [
        ("validate.py", "from helpers import widgets", "helpers.validate is not allowed to import helpers.widgets"),
        ("sliding.py", "from . import ops", "helpers.sliding is not allowed to import helpers.ops"),
        ("plotting/basics.py", "from .. import checks", "helpers.plotting is not allowed to import helpers.checks"),
    ],
    ids=["upward", "one layer up", "a neighbour"],
)
def test_a_planted_import_breaks_the_contract(copy_of_helpers, module, planted, message):
    with open(copy_of_helpers / "helpers" / module, "a") as file:
        file.write(f"\n{planted}  # planted by the test\n")
    result = _lint_imports(copy_of_helpers)
    assert result.returncode != 0
    assert message in result.stdout, result.stdout + result.stderr


BEHIND_OPS = {"activations", "arithmetic", "backward", "sliding", "validate"}


def test_lessons_reach_the_layer_maths_through_ops():
    """``ops`` is the one façade: no lesson or solution imports the modules it passes on."""
    import json
    import re

    found = []
    for path in sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("solutions/*.ipynb")]):
        for cell in json.loads(path.read_text())["cells"]:
            source = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
            for line in source.splitlines():
                names = set(re.findall(r"helpers\.(\w+)", line))
                if match := re.match(r"\s*from helpers import (.+)", line):
                    names |= {name.strip() for name in match.group(1).split("#")[0].split(",")}
                if names & BEHIND_OPS:
                    found.append(f"{path.name}: {line.strip()}")
    assert not found, found
