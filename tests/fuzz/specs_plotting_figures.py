"""Fuzz specs for the figures of ``helpers.plotting`` beyond ``basics``: steps,
history, geometry, pipeline, maps, channels and experiments (their pure helpers too).

The good values are tiny arrays (a figure with few cells draws fast); each
call's figures are closed by the engine.
"""

import numpy as np
from hypothesis import strategies as st
from matplotlib.figure import Figure

from helpers import plotting
from tests.fuzz.engine import JUNK, NOT_TEXT, Spec, arrays, axes, bools, ints, reals, texts

IMAGE_4 = np.array([[1, 0, 2, 1], [0, 1, 1, 0], [2, 1, 0, 1], [1, 0, 1, 2]], dtype=float)
KERNEL_2 = np.array([[1.0, -1.0], [0.5, 0.0]])
KERNEL_3 = np.array([[1, -1, -1], [-1, 1, -1], [-1, -1, 1]], dtype=float)
MAP_3 = np.array([[0.0, 0.5, 1.0], [0.25, 0.0, 0.75], [1.0, 0.5, 0.0]])
PHOTO_RGB = np.random.default_rng(0).integers(0, 256, (4, 4, 3)).astype(np.uint8)
EVENTS = [(1943, "McCulloch & Pitts", "the first artificial neuron"), (1958, "Rosenblatt", "the perceptron")]
TITLES = st.sampled_from(["t", "", None, 3, ["a"], b"t", object()])


def series(n=3):
    """{label: values} dicts with values of the right length or not, or junk instead of a dict."""
    values = st.one_of(arrays(1, max_side=4), arrays(2, max_side=3), st.sampled_from(JUNK))
    return st.one_of(
        st.dictionaries(st.sampled_from(["a", "b", 3, None]), values, min_size=0, max_size=7),
        st.just({"a": np.arange(n, dtype=float)}),
        st.sampled_from(JUNK),
        arrays(1, max_side=4),
    )


FORMATS = st.sampled_from(["{:.2f}", "{:.0%}", "{:d}", "{}{}", "{x}", "%d", "", 3, None, b"{}"])


def pair():
    """One (i, j) pair, or a near miss: wrong length, floats, junk."""
    return st.one_of(
        st.tuples(ints(-1, 4), ints(-1, 4)),
        st.lists(st.integers(-1, 4), min_size=0, max_size=3),
        st.sampled_from([5, "00", None, (0.0, 1.0), (0, 1, 2), np.array([0, 1])]),
    )


def pairs(max_size=7):
    """Lists of positions (valid and not), or junk instead of a list."""
    return st.one_of(
        st.lists(pair(), min_size=0, max_size=max_size),
        st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=3),
        st.sampled_from(JUNK),
        arrays(2, max_side=3),
    )


def names(count):
    """Lists of names of about ``count`` entries, some not text, or junk instead of a list."""
    return st.one_of(
        st.lists(st.sampled_from(["a", "", 3, None, b"x", ["a"]]), min_size=0, max_size=count + 1),
        st.sampled_from([None, "abc", 5, object(), np.array(["a", "b"])]),
    )


def events():
    year = st.one_of(st.integers(900, 2200), st.sampled_from([1943.0, "1943", None, True, 10**12]))
    text = st.one_of(st.sampled_from(["who", "what it did", "", "  "]), st.sampled_from(NOT_TEXT))
    event = st.one_of(
        st.tuples(year, text, text),
        st.lists(st.sampled_from([1943, "a"]), max_size=4),
        st.sampled_from(JUNK),
    )
    return st.one_of(st.lists(event, min_size=0, max_size=13), st.sampled_from(JUNK))


def _votes(draw_score):
    return st.one_of(
        st.dictionaries(st.sampled_from(["X", "O", 1, None]), draw_score, min_size=0, max_size=3),
        st.sampled_from([None, [0.6, 0.5], "X", 5, {}]),
    )


def shift_row():
    """One row of ``show_shift_rows``: the good row with one entry replaced, removed or junk."""
    good = _shift_rows()[0]
    entry = st.sampled_from(["label", "image", "shifted", "maps", "compared", "mark_max"])
    values = {
        "label": TITLES,
        "image": arrays(2, max_side=4),
        "shifted": arrays(2, max_side=4),
        "maps": st.one_of(
            st.lists(st.tuples(TITLES, arrays(2, max_side=4)), max_size=3),
            st.lists(st.lists(st.sampled_from(["f", MAP_3]), max_size=3), max_size=3),
            st.sampled_from(JUNK),
        ),
        "compared": st.one_of(
            st.tuples(TITLES, arrays((0, 2), max_side=3), arrays((0, 2), max_side=3)),
            st.lists(st.sampled_from(["d", MAP_3, 1.0]), max_size=4),
            st.sampled_from(JUNK),
        ),
        "mark_max": bools(),
    }

    @st.composite
    def changed(draw):
        row = dict(good)
        key = draw(entry)
        if draw(st.integers(0, 4)) == 0:
            row.pop(key, None)
        else:
            row[key] = draw(values[key])
        return row

    return st.one_of(changed(), st.sampled_from(JUNK))


def _shift_rows():
    shifted = np.roll(MAP_3, 1, axis=1)
    return [
        dict(
            label="equivariant",
            image=MAP_3,
            shifted=shifted,
            maps=[("f(x)", 2 * MAP_3), ("f(g x)", 2 * shifted)],
            compared=("f(g x) - g f(x)", 2 * shifted, np.roll(2 * MAP_3, 1, axis=1)),
        ),
        dict(
            label="invariant",
            image=MAP_3,
            shifted=shifted,
            maps=[("f(x)", MAP_3), ("f(g x)", shifted)],
            compared=("max", MAP_3.max(), shifted.max()),
            mark_max=True,
        ),
    ]


def _pipeline():
    """A tiny pipeline: a 4 x 4 image, two 2 x 2 maps, their ReLU, 1 x 1 pooled maps, two votes."""
    maps = np.array([[[0.5, -0.25], [1.0, 0.0]], [[-1.0, 0.75], [0.25, 0.5]]])
    rectified = np.maximum(maps, 0)
    pooled = rectified.max(axis=(1, 2), keepdims=True)
    return dict(
        image=IMAGE_4,
        maps=maps,
        rectified=rectified,
        pooled=pooled,
        votes={"X": 0.66, "O": 0.57},
        feature_names=("a", "b"),
    )


def _volume():
    """A 4 x 4 x 3 photo, a 2 x 2 x 3 kernel, its three 3 x 3 slice maps, the bias and their sum."""
    kernel = np.stack([KERNEL_2, -KERNEL_2, KERNEL_2.T], axis=2)
    slice_maps = np.array([MAP_3, -MAP_3, MAP_3.T])
    return dict(
        photo=PHOTO_RGB,
        kernel=kernel,
        slice_maps=slice_maps,
        bias=0.25,
        layer_map=slice_maps.sum(axis=0) + 0.25,
        size=1.0,
    )


def _heat_axes():
    """Two panels of one pyplot figure, or junk: wrong count, not Axes, panels of a figure outside pyplot."""
    return st.one_of(
        st.just(None),
        st.builds(lambda: plotting.new_figure(2, 1, size=1.0)[1]),
        st.builds(lambda: plotting.new_figure(3, 1, size=1.0)[1]),
        st.builds(lambda: [Figure().add_subplot(), Figure().add_subplot()]),
        st.lists(axes(), min_size=2, max_size=2),
        st.sampled_from(JUNK),
    )


def _layer_fields():
    image = np.arange(36.0).reshape(6, 6)
    return dict(
        image=image,
        maps=[MAP_3, MAP_3[:2, :2]],
        units=[(1, 2), (0, 1)],
        fields=[(2, 1), (3, 2)],
        names=["conv1", "conv2"],
        size=1.0,
    )


def _top_patches():
    images = np.random.default_rng(1).random((2, 2, 4, 4))
    boxes = np.array([[[0, 0, 2], [2, 2, 2]], [[0, 1, 3], [1, 0, 3]]])
    return dict(images=images, boxes=boxes, values=np.array([[0.5, 0.25], [2.0, 1.5]]), row_labels=["a", "b"], size=0.5)


SPECS = [
    # ---------------------------------------------------------------- steps
    Spec(
        "plotting.convolution_step",
        plotting.convolution_step,
        lambda: dict(image=IMAGE_4, kernel=KERNEL_2, i=1, j=2),
        dict(image=arrays(2), kernel=arrays(2, max_side=3), i=ints(), j=ints()),
        examples=100,
    ),
    Spec(
        "plotting.show_convolution_steps",
        plotting.show_convolution_steps,
        lambda: dict(image=IMAGE_4[:3, :3], kernel=KERNEL_2, positions=[(0, 0), (1, 1)], size=1.0),
        dict(image=arrays(2, max_side=4), kernel=arrays(2, max_side=3), positions=pairs(), size=reals()),
        examples=15,
    ),
    # ---------------------------------------------------------------- history
    Spec(
        "plotting.show_timeline",
        plotting.show_timeline,
        lambda: dict(events=EVENTS, title="t", width=4.0),
        dict(events=events(), title=TITLES, width=reals()),
        examples=15,
    ),
    Spec(
        "plotting.neuron_output",
        plotting.neuron_output,
        lambda: dict(x=[1.0, 0.5], theta=[0.25, -1.0], b=0.5, activation="sigmoid"),
        dict(
            x=arrays(1, max_side=3),
            theta=arrays(1, max_side=3),
            b=reals(),
            activation=texts(*plotting.ACTIVATIONS),
        ),
        examples=100,
    ),
    Spec(
        "plotting.show_neuron",
        plotting.show_neuron,
        lambda: dict(x=[1.0, 0.5], theta=[0.25, -1.0], b=0.5, activation="relu", width=4.0),
        dict(
            x=arrays(1, max_side=6),
            theta=arrays(1, max_side=6),
            b=reals(),
            activation=texts(*plotting.ACTIVATIONS),
            width=reals(),
        ),
        examples=15,
    ),
    # ---------------------------------------------------------------- geometry
    Spec(
        "plotting.show_padding_and_stride",
        plotting.show_padding_and_stride,
        lambda: dict(image=IMAGE_4[:3, :3], kernel=KERNEL_2, padding=1, strides=(1, 2)),
        dict(
            image=arrays(2, max_side=4),
            kernel=arrays(2, max_side=3),
            padding=ints(),
            strides=st.one_of(st.lists(ints(), min_size=0, max_size=4), st.sampled_from(JUNK)),
        ),
        examples=15,
    ),
    Spec(
        "plotting.show_depth",
        plotting.show_depth,
        lambda: dict(x=PHOTO_RGB[:3, :3, :2].astype(float), filters=np.ones((2, 2, 2, 2)), size=4.0),
        dict(x=arrays(3, max_side=4), filters=arrays(4, max_side=3), size=reals()),
        examples=15,
    ),
    Spec(
        "plotting.show_one_by_one",
        plotting.show_one_by_one,
        lambda: dict(x=PHOTO_RGB[:2, :3, :2].astype(float), weights=[1.0, -0.5], row=1, col=2),
        dict(x=arrays(3, max_side=3), weights=arrays(1, max_side=3), row=ints(), col=ints()),
        examples=15,
    ),
    Spec(
        "plotting.show_im2col",
        plotting.show_im2col,
        lambda: dict(image=IMAGE_4[:3, :3], kernel=KERNEL_2, highlight=(0, -1), cell=0.2),
        dict(
            image=arrays(2, max_side=5),
            kernel=arrays(2, max_side=3),
            highlight=st.one_of(st.lists(ints(-5, 5), max_size=5), st.sampled_from(JUNK)),
            cell=reals(),
        ),
        examples=15,
    ),
    # ---------------------------------------------------------------- pipeline
    Spec(
        "plotting.printed_labels",
        plotting.printed_labels,
        lambda: dict(values=MAP_3),
        dict(values=arrays(2)),
        examples=80,
    ),
    Spec(
        "plotting.show_xo_pipeline",
        plotting.show_xo_pipeline,
        _pipeline,
        dict(
            image=arrays(2, max_side=4),
            maps=arrays(3, max_side=3),
            rectified=arrays(3, max_side=3),
            pooled=arrays(3, max_side=3),
            votes=_votes(st.one_of(reals(), arrays((0, 1), max_side=2))),
            feature_names=names(2),
        ),
        examples=15,
    ),
    Spec(
        "plotting.local_vs_full_counts",
        plotting.local_vs_full_counts,
        lambda: dict(height=6, width=6, size=3),
        dict(height=ints(), width=ints(), size=ints()),
        examples=100,
    ),
    Spec(
        "plotting.show_local_vs_full",
        plotting.show_local_vs_full,
        lambda: dict(image=IMAGE_4[:3], kernel=KERNEL_2, positions=[(0, 0), (1, 2)]),
        dict(image=arrays(2, max_side=5), kernel=arrays(2, max_side=4), positions=pairs(max_size=4)),
        examples=15,
    ),
    # ---------------------------------------------------------------- maps
    Spec("plotting.measured_text", plotting.measured_text, lambda: dict(value=0.25), dict(value=reals()), examples=80),
    Spec(
        "plotting.show_shift_rows",
        plotting.show_shift_rows,
        lambda: dict(rows=_shift_rows(), size=0.6),
        dict(
            rows=st.one_of(st.lists(shift_row(), min_size=0, max_size=2), st.sampled_from(JUNK)),
            size=reals(),
        ),
        examples=20,
    ),
    Spec(
        "plotting.show_heat_tiles",
        plotting.show_heat_tiles,
        lambda: dict(
            images=[MAP_3, MAP_3.T],
            heats=[MAP_3, MAP_3[:2, :2]],
            titles=["a", "b"],
            axes=plotting.new_figure(2, 1, size=1.0)[1],
            extent=None,
            vmax=None,
            label="heat",
            size=1.0,
        ),
        dict(
            images=st.one_of(st.lists(arrays(2, max_side=4), max_size=3), arrays(3, max_side=3)),
            heats=st.one_of(st.lists(arrays(2, max_side=4), max_size=3), arrays(3, max_side=3)),
            titles=st.one_of(st.none(), names(2)),
            axes=_heat_axes(),
            extent=st.one_of(st.none(), st.lists(reals(), min_size=0, max_size=5), st.sampled_from(JUNK)),
            vmax=st.one_of(st.none(), reals()),
            label=TITLES,
            size=reals(),
        ),
        examples=20,
    ),
    # ---------------------------------------------------------------- channels
    Spec(
        "plotting.channel_colours",
        plotting.channel_colours,
        lambda: dict(photo=PHOTO_RGB, channel=1),
        dict(photo=arrays(3, max_side=4, exact=(2, 3, 3)), channel=ints()),
        examples=80,
    ),
    Spec(
        "plotting.show_channels",
        plotting.show_channels,
        lambda: dict(photo=PHOTO_RGB, title="photo", size=1.0),
        dict(photo=arrays(3, max_side=4, exact=(2, 3, 3)), title=TITLES, size=reals()),
        examples=15,
    ),
    Spec(
        "plotting.show_volume_filter",
        plotting.show_volume_filter,
        _volume,
        dict(
            photo=arrays(3, max_side=4, exact=(3, 3, 3)),
            kernel=arrays(3, max_side=3, exact=(2, 2, 3)),
            slice_maps=arrays(3, max_side=3, exact=(3, 3, 3)),
            bias=reals(),
            layer_map=arrays(2, max_side=3, exact=(3, 3)),
            size=reals(),
        ),
        examples=15,
    ),
    Spec(
        "plotting.show_layer_fields",
        plotting.show_layer_fields,
        _layer_fields,
        dict(
            image=arrays(2, max_side=6),
            maps=st.one_of(st.lists(arrays(2, max_side=3), max_size=3), st.sampled_from(JUNK)),
            units=arrays(2, max_side=3, exact=(2, 2)),
            fields=arrays(2, max_side=3, exact=(2, 2)),
            names=names(2),
            size=reals(),
        ),
        examples=20,
    ),
    Spec(
        "plotting.show_top_patches",
        plotting.show_top_patches,
        _top_patches,
        dict(
            images=arrays(4, max_side=3, exact=(2, 2, 4, 4)),
            boxes=arrays(3, max_side=3, exact=(2, 2, 3)),
            values=arrays(2, max_side=3, exact=(2, 2)),
            row_labels=names(2),
            size=reals(),
        ),
        examples=20,
    ),
    # ---------------------------------------------------------------- experiments
    Spec(
        "plotting.show_measured",
        plotting.show_measured,
        lambda: dict(
            x=[1.0, 2.0, 3.0],
            series={"a": [0.5, 0.6, 0.7], "b": [[0.4, 0.5, 0.6], [0.5, 0.6, 0.8]]},
            xlabel="x",
            ylabel="y",
            title="t",
            logx=True,
            fmt="{:.0%}",
            annotate=True,
            reference=(0.5, "chance"),
        ),
        dict(
            x=arrays(1, max_side=4),
            series=series(),
            xlabel=TITLES,
            ylabel=TITLES,
            title=TITLES,
            logx=bools(),
            fmt=FORMATS,
            annotate=bools(),
            reference=st.sampled_from([None, (2.3, "g"), 2.3, ("a", "b"), (1.0,), (np.nan, "x"), (1.0, 5), "ab"]),
        ),
        examples=10,
    ),
    Spec(
        "plotting.show_approximations",
        plotting.show_approximations,
        lambda: dict(x=[-1.0, 0.0, 1.0], target=[0.0, 1.0, 0.0], fits={"one": [0.1, 0.9, 0.1]}, title="t"),
        dict(x=arrays(1, max_side=4), target=arrays(1, max_side=4), fits=series(), title=TITLES),
        examples=10,
    ),
    Spec(
        "plotting.show_ensemble",
        plotting.show_ensemble,
        lambda: dict(members=[0.9, 0.92, 0.91], ensemble=0.94, title="t", fmt="{:.1%}"),
        dict(
            members=arrays(1, max_side=5), ensemble=st.one_of(reals(), arrays(1, max_side=2)), title=TITLES, fmt=FORMATS
        ),
        examples=10,
    ),
]
