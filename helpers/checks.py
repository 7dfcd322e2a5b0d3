"""Feedback for the exercises: right or wrong, and why, without giving the answer away.

Each ``check_*`` function prints one short verdict and returns True (right),
False (wrong) or None (not answered yet: the answer is still ``None``).
Unanswered exercises never raise, so a notebook runs top to bottom before the
student has tried them.
"""

from __future__ import annotations

import numpy as np

from . import arithmetic


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
    if answer is None:
        return _verdict(None, f"Replace None with {what}.")
    try:
        answer = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return _verdict(False, f"{what} should be a grid of numbers.")
    expected = np.asarray(expected, dtype=float)
    if answer.shape != expected.shape:
        return _verdict(False, f"{what} should have shape {expected.shape}, yours has {answer.shape}.")
    wrong = int(np.sum(~np.isclose(answer, expected, atol=1e-6)))
    if wrong == 0:
        return _verdict(True, "")
    return _verdict(False, f"{wrong} of {expected.size} entries differ. Redo the multiply-and-add for those cells.")
