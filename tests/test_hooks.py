""".pre-commit-config.yaml: the git hooks run from the project's environment and do their jobs.

Each test works on a clone of this repository (its committed files, plus the
working tree's hook and ruff settings), with ``.venv`` linked to this one's,
as a contributor's checkout after ``make hooks``.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(
    not (BIN / "pre-commit").exists() or not (BIN / "nbstripout").exists() or shutil.which("git") is None,
    reason="needs git and the dev extra (pip install -e '.[dev]'; make lint installs it)",
)


@pytest.fixture
def checkout(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=120)
    for name in (".pre-commit-config.yaml", "pyproject.toml"):
        shutil.copy(ROOT / name, clone / name)
    (clone / ".venv").symlink_to(BIN.parent, target_is_directory=True)
    return clone


def run_hooks(clone: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    return subprocess.run(
        [str(BIN / "pre-commit"), "run", "--all-files"], cwd=clone, env=env, capture_output=True, text=True, timeout=300
    )


def test_every_hook_passes_on_the_committed_files(checkout, tmp_path):
    result = run_hooks(checkout, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    for hook in ("strip notebook outputs", "ruff check", "ruff format"):
        assert any(line.startswith(hook) and line.endswith("Passed") for line in result.stdout.splitlines()), (
            result.stdout
        )


def test_the_hooks_strip_outputs_and_stop_a_lint_error(checkout, tmp_path):
    lesson = checkout / "notebooks" / "03_conv_arithmetic.ipynb"
    clean = lesson.read_bytes()
    nb = nbformat.read(lesson, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code")
    cell.execution_count = 7
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="printed when run\n")]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nbformat.write(nb, lesson)
    (checkout / "helpers" / "unused.py").write_text("import os\n")  # F401, which --fix removes
    (checkout / "helpers" / "undefined.py").write_text("print(name_never_defined)\n")  # F821: no fix
    subprocess.run(["git", "add", "-A"], cwd=checkout, check=True, timeout=60)  # hooks see what is staged
    result = run_hooks(checkout, tmp_path)
    assert result.returncode != 0
    assert lesson.read_bytes() == clean  # outputs, count and widget state gone; ids and slide metadata kept
    assert (checkout / "helpers" / "unused.py").read_text() == ""
    assert "F821" in result.stdout and "undefined.py" in result.stdout, result.stdout
