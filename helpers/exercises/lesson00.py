"""Answer key of lesson 0 (start here): the back of the book, read it after trying.

0.1 and 0.3 are output sizes, 0.2 the slide's image through the identity
kernel by hand, 0.4 the lesson's loop made general: any sizes, any stride.
"""

import numpy as np

from .. import ops
from ._registry import function_exercise, matrix_exercise, size_exercise

# The slides' 5 x 5 image and 3 x 3 kernel, as in the lesson.
SLIDE_IMAGE = np.array([[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]])
SLIDE_KERNEL = np.array([[0, 1, 2], [2, 2, 0], [0, 1, 2]])
IDENTITY = np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]])

size_exercise("0.1", "a 3x3 kernel on a 28x28 MNIST digit", w=28, f=3)

matrix_exercise(
    "0.2",
    "the slide's image through the identity kernel, by hand",
    expected=ops.correlate2d(SLIDE_IMAGE, IDENTITY),
    what="the 3x3 output",
    mistakes=[
        (
            SLIDE_IMAGE[0:3, 0:3],
            "The identity copies the pixel under the kernel's *centre*: "
            "the first output is the centre of the top-left patch, not its corner.",
        ),
        (
            SLIDE_IMAGE,
            "Only positions where the whole kernel fits count: a 3x3 kernel fits a 5x5 "
            "image at 3x3 positions, so the border pixels have no output of their own.",
        ),
        (
            ops.correlate2d(SLIDE_IMAGE, SLIDE_KERNEL),
            "That is the output of the slide's kernel; use the identity kernel.",
        ),
    ],
    hint="At each stop eight weights are 0 and the centre weight is 1: the sum is the pixel under the centre.",
)

size_exercise("0.3", "the 5x5 image padded with one ring of zeros", w=5, f=3, p=1)


def _reference(image, kernel, stride):
    return ops.correlate2d(image, kernel, stride=stride)


def _cases(seed=0):
    """The slide's example at stride 1 and 2, then random small images and kernels
    (seeded: the same every run), some where the stride does not divide."""
    rng = np.random.default_rng(seed)
    cases = [(SLIDE_IMAGE, SLIDE_KERNEL, 1), (SLIDE_IMAGE, SLIDE_KERNEL, 2)]
    for height, width, size, stride in [
        (4, 4, 2, 1),
        (5, 7, 3, 2),
        (7, 6, 3, 2),
        (8, 8, 2, 3),
        (6, 4, 3, 1),
        (4, 6, 1, 2),
    ]:
        cases.append((rng.integers(-3, 4, (height, width)), rng.integers(-2, 3, (size, size)), stride))
    return cases


def _stride_ignored(image, kernel, stride):
    return ops.correlate2d(image, kernel)


def _flipped(image, kernel, stride):
    return ops.correlate2d(image, np.rot90(kernel, 2), stride=stride)


def _zero_padded(image, kernel, stride):
    return ops.correlate2d(image, kernel, stride=stride, padding="same")


def _no_plus_one(image, kernel, stride):
    return ops.correlate2d(image, kernel, stride=stride)[:-1, :-1]


def _swapped(image, kernel, stride):
    return ops.correlate2d(np.asarray(image).T, np.asarray(kernel).T, stride=stride)


function_exercise(
    "0.4",
    "my_correlate2d(image, kernel, stride), a loop",
    reference=_reference,
    cases=_cases(),
    what="my_correlate2d",
    mistakes=[
        (
            _stride_ignored,
            "Use the stride: the window of output (i, j) starts at row i * S and column j * S, "
            "and there are (H - F) // S + 1 rows.",
        ),
        (_flipped, "You flipped the kernel (that is convolution): a CNN layer slides it as it is."),
        (_zero_padded, "Keep only the positions where the whole kernel fits (no padding)."),
        (_no_plus_one, "One row and one column short: there are (H - F) // S + 1 rows, the + 1 is the first position."),
        (_swapped, "Rows and columns are swapped: output[i, j] uses the window at row i * S, column j * S."),
    ],
)
