"""helpers.activations against Keras and TensorFlow."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers import ops

values = arrays(np.float64, st.integers(1, 20), elements=st.floats(-50, 50))


def test_relu_changes_negatives_to_zero():
    np.testing.assert_array_equal(ops.relu([-2, -0.5, 0, 0.5, 2]), [0, 0, 0, 0.5, 2])
    # on a matrix like the slides' feature maps
    np.testing.assert_array_equal(ops.relu([[0.77, -0.11], [-0.33, 1.0]]), [[0.77, 0], [0, 1.0]])


@pytest.mark.filterwarnings("ignore:You are using a softmax over axis -1:UserWarning")
@given(values)
def test_activations_match_keras(keras, x):
    acts = keras.activations
    np.testing.assert_allclose(ops.relu(x), acts.relu(x), atol=1e-12)
    np.testing.assert_allclose(ops.sigmoid(x), acts.sigmoid(x), atol=1e-12)
    np.testing.assert_allclose(ops.tanh(x), acts.tanh(x), atol=1e-12)
    np.testing.assert_allclose(ops.elu(x), acts.elu(x), atol=1e-12)
    np.testing.assert_allclose(ops.leaky_relu(x, alpha=0.2), acts.leaky_relu(x, negative_slope=0.2), atol=1e-12)
    np.testing.assert_allclose(ops.softmax(x), acts.softmax(x[None, :])[0], atol=1e-12)


def test_extremes_do_not_overflow():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        np.testing.assert_allclose(ops.sigmoid([-1000.0, 0.0, 1000.0]), [0, 0.5, 1])
        np.testing.assert_allclose(ops.softmax([1000.0, 1000.0]), [0.5, 0.5])
        assert ops.elu([-1000.0])[0] == pytest.approx(-1.0)


def test_softmax_rows_sum_to_one_along_the_axis():
    x = np.random.default_rng(0).normal(size=(3, 4))
    np.testing.assert_allclose(ops.softmax(x, axis=0).sum(axis=0), 1)
    np.testing.assert_allclose(ops.softmax(x).sum(axis=1), 1)


def test_leaky_relu_default_slope_is_the_slides():
    x = np.array([-10.0, -0.5, 0.0, 3.0])
    np.testing.assert_allclose(ops.leaky_relu(x), np.maximum(0.1 * x, x))  # deck 001: max(0.1x, x)
    np.testing.assert_allclose(ops.leaky_relu(x), [-1.0, -0.05, 0.0, 3.0])


def test_scalars_work():
    assert ops.relu(-3) == 0
    assert ops.sigmoid(0) == 0.5
