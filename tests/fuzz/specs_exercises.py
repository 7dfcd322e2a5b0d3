"""Fuzz specs for ``helpers.exercises``: every exercise's check takes any answer without raising."""

from hypothesis import strategies as st

from helpers import exercises
from tests.fuzz.engine import Spec, arrays, ints, reals, texts

SPECS = [
    Spec(
        "exercises.check",
        exercises.check,
        lambda: dict(exercise="3.2", answer=34944),
        dict(
            exercise=st.one_of(
                st.sampled_from(sorted(exercises.EXERCISES)), texts("3.2"), st.sampled_from([3.2, None, ["3.2"], "9.9"])
            ),
            answer=st.one_of(
                ints(),
                reals(),
                arrays((0, 1, 2), max_side=5),
                st.sampled_from(
                    [None, "abc", [[1, 2], [3]], print, lambda *args: 1 / 0, lambda *args: args, lambda *args: "x", 5j]
                ),
            ),
        ),
        answers=("answer",),
        examples=150,
    ),
]
