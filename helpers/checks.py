"""Feedback on an answer: right or wrong, and why, without giving the answer away.

Each ``check_*`` function prints one short verdict and returns True (right),
False (wrong) or None (not answered yet: the answer is still ``None``).
Unanswered exercises never raise, so a notebook runs top to bottom before the
student has tried them.  Answers can be a number (``check_number``,
``check_output_size``), an array (``check_matrix``), a kernel
(``check_*_kernel``, ``check_xo_feature``) or a function (``check_function``).

A wrong answer gets the hint of the likely mistake: ``mistakes`` is a list of
``(wrong answer, hint)`` pairs (for a function: ``(wrong function, hint)``),
and ``hint`` is said when no listed mistake matches.  The course's exercises
and their mistakes live in ``helpers.exercises`` (one answer key per lesson).
"""

from __future__ import annotations

import copy
import math
import warnings

import numpy as np

from . import arithmetic, validate, xo
from .ops import correlate2d


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


def _mistake_pairs(mistakes, name="mistakes") -> list:
    """``mistakes`` as a list of (wrong answer, hint) pairs; a dict also works."""
    pairs = list(mistakes.items()) if isinstance(mistakes, dict) else mistakes
    if not isinstance(pairs, (list, tuple)) or not all(
        isinstance(m, tuple) and len(m) == 2 and isinstance(m[1], str) for m in pairs
    ):
        raise TypeError(f"{name} must be a list of (wrong answer, hint text) pairs, got {mistakes!r}")
    return list(pairs)


def _verdict(ok: bool | None, message: str) -> bool | None:
    mark = {True: "Right!", False: "Not yet.", None: "Not answered yet."}[ok]
    print(f"{mark} {message}".strip())
    return ok


def output_size_mistakes(w, f, p=0, s=1) -> list[tuple[int, str]]:
    """The usual wrong versions of W2 = (W - F + 2P)/S + 1 (rounded down), each
    with its hint; only those that differ from the right size and from each other."""
    correct = arithmetic.output_size(w, f, p, s)  # checks the arguments
    w, f, p, s = int(w), int(f), int(p), int(s)  # plain ints: NumPy's uint8 would wrap around
    candidates = [
        ((w - f + 2 * p) // s, "You forgot the + 1: the first position counts too."),
        ((w - f) // s + 1, "Did you add 2P? The padding widens the input on both sides."),
        ((w - f + p) // s + 1, "Padding P adds P zeros on each side: that is 2P, not P."),
        (w - f + 2 * p + 1, "Divide by the stride S: the filter jumps S pixels at a time."),
        (-(-(w - f + 2 * p) // s) + 1, "Round down: a position counts only where the whole filter fits."),
        (w, "The output is not as wide as the input here: the filter cannot hang over the edge."),
    ]
    if p > 0:
        candidates.append((w + 2 * p, "That is the padded input's width; now count the filter's positions on it."))
    hints: dict[int, list[str]] = {}
    for value, hint in candidates:
        if value != correct and value > 0:
            hints.setdefault(value, []).append(hint)
    return [(value, " Or: ".join(said)) for value, said in hints.items()]  # two slips, one value: both hints


def check_output_size(answer, w, f, p=0, s=1):
    """Check a student's output width for input W, filter F, padding P, stride S;
    a wrong answer that is a usual slip of the formula gets that slip's hint."""
    if answer is None:
        return _verdict(None, "Replace None with a whole number.")
    correct = arithmetic.output_size(w, f, p, s)
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, (int, float, np.integer, np.floating)):
        return _verdict(False, f"The output size is a whole number of positions; you gave {answer!r}.")
    try:
        whole = math.isfinite(answer) and float(answer).is_integer()
    except OverflowError:  # an int with hundreds of digits is whole (and wrong)
        whole = True
    if not whole:
        return _verdict(
            False,
            f"The output size is a whole number of positions; you gave {answer!r}. "
            "Where S does not divide W - F + 2P, round down: the last step does not fit.",
        )
    answer = int(answer)  # 26.0 from (W - F + 2P)/S + 1 is the whole number 26
    if answer == correct:
        return _verdict(True, f"(W - F + 2P)/S + 1 with W={w}, F={f}, P={p}, S={s}.")
    for value, hint in output_size_mistakes(w, f, p, s):
        if answer == value:
            return _verdict(False, hint)
    if answer > correct:
        return _verdict(False, "Too big: count the positions where the whole filter fits inside the (padded) input.")
    return _verdict(
        False, "Too small: the first position is at the left edge, the last where the filter touches the right edge."
    )


def check_matrix(answer, expected, what="the result", mistakes=(), hint="Redo those cells by hand."):
    """Check an array answer against ``expected`` (same shape, values within 1e-6).

    Says whether the shape is wrong, which listed mistake the answer equals
    (``mistakes``: (wrong array, hint) pairs), or how many entries differ;
    never which values are right.
    """
    expected = validate.as_numeric_array(expected, "expected").astype(float)
    pairs = _mistake_pairs(mistakes)
    if answer is None:
        return _verdict(None, f"Replace None with {what}.")
    answer = _as_floats(answer)
    if answer is None:
        return _verdict(False, f"{what} should be a grid of numbers.")
    if answer.shape == expected.shape and np.allclose(answer, expected, atol=1e-6):
        return _verdict(True, "")
    for wrong, mistake in pairs:
        wrong = _as_floats(wrong)
        if wrong is not None and wrong.shape == answer.shape and np.allclose(answer, wrong, atol=1e-6):
            return _verdict(False, mistake)
    if answer.shape != expected.shape:
        return _verdict(False, f"{what} should have shape {expected.shape}, yours has {answer.shape}.")
    wrong = int(np.sum(~np.isclose(answer, expected, atol=1e-6)))
    return _verdict(False, f"{wrong} of {expected.size} entries differ. {hint}")


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
        return _verdict(
            False, "Your kernel gives 0 on a horizontal edge: compare a pixel with the one above or below it."
        )
    return _verdict(True, "It sees horizontal edges, and ignores vertical edges and flat areas.")


def check_blur_kernel(kernel, box_allowed=True):
    """Exercise: a smoothing kernel that keeps the average brightness
    (``box_allowed=False``: and is not a box filter, all weights equal)."""

    box_allowed = validate.as_bool(box_allowed, "box_allowed")
    if kernel is None:
        return _verdict(None, "Replace None with your kernel, a list of rows.")
    k, problem = _kernel_answer(kernel)
    if problem:
        return _verdict(False, problem)
    if abs(k.sum() - 1) > 1e-6:
        return _verdict(
            False,
            f"Your weights add up to {k.sum():g}, so the image gets {'brighter' if k.sum() > 1 else 'darker'}: they should add up to 1.",
        )
    if np.any(k < 0):
        return _verdict(
            False, "Negative weights subtract neighbours (that sharpens or finds edges); a blur only averages."
        )
    if not box_allowed and np.allclose(k, k.flat[0]):
        return _verdict(
            False,
            "That is a box filter (all weights equal), which this exercise rules out: give the centre more weight than the corners.",
        )
    noise = np.random.default_rng(0).normal(size=(40, 40))
    if correlate2d(noise, k).std() > 0.8 * noise.std():
        return _verdict(
            False,
            "It keeps the brightness but hardly smooths (noise shrinks by less than 20%): "
            "spread the weight over more neighbours.",
        )
    return _verdict(True, "It averages neighbours, so noise shrinks and brightness stays.")


def check_number(answer, correct, what="the answer", tolerance=1e-6, mistakes=(), hint=""):
    """Check a single number; says too high / too low, never the number itself.

    ``mistakes``: (wrong number, hint) pairs for the likely slips (e.g. the
    parameter count without the biases); ``hint`` is added otherwise.
    """
    correct = validate.as_number(correct, "correct")
    tolerance = validate.as_number(tolerance, "tolerance", minimum=0)
    pairs = _mistake_pairs(mistakes)
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
    for wrong, mistake in pairs:  # a slip rounded to 2-3 digits (0.33 for 1/3) is still that slip
        if abs(answer - wrong) <= max(tolerance, 0.006 * abs(wrong)):
            return _verdict(False, mistake)
    return _verdict(False, f"Too {'high' if answer > correct else 'low'}. {hint}")


def check_xo_feature(kernel):
    """Exercise: a 3x3 feature of -1/+1 values that matches a piece of the O
    perfectly (a map value of 1.00) but matches no piece of the X perfectly."""

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


def _show(value) -> str:
    """A value as the student would type it: arrays as short nested lists, 3 decimals."""
    numbers = _as_floats(value) if isinstance(value, (list, tuple, np.ndarray, np.generic)) else None
    if isinstance(value, (np.ndarray, np.generic)) or (numbers is not None and numbers.dtype != object):
        shown = np.asarray(value) if isinstance(value, np.ndarray) else numbers
        if shown.ndim == 0:
            return f"{shown.item():.4g}"
        return np.array2string(
            shown, separator=", ", precision=3, suppress_small=True, threshold=60, max_line_width=100
        )
    return repr(value)


def _show_case(args) -> str:
    return "(" + ", ".join(_show(arg) for arg in args) + ")"


def _same(got, expected) -> bool:
    """Same shape and values (within 1e-6 relative / 1e-8 absolute)."""
    got_floats, expected_floats = _as_floats(got), _as_floats(expected)
    if got_floats is None or expected_floats is None or got_floats.shape != expected_floats.shape:
        return False
    return bool(np.allclose(got_floats, expected_floats, equal_nan=True))


def _shape_words(value) -> str:
    shape = np.shape(value)
    return "a single number" if shape == () else f"{shape[0]} values" if len(shape) == 1 else f"shape {shape}"


def _call(function, args, quiet=False):
    """``function(*args)`` on a copy of the arguments (so an in-place edit cannot
    spoil the next call); returns (result, error).  ``quiet``: hide its warnings."""
    try:
        with warnings.catch_warnings():
            if quiet:
                warnings.simplefilter("ignore")
            return function(*copy.deepcopy(args)), None
    except Exception as err:  # the student's code: report, never crash the notebook
        return None, err


def check_function(function, reference, cases, what="your function", mistakes=()):
    """Exercise: a function the student writes, compared with ``reference`` on ``cases``.

    ``cases`` is a non-empty list of argument tuples.  The verdict shows the
    first case that goes wrong (its arguments, never the expected result) or
    the error the function raised.  ``mistakes``: (wrong function, hint)
    pairs; when the student's function agrees with a wrong function on every
    case, that hint is said.
    """
    if not callable(reference):
        raise TypeError(f"reference must be a function, got {reference!r}")
    if isinstance(cases, (str, bytes)) or not isinstance(cases, (list, tuple)) or not cases:
        raise TypeError(f"cases must be a non-empty list of argument tuples, got {cases!r}")
    if not all(isinstance(args, tuple) for args in cases):
        raise TypeError(f"cases must contain argument tuples, e.g. [(1, 2), (3, 4)], got {cases!r}")
    pairs = _mistake_pairs(mistakes)
    if not all(callable(wrong) for wrong, _ in pairs):
        raise TypeError(f"mistakes must be (wrong function, hint) pairs, got {mistakes!r}")
    if function is None:
        return _verdict(None, f"Replace None with {what}.")
    if not callable(function):
        return _verdict(False, f"{what} should be a function (def ...), got {type(function).__name__}.")
    results = []
    for args in cases:
        expected, broken = _call(reference, args)
        if broken is not None:  # the exercise itself is broken: say so, not the student
            raise ValueError(f"reference{args} raised {type(broken).__name__}: {broken}; check reference and cases")
        got, error = _call(function, args)
        if error is not None:
            return _verdict(False, f"{what}{_show_case(args)} raised {type(error).__name__}: {error}")
        results.append(got)
        if not _same(got, expected):
            break
    else:
        return _verdict(True, f"Right on all {len(cases)} test cases.")
    first_wrong = f"{what}{_show_case(args)} gives {_show(got)}, which is not right."
    got_floats, expected_floats = _as_floats(got), _as_floats(expected)
    if got_floats is not None and expected_floats is not None and got_floats.shape != expected_floats.shape:
        first_wrong = (
            f"{what}{_show_case(args)} gives {_show_words(got)}; the result should be {_shape_words(expected)}."
        )
    student = results + [_call(function, other, quiet=True)[0] for other in cases[len(results) :]]
    for wrong, hint in pairs:
        if all(_same(mine, _call(wrong, other, quiet=True)[0]) for mine, other in zip(student, cases)):
            return _verdict(False, f"{first_wrong} {hint}")
    return _verdict(False, f"{first_wrong} Work that case by hand and compare.")


def _show_words(value) -> str:
    """A result and its shape: "[[0.778]] (shape (1, 1))"."""
    return f"{_show(value)} ({_shape_words(value)})"
