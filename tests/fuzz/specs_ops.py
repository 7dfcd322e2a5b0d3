"""Fuzz specs for ``helpers.ops``: the window operations, vectorised.

The builders (``correlate_spec``, ``conv2d_spec``, ...) give one operation's
parameters and good values; ``specs_loops.py`` reuses them for the same
operations written as plain loops.
"""

import numpy as np
from hypothesis import strategies as st

from helpers import ops
from tests.fuzz.engine import IMAGE_ALIASES, SIZE_ALIASES, X_ALIASES, Spec, array_only, arrays, ints, paddings


def correlate_spec(name, function):
    return Spec(
        name,
        function,
        lambda: dict(image=np.ones((6, 6)), kernel=np.ones((3, 3)), stride=1, padding=0),
        dict(image=arrays(2, max_side=7), kernel=arrays(2, max_side=5), stride=ints(), padding=paddings()),
        aliases={"image": IMAGE_ALIASES},
        examples=120,
    )


def conv2d_spec(name, function, examples=120):
    return Spec(
        name,
        function,
        lambda: dict(x=np.ones((2, 5, 5, 2)), w=np.ones((3, 3, 2, 3)), b=np.zeros(3), stride=1, padding="valid"),
        dict(
            x=arrays(4, max_side=5),
            w=arrays(4, max_side=3),
            b=st.one_of(st.none(), arrays(1, max_side=4)),
            stride=ints(),
            padding=paddings(),
        ),
        aliases={"x": X_ALIASES, "w": ("w", "kernel", "filters"), "b": ("b", "bias")},
        examples=examples,
    )


def pool_spec(name, function, examples=120):
    return Spec(
        name,
        function,
        lambda: dict(x=np.arange(36.0).reshape(6, 6), size=2, stride=None, padding="valid"),
        dict(x=arrays((2, 4), max_side=6), size=ints(), stride=st.one_of(st.none(), ints()), padding=paddings()),
        aliases={"x": X_ALIASES, "size": SIZE_ALIASES},
        examples=examples,
    )


def conv2d_backward_spec(name, function, examples=80):
    # dy's shape follows from x, w, stride and padding: a fuzzed one of those
    # may be refused as a dy of the wrong shape, which names dy
    return Spec(
        name,
        function,
        lambda: dict(
            x=np.ones((2, 5, 5, 2)), w=np.ones((3, 3, 2, 3)), dy=np.ones((2, 3, 3, 3)), stride=1, padding="valid"
        ),
        dict(
            x=arrays(4, max_side=5),
            w=arrays(4, max_side=3),
            dy=arrays(4, max_side=4),
            stride=ints(),
            padding=paddings(),
        ),
        aliases={
            "x": X_ALIASES + ("dy",),
            "w": ("w", "kernel", "filters", "dy"),
            "stride": ("stride", "dy"),
            "padding": ("padding", "dy"),
        },
        examples=examples,
    )


def pool_backward_spec(name, function, examples=80):
    return Spec(
        name,
        function,
        lambda: dict(x=np.arange(36.0).reshape(6, 6), dy=np.ones((3, 3)), size=2, stride=None, padding="valid"),
        dict(
            x=arrays((2, 4), max_side=6),
            dy=arrays((2, 4), max_side=4),
            size=ints(),
            stride=st.one_of(st.none(), ints()),
            padding=paddings(),
        ),
        aliases={
            "x": X_ALIASES + ("dy",),
            "size": SIZE_ALIASES + ("dy",),
            "stride": ("stride", "dy"),
            "padding": ("padding", "dy"),
        },
        examples=examples,
    )


SPECS = [
    correlate_spec("ops.correlate2d", ops.correlate2d),
    correlate_spec("ops.convolve2d", ops.convolve2d),
    conv2d_spec("ops.conv2d", ops.conv2d),
    conv2d_backward_spec("ops.conv2d_backward", ops.conv2d_backward),
    pool_backward_spec("ops.max_pool_backward", ops.max_pool_backward),
    pool_backward_spec("ops.avg_pool_backward", ops.avg_pool_backward),
    pool_spec("ops.max_pool", ops.max_pool),
    pool_spec("ops.avg_pool", ops.avg_pool),
    pool_spec("ops.l2_pool", ops.l2_pool),
    array_only("ops.global_max_pool", ops.global_max_pool, (2, 4)),
    array_only("ops.global_avg_pool", ops.global_avg_pool, (2, 4)),
]
