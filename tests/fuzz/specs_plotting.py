"""Fuzz specs for ``helpers.plotting``: each draws into a fresh Axes (or junk for ``ax``)."""

import numpy as np
from hypothesis import strategies as st
from matplotlib.figure import Figure

from helpers import kernels, plotting
from tests.fuzz.engine import JUNK, NOT_TEXT, PHOTO, SMALL, Spec, arrays, axes, bools, ints, reals, texts

SPECS = [
    Spec(
        "plotting.new_figure",
        plotting.new_figure,
        lambda: dict(ncols=2, nrows=1, size=2.0),
        dict(ncols=ints(), nrows=ints(), size=reals()),
        examples=40,
    ),
    Spec(
        "plotting.scale_for_display",
        plotting.scale_for_display,
        lambda: dict(values=SMALL, mode="symmetric"),
        dict(values=arrays(2), mode=texts(*plotting.SCALINGS)),
        examples=120,
    ),
    Spec(
        "plotting.show_image",
        plotting.show_image,
        lambda: dict(image=PHOTO, title="photo", ax=Figure().add_subplot(), scaling=None, size=2.0),
        dict(
            image=arrays(2),
            title=st.sampled_from(["t", "", None, 3, ["a"]]),
            ax=axes(),
            scaling=st.one_of(st.none(), texts(*plotting.SCALINGS)),
            size=reals(),
        ),
        aliases={"ax": ("ax", "axes")},
        examples=40,
    ),
    Spec(
        "plotting.show_images",
        plotting.show_images,
        lambda: dict(images=[PHOTO, SMALL], titles=["a", "b"], ncols=2, scaling=None, size=1.0),
        dict(
            images=st.one_of(st.lists(arrays(2), min_size=0, max_size=3), arrays(3, max_side=3), st.sampled_from(JUNK)),
            titles=st.one_of(
                st.none(), st.lists(st.sampled_from(["a", "", 3]), max_size=3), st.sampled_from([5, "ab", object()])
            ),
            ncols=st.one_of(st.none(), ints()),
            scaling=st.one_of(
                st.none(), texts(*plotting.SCALINGS), st.lists(st.sampled_from([None, "clip", "bad"]), max_size=3)
            ),
            size=reals(),
        ),
        aliases={"images": ("images", "image")},
        examples=25,
    ),
    Spec(
        "plotting.show_patch",
        plotting.show_patch,
        lambda: dict(image=PHOTO, top=1, left=2, size=4, title="photo"),
        dict(image=arrays(2, max_side=9), top=ints(), left=ints(), size=ints(), title=st.sampled_from(["t", None, 3])),
        examples=30,
    ),
    Spec(
        "plotting.show_matrix",
        plotting.show_matrix,
        lambda: dict(
            matrix=SMALL[:3, :3], title="m", ax=Figure().add_subplot(), fmt=None, labels=None, cell_size=0.5, vmax=None
        ),
        dict(
            matrix=arrays(2, max_side=4),
            title=st.sampled_from(["t", None, 3]),
            ax=axes(),
            fmt=st.one_of(
                st.sampled_from([None, ".2f", ".1e", "g", "d", "s", "q", "", "{}", ".-3f"]), st.sampled_from(NOT_TEXT)
            ),
            labels=st.one_of(
                st.none(),
                st.lists(
                    st.lists(st.sampled_from(["a", "1/9", "", 3, None]), min_size=1, max_size=4), min_size=1, max_size=4
                ),
                st.sampled_from(["abc", 5, [["a"]], [[]], np.array([["a", "b", "c"]] * 3)]),
            ),
            cell_size=reals(),
            vmax=st.one_of(st.none(), reals()),
        ),
        aliases={"ax": ("ax", "axes")},
        examples=40,
    ),
    Spec("plotting.format_number", plotting.format_number, lambda: dict(value=0.25), dict(value=reals()), examples=100),
    Spec(
        "plotting.kernel_labels",
        plotting.kernel_labels,
        lambda: dict(kernel=kernels.BOX_3X3),
        dict(kernel=arrays(2)),
        examples=80,
    ),
    Spec(
        "plotting.show_kernel",
        plotting.show_kernel,
        lambda: dict(kernel=kernels.SHARPEN, title="k", ax=Figure().add_subplot()),
        dict(kernel=arrays(2, max_side=4), title=st.sampled_from(["t", None, 3]), ax=axes()),
        aliases={"ax": ("ax", "axes")},
        examples=30,
    ),
    Spec(
        "plotting.show_filtering",
        plotting.show_filtering,
        lambda: dict(
            image=PHOTO, kernel=kernels.IDENTITY, output=SMALL, titles=("a", "b", "c"), scaling="symmetric", size=1.5
        ),
        dict(
            image=arrays(2),
            kernel=arrays(2, max_side=3),
            output=arrays(2),
            titles=st.one_of(st.lists(st.sampled_from(["a", "", None]), max_size=4), st.sampled_from([None, "abc", 5])),
            scaling=texts(*plotting.SCALINGS),
            size=reals(),
        ),
        examples=20,
    ),
    Spec(
        "plotting.show_grouped_bars",
        plotting.show_grouped_bars,
        lambda: dict(
            values={"a": [1, 2, 3], "b": [3, 2, 1]},
            categories=["x", "y", "z"],
            title="t",
            ylabel="y",
            ax=Figure().add_subplot(),
        ),
        dict(
            values=st.one_of(
                st.dictionaries(st.sampled_from(["a", "b", 1]), arrays(1, max_side=4), max_size=2),
                st.sampled_from([None, [1, 2, 3], "abc", 5]),
            ),
            categories=st.one_of(
                st.lists(st.sampled_from(["x", "y", 1]), max_size=4), st.sampled_from([None, 5, "xyz", object()])
            ),
            title=st.sampled_from(["t", None, 3]),
            ylabel=st.sampled_from(["y", None, 3]),
            ax=axes(),
        ),
        aliases={"ax": ("ax", "axes")},
        examples=25,
    ),
    Spec(
        "plotting.show_curves",
        plotting.show_curves,
        lambda: dict(
            curves={"loss": [3, 2, 1]}, title="t", xlabel="epoch", ylabel="loss", ax=Figure().add_subplot(), log=False
        ),
        dict(
            curves=st.one_of(
                st.dictionaries(st.sampled_from(["a", "b", 1]), arrays(1, max_side=5), max_size=2),
                st.sampled_from([None, [1, 2], "abc", 5]),
            ),
            title=st.sampled_from(["t", None, 3]),
            xlabel=st.sampled_from(["x", None, 3]),
            ylabel=st.sampled_from(["y", None, 3]),
            ax=axes(),
            log=bools(),
        ),
        aliases={"ax": ("ax", "axes")},
        examples=25,
    ),
    Spec(
        "plotting.confusion_matrix",
        plotting.confusion_matrix,
        lambda: dict(y_true=[0, 1, 2, 1], y_pred=[0, 2, 2, 1], n_classes=3),
        dict(y_true=arrays((1, 2), max_side=4), y_pred=arrays((1, 2), max_side=4), n_classes=ints()),
        examples=120,
    ),
    Spec(
        "plotting.show_confusion_matrix",
        plotting.show_confusion_matrix,
        lambda: dict(
            y_true=[0, 1, 1], y_pred=[0, 1, 0], class_names=["cat", "dog"], title="t", ax=Figure().add_subplot()
        ),
        dict(
            y_true=arrays(1, max_side=4),
            y_pred=arrays(1, max_side=4),
            class_names=st.one_of(
                st.none(),
                st.lists(st.sampled_from(["cat", "dog", "", 3]), max_size=3),
                st.sampled_from(["abc", 5, object()]),
            ),
            title=st.sampled_from(["t", None, 3]),
            ax=axes(),
        ),
        aliases={"ax": ("ax", "axes")},
        examples=25,
    ),
    Spec(
        "plotting.show_history",
        plotting.show_history,
        lambda: dict(history={"loss": [1.0, 0.5], "val_loss": [1.2, 0.7], "accuracy": [0.5, 0.8]}, title="t"),
        dict(
            history=st.one_of(
                st.dictionaries(
                    st.sampled_from(["loss", "val_loss", "accuracy", "other"]), arrays(1, max_side=4), max_size=3
                ),
                st.sampled_from([None, 5, "loss", [1, 2], type("H", (), {"history": 5})()]),
            ),
            title=st.sampled_from(["t", None, 3]),
        ),
        examples=20,
    ),
]
