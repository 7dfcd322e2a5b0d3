"""Feedback for the exercises of every lesson: right or wrong, and why, without giving the answer away.

Each ``check_*`` function prints one short verdict and returns True (right),
False (wrong) or None (not answered yet: the answer is still ``None``).
Unanswered exercises never raise, so a notebook runs top to bottom before the
student has tried them.  Answers can be a number (``check_number``,
``check_output_size``), an array (``check_matrix``), a kernel
(``check_*_kernel``, ``check_xo_feature``) or a function (``check_function``).
"""

from __future__ import annotations

import math

import numpy as np

from . import arithmetic, validate


def _as_floats(value):
    """A student's answer as a float array, or None when it is not numbers
    (text, complex numbers, ragged lists, integers too large for a float)."""
    try:
        raw = np.asarray(value)
        if raw.dtype.kind in "cmM" or (raw.dtype == object and any(isinstance(v, complex) for v in raw.ravel())):
            return None
        return raw.astype(float)
    except (TypeError, ValueError, OverflowError):
        return None


def _verdict(ok: bool | None, message: str) -> bool | None:
    mark = {True: "Right!", False: "Not yet.", None: "Not answered yet."}[ok]
    print(f"{mark} {message}".strip())
    return ok


def check_output_size(answer, w, f, p=0, s=1):
    """Check a student's output width for input W, filter F, padding P, stride S."""
    if answer is None:
        return _verdict(None, "Replace None with a whole number.")
    correct = arithmetic.output_size(w, f, p, s)
    if not isinstance(answer, (int, np.integer)) or isinstance(answer, bool):
        return _verdict(False, f"The output size is a whole number of positions; you gave {answer!r}.")
    if answer == correct:
        return _verdict(True, f"(W - F + 2P)/S + 1 with W={w}, F={f}, P={p}, S={s}.")
    if answer == w:
        return _verdict(False, "The output is not the same size as the input here: the filter cannot hang over the edge.")
    if answer > correct:
        return _verdict(False, "Too big: count the positions where the whole filter fits inside the (padded) input.")
    return _verdict(False, "Too small: the first position is at the left edge, the last where the filter touches the right edge.")


def check_matrix(answer, expected, what="the result"):
    """Check an array answer against ``expected`` (same shape, values within 1e-6).

    Says whether the shape is wrong, or how many entries differ, never which
    values are right.
    """
    expected = validate.as_numeric_array(expected, "expected").astype(float)
    if answer is None:
        return _verdict(None, f"Replace None with {what}.")
    answer = _as_floats(answer)
    if answer is None:
        return _verdict(False, f"{what} should be a grid of numbers.")
    if answer.shape != expected.shape:
        return _verdict(False, f"{what} should have shape {expected.shape}, yours has {answer.shape}.")
    wrong = int(np.sum(~np.isclose(answer, expected, atol=1e-6)))
    if wrong == 0:
        return _verdict(True, "")
    return _verdict(False, f"{wrong} of {expected.size} entries differ. Redo the multiply-and-add for those cells.")


def _kernel_answer(kernel):
    """Validate a kernel answer; return (array, None) or (None, problem sentence)."""
    k = _as_floats(kernel)
    if k is None:
        return None, "A kernel is a grid of numbers, e.g. [[0, 0, 0], [0, 1, 0], [0, 0, 0]]."
    if k.ndim != 2 or k.shape[0] != k.shape[1] or k.shape[0] % 2 == 0 or k.shape[0] > 7:
        return None, f"Use a square kernel of odd size (3x3, 5x5 or 7x7); yours has shape {k.shape}."
    if not np.all(np.isfinite(k)):
        return None, "Every weight must be a finite number."
    return k, None


def _step_images(size=15):
    """A flat image, one with a horizontal edge (dark top, bright bottom), one with a vertical edge."""
    flat = np.full((size, size), 100.0)
    horizontal = np.zeros((size, size))
    horizontal[size // 2 :, :] = 255.0
    return flat, horizontal, horizontal.T.copy()


def check_horizontal_edge_kernel(kernel):
    """Exercise: a kernel that responds to horizontal edges, not to vertical edges or flat areas."""
    from .ops import correlate2d

    if kernel is None:
        return _verdict(None, "Replace None with your kernel, a list of rows.")
    k, problem = _kernel_answer(kernel)
    if problem:
        return _verdict(False, problem)
    flat, horizontal, vertical = _step_images()
    on_flat = np.abs(correlate2d(flat, k)).max()
    on_horizontal = np.abs(correlate2d(horizontal, k)).max()
    on_vertical = np.abs(correlate2d(vertical, k)).max()
    if on_flat > 1e-6:
        return _verdict(False, "Your kernel responds to a flat grey area: its weights should add up to 0.")
    if on_vertical > 1e-6 and on_vertical > 0.05 * on_horizontal:
        return _verdict(False, "Your kernel responds to vertical edges: it should compare rows, not columns.")
    if on_horizontal < 1e-6:
        return _verdict(False, "Your kernel gives 0 on a horizontal edge: compare a pixel with the one above or below it.")
    return _verdict(True, "It sees horizontal edges, and ignores vertical edges and flat areas.")


def check_blur_kernel(kernel):
    """Exercise: a smoothing kernel that keeps the average brightness."""
    from .ops import correlate2d

    if kernel is None:
        return _verdict(None, "Replace None with your kernel, a list of rows.")
    k, problem = _kernel_answer(kernel)
    if problem:
        return _verdict(False, problem)
    if abs(k.sum() - 1) > 1e-6:
        return _verdict(False, f"Your weights add up to {k.sum():g}, so the image gets {'brighter' if k.sum() > 1 else 'darker'}: they should add up to 1.")
    if np.any(k < 0):
        return _verdict(False, "Negative weights subtract neighbours (that sharpens or finds edges); a blur only averages.")
    noise = np.random.default_rng(0).normal(size=(40, 40))
    if correlate2d(noise, k).std() > 0.8 * noise.std():
        return _verdict(False, "It keeps the brightness but hardly smooths: spread the weight over more neighbours.")
    return _verdict(True, "It averages neighbours, so noise shrinks and brightness stays.")


def check_number(answer, correct, what="the answer", tolerance=1e-6):
    """Check a single number; says too high / too low, never the number itself."""
    correct = validate.check_number(correct, "correct")
    tolerance = validate.check_number(tolerance, "tolerance", minimum=0)
    if answer is None:
        return _verdict(None, f"Replace None with {what}.")
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, (int, float, np.integer, np.floating)):
        return _verdict(False, f"{what} should be a number; you gave {answer!r}.")
    try:
        answer = float(answer)
    except OverflowError:  # an int with hundreds of digits
        answer = math.inf
    if not math.isfinite(answer):
        return _verdict(False, f"{what} should be a finite number.")
    if abs(answer - correct) <= tolerance:
        return _verdict(True, "")
    return _verdict(False, f"Too {'high' if answer > correct else 'low'}. Check each product's sign, then the sum.")


def check_xo_feature(kernel):
    """Exercise: a 3x3 feature of -1/+1 values that matches a piece of the O
    perfectly (a map value of 1.00) but matches no piece of the X perfectly."""
    from . import xo

    if kernel is None:
        return _verdict(None, "Replace None with your 3x3 feature, a list of rows of -1 and 1.")
    k, problem = _kernel_answer(kernel)
    if problem:
        return _verdict(False, problem)
    if k.shape != (3, 3) or not np.all(np.isin(k, (-1, 1))):
        return _verdict(False, "Use a 3x3 feature made of -1 (background) and 1 (stroke), like the slides' features.")
    best_o = xo.feature_maps(xo.O, [k]).max()
    best_x = xo.feature_maps(xo.X, [k]).max()
    if best_o < 1:
        return _verdict(False, f"Its best match on the O is {best_o:.2f}, not 1.00: copy a 3x3 piece of the O exactly.")
    if best_x >= 1:
        return _verdict(False, "It matches a piece of the X perfectly too: pick a piece only the O has (a curve).")
    return _verdict(True, f"A perfect match on the O, and at most {best_x:.2f} on the X.")


def check_function(function, reference, cases, what="your function"):
    """Exercise: a function the student writes, compared with ``reference`` on ``cases``.

    ``cases`` is a list of argument tuples.  The verdict names the first case
    that goes wrong (its arguments, not the expected result) or the error the
    function raised; it never prints the reference's answers.
    ``reference`` is a function; ``cases`` a non-empty list of argument tuples.
    """
    if not callable(reference):
        raise TypeError(f"reference must be a function, got {reference!r}")
    if isinstance(cases, (str, bytes)) or not isinstance(cases, (list, tuple)) or not cases:
        raise TypeError(f"cases must be a non-empty list of argument tuples, got {cases!r}")
    if not all(isinstance(args, tuple) for args in cases):
        raise TypeError(f"cases must contain argument tuples, e.g. [(1, 2), (3, 4)], got {cases!r}")
    if function is None:
        return _verdict(None, f"Replace None with {what}.")
    if not callable(function):
        return _verdict(False, f"{what} should be a function (def ...), got {type(function).__name__}.")
    for args in cases:
        try:
            expected = reference(*args)
        except Exception as err:  # the exercise itself is broken: say so, not the student
            raise ValueError(f"reference{args} raised {type(err).__name__}: {err}; check reference and cases") from err
        try:
            got = function(*args)
        except Exception as err:  # the student's code: report, never crash the notebook
            return _verdict(False, f"{what}{args} raised {type(err).__name__}: {err}")
        got_floats, expected_floats = _as_floats(got), _as_floats(expected)
        try:
            same = got_floats is not None and expected_floats is not None and np.allclose(got_floats, expected_floats)
        except ValueError:  # shapes that do not broadcast
            same = False
        if not same or np.shape(got) != np.shape(expected):
            return _verdict(False, f"{what}{args} gives {got!r}, which is not right. Try that case by hand.")
    return _verdict(True, f"Right on all {len(cases)} test cases.")
