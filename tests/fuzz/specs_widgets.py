"""Fuzz specs for ``helpers.widgets``: the tools' logic, no browser.

A method's spec builds a fresh tool with good settings, then calls the method
with the fuzzed arguments."""

import numpy as np
from hypothesis import strategies as st
from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from helpers import kernels, plotting, widgets, xo
from helpers.widgets import display, feature_maps, stepper
from tests.fuzz.engine import (
    IMAGE_ALIASES,
    PHOTO,
    SIZE_ALIASES,
    SMALL,
    X_ALIASES,
    Spec,
    arrays,
    env_values,
    ints,
    paddings,
    reals,
    start_keras,
    texts,
    tiny_model,
    with_env,
)


def refused(returned_ok: bool, message: str):
    """Tools that refuse a setting with a message instead of raising: turn
    the refusal into a ValueError so the message is checked like one."""
    if not returned_ok:
        raise ValueError(message)


def kernel_explorer():
    return widgets.KernelExplorer(PHOTO, kernel="identity")


def conv_stepper():
    return widgets.ConvolutionStepper(np.arange(16.0).reshape(4, 4), np.ones((2, 2)))


def pooling_explorer():
    return widgets.PoolingExplorer(SMALL)


def models():
    return st.one_of(
        st.builds(tiny_model),
        st.builds(lambda: tiny_model("dense")),
        st.sampled_from([None, 3, "model", lambda x: x, object()]),
    )


def feature_explorer():
    return widgets.FeatureMapExplorer(tiny_model(), np.ones((3, 6, 6, 1)), labels=[0, 1, 2])


SPECS = [
    Spec(
        "widgets.parse_number",
        widgets.parse_number,
        lambda: dict(text="1/9"),
        dict(
            text=st.one_of(
                texts("1/9", "-0.5", "3"),
                st.sampled_from(["1e400", "-1e400", "1/0", "nan", "inf", "1,5", "9" * 5000, "0x10", "1_000"]),
            )
        ),
        aliases={"text": ("text", "number", "empty", "cell")},
        examples=100,
    ),
    Spec(
        "widgets.KernelExplorer",
        widgets.KernelExplorer,
        lambda: dict(image=PHOTO, kernel="sharpen", scaling="absolute"),
        dict(
            image=arrays(2, max_side=9),
            kernel=st.one_of(texts(*kernels.GALLERY), arrays(2, max_side=5)),
            scaling=texts(*plotting.SCALINGS),
        ),
        aliases={"kernel": ("kernel", "preset")},
        examples=80,
    ),
    Spec(
        "widgets.KernelExplorer.choose_preset",
        lambda name: kernel_explorer().choose_preset(name),
        lambda: dict(name="sharpen"),
        dict(name=texts(*kernels.GALLERY)),
        aliases={"name": ("name", "preset")},
        examples=60,
    ),
    Spec(
        "widgets.KernelExplorer.set_kernel",
        lambda kernel: kernel_explorer().set_kernel(kernel),
        lambda: dict(kernel=np.ones((3, 3))),
        dict(kernel=arrays(2, max_side=5)),
        examples=80,
    ),
    Spec(
        "widgets.KernelExplorer.set_cell",
        lambda row, col, text: refused((ex := kernel_explorer()).set_cell(row, col, text), ex.message),
        lambda: dict(row=1, col=2, text="-1"),
        dict(
            row=ints(), col=ints(), text=st.one_of(texts("1/9", "-0.5", "3"), st.sampled_from(["1e400", "1/0", "nan"]))
        ),
        aliases={"text": ("text", "number", "empty", "cell")},
        examples=100,
    ),
    Spec(
        "widgets.KernelExplorer.set_scaling",
        lambda mode: kernel_explorer().set_scaling(mode),
        lambda: dict(mode="clip"),
        dict(mode=texts(*plotting.SCALINGS)),
        aliases={"mode": ("mode", "scaling")},
        examples=60,
    ),
    Spec(
        "widgets.ConvolutionStepper",
        widgets.ConvolutionStepper,
        lambda: dict(
            image=np.arange(16.0).reshape(4, 4), kernel=np.ones((3, 3)), stride=1, padding=1, divide_by=9, bias=-1.0
        ),
        dict(
            image=arrays(2, max_side=6),
            kernel=arrays(2, max_side=4),
            stride=ints(),
            padding=paddings(),
            divide_by=reals(),
            bias=reals(),
        ),
        aliases={"image": IMAGE_ALIASES},
        examples=100,
    ),
    Spec(
        "widgets.ConvolutionStepper.go_to",
        lambda position: conv_stepper().go_to(position),
        lambda: dict(position=3),
        dict(position=ints()),
        examples=60,
    ),
    Spec(
        "widgets.ConvolutionStepper.step",
        lambda by: conv_stepper().step(by),
        lambda: dict(by=2),
        dict(by=ints()),
        examples=60,
    ),
    Spec(
        "widgets.ConvArithmeticCalculator",
        widgets.ConvArithmeticCalculator,
        lambda: dict(w=32, f=5, p=2, s=1, d_in=3, k=10),
        dict(w=ints(), f=ints(), p=ints(), s=ints(), d_in=ints(), k=ints()),
        examples=100,
    ),
    Spec(
        "widgets.ConvArithmeticCalculator.set",
        lambda setting, value: widgets.ConvArithmeticCalculator().set(**{setting: value}),
        lambda: dict(setting="s", value=2),
        # setting names are keywords, so always strings here
        dict(
            setting=st.one_of(st.sampled_from(["w", "f", "p", "s", "d_in", "k"]), st.text("dfikpsw_ ", max_size=4)),
            value=ints(-3, 300),
        ),
        aliases={"setting": ("setting",), "value": ("w", "f", "p", "s", "d_in", "k")},
        examples=100,
        classic=False,
    ),
    Spec(
        "widgets.PoolingExplorer",
        widgets.PoolingExplorer,
        lambda: dict(x=SMALL, size=2, stride=None, mode="average", padding="same"),
        dict(
            x=arrays(2, max_side=6),
            size=ints(),
            stride=st.one_of(st.none(), ints()),
            mode=texts("max", "average", "L2"),
            padding=paddings(),
        ),
        aliases={"x": X_ALIASES, "size": SIZE_ALIASES},
        examples=100,
    ),
    Spec(
        "widgets.PoolingExplorer.set",
        lambda **settings: refused((ex := pooling_explorer()).set(**settings), ex.message),
        lambda: dict(),
        dict(size=ints(), stride=ints(), mode=texts("max", "average", "L2"), padding=paddings()),
        aliases={"size": SIZE_ALIASES},
        examples=100,
    ),
    Spec(
        "widgets.PoolingExplorer.select",
        lambda row, col: pooling_explorer().select(row, col),
        lambda: dict(row=1, col=0),
        dict(row=ints(), col=ints()),
        examples=60,
    ),
    Spec(
        "widgets.XODrawingPad",
        widgets.XODrawingPad,
        lambda: dict(image=xo.O, classifiers={"same": xo.vote}),
        dict(
            image=arrays(2, max_side=9, exact=(9, 9)),
            classifiers=st.one_of(
                st.none(),
                st.sampled_from([{}, {"bad": 5}, {"odd": lambda image: 1 / 0}, [xo.vote], 5, "abc", {3: xo.vote}]),
            ),
        ),
        examples=60,
    ),
    Spec(
        "widgets.XODrawingPad.set_image",
        lambda image: widgets.XODrawingPad().set_image(image),
        lambda: dict(image=xo.O),
        dict(image=arrays(2, max_side=9, exact=(9, 9))),
        examples=60,
    ),
    Spec(
        "widgets.XODrawingPad.toggle",
        lambda row, col: widgets.XODrawingPad().toggle(row, col),
        lambda: dict(row=4, col=0),
        dict(row=ints(), col=ints()),
        examples=60,
    ),
    Spec(
        "widgets.keras_classifier",
        widgets.keras_classifier,
        lambda: dict(model=lambda x: np.array([[0.3, 0.7]])),
        dict(model=st.sampled_from([None, 3, "model"])),
        examples=10,
    ),
    Spec(
        "widgets.FeatureMapExplorer",
        widgets.FeatureMapExplorer,
        lambda: dict(model=tiny_model(), images=np.ones((2, 6, 6, 1)), labels=["a", "b"], max_maps=2),
        dict(
            model=models(),
            images=arrays(4, max_side=6, exact=(2, 6, 6, 1)),
            labels=st.one_of(st.none(), arrays((0, 1, 2), max_side=3)),
            max_maps=ints(),
        ),
        examples=40,
        warm_up=start_keras,
    ),
    Spec(
        "widgets.FeatureMapExplorer.choose",
        lambda index, layer: feature_explorer().choose(index, layer),
        lambda: dict(index=2, layer="p1"),
        dict(index=st.one_of(st.none(), ints()), layer=st.one_of(st.none(), texts("c1", "p1"))),
        examples=40,
        warm_up=start_keras,
    ),
    Spec(
        "widgets.feature_maps.tile",
        feature_maps.tile,
        lambda: dict(maps=np.ones((4, 4, 3)), tile_px=8, columns=2),
        dict(maps=arrays(3, max_side=4), tile_px=ints(), columns=ints()),
        examples=80,
    ),
    Spec(
        "widgets.html_grid",
        stepper.html_grid,
        lambda: dict(values=SMALL, labels=None, highlight=None, vmax=None),
        dict(
            values=arrays(2, max_side=4),
            labels=st.one_of(
                st.none(),
                st.lists(st.lists(st.sampled_from(["a", "", 3]), min_size=1, max_size=4), min_size=1, max_size=4),
                st.sampled_from(["abc", 5]),
            ),
            highlight=st.one_of(st.none(), arrays(2, max_side=4)),
            vmax=st.one_of(st.none(), reals()),
        ),
        examples=80,
    ),
    Spec("widgets.to_jpeg", widgets.to_jpeg, lambda: dict(gray=PHOTO), dict(gray=arrays(2, max_side=6)), examples=60),
    Spec(
        "widgets.figure_png",
        lambda fig: widgets.figure_png(fig() if callable(fig) else fig),
        lambda: dict(fig=lambda: plt.figure(figsize=(1, 1))),
        dict(fig=st.sampled_from([None, 3, "fig", lambda: Figure().add_subplot(), object()])),
        examples=15,
    ),
    Spec(
        "widgets.widget_frontend_expected (COURSE_WIDGETS)",
        lambda value: with_env("COURSE_WIDGETS", value, display.widget_frontend_expected),
        lambda: dict(value="static"),
        dict(value=env_values("auto", "live", "static", "")),
        aliases={"value": ("COURSE_WIDGETS",)},
        examples=40,
        classic=False,
    ),
]
