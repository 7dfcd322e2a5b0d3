"""Answer key of lesson 0 (start here): the back of the book, read it after trying.

0.1 and 0.3 are output sizes, 0.2 the slide's image through the identity
kernel by hand, 0.4 the sliding multiply-and-add written as a loop.
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
    "0.2", "the slide's image through the identity kernel, by hand",
    expected=ops.correlate2d(SLIDE_IMAGE, IDENTITY), what="the 3x3 output",
    mistakes=[
        (SLIDE_IMAGE[0:3, 0:3], "The identity copies the pixel under the kernel's *centre*: "
                                "the first output is the centre of the top-left patch, not its corner."),
        (SLIDE_IMAGE, "Only positions where the whole kernel fits count: a 3x3 kernel fits a 5x5 "
                      "image at 3x3 positions, so the border pixels have no output of their own."),
        (ops.correlate2d(SLIDE_IMAGE, SLIDE_KERNEL), "That is the output of the slide's kernel; use the identity kernel."),
    ],
    hint="At each stop eight weights are 0 and the centre weight is 1: the sum is the pixel under the centre.",
)

size_exercise("0.3", "the 5x5 image padded with one ring of zeros", w=5, f=3, p=1)


def _cases(seed=0):
    """The slide's example, then random small images and kernels (seeded: the same every run)."""
    rng = np.random.default_rng(seed)
    cases = [(SLIDE_IMAGE, SLIDE_KERNEL)]
    for height, width, size in [(4, 4, 2), (5, 7, 3), (6, 4, 3), (3, 3, 3), (4, 6, 1)]:
        cases.append((rng.integers(-3, 4, (height, width)), rng.integers(-2, 3, (size, size))))
    return cases


def _flipped(image, kernel):
    return ops.correlate2d(image, np.rot90(kernel, 2))


def _zero_padded(image, kernel):
    return ops.correlate2d(image, kernel, padding="same")


def _swapped(image, kernel):
    return ops.correlate2d(np.asarray(image).T, np.asarray(kernel).T)


function_exercise(
    "0.4", "my_correlate2d(image, kernel), a loop", reference=ops.correlate2d, cases=_cases(),
    what="my_correlate2d",
    mistakes=[
        (_flipped, "You flipped the kernel (that is convolution): a CNN layer slides it as it is."),
        (_zero_padded, "Keep only the positions where the whole kernel fits (no padding): "
                       "the output is (H - F + 1) x (W - F + 1)."),
        (_swapped, "Rows and columns are swapped: output[i, j] is the sum over image[i:i+F, j:j+F] * kernel."),
    ],
)

