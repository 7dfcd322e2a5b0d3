"""helpers.checks (exercise feedback) and helpers.environment (the readiness report)."""


import numpy as np
from helpers import checks, environment


def test_check_output_size(capsys):
    assert checks.check_output_size(None, 28, 3) is None
    assert checks.check_output_size(26, 28, 3) is True
    assert checks.check_output_size(26.0, 28, 3) is False
    capsys.readouterr()
    assert checks.check_output_size(28, 28, 3) is False
    assert checks.check_output_size(27, 28, 3) is False
    assert checks.check_output_size(20, 28, 3) is False
    wrong_feedback = capsys.readouterr().out
    assert "Too big" in wrong_feedback and "Too small" in wrong_feedback
    assert "26" not in wrong_feedback  # feedback on a wrong answer never gives the answer


def test_check_matrix(capsys):
    assert checks.check_matrix(None, [[1, 2]]) is None
    assert checks.check_matrix([[1, 2]], [[1, 2]]) is True
    assert checks.check_matrix([[1, 3]], [[1, 2]]) is False
    assert "1 of 2 entries differ" in capsys.readouterr().out
    assert checks.check_matrix([1, 2], [[1, 2]]) is False
    assert checks.check_matrix([["a", "b"]], [[1, 2]]) is False


def test_environment_report_finds_the_course_packages(capsys):
    rows = environment.check_environment(devices=False)
    names = {row.name for row in rows}
    assert {"Python", "tensorflow", "jupyterlab", "ipywidgets", "MNIST", "CIFAR-10"} <= names
    assert environment.ready(rows)
    assert environment.print_report(rows) is True
    assert "Ready for the course." in capsys.readouterr().out


def test_a_missing_required_package_makes_the_report_fail(monkeypatch):
    from packaging.requirements import Requirement

    monkeypatch.setattr(environment, "course_requirements", lambda: [Requirement("surely-not-installed-pkg>=1")])
    rows = environment.check_environment(devices=False)
    bad = [row for row in rows if row.name == "surely-not-installed-pkg"]
    assert bad and not bad[0].ok and "make install" in bad[0].line()
    assert not environment.ready(rows)


def test_a_too_old_package_is_flagged(monkeypatch):
    from packaging.requirements import Requirement

    monkeypatch.setattr(environment, "course_requirements", lambda: [Requirement("numpy>=999")])
    row = [r for r in environment.check_environment(devices=False) if r.name == "numpy"][0]
    assert not row.ok and "course needs >=999" in row.detail


def test_check_horizontal_edge_kernel(capsys):
    assert checks.check_horizontal_edge_kernel(None) is None
    assert checks.check_horizontal_edge_kernel([[0, 0, 0], [0, -1, 0], [0, 1, 0]]) is True  # h_y
    assert checks.check_horizontal_edge_kernel([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]) is True  # Sobel
    capsys.readouterr()
    assert checks.check_horizontal_edge_kernel([[0, 0, 0], [0, -1, 1], [0, 0, 0]]) is False  # vertical
    assert "vertical edges" in capsys.readouterr().out
    assert checks.check_horizontal_edge_kernel([[0, 0, 0], [0, 1, 0], [0, 1, 0]]) is False
    assert "add up to 0" in capsys.readouterr().out
    assert checks.check_horizontal_edge_kernel([[1, 2], [3, 4]]) is False
    assert checks.check_horizontal_edge_kernel("abc") is False
    assert checks.check_horizontal_edge_kernel(np.zeros((3, 3))) is False


def test_check_blur_kernel(capsys):
    assert checks.check_blur_kernel(None) is None
    assert checks.check_blur_kernel(np.full((3, 3), 1 / 9)) is True
    assert checks.check_blur_kernel([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) is False  # not normalised
    assert "add up to 16" in capsys.readouterr().out
    assert checks.check_blur_kernel([[0, 0, 0], [0, 1, 0], [0, 0, 0]]) is False  # identity
    assert checks.check_blur_kernel([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]) is False


def test_check_number_and_xo_feature(capsys):
    assert checks.check_number(None, 7) is None
    assert checks.check_number(7, 7) is True
    assert checks.check_number(5, 7) is False
    assert "Too low" in capsys.readouterr().out
    assert checks.check_number("7", 7) is False
    from helpers import xo

    assert checks.check_xo_feature(None) is None
    assert checks.check_xo_feature(xo.O[0:3, 2:5]) is True  # where the O bends at its top-left
    assert checks.check_xo_feature(xo.FEATURES[0]) is False  # a diagonal: the X has it perfectly
    assert checks.check_xo_feature(np.zeros((3, 3))) is False


def test_check_function(capsys):
    from helpers import ops

    cases = [(32, 5, 2, 1), (32, 5, 2, 2), (7, 3, 0, 2)]
    assert checks.check_function(None, ops.output_size, cases) is None
    assert checks.check_function(lambda w, f, p, s: (w - f + 2 * p) // s + 1, ops.output_size, cases) is True
    capsys.readouterr()
    assert checks.check_function(lambda w, f, p, s: (w - f + 2 * p) / s + 1, ops.output_size, cases) is False
    out = capsys.readouterr().out
    assert "(32, 5, 2, 2) gives 16.5" in out and " 16," not in out  # the reference's 16 is not printed
    assert checks.check_function(lambda w, f, p, s: 1 / 0, ops.output_size, cases) is False
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert checks.check_function(42, ops.output_size, cases) is False
