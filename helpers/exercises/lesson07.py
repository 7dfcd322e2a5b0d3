"""Answer key of lesson 7 (inside the network): the back of the book, read it after trying.

7.1 passes a gradient back through 2 x 2 max pooling, 7.2 is a receptive
field, 7.3 the weights' gradient of a tiny convolution by hand, 7.4 that
gradient as a function.
"""

import numpy as np

from .. import arithmetic, ops
from ._registry import function_exercise, matrix_exercise, number_exercise

# The map and dY of exercise 7.1 (the question prints them); the map is lesson 4's exercise map.
MAP = np.array([[1, 0, 2, 3], [4, 6, 6, 8], [3, 1, 1, 0], [1, 2, 2, 4]], dtype=float)
DY_POOL = np.array([[1, -2], [3, 5]], dtype=float)


def _spread(values):
    """Each of the four 2x2 values copied over its whole window."""
    return np.kron(values, np.ones((2, 2)))


def _to_each_windows(pick):
    """dY sent to one cell per window, chosen by ``pick(window) -> flat index``."""
    dx = np.zeros_like(MAP)
    for i in range(2):
        for j in range(2):
            r, c = np.unravel_index(pick(MAP[2 * i : 2 * i + 2, 2 * j : 2 * j + 2]), (2, 2))
            dx[2 * i + r, 2 * j + c] = DY_POOL[i, j]
    return dx


matrix_exercise(
    "7.1",
    "the gradient through 2x2 max pooling",
    expected=ops.max_pool_backward(MAP, DY_POOL, 2),
    what="dX, the 4x4 gradient of the map",
    mistakes=[
        (
            _spread(DY_POOL) / 4,
            "That is average pooling's gradient: max pooling gives each window's dY to its winner only.",
        ),
        (_spread(DY_POOL), "Only the cell that won the window changed the output: the other three cells get 0."),
        (_to_each_windows(np.argmin), "The gradient goes to the window's largest number, not its smallest."),
        (
            _to_each_windows(lambda window: 0),
            "The gradient goes to the cell that held the window's maximum, not always to its top-left cell.",
        ),
        (
            (_to_each_windows(np.argmax) != 0).astype(float),
            "Each winner gets its window's dY value (1, -2, 3 or 5), not 1.",
        ),
        (
            ops.max_pool(MAP, 2),
            "dX has the shape of the 4x4 map, not of the pooled 2x2 map; and it holds gradients, not the maxima.",
        ),
    ],
    hint="In each 2x2 window find the largest number; that cell gets the window's dY value, the other three 0.",
)

# 7.2: conv 5x5, pool 2, conv 3x3, pool 2, conv 3x3 (all (kernel, stride)).
STACK = [(5, 1), (2, 2), (3, 1), (2, 2), (3, 1)]


def _field(stack, jump_of_this_layer=False, skip_pools=False):
    """The receptive field computed another way (the usual slips)."""
    size, jump = 1, 1
    for kernel, stride in stack:
        if skip_pools and stride > 1:
            continue
        if jump_of_this_layer:
            jump *= stride
            size += (kernel - 1) * jump
        else:
            size, jump = size + (kernel - 1) * jump, jump * stride
    return size


number_exercise(
    "7.2",
    "the receptive field of a five-layer stack",
    correct=arithmetic.receptive_field(STACK)[-1][0],
    what="the receptive field's width",
    mistakes=[
        (
            _field(STACK, skip_pools=True),
            "Pooling layers count too: a 2x2 window widens the field, and its stride doubles the jump.",
        ),
        (
            1 + sum(kernel - 1 for kernel, _ in STACK),
            "After a stride-2 layer, neighbouring units are 2 pixels apart: "
            "a later kernel of width F reaches (F - 1) x jump pixels further, not F - 1.",
        ),
        (
            sum(kernel for kernel, _ in STACK),
            "Adding the kernel sizes counts the shared centre pixel again at every layer, and ignores the strides.",
        ),
        (
            _field(STACK, jump_of_this_layer=True),
            "Use the jump of the layer below (before this layer's stride): "
            "a layer's stride spreads the layers above it, not its own kernel.",
        ),
    ],
    hint="Go layer by layer: size += (F - 1) x jump, then jump *= S (the stride); start with size 1, jump 1.",
)

# 7.3: a 3x3 input, a 2x2 kernel, dY (2x2).
X_SMALL = np.array([[1, 2, 0], [0, 1, 3], [2, 0, 1]], dtype=float)
DY_SMALL = np.array([[1, 0], [2, -1]], dtype=float)

matrix_exercise(
    "7.3",
    "dW of a tiny convolution by hand",
    expected=ops.correlate2d(X_SMALL, DY_SMALL),
    what="dW, the 2x2 gradient of the kernel",
    mistakes=[
        (
            ops.convolve2d(X_SMALL, DY_SMALL),
            "dY was turned 180 degrees: dW[u][v] adds x[i+u][j+v] * dY[i][j], "
            "dY's top-left value with each window's top-left cell.",
        ),
        (
            np.rot90(ops.correlate2d(X_SMALL, DY_SMALL), 2),
            "Right numbers, wrong places: dW[0][0] belongs to the kernel's "
            "top-left weight, which always sees the window's top-left cell.",
        ),
        (
            X_SMALL[:2, :2] * DY_SMALL,
            "That multiplies one window by dY cell by cell. dW[u][v] is a sum over all four "
            "output positions: x[i+u][j+v] * dY[i][j] for i, j in 0, 1.",
        ),
    ],
    hint="dW[u][v] = sum over i, j of x[i+u][j+v] * dY[i][j]: slide dY over x as a kernel and multiply-add.",
)


def _reference(x, dy):
    return ops.correlate2d(np.asarray(x, dtype=float), np.asarray(dy, dtype=float))


def _cases(seed=7):
    """The exercise's numbers (as lists, as a student types them), then random sizes:
    square and not, kernels 1 to 4 wide, and a kernel as big as the input."""
    rng = np.random.default_rng(seed)
    cases = [(X_SMALL.tolist(), DY_SMALL.tolist())]
    for h, w, f in [(4, 4, 3), (5, 7, 2), (6, 5, 4), (3, 3, 1), (4, 6, 3), (3, 3, 3)]:
        cases.append(
            (rng.integers(-5, 6, (h, w)).astype(float), rng.integers(-3, 4, (h - f + 1, w - f + 1)).astype(float))
        )
    return cases


function_exercise(
    "7.4",
    "my_weight_gradient(x, dy)",
    reference=_reference,
    cases=_cases(),
    what="my_weight_gradient",
    mistakes=[
        (
            lambda x, dy: ops.convolve2d(np.asarray(x, dtype=float), np.asarray(dy, dtype=float)),
            "dY is used turned 180 degrees (a convolution): dW[u, v] adds x[i + u, j + v] * dy[i, j], no flip.",
        ),
        (
            lambda x, dy: _reference(x, dy) / np.size(dy),
            "Add the products over the output positions; do not average them.",
        ),
        (
            lambda x, dy: _reference(x, dy)[:-1, :-1],
            "The output is H - F + 1 tall, so F = H - (dy's height) + 1: you dropped the + 1.",
        ),
        (
            lambda x, dy: (
                np.asarray(x, dtype=float)[
                    : np.shape(x)[0] - np.shape(dy)[0] + 1, : np.shape(x)[1] - np.shape(dy)[1] + 1
                ]
                * np.asarray(dy, dtype=float)[0, 0]
            ),
            "That is only the first output position's share: add x's window times dy[i, j] for every position (i, j).",
        ),
    ],
)
