"""Fuzz specs for ``helpers.config`` and ``helpers.presenter``: the settings."""

from hypothesis import strategies as st

from helpers import config, presenter
from tests.fuzz.engine import JUNK, Spec, bools, env_values, ints, reals, start_keras, texts, with_env


def presenter_then_reset(on, scale):
    try:
        presenter.presenter_mode(on, scale)
    finally:
        presenter.presenter_mode(False)


def keep_hash_seed(monkeypatch, tmp_path):
    monkeypatch.delenv("PYTHONHASHSEED", raising=False)  # set_seed sets it; restored after the test


SPECS = [
    Spec(
        "config.env_flag",
        config.env_flag,
        lambda: dict(name="COURSE_OFFLINE"),
        dict(name=texts("COURSE_OFFLINE")),
        examples=60,
    ),
    Spec(
        "config.pick",
        config.pick,
        lambda: dict(full=15, fast=2),
        dict(full=st.sampled_from(JUNK), fast=st.sampled_from(JUNK)),
        examples=20,
    ),
    Spec(
        "config.fast_mode (COURSE_FAST)",
        lambda value: with_env("COURSE_FAST", value, config.fast_mode),
        lambda: dict(value="1"),
        dict(value=env_values("1", "0", "true", "off", "")),
        aliases={"value": ("COURSE_FAST",)},
        examples=60,
        classic=False,
    ),
    Spec(
        "config.keras_verbose (COURSE_FAST)",
        lambda value: with_env("COURSE_FAST", value, config.keras_verbose),
        lambda: dict(value="0"),
        dict(value=env_values("1", "0")),
        aliases={"value": ("COURSE_FAST",)},
        examples=30,
        classic=False,
    ),
    Spec(
        "config.set_seed",
        config.set_seed,
        lambda: dict(seed=0),
        dict(seed=ints()),
        examples=40,
        setup=keep_hash_seed,
        warm_up=start_keras,
    ),
    Spec(
        "presenter.presenter_mode",
        presenter_then_reset,
        lambda: dict(on=True, scale=1.5),
        dict(on=bools(), scale=reals()),
        examples=60,
    ),
]
