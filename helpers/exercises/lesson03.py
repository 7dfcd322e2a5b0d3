"""Answer key of lesson 3 (convolution arithmetic): the back of the book, read it after trying.

3.1 and 3.2 are AlexNet's first layer (227 x 227 x 3, 96 filters of 11 x 11,
stride 4), 3.3 the output-size rule as a function.
"""

import numpy as np

from .. import arithmetic
from ._registry import conv_params_exercise, function_exercise, size_exercise

size_exercise("3.1", "AlexNet's first layer: output width", w=227, f=11, p=0, s=4)

conv_params_exercise("3.2", "AlexNet's first layer: parameters", f=11, d=3, k=96, out=55)


def _cases(seed=3):
    """The lessons' layers (some where the stride does not divide: round down), then random ones."""
    cases = [(32, 5, 2, 1), (32, 5, 2, 2), (7, 3, 0, 2), (227, 11, 0, 4), (56, 1, 0, 1), (32, 5, 0, 2), (28, 3, 1, 3)]
    rng = np.random.default_rng(seed)
    for _ in range(8):
        f = int(rng.integers(1, 8))
        cases.append((int(rng.integers(f, 64)), f, int(rng.integers(0, 4)), int(rng.integers(1, 5))))
    return cases


function_exercise(
    "3.3",
    "my_output_size(w, f, p, s)",
    reference=arithmetic.output_size,
    cases=_cases(),
    what="my_output_size",
    mistakes=[
        (
            lambda w, f, p, s: (w - f + 2 * p) / s + 1,
            "Round down (//): when S does not divide W - F + 2P, the last step does not fit.",
        ),
        (lambda w, f, p, s: (w - f) // s + 1, "Did you add 2P? The padding widens the input on both sides."),
        (lambda w, f, p, s: (w - f + p) // s + 1, "Padding P adds P zeros on each side: that is 2P, not P."),
        (lambda w, f, p, s: (w - f + 2 * p) // s, "You forgot the + 1: the first position counts too."),
        (lambda w, f, p, s: w - f + 2 * p + 1, "Divide by the stride S: the filter jumps S pixels at a time."),
        (
            lambda w, f, p, s: -(-(w - f + 2 * p) // s) + 1,
            "Round down, not up: a position counts only where the whole filter fits.",
        ),
        (
            lambda w, f, p, s: round((w - f + 2 * p) / s) + 1,
            "Round down (//), not to the nearest: a last step that does not fit is not taken.",
        ),
    ],
)
