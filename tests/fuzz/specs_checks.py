"""Fuzz specs for ``helpers.checks``: a student's answer never raises; the teacher's arguments are checked."""

import numpy as np
from hypothesis import strategies as st

from helpers import checks, kernels, xo
from tests.fuzz.engine import ARITH, Spec, arrays, ints, reals

SPECS = [
    Spec(
        "checks.check_output_size",
        checks.check_output_size,
        lambda: dict(answer=7, w=32, f=5, p=0, s=4),
        dict(answer=st.one_of(ints(), reals()), w=ints(), f=ints(), p=ints(), s=ints()),
        aliases=ARITH,
        answers=("answer",),
        examples=120,
    ),
    Spec(
        "checks.check_matrix",
        checks.check_matrix,
        lambda: dict(answer=np.eye(3), expected=np.eye(3), what="the output"),
        dict(answer=arrays((0, 1, 2, 3)), expected=arrays((1, 2)), what=st.sampled_from(["x", None, 3])),
        answers=("answer", "what"),
        examples=120,
    ),
    Spec(
        "checks.check_horizontal_edge_kernel",
        checks.check_horizontal_edge_kernel,
        lambda: dict(kernel=kernels.HORIZONTAL_EDGE),
        dict(kernel=arrays(2, max_side=9, exact=(3, 3))),
        answers=("kernel",),
        examples=100,
    ),
    Spec(
        "checks.check_blur_kernel",
        checks.check_blur_kernel,
        lambda: dict(kernel=kernels.BOX_3X3),
        dict(kernel=arrays(2, max_side=9, exact=(3, 3))),
        answers=("kernel",),
        examples=100,
    ),
    Spec(
        "checks.check_number",
        checks.check_number,
        lambda: dict(answer=1.5, correct=1.5, what="the sum", tolerance=1e-6),
        dict(answer=reals(), correct=reals(), what=st.sampled_from(["x", None, 3]), tolerance=reals()),
        answers=("answer", "what"),
        examples=120,
    ),
    Spec(
        "checks.check_xo_feature",
        checks.check_xo_feature,
        lambda: dict(kernel=xo.O[1:4, 1:4]),
        dict(kernel=arrays(2, max_side=5, exact=(3, 3))),
        answers=("kernel",),
        examples=100,
    ),
    Spec(
        "checks.check_function",
        checks.check_function,
        lambda: dict(function=lambda x: 2 * x, reference=lambda x: 2 * x, cases=[(1,), (2.5,)], what="double"),
        dict(
            function=st.sampled_from(
                [None, lambda x: x, lambda x: 1 / 0, lambda *a: "abc", lambda x: [x, x], 5, "f", print]
            ),
            reference=st.sampled_from([lambda x: 2 * x, None, 5, "f", lambda: 1]),
            cases=st.sampled_from([[], 5, "ab", [1, 2], [(1,), 3], None, [(1, 2)], [()], ((1,),), [[1]]]),
            what=st.sampled_from(["x", None, 3]),
        ),
        answers=("function", "what"),
        examples=100,
    ),
]
