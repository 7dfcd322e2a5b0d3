"""Answer key of lesson 8 (why convolutions, measured): the back of the book, read it after trying.

8.1 counts the numbers the lesson's convnet flattens for a 32 x 32 image,
8.2 is one image's ensemble vote by hand, 8.3 writes the ensemble's prediction as a function.
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
        (7 * 7 * 32, "2 x 2 pooling of a 13 x 13 map gives 6 x 6: the last row and column are dropped (floor)."),
        (after_conv2 * after_conv2 * 32, "The second pooling layer halves the 13 x 13 maps before Flatten."),
        (after_pool1 * after_pool1 * 32, "Two convolutions and two poolings come before Flatten: 32, 30, 15, 13, 6."),
        (after_pool2 * after_pool2 * 8, "The second convolution has 32 filters: Flatten sees 32 maps, not 8."),
        (after_pool2 * after_pool2, "Flatten keeps every channel: multiply the 6 x 6 map by its 32 channels."),
    ],
    hint="Follow one side of the image: 32 -> 30 (3x3 conv) -> 15 (pool) -> 13 (conv) -> 6 (pool); then x 32 maps.",
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


def _reference(probabilities):
    return np.asarray(probabilities, dtype=float).mean(axis=0).argmax(axis=-1)


def _majority(probabilities):
    """Each network votes its own answer; the most frequent answer wins (ties: the smaller class)."""
    answers = np.asarray(probabilities, dtype=float).argmax(axis=-1)  # (k, N)
    classes = np.asarray(probabilities).shape[-1]
    counts = np.stack([(answers == c).sum(axis=0) for c in range(classes)], axis=-1)
    return counts.argmax(axis=-1)


def _cases(seed=8):
    """8.2's image (as a list of lists, one image, the digits as classes 0, 1, 2), then random probabilities: k networks, N images, C classes."""
    rng = np.random.default_rng(seed)
    cases = [(VOTES[:, None, :].tolist(),)]
    for k, n, c in [(3, 5, 4), (5, 3, 4), (2, 6, 3), (4, 1, 10), (1, 4, 5)]:
        cases.append((rng.dirichlet(np.ones(c) * 0.6, size=(k, n)),))
    return cases


function_exercise(
    "8.3",
    "my_ensemble_predict(probabilities)",
    reference=_reference,
    cases=_cases(),
    what="my_ensemble_predict",
    mistakes=[
        (_majority, "That is a majority vote of each network's answer: average the probabilities first (axis 0)."),
        (
            lambda p: np.asarray(p, dtype=float).max(axis=0).argmax(axis=-1),
            "That lets the most confident network decide: take the mean over the networks (axis 0), not the max.",
        ),
        (
            lambda p: np.asarray(p, dtype=float).mean(axis=1).argmax(axis=-1),
            "Average over the networks (axis 0), not over the images (axis 1): one class per image.",
        ),
        (
            lambda p: np.asarray(p, dtype=float).mean(axis=0).argmax(axis=0),
            "Pick the largest class of each image (argmax over the last axis), not the image with the largest value.",
        ),
    ],
)
