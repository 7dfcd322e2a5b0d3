"""The exercises of every lesson, and the one call that checks an answer.

In a notebook, an exercise cell holds the question's blank and one check::

    answer_params = None
    exercises.check("3.2", answer_params)

``check`` names the exercise, then says "Right!", "Not yet." with the hint of
the likely mistake, or "Not answered yet." (the blank is still ``None``); it
returns True, False or None and never raises for an answer.

The answer keys are ``lesson00.py`` ... ``lesson08.py`` in this folder: the
right answers, the reference functions, the test cases and the usual
mistakes with their hints.  They are the back of the book: try first.
Worked solutions with explanations are in ``solutions/`` (for instructors).
"""

from . import lesson00, lesson01, lesson02, lesson03, lesson04, lesson05, lesson06, lesson07, lesson08  # noqa: F401
from ._registry import EXERCISES, Exercise, check

__all__ = ["EXERCISES", "Exercise", "check"]
