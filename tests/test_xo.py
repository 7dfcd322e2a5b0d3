"""helpers.xo: the slides' X, O and features, the hand-made net, the trickier cases."""

from fractions import Fraction

import numpy as np
import pytest

from helpers import ops, xo


def test_x_and_o_are_the_slides_images():
    assert xo.X.shape == xo.O.shape == (9, 9)
    assert set(np.unique(xo.X)) == set(np.unique(xo.O)) == {-1.0, 1.0}
    expected_x = -np.ones((9, 9))
    for i in range(1, 8):
        expected_x[i, i] = expected_x[i, 8 - i] = 1
    np.testing.assert_array_equal(xo.X, expected_x)
    # O: a closed ring inside the 1-pixel border, symmetric both ways, empty centre
    assert (xo.O[0] == -1).all() and (xo.O[:, 0] == -1).all() and xo.O[4, 4] == -1
    np.testing.assert_array_equal(xo.O, xo.O[::-1])
    np.testing.assert_array_equal(xo.O, xo.O[:, ::-1])


def test_features_in_the_slides_order():
    np.testing.assert_array_equal(xo.FEATURES[0], [[1, -1, -1], [-1, 1, -1], [-1, -1, 1]])
    np.testing.assert_array_equal(xo.FEATURES[1], [[1, -1, 1], [-1, 1, -1], [1, -1, 1]])
    np.testing.assert_array_equal(xo.FEATURES[2], [[-1, -1, 1], [-1, 1, -1], [1, -1, -1]])


def test_match_is_multiply_add_divide_by_nine():
    patch = xo.X[1:4, 1:4]
    assert xo.match(patch, xo.FEATURES[0]) == 1.0  # the slides' 9/9
    assert xo.match(-patch, xo.FEATURES[0]) == -1.0
    with pytest.raises(ValueError, match="same shape"):
        xo.match(np.ones((2, 2)), xo.FEATURES[0])


def ninths(*numerators):
    return np.array([float(Fraction(k, 9)) for k in numerators])


def test_feature_maps_of_x_equal_the_slides_exactly():
    maps = xo.feature_maps(xo.X)
    assert maps.shape == (3, 7, 7)
    np.testing.assert_array_equal(
        maps[0][0], ninths(7, -1, 1, 3, 5, -1, 3)
    )  # printed 0.77 -0.11 0.11 0.33 0.55 -0.11 0.33
    # The diagonal is 1.00 except the 0.77 corners and the centre: there the
    # window holds the crossing of the two strokes, the small x, which matches
    # the diagonal feature in 7 of 9 pixels: (7 - 2)/9 = 0.55.
    np.testing.assert_array_equal(np.diag(maps[0]), ninths(7, 9, 9, 5, 9, 9, 7))
    assert maps[1][3, 3] == 1.0
    np.testing.assert_array_equal(maps[2], maps[0][:, ::-1])  # feature 3 mirrors feature 1
    assert np.all(np.isclose(maps * 9, np.round(maps * 9)))  # every value k/9


def truncate2(values):
    """Two decimals cut off, as the slides print them (7/9 -> 0.77)."""
    values = np.asarray(values)
    return np.trunc(values * 100 + np.sign(values) * 1e-9) / 100


def test_pooled_maps_of_x_equal_the_slides_as_printed():
    pooled = xo.pooled_features(xo.X)
    assert pooled.shape == (3, 4, 4)
    slide = [
        [[1.00, 0.33, 0.55, 0.33], [0.33, 1.00, 0.33, 0.55], [0.55, 0.33, 1.00, 0.11], [0.33, 0.55, 0.11, 0.77]],
        [[0.55, 0.33, 0.55, 0.33], [0.33, 1.00, 0.55, 0.11], [0.55, 0.55, 0.55, 0.11], [0.33, 0.11, 0.11, 0.33]],
        [[0.33, 0.55, 1.00, 0.77], [0.55, 0.55, 1.00, 0.33], [1.00, 1.00, 0.11, 0.55], [0.77, 0.33, 0.55, 0.33]],
    ]
    np.testing.assert_array_equal(truncate2(pooled), slide)


def test_the_hand_made_net_tells_x_from_o():
    assert xo.classify(xo.X) == "X" and xo.classify(xo.O) == "O"
    vx, vo = xo.vote(xo.X), xo.vote(xo.O)
    assert vx["X"] > vx["O"] and vo["O"] > vo["X"]


def test_draw_reproduces_the_clean_images_and_transforms():
    np.testing.assert_array_equal(xo.draw("X"), xo.X)
    np.testing.assert_array_equal(xo.draw("O"), xo.O)
    # a whole-pixel shift is exactly np.roll when nothing falls off the grid
    np.testing.assert_array_equal(xo.draw("X", shift=(0, 1)), np.roll(xo.X, 1, axis=1))

    def width(image):
        cols = np.nonzero((image > 0).any(axis=0))[0]
        return cols.max() - cols.min() + 1

    assert width(xo.draw("O", scale=0.7)) < width(xo.O) == 7
    assert (xo.draw("X", thicken=True) > 0).sum() > (xo.X > 0).sum()
    np.testing.assert_array_equal(xo.draw("X", angle=90), xo.X)  # an X turned by 90° is an X
    rng = np.random.default_rng(0)
    assert (xo.draw("X", flips=5, rng=rng) != xo.X).sum() == 5


def test_tricky_cases_and_variants_are_reproducible():
    a, b = xo.tricky_cases(seed=3), xo.tricky_cases(seed=3)
    assert len(a) == 2 * len(xo.TRICKY_SETTINGS)
    for (da, ia, la), (db, ib, lb) in zip(a, b):
        assert da == db and la == lb
        np.testing.assert_array_equal(ia, ib)
    images, labels = xo.random_variants(50, seed=1)
    assert images.shape == (50, 9, 9) and set(np.unique(images)) <= {-1.0, 1.0}
    assert abs(labels.mean() - 0.5) < 0.05
    images2, labels2 = xo.random_variants(50, seed=1)
    np.testing.assert_array_equal(images, images2)


def test_feature_maps_agree_with_ops_and_bad_input():
    np.testing.assert_array_equal(xo.feature_maps(xo.O)[1], ops.correlate2d(xo.O, xo.FEATURES[1]) / 9)
    with pytest.raises(ValueError, match='label must be "X" or "O"'):
        xo.draw("Y")
    with pytest.raises(ValueError, match="scale must be a positive number"):
        xo.draw("X", scale=0)
    with pytest.raises(ValueError, match="flips needs rng"):
        xo.draw("X", flips=2)
    with pytest.raises(ValueError, match="image must be 2-D"):
        xo.vote(np.ones(9))


def test_as_printed_cuts_toward_zero_to_two_decimals():
    assert xo.as_printed(7 / 9) == 0.77 and round(7 / 9, 2) == 0.78
    assert xo.as_printed(-5 / 9) == -0.55
    assert xo.as_printed(9 / 9 - 1e-12) == 1.0  # floating point just under 1.00 still prints 1.00
    np.testing.assert_array_equal(xo.as_printed([1 / 9, -1 / 9, 0.0]), [0.11, -0.11, 0.0])
