"""Answer key of lesson 5 (Keras on MNIST): the back of the book, read it after trying.

5.1 counts a Conv2D layer's parameters, 5.2 is the relative error reduction,
5.3 follows a width through the slides' layers, 5.4 writes the accuracy
metric from predicted probabilities.
"""

import numpy as np

from .. import arithmetic
from ._registry import conv_params_exercise, function_exercise, number_exercise

conv_params_exercise("5.1", "a Conv2D layer's parameters (64 filters of 3x3 on 32 channels)", f=3, d=32, k=64)

number_exercise(
    "5.2",
    "the relative error reduction from 4% to 1% errors",
    correct=(0.04 - 0.01) / 0.04,
    what="the relative error reduction",
    mistakes=[
        (0.04 - 0.01, "That is the absolute drop (4% - 1% = 3 points); relative means divided by the old error."),
        ((0.04 - 0.01) / 0.01, "Divide by the old error (the dense net's 4%), not the new one."),
        (100 * (0.04 - 0.01) / 0.04, "Give it as a fraction (e.g. 0.5), not as a percentage."),
        (0.01 / 0.04, "That is the fraction of errors that is left; the reduction is the fraction removed."),
    ],
    hint="Relative reduction = (old error - new error) / old error.",
)

# conv 3x3 (valid) -> pool 2x2 -> conv -> pool -> conv, from 32 pixels.
_width = 32
for _layer in ("conv", "pool", "conv", "pool", "conv"):
    _width = arithmetic.output_size(_width, 3) if _layer == "conv" else _width // 2

number_exercise(
    "5.3",
    "the third conv layer's width for 32x32 inputs",
    correct=_width,
    what="the width",
    mistakes=[
        (32 - 3 * 2, "You forgot the two pooling layers: each halves the width (rounding down)."),
        (3, "That is the slides' 28 x 28 input (28 -> 26 -> 13 -> 11 -> 5 -> 3); start from 32."),
        (5, "After conv2 the width is odd: 2x2 pooling rounds down (a window must fit whole), it does not round up."),
        (6, "After the second pooling comes the third conv layer: one more 3x3 filter, no padding."),
    ],
    hint="Apply each layer in turn: a 3x3 conv without padding takes 2 off, a 2x2 pool halves (rounding down).",
    tolerance=0,
)


def accuracy(labels, probabilities):
    """The fraction of images whose most probable class is the true label.

    labels: (N,) ints 0-9; probabilities: (N, 10), each row sums to 1.
    """
    return float(np.mean(np.argmax(probabilities, axis=1) == np.asarray(labels)))


def _cases(seed=5):
    """Sure predictions (one-hot) first, all right then all wrong; then random
    softmax outputs for 10 classes, with labels."""
    sure = np.eye(10)[[3, 1, 4, 1, 5]]
    cases = [(np.array([3, 1, 4, 1, 5]), sure), (np.array([0, 0, 0, 0, 0]), sure)]
    rng = np.random.default_rng(seed)
    for n in (1, 4, 6, 40):
        logits = rng.normal(size=(n, 10)) * 3
        probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        cases.append((rng.integers(0, 10, n), probabilities))
    return cases


function_exercise(
    "5.4",
    "my_accuracy(labels, probabilities)",
    reference=accuracy,
    cases=_cases(),
    what="my_accuracy",
    mistakes=[
        (
            lambda labels, probabilities: int(np.sum(np.argmax(probabilities, axis=1) == labels)),
            "Divide by the number of images: accuracy is a fraction, not a count.",
        ),
        (
            lambda labels, probabilities: float(np.mean(np.max(probabilities, axis=1) == labels)),
            "Compare the *position* of the largest probability (np.argmax) with the label, not its value.",
        ),
        (
            lambda labels, probabilities: float(np.mean(np.max(probabilities, axis=1))),
            "That is the average confidence; accuracy counts the images whose most probable class is the true label.",
        ),
        (
            lambda labels, probabilities: 100 * float(np.mean(np.argmax(probabilities, axis=1) == labels)),
            "Give a fraction (0 to 1), as Keras prints it, not a percentage.",
        ),
        (
            lambda labels, probabilities: float(np.mean(np.argmax(probabilities) == np.asarray(labels))),
            "np.argmax without axis=1 finds the largest of all N x 10 numbers; give axis=1 for each image's class.",
        ),
    ],
)
