"""Fuzz specs for ``helpers.activations``: an array ``x`` and at most one number."""

import numpy as np

from helpers import activations
from tests.fuzz.engine import Spec, array_only, arrays, ints, reals

SPECS = [
    array_only("activations.relu", activations.relu, (0, 1, 2, 3)),
    array_only("activations.sigmoid", activations.sigmoid, (0, 1, 2, 3)),
    array_only("activations.tanh", activations.tanh, (0, 1, 2, 3)),
    Spec(
        "activations.leaky_relu",
        activations.leaky_relu,
        lambda: dict(x=np.linspace(-2, 2, 5), alpha=0.1),
        dict(x=arrays((0, 1, 2)), alpha=reals()),
        examples=100,
    ),
    Spec(
        "activations.elu",
        activations.elu,
        lambda: dict(x=np.linspace(-2, 2, 5), alpha=1.0),
        dict(x=arrays((0, 1, 2)), alpha=reals()),
        examples=100,
    ),
    Spec(
        "activations.softmax",
        activations.softmax,
        lambda: dict(x=np.linspace(-2, 2, 6).reshape(2, 3), axis=-1),
        dict(x=arrays((0, 1, 2, 3)), axis=ints()),
        examples=100,
    ),
]
