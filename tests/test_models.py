"""helpers.models: every parameter count of the slides, the training helper's rules."""

from types import SimpleNamespace

import numpy as np
import pytest

from helpers import ops


@pytest.fixture(scope="module")
def models():
    """helpers.models, imported when the first test needs it: importing it
    imports TensorFlow (about 6 s), which a pytest-xdist worker that never
    runs these tests should not pay while collecting."""
    return pytest.importorskip("helpers.models")


def counts(model):
    return [layer.count_params() for layer in model.layers]


def shapes(model):
    return [tuple(layer.output.shape[1:]) for layer in model.layers]


def test_the_slides_mnist_model(models):
    m = models.mnist_slide_model()
    assert counts(m) == [320, 0, 18_496, 0, 36_928, 0, 36_928, 650]
    assert m.count_params() == 93_322
    assert shapes(m) == [(26, 26, 32), (13, 13, 32), (11, 11, 64), (5, 5, 64), (3, 3, 64), (576,), (64,), (10,)]
    assert counts(m)[:3:2] == [ops.conv_params(3, 1, 32), ops.conv_params(3, 32, 64)]
    assert counts(m)[6] == ops.dense_params(576, 64)


def test_the_25_50_model_and_the_dense_baseline(models):
    m = models.mnist_25_50_model()
    assert counts(m)[:5] == [250, 0, 11_300, 0, 0] and shapes(m)[4] == (1_250,)
    assert models.dense_baseline().count_params() == 23_860


def test_chollet_listing_and_lenet5(models):
    m = models.chollet_listing_8_1()
    assert isinstance(m.inputs[0], type(m.inputs[0])) and tuple(m.inputs[0].shape[1:]) == (28, 28, 1)
    assert m.count_params() == 320 + 18_496 + 73_856 + 11_530 == 104_202
    lenet = models.lenet5()
    assert counts(lenet) == [156, 0, 2_416, 0, 48_120, 0, 10_164, 850] and lenet.count_params() == 61_706
    assert shapes(lenet)[:5] == [(28, 28, 6), (14, 14, 6), (10, 10, 16), (5, 5, 16), (1, 1, 120)]


def test_recipe_networks_have_the_right_inputs_and_outputs(models):
    fast = models.mnist_fast_model()
    assert tuple(fast.inputs[0].shape[1:]) == (28, 28, 1) and tuple(fast.outputs[0].shape[1:]) == (10,)
    assert fast.count_params() == 93_322  # the slides' convnet: the shift layer has no weights
    cifar = models.cifar10_convnet(width=8)
    assert tuple(cifar.inputs[0].shape[1:]) == (32, 32, 3) and tuple(cifar.outputs[0].shape[1:]) == (10,)
    # augmentation layers are off at inference: the same input gives the same output
    x = np.random.default_rng(0).random((2, 28, 28, 1)).astype("float32")
    np.testing.assert_allclose(fast(x, training=False), fast(x, training=False))


def test_train_with_early_stopping_needs_validation_data(models):
    m = models.compile_model(models.dense_baseline, optimizer="sgd", hidden=4)
    x = np.random.default_rng(0).random((64, 28, 28, 1)).astype("float32")
    y = np.arange(64) % 10
    with pytest.raises(ValueError, match="patience needs validation_split or validation_data"):
        models.train(m, x, y, epochs=1, patience=2)
    history, seconds = models.train(m, x, y, epochs=3, validation_split=0.25, patience=1, verbose=0)
    assert 1 <= len(history.history["loss"]) <= 3 and seconds > 0
    assert "val_loss" in history.history


def test_one_device_uses_the_default_strategy(models):
    import tensorflow as tf

    strategy = models.distribution_strategy()
    if len(tf.config.list_logical_devices("GPU")) > 1:
        assert isinstance(strategy, tf.distribute.MirroredStrategy)
    else:
        assert strategy is tf.distribute.get_strategy()


def test_time_budget_stops_training_early(models, monkeypatch):
    m = models.compile_model(models.dense_baseline, optimizer="sgd", hidden=4)
    x = np.random.default_rng(0).random((64, 28, 28, 1)).astype("float32")
    for fast in ("0", "1"):  # the wall clock and fast mode's estimated clock
        monkeypatch.setenv("COURSE_FAST", fast)
        history, _ = models.train(m, x, np.arange(64) % 10, epochs=50, time_budget=0.0, verbose=0)
        assert len(history.history["loss"]) == 1  # the first epoch already passed a budget of 0 s


def test_multiply_adds_of_the_slides_mnist_model(models):
    convs = 26 * 26 * 9 * 32 + 11 * 11 * 9 * 32 * 64 + 3 * 3 * 9 * 64 * 64
    dense = 576 * 64 + 64 * 10
    others = 13 * 13 * 32 + 5 * 5 * 64 + 576  # one operation per output of the pooling and flatten layers
    assert models.multiply_adds(models.mnist_slide_model()) == convs + dense + others == 2_801_824
    assert (
        models.estimated_epoch_seconds(models.mnist_slide_model(), 1000, 500)
        == 2_801_824 * 3500 / models.REFERENCE_MACS_PER_SECOND
    )


def test_fast_mode_time_budget_buys_the_same_epochs_under_any_load(models, monkeypatch):
    """In fast mode the budget is counted on the estimated clock: a machine
    1000x slower (a wall clock that jumps 1000 s per reading) trains just as
    many epochs, so two runs give the same numbers."""
    m = models.compile_model(models.dense_baseline, optimizer="sgd", hidden=4)
    x = np.random.default_rng(0).random((64, 28, 28, 1)).astype("float32")
    y = np.arange(64) % 10
    per_epoch = models.estimated_epoch_seconds(m, 48, 16)  # validation_split 0.25 of 64 examples
    ticks = iter(range(0, 10**9, 1000))
    monkeypatch.setattr(models, "time", SimpleNamespace(perf_counter=lambda: float(next(ticks))))
    monkeypatch.setenv("COURSE_FAST", "1")
    history, _ = models.train(m, x, y, epochs=50, validation_split=0.25, time_budget=2.5 * per_epoch, verbose=0)
    assert len(history.history["loss"]) == 3  # the third epoch is the first to end past 2.5 epochs' time
    monkeypatch.setenv("COURSE_FAST", "0")
    history, _ = models.train(m, x, y, epochs=50, validation_split=0.25, time_budget=2.5 * per_epoch, verbose=0)
    assert len(history.history["loss"]) == 1  # the wall clock: 1000 s had passed after the first epoch
    with pytest.raises(ValueError, match="clock must be"):
        models.TimeBudget(1, clock="cpu")


def test_the_cifar10_recipe_trains_with_or_without_augmentation(models):
    rng = np.random.default_rng(0)
    x, y = rng.integers(0, 256, (32, 32, 32, 3), dtype=np.uint8), rng.integers(0, 10, 32)
    for augment in (True, False):
        model, history, _ = models.fit_cifar10(x, y, epochs=1, batch_size=16, width=4, augment=augment, verbose=0)
        names = {layer.name for layer in model.layers}
        assert ({"flip", "shift"} <= names) is augment
        assert len(history.history["loss"]) == 1
    with pytest.raises(TypeError, match="augment"):
        models.fit_cifar10(x, y, epochs=1, augment="no")


def test_one_cycle_rises_to_its_peak_then_falls_to_one_percent(models):
    schedule = models.one_cycle(0.01, 200)
    rates = np.array([float(schedule(step)) for step in range(201)])
    assert rates[0] == 0 and rates.argmax() == 20 and np.isclose(rates.max(), 0.01)
    assert np.all(np.diff(rates[:21]) > 0) and np.all(np.diff(rates[20:]) <= 0)
    assert np.isclose(rates[200], 0.01 * 0.01)  # the last step: 1% of the peak
    with pytest.raises(ValueError, match="steps"):
        models.one_cycle(0.01, 1)


def test_duration_picks_a_unit_a_person_reads(models):
    assert [models.duration(s) for s in (0.0421, 42.4, 100, 390, 7200)] == [
        "42 ms",
        "42 s",
        "1.7 min",
        "6.5 min",
        "2.0 h",
    ]
    with pytest.raises(ValueError, match="seconds"):
        models.duration(-1)


def test_time_estimate_prints_the_cost_from_the_first_batches(models, monkeypatch, capsys):
    """A clock that the test moves on by 0.5 s per batch: 20 batches an epoch
    make 10 s per epoch and 30 s for 3 epochs."""
    now = [0.0]
    monkeypatch.setattr(models, "time", SimpleNamespace(perf_counter=lambda: now[0]))

    def run(estimate, epochs, steps):
        estimate.set_params({"epochs": epochs, "steps": steps})
        estimate.on_train_begin()
        for epoch in range(epochs):
            estimate.on_epoch_begin(epoch)
            for batch in range(steps):
                now[0] += 0.5
                estimate.on_train_batch_end(batch)
            estimate.on_epoch_end(epoch)
        return estimate.seconds_per_epoch

    assert run(models.TimeEstimate(), 3, 20) == 10.0
    assert capsys.readouterr().out == "Measured on this machine: about 10 s per epoch, 30 s for 3 epochs.\n"
    # an epoch of 5 batches is too short to skip 2 and time 10: the second epoch is timed whole
    assert run(models.TimeEstimate(note="early stopping ends it sooner"), 100, 5) == 2.5
    assert (
        capsys.readouterr().out
        == "Measured on this machine: about 2 s per epoch, 4.2 min for 100 epochs (early stopping ends it sooner).\n"
    )
    with pytest.raises(ValueError, match="measure"):
        models.TimeEstimate(measure=0)


def test_time_budget_picks_its_clock(models, monkeypatch):
    monkeypatch.setenv("COURSE_FAST", "1")
    assert models.TimeBudget(5, train_examples=100).clock == "estimated"  # fast mode: runs repeat exactly
    assert models.TimeBudget(7 * 60).clock == "wall"  # a safety limit a fast run never reaches
    monkeypatch.setenv("COURSE_FAST", "0")
    assert models.TimeBudget(5, train_examples=100).clock == "wall"  # a person: real seconds
    with pytest.raises(ValueError, match="needs train_examples"):
        models.TimeBudget(5, clock="estimated")
    with pytest.raises(ValueError, match="seconds"):
        models.TimeBudget(-1)
