"""Answer key of lesson 8 (why convolutions, measured): the back of the book, read it after trying.

8.1 counts the numbers the lesson's convnet flattens for a 32 x 32 image,
8.2 is one image's ensemble vote by hand, 8.3 writes the other way to combine
networks, a majority vote, as a function.
"""

import numpy as np

from .. import arithmetic
from ._registry import function_exercise, number_exercise

# 8.1: the lesson's convnet (conv 8 3x3, pool 2, conv 32 3x3, pool 2, Flatten) given a 32 x 32 x 1 image.
after_conv1 = arithmetic.output_size(32, 3)  # 30
after_pool1 = arithmetic.output_size(after_conv1, 2, s=2)  # 15
after_conv2 = arithmetic.output_size(after_pool1, 3)  # 13
after_pool2 = arithmetic.output_size(after_conv2, 2, s=2)  # 6 (the last row and column are dropped)

number_exercise(
    "8.1",
    "how many numbers the convnet's Flatten layer passes on for a 32 x 32 image",
    correct=after_pool2 * after_pool2 * 32,
    what="the number of values after Flatten",
    mistakes=[
        (5 * 5 * 32, "That is the count for a 28 x 28 image; follow 32 x 32 through the layers."),
        (
            7 * 7 * 32,
            "2 x 2 pooling of a map with an odd side rounds down: the last row and column have no partner "
            "and are dropped.",
        ),
        (after_conv2 * after_conv2 * 32, "The second pooling layer comes before Flatten: it halves the maps too."),
        (after_pool1 * after_pool1 * 32, "Two convolutions and two poolings come before Flatten, not one of each."),
        (after_pool2 * after_pool2 * 8, "The second convolution has 32 filters: Flatten sees 32 maps, not 8."),
        (after_pool2 * after_pool2, "Flatten keeps every channel: multiply the last map's area by its 32 channels."),
    ],
    hint="Follow one side of the image layer by layer with (W - F)/S + 1, rounded down, then multiply by the maps.",
)

# 8.2: three networks' probabilities for one image, for the digits 3, 5 and 8 (the question's table).
DIGITS = np.array([3, 5, 8])
VOTES = np.array([[0.90, 0.05, 0.05], [0.30, 0.40, 0.30], [0.35, 0.45, 0.20]])

number_exercise(
    "8.2",
    "the digit an ensemble of three networks picks for one image",
    correct=int(DIGITS[VOTES.mean(axis=0).argmax()]),
    what="the digit",
    mistakes=[
        (
            int(DIGITS[np.bincount(VOTES.argmax(axis=1)).argmax()]),
            "That is the majority of the networks' own answers. The ensemble averages the probabilities "
            "digit by digit first, then picks the largest average.",
        ),
        (int(DIGITS[VOTES.mean(axis=0).argmin()]), "That digit has the smallest average, not the largest."),
    ],
    hint="Average each digit's column of probabilities, then pick the digit with the largest average.",
)


def _majority(probabilities):
    """Each network votes its own answer; the most frequent answer wins (ties: the smaller class)."""
    values = np.asarray(probabilities, dtype=float)
    answers = values.argmax(axis=-1)  # (k, N)
    counts = np.stack([(answers == c).sum(axis=0) for c in range(values.shape[-1])], axis=-1)  # (N, C)
    return counts.argmax(axis=-1)


def _cases(seed=8):
    """8.2's image (as a list of lists, one image, the digits as classes 0, 1, 2), a tie, then random
    probabilities: k networks, N images, C classes."""
    rng = np.random.default_rng(seed)
    tie = [[[0.1, 0.6, 0.3]], [[0.2, 0.1, 0.7]]]  # two networks, one vote each for classes 1 and 2: class 1
    cases = [(VOTES[:, None, :].tolist(),), (tie,)]
    for k, n, c in [(3, 5, 4), (5, 3, 4), (2, 6, 3), (4, 1, 10), (1, 4, 5), (7, 6, 3)]:
        cases.append((rng.dirichlet(np.ones(c) * 0.6, size=(k, n)),))
    return cases


def _largest_class_on_ties(probabilities):
    values = np.asarray(probabilities, dtype=float)
    answers = values.argmax(axis=-1)
    counts = np.stack([(answers == c).sum(axis=0) for c in range(values.shape[-1])], axis=-1)
    return counts.shape[-1] - 1 - counts[..., ::-1].argmax(axis=-1)


function_exercise(
    "8.3",
    "my_majority_vote(probabilities)",
    reference=_majority,
    cases=_cases(),
    what="my_majority_vote",
    mistakes=[
        (
            lambda p: np.asarray(p, dtype=float).mean(axis=0).argmax(axis=-1),
            "That averages the probabilities (section 6's ensemble). A majority vote counts each network's own "
            "answer, its most probable class, once.",
        ),
        (
            lambda p: np.asarray(p, dtype=float).max(axis=0).argmax(axis=-1),
            "That lets the most confident network decide: count each network's answer once instead.",
        ),
        (
            _largest_class_on_ties,
            "On a tie, pick the smallest of the tied classes (np.argmax does that: it returns the first largest).",
        ),
        (
            lambda p: np.asarray(p, dtype=float).argmax(axis=-1).max(axis=0),
            "That picks the largest class any network named; count how many networks name each class instead.",
        ),
    ],
)
