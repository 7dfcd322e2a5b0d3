"""Fuzz specs for ``helpers.arithmetic``: the sizes, paddings and parameter counts.

The formulas share their parameters' names, so one table holds them: a row is
the function's name, the call, a good value per parameter and the examples.
Each parameter is fuzzed by its name's strategy (``FUZZ_BY_NAME``: the sizes
get ``ints()``), and ``p``/``s`` may also be named "padding"/"stride".
"""

from functools import partial

from hypothesis import strategies as st

from helpers import arithmetic
from tests.fuzz.engine import ARITH, Spec, bools, ints, paddings

FUZZ_BY_NAME = {"strict": bools, "bias": bools, "padding": paddings}  # any other parameter: ints

ROWS = [
    ("output_size", arithmetic.output_size, dict(w=32, f=5, p=2, s=1, strict=False), 200),
    ("output_size(strict=True)", partial(arithmetic.output_size, strict=True), dict(w=32, f=5, p=2, s=1), 200),
    ("fitting_paddings", arithmetic.fitting_paddings, dict(w=32, f=5, s=2), 150),
    ("fitting_strides", arithmetic.fitting_strides, dict(w=32, f=5, p=1), 150),
    ("keras_output_size", arithmetic.keras_output_size, dict(w=28, f=3, s=2, padding="same"), 150),
    ("same_padding", arithmetic.same_padding, dict(w=28, f=3, s=2), 150),
    ("padding_amounts", arithmetic.padding_amounts, dict(w=28, f=3, s=2, padding="same"), 150),
    ("conv_params", arithmetic.conv_params, dict(f=3, d_in=3, k=16, bias=True), 150),
    ("dense_params", arithmetic.dense_params, dict(n_in=576, n_out=64, bias=True), 150),
]


def formula_spec(name, function, good, examples):
    fuzz = {parameter: FUZZ_BY_NAME.get(parameter, ints)() for parameter in good}
    return Spec(f"arithmetic.{name}", function, lambda: dict(good), fuzz, aliases=ARITH, examples=examples)


SPECS = [
    Spec(
        "arithmetic.receptive_field",
        arithmetic.receptive_field,
        lambda: dict(layers=[(3, 1), (2, 2)]),
        dict(
            layers=st.one_of(
                st.lists(st.tuples(ints(), ints()), max_size=4),
                st.sampled_from([None, "3x3", 3, [(3,)], [(3, 1, 1)], [[3.5, 1]], [(True, 1)], [(3, -1)]]),
            )
        ),
        aliases={"layers": ("layers", "kernel", "stride")},
    ),
    *(formula_spec(*row) for row in ROWS),
]
