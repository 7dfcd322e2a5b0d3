"""Answer key of lesson 1 (edge kernels): the back of the book, read it after trying.

1.1 and 1.2 are design exercises (any correct kernel passes; 1.1 asks for a
horizontal-edge kernel that averages along the edge, like Prewitt's), 1.3 turns a
textbook's convolution kernel into a correlation kernel, 1.4 writes a true
convolution with ``ops.correlate2d``.
"""

import contextlib
import io

import numpy as np

from .. import checks, kernels, ops
from ._registry import Exercise, function_exercise, matrix_exercise

TEXTBOOK_KERNEL = np.array([[1, 2, 0], [0, 0, 0], [0, 0, -3]])


def noise_per_edge(k):
    """Noise a kernel leaves on a random image (spread 1), per unit of its answer to a horizontal step of 1."""
    _flat, horizontal, _vertical = checks._step_images()
    noise = np.random.default_rng(0).normal(size=(60, 60))
    edge = np.abs(ops.correlate2d(horizontal / 255.0, k)).max()
    return ops.correlate2d(noise, k).std() / edge


def check_averaging_horizontal_kernel(kernel):
    """Exercise 1.1: a horizontal-edge kernel that averages along the edge, so noise counts a third less than for h_y."""
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        finds_edges = checks.check_horizontal_edge_kernel(kernel)
    if finds_edges is not True:  # blank, not a kernel, or not a horizontal-edge kernel: say what that check says
        print(said.getvalue(), end="")
        return finds_edges
    k = np.asarray(kernel, dtype=float)
    if k.shape == (3, 3) and np.allclose(np.abs(k) / np.abs(k).max(), np.abs(kernels.HORIZONTAL_EDGE)):
        return checks._verdict(
            False,
            "That is h_y from section 2: it finds horizontal edges but looks at one column only, "
            "so it is as noisy as h_y. Give all three columns the same job.",
        )
    if np.any(np.all(k == 0, axis=0)):
        return checks._verdict(
            False,
            "One column of your kernel is all zeros: use all three columns, so the kernel averages along the edge.",
        )
    if noise_per_edge(k) > (2 / 3) * noise_per_edge(kernels.HORIZONTAL_EDGE):
        return checks._verdict(
            False,
            "It finds horizontal edges, but noise counts nearly as much as for h_y (the check wants at least a "
            "third less): every weight adds noise, so every weight should also add to the answer at a step "
            "from dark to bright.",
        )
    return checks._verdict(
        True, "It finds horizontal edges, ignores vertical edges and flat areas, and averages out noise."
    )


Exercise(
    "1.1",
    "a horizontal-edge kernel that averages across its columns",
    check_averaging_horizontal_kernel,
    wrong=[
        (kernels.HORIZONTAL_EDGE, "That is h_y"),
        ([[0, 0, 0], [-1, -1, 0], [1, 1, 0]], "all zeros"),
        ([[-1, -1, -1], [2, 2, 2], [-1, -1, -1]], "every weight adds noise"),
        ([[1, 1, 1], [0, 0, 0], [0, 0, 0]], "flat grey area"),
        ([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], "responds to vertical edges"),
        (np.zeros((3, 3)), "gives 0 on a horizontal edge"),
        ([[1, 2], [3, 4]], "square kernel of odd size"),
        ("edges", "grid of numbers"),
    ],
    right=[
        [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
        [[0, 0, 0], [-1, -1, -1], [1, 1, 1]],
        [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
        np.array([[-1, -1, -1], [0, 0, 0], [1, 1, 1]]) / 3,
        [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
    ],
)

Exercise(
    "1.2",
    "a blur that keeps the brightness (not the box filter)",
    lambda kernel: checks.check_blur_kernel(kernel, box_allowed=False),
    wrong=[
        (kernels.BOX_3X3, "box filter"),
        ([[1, 2, 1], [2, 4, 2], [1, 2, 1]], "add up to 16"),
        ([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], "Negative weights"),
        ([[0, 0, 0], [0, 1, 0], [0, 0, 0]], "hardly smooths"),
    ],
    right=[np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16, np.array([[0, 1, 0], [1, 4, 1], [0, 1, 0]]) / 8],
)

matrix_exercise(
    "1.3",
    "the correlation kernel for a textbook's convolution kernel",
    expected=np.rot90(TEXTBOOK_KERNEL, 2),
    what="the 3x3 kernel",
    mistakes=[
        (
            TEXTBOOK_KERNEL,
            "That is the textbook's kernel unchanged: convolution flips the kernel, "
            "so the correlation kernel is the flipped one.",
        ),
        (
            np.flipud(TEXTBOOK_KERNEL),
            "You flipped the rows only: the flip is a 180-degree rotation, rows *and* columns.",
        ),
        (
            np.fliplr(TEXTBOOK_KERNEL),
            "You flipped the columns only: the flip is a 180-degree rotation, rows *and* columns.",
        ),
        (TEXTBOOK_KERNEL.T, "A transpose mirrors across the diagonal; the flip is a 180-degree rotation."),
        (np.rot90(TEXTBOOK_KERNEL), "That turns the kernel by 90 degrees (anticlockwise); the flip is 180 degrees."),
        (np.rot90(TEXTBOOK_KERNEL, -1), "That turns the kernel by 90 degrees (clockwise); the flip is 180 degrees."),
    ],
    hint="Rotate the kernel by 180 degrees: the top-left weight goes to the bottom-right.",
)


def _cases(seed=1):
    rng = np.random.default_rng(seed)
    cases = [(rng.integers(0, 10, (5, 5)), TEXTBOOK_KERNEL)]
    for height, width, size in [(6, 6, 3), (5, 8, 3), (4, 4, 2), (7, 5, 3)]:
        cases.append((rng.integers(0, 10, (height, width)), rng.integers(-3, 4, (size, size))))
    return cases


function_exercise(
    "1.4",
    "my_convolve2d(image, kernel) with ops.correlate2d",
    reference=ops.convolve2d,
    cases=_cases(),
    what="my_convolve2d",
    mistakes=[
        (ops.correlate2d, "That is correlation: convolution flips the kernel first."),
        (
            lambda image, kernel: ops.correlate2d(image, np.flipud(kernel)),
            "You flipped the rows only: flip rows *and* columns (a 180-degree rotation).",
        ),
        (
            lambda image, kernel: ops.correlate2d(image, np.fliplr(kernel)),
            "You flipped the columns only: flip rows *and* columns (a 180-degree rotation).",
        ),
        (
            lambda image, kernel: ops.correlate2d(image, np.asarray(kernel).T),
            "A transpose is not the flip: rotate the kernel by 180 degrees.",
        ),
        (
            lambda image, kernel: ops.correlate2d(image, np.rot90(kernel)),
            "np.rot90(kernel) turns by 90 degrees; np.rot90(kernel, 2) turns by 180.",
        ),
    ],
)
