"""Fuzz specs for ``helpers.xo``: the X/O pictures, their features and the votes."""

import numpy as np
from hypothesis import strategies as st

from helpers import xo
from tests.fuzz.engine import IMAGE_ALIASES, Spec, arrays, bools, ints, reals, texts

SPECS = [
    Spec(
        "xo.match",
        xo.match,
        lambda: dict(patch=np.ones((3, 3)), feature=-np.ones((3, 3))),
        dict(patch=arrays(2, exact=(3, 3)), feature=arrays(2, exact=(3, 3))),
        examples=100,
    ),
    Spec(
        "xo.feature_maps",
        xo.feature_maps,
        lambda: dict(image=xo.O, features=xo.FEATURES),
        dict(image=arrays(2, max_side=9, exact=(9, 9)), features=arrays(3, exact=(2, 3, 3))),
        aliases={"image": IMAGE_ALIASES, "features": ("features", "feature")},
        examples=80,
    ),
    Spec(
        "xo.pooled_features",
        xo.pooled_features,
        lambda: dict(image=xo.O, features=xo.FEATURES),
        dict(image=arrays(2, max_side=9, exact=(9, 9)), features=arrays(3, exact=(2, 3, 3))),
        aliases={"image": IMAGE_ALIASES, "features": ("features", "feature")},
        examples=80,
    ),
    Spec("xo.vote", xo.vote, lambda: dict(image=xo.X), dict(image=arrays(2, max_side=9, exact=(9, 9))), examples=60),
    Spec(
        "xo.classify",
        xo.classify,
        lambda: dict(image=xo.O),
        dict(image=arrays(2, max_side=9, exact=(9, 9))),
        examples=60,
    ),
    Spec(
        "xo.draw",
        xo.draw,
        lambda: dict(
            label="X", shift=(0, 1), scale=1.0, angle=10.0, thicken=False, flips=2, rng=np.random.default_rng(0)
        ),
        dict(
            label=texts("X", "O"),
            shift=st.one_of(
                st.tuples(ints(), ints()),
                st.tuples(reals(), reals()),
                st.sampled_from([(1,), (1, 2, 3), "ab", None, 5, np.array([[1, 2]]), [0, 1]]),
            ),
            scale=reals(),
            angle=reals(),
            thicken=bools(),
            flips=ints(),
            rng=st.one_of(
                st.builds(np.random.default_rng, st.integers(0, 9)), st.sampled_from([None, 5, "rng", np.random])
            ),
        ),
        examples=100,
    ),
    Spec("xo.tricky_cases", xo.tricky_cases, lambda: dict(seed=1), dict(seed=ints()), examples=40),
    Spec(
        "xo.random_variants",
        xo.random_variants,
        lambda: dict(n=4, seed=0, max_shift=1, scale_range=(0.8, 1.2), max_angle=20, p_thick=0.3, max_flips=3),
        dict(
            n=ints(),
            seed=ints(),
            max_shift=ints(),
            scale_range=st.one_of(
                st.tuples(reals(), reals()), st.sampled_from([(1.0,), (0.5, 1.0, 2.0), None, 1.0, "ab"])
            ),
            max_angle=reals(),
            p_thick=reals(),
            max_flips=ints(),
        ),
        examples=100,
    ),
]
