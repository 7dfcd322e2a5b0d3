"""Answer key of lesson 4 (pooling): the back of the book, read it after trying.

4.1 and 4.2 pool a 4 x 4 map by hand (2 x 2 windows, stride 2), 4.3 writes
max pooling as a function.
"""

import numpy as np

from .. import ops
from ._registry import function_exercise, matrix_exercise

# The map of exercises 4.1 and 4.2 (the question prints it).
MAP = np.array([[1, 0, 2, 3], [4, 6, 6, 8], [3, 1, 1, 0], [1, 2, 2, 4]])


def _running_max_from_zero(block):
    """The classic loop slip: a running maximum that starts at 0."""
    best = 0
    for value in np.ravel(block):
        best = max(best, value)
    return best


def _pool(reduce, stride=None, keep_partial=False):
    """Pooling done another way (the usual slips): another reduction, another stride, or partial windows kept."""

    def pool(feature_map, size):
        values = np.asarray(feature_map, dtype=float)
        step = stride or size
        last = values.shape[0] if keep_partial else values.shape[0] - size + 1
        last_col = values.shape[1] if keep_partial else values.shape[1] - size + 1
        return np.array(
            [
                [reduce(values[i : i + size, j : j + size]) for j in range(0, last_col, step)]
                for i in range(0, last, step)
            ]
        )

    return pool


matrix_exercise(
    "4.1",
    "max pooling a 4x4 map by hand",
    expected=ops.max_pool(MAP, 2),
    what="the 2x2 max-pooled map",
    mistakes=[
        (_pool(np.sum)(MAP, 2), "Max, not sum: keep the largest number of each window."),
        (_pool(np.mean)(MAP, 2), "Max, not average: keep the largest number of each window."),
        (_pool(np.min)(MAP, 2), "Keep the largest number of each window, not the smallest."),
        (_pool(np.max, stride=1)(MAP, 2), "Stride 2: the windows do not overlap, so a 4x4 map gives 2x2."),
    ],
    hint="Cut the map into four 2x2 blocks and keep each block's largest number.",
)

matrix_exercise(
    "4.2",
    "average pooling the same map by hand",
    expected=ops.avg_pool(MAP, 2),
    what="the 2x2 average-pooled map",
    mistakes=[
        (_pool(np.sum)(MAP, 2), "Divide each window's sum by its 4 cells: average, not sum."),
        (_pool(np.max)(MAP, 2), "Average, not max: add the window's 4 numbers and divide by 4."),
        (_pool(np.mean, stride=1)(MAP, 2), "Stride 2: the windows do not overlap, so a 4x4 map gives 2x2."),
        (_pool(lambda block: block.sum() // 4)(MAP, 2), "Divide with /, not //: an average can be a fraction."),
    ],
    hint="Cut the map into four 2x2 blocks; each output is its block's sum divided by 4.",
)


def _reference(feature_map, size):
    return ops.max_pool(np.asarray(feature_map, dtype=float), size)


def _cases(seed=4):
    """The map above (as a list of lists, as a student types it), a map of negative
    numbers, then random maps, some whose size the window does not divide."""
    rng = np.random.default_rng(seed)
    cases = [(MAP.tolist(), 2), (MAP - 10, 2)]
    for height, width, size in [(6, 6, 2), (5, 5, 2), (6, 9, 3), (7, 4, 2), (4, 4, 4)]:
        cases.append((rng.integers(-9, 10, (height, width)), size))
    return cases


function_exercise(
    "4.3",
    "my_max_pool(feature_map, size)",
    reference=_reference,
    cases=_cases(),
    what="my_max_pool",
    mistakes=[
        (_pool(np.max, stride=1), "Move the window by `size` cells (stride = size), not by 1."),
        (
            _pool(np.max, keep_partial=True),
            "Drop the incomplete windows at the right and bottom edges: a 5x5 map with size 2 gives 2x2.",
        ),
        (_pool(np.sum), "Max, not sum: keep the largest number of each window."),
        (_pool(np.mean), "Max, not average: keep the largest number of each window."),
        (
            _pool(_running_max_from_zero),
            "Start each window's running maximum at its first value (or use max()), not at 0: "
            "a window of negative numbers has a negative maximum.",
        ),
    ],
)
