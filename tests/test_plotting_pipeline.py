"""helpers.plotting.pipeline: the X/O pipeline in one figure, local against full connections.

The expected numbers are computed here with plain loops (not with helpers.xo
or helpers.ops), or copied from the slides.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import ops, plotting, xo


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _maps_by_loops(image, features):
    """Every feature at every position: multiply, add, divide by 9."""
    f = features.shape[1]
    out_h, out_w = image.shape[0] - f + 1, image.shape[1] - f + 1
    maps = np.zeros((len(features), out_h, out_w))
    for k, feature in enumerate(features):
        for r in range(out_h):
            for c in range(out_w):
                maps[k, r, c] = (image[r : r + f, c : c + f] * feature).sum() / feature.size
    return maps


def _pool_by_loops(stack):
    """2 x 2 max pooling, stride 2, partial windows at the edges kept."""
    k, h, w = stack.shape
    out = np.zeros((k, (h + 1) // 2, (w + 1) // 2))
    for m in range(k):
        for i in range(out.shape[1]):
            for j in range(out.shape[2]):
                out[m, i, j] = stack[m, 2 * i : 2 * i + 2, 2 * j : 2 * j + 2].max()
    return out


def _cut_text(value):
    """Cut toward zero to two decimals, from the value's whole number of ninths."""
    ninths = int(round(value * 9))
    if ninths == 0:
        return "0"
    hundredths = abs(ninths) * 100 // 9  # integer division: the cut
    return f"{'-' if ninths < 0 else ''}{hundredths // 100}.{hundredths % 100:02d}"


def _pipeline_panels(fig):
    """The 7 x 7 colour panels and the 4 x 4 numbered panels, top row first."""
    grids = [ax for ax in fig.axes if ax.get_images() and ax.get_images()[0].get_array().shape == (7, 7)]
    pools = [ax for ax in fig.axes if ax.get_images() and ax.get_images()[0].get_array().shape == (4, 4)]

    def order(axes):
        return sorted(axes, key=lambda ax: (-round(ax.get_position().y0, 3), ax.get_position().x0))

    return order(grids), order(pools)


def test_printed_labels_cut_like_the_slides():
    assert plotting.printed_labels([[7 / 9, -5 / 9], [0.0, 1.0]]) == [["0.77", "-0.55"], ["0", "1.00"]]
    with pytest.raises(ValueError, match="values"):
        plotting.printed_labels([1, 2, 3])


def test_pipeline_draws_the_maps_relu_pooled_and_votes_it_is_given():
    maps = xo.feature_maps(xo.X)
    fig = plotting.show_xo_pipeline(xo.X, maps, ops.relu(maps), xo.pooled_features(xo.X), xo.vote(xo.X))
    expected_maps = _maps_by_loops(xo.X, xo.FEATURES)
    expected_relu = np.maximum(expected_maps, 0)
    expected_pooled = _pool_by_loops(expected_relu)
    grids, pools = _pipeline_panels(fig)
    assert len(grids) == 6 and len(pools) == 3
    for row in range(3):
        np.testing.assert_allclose(grids[2 * row].get_images()[0].get_array(), expected_maps[row])
        np.testing.assert_allclose(grids[2 * row + 1].get_images()[0].get_array(), expected_relu[row])
        texts = [t.get_text() for t in pools[row].texts]
        assert texts == [_cut_text(v) for v in expected_pooled[row].ravel()]
    # the slides' first pooled map, as printed (deck 001)
    assert [t.get_text() for t in pools[0].texts] == (
        "1.00 0.33 0.55 0.33 0.33 1.00 0.33 0.55 0.55 0.33 1.00 0.11 0.33 0.55 0.11 0.77".split()
    )
    # one colour scale for every map
    limits = {ax.get_images()[0].get_clim() for ax in grids + pools}
    assert limits == {(-1.0, 1.0)}
    # the votes: weights are the clean examples' own pooled values (section 7), computed here by loops
    values = expected_pooled.ravel()
    weights = {
        "X": expected_pooled.ravel(),
        "O": _pool_by_loops(np.maximum(_maps_by_loops(xo.O, xo.FEATURES), 0)).ravel(),
    }
    scores = {name: values @ w / w.sum() for name, w in weights.items()}
    votes_ax = next(ax for ax in fig.axes if ax.get_title().startswith("votes"))
    bars = [p.get_height() for p in votes_ax.patches]
    np.testing.assert_allclose(bars, [scores["X"], scores["O"]])
    shown = [t.get_text() for t in votes_ax.texts]
    assert shown == [f"{int(scores[c] * 100) / 100:.2f}" for c in ("X", "O")]
    assert votes_ax.get_title() == "votes: X wins"
    # the image: strokes drawn dark
    image_ax = next(ax for ax in fig.axes if ax.get_title().startswith("image"))
    drawn = np.asarray(image_ax.get_images()[0].get_array())
    np.testing.assert_array_equal(drawn == 0, xo.X == 1)
    width, height = fig.get_size_inches()
    assert width <= 9.0 and height <= 7.5


def test_pipeline_refuses_what_is_not_a_pipeline():
    maps = xo.feature_maps(xo.X)
    pooled = xo.pooled_features(xo.X)
    votes = xo.vote(xo.X)
    with pytest.raises(ValueError, match="rectified must be the maps after ReLU"):
        plotting.show_xo_pipeline(xo.X, maps, maps, pooled, votes)
    with pytest.raises(ValueError, match="rectified must have the shape of maps"):
        plotting.show_xo_pipeline(xo.X, maps, ops.relu(maps)[:2], pooled, votes)
    with pytest.raises(ValueError, match="pooled must hold one map per feature"):
        plotting.show_xo_pipeline(xo.X, maps, ops.relu(maps), pooled[:2], votes)
    with pytest.raises(TypeError, match="votes must be a dict"):
        plotting.show_xo_pipeline(xo.X, maps, ops.relu(maps), pooled, [0.6, 0.5])
    with pytest.raises(ValueError, match="feature_names must be a list of 3 names"):
        plotting.show_xo_pipeline(xo.X, maps, ops.relu(maps), pooled, votes, feature_names=["a", "b"])
    with pytest.raises(ValueError, match="maps"):
        plotting.show_xo_pipeline(xo.X, maps[0], ops.relu(maps), pooled, votes)


# deck 000's "Convolution v.s. Fully Connected": the 6 x 6 image and Filter 1
IMAGE_6 = np.array(
    [
        [1, 0, 0, 0, 0, 1],
        [0, 1, 0, 0, 1, 0],
        [0, 0, 1, 1, 0, 0],
        [1, 0, 0, 0, 1, 0],
        [0, 1, 0, 0, 1, 0],
        [0, 0, 1, 0, 1, 0],
    ]
)
FILTER_1 = np.array([[1, -1, -1], [-1, 1, -1], [-1, -1, 1]])


def test_counts_of_local_against_full():
    counts = plotting.local_vs_full_counts(6, 6, 3)
    assert counts == {
        "inputs": 36,
        "outputs": 16,
        "full_per_unit": 36,
        "full_layer": 576,
        "conv_per_unit": 9,
        "conv_layer": 9,
    }
    with pytest.raises(ValueError, match="must fit the image"):
        plotting.local_vs_full_counts(2, 6, 3)


def _lines(ax, prefix):
    return {line.get_gid(): line for line in ax.get_lines() if (line.get_gid() or "").startswith(prefix)}


def test_local_vs_full_wires_every_input_against_a_shared_window():
    fig = plotting.show_local_vs_full(IMAGE_6, FILTER_1, positions=[(0, 0), (0, 1)])
    ax_img, ax_full, ax_conv = fig.axes[:3]
    # the image, its pixels numbered 1..36 in reading order (the slide's list of 36 features)
    np.testing.assert_array_equal(ax_img.get_images()[0].get_array(), IMAGE_6)
    assert [t.get_text() for t in ax_img.texts] == [str(i) for i in range(1, 37)]
    # fully connected: one line from every one of the 36 inputs
    full = _lines(ax_full, "full-in")
    assert sorted(full) == sorted(f"full-in{i}" for i in range(1, 37))
    assert "36 weights" in ax_full.get_title() and "36 × 16 = 576" in ax_full.get_title()
    # convolution: each unit wired to the 9 inputs of its window, weight (a, b) to pixel (r + a, c + b)
    conv = _lines(ax_conv, "conv")
    for unit, (r, c) in enumerate([(0, 0), (0, 1)]):
        expected = {f"conv{unit}-in{(r + a) * 6 + c + b + 1}-w{3 * a + b + 1}" for a in range(3) for b in range(3)}
        assert {gid for gid in conv if gid.startswith(f"conv{unit}-")} == expected
    assert len(conv) == 18
    # shared weights: weight k has the same colour at both positions, and the 9 colours differ
    colour = {gid.split("-")[0] + "-" + gid.split("-")[2]: line.get_color() for gid, line in conv.items()}
    assert all(colour[f"conv0-w{k}"] == colour[f"conv1-w{k}"] for k in range(1, 10))
    assert len({colour[f"conv0-w{k}"] for k in range(1, 10)}) == 9
    assert "9 connections" in ax_conv.get_title() and "same 9 weights at all 16 positions" in ax_conv.get_title()
    # each unit shows its output: the slide's first row of Filter 1's map is 3 -1 -3 -1
    units = [t.get_text() for t in ax_conv.texts if (t.get_gid() or "").endswith("-unit")]
    assert units == ["3", "-1"]
    # the legend of colours is the kernel, weight by weight: a swatch of the line's colour, the value in black
    legend = {t.get_gid(): (t.get_text(), t.get_color()) for t in ax_conv.texts if (t.get_gid() or "").startswith("w")}
    swatches = _lines(ax_conv, "swatch")
    for k in range(1, 10):
        assert legend[f"weight{k}"] == (str(FILTER_1.ravel()[k - 1]), "black")
        assert swatches[f"swatch{k}"].get_color() == colour[f"conv0-w{k}"]
    width, _ = fig.get_size_inches()
    assert width <= 9.0
    # its text alternative: the counts, the kernel by row, the units' outputs
    alt = plotting.alt_text(fig)
    assert "16 units need 576" in alt and "output (0, 0) = 3; output (0, 1) = -1" in alt
    assert "(the kernel, by row: 1, -1, -1; -1, 1, -1; -1, -1, 1)" in alt


def test_local_vs_full_refuses_bad_input():
    with pytest.raises(ValueError, match="kernel must be square"):
        plotting.show_local_vs_full(IMAGE_6, np.ones((3, 2)))
    with pytest.raises(ValueError, match="positions row"):
        plotting.show_local_vs_full(IMAGE_6, FILTER_1, positions=[(4, 0)])
    with pytest.raises(TypeError, match="positions must be a list"):
        plotting.show_local_vs_full(IMAGE_6, FILTER_1, positions="00")
    with pytest.raises(ValueError, match="at most 64 pixels"):
        plotting.show_local_vs_full(np.zeros((9, 9)), FILTER_1)
    with pytest.raises(ValueError, match="at most 3 x 3"):
        plotting.show_local_vs_full(IMAGE_6, np.ones((4, 4)))
