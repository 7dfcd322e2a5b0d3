"""plotting.history: the timeline puts each event at its year; the neuron writes the numbers it computes."""

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plotting

EVENTS = [
    (1943, "McCulloch & Pitts", "a neuron as a threshold unit"),
    (1957, "Rosenblatt", "the perceptron"),
    (2012, "Krizhevsky et al.", "AlexNet"),
]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_timeline_draws_each_event_at_its_year_with_its_label():
    fig = plotting.show_timeline(EVENTS)
    (ax,) = fig.axes
    (dots,) = ax.collections
    np.testing.assert_array_equal(dots.get_offsets()[:, 0], [1943, 1957, 2012])
    np.testing.assert_array_equal(dots.get_offsets()[:, 1], [0, 0, 0])
    labels = [t for t in ax.texts]
    assert len(labels) == 3
    for text, (year, who, what) in zip(labels, EVENTS):
        assert text.get_position()[0] == year
        lines = text.get_text().split("\n")
        assert lines[0] == str(year) and lines[1] == who
        assert " ".join(lines[2:]) == what  # wrapped, nothing lost
    # neighbours alternate above and below the axis
    assert [np.sign(t.get_position()[1]) for t in labels] == [1, -1, 1]
    lo, hi = ax.get_xlim()
    assert lo < 1943 and hi > 2012


def test_timeline_refuses_bad_events():
    with pytest.raises(ValueError, match="time order"):
        plotting.show_timeline(EVENTS[::-1])
    with pytest.raises(TypeError, match=r"events\[0\] must be a \(year, who, what\) tuple"):
        plotting.show_timeline([(1943, "McCulloch")])
    with pytest.raises(TypeError, match=r"events\[0\] year must be an integer"):
        plotting.show_timeline([(1943.5, "a", "b")])
    with pytest.raises(TypeError, match=r"events\[0\] what must be a non-empty string"):
        plotting.show_timeline([(1943, "a", "")])
    with pytest.raises(ValueError, match="1 to 12"):
        plotting.show_timeline([])
    with pytest.raises(TypeError, match="events must be a list"):
        plotting.show_timeline("1943")


def test_neuron_writes_z_and_the_output_computed_here():
    x, theta, b = [1.0, 0.5, -1.0], [0.8, -0.4, 0.3], 0.1
    z = 1.0 * 0.8 + 0.5 * -0.4 + -1.0 * 0.3 + 0.1  # 0.4, by hand
    out = 1 / (1 + math.exp(-z))  # the sigmoid, with its minus sign
    assert plotting.neuron_output(x, theta, b) == pytest.approx((z, out))
    fig = plotting.show_neuron(x, theta, b)
    ax_bio, ax_art = fig.axes
    texts = [t.get_text() for t in ax_art.texts]
    assert f"output = sigmoid(xθ + b) = {out:.2f}" in texts
    assert f"xθ + b\n= {z:.2f}" in texts
    assert [f"θ={t:g}" for t in theta] == [t for t in texts if t.startswith("θ=")]
    assert [f"{v:g}" for v in x] == texts[: 2 * len(x) : 2]  # each input's circle, then its weight
    bio = " ".join(t.get_text() for t in ax_bio.texts)
    assert "dendrites" in bio and "axon" in bio and "cell body" in bio
    # another activation: ReLU of a negative sum is 0
    z2, out2 = plotting.neuron_output([1.0], [-2.0], 0.5, activation="relu")
    assert (z2, out2) == (-1.5, 0.0)
    assert "output = relu(xθ + b) = 0.00" in [
        t.get_text() for t in plotting.show_neuron([1.0], [-2.0], 0.5, "relu").axes[1].texts
    ]


def test_neuron_refuses_bad_input():
    with pytest.raises(ValueError, match="same length"):
        plotting.show_neuron([1.0, 2.0], [1.0], 0.0)
    with pytest.raises(ValueError, match="activation must be one of"):
        plotting.show_neuron([1.0], [1.0], 0.0, activation="softplus")
    with pytest.raises(ValueError, match="1 to 5 inputs"):
        plotting.show_neuron(np.ones(6), np.ones(6), 0.0)
    with pytest.raises(TypeError, match="b must be a number"):
        plotting.show_neuron([1.0], [1.0], "zero")
