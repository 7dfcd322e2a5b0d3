"""helpers.ops and helpers.loops: slide numbers, TensorFlow agreement, bad input."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from helpers import loops, ops

# --- the numbers printed on the slides -------------------------------------

SLIDE_IMAGE = [[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]]
SLIDE_KERNEL = [[0, 1, 2], [2, 2, 0], [0, 1, 2]]
SLIDE_OUTPUT = [[12, 12, 17], [10, 17, 19], [9, 6, 14]]

POOL_INPUT = [[3, 13, 17, 11], [5, 3, 1, 23], [7, 1, 2, 3], [11, 17, 1, 4]]
POOL_MAX = [[13, 23], [17, 4]]
POOL_AVG = [[6, 13], [9, 2.5]]


def test_correlate2d_reproduces_the_slide_example():
    out = ops.correlate2d(SLIDE_IMAGE, SLIDE_KERNEL)
    assert out.dtype.kind == "f"
    np.testing.assert_array_equal(out, SLIDE_OUTPUT)


def test_loop_version_reproduces_the_slide_example():
    np.testing.assert_array_equal(loops.correlate2d(SLIDE_IMAGE, SLIDE_KERNEL), SLIDE_OUTPUT)


def test_conv2d_reproduces_the_slide_example_as_a_batch():
    x = np.array(SLIDE_IMAGE)[None, :, :, None]
    w = np.array(SLIDE_KERNEL)[:, :, None, None]
    np.testing.assert_array_equal(ops.conv2d(x, w)[0, :, :, 0], SLIDE_OUTPUT)
    # a bias is added to every output value
    np.testing.assert_array_equal(ops.conv2d(x, w, b=[1.5])[0, :, :, 0], np.array(SLIDE_OUTPUT) + 1.5)


@pytest.mark.parametrize("impl", [ops, loops], ids=["vectorised", "loops"])
def test_pooling_reproduces_the_slide_example(impl):
    np.testing.assert_array_equal(impl.max_pool(POOL_INPUT), POOL_MAX)
    np.testing.assert_array_equal(impl.avg_pool(POOL_INPUT), POOL_AVG)
    np.testing.assert_array_equal(impl.max_pool(POOL_INPUT, size=2, stride=2), POOL_MAX)


def test_pooling_batches_pool_each_channel_separately():
    a = np.array(POOL_INPUT, dtype=float)
    batch = np.stack([np.stack([a, -a], axis=-1), np.stack([2 * a, a], axis=-1)])  # (2, 4, 4, 2)
    out = ops.max_pool(batch)
    assert out.shape == (2, 2, 2, 2)
    np.testing.assert_array_equal(out[0, :, :, 0], POOL_MAX)
    np.testing.assert_array_equal(out[1, :, :, 0], 2 * np.array(POOL_MAX))
    np.testing.assert_array_equal(out[0, :, :, 1], [[-3, -1], [-1, -1]])


def test_same_pooling_keeps_partial_edge_windows():
    # 7x7 -> 4x4 with a 2x2 window and stride 2: the last row/column of
    # windows hangs over the edge and sees only the real cells.
    x = np.arange(49.0).reshape(7, 7)
    out = ops.max_pool(x, 2, 2, padding="same")
    assert out.shape == (4, 4)
    assert out[3, 3] == 48  # the lone corner cell
    avg = ops.avg_pool(x, 2, 2, padding="same")
    assert avg[3, 3] == 48
    assert avg[0, 3] == (6 + 13) / 2  # a 2x1 partial window


def test_padding_int_and_same_and_valid():
    img = np.ones((5, 5))
    k = np.ones((3, 3))
    assert ops.correlate2d(img, k, padding=1).shape == (5, 5)
    assert ops.correlate2d(img, k, padding="same").shape == (5, 5)
    assert ops.correlate2d(img, k, padding="valid").shape == (3, 3)
    assert ops.correlate2d(img, k, padding="SAME").shape == (5, 5)
    # the corner of a zero-padded ones-image only overlaps 4 real cells
    assert ops.correlate2d(img, k, padding=1)[0, 0] == 4
    # 7x7 input, 3x3 filter: 5 positions at stride 1, 3 at stride 2
    assert ops.correlate2d(np.ones((7, 7)), k).shape == (5, 5)
    assert ops.correlate2d(np.ones((7, 7)), k, stride=2).shape == (3, 3)


def test_convolution_is_correlation_with_the_kernel_rotated():
    rng = np.random.default_rng(0)
    img = rng.normal(size=(6, 7))
    k = np.array([[0, 0, 0], [0, -1, 1], [0, 0, 0]])  # the slides' asymmetric edge kernel
    np.testing.assert_allclose(ops.convolve2d(img, k), ops.correlate2d(img, np.rot90(k, 2)))
    # ... and for this asymmetric kernel the two really differ
    assert not np.allclose(ops.convolve2d(img, k), ops.correlate2d(img, k))


def test_dtypes():
    f32 = np.ones((1, 4, 4, 1), np.float32)
    assert ops.conv2d(f32, np.ones((2, 2, 1, 1), np.float32)).dtype == np.float32
    assert ops.conv2d(f32, np.ones((2, 2, 1, 1), np.float64)).dtype == np.float64
    assert ops.correlate2d(np.ones((4, 4), int), np.ones((2, 2), int)).dtype == np.float64
    assert ops.max_pool(np.ones((4, 4), np.uint8)).dtype == np.float64
    assert ops.relu(np.array([-1, 2])).dtype == np.float64


# --- agreement with TensorFlow on random shapes ----------------------------


@st.composite
def conv_cases(draw):
    n = draw(st.integers(1, 2))
    h = draw(st.integers(1, 10))
    w = draw(st.integers(1, 10))
    c = draw(st.integers(1, 3))
    k = draw(st.integers(1, 3))
    fh = draw(st.integers(1, 5))
    fw = draw(st.integers(1, 5))
    stride = draw(st.integers(1, 3))
    padding = draw(st.sampled_from(["valid", "same", 0, 1, 2]))
    seed = draw(st.integers(0, 2**31))
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, h, w, c)), rng.normal(size=(fh, fw, c, k)), rng.normal(size=k), stride, padding


def _tf_padding(padding):
    if isinstance(padding, int):
        return [[0, 0], [padding, padding], [padding, padding], [0, 0]]
    return padding.upper()


def _fits(x_shape, fh, fw, padding):
    extra = 2 * padding if isinstance(padding, int) else 0
    if padding == "same":
        return True
    return fh <= x_shape[1] + extra and fw <= x_shape[2] + extra


@given(conv_cases())
def test_conv2d_equals_tf_nn_conv2d(tf, case):
    x, w, b, stride, padding = case
    assume(_fits(x.shape, w.shape[0], w.shape[1], padding))
    expected = tf.nn.conv2d(x, w, strides=stride, padding=_tf_padding(padding)).numpy() + b
    np.testing.assert_allclose(ops.conv2d(x, w, b, stride=stride, padding=padding), expected, atol=1e-10)


@given(conv_cases())
def test_correlate2d_equals_tf_nn_conv2d_on_one_channel(tf, case):
    x, w, _, stride, padding = case
    assume(_fits(x.shape, w.shape[0], w.shape[1], padding))
    img, k = x[0, :, :, 0], w[:, :, 0, 0]
    expected = tf.nn.conv2d(img[None, :, :, None], k[:, :, None, None], stride, _tf_padding(padding))
    np.testing.assert_allclose(ops.correlate2d(img, k, stride, padding), expected.numpy()[0, :, :, 0], atol=1e-10)


@pytest.mark.parametrize("size", [(7, 7), (8, 8), (5, 9), (28, 28)])
@pytest.mark.parametrize("kernel", [1, 2, 3, 5])
def test_conv2d_same_stride_2_equals_keras_conv2d_layer(keras, size, kernel):
    rng = np.random.default_rng(size[0] * 10 + kernel)
    x = rng.normal(size=(2, *size, 3)).astype("float32")
    layer = keras.layers.Conv2D(4, kernel, strides=2, padding="same")
    y = np.asarray(layer(x))
    w, b = (np.asarray(v) for v in layer.get_weights())
    out = ops.conv2d(x, w, b, stride=2, padding="same")
    assert out.shape == y.shape == (2, -(-size[0] // 2), -(-size[1] // 2), 4)
    np.testing.assert_allclose(out, y, rtol=1e-4, atol=1e-4)


@st.composite
def pool_cases(draw):
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, 9)), draw(st.integers(1, 9)), draw(st.integers(1, 3)))
    size = draw(st.integers(1, 4))
    stride = draw(st.integers(1, 4))
    padding = draw(st.sampled_from(["valid", "same"]))
    x = np.random.default_rng(draw(st.integers(0, 2**31))).normal(size=shape)
    return x, size, stride, padding


@given(pool_cases())
def test_pooling_equals_tf_nn_pooling(tf, case):
    x, size, stride, padding = case
    assume(padding == "same" or size <= min(x.shape[1:3]))
    np.testing.assert_allclose(
        ops.max_pool(x, size, stride, padding),
        tf.nn.max_pool2d(x, size, stride, padding.upper()).numpy(),
        atol=1e-12,
    )
    np.testing.assert_allclose(
        ops.avg_pool(x, size, stride, padding),
        tf.nn.avg_pool2d(x, size, stride, padding.upper()).numpy(),
        atol=1e-12,
    )


@given(conv_cases())
def test_loops_equal_vectorised(case):
    x, w, b, stride, padding = case
    assume(_fits(x.shape, w.shape[0], w.shape[1], padding))
    np.testing.assert_allclose(loops.conv2d(x, w, b, stride, padding), ops.conv2d(x, w, b, stride, padding), atol=1e-10)
    size = min(w.shape[0], x.shape[1], x.shape[2])
    for pool in ("max_pool", "avg_pool"):
        np.testing.assert_allclose(
            getattr(loops, pool)(x, size, stride, padding if isinstance(padding, str) else "valid"),
            getattr(ops, pool)(x, size, stride, padding if isinstance(padding, str) else "valid"),
            atol=1e-12,
        )


# --- bad input gets a clear error ------------------------------------------

IMG = np.ones((5, 5))
K3 = np.ones((3, 3))
X = np.ones((1, 5, 5, 2))
W = np.ones((3, 3, 2, 4))

BAD_CALLS = [
    # (call, exception, words the message must contain)
    (lambda: ops.correlate2d(IMG, np.ones((7, 7))), ValueError, "kernel (7x7) is larger than the padded input"),
    (lambda: ops.correlate2d(IMG, K3, stride=0), ValueError, "stride must be >= 1"),
    (lambda: ops.correlate2d(IMG, K3, stride=1.5), TypeError, "stride must be an integer"),
    (lambda: ops.correlate2d(IMG, K3, stride=True), TypeError, "stride must be an integer"),
    (lambda: ops.correlate2d(IMG, K3, padding=-1), ValueError, "padding must be >= 0"),
    (lambda: ops.correlate2d(IMG, K3, padding="full"), ValueError, 'padding must be an int >= 0, "valid" or "same"'),
    (lambda: ops.correlate2d(IMG, K3, padding=1.0), TypeError, "padding must be an int"),
    (lambda: ops.correlate2d(np.ones((1, 5, 5)), K3), ValueError, "image must be 2-D (H, W)"),
    (lambda: ops.correlate2d(IMG, np.ones((3, 3, 1))), ValueError, "kernel must be 2-D (F, F)"),
    (lambda: ops.correlate2d(np.full((5, 5), np.nan), K3), ValueError, "image must contain only finite numbers"),
    (lambda: ops.correlate2d(IMG, np.full((3, 3), np.inf)), ValueError, "kernel must contain only finite numbers"),
    (lambda: ops.correlate2d([["a", "b"], ["c", "d"]], K3), TypeError, "image must contain numbers"),
    (lambda: ops.correlate2d(IMG + 1j, K3), TypeError, "image must contain real numbers"),
    (lambda: ops.correlate2d(np.ones((0, 5)), K3), ValueError, "image must not be empty"),
    (lambda: ops.correlate2d([[1, 2], [3]], K3), TypeError, "image must be an array of numbers"),
    (lambda: ops.conv2d(X, np.ones((3, 3, 3, 4))), ValueError, "w has 3 input channels (w.shape[2]) but x has 2"),
    (lambda: ops.conv2d(X[0], W), ValueError, "x must be 4-D (N, H, W, C)"),
    (lambda: ops.conv2d(X, W[..., 0]), ValueError, "w must be 4-D (F, F, C, K)"),
    (lambda: ops.conv2d(X, W, b=np.ones(3)), ValueError, "b has 3 values but w has 4 filters"),
    (lambda: ops.conv2d(X, W, b=np.ones((4, 1))), ValueError, "b must be 1-D (K,)"),
    (lambda: ops.conv2d(X, np.ones((6, 6, 2, 1))), ValueError, "kernel (6x6) is larger than the padded input (5x5"),
    (lambda: ops.max_pool(IMG, size=6), ValueError, "pool window (6x6) is larger than the padded input"),
    # a padded array of 200,005 x 200,005 numbers (300 GB) is refused before it is allocated
    (
        lambda: ops.correlate2d(IMG, K3, padding=100_000),
        ValueError,
        "padding=100000 on a 5x5 input (200005x200005 padded, for a 3x3 kernel)",
    ),
    (lambda: ops.conv2d(X, W, padding=10_000), ValueError, "padding=10000 on a 5x5 input"),
    (lambda: ops.max_pool(IMG, size=0), ValueError, "size must be >= 1"),
    (lambda: ops.avg_pool(IMG, stride=0), ValueError, "stride must be >= 1"),
    (lambda: ops.max_pool(np.ones((2, 5, 5)), 2), ValueError, "x must be 2-D or 4-D"),
    (lambda: ops.max_pool(IMG, 2, padding=1), TypeError, 'padding for pooling must be "valid" or "same"'),
    (lambda: ops.relu("three"), TypeError, "x must contain numbers"),
    (lambda: ops.relu([np.nan]), ValueError, "x must contain only finite numbers"),
    (lambda: ops.leaky_relu([1.0], alpha=-0.1), ValueError, "alpha must be a finite number >= 0"),
    (lambda: ops.elu([1.0], alpha="big"), TypeError, "alpha must be a number"),
    (lambda: ops.softmax([1.0, 2.0], axis=3), ValueError, "axis must be in"),
]


@pytest.mark.parametrize("call, error, words", BAD_CALLS, ids=[c[2][:40] for c in BAD_CALLS])
def test_bad_input_raises_a_clear_error(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)


@pytest.mark.parametrize("impl", [ops, loops], ids=["vectorised", "loops"])
def test_loops_refuse_the_same_bad_input(impl):
    with pytest.raises(ValueError, match="stride must be >= 1"):
        impl.correlate2d(IMG, K3, stride=0)
    with pytest.raises(ValueError, match="image must be 2-D"):
        impl.correlate2d(np.ones(5), K3)
    with pytest.raises(ValueError, match="pool window"):
        impl.max_pool(IMG, size=6)
    with pytest.raises(TypeError, match="padding for pooling"):
        impl.avg_pool(IMG, padding=1)


@given(pool_cases())
def test_l2_pooling_and_global_pooling(tf, case):
    x, size, stride, _ = case
    assume(size <= min(x.shape[1:3]))
    # a full window holds size*size cells: L2 = sqrt(size^2 * mean of squares)
    mean_squares = tf.nn.avg_pool2d(x**2, size, stride, "VALID").numpy()
    np.testing.assert_allclose(ops.l2_pool(x, size, stride), np.sqrt(size * size * mean_squares), rtol=1e-9)
    np.testing.assert_allclose(ops.global_max_pool(x), x.max(axis=(1, 2)))
    np.testing.assert_allclose(ops.global_avg_pool(x), x.mean(axis=(1, 2)))


def test_l2_pooling_partial_window_by_hand():
    x = np.array([[3.0, 4.0, 12.0]])
    np.testing.assert_allclose(ops.l2_pool(x, size=2, padding="same"), [[5.0, 12.0]])


def test_global_pooling_matches_keras(keras):
    x = np.random.default_rng(0).normal(size=(2, 5, 6, 3)).astype("float32")
    np.testing.assert_allclose(ops.global_max_pool(x), keras.layers.GlobalMaxPooling2D()(x), rtol=1e-6)
    np.testing.assert_allclose(ops.global_avg_pool(x), keras.layers.GlobalAveragePooling2D()(x), rtol=1e-6)
    assert ops.global_max_pool([[1, 5], [2, 3]]) == 5


def test_max_pooling_takes_minus_infinity_like_tensorflow(tf):
    """-inf is a legitimate value for max pooling (a masked position, say); TF
    accepts it, and so do ops and loops.  NaN and +inf are still refused."""
    x = np.array(
        [
            [1.0, -np.inf, 2.0, 0.5],
            [-np.inf, -np.inf, 3.0, 4.0],
            [-np.inf, 7.0, 0.0, 1.0],
            [-np.inf, -np.inf, -1.0, 2.0],
        ]
    )
    expected = np.asarray(tf.nn.max_pool2d(x[None, :, :, None], 2, 2, "VALID"))[0, :, :, 0]
    for impl in (ops, loops):
        np.testing.assert_array_equal(impl.max_pool(x, 2), expected)
    np.testing.assert_array_equal(ops.max_pool(np.full((2, 2), -np.inf), 2), [[-np.inf]])
    assert ops.global_max_pool(x) == 7.0
    for bad in (np.nan, np.inf):
        with pytest.raises(ValueError, match="x must contain only numbers or -inf"):
            ops.max_pool(np.full((2, 2), bad), 2)
    with pytest.raises(ValueError, match="finite"):
        ops.avg_pool(x, 2)  # an average with -inf in it is not a number to teach with
