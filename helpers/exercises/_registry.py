"""What an exercise is, the list of all of them, and ``check``.

An :class:`Exercise` couples a question's title with its checker (a function
of the student's answer that prints a verdict) and two lists the tests use:
``wrong``, known wrong answers with a phrase of the hint each must produce,
and ``right``, answers that must pass.  The ``*_exercise`` factories build
the common kinds from one description, so the hints the student sees and the
mistakes the tests try are the same data:

- ``size_exercise``: an output width, with the formula's usual slips;
- ``number_exercise``: a number, with (wrong number, hint) pairs;
- ``conv_params_exercise``: a Conv2D layer's parameter count;
- ``matrix_exercise``: an array, with (wrong array, hint) pairs;
- ``function_exercise``: a function the student writes, run next to a reference;
- ``choice_exercise``: one of a few named choices (a letter, a word), each
  wrong choice with its own hint (e.g. which of three runs overfits).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import arithmetic, checks

EXERCISES: dict[str, Exercise] = {}


@dataclass
class Exercise:
    name: str  # "3.2": lesson 3, exercise 2
    title: str  # printed above the verdict
    checker: Callable[[Any], bool | None]  # answer -> True / False / None, prints the verdict
    wrong: list[tuple[Any, str]] = field(default_factory=list)  # (known wrong answer, phrase of its hint)
    right: list[Any] = field(default_factory=list)  # answers that must pass

    def __post_init__(self):
        if self.name in EXERCISES:
            raise ValueError(f"exercise {self.name!r} is defined twice")
        EXERCISES[self.name] = self


def check(exercise, answer):
    """Check ``answer`` to exercise ``exercise`` ("3.2" = lesson 3, exercise 2).

    Prints the exercise's title and the verdict; returns True (right), False
    (wrong) or None (not answered yet).  A wrong exercise name raises ValueError.
    """
    if not isinstance(exercise, str) or exercise not in EXERCISES:
        raise ValueError(f"exercise must be one of {', '.join(sorted(EXERCISES))}; got {exercise!r}")
    task = EXERCISES[exercise]
    print(f"Exercise {task.name}: {task.title}")
    return task.checker(answer)


# ---------------------------------------------------------------- the common kinds


def size_exercise(name, title, w, f, p=0, s=1, mistakes=()):
    """An output width (W - F + 2P)/S + 1; the usual slips come from checks.output_size_mistakes,
    ``mistakes`` adds this exercise's own (wrong width, hint) pairs."""
    right = (w - f + 2 * p) // s + 1

    def checker(answer):
        for wrong, _hint in mistakes:
            if (
                isinstance(answer, (int, float, np.integer, np.floating))
                and not isinstance(answer, bool)
                and answer == wrong
            ):
                return checks.check_number(answer, right, "the width", mistakes=mistakes)
        return checks.check_output_size(answer, w, f, p, s)

    slips = [(value, hint) for value, hint in checks.output_size_mistakes(w, f, p, s) if value not in dict(mistakes)]
    return Exercise(
        name, title, checker, wrong=slips + list(mistakes) + [(right + 1000, "Too big")], right=[right, float(right)]
    )


def number_exercise(name, title, correct, what, mistakes, hint, tolerance=1e-6):
    """A number; ``mistakes`` are (wrong number, hint) pairs, ``hint`` is said otherwise."""

    def checker(answer):
        return checks.check_number(answer, correct, what, tolerance=tolerance, mistakes=mistakes, hint=hint)

    return Exercise(name, title, checker, wrong=list(mistakes) + [(correct + 1000, hint)], right=[correct])


def conv_params_exercise(name, title, f, d, k, out=None):
    """A Conv2D layer's parameters, (F·F·D + 1)·K, with the usual slips: no biases,
    no depth, neither, one filter, and (given the output width ``out``) the outputs."""
    slips = [
        (f * f * d * k, f"You forgot the biases: one per filter, {k} here."),
        (f * f * k + k, f"Each filter spans all {d} input channels: it is {f} x {f} x {d}, not {f} x {f}."),
        (f * f * k, f"Each filter is {f} x {f} x {d} (the input's depth), and each has one bias."),
        (f * f * d + 1, f"That is one filter (weights and bias); the layer has {k}."),
    ]
    if out is not None:
        slips.append(
            (
                out * out * k,
                f"That is the number of outputs ({out} x {out} x {k}); a filter's weights are shared by all positions.",
            )
        )
    return number_exercise(
        name,
        title,
        correct=arithmetic.conv_params(f, d, k),
        what="the number of parameters",
        mistakes=slips,
        hint=f"One filter has {f} x {f} x {d} weights and a bias; the layer has {k} filters.",
    )


def matrix_exercise(name, title, expected, what, mistakes, hint):
    """An array; ``mistakes`` are (wrong array, hint) pairs, ``hint`` is said otherwise."""

    def checker(answer):
        return checks.check_matrix(answer, expected, what, mistakes=mistakes, hint=hint)

    off_by_one = [[value + 1 for value in row] for row in expected]
    return Exercise(name, title, checker, wrong=list(mistakes) + [(off_by_one, hint)], right=[expected])


def function_exercise(name, title, reference, cases, what, mistakes):
    """A function the student writes, run on ``cases`` next to ``reference``;
    ``mistakes`` are (wrong function, hint) pairs."""

    def checker(answer):
        return checks.check_function(answer, reference, cases, what, mistakes=mistakes)

    return Exercise(name, title, checker, wrong=list(mistakes), right=[reference])


def choice_exercise(name, title, options, correct, mistakes, why=""):
    """One of a few choices, given as text: a letter ("A") or a word; case and
    surrounding spaces do not matter.  ``mistakes`` maps every wrong option to
    its hint, which must not name the right option; ``why`` is said with Right!.
    Any other text is told the options."""
    options = [str(option) for option in options]
    mistakes = dict(mistakes)
    if correct not in options:
        raise ValueError(f"exercise {name}: the right choice {correct!r} is not one of the options {options}")
    if set(mistakes) != set(options) - {correct}:
        raise ValueError(f"exercise {name}: give a hint for every wrong option, {sorted(set(options) - {correct})}")
    for wrong, hint in mistakes.items():
        if re.search(rf"(?<!\w){re.escape(correct)}(?!\w)", hint):
            raise ValueError(f"exercise {name}: the hint for {wrong!r} names the right choice {correct!r}")
    listed = ", ".join(f'"{option}"' for option in options)
    by_key = {option.strip().casefold(): option for option in options}

    def checker(answer):
        if answer is None:
            return checks._verdict(None, f"Replace None with one of {listed} (in quotes).")
        if not isinstance(answer, str):
            return checks._verdict(False, f"Answer with text in quotes, one of {listed}; you gave {answer!r}.")
        chosen = by_key.get(answer.strip().casefold())
        if chosen is None:
            return checks._verdict(False, f"{answer!r} is not one of the choices: {listed}.")
        if chosen == correct:
            return checks._verdict(True, why)
        return checks._verdict(False, mistakes[chosen])

    wrong = list(mistakes.items()) + [("none of them", "is not one of the choices"), (1, "Answer with text in quotes")]
    return Exercise(name, title, checker, wrong=wrong, right=[correct, f" {correct.lower()} "])
