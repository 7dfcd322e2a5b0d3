"""helpers.checks: the exercises' feedback (any right answer passes; each slip gets its hint)."""

import contextlib
import io

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers import checks


def test_check_output_size(capsys):
    assert checks.check_output_size(None, 28, 3) is None
    assert checks.check_output_size(26, 28, 3) is True
    assert checks.check_output_size(26.0, 28, 3) is True  # (28 - 3)/1 + 1 with / is a float, and right
    assert checks.check_output_size(np.float64(26), 28, 3) is True
    capsys.readouterr()
    assert checks.check_output_size(16.5, 32, 5, 2, 2) is False  # not whole: round down
    assert checks.check_output_size("26", 28, 3) is False
    assert "round down" in capsys.readouterr().out
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


@settings(deadline=None)
@given(w=st.integers(1, 300), f=st.integers(1, 15), p=st.integers(0, 5), s=st.integers(1, 6))
def test_every_output_size_slip_is_wrong_and_gets_its_own_hint(w, f, p, s):
    assume(f <= w + 2 * p)
    slips = checks.output_size_mistakes(w, f, p, s)
    values = [value for value, _ in slips]
    assert len(set(values)) == len(values) and (w - f + 2 * p) // s + 1 not in values
    for value, hint in slips:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert checks.check_output_size(value, w, f, p, s) is False
        assert hint in out.getvalue()


def test_mistake_tables_name_the_slip(capsys):
    assert checks.check_number(34848, 34944, mistakes=[(34848, "You forgot the biases")], hint="Count again.") is False
    assert "You forgot the biases" in capsys.readouterr().out
    assert checks.check_number(1, 34944, mistakes={34848: "You forgot the biases"}, hint="Count again.") is False
    assert capsys.readouterr().out.strip() == "Not yet. Too low. Count again."
    assert checks.check_matrix([[2, 3]], [[1, 2]], mistakes=[([[2, 3]], "Plus one.")]) is False
    assert "Plus one." in capsys.readouterr().out
    assert checks.check_matrix([[1, 2, 3]], [[1, 2]], mistakes=[([[1, 2, 3]], "Too long.")]) is False  # any shape
    assert "Too long." in capsys.readouterr().out
    double = [(lambda x: x + x, "Twice, not square.")]
    assert checks.check_function(lambda x: 2 * x, lambda x: x * x, [(1,), (3,)], "f", mistakes=double) is False
    assert "f(1) gives 2, which is not right. Twice, not square." in capsys.readouterr().out
    assert checks.check_function(lambda x: x + 1, lambda x: x * x, [(1,), (3,)], "f", mistakes=double) is False
    assert "Twice" not in capsys.readouterr().out  # agrees with no listed mistake on every case
    with pytest.raises(TypeError, match="mistakes must be"):
        checks.check_number(1, 2, mistakes=[(1, 2)])


def test_blur_exercise_can_refuse_the_box_filter(capsys):
    assert checks.check_blur_kernel(np.full((3, 3), 1 / 9)) is True
    assert checks.check_blur_kernel(np.full((3, 3), 1 / 9), box_allowed=False) is False
    assert "box filter" in capsys.readouterr().out
    assert checks.check_blur_kernel(np.full((5, 5), 1 / 25), box_allowed=False) is False
