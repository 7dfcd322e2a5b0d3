"""Fuzz specs for ``helpers.kernels`` (its constants need none)."""

from helpers import kernels
from tests.fuzz.engine import Spec, ints, reals

SPECS = [
    Spec(
        "kernels.oriented_bank",
        kernels.oriented_bank,
        lambda: dict(size=5, n_orientations=2, sigma=1.5),
        dict(size=ints(), n_orientations=ints(), sigma=reals()),
        examples=100,
    ),
]
