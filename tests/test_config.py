"""helpers.config: fast mode, seeds, quiet TensorFlow."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from helpers import config


@pytest.mark.parametrize(
    "value, expected", [("1", True), ("true", True), ("YES", True), ("0", False), ("", False), ("off", False)]
)
def test_fast_mode_reads_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("COURSE_FAST", value)
    assert config.fast_mode() is expected
    assert config.pick(full=15, fast=2) == (2 if expected else 15)


def test_fast_mode_is_off_by_default(monkeypatch):
    monkeypatch.delenv("COURSE_FAST", raising=False)
    assert config.fast_mode() is False


def test_a_typo_in_fast_mode_is_an_error_not_full_mode(monkeypatch):
    monkeypatch.setenv("COURSE_FAST", "ture")
    with pytest.raises(ValueError, match="COURSE_FAST='ture' is not understood"):
        config.fast_mode()


def test_set_seed_makes_numpy_and_keras_repeatable(keras):
    def draw():
        layer = keras.layers.Dense(3)
        layer.build((None, 4))
        return np.random.rand(3), np.asarray(layer.kernel), np.asarray(keras.random.normal((2,)))

    config.set_seed(7)
    first = draw()
    config.set_seed(7)
    second = draw()
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)
    config.set_seed(8)
    assert not np.array_equal(draw()[1], first[1])


def test_set_seed_restarts_layer_names_and_old_models_keep_working(keras):
    config.set_seed(0)
    old = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), keras.layers.Dense(2)])
    x = np.ones((1, 4), "float32")
    before = np.asarray(old(x))
    config.set_seed(0)  # a notebook run again: the same names as the first time
    new = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3), keras.layers.Dense(2)])
    assert [layer.name for layer in new.layers] == [layer.name for layer in old.layers] == ["dense", "dense_1"]
    np.testing.assert_array_equal(np.asarray(old(x)), before)
    np.testing.assert_array_equal(np.asarray(new(x)), before)  # same seed, same weights


@pytest.mark.parametrize(
    "bad, error", [(1.5, TypeError), ("1", TypeError), (True, TypeError), (-1, ValueError), (2**32, ValueError)]
)
def test_set_seed_refuses_bad_seeds(bad, error):
    with pytest.raises(error, match="seed must be"):
        config.set_seed(bad)


def test_importing_tensorflow_through_the_helpers_is_quiet():
    code = (
        "import helpers.config as c; tf = c.quiet_tensorflow(); "
        "import sys; print('stderr still works', file=sys.stderr); "
        "print(tf.nn.relu([-1.0, 2.0]).numpy())"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("TF_")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "[0. 2.]" in result.stdout
    assert result.stderr.strip() == "stderr still works"  # no oneDNN / CUDA notices, stderr restored


def test_keras_verbose_is_compact_under_ci_and_fast_mode(monkeypatch):
    monkeypatch.setenv("COURSE_FAST", "0")
    monkeypatch.delenv("CI", raising=False)
    assert config.keras_verbose() == 1
    monkeypatch.setenv("CI", "true")
    assert config.keras_verbose() == 2
    monkeypatch.delenv("CI")
    monkeypatch.setenv("COURSE_FAST", "1")
    assert config.keras_verbose() == 2


_DRAWS = (
    "import json, random, sys; import numpy as np; from helpers import config, environment; {before}"
    "config.set_seed(3); numpy_first = np.random.rand(2).tolist(); imported = 'tensorflow' in sys.modules; "
    "gpus = environment.gpu_names(); after_report = 'tensorflow' in sys.modules; "
    "config.quiet_tensorflow(); import keras; "
    "print(json.dumps([imported, after_report, numpy_first, np.random.rand(2).tolist(), random.random(), "
    "np.asarray(keras.random.normal((3,))).tolist()]))"
)


def _draws(before: str) -> list:
    done = subprocess.run([sys.executable, "-c", _DRAWS.format(before=before)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_numpy_lesson_seeds_and_reports_without_tensorflow_and_keras_still_gets_the_seed():
    # a NumPy lesson: set_seed and the environment report leave TensorFlow out of the kernel ...
    waiting = _draws(before="")
    assert waiting[:2] == [False, False]
    # ... and Keras, imported later, draws what it draws when TensorFlow was there from the start
    at_once = _draws(before="config.quiet_tensorflow(); ")
    assert at_once[:2] == [True, True]
    assert waiting[2:] == at_once[2:]
