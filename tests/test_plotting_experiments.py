"""helpers.plotting.experiments: lesson 8's figures draw the numbers they are given.

Each test draws from small arrays and reads the figure back: the line's points
are the mean over runs, the band spans the runs, the labels written are the
values formatted, the ensemble's bars and mean line are the given accuracies.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import plotting  # noqa: E402

SIZES = [100, 300, 1000, 3009]
DENSE = np.array([[0.60, 0.70, 0.80, 0.85], [0.62, 0.74, 0.82, 0.87]])  # two seeds
CONV = np.array([0.70, 0.80, 0.90, 0.93])  # one run


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_show_measured_draws_the_mean_of_the_runs_and_writes_it():
    ax = plotting.show_measured(
        SIZES, {"dense": DENSE, "convnet": CONV}, "training images", "test accuracy", logx=True, fmt="{:.0%}"
    )
    dense_line, conv_line = ax.get_lines()
    assert dense_line.get_label() == "dense" and conv_line.get_label() == "convnet"
    np.testing.assert_allclose(dense_line.get_xdata(), SIZES)
    np.testing.assert_allclose(dense_line.get_ydata(), [0.61, 0.72, 0.81, 0.86])  # the mean of the two seeds
    np.testing.assert_allclose(conv_line.get_ydata(), CONV)
    written = [t.get_text() for t in ax.texts]
    assert written == ["61%", "72%", "81%", "86%", "70%", "80%", "90%", "93%"]
    assert ax.get_xscale() == "log" and ax.get_xlabel() == "training images"
    # the band: one for the series with two runs, from the lower to the higher seed
    (band,) = ax.collections
    ys = band.get_paths()[0].vertices[:, 1]
    assert np.isclose(ys.min(), 0.60) and np.isclose(ys.max(), 0.87)


def test_lines_differ_by_marker_and_dash_not_only_by_colour():
    ax = plotting.show_measured([0, 1, 2], {"a": [1, 2, 3], "b": [3, 2, 1], "c": [2, 2, 2]}, "x", "y")
    lines = ax.get_lines()
    assert len({line.get_marker() for line in lines}) == 3
    assert len({str(line.get_linestyle()) for line in lines}) == 3


def test_show_approximations_draws_the_target_and_each_fit():
    x = np.linspace(-1, 1, 9)
    fits = {"1 unit": np.zeros(9), "8 units": np.sin(np.pi * x) * 0.9}
    ax = plotting.show_approximations(x, np.sin(np.pi * x), fits, title="fits")
    target, one, eight = ax.get_lines()
    assert [target.get_label(), one.get_label(), eight.get_label()] == ["target", "1 unit", "8 units"]
    np.testing.assert_allclose(target.get_ydata(), np.sin(np.pi * x))
    np.testing.assert_allclose(eight.get_ydata(), fits["8 units"])


def test_show_ensemble_draws_each_member_their_mean_and_the_ensemble():
    ax = plotting.show_ensemble([0.90, 0.92, 0.91], 0.94)
    mean_line, members, ensemble = ax.get_lines()
    np.testing.assert_allclose(mean_line.get_ydata(), [0.91, 0.91])
    assert mean_line.get_label() == "members' mean 91.0%"
    np.testing.assert_allclose(members.get_ydata(), [0.90, 0.92, 0.91])
    np.testing.assert_allclose(ensemble.get_ydata(), [0.94])
    assert [t.get_text() for t in ax.texts] == ["90.0%", "92.0%", "91.0%", "94.0%"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["net 1", "net 2", "net 3", "ensemble"]
    (stems,) = ax.collections  # each stem from the mean to its value
    ends = sorted(segment[1, 1] for segment in stems.get_segments())
    np.testing.assert_allclose(ends, [0.90, 0.91, 0.92, 0.94])


def test_a_reference_line_is_drawn_at_its_value_with_its_label():
    ax = plotting.show_measured([25, 50], {"relu": [2.0, 1.0]}, "steps", "loss", reference=(2.3, "guessing"))
    reference = ax.get_lines()[1]
    np.testing.assert_allclose(reference.get_ydata(), [2.3, 2.3])
    assert reference.get_label() == "guessing" and reference.get_linestyle() == ":"


def test_annotate_false_writes_no_values():
    ax = plotting.show_measured([1, 2, 3], {"a": [1, 2, 3]}, "x", "y", annotate=False)
    assert len(ax.texts) == 0


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: plotting.show_measured([1, 2], {"a": [1, 2, 3]}, "x", "y"), ValueError, "series['a']"),
        (lambda: plotting.show_measured([1, 2], [1, 2], "x", "y"), TypeError, "series must be a dict"),
        (lambda: plotting.show_measured([1, 2], {}, "x", "y"), ValueError, "1 to 6 lines"),
        (lambda: plotting.show_measured([0, 2], {"a": [1, 2]}, "x", "y", logx=True), ValueError, "positive"),
        (lambda: plotting.show_measured([1, 2], {"a": [1, np.nan]}, "x", "y"), ValueError, "series['a']"),
        (lambda: plotting.show_measured([1, 2], {"a": [1, 2]}, "x", "y", fmt=3), TypeError, "fmt"),
        (lambda: plotting.show_measured([1, 2], {"a": [1, 2]}, "x", "y", fmt="{:d}"), ValueError, "fmt"),
        (lambda: plotting.show_approximations([1, 2], [1], {"a": [1, 2]}), ValueError, "target"),
        (lambda: plotting.show_approximations([1, 2], [1, 2], {"a": [[1, 2], [3, 4]]}), ValueError, "fits"),
        (lambda: plotting.show_ensemble([], 0.9), ValueError, "members"),
        (lambda: plotting.show_measured([1], {"a": [1]}, "x", "y", annotate="yes"), TypeError, "annotate"),
        (lambda: plotting.show_measured([1], {"a": [1]}, "x", "y", reference=2.3), TypeError, "reference"),
        (lambda: plotting.show_measured([1], {"a": [1]}, "x", "y", reference=("a", "b")), TypeError, "reference"),
        (lambda: plotting.show_ensemble([0.9], [0.9, 0.8]), ValueError, "ensemble"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, words):
    with pytest.raises(error, match=None) as caught:
        call()
    assert words in str(caught.value)
