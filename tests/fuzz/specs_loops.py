"""Fuzz specs for ``helpers.loops``: the window operations as plain loops
(the builders are ``specs_ops.py``'s; fewer examples, the loops are slow)."""

import numpy as np

from helpers import loops
from tests.fuzz.engine import Spec, arrays, ints, reals
from tests.fuzz.specs_ops import conv2d_backward_spec, conv2d_spec, correlate_spec, pool_backward_spec, pool_spec

SPECS = [
    conv2d_backward_spec("loops.conv2d_backward", loops.conv2d_backward, examples=40),
    pool_backward_spec("loops.max_pool_backward", loops.max_pool_backward, examples=60),
    correlate_spec("loops.correlate2d", loops.correlate2d),
    conv2d_spec("loops.conv2d", loops.conv2d, examples=60),
    pool_spec("loops.max_pool", loops.max_pool, examples=80),
    pool_spec("loops.avg_pool", loops.avg_pool, examples=80),
    Spec(
        "loops.pad_with_zeros",
        loops.pad_with_zeros,
        lambda: dict(image=np.ones((3, 4)), top=1, bottom=0, left=2, right=1, value=0.0),
        dict(image=arrays(2), top=ints(), bottom=ints(), left=ints(), right=ints(), value=reals()),
        examples=100,
    ),
]
