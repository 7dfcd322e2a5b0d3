"""The repeat check of tests/notebook_runs.py catches what it is meant to catch.

The comparison is tested on its own (what is masked, what is reported), and
the whole plugin on two tiny notebooks run by pytest in a subprocess: one that
repeats and survives a second run, and one that breaks each rule once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat

from tests.notebook_runs import assert_names, first_difference, is_timing_name, mask_timings

ROOT = Path(__file__).resolve().parents[1]


def test_only_timings_are_masked():
    keras_line = "73/73 - 3s - 39ms/step - accuracy: 0.6343 - loss: 1.0550"
    assert mask_timings(keras_line) == "73/73 - <time> - <time> - accuracy: 0.6343 - loss: 1.0550"
    printed = "convnet: 14 epochs in 62 s, test accuracy 50.2% (8.1 ms, 418us/step)"
    assert mask_timings(printed) == "convnet: 14 epochs in <time>, test accuracy 50.2% (<time>, <time>)"
    # numbers that are results, not timings, stay: sizes, counts, "3 s" is a time but "3 x 3" is not
    estimate = "Measured on this machine: about 75 s per epoch, 5.0 min for 4 epochs."
    assert mask_timings(estimate) == "Measured on this machine: about <time> per epoch, <time> for 4 epochs."
    assert (
        mask_timings("(4, 28, 28, 6) 93,322 parameters, 3 x 3 kernel")
        == "(4, 28, 28, 6) 93,322 parameters, 3 x 3 kernel"
    )
    font = "findfont: Font family ['STIXGeneral'] not found. Falling back to DejaVu Sans.\n"
    assert mask_timings(font + "loss 0.25\n") == "loss 0.25\n"  # the font cache's news, once per process
    assert is_timing_name("fit_time") and is_timing_name("t0") and not is_timing_name("accuracy")
    assert assert_names("x = 1\nassert x > t0 and y == 2") == ["x", "y"]
    # attribute and index chains on a name are read too; nothing with a call in it
    assert assert_names("assert h.history['loss'][-1] < f(x)[0] and m[g(1)] == 0") == [
        "f",
        "g",
        "h",
        "h.history",
        "h.history['loss']",
        "h.history['loss'][-1]",
        "m",
        "x",
    ]


def test_a_changed_number_is_reported():
    run_a = {3: ({"stdout": "accuracy 0.91\n"}, {"acc": ["float", "0.91"]})}
    same = {3: ({"stdout": "accuracy 0.91\n"}, {"acc": ["float", "0.91"]})}
    printed = {3: ({"stdout": "accuracy 0.92\n"}, {"acc": ["float", "0.91"]})}
    asserted = {3: ({"stdout": "accuracy 0.91\n"}, {"acc": ["float", "0.9100000000000001"]})}
    assert first_difference(run_a, same, "nb") == []
    assert "stdout line 1 differs" in first_difference(run_a, printed, "nb")[0]
    assert "asserted value 'acc' differs" in first_difference(run_a, asserted, "nb")[0]


def _notebook(path: Path, *sources: str) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def _run_plugin(folder: Path, *args: str) -> str:
    """pytest with nbval and this plugin alone, in fast mode, in ``folder``; its report."""
    (folder / "pytest.ini").write_text("[pytest]\n")  # none of the course's options: just this plugin
    env = dict(os.environ, PYTHONPATH=str(ROOT), COURSE_FAST="1")  # the check runs in fast mode only
    env.pop("PYTEST_ADDOPTS", None)
    command = [sys.executable, "-m", "pytest", "-p", "tests.notebook_runs", "--nbval-lax", "--nbval-current-env"]
    result = subprocess.run(
        [*command, "-p", "no:cacheprovider", "-q", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.stdout + result.stderr


def test_the_plugin_passes_a_good_notebook_and_names_every_broken_rule(tmp_path):
    _notebook(
        tmp_path / "good.ipynb",
        "import random\nrandom.seed(0)\nvalue = random.random()\nassert 0 <= value < 1\nprint(f'{value:.6f} after 1.5 s')",
        "value = value * 2\nassert value < 2",
    )  # changes state, yet can run again
    _notebook(
        tmp_path / "bad.ipynb",
        "import random\nfresh = random.random()\nassert fresh >= 0",  # asserted number differs
        "class Box:\n    pass\nbox = Box()\nbox.value = random.random()\nassert box.value >= 0",  # ... behind an attribute
        "print('draw', random.random())",  # printed number differs
        "assert 'done' not in globals(), 'ran twice'\ndone = True",  # fails when run again
        "print('last cell')",
    )
    report = _run_plugin(tmp_path, "good.ipynb", "bad.ipynb")
    assert "1 failed, 8 passed" in report, report  # 7 cells pass under nbval; good's check passes, bad's fails
    assert "FAILED bad.ipynb::repeat and re-run" in report, report
    assert "bad.ipynb cell 0: asserted value 'fresh' differs" in report, report
    assert "bad.ipynb cell 1: asserted value 'box.value' differs" in report, report
    assert "bad.ipynb cell 2: stdout line 1 differs" in report, report
    assert "bad.ipynb code cell 3 fails when run a second time: AssertionError: ran twice" in report, report
    assert "good.ipynb cell" not in report, report  # "1.5 s" is a timing: masked, not a difference


def test_no_repeat_for_leaves_out_only_that_notebooks_run_b(tmp_path):
    """``--no-repeat-for bad``: bad.ipynb gets nbval's run alone (its cells pass once), good.ipynb
    still gets its run B: the option ``make test`` uses for the training lessons drops nothing else."""
    _notebook(tmp_path / "good.ipynb", "value = 1\nassert value == 1")
    _notebook(tmp_path / "bad.ipynb", "assert 'done' not in globals(), 'ran twice'\ndone = True")  # fails in run B
    report = _run_plugin(tmp_path, "--no-repeat-for", "bad", "-rA", "good.ipynb", "bad.ipynb")
    assert "3 passed" in report and "failed" not in report, report
    assert "PASSED good.ipynb::repeat and re-run" in report, report
    assert "bad.ipynb::repeat and re-run" not in report, report
