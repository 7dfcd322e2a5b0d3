"""Answer key of lesson 2 (the X/O toy convnet): the back of the book, read it after trying.

2.1 is one filtering step by hand, 2.2 a feature map's width, 2.3 a design
exercise (any feature that says "O" passes), 2.4 the slides' match score
written as a function.
"""

import numpy as np

from .. import checks, xo
from ._registry import Exercise, function_exercise, number_exercise, size_exercise

WINDOW = xo.O[1:4, 1:4]  # the O's window at (1, 1): its top-left bend, no value of it drawn in the lesson
SMALL_X = xo.FEATURES[1]  # feature 2 of the slides, the small x
_products = WINDOW * SMALL_X

number_exercise(
    "2.1",
    "feature 2 (the small x) on the O's window at (1, 1), by hand",
    correct=_products.sum(),
    what="the sum of the products",
    mistakes=[
        (
            _products.sum() / 9,
            "That is the map value (the sum divided by 9); the question asks for the sum before dividing.",
        ),
        ((_products > 0).sum(), "You counted the matching pixels only: a mismatch gives -1, so it takes one away."),
        (-_products.sum(), "Check the signs: a pixel times a feature value of the same sign gives +1."),
    ],
    hint="Multiply the nine pairs (each product is +1 or -1), then add the nine products.",
)

size_exercise(
    "2.2",
    "a 3x3 feature on an 11x11 image",
    w=11,
    f=3,
    mistakes=[
        (
            5,
            "That is the width after 2x2 pooling (the question's second part); it asks for the feature map's width first.",
        ),
        (4, "That is the width after 2x2 pooling without partial windows; it asks for the feature map's width first."),
    ],
)

Exercise(
    "2.3",
    'a feature that says "O"',
    checks.check_xo_feature,
    wrong=[
        (xo.FEATURES[0], "matches a piece of the X perfectly too"),
        (np.ones((3, 3)), "not 1.00"),
        (np.zeros((3, 3)), "made of -1 (background) and 1 (stroke)"),
        ([[1, 1], [1, 1]], "square kernel of odd size"),
    ],
    right=[xo.O[0:3, 2:5], xo.O[2:5, 0:3]],
)


def _cases(seed=2):
    """Windows and features of -1/+1, mostly 3x3 (as on the slides), also 2x2 and 5x5."""
    rng = np.random.default_rng(seed)
    cases = [(xo.X[0:3, 0:3], xo.FEATURES[0]), (xo.O[0:3, 2:5], xo.O[0:3, 2:5])]
    for size in (3, 3, 3, 2, 5):
        cases.append((rng.choice([-1, 1], (size, size)), rng.choice([-1, 1], (size, size))))
    return cases


function_exercise(
    "2.4",
    "my_match(window, feature), the slides' match score",
    reference=xo.match,
    cases=_cases(),
    what="my_match",
    mistakes=[
        (
            lambda window, feature: float((np.asarray(window) * feature).sum()),
            "Divide by the number of pixels: a perfect match scores 1, not 9.",
        ),
        (
            lambda window, feature: float((np.asarray(window) == feature).mean()),
            "A mismatched pixel counts -1 (its product), not 0: multiply, do not compare.",
        ),
        (
            lambda window, feature: float((np.asarray(window) * feature).sum() / 9),
            "Divide by the window's number of pixels (window.size), not always 9: the check also tries 2x2 and 5x5 windows.",
        ),
        (
            lambda window, feature: round(float((np.asarray(window) * feature).sum() / np.size(window)), 2),
            "Do not round: return the exact value (the slides print it rounded to 2 decimals).",
        ),
    ],
)
