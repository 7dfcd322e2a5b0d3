"""helpers.backward (re-exported by helpers.ops) and its loop versions in
helpers.loops: gradients equal TensorFlow's GradientTape and finite
differences; worked examples small enough to check by hand; bad input."""

import numpy as np
import pytest
from hypothesis import assume, given

from helpers import loops, ops
from tests.test_ops import POOL_INPUT, _fits, _tf_padding, conv_cases, pool_cases

# --- worked by hand --------------------------------------------------------


def test_max_pool_routes_each_gradient_to_its_window_winner():
    """The slides' 4x4 map (max pool 2x2 gives [[13, 23], [17, 4]]): the
    gradient of each window lands where 13, 23, 17 and 4 stand, nowhere else."""
    dy = [[1, 2], [3, 4]]
    expected = [[0, 1, 0, 0], [0, 0, 0, 2], [0, 0, 0, 0], [0, 3, 0, 4]]
    for impl in (ops, loops):
        np.testing.assert_array_equal(impl.max_pool_backward(POOL_INPUT, dy), expected)


def test_max_pool_ties_go_to_the_first_cell_in_reading_order():
    x = [[5, 5], [5, 1]]
    for impl in (ops, loops):
        np.testing.assert_array_equal(impl.max_pool_backward(x, [[1.0]]), [[1, 0], [0, 0]])


def test_avg_pool_shares_each_gradient_equally():
    dy = [[4, 8], [12, 16]]
    expected = np.kron(np.array(dy) / 4, np.ones((2, 2)))  # each window's 4 cells get a quarter
    for impl in (ops, loops):
        np.testing.assert_array_equal(impl.avg_pool_backward(POOL_INPUT, dy), expected)
    # a 3x3 map, "same" 2x2 windows: the last row and column have windows of 2 and 1 real cells
    grad = ops.avg_pool_backward(np.zeros((3, 3)), np.ones((2, 2)), padding="same")
    np.testing.assert_array_equal(grad, [[0.25, 0.25, 0.5], [0.25, 0.25, 0.5], [0.5, 0.5, 1.0]])


def test_one_dimensional_conv_gradients_by_hand():
    """x = [1, 2, 3, 4], kernel [a, b] = [10, 20]: y = [x0 a + x1 b, x1 a + x2 b, x2 a + x3 b].
    With dy = [1, 0, -1]:
    dW = x correlated with dy: [1*1 + 2*0 + 3*(-1), 2*1 + 3*0 + 4*(-1)] = [-2, -2];
    dX = dy "fully" convolved with the kernel: [1*10, 1*20 + 0*10, 0*20 - 1*10, -1*20] = [10, 20, -10, -20]."""
    x = np.array([1.0, 2, 3, 4]).reshape(1, 1, 4, 1)
    w = np.array([10.0, 20]).reshape(1, 2, 1, 1)
    dy = np.array([1.0, 0, -1]).reshape(1, 1, 3, 1)
    for impl in (ops, loops):
        dx, dw, db = impl.conv2d_backward(x, w, dy)
        np.testing.assert_array_equal(dw.ravel(), [-2, -2])
        np.testing.assert_array_equal(dx.ravel(), [10, 20, -10, -20])
        np.testing.assert_array_equal(db, [0])


def test_dx_is_a_full_convolution_of_dy_with_the_kernel_rotated():
    rng = np.random.default_rng(1)
    x, k = rng.normal(size=(6, 5)), rng.normal(size=(3, 2))
    dy = rng.normal(size=(4, 4))
    dx, dw, _ = ops.conv2d_backward(x[None, :, :, None], k[:, :, None, None], dy[None, :, :, None])
    full = ops.correlate2d(np.pad(dy, ((2, 2), (1, 1))), k[::-1, ::-1])  # "full": dy padded by F - 1
    np.testing.assert_allclose(dx[0, :, :, 0], full, atol=1e-12)
    np.testing.assert_allclose(dw[:, :, 0, 0], ops.correlate2d(x, dy), atol=1e-12)  # dW: x correlated with dy


# --- TensorFlow's GradientTape on random shapes ----------------------------


@given(conv_cases())
def test_conv2d_backward_equals_gradient_tape(tf, case):
    x, w, b, stride, padding = case
    assume(_fits(x.shape, w.shape[0], w.shape[1], padding))
    tx, tw, tb = tf.Variable(x), tf.Variable(w), tf.Variable(b)
    with tf.GradientTape() as tape:
        y = tf.nn.conv2d(tx, tw, strides=stride, padding=_tf_padding(padding)) + tb
    dy = np.random.default_rng(x.size).normal(size=y.shape)
    expected = tape.gradient(y, [tx, tw, tb], output_gradients=tf.constant(dy))
    for got, want in zip(ops.conv2d_backward(x, w, dy, stride, padding), expected):
        np.testing.assert_allclose(got, want.numpy(), atol=1e-9)


@given(pool_cases())
def test_pool_backward_equals_gradient_tape(tf, case):
    x, size, stride, padding = case
    assume(padding == "same" or size <= min(x.shape[1:3]))
    for ours, theirs in ((ops.max_pool_backward, tf.nn.max_pool2d), (ops.avg_pool_backward, tf.nn.avg_pool2d)):
        tx = tf.Variable(x)
        with tf.GradientTape() as tape:
            y = theirs(tx, size, stride, padding.upper())
        dy = np.random.default_rng(x.size).normal(size=y.shape)
        expected = tape.gradient(y, tx, output_gradients=tf.constant(dy)).numpy()
        np.testing.assert_allclose(ours(x, dy, size, stride, padding), expected, atol=1e-12)


@given(conv_cases())
def test_loops_equal_vectorised_backward(case):
    x, w, _, stride, padding = case
    assume(_fits(x.shape, w.shape[0], w.shape[1], padding))
    dy = np.random.default_rng(0).normal(size=ops.conv2d(x, w, None, stride, padding).shape)
    for got, want in zip(
        loops.conv2d_backward(x, w, dy, stride, padding), ops.conv2d_backward(x, w, dy, stride, padding)
    ):
        np.testing.assert_allclose(got, want, atol=1e-10)
    size = min(w.shape[0], x.shape[1], x.shape[2])
    pad = padding if isinstance(padding, str) else "valid"
    for name in ("max_pool", "avg_pool"):
        g = np.random.default_rng(1).normal(size=getattr(ops, name)(x, size, stride, pad).shape)
        np.testing.assert_allclose(
            getattr(loops, name + "_backward")(x, g, size, stride, pad),
            getattr(ops, name + "_backward")(x, g, size, stride, pad),
            atol=1e-12,
        )


# --- finite differences: the definition of a gradient ---------------------


def _numeric_gradient(f, a, eps=1e-6):
    grad = np.zeros_like(a)
    for index in np.ndindex(a.shape):
        old = a[index]
        a[index] = old + eps
        up = f()
        a[index] = old - eps
        down = f()
        a[index] = old
        grad[index] = (up - down) / (2 * eps)
    return grad


@pytest.mark.parametrize("stride, padding", [(1, "valid"), (2, "same"), (2, 1)])
def test_conv2d_backward_equals_finite_differences(stride, padding):
    rng = np.random.default_rng(stride)
    x, w, b = rng.normal(size=(2, 5, 4, 2)), rng.normal(size=(3, 2, 2, 3)), rng.normal(size=3)
    dy = rng.normal(size=ops.conv2d(x, w, b, stride, padding).shape)

    def loss():  # L = sum(Y * dY), so dL/dY = dY
        return float((ops.conv2d(x, w, b, stride, padding) * dy).sum())

    dx, dw, db = ops.conv2d_backward(x, w, dy, stride, padding)
    for analytic, numeric in (
        (dx, _numeric_gradient(loss, x)),
        (dw, _numeric_gradient(loss, w)),
        (db, _numeric_gradient(loss, b)),
    ):
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize(
    "name, size, stride, padding",
    [("max_pool", 2, None, "valid"), ("avg_pool", 3, 2, "same"), ("max_pool", 3, 1, "same")],
)
def test_pool_backward_equals_finite_differences(name, size, stride, padding):
    x = np.random.default_rng(7).normal(size=(1, 5, 6, 2))  # distinct values: no ties, a max is differentiable
    dy = np.random.default_rng(8).normal(size=getattr(ops, name)(x, size, stride, padding).shape)

    def loss():
        return float((getattr(ops, name)(x, size, stride, padding) * dy).sum())

    np.testing.assert_allclose(
        getattr(ops, name + "_backward")(x, dy, size, stride, padding), _numeric_gradient(loss, x), rtol=1e-5, atol=1e-6
    )


# --- bad input ---------------------------------------------------------------


@pytest.mark.parametrize("impl", [ops, loops], ids=["vectorised", "loops"])
def test_backward_refuses_bad_input(impl):
    x, w = np.zeros((1, 5, 5, 2)), np.zeros((3, 3, 2, 4))
    with pytest.raises(ValueError, match=r"dy must have the shape of conv2d's output, \(1, 3, 3, 4\)"):
        impl.conv2d_backward(x, w, np.zeros((1, 5, 5, 4)))
    with pytest.raises(ValueError, match="dy"):
        impl.conv2d_backward(x, w, np.zeros((3, 3, 4)))
    with pytest.raises(
        ValueError, match=r"dy must have the shape of the pooled output|dy must have the shape of max_pool"
    ):
        impl.max_pool_backward(np.zeros((4, 4)), np.zeros((3, 3)))
    with pytest.raises((ValueError, TypeError), match="dy"):
        impl.avg_pool_backward(np.zeros((4, 4)), [["a", "b"], ["c", "d"]])
    with pytest.raises(ValueError, match="stride"):
        impl.conv2d_backward(x, w, np.zeros((1, 3, 3, 4)), stride=0)
    with pytest.raises(ValueError, match="padding"):
        impl.max_pool_backward(np.zeros((4, 4)), np.zeros((2, 2)), padding="full")
