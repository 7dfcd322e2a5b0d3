"""helpers.arithmetic (also reachable as helpers.ops.*): slide numbers and Keras agreement."""

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from helpers import arithmetic, ops
from helpers.arithmetic import output_size, same_padding


def test_slide_output_sizes():
    assert ops.output_size(32, 5, 2, 1) == 32  # 32x32x3, 5x5 filters, pad 2, stride 1
    assert ops.output_size(32, 5, 2, 2) == 16  # (32 - 5 + 4)/2 + 1 = 16.5, floored
    assert ops.output_size(7, 3) == 5  # 7x7 input, 3x3 filter: 5 positions
    assert ops.output_size(7, 3, s=2) == 3
    assert ops.output_size(5, 3, p=1) == 5  # zero padding keeps the size


def test_strict_rejects_a_non_integer_and_says_what_fits():
    with pytest.raises(ValueError) as info:
        ops.output_size(32, 5, 2, 2, strict=True)
    message = str(info.value)
    assert "31/2 = 15.5 is not an integer" in message
    assert "no padding P fits" in message  # 27 + 2P is always odd
    assert "these strides S fit: 1, 31." in message


def test_strict_suggests_paddings_that_fit():
    # W=32, F=5, S=3: 27 + 2P is divisible by 3 for P = 0 and P = 3 (P < F).
    with pytest.raises(ValueError, match=r"these paddings P fit: 0, 3\."):
        ops.output_size(32, 5, 1, 3, strict=True)
    assert ops.output_size(32, 5, 0, 3, strict=True) == 10
    assert ops.output_size(32, 5, 3, 3, strict=True) == 12


def test_slide_parameter_counts():
    assert ops.conv_params(5, 3, 10) == 760  # 10 filters of 5*5*3 + 1 = 76
    assert ops.conv_params(5, 3, 1) == 76
    assert ops.conv_params(3, 1, 32) == 320
    assert ops.conv_params(3, 32, 64) == 18_496
    assert ops.dense_params(576, 64) == 36_928
    assert ops.conv_params(3, 1, 25) == 250  # 25 3x3 filters on a grey image
    assert ops.conv_params(3, 25, 50) == 11_300
    assert ops.conv_params(3, 1, 32, bias=False) == 288
    assert ops.dense_params(784, 30) + ops.dense_params(30, 10) == 23_860


def test_same_padding_matches_the_ceil_rule():
    assert same_padding(5, 3, 1) == (1, 1)
    assert same_padding(7, 2, 2) == (0, 1)  # odd total: the extra zero goes after
    assert same_padding(8, 1, 2) == (0, 0)


@given(st.integers(1, 40), st.integers(1, 7), st.integers(1, 4), st.sampled_from(["valid", "same"]))
def test_output_size_matches_keras_conv2d(keras, w, f, s, padding):
    assume(padding == "same" or f <= w)
    layer = keras.layers.Conv2D(2, f, strides=s, padding=padding)
    shape = layer.compute_output_shape((1, w, w, 3))
    if padding == "valid":
        expected = output_size(w, f, 0, s)
    else:
        expected = math.ceil(w / s)
        before, after = same_padding(w, f, s)
        assert (w - f + before + after) // s + 1 == expected
    assert shape[1] == shape[2] == expected


@pytest.mark.parametrize("f, d_in, k", [(3, 1, 32), (3, 32, 64), (5, 3, 10), (1, 64, 32)])
def test_conv_params_match_keras(keras, f, d_in, k):
    layer = keras.layers.Conv2D(k, f)
    layer.build((None, 8, 8, d_in))
    assert layer.count_params() == ops.conv_params(f, d_in, k)
    no_bias = keras.layers.Conv2D(k, f, use_bias=False)
    no_bias.build((None, 8, 8, d_in))
    assert no_bias.count_params() == ops.conv_params(f, d_in, k, bias=False)


def test_dense_params_match_keras(keras):
    layer = keras.layers.Dense(64)
    layer.build((None, 576))
    assert layer.count_params() == ops.dense_params(576, 64)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: output_size(4, 5), ValueError, "f (filter size F=5) is larger than the padded input"),
        (lambda: output_size(32, 5, -1), ValueError, "p (padding P) must be >= 0"),
        (lambda: output_size(32, 5, 0, 0), ValueError, "s (stride S) must be >= 1"),
        (lambda: output_size(32.0, 5), TypeError, "w (input size W) must be an integer"),
        (lambda: output_size(0, 1), ValueError, "w (input size W) must be >= 1"),
        (lambda: output_size(32, 5, strict="yes"), TypeError, "strict must be True or False"),
        (lambda: ops.conv_params(3, 0, 4), ValueError, "d_in (input depth D1) must be >= 1"),
        (lambda: ops.conv_params("3", 1, 4), TypeError, "f (filter size F) must be an integer"),
        (lambda: ops.dense_params(10, -2), ValueError, "n_out (outputs) must be >= 1"),
        (lambda: ops.dense_params(10, 2, bias=1), TypeError, "bias must be True or False"),
    ],
)
def test_bad_arithmetic_input(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)


def test_fitting_paddings_and_strides():
    assert ops.fitting_paddings(32, 5, 2) == []  # 27 + 2P is always odd
    assert ops.fitting_paddings(32, 5, 3) == [0, 3]
    assert ops.fitting_paddings(33, 5, 2) == [0, 1, 2, 3, 4]
    assert ops.fitting_strides(32, 5, 2) == [1, 31]
    assert ops.fitting_strides(7, 3, 0) == [1, 2, 4]
    for p in ops.fitting_paddings(28, 5, 3):
        ops.output_size(28, 5, p, 3, strict=True)  # every suggestion passes the strict check


@given(st.integers(1, 40), st.integers(1, 7), st.integers(1, 4), st.sampled_from(["valid", "same"]))
def test_keras_output_size_matches_keras(keras, w, f, s, padding):
    assume(padding == "same" or f <= w)
    layer = keras.layers.Conv2D(1, f, strides=s, padding=padding)
    assert layer.compute_output_shape((1, w, w, 1))[1] == ops.keras_output_size(w, f, s, padding)


# --- receptive fields -------------------------------------------------------


def test_receptive_field_of_the_slides_mnist_model():
    """conv 3x3, pool 2, conv 3x3, pool 2, conv 3x3: 3, 4, 8, 10 and 18 pixels."""
    stack = [(3, 1), (2, 2), (3, 1), (2, 2), (3, 1)]
    assert arithmetic.receptive_field(stack) == [(3, 1), (4, 2), (8, 2), (10, 4), (18, 4)]
    # three 3x3 layers see as far as one 7x7 (cs231n), with 27 weights per channel pair instead of 49
    assert arithmetic.receptive_field([(3, 1)] * 3)[-1] == arithmetic.receptive_field([(7, 1)])[-1] == (7, 1)
    assert arithmetic.receptive_field([]) == []


def _measured_field(keras, model, row, col):
    """The input pixels whose gradient is non-zero for unit (row, col, 0) of the
    model's output: their extent in rows and columns."""
    import tensorflow as tf

    x = tf.Variable(np.random.default_rng(0).normal(size=(1,) + tuple(model.inputs[0].shape[1:])).astype("float32"))
    with tf.GradientTape() as tape:
        unit = model(x)[0, row, col, 0]
    nonzero = np.argwhere(np.abs(tape.gradient(unit, x).numpy()[0, :, :, 0]) > 0)
    (r0, c0), (r1, c1) = nonzero.min(axis=0), nonzero.max(axis=0)
    return r1 - r0 + 1, c1 - c0 + 1, r0, c0


@pytest.mark.parametrize("stack", [[(3, 1), (2, 2), (3, 1), (2, 2), (3, 1)], [(5, 2), (3, 1), (3, 2)], [(3, 1)] * 3])
def test_receptive_field_equals_the_gradient_measurement_on_keras_models(keras, stack):
    """Linear convolutions and *average* pooling (max pooling would pass the
    gradient to one winner only and hide the rest of the field)."""
    layers = [keras.Input((40, 40, 1))]
    for i, (kernel, stride) in enumerate(stack):
        if kernel == stride:
            layers.append(keras.layers.AveragePooling2D(kernel))
        else:
            layers.append(
                keras.layers.Conv2D(
                    2, kernel, strides=stride, kernel_initializer=keras.initializers.RandomUniform(0.1, 1.0, seed=i)
                )
            )
    model = keras.Sequential(layers)
    size, jump = arithmetic.receptive_field(stack)[-1]
    rows, cols, r0, c0 = _measured_field(keras, model, 1, 1)
    assert rows == cols == size
    _, _, r0_next, c0_next = _measured_field(keras, model, 1, 2)
    assert c0_next - c0 == jump and r0_next == r0  # the neighbour to the right sees `jump` pixels further
